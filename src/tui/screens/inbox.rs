//! The inbox screen: messages on the left (unmatched first), the selected one on the right
//! with where it is filed, how it was matched, its suggestion and its text.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::text;
use crate::tui::app::App;
use crate::tui::view::Theme;

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding};

/// Imported mail: the unmatched first, then suggestions waiting for a decision.
pub struct Inbox;

impl Screen for Inbox {
    fn view(&self) -> View {
        View::Inbox
    }

    fn name(&self) -> &'static str {
        "inbox"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::INBOX]
    }

    fn load(&self, app: &mut App) -> anyhow::Result<()> {
        app.load_inbox()
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        // Page keys read the message; ↑/↓ choose another.
        match action {
            Action::PageDown => {
                app.inbox.scroll_by(10);
                return Ok(true);
            }
            Action::PageUp => {
                app.inbox.scroll_by(-10);
                return Ok(true);
            }
            _ => {}
        }
        if let Some(delta) = movement(action) {
            app.inbox.step(delta);
            return Ok(true);
        }
        match action {
            Action::Open => app.open_mail_request()?,
            Action::Back => app.back_from_browse(),
            Action::AcceptMail => app.accept_mail()?,
            Action::DismissMail => app.dismiss_mail()?,
            Action::AssignMail => app.ask_assign(),
            Action::SplitMail => app.split_mail()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

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
    // With nothing to read, the way mail gets in takes the whole screen.
    let list = if inbox.messages.is_empty() {
        area
    } else {
        list
    };
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} messages · {unmatched} unmatched · {waiting} suggestions waiting ",
        inbox.messages.len()
    ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if inbox.messages.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "No mail yet.\n\nSave the authorities' replies (in Outlook or Gmail: save or download as .eml; or export the folder as an mbox) and bring them in with\n\n  foiboard import mail FILE...\n\nEach is filed under its request by its reference, the [campaign/ODS] token in the subject or the sender; what cannot be matched waits here to be filed with a.",
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
    // Never scrolled past its last line.
    let last = u16::try_from(lines.len().saturating_sub(1)).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((inbox.scroll.min(last), 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" message · PgDn/PgUp scroll "),
            ),
        read,
    );
}
