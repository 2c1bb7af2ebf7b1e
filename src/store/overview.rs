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
    pub answers: u32,
    pub questions: u32,
    pub findings: u32,
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
        let mut events: HashMap<i64, Vec<ClockEvent>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT e.request_id, e.kind, e.on_date, e.until_date FROM events e
                 JOIN requests r ON r.id = e.request_id
                 WHERE r.campaign_id = ?1 AND (?2 IS NULL OR r.id = ?2) ORDER BY e.request_id, e.on_date, e.id",
            )?;
            let rows = stmt.query_map(rusqlite::params![campaign.id, only], |r| {
                Ok((r.get::<_, i64>(0)?, word(r, 1)?, date(r, 2)?, date(r, 3)?))
            })?;
            for row in rows {
                let (id, kind, on, until) = row?;
                if let Some(on) = on {
                    events
                        .entry(id)
                        .or_default()
                        .push(ClockEvent { kind, on, until });
                }
            }
        }
        let counts = |sql: &str| -> Result<HashMap<i64, u32>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(rusqlite::params![campaign.id, only], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let answers = counts(
            "SELECT a.request_id, count(*) FROM answers a JOIN requests r ON r.id = a.request_id
             WHERE r.campaign_id = ?1 AND (?2 IS NULL OR r.id = ?2) GROUP BY a.request_id",
        )?;
        let findings = counts(
            "SELECT a.request_id, count(*) FROM findings f JOIN answers a ON a.id = f.answer_id
             JOIN requests r ON r.id = a.request_id WHERE r.campaign_id = ?1 AND (?2 IS NULL OR r.id = ?2) GROUP BY a.request_id",
        )?;
        let questions = self.questions(campaign.id)?.len() as u32;
        let cals = self.calendars()?;
        let policy = self.policy()?;
        requests
            .into_iter()
            .map(|request| {
                let cal = cals.get(request.regime);
                let evs = events.remove(&request.id).unwrap_or_default();
                let report = law::run(cal, &policy, &evs).map_err(|e| {
                    StoreError::Invalid(format!(
                        "{} ({}): {e}",
                        request.body.name, request.body.ods_code
                    ))
                })?;
                Ok(RequestSummary {
                    campaign: campaign.slug.clone(),
                    status: report.status(today),
                    working_days_left: report.working_days_left(cal, today),
                    answers: answers.get(&request.id).copied().unwrap_or(0),
                    findings: findings.get(&request.id).copied().unwrap_or(0),
                    questions,
                    report,
                    request,
                })
            })
            .collect()
    }
}
