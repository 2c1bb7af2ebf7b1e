//! What replies propose for each question, kept apart from the answers: stored when a reply is
//! read for a request (`answer suggest`), shown on the answer screen, and gone once a member
//! decides the question's outcome. Nothing counts a proposal.

use super::db::params;
use super::history::now;
use super::rows::{text, word};
use super::{Result, Store};
use crate::model::Outcome;

/// A question's proposal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Proposal {
    pub question: u32,
    pub outcome: Outcome,
    pub exemptions: Vec<String>,
    /// The words it rests on.
    pub evidence: String,
    pub confidence: f64,
    /// The message it was read from.
    pub message_id: Option<i64>,
}

impl Store {
    /// Stores what `message_id` proposes for the questions of `request_id`, replacing what was
    /// proposed before for those questions; questions already decided are left alone. One
    /// undoable change; returns how many were stored.
    pub fn propose(
        &mut self,
        request_id: i64,
        message_id: Option<i64>,
        proposals: &[Proposal],
    ) -> Result<usize> {
        let rows = self.proposal_rows(request_id, proposals)?;
        self.write(&format!("proposals for {} question(s)", rows.len()), |w| {
            write_proposals(w, request_id, message_id, &rows)
        })
    }

    /// Replies read for many requests at once (`answer suggest`, the board's `:suggest`): each
    /// one's answer texts to triage and its proposals, in one change that `u` takes back
    /// whole. Returns (texts written, proposals stored).
    pub fn record_replies(&mut self, replies: &[RepliesRead]) -> Result<(usize, usize)> {
        let mut prepared = Vec::new();
        for r in replies {
            prepared.push((
                r,
                self.split_rows(r.request_id, &r.parts)?,
                self.proposal_rows(r.request_id, &r.proposals)?,
            ));
        }
        if prepared.is_empty() {
            return Ok((0, 0));
        }
        let author = self.author.clone();
        self.write(
            &format!("replies read for {} request(s)", prepared.len()),
            |w| {
                let (mut texts, mut proposed) = (0, 0);
                for (r, split, proposals) in &prepared {
                    texts += super::answers::write_split(w, &author, r.request_id, split)?.0;
                    proposed += write_proposals(w, r.request_id, r.message_id, proposals)?;
                }
                Ok((texts, proposed))
            },
        )
    }

    /// Each proposal with its question's id, ready to write.
    fn proposal_rows<'p>(
        &self,
        request_id: i64,
        proposals: &'p [Proposal],
    ) -> Result<Vec<(i64, &'p Proposal)>> {
        proposals
            .iter()
            .map(|p| Ok((self.question_id(request_id, p.question)?, p)))
            .collect()
    }

    /// What is proposed, and not yet decided, for the questions of `request_id`.
    pub fn proposals(&self, request_id: i64) -> Result<Vec<Proposal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.number, p.outcome, p.exemptions, p.evidence, p.confidence, p.message_id
             FROM proposals p JOIN questions q ON q.id = p.question_id
             WHERE p.request_id = ?1 ORDER BY q.number",
        )?;
        let rows = stmt.query_map(params![request_id], |r| {
            Ok(Proposal {
                question: r.get(0)?,
                outcome: word(r, 1).unwrap_or(Outcome::Pending),
                exemptions: text(r, 2)?
                    .split(", ")
                    .filter(|e| !e.is_empty())
                    .map(str::to_string)
                    .collect(),
                evidence: text(r, 3)?,
                confidence: r.get(4)?,
                message_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// Every answer waiting for a member in the campaign: a text to triage or a proposal to
    /// confirm, body by body (by name), question by question. The triage queue walks these.
    pub fn waiting(&self, campaign_id: i64) -> Result<Vec<(i64, u32)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.name, r.id, q.number FROM requests r
             JOIN bodies b ON b.id = r.body_id
             JOIN answers a ON a.request_id = r.id
             JOIN questions q ON q.id = a.question_id
             WHERE r.campaign_id = ?1 AND a.outcome = 'pending'
             UNION
             SELECT b.name, r.id, q.number FROM requests r
             JOIN bodies b ON b.id = r.body_id
             JOIN proposals p ON p.request_id = r.id
             JOIN questions q ON q.id = p.question_id
             WHERE r.campaign_id = ?1
             ORDER BY 1, 2, 3",
        )?;
        let rows = stmt.query_map(params![campaign_id], |r| Ok((r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}

/// What one request's reply gave: its answers' texts and its proposals.
#[derive(Debug, Clone)]
pub struct RepliesRead {
    pub request_id: i64,
    pub message_id: Option<i64>,
    pub parts: Vec<(u32, String)>,
    pub proposals: Vec<Proposal>,
}

/// Writes proposals inside the change `w` records, replacing earlier ones for the same
/// questions and leaving decided questions alone.
fn write_proposals(
    w: &mut super::history::Writer,
    request_id: i64,
    message_id: Option<i64>,
    rows: &[(i64, &Proposal)],
) -> Result<usize> {
    use super::db::Optional;
    let mut n = 0;
    for (qid, p) in rows {
        let decided: Option<String> =
            w.tx.query_row(
                "SELECT outcome FROM answers WHERE request_id = ?1 AND question_id = ?2",
                params![request_id, qid],
                |r| text(r, 0),
            )
            .optional()?;
        if decided.is_some_and(|o| o != Outcome::Pending.as_str()) {
            continue;
        }
        let old: Option<i64> =
            w.tx.query_row(
                "SELECT id FROM proposals WHERE request_id = ?1 AND question_id = ?2",
                params![request_id, qid],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = old {
            w.delete("proposals", id)?;
        }
        w.insert(
            "proposals",
            "INSERT INTO proposals (request_id, question_id, outcome, exemptions, evidence,
                                    confidence, message_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                request_id,
                qid,
                p.outcome.as_str(),
                p.exemptions.join(", "),
                p.evidence,
                p.confidence,
                message_id,
                now()
            ],
        )?;
        n += 1;
    }
    Ok(n)
}
