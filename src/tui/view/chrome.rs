//! The header, the footer (hints, prompt, messages) and the help screen, all from the keymap.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::text;
use crate::tui::app::{App, Prompt, View};
use crate::tui::keymap;

pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let campaign = app
        .current_campaign()
        .map_or("no campaign".to_string(), |c| text::line(&c.slug));
    let marks = if app.marks.is_empty() {
        String::new()
    } else {
        format!("  {} marked", app.marks.len())
    };
    let filter = if app.filter.is_empty() {
        String::new()
    } else {
        format!("  filter: {}", text::line(&app.filter))
    };
    let line = Line::from(vec![
        Span::styled(" foiboard ", Style::default().add_modifier(Modifier::BOLD)),
        Span::styled(campaign, theme.fg(Color::Cyan)),
        Span::raw(format!(
            "  today {}  {} requests{marks}{filter}",
            app.today,
            app.rows.len()
        )),
        Span::styled(
            format!("  updated {}", app.changed_at),
            theme.fg(Color::DarkGray),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let [top, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let status = match (&app.prompt, &app.message) {
        (Some((kind, input)), _) => {
            let label = match kind {
                Prompt::Filter => "filter: ".to_string(),
                Prompt::Date(ev) => format!(
                    "{ev} on (YYYY-MM-DD, today, yesterday, -N; Enter records, Esc cancels): "
                ),
                Prompt::Command => ":".to_string(),
            };
            Line::from(vec![
                Span::raw(label),
                Span::raw(text::line(input)),
                Span::raw("▏"),
            ])
        }
        (None, Some((msg, error))) => {
            let style = if *error {
                theme.fg(Color::Red)
            } else {
                theme.fg(Color::Green)
            };
            Line::from(Span::styled(text::line(msg), style))
        }
        (None, None) => Line::raw(""),
    };
    frame.render_widget(Paragraph::new(status), top);
    let hints: Vec<Span> = keymap::visible(app.view == View::Detail)
        .filter(|b| b.footer)
        .flat_map(|b| {
            [
                Span::styled(b.label, Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(format!(" {}  ", b.help)),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(hints)), bottom);
}

pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let w = area.width.clamp(20, 72);
    let h = area.height.saturating_sub(2).max(5);
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    let lines: Vec<Line> = keymap::visible(app.view == View::Detail)
        .map(|b| {
            Line::from(vec![
                Span::styled(
                    format!("{:>7}  ", b.label),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(b.help),
            ])
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" keys (any key closes) "),
        ),
        popup,
    );
}
