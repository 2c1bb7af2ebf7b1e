//! The inbox: imported mail in the board. The unmatched come first (someone must file them),
//! then messages whose suggested event waits for a decision, then the rest, newest first; the
//! selected one on the right with where it is filed, how it was matched, its suggestion and its
//! text. One key records a suggestion (or any event), files a message, or splits a response
//! into answers.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::store::{Message, MessageFilter};
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{bind, Binding};
use crate::tui::prompt::Prompt;
use crate::tui::screen::{movement, Screen};
use crate::tui::shared::{refuse, Shared, UserMessage};
use crate::tui::theme::Theme;
use crate::tui::windows::split::SplitPreview;
use crate::tui::windows::Window;

use KeyCode::Char as C;

/// Imported mail.
#[rustfmt::skip]
const INBOX: &[Binding] = &[
    bind(&[C('y')], "y", Action::AcceptMail, "record the event the message suggests", true),
    bind(&[C('e')], "e", Action::MailEvent, "record another event from the message", false),
    bind(&[C('x')], "x", Action::DismissMail, "set the suggestion aside", false),
    bind(&[C('a')], "a", Action::AssignMail, "file the message under a request", true),
    bind(&[C('p')], "p", Action::SplitMail, "split the response into answers", true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the message's request", true),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "scroll the message down", false),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "scroll the message up", false),
];

/// Imported mail: the unmatched first, then suggestions waiting for a decision.
#[derive(Debug, Default)]
pub struct Inbox {
    pub messages: Vec<Message>,
    /// The selected message, by id: kept across reloads.
    pub selected: Option<i64>,
    /// How far the selected message's text is scrolled (PgDn/PgUp), in lines.
    pub scroll: u16,
}

impl Inbox {
    /// Takes a fresh list, in inbox order, keeping the selection where it can.
    fn take(&mut self, mut list: Vec<Message>) {
        list.sort_by_key(|m| (m.request.is_some(), m.open_proposal().is_none()));
        self.messages = list;
        if self
            .selected
            .is_none_or(|id| !self.messages.iter().any(|m| m.id == id))
        {
            self.selected = self.messages.first().map(|m| m.id);
        }
    }

    pub fn cursor(&self) -> usize {
        self.selected
            .and_then(|id| self.messages.iter().position(|m| m.id == id))
            .unwrap_or(0)
    }

    pub fn current(&self) -> Option<&Message> {
        self.messages.get(self.cursor())
    }

    pub fn step(&mut self, delta: i64) {
        if self.messages.is_empty() {
            return;
        }
        let n = self.messages.len() as i64;
        let next = (self.cursor() as i64 + delta.clamp(-n, n)).clamp(0, n - 1) as usize;
        if self.selected != Some(self.messages[next].id) {
            self.scroll = 0;
        }
        self.selected = Some(self.messages[next].id);
    }

    /// Scrolls the selected message's text by `lines` (negative: back up).
    pub fn scroll_by(&mut self, lines: i32) {
        self.scroll = u16::try_from((i32::from(self.scroll) + lines).max(0)).unwrap_or(u16::MAX);
    }

    fn current_mail(&self) -> anyhow::Result<Message> {
        match self.current() {
            Some(m) => Ok(m.clone()),
            None => {
                refuse("no message: `foiboard import mail FILE` or :import FILE brings mail in")
            }
        }
    }

    /// Asks which event the selected message records, its suggestion (if any) offered.
    fn ask_event(&self, sh: &mut Shared) -> Effect {
        match self.current() {
            Some(m) if m.request.is_none() => {
                sh.say("file the message under a request first (a)", true);
                Effect::Done
            }
            Some(m) => {
                let offered = m
                    .proposed
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default();
                Effect::Ask(Prompt::MailEvent(m.id), offered)
            }
            None => {
                sh.say("no message to record from", true);
                Effect::Done
            }
        }
    }

    /// What the event prompt of message `id` holds: an event's word, then the day (the
    /// message's own when none is given).
    fn event_typed(&self, sh: &mut Shared, id: i64, typed: &str) -> anyhow::Result<()> {
        let typed = typed.trim();
        let (word, day) = typed.split_once(' ').unwrap_or((typed, ""));
        let kind: crate::law::EventKind = word
            .parse()
            .map_err(|e: crate::law::UnknownWord| UserMessage(format!("{e} (Tab completes)")))?;
        let on = match day.trim() {
            "" => None,
            d => Some(crate::dates::parse_date(d, sh.today)?),
        };
        record_from_mail(sh, id, Some(kind), on)
    }

    /// Files message `id` under the request typed: an ODS code or part of a body's name in
    /// this campaign, or CAMPAIGN/ODS.
    fn assign(&self, sh: &mut Shared, id: i64, typed: &str) -> anyhow::Result<()> {
        let typed = typed.trim();
        let (campaign, ods) = match typed.split_once('/') {
            Some((c, o)) => (sh.store.campaign(c.trim())?, o.trim().to_string()),
            None => match sh.current_campaign() {
                Some(c) => (c.clone(), typed.to_string()),
                None => return refuse("there is no campaign"),
            },
        };
        let request = match sh.store.request(&campaign, &ods) {
            Ok(r) => r,
            Err(_) if sh.current_campaign().is_some_and(|c| c.id == campaign.id) => {
                let (found, _) = sh.find_request(&ods)?;
                match sh.rows.iter().find(|r| r.request.id == found) {
                    Some(row) => row.request.clone(),
                    None => return refuse("that request is no longer on the board"),
                }
            }
            Err(e) => return Err(e.into()),
        };
        sh.commit(|s, _| s.assign_message(id, request.id))?;
        sh.say(
            format!(
                "message filed under {}/{} (u undoes)",
                campaign.slug, request.body.ods_code
            ),
            false,
        );
        Ok(())
    }

    /// The proposed split of the selected message into answers.
    fn split(&self, sh: &Shared) -> anyhow::Result<Effect> {
        let m = self.current_mail()?;
        let Some(r) = &m.request else {
            return refuse("file the message under a request first (a)");
        };
        let parts = sh.store.propose_split(&m)?;
        if parts.is_empty() {
            return refuse(
                "no numbered answers found in this message: record them in the request's answers",
            );
        }
        Ok(Effect::Open(Window::Split(SplitPreview {
            request_id: r.id,
            label: format!("{}/{}", r.campaign, r.ods),
            parts: parts
                .into_iter()
                .map(|p| (p.question, p.text, true))
                .collect(),
            cursor: 0,
        })))
    }

    /// Enter: the message's request, in its campaign.
    fn open_request(&self, sh: &mut Shared) -> anyhow::Result<Effect> {
        let m = self.current_mail()?;
        let Some(r) = &m.request else {
            return refuse("this message is not filed under a request yet (a files it)");
        };
        if sh.current_campaign().is_none_or(|c| c.slug != r.campaign) {
            if let Some(i) = sh.campaigns.iter().position(|c| c.slug == r.campaign) {
                sh.switch_campaign(i)?;
            }
        }
        sh.filter.clear();
        sh.selected = Some(r.id);
        Ok(Effect::OpenRequest {
            request: r.id,
            question: 1,
        })
    }

    fn draw_inbox(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let [list, read] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let inbox = self;
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
                Span::raw(format!(
                    "{} ({} bytes){}",
                    text::line(&a.name),
                    a.size,
                    if a.text_note.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", text::line(&a.text_note))
                    }
                )),
            ]));
        }
        lines.push(Line::raw(""));
        lines.extend(
            text::block(&m.readable())
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
}

/// Records the event message `id` suggests (`kind` unset), or `kind`, on `on` or the
/// message's day.
fn record_from_mail(
    sh: &mut Shared,
    id: i64,
    kind: Option<crate::law::EventKind>,
    on: Option<chrono::NaiveDate>,
) -> anyhow::Result<()> {
    let a = sh.commit(|s, today| s.accept_message(id, kind, on, today))?;
    let mut said = format!("recorded '{}' on {} (u undoes)", a.kind, a.on);
    if let Some(r) = &a.reference {
        said.push_str(&format!("; reference {} recorded", text::line(r)));
    }
    if a.rematched > 0 {
        said.push_str(&format!("; {} waiting message(s) filed", a.rematched));
    }
    sh.say(said, false);
    Ok(())
}

impl Screen for Inbox {
    fn name(&self) -> &'static str {
        "inbox"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[INBOX]
    }

    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        let list = sh.store.messages(&MessageFilter {
            received_only: true,
            ..MessageFilter::default()
        })?;
        self.take(list);
        Ok(())
    }

    fn leave(&mut self) {
        self.messages.clear();
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        // Page keys read the message; ↑/↓ choose another.
        match action {
            Action::PageDown => {
                self.scroll_by(10);
                return Ok(Effect::Done);
            }
            Action::PageUp => {
                self.scroll_by(-10);
                return Ok(Effect::Done);
            }
            _ => {}
        }
        if let Some(delta) = movement(action) {
            self.step(delta);
            return Ok(Effect::Done);
        }
        match action {
            Action::Open => return self.open_request(sh),
            Action::Back => return Ok(Effect::Lists),
            Action::AcceptMail => {
                let m = self.current_mail()?;
                record_from_mail(sh, m.id, None, None)?;
            }
            Action::MailEvent => return Ok(self.ask_event(sh)),
            Action::DismissMail => {
                let m = self.current_mail()?;
                sh.commit(|s, _| s.dismiss_message(m.id))?;
                sh.say("suggestion set aside (u undoes)", false);
            }
            Action::AssignMail => match self.current() {
                Some(m) => return Ok(Effect::Ask(Prompt::Assign(m.id), String::new())),
                None => sh.say("no message to file", true),
            },
            Action::SplitMail => return self.split(sh),
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn on_prompt(
        &mut self,
        sh: &mut Shared,
        prompt: &Prompt,
        text: &str,
    ) -> anyhow::Result<Effect> {
        match prompt {
            Prompt::Assign(id) => self.assign(sh, *id, text)?,
            Prompt::MailEvent(id) => self.event_typed(sh, *id, text)?,
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _sh: &Shared, theme: Theme) {
        self.draw_inbox(frame, area, theme)
    }
}
