//! One request: its body, the deadline with its working, the timeline (numbered, for
//! `:event N` and `:remove N`), the answers and the correspondence both ways.

use std::cell::Cell;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::lists::clock_label;
use crate::law::Status;
use crate::model::{Answer, Event};
use crate::store::{Message, MessageFilter};
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::events::edit_from;
use crate::tui::keymap::{bind, Binding, REQUESTS};
use crate::tui::screen::{movement, Screen};
use crate::tui::shared::{refuse, Shared};
use crate::tui::theme::Theme;
use crate::tui::windows::message::MessageView;
use crate::tui::windows::Window;

/// A request's detail.
#[rustfmt::skip]
const DETAIL: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the selected question's answer", true),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "scroll the request's dates down", false),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "scroll the request's dates up", false),
];

/// One request: its body, deadlines with their rules, timeline, answers and mail.
#[derive(Debug, Default)]
pub struct Detail {
    /// The selected request's timeline, answers and correspondence (newest first), read when
    /// it opens or the campaign is read again (not per frame).
    pub events: Vec<Event>,
    pub answers: Vec<Answer>,
    pub correspondence: Vec<Message>,
    /// The cursor: a question (1 to the number asked), then the messages after them.
    pub cursor: u32,
    /// How far the request pane (its dates and rules) is scrolled: PgDn/PgUp.
    pub scroll: u16,
    /// The furthest the request pane can scroll at the size it was last drawn.
    pub scroll_max: Cell<u16>,
}

impl Detail {
    /// Opens on question `question`, the request pane at its top.
    pub fn focus(&mut self, question: u32) {
        self.cursor = question.max(1);
        self.scroll = 0;
    }

    /// Event `n` as numbered in the timeline.
    fn numbered_event(&self, n: &str) -> anyhow::Result<Event> {
        let picked = n
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.events.get(i));
        match picked {
            Some(e) => Ok(e.clone()),
            None => refuse(format!(
                "'{}' is not one of this request's events: they are numbered 1 to {}",
                text::line(n),
                self.events.len()
            )),
        }
    }

    fn draw_detail(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        let Some(r) = sh.selected_row() else {
            frame.render_widget(Paragraph::new("No request selected."), area);
            return;
        };
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
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
        let scroll = usize::from(self.scroll).min(max_scroll);
        self.scroll_max
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

        let (events, answers) = (&self.events, &self.answers);
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
            let mark = if q == self.cursor { "▶ " } else { "  " };
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
            let style = if q == self.cursor {
                style.add_modifier(Modifier::BOLD)
            } else {
                style
            };
            right_lines.push(Line::from(Span::styled(format!("{mark}{words}"), style)));
        }
        right_lines.push(Line::raw(""));
        if self.correspondence.is_empty() {
            right_lines.push(Line::raw("no correspondence: L writes a letter"));
        }
        for (i, m) in self.correspondence.iter().enumerate() {
            let at = r.questions + 1 + i as u32;
            let mark = if at == self.cursor { "▶ " } else { "  " };
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
            let style = if at == self.cursor {
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
}

impl Screen for Detail {
    fn name(&self) -> &'static str {
        "request"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[DETAIL, REQUESTS]
    }

    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        (self.events, self.answers, self.correspondence) = match sh.selected {
            Some(id) => (
                sh.store.events(id)?,
                sh.store.answers(id)?,
                sh.store.messages(&MessageFilter {
                    request_id: Some(id),
                    ..Default::default()
                })?,
            ),
            None => Default::default(),
        };
        Ok(())
    }

    fn leave(&mut self) {
        self.events.clear();
        self.answers.clear();
        self.correspondence.clear();
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        // PgDn/PgUp scroll the request pane (its dates run long on a small terminal), no
        // further than its last line as last drawn.
        match action {
            Action::PageDown => {
                self.scroll = self.scroll.saturating_add(5).min(self.scroll_max.get());
                return Ok(Effect::Done);
            }
            Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(5);
                return Ok(Effect::Done);
            }
            _ => {}
        }
        // The cursor goes down the questions, then on down the correspondence.
        if let Some(delta) = movement(action) {
            let n = sh.selected_row().map_or(1, |r| r.questions.max(1)) as i64
                + self.correspondence.len() as i64;
            let q = (self.cursor as i64 + delta.clamp(-n, n)).clamp(1, n);
            self.cursor = q as u32;
            return Ok(Effect::Done);
        }
        Ok(match action {
            Action::Open => {
                let questions = sh.selected_row().map_or(0, |r| r.questions);
                if self.cursor > questions {
                    let i = (self.cursor - questions - 1) as usize;
                    match self.correspondence.get(i) {
                        Some(m) => {
                            // On a group's server a colleague's attachment is written here
                            // from the database, so the path shown opens; one that cannot be
                            // is said, and the message opens all the same.
                            for a in &m.attachments {
                                if let Err(e) = sh.store.attachment_file(a) {
                                    sh.say(crate::text::line(&e.to_string()), true);
                                }
                            }
                            Effect::Open(Window::Message(MessageView::of(
                                m,
                                &sh.store.attachments_dir(),
                            )))
                        }
                        None => Effect::Done,
                    }
                } else if let Some(id) = sh.selected {
                    Effect::OpenAnswer {
                        request: id,
                        question: self.cursor,
                        from: View::Detail,
                        queue: false,
                    }
                } else {
                    Effect::Done
                }
            }
            Action::Back => Effect::Lists,
            _ => Effect::Pass,
        })
    }

    /// `:event N ...` corrects event N of the timeline, `:remove N` removes it.
    fn on_command(&mut self, sh: &mut Shared, name: &str, arg: &str) -> anyhow::Result<Effect> {
        if !matches!(name, "event" | "remove") {
            return Ok(Effect::Pass);
        }
        let (n, rest) = arg.split_once(' ').unwrap_or((arg, ""));
        let event = self.numbered_event(n)?;
        if name == "remove" {
            let gone = sh.commit(|s, _| s.remove_event(event.id))?;
            sh.say(
                format!("removed '{}' of {} (u undoes)", gone.kind, gone.on),
                false,
            );
        } else {
            let edit = edit_from(rest, sh.today)?;
            let now = sh.commit(|s, today| s.edit_event(event.id, &edit, today))?;
            sh.say(
                format!(
                    "event {n} is now '{}' of {}{}{} (u undoes)",
                    now.kind,
                    now.on,
                    if now.reference.is_empty() {
                        String::new()
                    } else {
                        format!(", ref {}", text::line(&now.reference))
                    },
                    if now.note.is_empty() {
                        String::new()
                    } else {
                        format!(", \"{}\"", text::line(&now.note))
                    },
                ),
                false,
            );
        }
        Ok(Effect::Done)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        self.draw_detail(frame, area, sh, theme)
    }
}
