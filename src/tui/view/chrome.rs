//! The header, the footer (hints, the prompt and what is said about it) and the help, all
//! from the keymap and the screen registry.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::Theme;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, Binding};

pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let campaign = app
        .sh
        .current_campaign()
        .map_or("no campaign".to_string(), |c| text::line(&c.slug));
    let marks = if app.sh.marks.is_empty() {
        String::new()
    } else {
        format!("  {} marked", app.sh.marks.len())
    };
    let filter = if app.sh.filter.is_empty() {
        String::new()
    } else {
        format!(
            "  filter: {} ({} of {})",
            text::line(&app.sh.filter),
            app.sh.shown().len(),
            app.sh.rows.len()
        )
    };
    let name = app.screen().name();
    // The parts a narrow terminal can do without are dropped first, from the end.
    let mut parts: Vec<(Span, bool)> = vec![
        (
            Span::styled(" foiboard ", Style::default().add_modifier(Modifier::BOLD)),
            true,
        ),
        (Span::styled(campaign, theme.fg(Color::Cyan)), true),
        (
            Span::styled(
                format!(" · {name}"),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            true,
        ),
        (Span::raw(format!("  {} requests", app.sh.rows.len())), true),
        (Span::raw(marks), true),
        (Span::raw(filter), true),
        (
            Span::styled(
                crate::tui::fetching::header(&app.mail).unwrap_or_default(),
                theme.fg(Color::Yellow),
            ),
            true,
        ),
        (Span::raw(format!("  today {}", app.sh.today)), false),
        (
            Span::styled(
                format!("  updated {}", app.sh.changed_at),
                theme.fg(Color::DarkGray),
            ),
            false,
        ),
    ];
    let width = |p: &[(Span, bool)]| p.iter().map(|(s, _)| s.width()).sum::<usize>();
    while width(&parts) > area.width as usize {
        match parts.iter().rposition(|(_, keep)| !keep) {
            Some(i) => {
                parts.remove(i);
            }
            None => break,
        }
    }
    let line = Line::from(parts.into_iter().map(|(s, _)| s).collect::<Vec<_>>());
    frame.render_widget(Paragraph::new(line), area);
}

/// A message's words in lines of at most `width` columns, broken between words (a word
/// longer than a line is broken where it must be).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_string();
        loop {
            let used = Span::raw(line.as_str()).width();
            let need = Span::raw(word.as_str()).width() + usize::from(used > 0);
            if used + need <= width {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than a line: as much as fits, the rest on the next.
            let mut cut = 0;
            for (i, c) in word.char_indices() {
                if Span::raw(&word[..i + c.len_utf8()]).width() > width {
                    break;
                }
                cut = i + c.len_utf8();
            }
            let cut = cut.max(word.chars().next().map_or(1, char::len_utf8));
            lines.push(word[..cut].to_string());
            word = word[cut..].to_string();
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines the message needs at this width, from one to a third of the screen.
/// What the message line shows: a window's question while it asks one (it replaces an older
/// message, which no longer applies), else the latest message; and whether it is an error.
fn shown_message(app: &App) -> Option<(String, Tone)> {
    if let Some(q) = app.window.as_ref().and_then(|w| w.question()) {
        return Some((q, Tone::Question));
    }
    app.sh
        .message
        .as_ref()
        .map(|(m, error)| (m.clone(), if *error { Tone::Error } else { Tone::Said }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Said,
    Error,
    Question,
}

pub fn message_lines(app: &App, width: u16, height: u16) -> u16 {
    let n = shown_message(app).map_or(1, |(m, _)| {
        wrap_words(&text::line(&m), usize::from(width)).len()
    });
    u16::try_from(n)
        .unwrap_or(u16::MAX)
        .clamp(1, (height / 3).max(1))
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let lines = area.height.saturating_sub(1).max(1);
    let message = shown_message(app).map(|(msg, tone)| {
        let style = match tone {
            Tone::Error => theme.fg(Color::Red),
            Tone::Said => theme.fg(Color::Green),
            Tone::Question => theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        };
        let wrapped: Vec<Line> = wrap_words(&text::line(&msg), usize::from(area.width))
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect();
        wrapped
    });
    match &app.prompt {
        Some(state) => {
            let [top, bottom] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(lines)]).areas(area);
            // The line being edited, with its cursor; a prefilled text shows selected.
            let (before, at, after) = state.editor.parts();
            let text_style = if state.editor.is_selected() {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            let line = Line::from(vec![
                Span::styled(
                    state.kind.label(),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::styled(text::line(before), text_style),
                Span::styled(
                    if at.is_empty() {
                        " ".to_string()
                    } else {
                        text::line(at)
                    },
                    Style::default().add_modifier(Modifier::REVERSED),
                ),
                Span::styled(text::line(after), text_style),
            ]);
            frame.render_widget(Paragraph::new(line), top);
            // An error, a warning or a question about what was typed shows right under it.
            let under = message.unwrap_or_else(|| {
                vec![Line::from(Span::styled(
                    "Enter done · Esc cancel · ←/→ Home End Ctrl-U Ctrl-W edit · ↑/↓ earlier",
                    theme.fg(Color::DarkGray),
                ))]
            });
            frame.render_widget(Paragraph::new(under), bottom);
        }
        None => {
            let [top, bottom] =
                Layout::vertical([Constraint::Length(lines), Constraint::Length(1)]).areas(area);
            frame.render_widget(Paragraph::new(message.unwrap_or_default()), top);
            frame.render_widget(
                Paragraph::new(hints(app.screen().bindings(), bottom.width)),
                bottom,
            );
        }
    }
}

/// The footer's hints: the screen's most useful keys, as many as fit, "? help" always first.
fn hints(own: &[&'static [Binding]], width: u16) -> Line<'static> {
    let all = keymap::footer(own);
    let span = |b: &Binding| -> Vec<Span<'static>> {
        vec![
            Span::styled(b.label, Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(format!(" {}  ", short_help(b.help))),
        ]
    };
    let mut spans: Vec<Span> = all
        .iter()
        .filter(|b| b.action == Action::Help)
        .flat_map(|b| span(b))
        .collect();
    let mut used: usize = spans.iter().map(|s| s.width()).sum();
    for b in all.iter().filter(|b| b.action != Action::Help) {
        let s = span(b);
        let w: usize = s.iter().map(|x| x.width()).sum();
        if used + w <= width as usize {
            used += w;
            spans.extend(s);
        }
    }
    Line::from(spans)
}

/// A hint's words, short enough that five fit on a line: "record: sent" is "sent", "outcome:
/// answered, then next question" is "answered", "filter bodies: name, ODS" is "filter bodies".
fn short_help(help: &str) -> &str {
    let (head, tail) = help.split_once(':').unwrap_or((help, ""));
    let chosen = match head.trim() {
        "record" | "outcome" => tail,
        _ => head,
    };
    chosen.split([',', '(']).next().unwrap_or(chosen).trim()
}

/// The help: exactly the keys the screen dispatches (its own, then the global ones it does not
/// override) and the `:` commands, scrolled with ↑/↓ and PgUp/PgDn.
pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let (lines, _) = crate::tui::help::lines(app.screen());
    let h = area.height.saturating_sub(2).max(5);
    let w = area.width.clamp(20, 80);
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    frame.render_widget(Clear, popup);
    let rows = h.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(rows);
    let scroll = (app.help_scroll as usize).min(max_scroll);
    let title = if max_scroll > 0 {
        format!(
            " keys {}-{} of {}: ↑/↓ PgDn scroll, Esc closes ",
            scroll + 1,
            (scroll + rows).min(lines.len()),
            lines.len()
        )
    } else {
        " keys: Esc closes ".to_string()
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        popup,
    );
}
