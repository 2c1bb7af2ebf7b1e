//! What the statutory clock gives back, and the policy it counts with: the types both the
//! clock (`clock.rs`, the response and its extensions) and what comes after a response
//! (`after.rs`, reviews and the regulator) fill in, kept apart from both so neither imports
//! the other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::Skipped;
use super::events::{EventKind, Phase};
use super::regime::{Convention, Regime};

/// The rule behind one date of the report, by the report's field name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateRule {
    pub field: &'static str,
    pub rule: String,
}

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

crate::vocabulary! {
    /// Where the request stands as of a given day: the words a group member uses.
    #[derive(PartialOrd, Ord)]
    pub enum Status: "status", shown as as_str {
        NotSent = "not-sent", label "not sent";
        Awaiting = "awaiting", label "awaiting a reply";
        Overdue = "overdue", label "overdue";
        LongOverdue = "long-overdue", label "long overdue";
        Clarification = "clarification", label "clarification asked";
        Fee = "fee", label "fee to pay";
        Lapsed = "lapsed", label "lapsed (fee unpaid)";
        Responded = "responded", label "responded";
        Review = "review", label "under review";
        ReviewOverdue = "review-overdue", label "review overdue";
        ReviewAnswered = "review-answered", label "review answered";
        Ico = "ico", label "with the regulator";
        Closed = "closed", label "closed";
        Withdrawn = "withdrawn", label "withdrawn";
    }
}

impl Status {
    /// Whether the authority owes something and is late.
    pub fn is_late(self) -> bool {
        match self {
            Status::Overdue | Status::LongOverdue | Status::ReviewOverdue => true,
            Status::NotSent
            | Status::Awaiting
            | Status::Clarification
            | Status::Fee
            | Status::Lapsed
            | Status::Responded
            | Status::Review
            | Status::ReviewAnswered
            | Status::Ico
            | Status::Closed
            | Status::Withdrawn => false,
        }
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
