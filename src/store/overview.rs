//! A campaign's requests with their clocks computed: what `list`, `due` and the board show.
//!
//! A handful of queries for the whole campaign (never one per request); the clock runs once
//! per request per load, not per frame.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::bodies::{body_from, BODY_COLUMNS};
use super::campaigns::{question_from, QUESTIONS_SQL};
use super::matrix::{tally, CellRows, OutcomeCounts};
use super::requests::RequestRef;
use super::rows::{date, text, word};
use super::{Result, Store, StoreError};
use crate::law::{self, ClockEvent, ClockReport, Status};
use crate::model::{Campaign, Question};

/// One request as a listing shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSummary {
    pub campaign: String,
    pub request: RequestRef,
    pub report: ClockReport,
    pub status: Status,
    pub working_days_left: Option<i64>,
    /// Questions answered or partly answered: what "3/7" counts.
    pub answered: u32,
    /// Questions with a decided outcome, whatever it is (text waiting to be read does not
    /// count): when it reaches `questions`, the reply is triaged.
    pub decided: u32,
    /// The decided outcomes by word ("refused": 1, "not-answered": 3, ...), answered ones
    /// included.
    pub outcomes: std::collections::BTreeMap<String, u32>,
    /// Questions whose text is recorded but whose outcome is not decided yet.
    pub to_triage: u32,
    pub questions: u32,
    /// The day the latest chaser went (sent by foiboard or recorded as sent by hand).
    pub last_chased: Option<NaiveDate>,
    /// The last day to ask for an internal review, while the reply is triaged, left
    /// questions unanswered (refused, not held, not answered...) and that day is still
    /// ahead: the group has a review to consider.
    pub review_to_consider: Option<NaiveDate>,
    /// Why this request's clock could not be counted from every stored event (an event with an
    /// unreadable or impossible date written by another program): the request is still shown,
    /// with this beside it, and every other request keeps working.
    pub problem: Option<String>,
    /// What the latest answered internal review decided, if it was recorded.
    pub review_outcome: Option<crate::law::ReviewOutcome>,
    /// How many findings the request's answers hold, when they were counted
    /// ([`Findings::Counted`]).
    pub findings: Option<u32>,
}

/// Whether a listing counts each request's findings. Counting reaches every finding of the
/// campaign through its answers, the longest of a listing's queries (about 4 ms of a national
/// campaign's list on a server, most of what a server adds to it), and only the board's table
/// and `--json` show the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Findings {
    Counted,
    Skipped,
}

impl Findings {
    /// Counted when the output shows them (`--json`).
    pub fn shown_if(shown: bool) -> Findings {
        if shown {
            Findings::Counted
        } else {
            Findings::Skipped
        }
    }
}

impl RequestSummary {
    /// "3/7 answered, 1 refused, 3 not answered", with "2 to triage" while any answer waits
    /// to be read: how many questions were answered (or partly) of how many, the other
    /// outcomes counted apart. The same words in the table and in `list`.
    pub fn answered_words(&self) -> String {
        let mut s = format!("{}/{} answered", self.answered, self.questions);
        for o in crate::model::Outcome::ALL {
            if o.answers() || o == crate::model::Outcome::Pending {
                continue;
            }
            if let Some(n) = self.outcomes.get(o.as_str()).filter(|n| **n > 0) {
                s.push_str(&format!(", {n} {}", o.label()));
            }
        }
        if self.to_triage > 0 {
            s.push_str(&format!(", {} to triage", self.to_triage));
        }
        s
    }
}

/// What a summary need not ask for, or may ask for with its own reads.
#[derive(Default)]
pub(super) struct Known<'a> {
    /// The one campaign of the scope, whose questions are read with the summaries (their
    /// number is what "3/7" counts against) and given back.
    pub(super) questions_of: Option<i64>,
    /// The cells of the campaign `questions_of` names (their reads take its id), read with
    /// the summaries (on a server, in the same round trip); each request's answers are then
    /// counted from them, not read a second time.
    pub(super) cells: Option<&'a mut CellRows>,
}

/// The reads a summary is made of.
#[derive(Debug, Clone, Copy)]
enum Read {
    /// One of the cells' reads (see `CellRows::reads`).
    Cells(usize),
    Requests,
    Events,
    Outcomes,
    Findings,
    Chased,
    Questions,
    /// What the clocks need (see `Store::clock_statement`).
    Clock,
}

/// Which requests a summary covers: each is one query shape, so SQLite uses the index for it.
#[derive(Debug, Clone)]
pub(super) enum Scope {
    Campaign(i64),
    Request(i64, i64),
    /// Some requests, by id (a JSON array, read with `json_each`): those that can still be due.
    Ids(String),
}

/// The requests of every campaign that can still be due: sent, not withdrawn or decided by
/// the regulator, and not answered unless a review of it is awaited. One pass over the
/// `events_request_kind` index; the clock decides the rest, and a closed request never enters
/// the loop.
pub(super) const MAYBE_DUE: &str = "SELECT request_id FROM events GROUP BY request_id
    HAVING count(*) FILTER (WHERE kind = 'sent') > 0
       AND count(*) FILTER (WHERE kind IN ('withdrawn', 'ico-decision')) = 0
       AND (count(*) FILTER (WHERE kind = 'responded') = 0
            OR (count(*) FILTER (WHERE kind = 'review-requested') > 0
                AND count(*) FILTER (WHERE kind = 'review-responded') = 0))";

impl Scope {
    /// The condition on `r` (requests) and its values.
    fn clause(&self) -> (&'static str, Vec<super::db::Value>) {
        match self {
            Scope::Campaign(c) => ("r.campaign_id = ?1", vec![(*c).into()]),
            Scope::Request(c, id) => (
                "r.campaign_id = ?1 AND r.id = ?2",
                vec![(*c).into(), (*id).into()],
            ),
            Scope::Ids(json) => (
                "r.id IN (SELECT value FROM json_each(?1))",
                vec![json.clone().into()],
            ),
        }
    }
}

/// The queries a summary runs, by scope: also what the query-plan check looks at.
pub(super) fn summary_sql(scope_clause: &str) -> [String; 5] {
    [
        format!(
            "SELECT r.id, c.slug, r.reference, r.regime, r.wdtk_url, {BODY_COLUMNS}
             FROM requests r JOIN bodies b ON b.id = r.body_id
             JOIN campaigns c ON c.id = r.campaign_id
             WHERE {scope_clause} ORDER BY b.name, c.id"
        ),
        format!(
            "SELECT e.request_id, e.kind, e.on_date, e.until_date, e.outcome FROM events e
             JOIN requests r ON r.id = e.request_id
             WHERE {scope_clause} ORDER BY e.request_id, e.on_date, e.id"
        ),
        // Each outcome counted apart: text waiting to be read ('pending') is "to triage",
        // and only an answered or partly answered question is answered. Counted from the
        // index, never the letters.
        format!(
            "SELECT a.request_id, a.outcome, count(*)
             FROM answers a JOIN requests r ON r.id = a.request_id
             WHERE {scope_clause} GROUP BY a.request_id, a.outcome"
        ),
        format!(
            "SELECT a.request_id, count(*) FROM findings f JOIN answers a ON a.id = f.answer_id
             JOIN requests r ON r.id = a.request_id WHERE {scope_clause} GROUP BY a.request_id"
        ),
        format!(
            "SELECT m.request_id, max(m.sent_on) FROM messages m
             JOIN requests r ON r.id = m.request_id
             WHERE {scope_clause} AND m.direction = 'sent' AND m.letter = 'chase'
               AND m.delivery = 'sent'
             GROUP BY m.request_id"
        ),
    ]
}

/// The scope clause of one campaign, for the query-plan check.
pub(super) const CAMPAIGN_SCOPE: &str = "r.campaign_id = ?1";

impl Store {
    /// Every request of `campaign` with its clock as of `today`, by body name.
    pub fn summaries(
        &self,
        campaign: &Campaign,
        today: NaiveDate,
        findings: Findings,
    ) -> Result<Vec<RequestSummary>> {
        Ok(self.summaries_of_campaign(campaign, today, findings)?.0)
    }

    /// Every request of `campaign` with its clock, and the questions it asks: what the board
    /// shows, the questions read once for both (their number is what "3/7" counts against;
    /// on a server, one round trip fewer at every load).
    pub fn summaries_and_questions(
        &self,
        campaign: &Campaign,
        today: NaiveDate,
        findings: Findings,
    ) -> Result<(Vec<RequestSummary>, Vec<Question>)> {
        self.summaries_of_campaign(campaign, today, findings)
    }

    /// The campaign's summaries and questions, the questions read once for both.
    fn summaries_of_campaign(
        &self,
        campaign: &Campaign,
        today: NaiveDate,
        findings: Findings,
    ) -> Result<(Vec<RequestSummary>, Vec<Question>)> {
        let known = Known {
            questions_of: Some(campaign.id),
            cells: None,
        };
        self.summaries_in(Scope::Campaign(campaign.id), today, findings, known)
    }

    /// The requests `ids` with their clocks as of `today`, in one pass whatever their number
    /// (a bulk event's before-and-after check), by body name.
    pub fn summaries_of(
        &self,
        ids: &[i64],
        today: NaiveDate,
        findings: Findings,
    ) -> Result<Vec<RequestSummary>> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        Ok(self
            .summaries_in(Scope::Ids(json), today, findings, Known::default())?
            .0)
    }

    /// Every request of every campaign that is overdue or due within `within` working days as
    /// of `today`, most urgent first: the daily reminder. Only requests that can still be due
    /// are read and counted, so it costs what is open, not five years of campaigns.
    pub fn due(
        &self,
        today: NaiveDate,
        within: i64,
        findings: Findings,
    ) -> Result<Vec<RequestSummary>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(MAYBE_DUE)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<super::db::Result<_>>()?
        };
        let mut rows: Vec<RequestSummary> = self
            .summaries_of(&ids, today, findings)?
            .into_iter()
            .filter(|s| s.working_days_left.is_some_and(|left| left <= within))
            .collect();
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

    /// One request of `campaign` with its clock as of `today`, its findings counted.
    pub fn summary(
        &self,
        campaign: &Campaign,
        request_id: i64,
        today: NaiveDate,
    ) -> Result<RequestSummary> {
        self.summaries_in(
            Scope::Request(campaign.id, request_id),
            today,
            Findings::Counted,
            Known {
                questions_of: Some(campaign.id),
                ..Known::default()
            },
        )?
        .0
        .pop()
        .ok_or_else(|| {
            StoreError::NotFound(format!("no request {request_id} in {}", campaign.slug))
        })
    }

    /// The requests of `scope` with their clocks, asking only for what is not `known`; and
    /// the questions of the campaign `known` names (none otherwise).
    pub(super) fn summaries_in(
        &self,
        scope: Scope,
        today: NaiveDate,
        counted: Findings,
        known: Known,
    ) -> Result<(Vec<RequestSummary>, Vec<Question>)> {
        let Known {
            questions_of,
            mut cells,
        } = known;
        let (clause, params) = scope.clause();
        let [requests_sql, events_sql, answers_sql, findings_sql, chased_sql] = summary_sql(clause);
        // The reads this summary needs, sent together (on a server, one round trip).
        let campaign: Vec<super::db::Value> = questions_of.into_iter().map(Into::into).collect();
        let mut reads: Vec<(Read, &str, &[super::db::Value])> = Vec::new();
        if let Some(c) = &cells {
            reads.extend(
                c.reads(&campaign)
                    .into_iter()
                    .enumerate()
                    .map(|(i, (sql, values))| (Read::Cells(i), sql, values)),
            );
        }
        reads.extend([
            (Read::Requests, requests_sql.as_str(), params.as_slice()),
            (Read::Events, &events_sql, &params),
            (Read::Chased, &chased_sql, &params),
        ]);
        if cells.is_none() {
            reads.push((Read::Outcomes, &answers_sql, &params));
        }
        if counted == Findings::Counted {
            reads.push((Read::Findings, &findings_sql, &params));
        }
        if questions_of.is_some() {
            reads.push((Read::Questions, QUESTIONS_SQL, &campaign));
        }
        let (clock_sql, mut clock) = self.clock_statement();
        reads.push((Read::Clock, clock_sql, &[]));
        let mut questions = Vec::new();
        let mut requests: Vec<(String, RequestRef)> = Vec::new();
        let mut events: HashMap<i64, Vec<ClockEvent>> = HashMap::new();
        let mut unreadable = std::collections::HashSet::new();
        let mut reviewed = HashMap::new();
        let mut outcomes = OutcomeCounts::new();
        let mut findings: Option<HashMap<i64, u32>> =
            (counted == Findings::Counted).then(HashMap::new);
        let mut chased: HashMap<i64, NaiveDate> = HashMap::new();
        let statements: Vec<(&str, &[super::db::Value])> = reads
            .iter()
            .map(|(_, sql, values)| (*sql, *values))
            .collect();
        self.conn.read_together(&statements, |i, r| {
            match reads[i].0 {
                Read::Cells(k) => {
                    if let Some(c) = cells.as_deref_mut() {
                        c.row(k, r)?;
                    }
                }
                Read::Requests => {
                    let body = body_from(r, 5)?;
                    let regime = text(r, 3)?.parse().unwrap_or(body.regime);
                    requests.push((
                        text(r, 1)?,
                        RequestRef {
                            id: r.get(0)?,
                            reference: text(r, 2)?,
                            regime,
                            wdtk_url: text(r, 4)?,
                            body,
                        },
                    ));
                }
                Read::Events => {
                    let id = r.get::<i64>(0)?;
                    let kind = word(r, 1)?;
                    if kind == crate::law::EventKind::ReviewResponded {
                        if let Ok(o) = text(r, 4)?.parse() {
                            reviewed.insert(id, o);
                        }
                    }
                    match date(r, 2)? {
                        Some(on) => events.entry(id).or_default().push(ClockEvent {
                            kind,
                            on,
                            until: date(r, 3)?,
                        }),
                        None => {
                            unreadable.insert(id);
                        }
                    }
                }
                Read::Outcomes => tally(&mut outcomes, r.get(0)?, text(r, 1)?, r.get(2)?),
                Read::Findings => {
                    if let Some(f) = findings.as_mut() {
                        f.insert(r.get(0)?, r.get(1)?);
                    }
                }
                Read::Questions => questions.push(question_from(r)?),
                Read::Clock => clock.push(r)?,
                Read::Chased => {
                    if let Some(d) = date(r, 1)? {
                        chased.insert(r.get::<i64>(0)?, d);
                    }
                }
            }
            Ok(())
        })?;
        if let Some(c) = cells {
            outcomes = c.take_counts();
        }
        let asked = questions_of.map(|_| u32::try_from(questions.len()).unwrap_or(u32::MAX));
        let counts_by_slug = match asked {
            Some(_) => HashMap::new(),
            None => self.question_counts(&scope)?,
        };
        let (cals, policy) = self.clock_from(clock)?;
        requests
            .into_iter()
            .map(|(slug, request)| {
                let cal = cals.get(request.regime);
                let evs = events.remove(&request.id).unwrap_or_default();
                let (report, mut problem) = clock_of(cal, &policy, evs, &request);
                if unreadable.contains(&request.id) && problem.is_none() {
                    problem = Some("an event's date cannot be read: see `foiboard show`".into());
                }
                let mut outcomes = outcomes.remove(&request.id).unwrap_or_default();
                let to_triage = outcomes
                    .remove(crate::model::Outcome::Pending.as_str())
                    .unwrap_or(0);
                let answered = outcomes
                    .iter()
                    .filter(|(o, _)| {
                        o.parse::<crate::model::Outcome>()
                            .is_ok_and(crate::model::Outcome::answers)
                    })
                    .map(|(_, n)| n)
                    .sum();
                let asked = asked.unwrap_or_else(|| questions_of_slug(&counts_by_slug, &slug));
                let decided: u32 = outcomes.values().sum();
                Ok(RequestSummary {
                    questions: asked,
                    campaign: slug,
                    status: report.status(today),
                    working_days_left: report.working_days_left(cal, today),
                    answered,
                    decided,
                    outcomes,
                    to_triage,
                    last_chased: chased.get(&request.id).copied(),
                    review_to_consider: report.review_request_by.filter(|by| *by >= today).filter(
                        |_| {
                            report.responded.is_some()
                                && report.review_requested.is_none()
                                && to_triage == 0
                                && decided >= asked
                                && answered < asked
                        },
                    ),
                    findings: findings
                        .as_ref()
                        .map(|f| f.get(&request.id).copied().unwrap_or(0)),
                    problem,
                    review_outcome: reviewed.get(&request.id).copied(),
                    report,
                    request,
                })
            })
            .collect::<Result<Vec<_>>>()
            .map(|rows| (rows, questions))
    }

    /// How many questions each campaign of `scope` asks, by slug: one campaign's own count
    /// when the scope is one campaign, so its cost does not grow with the others.
    fn question_counts(&self, scope: &Scope) -> Result<HashMap<String, u32>> {
        let campaign = match scope {
            Scope::Campaign(c) | Scope::Request(c, _) => Some(*c),
            Scope::Ids(_) => None,
        };
        let (sql, params): (&str, Vec<i64>) = match campaign {
            Some(c) => (
                "SELECT c.slug, count(q.id) FROM campaigns c LEFT JOIN questions q
                 ON q.campaign_id = c.id WHERE c.id = ?1 GROUP BY c.id",
                vec![c],
            ),
            None => (
                "SELECT c.slug, count(q.id) FROM campaigns c LEFT JOIN questions q
                 ON q.campaign_id = c.id GROUP BY c.id",
                vec![],
            ),
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(super::db::params_from_iter(params), |r| {
            Ok((text(r, 0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}

/// How many questions the campaign `slug` asks.
fn questions_of_slug(questions: &HashMap<String, u32>, slug: &str) -> u32 {
    questions.get(slug).copied().unwrap_or(0)
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
