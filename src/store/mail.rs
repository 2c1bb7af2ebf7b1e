//! Correspondence: imported messages matched to requests (or queued, unmatched, for someone
//! to assign), their attachments kept in a folder beside the database, and the event each
//! suggests, recorded only when a user confirms it.

use std::collections::HashMap;

use super::db::{params, Optional};
use chrono::NaiveDate;
use serde::Serialize;

use super::attachments::Attachment;
use super::events::add_sourced;
use super::history::now;
use super::rows::{date, text};
use super::{Result, Store, StoreError};
use crate::law::EventKind;
use crate::model::records::Mail;
use crate::model::NewEvent;

/// The request a message belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageRequest {
    pub id: i64,
    pub campaign: String,
    pub ods: String,
    pub body: String,
}

/// One stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub id: i64,
    pub message_id: String,
    pub request: Option<MessageRequest>,
    /// How it was matched, or why it could not be.
    pub matched_by: String,
    pub sender: String,
    pub sender_name: String,
    pub subject: String,
    pub sent_on: NaiveDate,
    pub body: String,
    pub proposed: Option<EventKind>,
    /// open, accepted or dismissed.
    pub proposal: String,
    pub attachments: Vec<Attachment>,
    /// `received` (imported) or `sent` (a letter foiboard sent).
    pub direction: String,
    /// Who a sent letter went to.
    pub recipient: String,
    /// Which letter a sent one was (request, chase, review, complaint).
    pub letter: String,
    /// For a sent letter: `sent`, or `pending` when its sending was interrupted.
    pub delivery: String,
}

impl Message {
    /// A suggestion still waiting for a decision.
    pub fn open_proposal(&self) -> Option<EventKind> {
        self.proposed.filter(|_| self.proposal == "open")
    }

    /// What the message says, its attachments' text included: what the split into questions
    /// and every proposal read.
    pub fn readable(&self) -> String {
        crate::model::records::readable(
            &self.body,
            self.attachments
                .iter()
                .map(|a| (a.name.as_str(), a.text.as_str())),
        )
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailImported {
    pub new: usize,
    pub known: usize,
    pub matched: usize,
    pub unmatched: usize,
    pub attachments: usize,
}

/// A file name safe to keep: letters, digits, '.', '-', '_' (others become '_').
fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "attachment".into()
    } else {
        s
    }
}

impl Store {
    /// Which of `mails` were imported before, by Message-ID: their attachments need not be
    /// read again.
    pub fn known_messages(&self, mails: &[Mail]) -> Result<std::collections::HashSet<String>> {
        let ids: Vec<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
        self.known_message_ids(&ids)
    }

    /// Stores `mails` (those not seen before, by Message-ID) as one change, matched where
    /// possible, with their attachments saved beside the database.
    pub fn import_mail(&mut self, mails: &[Mail]) -> Result<MailImported> {
        self.import_mail_marked(mails, None)
    }

    /// As [`Store::import_mail`], recording in the same transaction how far a mailbox's
    /// folder has been read: a fetch interrupted after this keeps these messages and starts
    /// after them. On a group's server the attachments' bytes are kept in the database too.
    pub fn import_mail_marked(
        &mut self,
        mails: &[Mail],
        mark: Option<&super::MarkFolder>,
    ) -> Result<MailImported> {
        let mut out = MailImported::default();
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::new();
        let data = self.match_data()?;
        for m in mails {
            let known: bool = self
                .conn
                .query_row(
                    "SELECT 1 FROM messages WHERE message_id = ?1",
                    [&m.message_id],
                    |_| Ok(true),
                )
                .optional()?
                .unwrap_or(false);
            if known || !seen.insert(m.message_id.clone()) {
                out.known += 1;
                continue;
            }
            // A reply to a letter foiboard sent belongs to that letter's request, before any
            // other rule: it may come from an address no body uses.
            let (request, how) = match self.request_replied_to(&m.replies_to)? {
                Some(r) => (Some(r), "reply to a letter foiboard sent".to_string()),
                None => self.find_request_for(&data, m),
            };
            fresh.push((m, request, how));
        }
        // The files first, named by their digest: a failed import leaves only files that a
        // later import reuses, never rows pointing at nothing.
        let dir = self.attachments_dir();
        let mut saved: HashMap<(usize, usize), String> = HashMap::new();
        for (i, (m, _, _)) in fresh.iter().enumerate() {
            for (j, a) in m.attachments.iter().enumerate() {
                let digest = a.sha256();
                let rel = format!("{}/{}-{}", &digest[..2], &digest[..16], safe_name(&a.name));
                let path = dir.join(&rel);
                if !path.exists() {
                    crate::files::private::write(&path, &a.bytes).map_err(|e| {
                        StoreError::Invalid(format!(
                            "cannot save the attachment {} in {}: {e}",
                            a.name,
                            dir.display()
                        ))
                    })?;
                }
                saved.insert((i, j), rel);
            }
        }
        let author = self.author.clone();
        let summary = format!("import {} message(s)", fresh.len());
        let on_server = self.backend() == super::db::Backend::Postgres;
        let counts = self.write(&summary, |w| {
            let mut c = MailImported::default();
            if let Some(mark) = mark {
                super::mailbox::write_mark(w.tx, mark)?;
            }
            for (i, (m, request, how)) in fresh.iter().enumerate() {
                let proposed = m.proposed.map(|k| k.as_str()).unwrap_or("");
                let id = w
                    .insert(
                        "messages",
                        "INSERT INTO messages (message_id, request_id, matched_by, sender, sender_name,
                            subject, sent_on, sent_at, body, proposed, source, author, imported_at,
                            replies_to)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                         ON CONFLICT(message_id) DO NOTHING",
                        params![
                            m.message_id,
                            request,
                            how,
                            m.sender,
                            m.sender_name,
                            m.subject,
                            m.sent_on.to_string(),
                            m.sent_at,
                            m.body,
                            proposed,
                            m.source,
                            author,
                            now(),
                            m.replies_to.join(" ")
                        ],
                    )?;
                let Some(id) = id else {
                    c.known += 1;
                    continue;
                };
                c.new += 1;
                if request.is_some() {
                    c.matched += 1;
                } else {
                    c.unmatched += 1;
                }
                for (j, a) in m.attachments.iter().enumerate() {
                    if on_server {
                        super::attachments::keep_bytes(w.tx, &a.sha256(), &a.bytes)?;
                    }
                    w.insert(
                        "attachments",
                        "INSERT INTO attachments (message_id, name, content_type, size, sha256, path,
                                                  text, text_note)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            id,
                            a.name,
                            a.content_type,
                            a.bytes.len() as i64,
                            a.sha256(),
                            saved.get(&(i, j)).cloned().unwrap_or_default(),
                            a.text,
                            a.text_note
                        ],
                    )?;
                    c.attachments += 1;
                }
            }
            Ok(c)
        })?;
        out.new = counts.new;
        out.known += counts.known;
        out.matched = counts.matched;
        out.unmatched = counts.unmatched;
        out.attachments = counts.attachments;
        Ok(out)
    }

    /// Messages, newest first: all, one, those of a request, or only the unmatched.
    pub fn messages(&self, f: &MessageFilter) -> Result<Vec<Message>> {
        let mut w = super::filter::Where::new();
        w.and_some("m.id = ?", f.id)
            .and_some("m.request_id = ?", f.request_id)
            .and_some("r.campaign_id = ?", f.campaign_id);
        if f.unmatched_only {
            w.and_plain("m.request_id IS NULL");
        }
        if f.received_only {
            w.and_plain("m.direction = 'received'");
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.id, m.message_id, m.request_id, c.slug, b.ods_code, b.short_name,
                    m.matched_by, m.sender, m.sender_name, m.subject, m.sent_on, m.body,
                    m.proposed, m.proposal, m.direction, m.recipient, m.letter, m.delivery
             FROM messages m
             LEFT JOIN requests r ON r.id = m.request_id
             LEFT JOIN campaigns c ON c.id = r.campaign_id
             LEFT JOIN bodies b ON b.id = r.body_id{}
             ORDER BY m.sent_at DESC, m.id DESC",
            w.sql()
        ))?;
        let rows = stmt.query_map(super::db::params_from_iter(w.values()), |r| {
            let request = match r.get::<Option<i64>>(2)? {
                Some(id) => Some(MessageRequest {
                    id,
                    campaign: text(r, 3)?,
                    ods: text(r, 4)?,
                    body: text(r, 5)?,
                }),
                None => None,
            };
            Ok(Message {
                id: r.get(0)?,
                message_id: text(r, 1)?,
                request,
                matched_by: text(r, 6)?,
                sender: text(r, 7)?,
                sender_name: text(r, 8)?,
                subject: text(r, 9)?,
                sent_on: date(r, 10)?.unwrap_or_default(),
                body: text(r, 11)?,
                proposed: text(r, 12)?.parse().ok(),
                proposal: text(r, 13)?,
                attachments: Vec::new(),
                direction: text(r, 14)?,
                recipient: text(r, 15)?,
                letter: text(r, 16)?,
                delivery: text(r, 17)?,
            })
        })?;
        let mut out: Vec<Message> = rows.collect::<super::db::Result<_>>()?;
        // The attachments of the same messages only, by the same filter.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.message_id, a.name, a.content_type, a.size, a.sha256, a.path, a.text,
                    a.text_note, a.id
             FROM attachments a JOIN messages m ON m.id = a.message_id
             LEFT JOIN requests r ON r.id = m.request_id{}
             ORDER BY a.id",
            w.sql()
        ))?;
        let mut by_message: HashMap<i64, Vec<Attachment>> = HashMap::new();
        for row in stmt.query_map(super::db::params_from_iter(w.values()), |r| {
            Ok((
                r.get::<i64>(0)?,
                Attachment {
                    id: r.get(8)?,
                    name: text(r, 1)?,
                    content_type: text(r, 2)?,
                    size: r.get(3)?,
                    sha256: text(r, 4)?,
                    path: text(r, 5)?,
                    text: text(r, 6)?,
                    text_note: text(r, 7)?,
                },
            ))
        })? {
            let (m, a) = row?;
            by_message.entry(m).or_default().push(a);
        }
        for m in &mut out {
            m.attachments = by_message.remove(&m.id).unwrap_or_default();
        }
        Ok(out)
    }

    fn message(&self, id: i64) -> Result<Message> {
        self.messages(&MessageFilter {
            id: Some(id),
            ..MessageFilter::default()
        })?
        .pop()
        .ok_or_else(|| {
            StoreError::NotFound(format!(
                "no message {id}: `foiboard mail list` shows the messages"
            ))
        })
    }

    /// Files a message under a request (one a user chose).
    pub fn assign_message(&mut self, id: i64, request_id: i64) -> Result<()> {
        self.message(id)?;
        let by = format!("assigned by {}", self.author);
        self.write(&format!("assign message {id}"), |w| {
            w.update(
                "messages",
                id,
                "UPDATE messages SET request_id = ?2, matched_by = ?3 WHERE id = ?1",
                params![id, request_id, by],
            )
        })?;
        Ok(())
    }

    /// Records the event a message suggests, on the day it was sent (or `on`, a correction),
    /// and marks the suggestion taken; `kind` overrides the suggestion. The authority's
    /// reference in the letter is recorded on the request when it has none yet, and the
    /// messages still unmatched are matched again. Refused, with nothing written, if the event
    /// makes no sense where the request stands.
    pub fn accept_message(
        &mut self,
        id: i64,
        kind: Option<EventKind>,
        on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Accepted> {
        let m = self.message(id)?;
        let Some(req) = &m.request else {
            return Err(StoreError::Invalid(format!(
                "message {id} is not filed under a request yet: assign it first"
            )));
        };
        let Some(kind) = kind.or(m.proposed) else {
            return Err(StoreError::Invalid(format!(
                "message {id} suggests no event: say which (acknowledged, responded...)"
            )));
        };
        let day = on.unwrap_or(m.sent_on);
        if day > today {
            return Err(StoreError::Invalid(format!(
                "message {id} is dated {day} (today is {today}): check the computer's date, or give the day with --on"
            )));
        }
        let has_reference = self
            .request_by_id(req.id)?
            .is_some_and(|r| !r.request.reference.trim().is_empty());
        let reference = if has_reference {
            None
        } else {
            self.reading
                .as_ref()
                .and_then(|r| r.reference_in(&m.subject, &m.readable()))
        };
        let mut ev = NewEvent::new(kind, day);
        ev.note = format!("email: {}", m.subject);
        ev.source = format!("mail:{}", m.message_id);
        ev.reference = reference.clone().unwrap_or_default();
        let label = format!("{}/{} ({})", req.campaign, req.ods, req.body);
        let request = req.id;
        // The messages the reference will file, filed in the same change (one undo).
        let rematch = match &reference {
            Some(r) => self.rematch_plan(&[(request, r.clone())])?,
            None => Vec::new(),
        };
        self.write(&format!("{kind} {} from message {id}", req.ods), |w| {
            add_sourced(w, request, &label, &[ev.clone()])?;
            super::matching::apply_rematch(w, &rematch)?;
            if let Some(r) = &reference {
                w.update(
                    "requests",
                    request,
                    "UPDATE requests SET reference = ?2 WHERE id = ?1",
                    params![request, r],
                )?;
            }
            w.update(
                "messages",
                id,
                "UPDATE messages SET proposal = 'accepted', proposed = ?2 WHERE id = ?1",
                params![id, kind.as_str()],
            )
        })?;
        Ok(Accepted {
            kind,
            on: day,
            reference,
            rematched: rematch.iter().filter(|(m, _, _)| *m != id).count(),
        })
    }

    /// Stores the text read from attachments already imported (`foiboard mail read`): each
    /// attachment's id, its text and how it was read. One undoable change.
    pub fn set_attachment_texts(&mut self, read: &[(i64, String, String)]) -> Result<usize> {
        if read.is_empty() {
            return Ok(0);
        }
        self.write(&format!("read {} attachment(s)", read.len()), |w| {
            let mut n = 0;
            for (id, text, note) in read {
                n += w.update(
                    "attachments",
                    *id,
                    "UPDATE attachments SET text = ?1, text_note = ?2 WHERE id = ?3",
                    params![text, note, id],
                )?;
            }
            Ok(n)
        })
    }

    /// The answers a message's text proposes for the questions of the campaign it is filed
    /// under (empty when no numbering is found).
    pub fn propose_split(&self, m: &Message) -> Result<Vec<crate::model::records::Proposed>> {
        let Some(rules) = &self.reading else {
            return Ok(Vec::new());
        };
        let Some(r) = &m.request else {
            return Err(StoreError::Invalid(format!(
                "message {} is not filed under a request yet: assign it first",
                m.id
            )));
        };
        let campaign = self.campaign(&r.campaign)?;
        let questions: Vec<(u32, String)> = self
            .questions(campaign.id)?
            .into_iter()
            .map(|q| (q.number, q.text))
            .collect();
        Ok(rules.split(&m.readable(), &questions))
    }

    /// Sets a message's suggestion aside without recording anything.
    pub fn dismiss_message(&mut self, id: i64) -> Result<()> {
        self.message(id)?;
        self.write(&format!("dismiss message {id}"), |w| {
            w.update(
                "messages",
                id,
                "UPDATE messages SET proposal = 'dismissed' WHERE id = ?1",
                params![id],
            )
        })?;
        Ok(())
    }
}

/// What accepting a message's suggestion recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub kind: EventKind,
    pub on: NaiveDate,
    /// The authority's reference, taken from the letter onto the request.
    pub reference: Option<String>,
    /// Messages that could be filed once the reference was known.
    pub rematched: usize,
}

/// Which messages a listing wants.
#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub id: Option<i64>,
    pub request_id: Option<i64>,
    /// Only those filed under a request of this campaign.
    pub campaign_id: Option<i64>,
    pub unmatched_only: bool,
    /// Only what came in (the inbox), not the letters foiboard sent.
    pub received_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_safe() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(
            safe_name("Response letter (final).pdf"),
            "Response_letter__final_.pdf"
        );
    }
}
