//! The inbox screen: messages on the left (unmatched first), the selected one on the right
//! with where it is filed, how it was matched, its suggestion and its text.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::text;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let [list, read] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let inbox = &app.inbox;
    let unmatched = inbox
        .messages
        .iter()
        .filter(|m| m.request.is_none())
        .count();
    let waiting = inbox
        .messages
        .iter()
        .filter(|m| m.request.is_some() && m.open_proposal().is_some())
        .count();
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} messages · {unmatched} unmatched · {waiting} suggestions waiting ",
        inbox.messages.len()
    ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if inbox.messages.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "No mail yet: `foiboard import mail FILE...` brings .eml, mbox and maildir in.",
            )
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    // Only the rows that fit, scrolled to keep the selection in view.
    let h = inner.height as usize;
    let cursor = inbox.cursor();
    let top = cursor.saturating_sub(h.saturating_sub(1));
    let lines: Vec<Line> = inbox
        .messages
        .iter()
        .enumerate()
        .skip(top)
        .take(h)
        .map(|(i, m)| {
            let (filed, style) = match (&m.request, m.open_proposal()) {
                (None, _) => ("UNMATCHED".to_string(), theme.fg(Color::Red)),
                (Some(r), Some(_)) => (r.ods.clone(), theme.fg(Color::Yellow)),
                (Some(r), None) => (r.ods.clone(), Style::default()),
            };
            let suggest = m
                .open_proposal()
                .filter(|_| m.request.is_some())
                .map_or(String::new(), |k| format!(" → {k}"));
            let mut line = Line::from(vec![
                Span::raw(format!("{} ", m.sent_on.format("%d/%m"))),
                Span::styled(format!("{:<10} ", text::line(&filed)), style),
                Span::raw(text::line(&m.subject)),
                Span::styled(suggest, theme.fg(Color::Yellow)),
            ]);
            if i == cursor {
                line = line.style(theme.selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    let Some(m) = inbox.current() else {
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("from     ", bold),
            Span::raw(format!(
                "{} <{}>",
                text::line(&m.sender_name),
                text::line(&m.sender)
            )),
        ]),
        Line::from(vec![
            Span::styled("sent     ", bold),
            Span::raw(m.sent_on.to_string()),
        ]),
        Line::from(vec![
            Span::styled("subject  ", bold),
            Span::raw(text::line(&m.subject)),
        ]),
        Line::from(vec![
            Span::styled("filed    ", bold),
            match &m.request {
                Some(r) => Span::raw(format!(
                    "{}/{} {} ({})",
                    text::line(&r.campaign),
                    text::line(&r.ods),
                    text::line(&r.body),
                    text::line(&m.matched_by)
                )),
                None => Span::styled(
                    format!("not yet: {} (a files it)", text::line(&m.matched_by)),
                    theme.fg(Color::Red),
                ),
            },
        ]),
    ];
    let suggestion = match (m.proposed, m.proposal.as_str()) {
        (Some(k), "open") => format!("{k} on {} (y records it, x sets it aside)", m.sent_on),
        (Some(k), state) => format!("{k}: {state}"),
        (None, _) => "nothing (p splits a response into answers)".into(),
    };
    lines.push(Line::from(vec![
        Span::styled("suggests ", bold),
        Span::raw(suggestion),
    ]));
    for a in &m.attachments {
        lines.push(Line::from(vec![
            Span::styled("attached ", bold),
            Span::raw(format!("{} ({} bytes)", text::line(&a.name), a.size)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(
        text::block(&m.body)
            .lines()
            .map(|l| Line::raw(l.to_string())),
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" message ")),
        read,
    );
}
