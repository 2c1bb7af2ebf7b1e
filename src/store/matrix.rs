//! The campaign's answers as one grid: a cell per request and question, with what the board's
//! matrix and the codebook need to filter and count, read in one round trip.

use std::collections::{BTreeMap, HashMap};

use super::db::{params, Row, Value};

use super::answers::split_exemptions;
use super::rows::text;
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
/// server process); these three cost about 2 ms there, and on a file the cells went from 2.2
/// to 1.7 ms.
pub(super) const CELLS_SQL: &str = "SELECT a.id, a.request_id, q.number, a.outcome, a.exemptions
    FROM questions q JOIN answers a ON a.question_id = q.id
    WHERE q.campaign_id = ?1";

/// The campaign's findings by answer, read by the question each carries.
pub(super) const FINDINGS_BY_QUESTION_SQL: &str = "SELECT f.answer_id, f.id
    FROM questions q JOIN findings f ON f.question_id = q.id
    WHERE q.campaign_id = ?1";

/// As [`FINDINGS_BY_QUESTION_SQL`], each finding whole: what a report quotes.
pub(super) const WHOLE_FINDINGS_BY_QUESTION_SQL: &str =
    "SELECT f.answer_id, f.id, f.note, f.quote, f.author, f.created_at, f.updated_at
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

/// Whether a campaign's findings are read whole (a report quotes them) or only counted and
/// their tags named (a spreadsheet, the matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Whole {
    Findings,
    CellsOnly,
}

/// A campaign's answers, findings and tags put together as cells as their rows come in: the
/// four reads of [`CellRows::reads`], each after what it refers to, sent on their own or with
/// a summary's (on a server, in the same round trip).
pub(super) struct CellRows {
    whole: Whole,
    names: HashMap<i64, String>,
    counts: OutcomeCounts,
    /// Each cell with its findings' tags by id (named once, at the end), in the order read.
    cells: Vec<(Cell, Vec<i64>)>,
    of_answer: HashMap<i64, usize>,
    /// Each finding's cell, and where it is among the findings read whole.
    of_finding: HashMap<i64, (usize, Option<usize>)>,
    /// The findings read whole, each with its tags by id; their campaign and body are the
    /// listing's to fill in (see [`CellRows::cells_and_findings`]).
    findings: Vec<(Finding, Vec<i64>)>,
}

impl CellRows {
    pub(super) fn new(whole: Whole) -> CellRows {
        CellRows {
            whole,
            names: HashMap::new(),
            counts: OutcomeCounts::new(),
            cells: Vec::new(),
            of_answer: HashMap::new(),
            of_finding: HashMap::new(),
            findings: Vec::new(),
        }
    }

    /// The statements, each with `campaign` (the campaign's id) as its values: the codebook's
    /// names, the answers, their findings and the findings' tags.
    pub(super) fn reads<'v>(&self, campaign: &'v [Value]) -> [(&'static str, &'v [Value]); 4] {
        let findings = match self.whole {
            Whole::Findings => WHOLE_FINDINGS_BY_QUESTION_SQL,
            Whole::CellsOnly => FINDINGS_BY_QUESTION_SQL,
        };
        [
            (TAG_NAMES_SQL, &[]),
            (CELLS_SQL, campaign),
            (findings, campaign),
            (TAGS_BY_QUESTION_SQL, campaign),
        ]
    }

    /// Takes in one row of read `read` (an index into [`CellRows::reads`]).
    pub(super) fn row(&mut self, read: usize, r: &Row) -> super::db::Result<()> {
        match read {
            0 => {
                self.names.insert(r.get(0)?, text(r, 1)?);
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
                tally(&mut self.counts, request_id, outcome, 1);
                self.of_answer.insert(r.get(0)?, self.cells.len());
                self.cells.push((cell, Vec::new()));
            }
            2 => {
                let (answer, id) = (r.get::<i64>(0)?, r.get::<i64>(1)?);
                let Some(&i) = self.of_answer.get(&answer) else {
                    return Ok(());
                };
                let Some((cell, _)) = self.cells.get_mut(i) else {
                    return Ok(());
                };
                cell.findings += 1;
                let whole = match self.whole {
                    Whole::CellsOnly => None,
                    Whole::Findings => {
                        self.findings.push((
                            Finding {
                                id,
                                request_id: cell.request_id,
                                campaign: String::new(),
                                ods_code: String::new(),
                                body: String::new(),
                                question: cell.question,
                                note: text(r, 2)?,
                                quote: text(r, 3)?,
                                tags: Vec::new(),
                                author: text(r, 4)?,
                                created_at: text(r, 5)?,
                                updated_at: text(r, 6)?,
                            },
                            Vec::new(),
                        ));
                        Some(self.findings.len() - 1)
                    }
                };
                self.of_finding.insert(id, (i, whole));
            }
            _ => {
                let (finding, tag) = (r.get::<i64>(0)?, r.get::<i64>(1)?);
                let Some(&(i, whole)) = self.of_finding.get(&finding) else {
                    return Ok(());
                };
                if let Some((_, tags)) = self.cells.get_mut(i) {
                    tags.push(tag);
                }
                if let Some((_, tags)) = whole.and_then(|w| self.findings.get_mut(w)) {
                    tags.push(tag);
                }
            }
        }
        Ok(())
    }

    /// Each request's answers counted by outcome, as written: what its summary counts.
    pub(super) fn take_counts(&mut self) -> OutcomeCounts {
        std::mem::take(&mut self.counts)
    }

    /// The names of the tags `ids`, each once, sorted (an id the codebook does not name is
    /// left out).
    fn named(&self, ids: &[i64]) -> Vec<String> {
        let mut names: Vec<&String> = ids.iter().filter_map(|t| self.names.get(t)).collect();
        names.sort();
        names.dedup();
        names.into_iter().cloned().collect()
    }

    /// The cells, each with its findings' tags, in the order read.
    pub(super) fn cells(mut self) -> Vec<Cell> {
        let cells = std::mem::take(&mut self.cells);
        cells
            .into_iter()
            .map(|(mut cell, tags)| {
                cell.tags = self.named(&tags);
                cell
            })
            .collect()
    }

    /// The cells, and the findings read whole with their tags, both in the order read. A
    /// finding's campaign and body are left for the caller, which has the listing they are in
    /// (see `Store::summaries_cells_and_findings`).
    pub(super) fn cells_and_findings(mut self) -> (Vec<Cell>, Vec<Finding>) {
        let findings = std::mem::take(&mut self.findings)
            .into_iter()
            .map(|(mut f, tags)| {
                f.tags = self.named(&tags);
                f
            })
            .collect();
        (self.cells(), findings)
    }
}

impl Store {
    /// Every recorded answer of the campaign with its findings counted and tags listed.
    pub fn cells(&self, campaign_id: i64) -> Result<Vec<Cell>> {
        let mut rows = CellRows::new(Whole::CellsOnly);
        let campaign = [Value::from(campaign_id)];
        let reads = rows.reads(&campaign);
        self.conn
            .read_together(&reads, |read, r| rows.row(read, r))?;
        Ok(rows.cells())
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
