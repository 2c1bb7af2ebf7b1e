//! The campaign's answers as one grid: a cell per request and question, with what the board's
//! matrix and the codebook need to filter and count, read in one query.

use super::db::params;

use super::answers::split_exemptions;
use super::rows::{text, word};
use super::{Result, Store};
use crate::model::Outcome;

/// One answered cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub request_id: i64,
    pub question: u32,
    pub outcome: Outcome,
    pub exemptions: Vec<String>,
    pub findings: u32,
    /// The tags of the cell's findings, each once, sorted.
    pub tags: Vec<String>,
}

/// How many findings carry a tag on one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagUse {
    pub tag_id: i64,
    pub question: u32,
    pub findings: u32,
}

/// The campaign's cells: read from the `answers_cell` index, never the letters' text.
///
/// Each cell's tags come as ids, named (once each, sorted) from the codebook here: a server
/// asked to name and sort them in the query did that once per cell (30 ms of a campaign's
/// report; 12 ms this way).
pub(super) const CELLS_SQL: &str = "SELECT a.request_id, q.number, a.outcome, a.exemptions,
        (SELECT count(*) FROM findings f WHERE f.answer_id = a.id),
        (SELECT group_concat(CAST(ft.tag_id AS TEXT), ';') FROM findings f
         JOIN finding_tags ft ON ft.finding_id = f.id
         WHERE f.answer_id = a.id)
    FROM questions q JOIN answers a ON a.question_id = q.id
    WHERE q.campaign_id = ?1";

/// Findings per tag and question in one campaign.
pub(super) const TAG_USES_SQL: &str = "SELECT ft.tag_id, q.number, count(DISTINCT f.id)
    FROM questions q
    JOIN answers a ON a.question_id = q.id
    JOIN findings f ON f.answer_id = a.id
    JOIN finding_tags ft ON ft.finding_id = f.id
    WHERE q.campaign_id = ?1
    GROUP BY ft.tag_id, q.number";

impl Store {
    /// Every recorded answer of the campaign with its findings counted and tags listed.
    pub fn cells(&self, campaign_id: i64) -> Result<Vec<Cell>> {
        let names: std::collections::HashMap<i64, String> =
            self.tags()?.into_iter().map(|t| (t.id, t.name)).collect();
        let mut stmt = self.conn.prepare_cached(CELLS_SQL)?;
        let rows = stmt.query_map(params![campaign_id], |r| {
            let mut tags: Vec<String> = text(r, 5)?
                .split(';')
                .filter_map(|id| id.trim().parse::<i64>().ok())
                .filter_map(|id| names.get(&id).cloned())
                .collect();
            tags.sort();
            tags.dedup();
            Ok(Cell {
                request_id: r.get(0)?,
                question: r.get(1)?,
                outcome: word(r, 2).unwrap_or(Outcome::Pending),
                exemptions: split_exemptions(&text(r, 3)?),
                findings: r.get(4)?,
                tags,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// Findings per tag and question in the campaign: the codebook's counts.
    pub fn tag_uses(&self, campaign_id: i64) -> Result<Vec<TagUse>> {
        let mut stmt = self.conn.prepare_cached(TAG_USES_SQL)?;
        let rows = stmt.query_map(params![campaign_id], |r| {
            Ok(TagUse {
                tag_id: r.get(0)?,
                question: r.get(1)?,
                findings: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}
