//! A campaign's requests with their clocks computed: what `list`, `due` and the board show.
//!
//! A handful of queries for the whole campaign (never one per request); the clock runs once
//! per request per load, not per frame.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::requests::RequestRef;
use super::rows::{date, word};
use super::{Result, Store, StoreError};
use crate::law::{self, ClockEvent, ClockReport, Status};
use crate::model::Campaign;

/// One request as a listing shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSummary {
    pub campaign: String,
    pub request: RequestRef,
    pub report: ClockReport,
    pub status: Status,
    pub working_days_left: Option<i64>,
    /// Questions with a decided outcome (text waiting to be read does not count).
    pub answers: u32,
    /// Questions whose text is recorded but whose outcome is not decided yet.
    pub to_triage: u32,
    pub questions: u32,
    /// Why this request's clock could not be counted from every stored event (an event with an
    /// unreadable or impossible date written by another program): the request is still shown,
    /// with this beside it, and every other request keeps working.
    pub problem: Option<String>,
    /// What the latest answered internal review decided, if it was recorded.
    pub review_outcome: Option<crate::law::ReviewOutcome>,
    pub findings: u32,
}

impl RequestSummary {
    /// "5/7", with "2 to triage" beside it while any answer waits to be read: the same words
    /// on the board, in the table and in `list`.
    pub fn answered_words(&self) -> String {
        if self.to_triage > 0 {
            format!(
                "{}/{}, {} to triage",
                self.answers, self.questions, self.to_triage
            )
        } else {
            format!("{}/{}", self.answers, self.questions)
        }
    }
}

impl Store {
    /// Every request of `campaign` with its clock as of `today`, by body name.
    pub fn summaries(&self, campaign: &Campaign, today: NaiveDate) -> Result<Vec<RequestSummary>> {
        self.summaries_of(campaign, None, today)
    }

    /// Every request of every campaign that is overdue or due within `within` working days as
    /// of `today`, most urgent first: the daily reminder.
    pub fn due(&self, today: NaiveDate, within: i64) -> Result<Vec<RequestSummary>> {
        let mut rows = Vec::new();
        for c in self.campaigns()? {
            rows.extend(
                self.summaries(&c, today)?
                    .into_iter()
                    .filter(|s| s.working_days_left.is_some_and(|left| left <= within)),
            );
        }
        rows.sort_by(|a, b| {
            (a.working_days_left, &a.request.body.name)
                .cmp(&(b.working_days_left, &b.request.body.name))
        });
        Ok(rows)
    }

    /// The newest campaign that has requests: the one a group is most likely working on.
    pub fn latest_campaign(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT max(campaign_id) FROM requests", [], |r| r.get(0))?)
    }

    /// One request of `campaign` with its clock as of `today`.
    pub fn summary(
        &self,
        campaign: &Campaign,
        request_id: i64,
        today: NaiveDate,
    ) -> Result<RequestSummary> {
        self.summaries_of(campaign, Some(request_id), today)?
            .pop()
            .ok_or_else(|| {
                StoreError::NotFound(format!("no request {request_id} in {}", campaign.slug))
            })
    }

    /// The campaign's requests, or only `only`, with their clocks.
    fn summaries_of(
        &self,
        campaign: &Campaign,
        only: Option<i64>,
        today: NaiveDate,
    ) -> Result<Vec<RequestSummary>> {
        let mut requests = self.campaign_requests(campaign.id)?;
        if let Some(id) = only {
            requests.retain(|r| r.id == id);
        }
        // One query shape per filter, so SQLite uses the index either way (an optional
        // `?2 IS NULL OR` filter would make it scan).
        let (scope, params): (&str, Vec<i64>) = match only {
            Some(id) => ("r.campaign_id = ?1 AND r.id = ?2", vec![campaign.id, id]),
            None => ("r.campaign_id = ?1", vec![campaign.id]),
        };
        let mut events: HashMap<i64, Vec<ClockEvent>> = HashMap::new();
        let mut unreadable = std::collections::HashSet::new();
        let mut reviewed = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT e.request_id, e.kind, e.on_date, e.until_date, e.outcome FROM events e
                 JOIN requests r ON r.id = e.request_id
                 WHERE {scope} ORDER BY e.request_id, e.on_date, e.id"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    word(r, 1)?,
                    date(r, 2)?,
                    date(r, 3)?,
                    super::rows::text(r, 4)?,
                ))
            })?;
            for row in rows {
                let (id, kind, on, until, outcome) = row?;
                if kind == crate::law::EventKind::ReviewResponded {
                    if let Ok(o) = outcome.parse() {
                        reviewed.insert(id, o);
                    }
                }
                match on {
                    Some(on) => events
                        .entry(id)
                        .or_default()
                        .push(ClockEvent { kind, on, until }),
                    None => {
                        unreadable.insert(id);
                    }
                }
            }
        }
        let counts = |sql: String| -> Result<HashMap<i64, (u32, u32)>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        // Only a decided outcome answers a question: text waiting to be read ('pending') is
        // "to triage", counted apart.
        let answers = counts(format!(
            "SELECT a.request_id, count(*) FILTER (WHERE a.outcome <> 'pending'),
                    count(*) FILTER (WHERE a.outcome = 'pending')
             FROM answers a JOIN requests r ON r.id = a.request_id
             WHERE {scope} GROUP BY a.request_id"
        ))?;
        let findings = counts(format!(
            "SELECT a.request_id, count(*), 0 FROM findings f JOIN answers a ON a.id = f.answer_id
             JOIN requests r ON r.id = a.request_id WHERE {scope} GROUP BY a.request_id"
        ))?;
        let questions = self.questions(campaign.id)?.len() as u32;
        let cals = self.calendars()?;
        let policy = self.policy()?;
        requests
            .into_iter()
            .map(|request| {
                let cal = cals.get(request.regime);
                let evs = events.remove(&request.id).unwrap_or_default();
                let (report, mut problem) = clock_of(cal, &policy, evs, &request);
                if unreadable.contains(&request.id) && problem.is_none() {
                    problem = Some("an event's date cannot be read: see `foiboard show`".into());
                }
                Ok(RequestSummary {
                    campaign: campaign.slug.clone(),
                    status: report.status(today),
                    working_days_left: report.working_days_left(cal, today),
                    answers: answers.get(&request.id).map_or(0, |c| c.0),
                    to_triage: answers.get(&request.id).map_or(0, |c| c.1),
                    findings: findings.get(&request.id).map_or(0, |c| c.0),
                    questions,
                    problem,
                    review_outcome: reviewed.get(&request.id).copied(),
                    report,
                    request,
                })
            })
            .collect()
    }
}

/// The clock of one request. Events that stop the clock from counting (a date outside the
/// calendar's years, written by another program) are left out and said, so one damaged row
/// never stops a whole campaign's list, report or board.
fn clock_of(
    cal: &crate::law::Calendar,
    policy: &crate::law::Policy,
    evs: Vec<ClockEvent>,
    request: &RequestRef,
) -> (ClockReport, Option<String>) {
    match law::run(cal, policy, &evs) {
        Ok(report) => (report, None),
        Err(e) => {
            let kept: Vec<ClockEvent> = evs
                .iter()
                .filter(|ev| {
                    law::calendar::is_countable(ev.on)
                        && ev.until.is_none_or(law::calendar::is_countable)
                })
                .cloned()
                .collect();
            let problem = format!(
                "{} ({}): the clock cannot count this request ({e}); the dates shown leave out what it cannot count",
                request.body.name, request.body.ods_code
            );
            let report =
                law::run(cal, policy, &kept).unwrap_or_else(|_| ClockReport::empty(cal.regime()));
            (report, Some(problem))
        }
    }
}
