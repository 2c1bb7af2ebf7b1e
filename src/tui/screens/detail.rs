//! One request: its body, the deadline with its working, the timeline and the answers.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::board::clock_label;
use crate::law::Status;
use crate::text;
use crate::tui::app::App;
use crate::tui::view::Theme;

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding};

/// One request: its body, deadlines with their rules, timeline and answers.
pub struct Detail;

impl Screen for Detail {
    fn view(&self) -> View {
        View::Detail
    }

    fn name(&self) -> &'static str {
        "request"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::DETAIL, keymap::REQUESTS]
    }

    fn load(&self, app: &mut App) -> anyhow::Result<()> {
        app.load_detail()
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        // PgDn/PgUp scroll the request pane (its dates run long on a small terminal), no
        // further than its last line as last drawn.
        match action {
            Action::PageDown => {
                app.detail_scroll = app
                    .detail_scroll
                    .saturating_add(5)
                    .min(app.detail_scroll_max.get());
                return Ok(true);
            }
            Action::PageUp => {
                app.detail_scroll = app.detail_scroll.saturating_sub(5);
                return Ok(true);
            }
            _ => {}
        }
        // The cursor goes down the questions, then on down the correspondence.
        if let Some(delta) = movement(action) {
            let n = app.selected_row().map_or(1, |r| r.questions.max(1)) as i64
                + app.correspondence.len() as i64;
            let q = (app.detail_question as i64 + delta.clamp(-n, n)).clamp(1, n);
            app.detail_question = q as u32;
            return Ok(true);
        }
        match action {
            Action::Open => {
                let questions = app.selected_row().map_or(0, |r| r.questions);
                if app.detail_question > questions {
                    app.open_message((app.detail_question - questions - 1) as usize);
                } else if let Some(id) = app.selected {
                    app.open_answer(id, app.detail_question, View::Detail)?;
                }
            }
            Action::Back => app.enter(app.list_view)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(r) = app.selected_row() else {
        frame.render_widget(Paragraph::new("No request selected."), area);
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let b = &r.request.body;
    let rep = &r.report;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} ({})", text::line(&b.name), text::line(&b.ods_code)),
            bold,
        )),
        Line::raw(format!(
            "{} · {} · {} · {}",
            text::line(&b.kind),
            text::line(&b.region),
            text::line(&b.icb_name),
            r.request.regime
        )),
    ];
    if !b.foi_email.is_empty() {
        lines.push(Line::raw(format!(
            "FOI email: {}",
            text::line(&b.foi_email)
        )));
    }
    if !r.request.wdtk_url.is_empty() {
        lines.push(Line::raw(format!(
            "WhatDoTheyKnow request: {}",
            text::line(&r.request.wdtk_url)
        )));
    } else if let Some(p) = b.wdtk_page() {
        lines.push(Line::raw(format!(
            "WhatDoTheyKnow (the body's page): {}",
            text::line(&p)
        )));
    }
    if !r.request.reference.trim().is_empty() {
        lines.push(Line::raw(format!(
            "Their reference: {}",
            text::line(&r.request.reference)
        )));
    }
    lines.push(Line::raw(""));
    // The status, then what the clock adds to it (never the same word twice): how many
    // questions were answered once there is a reply.
    let clock = clock_label(r.working_days_left, r.status);
    let beside = if clock == r.status.as_str() {
        if rep.responded.is_some() {
            r.answered_words()
        } else {
            String::new()
        }
    } else {
        clock
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{}  ", r.status), bold),
        Span::styled(
            beside,
            theme.urgency(r.working_days_left, r.status == Status::LongOverdue),
        ),
    ]));
    if let Some(d) = r.last_chased {
        lines.push(Line::raw(format!("  chased on {}", d.format("%-d %b %Y"))));
    }
    if let Some(timing) = rep.response_timing() {
        lines.push(Line::raw(format!("  {timing}")));
    }
    let timetable = rep.timetable();
    // The labels' own width, not a fixed one: the date stays on its line at 80 columns.
    let label_width = timetable
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0);
    for t in timetable {
        lines.push(Line::raw(format!(
            "  {:<label_width$} {} {}",
            t.label,
            t.date,
            t.date.format("%a")
        )));
        if let Some(rule) = t.rule {
            lines.push(Line::from(Span::styled(
                format!("      {rule}"),
                theme.fg(ratatui::style::Color::DarkGray),
            )));
        }
    }
    for g in &rep.guidance {
        lines.push(Line::raw(format!("  note: {g}")));
    }
    let holidays: Vec<_> = rep
        .skipped
        .iter()
        .filter(|s| s.reason != "weekend")
        .collect();
    if !holidays.is_empty() {
        lines.push(Line::raw("  not counted:"));
        for s in holidays {
            lines.push(Line::raw(format!(
                "    {} {}",
                s.date,
                text::line(&s.reason)
            )));
        }
    }
    for m in &rep.moves {
        lines.push(Line::raw(format!(
            "  {} {}: {}",
            m.date,
            m.event,
            text::line(&m.effect)
        )));
    }
    for w in r.problem.iter().chain(&rep.warnings) {
        lines.push(Line::from(Span::styled(
            format!("  ! {}", text::line(w)),
            theme.fg(ratatui::style::Color::Yellow),
        )));
    }
    // Lines as wrapped at the pane's width: what is below the pane is reached with PgDn, and
    // the title says so.
    let inner = usize::from(left.width.saturating_sub(2)).max(1);
    let rows = usize::from(left.height.saturating_sub(2));
    let wrapped: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let max_scroll = wrapped.saturating_sub(rows);
    let scroll = usize::from(app.detail_scroll).min(max_scroll);
    app.detail_scroll_max
        .set(u16::try_from(max_scroll).unwrap_or(u16::MAX));
    let title = match (scroll > 0, scroll < max_scroll) {
        (false, false) => " request ".to_string(),
        (false, true) => " request · PgDn more ".to_string(),
        (true, true) => " request · PgUp/PgDn more ".to_string(),
        (true, false) => " request · PgUp back ".to_string(),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        left,
    );

    let (events, answers) = match &app.detail {
        Some((e, a)) => (e.as_slice(), a.as_slice()),
        None => (&[][..], &[][..]),
    };
    // Numbered, for `:event N` and `:remove N`.
    let mut right_lines: Vec<Line> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let note = if e.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", text::line(&e.note))
            };
            let outcome = if e.outcome.is_empty() {
                String::new()
            } else {
                format!(" [{}]", text::line(&e.outcome))
            };
            // Which message it came from: the letter sent, or a reply imported.
            let from = if e.source.starts_with("letter:") {
                " (letter sent)"
            } else if e.source.starts_with("mail:") {
                " (from mail)"
            } else {
                ""
            };
            Line::raw(format!(
                "{:>2} {} {}{outcome}{note}{from}",
                i + 1,
                e.on,
                e.kind
            ))
        })
        .collect();
    if right_lines.is_empty() {
        right_lines.push(Line::raw("nothing recorded yet: s records 'sent'"));
    }
    right_lines.push(Line::raw(""));
    for q in 1..=r.questions {
        let a = answers.iter().find(|a| a.question == q);
        let mark = if q == app.detail_question {
            "▶ "
        } else {
            "  "
        };
        let words = match a {
            Some(a) if a.exemptions.is_empty() => format!("Q{q} {}", a.outcome.label()),
            Some(a) => format!(
                "Q{q} {} ({})",
                a.outcome.label(),
                text::line(&a.exemptions.join(", "))
            ),
            None => format!("Q{q} —"),
        };
        let style = match a {
            Some(a) => theme.outcome(a.outcome),
            None => Style::default(),
        };
        let style = if q == app.detail_question {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        right_lines.push(Line::from(Span::styled(format!("{mark}{words}"), style)));
    }
    right_lines.push(Line::raw(""));
    if app.correspondence.is_empty() {
        right_lines.push(Line::raw("no correspondence: L writes a letter"));
    }
    for (i, m) in app.correspondence.iter().enumerate() {
        let at = r.questions + 1 + i as u32;
        let mark = if at == app.detail_question {
            "▶ "
        } else {
            "  "
        };
        let (arrow, who) = if m.direction == "sent" {
            ("→", &m.recipient)
        } else {
            ("←", &m.sender)
        };
        let clip = if m.attachments.is_empty() {
            String::new()
        } else {
            format!(" +{} file(s)", m.attachments.len())
        };
        let pending = if m.delivery == "pending" {
            " NOT CONFIRMED SENT"
        } else {
            ""
        };
        let line = format!(
            "{mark}{} {arrow} {} {}{clip}{pending}",
            m.sent_on,
            text::line(who),
            text::line(&m.subject)
        );
        let style = if at == app.detail_question {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        right_lines.push(Line::from(Span::styled(line, style)));
    }
    right_lines.push(Line::raw(
        "  ↑/↓ choose a question or a message · Enter opens it",
    ));
    frame.render_widget(
        Paragraph::new(right_lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" timeline · answers · mail "),
            ),
        right,
    );
}
