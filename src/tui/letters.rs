//! Letters from the board: `L` writes one for the selected (or marked) requests, shows it to
//! adjust, and sends it after a confirmation that names the recipients, or saves it as .eml.
//! Also the correspondence of a request's detail, opened one message at a time.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::app::{App, Prompt};
use super::overlay::{area_text, text_area, Overlay};
use crate::letters::outbox::{self, Delivery};
use crate::letters::{Kind, Letter};
use crate::model::Campaign;
use crate::store::{Message, RequestRef};
use crate::text;

/// Letters written and waiting for the user's word.
#[derive(Debug)]
pub struct LetterDraft {
    pub kind: Kind,
    pub campaign: Campaign,
    /// Each request with its letter. With one, the text shown can be adjusted before it goes.
    pub letters: Vec<(RequestRef, Letter)>,
    /// Requests that were not given one, with the reason.
    pub skipped: Vec<String>,
    pub area: TextArea<'static>,
    /// Ctrl-S was pressed: y sends, anything else goes back to the letter.
    pub confirm: bool,
    /// Ctrl-O wrote the letters as `.eml` files into this folder: y records them as sent
    /// today (the group sends them from its own mail program), anything else records nothing.
    pub saved_in: Option<std::path::PathBuf>,
}

impl LetterDraft {
    /// "gstt.foi@nhs.net, cuh.foi@nhs.net and 10 more".
    pub fn recipients(&self) -> String {
        let names: Vec<String> = self
            .letters
            .iter()
            .map(|(_, l)| text::line(&l.to))
            .collect();
        match names.len() {
            0..=3 => names.join(", "),
            n => format!("{} and {} more", names[..2].join(", "), n - 2),
        }
    }
}

/// One message of the correspondence, opened to read.
#[derive(Debug)]
pub struct MessageView {
    pub title: String,
    pub text: String,
    pub scroll: u16,
}

impl MessageView {
    pub fn of(m: &Message, attachments_dir: &std::path::Path) -> MessageView {
        let l = text::line;
        let mut t = String::new();
        if m.direction == "sent" {
            t.push_str(&format!("To: {}\n", l(&m.recipient)));
            t.push_str(&format!("Sent: {}\n", m.sent_on));
            if m.delivery == "pending" {
                t.push_str("NOT CONFIRMED SENT: the sending was interrupted; `foiboard send` sends it again\n");
            }
        } else {
            t.push_str(&format!("From: {} <{}>\n", l(&m.sender_name), l(&m.sender)));
            t.push_str(&format!("Received: {}\n", m.sent_on));
            t.push_str(&format!("Filed by: {}\n", l(&m.matched_by)));
        }
        t.push_str(&format!("Subject: {}\n", l(&m.subject)));
        for a in &m.attachments {
            t.push_str(&format!(
                "Attachment: {} ({} bytes) {}\n",
                l(&a.name),
                a.size,
                crate::files::private::where_kept(attachments_dir, &a.path)
            ));
        }
        t.push('\n');
        t.push_str(&text::block(&m.body));
        MessageView {
            title: format!(" message #{} · ↑/↓ PgUp/PgDn scroll · Esc closes ", m.id),
            text: t,
            scroll: 0,
        }
    }
}

impl App {
    /// `L`: ask which letter, offering the one that fits where the selected request
    /// stands (the word can be changed before Enter).
    pub(super) fn ask_letter(&mut self) {
        if self.targets().is_empty() {
            self.say("select a request first", true);
        } else {
            let kind = self.selected_row().map_or(Kind::Chase, fitting_letter);
            self.ask(Prompt::Letter, kind.as_str().into());
        }
    }

    /// Writes `kind` for the selected or marked requests and shows it.
    pub(super) fn write_letters(&mut self, input: &str) -> anyhow::Result<()> {
        let kind: Kind = input
            .parse()
            .map_err(|e: crate::letters::UnknownKind| super::UserMessage(e.to_string()))?;
        let Some(campaign) = self.current_campaign().cloned() else {
            return Err(super::UserMessage("there is no campaign".into()).into());
        };
        let run = outbox::Run::new(&self.store, &campaign, kind, false, self.today)?;
        let mut letters = Vec::new();
        let mut skipped = Vec::new();
        for req in self.targets() {
            match outbox::prepare(&self.store, &run, &req)? {
                Ok(l) => letters.push((req, l)),
                Err(why) => skipped.push(format!("{}: {why}", outbox::who(&req))),
            }
        }
        if letters.is_empty() {
            return Err(super::UserMessage(format!(
                "no {kind} letter to write: {}",
                skipped.join("; ")
            ))
            .into());
        }
        let area = text_area(&letters[0].1.body);
        self.overlay = Some(Overlay::Letter(Box::new(LetterDraft {
            kind,
            campaign,
            letters,
            skipped,
            area,
            confirm: false,
            saved_in: None,
        })));
        Ok(())
    }

    pub(super) fn letter_key(
        &mut self,
        mut d: Box<LetterDraft>,
        k: KeyEvent,
    ) -> anyhow::Result<()> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(dir) = d.saved_in.take() {
            if k.code == KeyCode::Char('y') {
                return self.mark_letters_sent(*d);
            }
            self.say(
                format!(
                    "{} letter(s) saved as .eml in {}; not recorded as sent (`foiboard letter mark-sent {} ...` records them once they went)",
                    d.letters.len(),
                    dir.display(),
                    d.kind
                ),
                false,
            );
            return Ok(());
        }
        if d.confirm {
            if k.code == KeyCode::Char('y') {
                return self.send_letters(*d);
            }
            d.confirm = false;
            self.overlay = Some(Overlay::Letter(d));
            return Ok(());
        }
        match k.code {
            KeyCode::Esc => {
                self.say("no letter sent", false);
                return Ok(());
            }
            KeyCode::Char('s') if ctrl => d.confirm = true,
            KeyCode::Char('o') if ctrl => return self.save_letters(*d),
            _ if d.letters.len() == 1 => {
                super::overlay::type_into(&mut d.area, k);
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Letter(d));
        Ok(())
    }

    /// With one letter, what the user adjusted is what goes.
    fn final_letters(d: &LetterDraft) -> Vec<(RequestRef, Letter)> {
        let mut out = d.letters.clone();
        if out.len() == 1 {
            out[0].1.body = area_text(&d.area) + "\n";
        }
        out
    }

    fn send_letters(&mut self, d: LetterDraft) -> anyhow::Result<()> {
        let from = outbox::sender(&self.store)?;
        let local = match &self.config_path {
            Some(path) => crate::config::LocalConfig::load_from(path)?,
            None => crate::config::LocalConfig::default(),
        };
        let transport = outbox::configured_transport(&local)?;
        let (mut sent, mut failed) = (Vec::new(), Vec::new());
        let mut in_a_row = 0;
        for (req, letter) in Self::final_letters(&d) {
            // The server is gone: the rest would each wait out a timeout with the board still.
            if in_a_row >= outbox::GIVE_UP_AFTER {
                failed.push(format!("{}: not tried", outbox::who(&req)));
                continue;
            }
            match outbox::deliver(
                &mut self.store,
                &transport,
                &d.campaign,
                &req,
                letter,
                &from,
                self.today,
            )? {
                Delivery::Sent { to } | Delivery::Written { to } => {
                    self.remember_change()?;
                    sent.push(to);
                    in_a_row = 0;
                }
                Delivery::Failed(why) => {
                    failed.push(format!("{}: {why}", outbox::who(&req)));
                    in_a_row += 1;
                }
            }
        }
        self.reload()?;
        let mut msg = format!("sent {} {} letter(s)", sent.len(), d.kind);
        if !failed.is_empty() {
            msg.push_str(&format!(
                "; {} NOT sent (press L again to retry): {}",
                failed.len(),
                failed.join("; ")
            ));
        }
        self.say(msg, !failed.is_empty());
        Ok(())
    }

    fn save_letters(&mut self, mut d: LetterDraft) -> anyhow::Result<()> {
        let dir = match &self.eml_dir {
            Some(d) => d.clone(),
            None => std::env::current_dir()?,
        };
        let transport = crate::letters::mailout::Transport::Files {
            dir: dir.clone(),
            db: self.store.path().to_path_buf(),
        };
        let from = outbox::sender(&self.store)?;
        for (req, letter) in Self::final_letters(&d) {
            outbox::deliver(
                &mut self.store,
                &transport,
                &d.campaign,
                &req,
                letter,
                &from,
                self.today,
            )?;
        }
        // The window stays open with the question on its last line: the letters are
        // recorded as sent only when the member says they go from their own mail program.
        d.letters = Self::final_letters(&d);
        d.saved_in = Some(dir);
        self.overlay = Some(Overlay::Letter(Box::new(d)));
        Ok(())
    }

    /// The letters the member saved as `.eml` files and sends themselves, recorded as sent
    /// today with the events they mean.
    fn mark_letters_sent(&mut self, d: LetterDraft) -> anyhow::Result<()> {
        let run = outbox::Run::new(&self.store, &d.campaign, d.kind, false, self.today)?;
        let (mut marked, mut skipped) = (0, Vec::new());
        for (req, _) in &d.letters {
            match outbox::mark_sent(&mut self.store, &run, req, self.today)? {
                Ok(_) => {
                    self.remember_change()?;
                    marked += 1;
                }
                Err(why) => skipped.push(format!("{}: {why}", outbox::who(req))),
            }
        }
        self.reload()?;
        let mut msg = format!("recorded {marked} {} letter(s) as sent today", d.kind);
        if !skipped.is_empty() {
            msg.push_str(&format!("; not recorded: {}", skipped.join("; ")));
        }
        self.say(msg, !skipped.is_empty());
        Ok(())
    }

    pub(super) fn message_key(&mut self, mut m: MessageView, k: KeyEvent) -> anyhow::Result<()> {
        match k.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => return Ok(()),
            KeyCode::Up | KeyCode::Char('k') => m.scroll = m.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => m.scroll = m.scroll.saturating_add(1),
            KeyCode::PageUp => m.scroll = m.scroll.saturating_sub(10),
            KeyCode::PageDown => m.scroll = m.scroll.saturating_add(10),
            _ => {}
        }
        self.overlay = Some(Overlay::Message(m));
        Ok(())
    }

    /// Opens the `i`th message of the request's correspondence (newest first).
    pub(super) fn open_message(&mut self, i: usize) {
        if let Some(m) = self.correspondence.get(i) {
            let view = MessageView::of(m, &self.store.attachments_dir());
            self.overlay = Some(Overlay::Message(view));
        }
    }

    /// Overdue requests of the campaign not chased in the last 5 working days: the board's
    /// `to-chase` filter.
    pub(super) fn load_to_chase(&mut self) -> anyhow::Result<()> {
        self.to_chase = outbox::to_chase(&self.store, &self.rows, self.today)?;
        Ok(())
    }
}

/// The letter a request needs next: the request itself until it is sent; a review once a
/// reply left questions unanswered; a complaint once the review was answered (or is late);
/// a chaser otherwise. Every status is placed here, so a new one must be.
pub fn fitting_letter(r: &crate::store::RequestSummary) -> Kind {
    use crate::law::Status;
    match r.status {
        Status::NotSent => Kind::Request,
        Status::ReviewAnswered | Status::ReviewOverdue | Status::Ico => Kind::Complaint,
        Status::Responded | Status::Lapsed | Status::Closed => {
            if r.answered < r.questions && r.decided > 0 {
                Kind::Review
            } else {
                Kind::Chase
            }
        }
        Status::Awaiting
        | Status::Overdue
        | Status::LongOverdue
        | Status::Clarification
        | Status::Fee
        | Status::Review
        | Status::Withdrawn => Kind::Chase,
    }
}
