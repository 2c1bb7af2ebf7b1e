//! The help's text: exactly the keys a screen dispatches (its own, then the global ones it
//! does not override) and the `:` commands, from the tables that dispatch them.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::keymap;
use super::screen::Screen;

/// The help's lines, and where its list of `:` commands starts (`:help` scrolls there).
pub fn lines(own: &dyn Screen) -> (Vec<Line<'static>>, usize) {
    let n_own: usize = own.bindings().iter().map(|t| t.len()).sum();
    let mut lines: Vec<Line> = Vec::new();
    let underlined = Style::default().add_modifier(Modifier::UNDERLINED);
    for (i, b) in keymap::visible(own.bindings()).into_iter().enumerate() {
        if i == 0 && n_own > 0 {
            lines.push(Line::styled(format!("on the {}", own.name()), underlined));
        }
        if i == n_own {
            lines.push(Line::styled("everywhere", underlined));
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>7}  ", b.label),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw(b.help),
        ]));
    }
    // The `:` commands, from the table that dispatches them.
    lines.push(Line::raw(""));
    let commands_at = lines.len();
    lines.push(Line::styled("commands (type :, Tab completes)", underlined));
    for c in crate::tui::commands::COMMANDS {
        let head = if c.args.is_empty() {
            format!(":{}", c.name)
        } else {
            format!(":{} {}", c.name, c.args)
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{head:<17}  "),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw(c.help),
        ]));
    }
    (lines, commands_at)
}
