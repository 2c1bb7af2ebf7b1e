//! The campaign's answers as one grid: a cell per request and question, with what the board's
//! matrix and the codebook need to filter and count, read in one round trip.

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

/// The campaign's answers, by question: read from the `answers_cell` index, never the
/// letters' text. Their findings and tags come by question too ([`FINDINGS_BY_QUESTION_SQL`],
/// [`TAGS_BY_QUESTION_SQL`]) and are put together in Rust.
///
/// Three reads of index ranges, one per question each, rather than one statement joining
/// answers to findings to tags: that join looks up each of a campaign's 1,666 answers' findings
/// and then each finding's tags (about 5,000 look-ups, 7.5 ms of a spreadsheet on a fresh
/// server process); these three cost 4 ms, on a file a millisecond less than the join.
pub(super) const CELLS_SQL: &str = "SELECT a.id, a.request_id, q.number, a.outcome, a.exemptions
    FROM questions q JOIN answers a ON a.question_id = q.id
    WHERE q.campaign_id = ?1";

/// The campaign's findings by answer, read by the question each carries.
pub(super) const FINDINGS_BY_QUESTION_SQL: &str = "SELECT f.answer_id, f.id
    FROM questions q JOIN findings f ON f.question_id = q.id
    WHERE q.campaign_id = ?1";

/// The campaign's findings' tags, read by the question each carries.
pub(super) const TAGS_BY_QUESTION_SQL: &str = "SELECT ft.finding_id, ft.tag_id
    FROM questions q JOIN finding_tags ft ON ft.question_id = q.id
    WHERE q.campaign_id = ?1";

/// Findings per tag and question in one campaign.
/// A finding carries a tag once, so its rows count findings.
pub(super) const TAG_USES_SQL: &str = "SELECT ft.tag_id, q.number, count(*)
    FROM questions q JOIN finding_tags ft ON ft.question_id = q.id
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
        // Each cell with its tags' names, in the order read; where each answer's and each
        // finding's cell is.
        let mut cells: Vec<(Cell, BTreeSet<String>)> = Vec::new();
        let mut of_answer: HashMap<i64, usize> = HashMap::new();
        let mut of_finding: HashMap<i64, usize> = HashMap::new();
        let campaign = [Value::from(campaign_id)];
        // The codebook's names, the answers, their findings and the findings' tags, each read
        // after what it refers to: on a server, one round trip for all four.
        let reads: [(&str, &[Value]); 4] = [
            (TAG_NAMES_SQL, &[]),
            (CELLS_SQL, &campaign),
            (FINDINGS_BY_QUESTION_SQL, &campaign),
            (TAGS_BY_QUESTION_SQL, &campaign),
        ];
        self.conn.read_together(&reads, |read, r| {
            match read {
                0 => {
                    names.insert(r.get(0)?, text(r, 1)?);
                }
                1 => {
                    let (request_id, outcome) = (r.get::<i64>(1)?, text(r, 3)?);
                    let cell = Cell {
                        request_id,
                        question: r.get(2)?,
                        outcome: outcome.parse().unwrap_or(Outcome::Pending),
                        exemptions: split_exemptions(&text(r, 4)?),
                        findings: 0,
                        tags: Vec::new(),
                    };
                    tally(&mut counts, request_id, outcome, 1);
                    of_answer.insert(r.get(0)?, cells.len());
                    cells.push((cell, BTreeSet::new()));
                }
                2 => {
                    let (answer, finding) = (r.get::<i64>(0)?, r.get::<i64>(1)?);
                    if let Some(&i) = of_answer.get(&answer) {
                        of_finding.insert(finding, i);
                        if let Some((cell, _)) = cells.get_mut(i) {
                            cell.findings += 1;
                        }
                    }
                }
                _ => {
                    let (finding, tag) = (r.get::<i64>(0)?, r.get::<i64>(1)?);
                    let cell = of_finding.get(&finding).and_then(|&i| cells.get_mut(i));
                    if let (Some((_, tags)), Some(name)) = (cell, names.get(&tag)) {
                        tags.insert(name.clone());
                    }
                }
            }
            Ok(())
        })?;
        let cells = cells
            .into_iter()
            .map(|(mut cell, tags)| {
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
                r.get::<i64>(1)?,
                r.get::<u32>(2)?,
                text(r, 3)?,
                split_exemptions(&text(r, 4)?),
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
