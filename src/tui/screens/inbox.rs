//! The inbox screen: messages on the left (unmatched first), the selected one on the right
//! with where it is filed, how it was matched, its suggestion and its text.
//!
//! The inbox: imported mail in the board. The unmatched come first (someone must file them),
//! then messages whose suggested event waits for a decision, then the rest, newest first.
//! One key records a suggestion, files a message, or splits a response into answers.

use super::{movement, Screen, View};
use crate::store::{Message, MessageFilter};
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::Prompt;
use crate::tui::keymap::{self, Binding};
use crate::tui::overlay::{Overlay, SplitPreview};
use crate::tui::view::Theme;
use crate::tui::UserMessage;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

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
            Action::MailEvent => app.ask_mail_event(),
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

#[derive(Debug, Default)]
pub struct InboxState {
    pub messages: Vec<Message>,
    /// The selected message, by id: kept across reloads.
    pub selected: Option<i64>,
    /// How far the selected message's text is scrolled (PgDn/PgUp), in lines.
    pub scroll: u16,
}

impl InboxState {
    /// Takes a fresh list, in inbox order, keeping the selection where it can.
    fn load(&mut self, mut list: Vec<Message>) {
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
}

impl App {
    pub fn show_inbox(&mut self) -> anyhow::Result<()> {
        self.answer = None;
        self.enter(View::Inbox)
    }

    /// Reads the mail again while the inbox shows.
    pub(in crate::tui) fn load_inbox(&mut self) -> anyhow::Result<()> {
        if self.view == View::Inbox {
            let list = self.store.messages(&MessageFilter {
                received_only: true,
                ..MessageFilter::default()
            })?;
            self.inbox.load(list);
        }
        Ok(())
    }

    fn current_mail(&self) -> anyhow::Result<Message> {
        self.inbox.current().cloned().ok_or_else(|| {
            UserMessage("no message: `foiboard import mail FILE` brings mail in".into()).into()
        })
    }

    pub(in crate::tui) fn accept_mail(&mut self) -> anyhow::Result<()> {
        let m = self.current_mail()?;
        self.record_from_mail(m.id, None, None)
    }

    /// Asks which event the selected message records, its suggestion (if any) offered.
    pub(in crate::tui) fn ask_mail_event(&mut self) {
        match self.inbox.current() {
            Some(m) if m.request.is_none() => {
                self.say("file the message under a request first (a)", true)
            }
            Some(m) => {
                let offered = m
                    .proposed
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default();
                self.ask(Prompt::MailEvent(m.id), offered)
            }
            None => self.say("no message to record from", true),
        }
    }

    /// What the event prompt of message `id` holds: an event's word, then the day (the
    /// message's own when none is given).
    pub fn mail_event(&mut self, id: i64, typed: &str) -> anyhow::Result<()> {
        let typed = typed.trim();
        let (word, day) = typed.split_once(' ').unwrap_or((typed, ""));
        let kind: crate::law::EventKind = word
            .parse()
            .map_err(|e: crate::law::UnknownWord| UserMessage(format!("{e} (Tab completes)")))?;
        let on = match day.trim() {
            "" => None,
            d => Some(crate::dates::parse_date(d, self.today)?),
        };
        self.record_from_mail(id, Some(kind), on)
    }

    fn record_from_mail(
        &mut self,
        id: i64,
        kind: Option<crate::law::EventKind>,
        on: Option<chrono::NaiveDate>,
    ) -> anyhow::Result<()> {
        let a = self.commit(|s, today| s.accept_message(id, kind, on, today))?;
        let mut said = format!("recorded '{}' on {} (u undoes)", a.kind, a.on);
        if let Some(r) = &a.reference {
            said.push_str(&format!("; reference {} recorded", crate::text::line(r)));
        }
        if a.rematched > 0 {
            said.push_str(&format!("; {} waiting message(s) filed", a.rematched));
        }
        self.say(said, false);
        Ok(())
    }

    pub(in crate::tui) fn dismiss_mail(&mut self) -> anyhow::Result<()> {
        let m = self.current_mail()?;
        self.commit(|s, _| s.dismiss_message(m.id))?;
        self.say("suggestion set aside (u undoes)", false);
        Ok(())
    }

    pub(in crate::tui) fn ask_assign(&mut self) {
        match self.inbox.current() {
            Some(m) => self.ask(Prompt::Assign(m.id), String::new()),
            None => self.say("no message to file", true),
        }
    }

    /// Files message `id` under the request typed: an ODS code in this campaign, or
    /// CAMPAIGN/ODS.
    pub fn assign_mail(&mut self, id: i64, typed: &str) -> anyhow::Result<()> {
        let typed = typed.trim();
        let (campaign, ods) = match typed.split_once('/') {
            Some((c, o)) => (self.store.campaign(c.trim())?, o.trim().to_string()),
            None => (
                self.current_campaign()
                    .cloned()
                    .ok_or_else(|| UserMessage("there is no campaign".into()))?,
                typed.to_string(),
            ),
        };
        // An ODS code, or part of a body's name (in the campaign on the board).
        let request = match self.store.request(&campaign, &ods) {
            Ok(r) => r,
            Err(_) if self.current_campaign().is_some_and(|c| c.id == campaign.id) => {
                let (found, _) = self.find_request(&ods)?;
                let Some(row) = self.rows.iter().find(|r| r.request.id == found) else {
                    return Err(UserMessage("that request is no longer on the board".into()).into());
                };
                row.request.clone()
            }
            Err(e) => return Err(e.into()),
        };
        self.commit(|s, _| s.assign_message(id, request.id))?;
        self.say(
            format!(
                "message filed under {}/{} (u undoes)",
                campaign.slug, request.body.ods_code
            ),
            false,
        );
        Ok(())
    }

    /// Imports the mail in the file at `path` (a `.eml` message or an mbox), as `foiboard
    /// import mail` does: every message read before anything is written, replies filed
    /// under their requests, one undoable change.
    pub(in crate::tui) fn import_mail_file(&mut self, path: &str) -> anyhow::Result<()> {
        let path = match path.strip_prefix("~/") {
            Some(rest) => dirs::home_dir().unwrap_or_default().join(rest),
            None => std::path::PathBuf::from(path),
        };
        let mails = crate::import::mail::read_path(&path).map_err(|e| {
            UserMessage(format!(
                "{}: {}",
                crate::text::line(&path.display().to_string()),
                crate::text::line(&e.to_string())
            ))
        })?;
        let done = self.commit(|s, _| s.import_mail(&mails))?;
        self.say(
            format!(
                "{} new message(s) from {}: {} filed under requests, {} to file by hand; {} seen before (u undoes)",
                done.new,
                crate::text::line(&path.display().to_string()),
                done.matched,
                done.unmatched,
                done.known
            ),
            false,
        );
        Ok(())
    }

    /// Opens the proposed split of the selected message into answers.
    pub(in crate::tui) fn split_mail(&mut self) -> anyhow::Result<()> {
        let m = self.current_mail()?;
        let Some(r) = &m.request else {
            return Err(UserMessage("file the message under a request first (a)".into()).into());
        };
        let parts = self.store.propose_split(&m)?;
        if parts.is_empty() {
            return Err(UserMessage(
                "no numbered answers found in this message: record them in the request's answers"
                    .into(),
            )
            .into());
        }
        self.overlay = Some(Overlay::Split(SplitPreview {
            request_id: r.id,
            label: format!("{}/{}", r.campaign, r.ods),
            parts: parts
                .into_iter()
                .map(|p| (p.question, p.text, true))
                .collect(),
            cursor: 0,
        }));
        Ok(())
    }

    /// Enter in the inbox: the message's request, in its campaign.
    pub(in crate::tui) fn open_mail_request(&mut self) -> anyhow::Result<()> {
        let m = self.current_mail()?;
        let Some(r) = &m.request else {
            return Err(UserMessage(
                "this message is not filed under a request yet (a files it)".into(),
            )
            .into());
        };
        if self.current_campaign().is_none_or(|c| c.slug != r.campaign) {
            if let Some(i) = self.campaigns.iter().position(|c| c.slug == r.campaign) {
                self.campaign = i;
                self.marks.clear();
            }
        }
        self.filter.clear();
        self.selected = Some(r.id);
        self.view = View::Detail;
        self.detail_question = 1;
        self.reload()?;
        Ok(())
    }
}
