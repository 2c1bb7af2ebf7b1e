//! A group's spreadsheet into a campaign: every row's body found as a campaigner writes it,
//! every problem collected before anything is written, and a sheet imported again corrects
//! what its earlier import recorded (each event remembers the sheet and the kind it came
//! from).

use std::path::Path;

use super::body_match::{BodyMatcher, Found};
use super::imports::{RequestImport, RequestsImported};
use super::{Result, Store};
use crate::law::EventKind;
use crate::model::records::Sheet;
use crate::model::{Campaign, NewEvent};

/// What importing a sheet did, or would do, and what stands in its way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetImported {
    pub done: RequestsImported,
    /// Bodies read from a short name, an acronym or an earlier code; statuses or outcomes
    /// given with no date to record them by.
    pub notes: Vec<String>,
    /// What stops the import, each with its line (the sheet's own and the bodies not found).
    /// When there are any, nothing was written.
    pub problems: Vec<String>,
    /// Messages waiting unmatched that the sheet's references filed.
    pub rematched: usize,
}

impl Store {
    /// Records a group's spreadsheet in `campaign` (or, with `dry_run`, says what that would
    /// change). Nothing is written while any row has a problem: they are all returned at once.
    pub fn import_sheet(
        &mut self,
        campaign: &Campaign,
        file: &str,
        sheet: &Sheet,
        today: chrono::NaiveDate,
        dry_run: bool,
    ) -> Result<SheetImported> {
        let bodies = self.bodies(&super::BodyFilter::default())?;
        let matcher = BodyMatcher::new(&bodies);
        // The sheet is known by its file's name: next week's export of the same tracker is
        // the same sheet, so its corrections replace what this one recorded.
        let sheet_id = Path::new(file)
            .file_name()
            .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
        let mut out = SheetImported {
            problems: sheet.problems.clone(),
            ..SheetImported::default()
        };
        let mut plan = Vec::new();
        for row in &sheet.rows {
            let at = format!("{file}, line {}", row.line);
            let found = if row.ods.is_empty() {
                matcher.by_name(&row.body)
            } else {
                match matcher.by_code(&row.ods) {
                    Found::None if !row.body.is_empty() => matcher.by_name(&row.body),
                    f => f,
                }
            };
            let body_id = match found {
                Found::Exact(id) => id,
                Found::Read(id, how) => {
                    out.notes.push(format!("{at}: {how}"));
                    id
                }
                Found::Ambiguous(why) => {
                    out.problems.push(format!("{at}: {why}"));
                    continue;
                }
                Found::None => {
                    out.problems.push(if row.ods.is_empty() {
                        format!(
                            "{at}: no body matches '{}': use the name `foiboard bodies --search` shows, or add an ODS code column",
                            row.body
                        )
                    } else {
                        format!(
                            "{at}: no body has the ODS code {}: `foiboard bodies --search` finds a body's code",
                            row.ods
                        )
                    });
                    continue;
                }
            };
            let mut events: Vec<NewEvent> = row
                .dates
                .iter()
                .map(|(kind, on)| {
                    let mut e = NewEvent::new(*kind, *on);
                    e.source = format!("sheet:{sheet_id}:{kind}");
                    if *kind == EventKind::Responded {
                        if let Some((words, outcome, exemptions)) = &row.outcome {
                            e.outcome = outcome.as_str().to_string();
                            e.note = if exemptions.is_empty() {
                                format!("outcome in the sheet: {words}")
                            } else {
                                format!(
                                    "outcome in the sheet: {words}; exemptions cited: {}",
                                    exemptions.join(", ")
                                )
                            };
                        }
                    }
                    e
                })
                .collect();
            if let Some((words, status)) = &row.status_event {
                // Dated by the row's latest date before it (an extension is given before
                // the time it extends runs out); said, so it can be corrected.
                let on = row
                    .dates
                    .iter()
                    .map(|(_, d)| *d)
                    .filter(|d| status.until.is_none_or(|u| *d <= u))
                    .max();
                match (on, status.kind, status.until) {
                    (_, EventKind::Extended, None) => out.problems.push(format!(
                        "{at}: '{words}' says the time was extended but gives no date it runs to: write e.g. \"Extended to 28/04/2026\""
                    )),
                    (None, kind, _) => out.notes.push(format!(
                        "{at}: the sheet says '{words}' but gives no date to record '{kind}' on: nothing recorded for it"
                    )),
                    (Some(on), kind, until) => {
                        let mut e = NewEvent::new(kind, on);
                        e.until = until;
                        e.note = format!("from the sheet: {words}");
                        e.source = format!("sheet:{sheet_id}:{kind}");
                        out.notes.push(format!(
                            "{at}: '{words}' read as '{kind}'{}, recorded on {on} (the row's latest date before it; `foiboard event edit` corrects it)",
                            until.map_or(String::new(), |u| format!(" until {u}"))
                        ));
                        events.push(e);
                    }
                }
            }
            if !row.note.is_empty() {
                let mut e = NewEvent::new(EventKind::Note, today);
                e.note = row.note.clone();
                e.source = format!("sheet-note:{sheet_id}");
                // The note keeps the day it was first recorded when only its text changes.
                if let Some(first) = self.note_day(campaign.id, body_id, &e.source)? {
                    e.on = first;
                }
                events.push(e);
            }
            if let Some(kind) = row.implied {
                if !row.dates.iter().any(|(k, _)| *k == kind) {
                    out.notes.push(format!(
                        "{at}: the sheet says '{}' but gives no date for '{kind}': nothing recorded for it (add a column of dates with --map \"COLUMN={kind}\")",
                        row.status
                    ));
                }
            }
            if let Some((words, _, _)) = &row.outcome {
                if !row.dates.iter().any(|(k, _)| *k == EventKind::Responded) {
                    out.notes.push(format!(
                        "{at}: the outcome '{words}' has no date of response to go with: nothing recorded for it"
                    ));
                }
            }
            let label = if row.ods.is_empty() {
                format!("{at} ({})", row.body)
            } else {
                format!("{at} ({})", row.ods)
            };
            plan.push(RequestImport {
                body_id,
                label,
                wdtk_url: (!row.wdtk.is_empty()).then(|| row.wdtk.clone()),
                reference: (!row.reference.is_empty()).then(|| row.reference.clone()),
                regime: None,
                events,
            });
        }
        if !out.problems.is_empty() {
            return Ok(out);
        }
        let summary = format!("import {file} ({} rows)", sheet.rows.len());
        out.done = self.apply_requests(campaign, &summary, &plan, dry_run)?;
        if !dry_run && plan.iter().any(|p| p.reference.is_some()) {
            out.rematched = self.rematch_unmatched()?;
        }
        Ok(out)
    }

    /// The day a sheet's note was first recorded on the campaign's request for a body.
    fn note_day(
        &self,
        campaign: i64,
        body: i64,
        source: &str,
    ) -> Result<Option<chrono::NaiveDate>> {
        use super::db::Optional;
        let day: Option<String> = self
            .conn
            .query_row(
                "SELECT e.on_date FROM events e JOIN requests r ON r.id = e.request_id
                 WHERE r.campaign_id = ?1 AND r.body_id = ?2 AND e.source = ?3",
                super::db::params![campaign, body, source],
                |r| r.get(0),
            )
            .optional()?;
        Ok(day.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }
}
