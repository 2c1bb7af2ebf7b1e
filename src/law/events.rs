//! The events of a request and the state machine that says which may follow which.

use chrono::NaiveDate;
use serde::Serialize;

crate::vocabulary! {
    /// What happened to a request on a date.
    pub enum EventKind: "event", shown as as_str {
        Sent = "sent", label "sent";
        Acknowledged = "acknowledged", label "acknowledged";
        ClarificationRequested = "clarification-requested", label "clarification requested";
        Clarified = "clarified", label "clarified";
        FeeNotice = "fee-notice", label "fee notice";
        FeePaid = "fee-paid", label "fee paid";
        Extended = "extended", label "extended";
        Responded = "responded", label "responded";
        ReviewRequested = "review-requested", label "review requested";
        ReviewResponded = "review-responded", label "review responded";
        IcoComplaint = "ico-complaint", label "complaint to the regulator";
        IcoDecision = "ico-decision", label "regulator's decision";
        Withdrawn = "withdrawn", label "withdrawn";
        Note = "note", label "note";
    }
}

crate::vocabulary! {
    /// What an internal review decided: its own words, not an answer's outcome. Also takes
    /// FOISA's own words (s.21(4)) and the words authorities write.
    #[derive(PartialOrd, Ord)]
    pub enum ReviewOutcome: "review outcome", shown as as_str {
        /// The original decision stands (FOISA s.21(4)(a): confirmed without modification).
        Upheld = "upheld", label "upheld",
            also ["confirmed", "confirmed-without-modification", "maintained"];
        /// Part of it was changed (FOISA s.21(4)(a): confirmed with modifications).
        PartlyOverturned = "partly-overturned", label "partly overturned",
            also ["partially-overturned", "partly-upheld", "partially-upheld",
                  "confirmed-with-modifications", "modified"];
        /// A different decision (FOISA s.21(4)(b)/(c): substituted, or a decision reached
        /// where none had been made).
        Overturned = "overturned", label "overturned",
            also ["substituted", "reversed", "decision-reached"];
    }
}

impl ReviewOutcome {
    /// The words a report uses: "6 upheld, 2 partly overturned".
    pub fn words(self) -> &'static str {
        self.label()
    }
}

/// One dated event, as the clock needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockEvent {
    pub kind: EventKind,
    pub on: NaiveDate,
    /// For `extended`: the date the authority stated, if any.
    pub until: Option<NaiveDate>,
}

impl ClockEvent {
    pub fn new(kind: EventKind, on: NaiveDate) -> Self {
        ClockEvent {
            kind,
            on,
            until: None,
        }
    }
}

/// Where the request stands, from events alone (no notion of today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    NotSent,
    Running,
    AwaitingClarification,
    AwaitingFee,
    Responded,
    ReviewPending,
    ReviewAnswered,
    IcoComplaint,
    IcoDecided,
    Withdrawn,
}

/// An event that makes no sense where the request stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EventRefused(pub String);

/// Checks that a whole sequence of events (in date order) makes sense: the state machine of a
/// request, with the reason for the first event that does not fit.
pub fn check_sequence(events: &[ClockEvent]) -> Result<(), EventRefused> {
    for ev in events {
        for d in std::iter::once(ev.on).chain(ev.until) {
            if !super::calendar::is_countable(d) {
                return Err(EventRefused(format!(
                    "'{}' on {d}: {d} is outside the years foiboard counts ({} to {}); check the date",
                    ev.kind,
                    super::calendar::FIRST_YEAR,
                    super::calendar::LAST_YEAR - 1
                )));
            }
        }
    }
    let mut seq = Sequence::new(events);
    events.iter().try_for_each(|ev| seq.accept(ev))
}

/// The state machine of a request, fed one event at a time (so the clock can skip an event that
/// does not fit without re-checking everything before it).
#[derive(Debug, Clone)]
pub struct Sequence {
    phase: Phase,
    sent_on: Option<NaiveDate>,
    responded_on: Option<NaiveDate>,
    review_answered_on: Option<NaiveDate>,
    /// The date of the first `sent` among all the events, to explain an event dated before it.
    first_sent: Option<NaiveDate>,
}

impl Sequence {
    /// A new request; `events` (all of them) only tell when it was first sent.
    pub fn new(events: &[ClockEvent]) -> Sequence {
        Sequence {
            phase: Phase::NotSent,
            sent_on: None,
            responded_on: None,
            review_answered_on: None,
            first_sent: events
                .iter()
                .find(|e| e.kind == EventKind::Sent)
                .map(|e| e.on),
        }
    }

    /// Where the request stands after the events taken so far.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Takes the next event, or refuses it (leaving the state as it was) with the reason.
    pub fn accept(&mut self, ev: &ClockEvent) -> Result<(), EventRefused> {
        use EventKind::*;
        use Phase as P;
        let refuse = |why: String| Err::<(), _>(EventRefused(why));
        if ev.kind == Note {
            return Ok(());
        }
        if let Some(s) = self.sent_on {
            if ev.on < s {
                return refuse(format!(
                    "'{}' on {} is before the request was sent ({s})",
                    ev.kind, ev.on
                ));
            }
        }
        if let (Extended, Some(until)) = (ev.kind, ev.until) {
            if until <= ev.on {
                return refuse(format!(
                    "the extension's target {until} must be after the day it was notified ({})",
                    ev.on
                ));
            }
        }
        let next = match (self.phase, ev.kind) {
            (P::Withdrawn, k) => {
                return refuse(format!(
                    "the request was withdrawn; '{k}' cannot follow (record a note instead)"
                ))
            }
            (P::NotSent, Sent) => {
                self.sent_on = Some(ev.on);
                P::Running
            }
            (P::NotSent, Withdrawn) => P::Withdrawn,
            (P::NotSent, k) => {
                return refuse(match self.first_sent {
                    Some(s) => format!("'{k}' on {} is before the request was sent ({s})", ev.on),
                    None => format!(
                        "'{k}' cannot be recorded before the request is sent: record 'sent' first"
                    ),
                })
            }
            (_, Sent) => {
                return refuse(format!(
                    "the request was already sent on {}",
                    self.sent_on.unwrap_or(ev.on)
                ))
            }
            (_, Withdrawn) => P::Withdrawn,
            (p, Acknowledged) => p,
            (P::Running, ClarificationRequested) => P::AwaitingClarification,
            (P::AwaitingClarification, ClarificationRequested) => {
                return refuse(
                    "a clarification is already awaited: record 'clarified' when it is sent".into(),
                )
            }
            (P::AwaitingClarification, Clarified) => P::Running,
            (_, Clarified) => {
                return refuse(
                    "no clarification was requested: record 'clarification-requested' first".into(),
                )
            }
            (P::Running, FeeNotice) => P::AwaitingFee,
            (P::AwaitingFee, FeePaid) => P::Running,
            (_, FeePaid) => {
                return refuse("no fee notice is outstanding: record 'fee-notice' first".into())
            }
            (P::Running, Extended) => P::Running,
            (P::Running | P::AwaitingClarification | P::AwaitingFee, Responded) => {
                self.responded_on = Some(ev.on);
                P::Responded
            }
            // The late reply to a request whose non-response is already under review: the
            // review goes on (FOISA s.20(5)(b) counts from such a reply).
            (p @ (P::ReviewPending | P::ReviewAnswered), Responded)
                if self.responded_on.is_none() =>
            {
                self.responded_on = Some(ev.on);
                p
            }
            (_, Responded) => {
                return refuse(already_recorded(
                    Responded,
                    self.responded_on.unwrap_or(ev.on),
                ))
            }
            // A review may follow a response, or a missed deadline (FOISA s.20 says so; the
            // ICO accepts reviews of a non-response).
            (P::Running | P::Responded, ReviewRequested) => P::ReviewPending,
            (P::ReviewPending, ReviewResponded) => {
                self.review_answered_on = Some(ev.on);
                P::ReviewAnswered
            }
            (_, ReviewResponded) if self.review_answered_on.is_some() => {
                return refuse(already_recorded(
                    ReviewResponded,
                    self.review_answered_on.unwrap_or(ev.on),
                ))
            }
            (_, ReviewResponded) => {
                return refuse(
                    "no internal review was requested: record 'review-requested' first".into(),
                )
            }
            (P::IcoComplaint | P::IcoDecided, IcoComplaint) => {
                return refuse("a complaint to the regulator is already recorded".into())
            }
            (_, IcoComplaint) => P::IcoComplaint,
            (P::IcoComplaint, IcoDecision) => P::IcoDecided,
            (_, IcoDecision) => {
                return refuse(
                    "no complaint to the regulator is recorded: record 'ico-complaint' first"
                        .into(),
                )
            }
            (p, k) => {
                return refuse(format!(
                    "'{k}' makes no sense while the request is {}",
                    phase_words(p)
                ))
            }
        };
        self.phase = next;
        Ok(())
    }
}

fn phase_words(p: Phase) -> &'static str {
    match p {
        Phase::NotSent => "not sent",
        Phase::Running => "awaiting a response",
        Phase::AwaitingClarification => "waiting for our clarification",
        Phase::AwaitingFee => "waiting for a fee",
        Phase::Responded => "answered",
        Phase::ReviewPending => "under internal review",
        Phase::ReviewAnswered => "reviewed",
        Phase::IcoComplaint => "with the regulator",
        Phase::IcoDecided => "decided by the regulator",
        Phase::Withdrawn => "withdrawn",
    }
}

/// Why an event that happens once (the reply, the review's answer) cannot be recorded again,
/// quoting the day it was recorded on; `None` for kinds that may repeat.
pub fn already_recorded_once(kind: EventKind, recorded_on: NaiveDate) -> Option<String> {
    kind.happens_once()
        .then(|| already_recorded(kind, recorded_on))
}

impl EventKind {
    /// Whether a request has at most one of these: the reply and the review's answer.
    /// Every kind named, so a new one must be placed.
    pub fn happens_once(self) -> bool {
        match self {
            EventKind::Responded | EventKind::ReviewResponded => true,
            EventKind::Sent
            | EventKind::Acknowledged
            | EventKind::ClarificationRequested
            | EventKind::Clarified
            | EventKind::FeeNotice
            | EventKind::FeePaid
            | EventKind::Extended
            | EventKind::ReviewRequested
            | EventKind::IcoComplaint
            | EventKind::IcoDecision
            | EventKind::Withdrawn
            | EventKind::Note => false,
        }
    }
}

fn already_recorded(kind: EventKind, on: NaiveDate) -> String {
    if kind == EventKind::ReviewResponded {
        format!("the internal review was already answered on {on}: record a note, or a complaint to the regulator")
    } else {
        format!("the request was already answered on {on}: record a review or a note instead")
    }
}
