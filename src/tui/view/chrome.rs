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
        Span::styled(
            format!(" · {}", screen_name(app.view)),
            Style::default().add_modifier(Modifier::BOLD),
        ),
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

/// What the header calls each screen.
fn screen_name(v: View) -> &'static str {
    match v {
        View::Board => "board",
        View::Table => "table",
        View::Detail => "request",
        View::Answer => "answer",
        View::Matrix => "matrix",
        View::Codebook => "codebook",
        View::Search => "search",
        View::Stats => "statistics",
        View::Inbox => "inbox",
    }
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
                Prompt::RowFilter => "bodies: ".to_string(),
                Prompt::CellFilter => {
                    "cells (q5 refused s.43, a tag; Enter applies, Esc cancels): ".to_string()
                }
                Prompt::Search => "search answers, notes, quotes: ".to_string(),
                Prompt::NewTag => "new tag (e.g. fdp/pilot): ".to_string(),
                Prompt::RenameTag(old) => format!("rename {} to: ", text::line(old)),
                Prompt::MergeTag(from) => format!("merge {} into: ", text::line(from)),
                Prompt::Assign(id) => {
                    format!("file message {id} under (ODS in this campaign, or CAMPAIGN/ODS): ")
                }
                Prompt::Export(_) => format!(
                    "write to ({}; Enter writes, Esc cancels): ",
                    crate::export::Format::extensions()
                ),
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
    // "? help" first: whatever the width, a newcomer can find every other key.
    let mut shown: Vec<&keymap::Binding> = keymap::visible(app.view).filter(|b| b.footer).collect();
    shown.sort_by_key(|b| b.action != crate::tui::action::Action::Help);
    let hints: Vec<Span> = shown
        .into_iter()
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
    let lines: Vec<Line> = keymap::visible(app.view)
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
    let h = area.height.saturating_sub(2).max(5);
    // Two columns when one would not fit (the answer screen has many keys).
    let two = lines.len() > h.saturating_sub(2) as usize && area.width >= 100;
    let w = if two {
        area.width.min(140)
    } else {
        area.width.clamp(20, 72)
    };
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" keys (any key closes) ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if two {
        let half = lines.len().div_ceil(2);
        let mut right = lines;
        let left = right.drain(..half).collect::<Vec<_>>();
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(inner);
        frame.render_widget(Paragraph::new(left).wrap(Wrap { trim: false }), l);
        frame.render_widget(Paragraph::new(right).wrap(Wrap { trim: false }), r);
    } else {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}
