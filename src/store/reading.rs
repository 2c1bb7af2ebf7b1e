//! A campaign read whole, for a spreadsheet or a report: each request with its clock, the
//! questions, the answers as cells and, for a report, the findings with their tags. On a
//! server all of it is read in one round trip, the cells' reads sent with the summaries'.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::matrix::{Cell, CellRows, Whole};
use super::overview::{Findings, Known, RequestSummary, Scope};
use super::{Result, Store};
use crate::model::{Campaign, Finding, Question};

/// A campaign read for its report: each request with its clock, the questions, the answers
/// as cells and the findings with their tags.
pub struct CampaignReading {
    pub rows: Vec<RequestSummary>,
    pub questions: Vec<Question>,
    pub cells: Vec<Cell>,
    pub findings: Vec<Finding>,
}

impl Store {
    /// Every request of `campaign` with its clock, its questions and its answers as cells
    /// (with their findings' tags): what a spreadsheet writes. Each request's answers are
    /// counted from the cells, not read a second time; on a server all is read in one round
    /// trip.
    pub fn summaries_and_cells(
        &self,
        campaign: &Campaign,
        today: NaiveDate,
    ) -> Result<(Vec<RequestSummary>, Vec<Question>, Vec<Cell>)> {
        let mut cells = CellRows::new(Whole::CellsOnly);
        let (rows, questions) = self.summaries_with_cells(campaign, today, &mut cells)?;
        Ok((rows, questions, cells.cells()))
    }

    /// As [`Store::summaries_and_cells`], the cells' findings read whole with their tags:
    /// what a report counts and quotes.
    pub fn summaries_cells_and_findings(
        &self,
        campaign: &Campaign,
        today: NaiveDate,
    ) -> Result<CampaignReading> {
        let mut read = CellRows::new(Whole::Findings);
        let (rows, questions) = self.summaries_with_cells(campaign, today, &mut read)?;
        let (cells, findings) = read.cells_and_findings();
        // Each finding with its request's campaign and body, in the listing's order (by body
        // name), then by question and number: the order a report quotes them in.
        let place: HashMap<i64, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.request.id, i))
            .collect();
        let mut placed: Vec<(usize, Finding)> = findings
            .into_iter()
            .map(|mut f| {
                let i = place.get(&f.request_id).copied().unwrap_or(usize::MAX);
                if let Some(r) = rows.get(i) {
                    f.campaign.clone_from(&r.campaign);
                    f.ods_code.clone_from(&r.request.body.ods_code);
                    f.body.clone_from(&r.request.body.name);
                }
                (i, f)
            })
            .collect();
        placed.sort_by_key(|(i, f)| (*i, f.question, f.id));
        let findings = placed.into_iter().map(|(_, f)| f).collect();
        Ok(CampaignReading {
            rows,
            questions,
            cells,
            findings,
        })
    }

    /// The campaign's summaries and questions, read with its cells into `cells`.
    fn summaries_with_cells(
        &self,
        campaign: &Campaign,
        today: NaiveDate,
        cells: &mut CellRows,
    ) -> Result<(Vec<RequestSummary>, Vec<Question>)> {
        let known = Known {
            questions_of: Some(campaign.id),
            cells: Some(cells),
        };
        self.summaries_in(
            Scope::Campaign(campaign.id),
            today,
            Findings::Skipped,
            known,
        )
    }
}
