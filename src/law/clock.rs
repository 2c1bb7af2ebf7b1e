//! The statutory clock: a request's dated events in, its state and every deadline out.
//!
//! Deadlines are never stored as truth: they are recomputed from events each time, so a bank
//! holiday proclaimed later, or an event corrected, moves them as the law would.

use chrono::{Duration, NaiveDate};

use super::after::{self, AfterFacts};
use super::calendar::{Calendar, OutOfRange, Pause};
use super::events::{ClockEvent, EventKind, Phase, Sequence};
use super::regime::Regime;
use super::report::{ClockReport, DateRule, Move, Policy, Status};

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
                Regime::Eir | Regime::Eisr => Some(match until {
                    Some(u) if u <= long.due => u,
                    Some(u) => {
                        let reg = if regime == Regime::Eisr {
                            "EISR"
                        } else {
                            "EIR"
                        };
                        r.warnings.push(format!(
                            "the authority stated {u}, beyond the 40 working days {reg} reg 7(1) allows ({}): the deadline is counted as {}",
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
                    Regime::Eisr => "EISR reg 7 extension",
                    Regime::Foia | Regime::Foisa => "public interest extension (s.10(3))",
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
            (Regime::Eisr, false) => "EISR reg 5(2)(a): 20 working days after receipt",
            (Regime::Eisr, true) => "EISR reg 7(1): up to 40 working days after receipt",
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
