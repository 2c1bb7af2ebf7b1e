//! The inbox: imported mail in the board. The unmatched come first (someone must file them),
//! then messages whose suggested event waits for a decision, then the rest, newest first.
//! One key records a suggestion, files a message, or splits a response into answers.

use super::app::{App, Prompt, View};
use super::overlay::{Overlay, SplitPreview};
use super::UserMessage;
use crate::store::{Message, MessageFilter};

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
    pub(super) fn load_inbox(&mut self) -> anyhow::Result<()> {
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

    pub(super) fn accept_mail(&mut self) -> anyhow::Result<()> {
        let m = self.current_mail()?;
        let a = self.commit(|s, today| s.accept_message(m.id, None, None, today))?;
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

    pub(super) fn dismiss_mail(&mut self) -> anyhow::Result<()> {
        let m = self.current_mail()?;
        self.commit(|s, _| s.dismiss_message(m.id))?;
        self.say("suggestion set aside (u undoes)", false);
        Ok(())
    }

    pub(super) fn ask_assign(&mut self) {
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
    pub(super) fn import_mail_file(&mut self, path: &str) -> anyhow::Result<()> {
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
    pub(super) fn split_mail(&mut self) -> anyhow::Result<()> {
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
    pub(super) fn open_mail_request(&mut self) -> anyhow::Result<()> {
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
