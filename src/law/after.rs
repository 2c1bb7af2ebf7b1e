//! After the response, and while a fee is owed: the internal review, the regulator and the
//! fee's lapse. Every date set here carries the rule that produced it, in words with its
//! provision, because these are the dates a group relies on when it escalates.
//!
//! The provisions, as read for this module:
//! - FOIA: asking for a review more than 40 working days after the response may be refused,
//!   and a review is answered within 20 working days, 40 in exceptional cases (s.45 Code of
//!   Practice, guidance not statute). The ICO normally wants a review first; it takes a
//!   complaint once the review is overdue and expects it within 42 calendar days (six weeks) of
//!   the review's outcome (ICO guidance under s.50; not statute).
//! - EIR reg 11(2): representations no later than 40 working days after the date the applicant
//!   believes the authority failed to comply (the response, or the missed deadline); reg 11(4):
//!   the authority decides within 40 working days. The ICO's practice as for FOIA.
//! - FOISA s.20(5): a review is asked for not later than the 40th working day after (a) the
//!   expiry of the time allowed for complying with the request, or (b) where the authority
//!   replied late, the receipt of that late reply. s.21(1): answered within 20 working days, with
//!   no exceptional extension. s.47(1): an application to the Scottish Information
//!   Commissioner needs a review first; s.47(4): within six months of (a) the expiry of the
//!   review's period, or (b) the receipt of the review decision.
//! - Fees: FOIA s.9(2) and FOISA s.9(4): a fee not paid within three months beginning with the
//!   day the notice was given ends the duty to answer; EIR reg 8(5): an advance charge not paid
//!   within 60 working days after the date of the notification does the same (reg 8(6): the
//!   days from notice to payment are disregarded, as under FOIA s.10(2)).

use chrono::{Duration, Months, NaiveDate};

use super::calendar::{Calendar, OutOfRange};
use super::regime::{Convention, Regime};
use super::report::{ClockReport, DateRule, Policy};

impl ClockReport {
    /// The rule that produced `field`, in words.
    pub fn rule_for(&self, field: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| r.field == field)
            .map(|r| r.rule.as_str())
    }

    fn because(&mut self, field: &'static str, rule: String) {
        self.rules.retain(|r| r.field != field);
        self.rules.push(DateRule { field, rule });
    }
}

/// "31 March 2026": dates in rules read as people write them.
fn day(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// The day after `d`: a window that opens "when a period ends" opens then.
fn next_day(d: NaiveDate) -> NaiveDate {
    d + Duration::days(1)
}

/// What happened after the request was received, as the windows need it.
pub(super) struct AfterFacts {
    pub regime: Regime,
    /// The response deadline (extension included), when the clock ran.
    pub due: Option<NaiveDate>,
    pub responded: Option<NaiveDate>,
    pub review_requested: Option<NaiveDate>,
    pub review_responded: Option<NaiveDate>,
}

/// Sets the review and regulator dates of `r`, with their rules and the warnings the law
/// gives (a review asked for after its window).
pub(super) fn review_and_regulator(
    r: &mut ClockReport,
    cal: &Calendar,
    policy: &Policy,
    f: &AfterFacts,
) -> Result<(), OutOfRange> {
    let count = |from: NaiveDate, n: u32| cal.count(from, n, Convention::Ico, &[]);
    let n = policy.review_request_days;

    // The last day to ask for an internal review.
    let window: Option<(NaiveDate, String)> = match (f.regime, f.responded, f.due) {
        (Regime::Foisa, Some(resp), Some(due)) if resp <= due => Some((
            count(due, n)?.due,
            format!(
                "FOISA s.20(5)(a): {n} working days after the end of the 20-working-day period ({}), the reply having come in time",
                day(due)
            ),
        )),
        (Regime::Foisa, Some(resp), _) => Some((
            count(resp, n)?.due,
            format!(
                "FOISA s.20(5)(b): {n} working days after the late reply was received ({})",
                day(resp)
            ),
        )),
        (Regime::Foisa, None, Some(due)) => Some((
            count(due, n)?.due,
            format!(
                "FOISA s.20(5)(a): {n} working days after the 20-working-day period ended ({}) with no reply",
                day(due)
            ),
        )),
        (Regime::Eir, Some(resp), _) => Some((
            count(resp, n)?.due,
            format!(
                "EIR reg 11(2): {n} working days after the response ({})",
                day(resp)
            ),
        )),
        (Regime::Eir, None, Some(due)) => Some((
            count(due, n)?.due,
            format!(
                "EIR reg 11(2): {n} working days after the deadline the authority missed ({})",
                day(due)
            ),
        )),
        (Regime::Eisr, Some(resp), _) => Some((
            count(resp, n)?.due,
            format!(
                "EISR reg 16(2): {n} working days after the response ({})",
                day(resp)
            ),
        )),
        (Regime::Eisr, None, Some(due)) => Some((
            count(due, n)?.due,
            format!(
                "EISR reg 16(2): {n} working days after the deadline the authority missed ({})",
                day(due)
            ),
        )),
        (Regime::Foia, Some(resp), _) => Some((
            count(resp, n)?.due,
            format!(
                "s.45 Code of Practice (guidance): a review asked for more than {n} working days after the response ({}) may be refused",
                day(resp)
            ),
        )),
        _ => None,
    };
    if let Some((by, rule)) = window {
        let asked = f.review_requested;
        // Once a review is asked for, the window matters only to say whether it was late.
        if let Some(asked) = asked.filter(|a| *a > by) {
            r.warnings.push(format!(
                "the internal review was asked for on {asked}, after the window closed on {by} ({rule}): the authority may refuse it"
            ));
        }
        if asked.is_none() {
            r.provisional |= cal.is_provisional(by).unwrap_or(false);
            r.review_request_by = Some(by);
            r.because("review_request_by", rule);
        }
    }

    let Some(req) = f.review_requested else {
        // No review yet: no regulator date. Say what comes first.
        if f.responded.is_some() || (f.regime.scottish() && f.due.is_some()) {
            r.guidance.push(match f.regime {
                Regime::Foisa => "an application to the Scottish Information Commissioner needs an internal review first (FOISA s.47(1)): ask for one by the date above".to_string(),
                Regime::Eisr => "an application to the Scottish Information Commissioner needs a review first (FOISA s.47(1), applied by EISR reg 17): ask for one by the date above".to_string(),
                Regime::Foia | Regime::Eir => "the ICO normally wants an internal review first: ask for one by the date above; a complaint is normally due within 42 days of the review's outcome".to_string(),
            });
        }
        return Ok(());
    };

    // The review and when it is due.
    let (normal, exceptional, rule) = match f.regime {
        Regime::Foia => (
            policy.foia_review_days,
            Some(policy.foia_review_exceptional_days),
            format!(
                "s.45 Code of Practice (guidance): {} working days from the review request, {} in exceptional cases",
                policy.foia_review_days, policy.foia_review_exceptional_days
            ),
        ),
        Regime::Eir => (
            40,
            None,
            "EIR reg 11(4): 40 working days from the review request".to_string(),
        ),
        Regime::Foisa => (
            20,
            None,
            "FOISA s.21(1): 20 working days from the review request (no exceptional extension)"
                .to_string(),
        ),
        Regime::Eisr => (
            20,
            None,
            "EISR reg 16(4): 20 working days from receipt of the representations".to_string(),
        ),
    };
    let due = count(req, normal)?;
    r.provisional |= due.provisional;
    r.review_due = Some(due.due);
    r.because("review_due", rule);
    if let Some(x) = exceptional {
        let d = count(req, x)?.due;
        r.review_due_exceptional = Some(d);
        r.because(
            "review_due_exceptional",
            format!("s.45 Code of Practice (guidance): {x} working days where the authority says the case is exceptional"),
        );
    }

    // The Scottish Commissioner's statute (FOISA s.47; EISR reg 17 applies it).
    let act = if f.regime == Regime::Eisr {
        "FOISA s.47 as applied by EISR reg 17"
    } else {
        "FOISA s.47"
    };
    match (f.review_responded, f.regime.scottish()) {
        (Some(done), true) => {
            r.ico_complaint_by = done.checked_add_months(Months::new(policy.sic_appeal_months));
            r.because(
                "ico_complaint_by",
                format!(
                    "{act}(4)(b): within {} months of receiving the review decision ({})",
                    policy.sic_appeal_months,
                    day(done)
                ),
            );
        }
        (Some(done), _) => {
            r.ico_complaint_by = Some(done + Duration::days(policy.ico_complaint_days));
            r.because(
                "ico_complaint_by",
                format!(
                    "ICO guidance (s.50): a complaint is normally expected within {} days of the review's outcome ({}); not statute",
                    policy.ico_complaint_days,
                    day(done)
                ),
            );
        }
        (None, true) => {
            let from = next_day(due.due);
            r.ico_complaint_from = Some(from);
            let period = if f.regime == Regime::Eisr {
                "EISR reg 16(4)"
            } else {
                "s.21(1)"
            };
            r.because(
                "ico_complaint_from",
                format!(
                    "{act}(1)(b): the review's 20 working days ({period}) end on {}; an application may be made from the next day",
                    day(due.due)
                ),
            );
            r.ico_complaint_by = due
                .due
                .checked_add_months(Months::new(policy.sic_appeal_months));
            r.because(
                "ico_complaint_by",
                format!(
                    "{act}(4)(a): within {} months of the end of the review's period ({})",
                    policy.sic_appeal_months,
                    day(due.due)
                ),
            );
        }
        (None, false) => {
            let regime = f.regime;
            r.ico_complaint_from = Some(next_day(due.due));
            let what = if regime == Regime::Eir {
                "the review's 40 working days (EIR reg 11(4))"
            } else {
                "the review's 20 working days"
            };
            r.because(
                "ico_complaint_from",
                format!(
                    "ICO guidance: it takes a complaint once the review is overdue; {what} end on {}",
                    day(due.due)
                ),
            );
            if let Some(x) = r.review_due_exceptional {
                r.ico_complaint_from_exceptional = Some(next_day(x));
                r.because(
                    "ico_complaint_from_exceptional",
                    format!(
                        "ICO guidance: where the authority said the case is exceptional, once its 40 working days end on {}",
                        day(x)
                    ),
                );
            }
        }
    }
    Ok(())
}

/// When an unpaid fee (FOIA, FOISA) or advance charge (EIR) noticed on `notice` ends the duty
/// to answer: (the last day to pay, the first day lapsed), with the rule.
pub(super) fn fee_lapse(
    cal: &Calendar,
    policy: &Policy,
    regime: Regime,
    notice: NaiveDate,
) -> Result<Option<(NaiveDate, NaiveDate, String)>, OutOfRange> {
    Ok(match regime {
        Regime::Eir => {
            let by = cal.count(notice, 60, Convention::Ico, &[])?.due;
            Some((
                by,
                next_day(by),
                format!(
                    "EIR reg 8(5): the advance charge must be paid no later than 60 working days after the notification ({})",
                    day(notice)
                ),
            ))
        }
        // The Scottish EIRs let an authority ask for a charge in advance, the clock stopped
        // until it is paid (reg 8(6)), but set no date when the request lapses.
        Regime::Eisr => None,
        Regime::Foia | Regime::Foisa => {
            let months = policy.fee_lapse_months;
            notice
                .checked_add_months(Months::new(months))
                .map(|lapses| {
                    let section = if regime == Regime::Foisa {
                        "FOISA s.9(4)"
                    } else {
                        "FOIA s.9(2)"
                    };
                    (
                        lapses - Duration::days(1),
                        lapses,
                        format!(
                            "{section}: the fee must be paid within {months} months beginning with the day of the notice ({})",
                            day(notice)
                        ),
                    )
                })
        }
    })
}
