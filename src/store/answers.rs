//! Answers: what a response did with each question.

use super::db::params;

use super::history::now;
use super::rows::{text, word};
use super::{Result, Store, StoreError};
use crate::model::{normalise_exemption, Answer, Outcome};

/// Exemptions are stored as one `;`-separated list, each written the one way.
pub(super) fn join_exemptions(list: &[String]) -> String {
    let mut v: Vec<String> = list
        .iter()
        .map(|e| normalise_exemption(e))
        .filter(|e| !e.is_empty())
        .collect();
    v.dedup();
    v.join("; ")
}

pub(super) fn split_exemptions(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .collect()
}

impl Store {
    /// Answers members have decided (not "to triage"), with their text: what the group's
    /// proposals learn from. The newest first, at most `limit`.
    pub fn decided_answers(&self, limit: usize) -> Result<Vec<(String, Outcome)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, outcome FROM answers
             WHERE outcome <> 'pending' AND text <> ''
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok((text(r, 0)?, word(r, 1).unwrap_or(Outcome::Pending)))
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    pub fn answers(&self, request_id: i64) -> Result<Vec<Answer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, q.number, a.outcome, a.exemptions, a.text, a.author, a.updated_at
             FROM answers a JOIN questions q ON q.id = a.question_id
             WHERE a.request_id = ?1 ORDER BY q.number",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok(Answer {
                id: r.get(0)?,
                question: r.get(1)?,
                outcome: word(r, 2)?,
                exemptions: split_exemptions(&text(r, 3)?),
                text: text(r, 4)?,
                author: text(r, 5)?,
                updated_at: text(r, 6)?,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// The question id of number `n` in the request's campaign.
    pub(super) fn question_id(&self, request_id: i64, n: u32) -> Result<i64> {
        use super::db::Optional;
        self.conn
            .query_row(
                "SELECT q.id FROM questions q JOIN requests r ON r.campaign_id = q.campaign_id
                 WHERE r.id = ?1 AND q.number = ?2",
                params![request_id, n],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "the campaign has no question {n}: `foiboard campaign show` lists its questions"
                ))
            })
    }

    /// Records or replaces the answer to question `n`. `text` of `None` keeps the stored text.
    pub fn set_answer(
        &mut self,
        request_id: i64,
        n: u32,
        outcome: Outcome,
        exemptions: &[String],
        text: Option<&str>,
    ) -> Result<i64> {
        self.edit_answer(
            request_id,
            n,
            &AnswerEdit {
                outcome: Some(outcome),
                exemptions: Some(exemptions),
                text,
                text_was: None,
            },
        )
    }

    /// Changes what `edit` names in the answer to question `n`, keeping the rest; creates the
    /// answer (as [`Outcome::Pending`] when no outcome is given) if there is none yet.
    ///
    /// With `text_was`, the save is refused with [`StoreError::TextChanged`] if the stored
    /// text is no longer the one the editor started from: a colleague saved meanwhile, and
    /// overwriting their words silently would lose them.
    pub fn edit_answer(&mut self, request_id: i64, n: u32, edit: &AnswerEdit) -> Result<i64> {
        let qid = self.question_id(request_id, n)?;
        let ex = edit.exemptions.map(join_exemptions);
        let author = self.author.clone();
        let summary = match (edit.outcome, edit.exemptions, edit.text) {
            (Some(o), _, _) => format!("answer Q{n}: {o}"),
            (None, Some(_), _) => format!("exemptions of Q{n}: {}", ex.as_deref().unwrap_or("")),
            _ => format!("text of Q{n}"),
        };
        self.write(&summary, |w| {
            use super::db::Optional;
            // A member deciding the outcome settles what a reply proposed for the question:
            // the proposal goes, in the same change (undo brings it back).
            if edit.outcome.is_some_and(|o| o != Outcome::Pending) {
                let proposal: Option<i64> = w
                    .tx
                    .query_row(
                        "SELECT id FROM proposals WHERE request_id = ?1 AND question_id = ?2",
                        params![request_id, qid],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(id) = proposal {
                    w.delete("proposals", id)?;
                }
            }
            let existing: Option<(i64, String, String)> = w
                .tx
                .query_row(
                    "SELECT id, text, author FROM answers WHERE request_id = ?1 AND question_id = ?2",
                    params![request_id, qid],
                    |r| Ok((r.get(0)?, text(r, 1)?, text(r, 2)?)),
                )
                .optional()?;
            if let Some(was) = edit.text_was {
                let stored = existing.as_ref().map_or("", |e| e.1.as_str());
                if stored != was {
                    return Err(StoreError::TextChanged {
                        question: n,
                        theirs: stored.to_string(),
                        by: existing.as_ref().map_or(String::new(), |e| e.2.clone()),
                    });
                }
            }
            match existing {
                Some((id, _, _)) => {
                    w.update(
                        "answers",
                        id,
                        "UPDATE answers SET outcome = coalesce(?2, outcome),
                         exemptions = coalesce(?3, exemptions), text = coalesce(?4, text),
                         author = ?5, updated_at = ?6 WHERE id = ?1",
                        params![id, edit.outcome.map(Outcome::as_str), ex, edit.text, author, now()],
                    )?;
                    Ok(id)
                }
                None => w
                    .insert(
                        "answers",
                        "INSERT INTO answers (request_id, question_id, outcome, exemptions, text, author, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            request_id,
                            qid,
                            edit.outcome.unwrap_or(Outcome::Pending).as_str(),
                            ex.clone().unwrap_or_default(),
                            edit.text.unwrap_or(""),
                            author,
                            now()
                        ],
                    )?
                    .ok_or_else(|| StoreError::Conflict("the answer was recorded by someone else meanwhile: try again".into())),
            }
        })
    }
}

impl Store {
    /// Records the texts of a response split into answers, as one change: each becomes the
    /// answer's text, "to triage" until someone chooses its outcome. A question whose answer
    /// already has a text is left as it is (nobody's words are overwritten) and returned.
    pub fn record_split(
        &mut self,
        request_id: i64,
        parts: &[(u32, String)],
    ) -> Result<(usize, Vec<u32>)> {
        let rows = self.split_rows(request_id, parts)?;
        let author = self.author.clone();
        self.write(
            &format!("answers from a response ({} questions)", parts.len()),
            |w| write_split(w, &author, request_id, &rows),
        )
    }

    /// Each part of a split with its question's id, ready to write.
    pub(super) fn split_rows(
        &self,
        request_id: i64,
        parts: &[(u32, String)],
    ) -> Result<Vec<(u32, i64, String)>> {
        parts
            .iter()
            .map(|(n, t)| Ok((*n, self.question_id(request_id, *n)?, t.clone())))
            .collect()
    }
}

/// Writes a split's texts as answers to triage, inside the change `w` records: a question
/// whose answer already has a text is left as it is and returned.
pub(super) fn write_split(
    w: &mut super::history::Writer,
    author: &str,
    request_id: i64,
    rows: &[(u32, i64, String)],
) -> Result<(usize, Vec<u32>)> {
    use super::db::Optional;
    let mut written = 0;
    let mut kept = Vec::new();
    for (n, qid, t) in rows {
        let existing: Option<(i64, String)> =
            w.tx.query_row(
                "SELECT id, text FROM answers WHERE request_id = ?1 AND question_id = ?2",
                params![request_id, qid],
                |r| Ok((r.get(0)?, text(r, 1)?)),
            )
            .optional()?;
        match existing {
            Some((_, old)) if !old.trim().is_empty() => kept.push(*n),
            Some((id, _)) => {
                w.update(
                    "answers",
                    id,
                    "UPDATE answers SET text = ?2, author = ?3, updated_at = ?4 WHERE id = ?1",
                    params![id, t, author, now()],
                )?;
                written += 1;
            }
            None => {
                w.insert(
                    "answers",
                    "INSERT INTO answers (request_id, question_id, outcome, exemptions, text, author, updated_at)
                     VALUES (?1, ?2, 'pending', '', ?3, ?4, ?5)",
                    params![request_id, qid, t, author, now()],
                )?;
                written += 1;
            }
        }
    }
    Ok((written, kept))
}

/// A change to one answer: `None` keeps what is stored.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnswerEdit<'a> {
    pub outcome: Option<Outcome>,
    pub exemptions: Option<&'a [String]>,
    pub text: Option<&'a str>,
    /// The text the edit started from, to detect a colleague's save in between.
    pub text_was: Option<&'a str>,
}
