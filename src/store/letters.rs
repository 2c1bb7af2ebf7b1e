//! Letters on the store's side: the group's own templates (settings, so shared and undoable),
//! the facts a letter is filled from, and the letters sent, kept as correspondence with the
//! event each one means.

use super::db::{params, Optional};
use chrono::NaiveDate;

use super::events::add_sourced;
use super::history::now;
use super::RequestRef;
use super::{Result, Store, StoreError};
use crate::law::EventKind;
use crate::letters::{self, Facts, Kind, Letter, Template};
use crate::model::{Campaign, NewEvent};

/// A letter that went, or is about to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub request_id: i64,
    pub message_id: String,
    pub from: String,
    pub letter: Letter,
}

/// The part of a letter's facts every request of a campaign shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterBasis {
    /// (number, text), in order.
    pub questions: Vec<(u32, String)>,
    /// Who signs (the display name of `config from`).
    pub sender: String,
    pub commissioner_email: String,
}

/// What a request has been sent before of one kind of letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentBefore {
    /// The day the latest one went.
    pub last_sent: Option<NaiveDate>,
    /// One whose sending was interrupted: sent again with its own Message-ID.
    pub pending: Option<String>,
}

fn setting_key(kind: Kind) -> String {
    format!("letter.{kind}")
}

impl Store {
    /// The template the group uses for `kind`: its own, or the built-in one.
    pub fn letter_template(&self, kind: Kind) -> Result<(Template, bool)> {
        match self.setting(&setting_key(kind))? {
            Some(text) if !text.trim().is_empty() => Template::parse(&text)
                .map(|t| (t, true))
                .map_err(|e| StoreError::Invalid(e.to_string())),
            _ => Ok((letters::builtin(kind), false)),
        }
    }

    /// Keeps the group's own template for `kind` (checked first), or goes back to the
    /// built-in one with `None`. Undoable, like every setting.
    pub fn set_letter_template(&mut self, kind: Kind, template: Option<&Template>) -> Result<()> {
        let text = match template {
            Some(t) => {
                t.check().map_err(|e| StoreError::Invalid(e.to_string()))?;
                t.to_text()
            }
            None => String::new(),
        };
        self.set_setting(&setting_key(kind), &text)
    }

    /// What every letter of the campaign shares: read once for a run of letters.
    pub fn letter_basis(&self, campaign: &Campaign) -> Result<LetterBasis> {
        Ok(LetterBasis {
            questions: self
                .questions(campaign.id)?
                .into_iter()
                .map(|q| (q.number, q.text))
                .collect(),
            sender: display_name(&self.setting("from")?.unwrap_or_default()),
            commissioner_email: self.setting("commissioner-email")?.unwrap_or_default(),
        })
    }

    /// Everything a letter about `req` may say.
    pub fn letter_facts(
        &self,
        campaign: &Campaign,
        req: &RequestRef,
        today: NaiveDate,
    ) -> Result<Facts> {
        let basis = self.letter_basis(campaign)?;
        self.letter_facts_with(&basis, campaign, req, today)
    }

    /// [`Store::letter_facts`] with the campaign's shared part already read.
    pub fn letter_facts_with(
        &self,
        basis: &LetterBasis,
        campaign: &Campaign,
        req: &RequestRef,
        today: NaiveDate,
    ) -> Result<Facts> {
        let summary = self.summary(campaign, req.id, today)?;
        let events = self.events(req.id)?;
        let reference = if req.reference.trim().is_empty() {
            events
                .iter()
                .rev()
                .find(|e| !e.reference.trim().is_empty())
                .map(|e| e.reference.clone())
                .unwrap_or_default()
        } else {
            req.reference.clone()
        };
        Ok(Facts {
            body: req.body.name.clone(),
            ods: req.body.ods_code.clone(),
            foi_email: req.body.foi_email.clone(),
            regime: req.regime,
            campaign_slug: campaign.slug.clone(),
            campaign_title: campaign.title.clone(),
            questions: basis.questions.clone(),
            report: summary.report,
            working_days_left: summary.working_days_left,
            answers: self.answers(req.id)?,
            reference,
            review_outcome: summary.review_outcome,
            sender: basis.sender.clone(),
            commissioner_email: basis.commissioner_email.clone(),
            today,
        })
    }

    /// The letters of `kind` sent to the request before.
    pub fn sent_before(&self, request_id: i64, kind: Kind) -> Result<SentBefore> {
        let last_sent: Option<String> = self.conn.query_row(
            "SELECT max(sent_on) FROM messages
             WHERE request_id = ?1 AND direction = 'sent' AND letter = ?2 AND delivery = 'sent'",
            params![request_id, kind.as_str()],
            |r| r.get(0),
        )?;
        let pending: Option<String> = self
            .conn
            .query_row(
                "SELECT message_id FROM messages
                 WHERE request_id = ?1 AND direction = 'sent' AND letter = ?2 AND delivery = 'pending'
                 ORDER BY id DESC LIMIT 1",
                params![request_id, kind.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(SentBefore {
            last_sent: last_sent.and_then(|d| d.parse().ok()),
            pending,
        })
    }

    /// The day the latest letter of `kind` went to each of `request_ids` that had one: one
    /// query for a campaign's requests, not one per request.
    pub fn last_sent_letters(
        &self,
        request_ids: &[i64],
        kind: Kind,
    ) -> Result<std::collections::HashMap<i64, NaiveDate>> {
        let ids =
            serde_json::to_string(request_ids).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT request_id, max(sent_on) FROM messages
             WHERE request_id IN (SELECT value FROM json_each(?1))
               AND direction = 'sent' AND letter = ?2 AND delivery = 'sent'
             GROUP BY request_id",
        )?;
        let rows = stmt.query_map(params![ids, kind.as_str()], |r| {
            Ok((r.get::<i64>(0)?, super::rows::date(r, 1)?))
        })?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            if let (id, Some(d)) = row? {
                out.insert(id, d);
            }
        }
        Ok(out)
    }

    /// Notes a letter as about to go, before it is handed to the mail server: if the run is
    /// interrupted now, the next run finds it pending and sends it again with the same
    /// Message-ID (so a server or reader that saw the first copy can tell).
    ///
    /// The correspondence is a record of what went out, not a member's change: it is written
    /// through the door that records no history, so no undo can take a letter back into the
    /// queue (an email cannot be unsent).
    pub fn letter_pending(&mut self, out: &Outgoing, today: NaiveDate) -> Result<()> {
        let author = self.author.clone();
        self.load(|w| keep_letter(w.tx, out, today, "sent by foiboard", "pending", &author))
    }

    /// A letter a member sent by other means (from their own mail program, after writing
    /// it as an `.eml` file), recorded as sent `on` that day with the event it means, in one
    /// transaction: so chasers are counted and `due --chase` moves on, and an interruption
    /// never leaves a pending letter that the next `send` would post a second time.
    pub fn letter_sent_by_hand(
        &mut self,
        out: &Outgoing,
        label: &str,
        on: NaiveDate,
    ) -> Result<()> {
        let event = self.letter_event_on(out, on)?;
        let author = self.author.clone();
        let summary = format!(
            "{} letter sent to {} (by hand)",
            out.letter.kind, out.letter.to
        );
        self.write(&summary, |w| {
            keep_letter(w.tx, out, on, "sent by other means", "sent", &author)?;
            add_sourced(w, out.request_id, label, std::slice::from_ref(&event))?;
            Ok(())
        })
    }

    /// The mail server took the letter: it is marked sent, for good, and the event it means
    /// is recorded on the day it went as the member's change. Undo takes back the event (and
    /// so the clock); the letter stays sent, and is not sent again without `--again`.
    pub fn letter_sent(&mut self, out: &Outgoing, label: &str, on: NaiveDate) -> Result<()> {
        let id: i64 = self.conn.query_row(
            "SELECT id FROM messages WHERE message_id = ?1",
            [&out.message_id],
            |r| r.get(0),
        )?;
        let event = self.letter_event_on(out, on)?;
        let summary = format!("{} letter sent to {}", out.letter.kind, out.letter.to);
        self.write(&summary, |w| {
            // Outside the change's history, in its transaction: the delivery is a fact.
            w.tx.execute(
                "UPDATE messages SET delivery = 'sent', sent_on = ?2, sent_at = ?3 WHERE id = ?1",
                params![id, on.to_string(), now()],
            )?;
            add_sourced(w, out.request_id, label, std::slice::from_ref(&event))?;
            Ok(())
        })
    }

    /// The event a letter sent `on` means for its request. A letter sent again (--again)
    /// is a note on the timeline: the request was received, or the review asked for, once.
    fn letter_event_on(&self, out: &Outgoing, on: NaiveDate) -> Result<NewEvent> {
        let mut event = letter_event(out, on);
        if event.kind != EventKind::Note
            && self
                .events(out.request_id)?
                .iter()
                .any(|e| e.kind == event.kind)
        {
            event.note = format!("{} letter sent again to {}", out.letter.kind, out.letter.to);
            event.kind = EventKind::Note;
        }
        Ok(event)
    }

    /// The request a received message answers, when it cites one of the letters foiboard
    /// sent (In-Reply-To or References).
    pub(super) fn request_replied_to(&self, ids: &[String]) -> Result<Option<i64>> {
        for id in ids {
            let found: Option<Option<i64>> = self
                .conn
                .query_row(
                    "SELECT request_id FROM messages WHERE message_id = ?1 AND direction = 'sent'",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(Some(r)) = found {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }
}

/// The letter in the correspondence, once (a letter already kept is left as it is), in
/// `tx` and outside the history: what went out is a fact no undo takes back.
fn keep_letter(
    tx: &super::db::Tx,
    out: &Outgoing,
    on: NaiveDate,
    how: &str,
    delivery: &str,
    author: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO messages (message_id, request_id, matched_by, sender, subject,
            sent_on, sent_at, body, direction, recipient, letter, delivery, author,
            imported_at)
         VALUES (?1, ?2, ?11, ?3, ?4, ?5, ?6, ?7, 'sent', ?8, ?9, ?12, ?10, ?6)
         ON CONFLICT (message_id) DO NOTHING",
        params![
            out.message_id,
            out.request_id,
            out.from,
            out.letter.subject,
            on.to_string(),
            now(),
            out.letter.body,
            out.letter.to,
            out.letter.kind.as_str(),
            author,
            how,
            delivery
        ],
    )?;
    Ok(())
}

/// The event a sent letter means.
fn letter_event(out: &Outgoing, today: NaiveDate) -> NewEvent {
    let kind = match out.letter.kind {
        Kind::Request => EventKind::Sent,
        Kind::Chase => EventKind::Note,
        Kind::Review => EventKind::ReviewRequested,
        Kind::Complaint => EventKind::IcoComplaint,
    };
    let mut e = NewEvent::new(kind, today);
    e.source = format!("letter:{}", out.message_id);
    if out.letter.kind == Kind::Chase {
        e.note = format!("chaser sent to {}", out.letter.to);
    }
    e
}

/// "Ann Example" from "Ann Example <ann@example.org>"; the address when there is no name.
pub fn display_name(from: &str) -> String {
    let from = from.trim();
    match from.split_once('<') {
        Some((name, _)) if !name.trim().is_empty() => name.trim().trim_matches('"').to_string(),
        Some((_, addr)) => addr.trim_end_matches('>').trim().to_string(),
        None => from.to_string(),
    }
}
