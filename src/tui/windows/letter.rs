//! Letters from the board: `L` writes one for the selected (or marked) requests, this window
//! shows it to adjust, and it is sent after a confirmation that names the recipients, or saved
//! as .eml files for the member's own mail program and recorded as sent once they say so.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use ratatui_textarea::TextArea;

use super::text::{area_text, block, text_area, type_into};
use crate::letters::outbox::{self, Delivery};
use crate::letters::{Kind, Letter};
use crate::model::Campaign;
use crate::store::RequestRef;
use crate::text;
use crate::tui::shared::{refuse, Shared, UserMessage};
use crate::tui::theme::Theme;

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
    /// Writes the letter the user typed (`request`, `chase`, ...) for the selected or marked
    /// requests, to show.
    pub fn write(sh: &Shared, input: &str) -> anyhow::Result<LetterDraft> {
        let kind: Kind = input
            .trim()
            .parse()
            .map_err(|e: crate::letters::UnknownKind| UserMessage(e.to_string()))?;
        let Some(campaign) = sh.current_campaign().cloned() else {
            return refuse("there is no campaign");
        };
        let run = outbox::Run::new(&sh.store, &campaign, kind, false, sh.today)?;
        let mut letters = Vec::new();
        let mut skipped = Vec::new();
        for req in sh.targets() {
            match outbox::prepare(&sh.store, &run, &req)? {
                Ok(l) => letters.push((req, l)),
                Err(why) => skipped.push(format!("{}: {why}", outbox::who(&req))),
            }
        }
        if letters.is_empty() {
            return refuse(format!("no {kind} letter to write: {}", skipped.join("; ")));
        }
        let area = text_area(&letters[0].1.body);
        Ok(LetterDraft {
            kind,
            campaign,
            letters,
            skipped,
            area,
            confirm: false,
            saved_in: None,
        })
    }

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

    /// A key in the window; `None` once it closed.
    pub fn key(
        mut self: Box<Self>,
        sh: &mut Shared,
        k: KeyEvent,
    ) -> anyhow::Result<Option<Box<Self>>> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(dir) = self.saved_in.take() {
            if k.code == KeyCode::Char('y') {
                self.mark_sent(sh)?;
                return Ok(None);
            }
            sh.say(
                format!(
                    "{} letter(s) saved as .eml in {}; not recorded as sent (`foiboard letter mark-sent {} ...` records them once they went)",
                    self.letters.len(),
                    dir.display(),
                    self.kind
                ),
                false,
            );
            return Ok(None);
        }
        if self.confirm {
            if k.code == KeyCode::Char('y') {
                self.send(sh)?;
                return Ok(None);
            }
            self.confirm = false;
            return Ok(Some(self));
        }
        match k.code {
            KeyCode::Esc => {
                sh.say("no letter sent", false);
                return Ok(None);
            }
            KeyCode::Char('s') if ctrl => self.confirm = true,
            KeyCode::Char('o') if ctrl => {
                self.save(sh)?;
            }
            _ if self.letters.len() == 1 => type_into(&mut self.area, k),
            _ => {}
        }
        Ok(Some(self))
    }

    /// With one letter, what the user adjusted is what goes.
    fn final_letters(&self) -> Vec<(RequestRef, Letter)> {
        let mut out = self.letters.clone();
        if out.len() == 1 {
            out[0].1.body = area_text(&self.area) + "\n";
        }
        out
    }

    fn send(&self, sh: &mut Shared) -> anyhow::Result<()> {
        let from = outbox::sender(&sh.store)?;
        let local = match &sh.config_path {
            Some(path) => crate::config::LocalConfig::load_from(path)?,
            None => crate::config::LocalConfig::default(),
        };
        let mut transport = outbox::Outbox::configured(&local)?;
        let (mut sent, mut failed) = (Vec::new(), Vec::new());
        let mut in_a_row = 0;
        let mut not_filed = None;
        for (req, letter) in self.final_letters() {
            // The server is gone: the rest would each wait out a timeout with the board still.
            if in_a_row >= outbox::GIVE_UP_AFTER {
                failed.push(format!("{}: not tried", outbox::who(&req)));
                continue;
            }
            match outbox::deliver(
                &mut sh.store,
                &mut transport,
                &self.campaign,
                &req,
                letter,
                &from,
                sh.today,
            )? {
                Delivery::Sent { to, filed } => {
                    sh.remember_change();
                    sent.push(to);
                    in_a_row = 0;
                    if let outbox::Filing::Failed(why) = filed {
                        not_filed = Some(why);
                    }
                }
                Delivery::Written { to } => {
                    sh.remember_change();
                    sent.push(to);
                    in_a_row = 0;
                }
                Delivery::Failed(why) => {
                    failed.push(format!("{}: {why}", outbox::who(&req)));
                    in_a_row += 1;
                }
            }
        }
        sh.reload()?;
        let mut msg = format!("sent {} {} letter(s)", sent.len(), self.kind);
        if !failed.is_empty() {
            msg.push_str(&format!(
                "; {} NOT sent (press L again to retry): {}",
                failed.len(),
                failed.join("; ")
            ));
        }
        if let Some(why) = not_filed {
            msg.push_str(&format!("; copies not filed in Sent: {why}"));
        }
        sh.say(msg, !failed.is_empty());
        Ok(())
    }

    /// Ctrl-O: the letters written as `.eml` files; the window stays open with the question
    /// on the message line, as they are recorded as sent only when the member says they go
    /// from their own mail program.
    fn save(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        let dir = match &sh.eml_dir {
            Some(d) => d.clone(),
            None => std::env::current_dir()?,
        };
        let mut transport = outbox::Outbox::files(dir.clone(), sh.store.path().to_path_buf());
        let from = outbox::sender(&sh.store)?;
        let letters = self.final_letters();
        for (req, letter) in letters.clone() {
            outbox::deliver(
                &mut sh.store,
                &mut transport,
                &self.campaign,
                &req,
                letter,
                &from,
                sh.today,
            )?;
        }
        self.letters = letters;
        self.saved_in = Some(dir);
        Ok(())
    }

    /// The letters the member saved as `.eml` files and sends themselves, recorded as sent
    /// today with the events they mean.
    fn mark_sent(&self, sh: &mut Shared) -> anyhow::Result<()> {
        let run = outbox::Run::new(&sh.store, &self.campaign, self.kind, false, sh.today)?;
        let (mut marked, mut skipped) = (0, Vec::new());
        for (req, _) in &self.letters {
            match outbox::mark_sent(&mut sh.store, &run, req, sh.today)? {
                Ok(_) => {
                    sh.remember_change();
                    marked += 1;
                }
                Err(why) => skipped.push(format!("{}: {why}", outbox::who(req))),
            }
        }
        sh.reload()?;
        let mut msg = format!("recorded {marked} {} letter(s) as sent today", self.kind);
        if !skipped.is_empty() {
            msg.push_str(&format!("; not recorded: {}", skipped.join("; ")));
        }
        sh.say(msg, !skipped.is_empty());
        Ok(())
    }

    pub fn paste(&mut self, clean: &str) {
        if self.letters.len() == 1 {
            self.area.insert_str(clean);
        }
    }

    /// Send? Record as sent? Asked on the message line.
    pub fn question(&self) -> Option<String> {
        match &self.saved_in {
            Some(dir) => Some(format!(
                "Saved as .eml in {}. Record them as sent today, once they go from your mail program? y records · any other key records nothing",
                text::line(&dir.display().to_string())
            )),
            None if self.confirm => Some(format!(
                "Send the {} letter to {}? y sends (it cannot be undone) · any other key goes back",
                self.kind,
                self.recipients()
            )),
            None => None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        let skipped = if self.skipped.is_empty() { 0 } else { 2 };
        let [head, body, note, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(skipped),
            Constraint::Length(1),
        ])
        .areas(win);
        let first = &self.letters[0].1;
        let to = if self.letters.len() == 1 {
            text::line(&first.to)
        } else {
            format!("{} bodies: {}", self.letters.len(), self.recipients())
        };
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(format!(" To: {to}")),
                Line::from(format!(" Subject: {}", text::line(&first.subject))),
            ]),
            head,
        );
        let mut area = self.area.clone();
        let title = if self.letters.len() == 1 {
            format!(" the {} letter · edit it here before it goes ", self.kind)
        } else {
            format!(
                " the {} letter to {} (the first shown; each is written for its own request) ",
                self.kind,
                text::line(&self.letters[0].0.body.short_name)
            )
        };
        area.set_block(block(title, true, theme));
        frame.render_widget(&area, body);
        if skipped > 0 {
            frame.render_widget(
                Paragraph::new(format!(
                    " no letter for {} request(s): {}",
                    self.skipped.len(),
                    text::line(&self.skipped.join("; "))
                ))
                .wrap(Wrap { trim: true })
                .style(theme.fg(Color::Yellow)),
                note,
            );
        }
        // A question (send? record?) is asked on the message line, not here.
        let hint = if self.saved_in.is_some() || self.confirm {
            Span::styled(
                " answer the question on the message line below ",
                theme.fg(Color::Yellow),
            )
        } else {
            Span::raw(" Ctrl-S sends (asks first) · Ctrl-O saves as .eml here · Esc sends nothing ")
        };
        frame.render_widget(Paragraph::new(Line::from(hint)), foot);
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
