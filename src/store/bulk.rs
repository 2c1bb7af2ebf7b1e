//! Loading a generated campaign in one transaction: the synthetic datasets that benchmarks and
//! trials at national scale need. Prepared statements, no history rows (a generated dataset
//! is not anyone's change to undo), and all or nothing per campaign.

use super::db::params;

use super::history::now;
use super::{Result, Store, StoreError};
use crate::model::Outcome;

/// One finding of a generated answer.
#[derive(Debug, Clone)]
pub struct BulkFinding {
    pub note: String,
    pub quote: String,
    pub tags: Vec<i64>,
}

/// One generated answer.
#[derive(Debug, Clone)]
pub struct BulkAnswer {
    pub question: u32,
    pub outcome: Outcome,
    pub exemptions: String,
    pub text: String,
    pub findings: Vec<BulkFinding>,
}

/// One generated request: its body, events (kind, date) and answers.
#[derive(Debug, Clone)]
pub struct BulkRequest {
    pub body_id: i64,
    pub events: Vec<(crate::law::EventKind, chrono::NaiveDate)>,
    pub answers: Vec<BulkAnswer>,
}

/// One generated campaign.
#[derive(Debug, Clone)]
pub struct BulkCampaign {
    pub slug: String,
    pub title: String,
    pub questions: Vec<String>,
    pub requests: Vec<BulkRequest>,
}

impl Store {
    /// Writes a whole generated campaign; refuses a slug that exists.
    pub fn load_bulk(&mut self, c: &BulkCampaign, author: &str) -> Result<()> {
        let at = now();
        self.load(|w| {
            let tx = w.tx;
            let exists: i64 = tx.query_row(
                "SELECT count(*) FROM campaigns WHERE slug = ?1",
                [&c.slug],
                |r| r.get(0),
            )?;
            if exists > 0 {
                return Err(StoreError::Invalid(format!(
                    "campaign '{}' exists already: generate into a new database",
                    c.slug
                )));
            }
            let campaign = tx
                .insert_returning_id(
                    "INSERT INTO campaigns (slug, title, created_at) VALUES (?1, ?2, ?3)",
                    params![c.slug, c.title, at],
                )?
                .ok_or(super::db::Error::NoRows)?;
            let mut question_ids = Vec::new();
            for (i, q) in c.questions.iter().enumerate() {
                question_ids.push(
                    tx.insert_returning_id(
                        "INSERT INTO questions (campaign_id, number, text) VALUES (?1, ?2, ?3)",
                        params![campaign, i as i64 + 1, q],
                    )?
                    .ok_or(super::db::Error::NoRows)?,
                );
            }
            let mut request = tx.prepare(
                "INSERT INTO requests (campaign_id, body_id, created_at) VALUES (?1, ?2, ?3)
                 RETURNING id",
            )?;
            let mut event = tx.prepare(
                "INSERT INTO events (request_id, kind, on_date, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut answer = tx.prepare(
                "INSERT INTO answers (request_id, question_id, outcome, exemptions, text, author, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            )?;
            let mut finding = tx.prepare(
                "INSERT INTO findings (answer_id, note, quote, author, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
            )?;
            let mut tag = tx.prepare(
                "INSERT INTO finding_tags (finding_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?;
            for r in &c.requests {
                let rid = request.insert_id(params![campaign, r.body_id, at])?;
                for (kind, on) in &r.events {
                    event.execute(params![rid, kind.as_str(), on.to_string(), author, at])?;
                }
                for a in &r.answers {
                    let qid = question_ids.get(a.question as usize - 1).ok_or_else(|| {
                        StoreError::Invalid(format!("no question {}", a.question))
                    })?;
                    let aid = answer.insert_id(params![
                        rid,
                        qid,
                        a.outcome.as_str(),
                        a.exemptions,
                        a.text,
                        author,
                        at
                    ])?;
                    for f in &a.findings {
                        let fid = finding.insert_id(params![aid, f.note, f.quote, author, at])?;
                        for t in &f.tags {
                            tag.execute(params![fid, t])?;
                        }
                    }
                }
            }
            Ok(())
        })
    }
}
