//! The campaign's answers as one grid: a cell per request and question, with what the board's
//! matrix and the codebook need to filter and count, read in one query.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::db::{params, Value};

use super::answers::split_exemptions;
use super::rows::text;
use super::FindingFilter;
use super::{Result, Store};
use crate::model::{Finding, Outcome};

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

/// Each request's answers counted by outcome, the outcome as written: what a request's
/// summary counts ("3/7 answered, 1 refused"), taken from cells read for something else.
pub(super) type OutcomeCounts = HashMap<i64, BTreeMap<String, u32>>;

/// Counts `n` more of `request_id`'s answers with `outcome` (as written).
pub(super) fn tally(counts: &mut OutcomeCounts, request_id: i64, outcome: String, n: u32) {
    *counts
        .entry(request_id)
        .or_default()
        .entry(outcome)
        .or_default() += n;
}

/// The codebook's names by id.
const TAG_NAMES_SQL: &str = "SELECT id, name FROM tags";

/// How many findings carry a tag on one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagUse {
    pub tag_id: i64,
    pub question: u32,
    pub findings: u32,
}

/// The campaign's answers, without what their findings add (a report counts those from the
/// findings it reads anyway): read from the `answers_cell` index, never the letters' text.
pub(super) const CELLS_SQL: &str = "SELECT a.request_id, q.number, a.outcome, a.exemptions
    FROM questions q JOIN answers a ON a.question_id = q.id
    WHERE q.campaign_id = ?1";

/// The campaign's answers with their findings' tags: a row per answer, finding and tag (an
/// answer without findings once, its finding NULL; a finding without tags once, its tag NULL).
/// The cells and what their findings add come in one pass over indexes, one statement.
///
/// Counted in Rust from these rows rather than by a subquery per answer: a server ran two
/// subqueries for each of a campaign's 1,666 answers (17 ms of a report on a fresh server
/// process); these are plain joins, one pass.
pub(super) const CELLS_WITH_TAGS_SQL: &str =
    "SELECT a.request_id, q.number, a.outcome, a.exemptions, f.id, ft.tag_id
    FROM questions q
    JOIN answers a ON a.question_id = q.id
    LEFT JOIN findings f ON f.answer_id = a.id
    LEFT JOIN finding_tags ft ON ft.finding_id = f.id
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
        Ok(self.cells_counted(campaign_id)?.0)
    }

    /// The cells, and each request's answers counted by outcome as they were read: a
    /// spreadsheet needs both, and on a server this spares the summaries a statement.
    pub(super) fn cells_counted(&self, campaign_id: i64) -> Result<(Vec<Cell>, OutcomeCounts)> {
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut counts = OutcomeCounts::new();
        // Each cell with the findings and tag names its rows bring, in the order met.
        let mut cells: Vec<(Cell, BTreeSet<i64>, BTreeSet<String>)> = Vec::new();
        let mut at: HashMap<(i64, u32), usize> = HashMap::new();
        let campaign = [Value::from(campaign_id)];
        // The codebook's names, then the cells that name tags by id: on a server, one round
        // trip for both.
        let reads: [(&str, &[Value]); 2] = [(TAG_NAMES_SQL, &[]), (CELLS_WITH_TAGS_SQL, &campaign)];
        self.conn.read_together(&reads, |read, r| {
            if read == 0 {
                names.insert(r.get(0)?, text(r, 1)?);
                return Ok(());
            }
            let (request_id, question, outcome) = (r.get::<i64>(0)?, r.get::<u32>(1)?, text(r, 2)?);
            let (finding, tag) = (r.get::<Option<i64>>(4)?, r.get::<Option<i64>>(5)?);
            let i = match at.get(&(request_id, question)) {
                Some(i) => *i,
                None => {
                    let cell = Cell {
                        request_id,
                        question,
                        outcome: outcome.parse().unwrap_or(Outcome::Pending),
                        exemptions: split_exemptions(&text(r, 3)?),
                        findings: 0,
                        tags: Vec::new(),
                    };
                    cells.push((cell, BTreeSet::new(), BTreeSet::new()));
                    at.insert((request_id, question), cells.len() - 1);
                    // An answer comes once per finding and tag; it is counted once.
                    tally(&mut counts, request_id, outcome, 1);
                    cells.len() - 1
                }
            };
            if let Some((_, findings, tags)) = cells.get_mut(i) {
                if let Some(f) = finding {
                    findings.insert(f);
                }
                if let Some(name) = tag.and_then(|t| names.get(&t)) {
                    tags.insert(name.clone());
                }
            }
            Ok(())
        })?;
        let cells = cells
            .into_iter()
            .map(|(mut cell, findings, tags)| {
                cell.findings = findings.len() as u32;
                cell.tags = tags.into_iter().collect();
                cell
            })
            .collect();
        Ok((cells, counts))
    }

    /// The campaign's cells and its findings (with their tags), for a report: the cells'
    /// counts and tags are taken from the findings, which the report reads anyway; and each
    /// request's answers counted by outcome, as [`Store::cells_counted`].
    pub(super) fn cells_and_findings(
        &self,
        campaign_id: i64,
    ) -> Result<(Vec<Cell>, Vec<Finding>, OutcomeCounts)> {
        let findings = self.findings(&FindingFilter {
            campaign_id: Some(campaign_id),
            ..FindingFilter::default()
        })?;
        let mut found: HashMap<(i64, u32), (u32, BTreeSet<String>)> = HashMap::new();
        for f in &findings {
            let (n, tags) = found.entry((f.request_id, f.question)).or_default();
            *n += 1;
            tags.extend(f.tags.iter().cloned());
        }
        let (cells, counts) = self.cells_with(campaign_id, |key| {
            found
                .remove(&key)
                .map(|(n, t)| (n, t.into_iter().collect()))
        })?;
        Ok((cells, findings, counts))
    }

    /// The campaign's answers as cells, each given its findings' count and tags by `findings`.
    fn cells_with(
        &self,
        campaign_id: i64,
        mut findings: impl FnMut((i64, u32)) -> Option<(u32, Vec<String>)>,
    ) -> Result<(Vec<Cell>, OutcomeCounts)> {
        let mut stmt = self.conn.prepare_cached(CELLS_SQL)?;
        let rows = stmt.query_map(params![campaign_id], |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<u32>(1)?,
                text(r, 2)?,
                split_exemptions(&text(r, 3)?),
            ))
        })?;
        let mut cells = Vec::new();
        let mut counts = OutcomeCounts::new();
        for row in rows {
            let (request_id, question, outcome, exemptions) = row?;
            let (n, tags) = findings((request_id, question)).unwrap_or_default();
            cells.push(Cell {
                request_id,
                question,
                outcome: outcome.parse().unwrap_or(Outcome::Pending),
                exemptions,
                findings: n,
                tags,
            });
            tally(&mut counts, request_id, outcome, 1);
        }
        Ok((cells, counts))
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
