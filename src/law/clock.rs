//! The statutory clock: a request's dated events in, its state and every deadline out.
//!
//! Deadlines are never stored as truth: they are recomputed from events each time, so a bank
//! holiday proclaimed later, or an event corrected, moves them as the law would.

use std::fmt;
use std::str::FromStr;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::after::{self, AfterFacts, DateRule};
use super::calendar::{Calendar, OutOfRange, Pause, Skipped};
use super::events::{ClockEvent, EventKind, Phase, Sequence};
use super::regime::{Convention, Regime, UnknownWord};

/// The parts of the timetable that are policy or guidance rather than statute. Defaults are the
/// ones in the rules; a group may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub convention: Convention,
    /// Working days to respond (s.10(1), reg 5(2), FOISA s.10).
    pub response_days: u32,
    /// WhatDoTheyKnow's "long overdue" threshold, and the ICO's outer limit for extensions.
    pub long_overdue_days: u32,
    /// Working days after a response within which a review should be asked for.
    pub review_request_days: u32,
    /// FOIA internal review (s.45 Code): normal and exceptional limits.
    pub foia_review_days: u32,
    pub foia_review_exceptional_days: u32,
    /// Calendar days after the final response to complain to the ICO.
    pub ico_complaint_days: i64,
    /// Months after a review decision to appeal to the Scottish Information Commissioner.
    pub sic_appeal_months: u32,
    /// Months in which a fee must be paid before the request lapses.
    pub fee_lapse_months: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            convention: Convention::Ico,
            response_days: 20,
            long_overdue_days: 40,
            review_request_days: 40,
            foia_review_days: 20,
            foia_review_exceptional_days: 40,
            ico_complaint_days: 42,
            sic_appeal_months: 6,
            fee_lapse_months: 3,
        }
    }
}

/// Where the request stands as of a given day: the words a group member uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotSent,
    Awaiting,
    Overdue,
    LongOverdue,
    Clarification,
    Fee,
    Lapsed,
    Responded,
    Review,
    ReviewOverdue,
    ReviewAnswered,
    Ico,
    Closed,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 14] = [
        Status::NotSent,
        Status::Awaiting,
        Status::Overdue,
        Status::LongOverdue,
        Status::Clarification,
        Status::Fee,
        Status::Lapsed,
        Status::Responded,
        Status::Review,
        Status::ReviewOverdue,
        Status::ReviewAnswered,
        Status::Ico,
        Status::Closed,
        Status::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotSent => "not-sent",
            Status::Awaiting => "awaiting",
            Status::Overdue => "overdue",
            Status::LongOverdue => "long-overdue",
            Status::Clarification => "clarification",
            Status::Fee => "fee",
            Status::Lapsed => "lapsed",
            Status::Responded => "responded",
            Status::Review => "review",
            Status::ReviewOverdue => "review-overdue",
            Status::ReviewAnswered => "review-answered",
            Status::Ico => "ico",
            Status::Closed => "closed",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Whether the authority owes something and is late.
    pub fn is_late(self) -> bool {
        matches!(
            self,
            Status::Overdue | Status::LongOverdue | Status::ReviewOverdue
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        Status::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(UnknownWord {
                what: "status",
                given: s,
                expected: "not-sent, awaiting, overdue, long-overdue, clarification, fee, lapsed, \
                           responded, review, review-overdue, review-answered, ico, closed, withdrawn",
            })
    }
}

/// An event that moved a deadline, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub date: NaiveDate,
    pub event: EventKind,
    pub effect: String,
}

/// Everything the clock knows about one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockReport {
    pub regime: Regime,
    pub phase: Phase,
    /// The date the request was received (the `sent` event).
    pub received: Option<NaiveDate>,
    /// Day 0 of the running count: the receipt, or the last clarification received.
    pub clock_start: Option<NaiveDate>,
    /// The statutory date (20 working days, fee pauses removed): the refusal notice is due by
    /// then even when the public-interest test is extended.
    pub statutory_due: Option<NaiveDate>,
    /// The date the response is due: the statutory date, or an extension's target.
    pub due: Option<NaiveDate>,
    /// After this date the request is "long overdue" (40 working days).
    pub long_overdue_after: Option<NaiveDate>,
    pub extended_to: Option<NaiveDate>,
    pub responded: Option<NaiveDate>,
    /// Working days taken to respond (from day 0, fee pauses removed).
    pub working_days_to_respond: Option<u32>,
    pub responded_late: Option<bool>,
    /// Working days after the deadline the response came (0 when on time).
    pub responded_days_late: Option<u32>,
    pub review_request_by: Option<NaiveDate>,
    pub review_requested: Option<NaiveDate>,
    pub review_due: Option<NaiveDate>,
    pub review_due_exceptional: Option<NaiveDate>,
    pub review_responded: Option<NaiveDate>,
    /// Last day to complain to the ICO, or for FOISA to appeal to the Scottish Information
    /// Commissioner.
    pub ico_complaint_by: Option<NaiveDate>,
    /// With a review unanswered, the day from which the regulator takes a complaint anyway.
    pub ico_complaint_from: Option<NaiveDate>,
    /// As `ico_complaint_from`, where the authority said the case is exceptional (FOIA).
    pub ico_complaint_from_exceptional: Option<NaiveDate>,
    /// The last day to pay a fee (FOIA, FOISA) or advance charge (EIR) that is owed.
    pub fee_pay_by: Option<NaiveDate>,
    /// The first day the request has lapsed for want of the fee.
    pub fee_lapses_on: Option<NaiveDate>,
    /// Any counted date lies in a year whose holidays were generated, not published.
    pub provisional: bool,
    /// Non-working and paused days the response count passed over.
    pub skipped: Vec<Skipped>,
    /// The events that moved the clock.
    pub moves: Vec<Move>,
    /// Things the authority did out of time or the law does not provide for.
    pub warnings: Vec<String>,
    /// The rule behind each date after the response, in words with its provision.
    pub rules: Vec<DateRule>,
    /// What the requester should know where there is no date to give (a review comes first).
    pub guidance: Vec<String>,
}

impl ClockReport {
    /// The report of a request with no events: nothing sent, no dates.
    pub fn empty(regime: Regime) -> ClockReport {
        ClockReport {
            regime,
            phase: Phase::NotSent,
            received: None,
            clock_start: None,
            statutory_due: None,
            due: None,
            long_overdue_after: None,
            extended_to: None,
            responded: None,
            working_days_to_respond: None,
            responded_late: None,
            responded_days_late: None,
            review_request_by: None,
            review_requested: None,
            review_due: None,
            review_due_exceptional: None,
            review_responded: None,
            ico_complaint_by: None,
            ico_complaint_from: None,
            ico_complaint_from_exceptional: None,
            fee_pay_by: None,
            fee_lapses_on: None,
            provisional: false,
            skipped: Vec::new(),
            moves: Vec::new(),
            warnings: Vec::new(),
            rules: Vec::new(),
            guidance: Vec::new(),
        }
    }
}

/// One date of a request's timetable, with the rule that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<'a> {
    pub label: &'static str,
    pub date: NaiveDate,
    pub rule: Option<&'a str>,
}

/// Why the clock could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error(transparent)]
    Refused(#[from] super::events::EventRefused),
    #[error(transparent)]
    Range(#[from] OutOfRange),
}

/// Runs the clock over `events` (sorted by date; same-day events in the order recorded).
///
/// Lenient: an event that does not fit is ignored with a warning, so a board always shows
/// something. Use [`check_sequence`] before recording to refuse such events.
pub fn run(
    cal: &Calendar,
    policy: &Policy,
    events: &[ClockEvent],
) -> Result<ClockReport, ClockError> {
    use EventKind::*;
    let regime = cal.regime();
    let mut r = ClockReport::empty(regime);
    let mut pauses: Vec<Pause> = Vec::new();
    let mut fee_notice: Option<NaiveDate> = None;
    // An extension: (notified on, stated target).
    let mut extension: Option<(NaiveDate, Option<NaiveDate>)> = None;
    let mut clarification_asked: Option<NaiveDate> = None;
    let mut sequence = Sequence::new(events);

    for ev in events {
        if let Err(e) = sequence.accept(ev) {
            r.warnings
                .push(format!("ignored '{}' on {}: {e}", ev.kind, ev.on));
            continue;
        }
        match ev.kind {
            Sent => {
                r.phase = Phase::Running;
                r.received = Some(ev.on);
                r.clock_start = Some(ev.on);
            }
            ClarificationRequested => {
                r.phase = Phase::AwaitingClarification;
                clarification_asked = Some(ev.on);
                r.moves.push(Move {
                    date: ev.on,
                    event: ev.kind,
                    effect: "clock stopped until the clarification is received".into(),
                });
            }
            Clarified => {
                r.phase = Phase::Running;
                r.clock_start = Some(ev.on);
                pauses.clear();
                extension = None;
                r.moves.push(Move {
                    date: ev.on,
                    event: ev.kind,
                    effect: format!(
                        "clock restarted from zero (clarification asked for on {})",
                        clarification_asked.map_or("?".into(), |d| d.to_string())
                    ),
                });
            }
            FeeNotice => {
                r.phase = Phase::AwaitingFee;
                fee_notice = Some(ev.on);
                if let Some((by, lapses, rule)) = after::fee_lapse(cal, policy, regime, ev.on)? {
                    r.fee_pay_by = Some(by);
                    r.fee_lapses_on = Some(lapses);
                    r.rules.push(DateRule {
                        field: "fee_pay_by",
                        rule,
                    });
                }
                r.moves.push(Move {
                    date: ev.on,
                    event: ev.kind,
                    effect: "clock paused until the fee is paid".into(),
                });
            }
            FeePaid => {
                r.phase = Phase::Running;
                if let Some(lapsed) = r.fee_lapses_on.filter(|l| ev.on >= *l) {
                    r.warnings.push(format!(
                        "the fee was paid on {}, after the request lapsed on {lapsed} ({}): the authority no longer has to answer; ask whether it will",
                        ev.on,
                        r.rule_for("fee_pay_by").unwrap_or("the fee's time limit")
                    ));
                }
                if let Some(n) = fee_notice.take() {
                    pauses.push((n, ev.on));
                    let paused = cal.working_days_in(n - Duration::days(1), ev.on)?;
                    r.moves.push(Move {
                        date: ev.on,
                        event: ev.kind,
                        effect: format!(
                            "{paused} working day(s) from {n} to {} not counted (fee pause)",
                            ev.on
                        ),
                    });
                }
                r.fee_pay_by = None;
                r.fee_lapses_on = None;
                r.rules.retain(|x| x.field != "fee_pay_by");
            }
            Extended => {
                extension = Some((ev.on, ev.until));
            }
            Responded => {
                // A late reply while a review of the non-response is under way leaves the
                // review where it stands.
                if !matches!(r.phase, Phase::ReviewPending | Phase::ReviewAnswered) {
                    r.phase = Phase::Responded;
                }
                r.responded = Some(ev.on);
            }
            ReviewRequested => {
                r.phase = Phase::ReviewPending;
                r.review_requested = Some(ev.on);
            }
            ReviewResponded => {
                r.phase = Phase::ReviewAnswered;
                r.review_responded = Some(ev.on);
            }
            IcoComplaint => r.phase = Phase::IcoComplaint,
            IcoDecision => r.phase = Phase::IcoDecided,
            Withdrawn => r.phase = Phase::Withdrawn,
            Acknowledged | Note => {}
        }
    }

    let conv = policy.convention;
    // The response clock, unless stopped for a clarification or a fee not yet paid.
    let stopped = fee_notice.is_some() || r.phase == Phase::AwaitingClarification;
    if let (Some(start), false) = (r.clock_start, stopped && r.responded.is_none()) {
        let stat = cal.count(start, policy.response_days, conv, &pauses)?;
        let long = cal.count(start, policy.long_overdue_days, conv, &pauses)?;
        r.provisional |= stat.provisional || long.provisional;
        r.statutory_due = Some(stat.due);
        r.long_overdue_after = Some(long.due);
        let mut due = stat.due;
        if let Some((notified, until)) = extension {
            let target = match regime {
                Regime::Foisa => {
                    r.warnings.push(
                        "FOISA has no extension for the public interest test: the deadline stays at 20 working days".into(),
                    );
                    None
                }
                Regime::Foia => Some(until.unwrap_or(long.due)),
                Regime::Eir => Some(match until {
                    Some(u) if u <= long.due => u,
                    Some(u) => {
                        r.warnings.push(format!(
                            "the authority stated {u}, beyond the 40 working days EIR reg 7(1) allows ({}): the deadline is counted as {}",
                            long.due, long.due
                        ));
                        long.due
                    }
                    None => long.due,
                }),
            };
            if let Some(target) = target {
                if notified > stat.due {
                    r.warnings.push(format!(
                        "the extension was notified on {notified}, after the 20-working-day deadline {}: it should have been notified within it",
                        stat.due
                    ));
                }
                if target > long.due {
                    r.warnings.push(format!(
                        "the extension's target {target} is beyond 40 working days ({}): late in ICO terms",
                        long.due
                    ));
                }
                let what = match regime {
                    Regime::Eir => "EIR reg 7 extension",
                    _ => "public interest extension (s.10(3))",
                };
                r.moves.push(Move {
                    date: notified,
                    event: Extended,
                    effect: format!("{what}: response now due {target}"),
                });
                r.extended_to = Some(target);
                due = target;
            }
        }
        r.due = Some(due);
        let day0 = stat.day0;
        r.skipped = cal.skipped(day0, due.max(stat.due), &pauses);
        if let Some(resp) = r.responded {
            let taken = cal.working_days_in(day0, resp)?;
            let paused: u32 = pauses
                .iter()
                .map(|(a, b)| cal.working_days_in(*a - Duration::days(1), (*b).min(resp)))
                .sum::<Result<u32, _>>()?;
            r.working_days_to_respond = Some(taken.saturating_sub(paused));
            r.responded_late = Some(resp > due);
            r.responded_days_late = Some(if resp > due {
                cal.working_days_in(due, resp)?.max(1)
            } else {
                0
            });
        }
    }

    if r.due.is_some() {
        let rule = match (regime, r.extended_to.is_some()) {
            (Regime::Foia, false) => "FOIA s.10(1): 20 working days after receipt",
            (Regime::Foia, true) => "FOIA s.10(3): the public interest extension",
            (Regime::Eir, false) => "EIR reg 5(2): 20 working days after receipt",
            (Regime::Eir, true) => "EIR reg 7(1): up to 40 working days after receipt",
            (Regime::Foisa, _) => "FOISA s.10(1): 20 working days after receipt",
        };
        r.rules.push(DateRule {
            field: "due",
            rule: rule.to_string(),
        });
    }
    // After the response (or a missed deadline): review and regulator windows.
    let facts = AfterFacts {
        regime,
        due: r.due,
        responded: r.responded,
        review_requested: r.review_requested,
        review_responded: r.review_responded,
    };
    after::review_and_regulator(&mut r, cal, policy, &facts)?;
    Ok(r)
}

impl ClockReport {
    /// "answered on time", "answered 3 wd late", or nothing before a response.
    pub fn response_timing(&self) -> Option<String> {
        self.responded_days_late.map(|late| match late {
            0 => "answered on time".to_string(),
            n => format!("answered {n} wd late"),
        })
    }

    /// The status as of `today`.
    pub fn status(&self, today: NaiveDate) -> Status {
        match self.phase {
            Phase::NotSent => Status::NotSent,
            Phase::Withdrawn => Status::Withdrawn,
            Phase::AwaitingClarification => Status::Clarification,
            Phase::AwaitingFee => match self.fee_lapses_on {
                Some(l) if today >= l => Status::Lapsed,
                _ => Status::Fee,
            },
            Phase::Running => match (self.due, self.long_overdue_after) {
                (_, Some(long)) if today > long => Status::LongOverdue,
                (Some(due), _) if today > due => Status::Overdue,
                _ => Status::Awaiting,
            },
            Phase::Responded => Status::Responded,
            Phase::ReviewPending => match self.review_due {
                Some(d) if today > d => Status::ReviewOverdue,
                _ => Status::Review,
            },
            Phase::ReviewAnswered => Status::ReviewAnswered,
            Phase::IcoComplaint => Status::Ico,
            Phase::IcoDecided => Status::Closed,
        }
    }

    /// Every date worth showing, labelled, in the order a reader follows the request, with the
    /// rule behind it where there is one: the one list the command line and the board both
    /// show, so they cannot disagree.
    pub fn timetable(&self) -> Vec<Dated<'_>> {
        let restarted = (self.clock_start != self.received)
            .then_some(self.clock_start)
            .flatten();
        let statutory = self.extended_to.and(self.statutory_due);
        [
            ("received", "received", self.received),
            ("clock restarted", "clock_start", restarted),
            ("statutory (refusal notice)", "statutory_due", statutory),
            ("response due", "due", self.due),
            (
                "long overdue after",
                "long_overdue_after",
                self.long_overdue_after,
            ),
            ("responded", "responded", self.responded),
            (
                "ask for a review by",
                "review_request_by",
                self.review_request_by,
            ),
            (
                "review requested",
                "review_requested",
                self.review_requested,
            ),
            ("review due", "review_due", self.review_due),
            (
                "review due (exceptional)",
                "review_due_exceptional",
                self.review_due_exceptional,
            ),
            ("review answered", "review_responded", self.review_responded),
            (
                "regulator complaint from",
                "ico_complaint_from",
                self.ico_complaint_from,
            ),
            (
                "  if exceptional, from",
                "ico_complaint_from_exceptional",
                self.ico_complaint_from_exceptional,
            ),
            (
                "regulator complaint by",
                "ico_complaint_by",
                self.ico_complaint_by,
            ),
            ("pay the fee by", "fee_pay_by", self.fee_pay_by),
            ("fee lapses on", "fee_lapses_on", self.fee_lapses_on),
        ]
        .into_iter()
        .filter_map(|(label, field, d)| {
            d.map(|date| Dated {
                label,
                date,
                rule: self.rule_for(field),
            })
        })
        .collect()
    }

    /// The deadline the authority is working to now, if it owes anything.
    pub fn current_deadline(&self) -> Option<NaiveDate> {
        match self.phase {
            Phase::Running => self.due,
            Phase::ReviewPending => self.review_due,
            _ => None,
        }
    }

    /// Working days left to the current deadline as of `today` (negative when late).
    pub fn working_days_left(&self, cal: &Calendar, today: NaiveDate) -> Option<i64> {
        let d = self.current_deadline()?;
        cal.working_days_left(today, d).ok()
    }
}
