//! Answers: what a response did with each question.

use rusqlite::params;

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
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The question id of number `n` in the request's campaign.
    pub(super) fn question_id(&self, request_id: i64, n: u32) -> Result<i64> {
        use rusqlite::OptionalExtension;
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
        let qid = self.question_id(request_id, n)?;
        let ex = join_exemptions(exemptions);
        let author = self.author.clone();
        self.write(&format!("answer Q{n}: {outcome}"), |w| {
            use rusqlite::OptionalExtension;
            let existing: Option<i64> = w
                .tx
                .query_row(
                    "SELECT id FROM answers WHERE request_id = ?1 AND question_id = ?2",
                    params![request_id, qid],
                    |r| r.get(0),
                )
                .optional()?;
            match existing {
                Some(id) => {
                    w.update(
                        "answers",
                        id,
                        "UPDATE answers SET outcome = ?2, exemptions = ?3, text = coalesce(?4, text),
                         author = ?5, updated_at = ?6 WHERE id = ?1",
                        params![id, outcome.as_str(), ex, text, author, now()],
                    )?;
                    Ok(id)
                }
                None => w
                    .insert(
                        "answers",
                        "INSERT INTO answers (request_id, question_id, outcome, exemptions, text, author, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![request_id, qid, outcome.as_str(), ex, text.unwrap_or(""), author, now()],
                    )?
                    .ok_or_else(|| StoreError::Conflict("the answer was recorded by someone else meanwhile: try again".into())),
            }
        })
    }
}
