//! What happens after a response, to the day, each rule under its provision: the internal
//! review (FOIA s.45 Code, EIR reg 11, FOISA ss.20-21), the regulator (ICO guidance under
//! FOIA s.50, FOISA s.47), fees and advance charges (FOIA s.9, FOISA s.9, EIR reg 8), and the
//! review's own outcomes.

use chrono::{Duration, Months, NaiveDate};
use foiboard::law::{
    self, check_sequence, Calendar, ClockEvent, Convention, EventKind, HolidayBook, Phase, Policy,
    Regime, ReviewOutcome, Status,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cal(regime: Regime) -> Calendar {
    Calendar::new(HolidayBook::shipped().unwrap(), regime)
}

fn count(regime: Regime, from: NaiveDate, n: u32) -> NaiveDate {
    cal(regime)
        .count(from, n, Convention::Ico, &[])
        .unwrap()
        .due
}

fn ev(kind: EventKind, on: &str) -> ClockEvent {
    ClockEvent::new(kind, d(on))
}

fn run(regime: Regime, events: &[ClockEvent]) -> law::ClockReport {
    law::run(&cal(regime), &Policy::default(), events).unwrap()
}

fn next(day: NaiveDate) -> NaiveDate {
    day + Duration::days(1)
}

// --- FOISA -----------------------------------------------------------------------------------

#[test]
fn foisa_s20_5_a_reply_in_time_review_window_counts_from_the_end_of_the_period() {
    // Sent Monday 2 March 2026; the 20 working days (Scotland's calendar) end on 30 March;
    // the 40th working day after that, passing Good Friday and both May bank holidays, is
    // 28 May. Counting from the reply (20 March) would give 19 May.
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
        ],
    );
    assert_eq!(r.due, Some(d("2026-03-30")));
    assert_eq!(r.review_request_by, Some(d("2026-05-28")));
    assert!(r
        .rule_for("review_request_by")
        .unwrap()
        .contains("FOISA s.20(5)(a)"));
}

#[test]
fn foisa_s20_5_b_late_reply_review_window_counts_from_the_reply() {
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-04-15"),
        ],
    );
    assert_eq!(r.responded_late, Some(true));
    assert_eq!(
        r.review_request_by,
        Some(count(Regime::Foisa, d("2026-04-15"), 40))
    );
    assert!(r
        .rule_for("review_request_by")
        .unwrap()
        .contains("FOISA s.20(5)(b)"));
}

#[test]
fn foisa_s20_5_a_no_reply_review_window_counts_from_the_end_of_the_period() {
    let r = run(Regime::Foisa, &[ev(EventKind::Sent, "2026-03-02")]);
    assert_eq!(
        r.review_request_by,
        Some(count(Regime::Foisa, d("2026-03-30"), 40))
    );
}

#[test]
fn foisa_s47_1_no_review_means_no_appeal_date_only_the_review_deadline() {
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
        ],
    );
    assert_eq!(r.ico_complaint_by, None);
    assert_eq!(r.ico_complaint_from, None);
    assert!(r.review_request_by.is_some());
    assert!(
        r.guidance.iter().any(|g| g.contains("s.47(1)")),
        "{:?}",
        r.guidance
    );
    assert!(r.timetable().iter().all(|t| !t.label.contains("regulator")));
}

#[test]
fn foisa_s21_1_and_s47_4_a_an_unanswered_review_opens_the_commissioner_route() {
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
            ev(EventKind::ReviewRequested, "2026-04-01"),
        ],
    );
    let due = count(Regime::Foisa, d("2026-04-01"), 20);
    assert_eq!(r.review_due, Some(due), "s.21(1): 20 working days");
    assert_eq!(
        r.review_due_exceptional, None,
        "FOISA has no 40-day exception"
    );
    assert_eq!(r.ico_complaint_from, Some(next(due)));
    assert_eq!(r.ico_complaint_from_exceptional, None);
    assert_eq!(r.ico_complaint_by, due.checked_add_months(Months::new(6)));
    assert!(r
        .rule_for("ico_complaint_by")
        .unwrap()
        .contains("s.47(4)(a)"));
    assert_eq!(r.status(due), Status::Review);
    assert_eq!(r.status(next(due)), Status::ReviewOverdue);
}

#[test]
fn foisa_s47_4_b_six_months_from_the_review_decision() {
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
            ev(EventKind::ReviewRequested, "2026-04-01"),
            ev(EventKind::ReviewResponded, "2026-04-20"),
        ],
    );
    assert_eq!(r.ico_complaint_by, Some(d("2026-10-20")));
    assert_eq!(r.ico_complaint_from, None);
    assert!(r
        .rule_for("ico_complaint_by")
        .unwrap()
        .contains("s.47(4)(b)"));
}

// --- FOIA and EIR: the ICO ------------------------------------------------------------------

#[test]
fn foia_s45_code_after_a_reply_without_review_the_review_deadline_is_the_one_that_matters() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
        ],
    );
    assert_eq!(r.ico_complaint_by, None, "no 'complain by' before a review");
    assert_eq!(
        r.review_request_by,
        Some(count(Regime::Foia, d("2026-03-25"), 40))
    );
    assert!(r
        .rule_for("review_request_by")
        .unwrap()
        .contains("s.45 Code of Practice"));
    assert!(r
        .guidance
        .iter()
        .any(|g| g.contains("ICO normally wants an internal review first")));
}

#[test]
fn foia_s50_guidance_while_a_review_is_pending_the_window_never_closes_before_it_opens() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
            ev(EventKind::ReviewRequested, "2026-04-20"),
        ],
    );
    let normal = count(Regime::Foia, d("2026-04-20"), 20);
    let exceptional = count(Regime::Foia, d("2026-04-20"), 40);
    assert_eq!(r.ico_complaint_from, Some(next(normal)));
    assert_eq!(r.ico_complaint_from_exceptional, Some(next(exceptional)));
    assert_eq!(
        r.ico_complaint_by, None,
        "no leftover 'by' from the first reply"
    );
    let labels: Vec<&str> = r.timetable().iter().map(|t| t.label).collect();
    assert!(!labels.contains(&"regulator complaint by"), "{labels:?}");
    assert!(!labels.contains(&"ask for a review by"), "{labels:?}");
}

#[test]
fn foia_s50_guidance_a_complaint_is_normally_expected_within_42_days_of_the_outcome() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
            ev(EventKind::ReviewRequested, "2026-04-20"),
            ev(EventKind::ReviewResponded, "2026-05-12"),
        ],
    );
    assert_eq!(r.ico_complaint_by, Some(d("2026-06-23")));
    let rule = r.rule_for("ico_complaint_by").unwrap();
    assert!(
        rule.contains("normally") && rule.contains("not statute"),
        "{rule}"
    );
}

#[test]
fn eir_reg11_2_review_window_and_reg11_4_forty_working_days() {
    let r = run(
        Regime::Eir,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
        ],
    );
    assert_eq!(
        r.review_request_by,
        Some(count(Regime::Eir, d("2026-03-25"), 40))
    );
    assert!(r
        .rule_for("review_request_by")
        .unwrap()
        .contains("reg 11(2)"));
    // No reply: reg 11(2) counts from the failure, the missed deadline.
    let r = run(Regime::Eir, &[ev(EventKind::Sent, "2026-03-02")]);
    let due = r.due.unwrap();
    assert_eq!(r.review_request_by, Some(count(Regime::Eir, due, 40)));
    let r = run(
        Regime::Eir,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
            ev(EventKind::ReviewRequested, "2026-04-20"),
        ],
    );
    let review_due = count(Regime::Eir, d("2026-04-20"), 40);
    assert_eq!(r.review_due, Some(review_due));
    assert_eq!(r.ico_complaint_from, Some(next(review_due)));
    assert_eq!(r.ico_complaint_from_exceptional, None);
}

// --- Fees and charges ------------------------------------------------------------------------

#[test]
fn eir_reg8_5_an_advance_charge_lapses_after_60_working_days_not_three_months() {
    let r = run(
        Regime::Eir,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::FeeNotice, "2026-09-14"),
        ],
    );
    let by = count(Regime::Eir, d("2026-09-14"), 60);
    assert_ne!(by, d("2026-12-13"), "not FOIA's three months");
    assert_eq!(r.fee_pay_by, Some(by));
    assert_eq!(r.fee_lapses_on, Some(next(by)));
    assert_eq!(r.status(by), Status::Fee);
    assert_eq!(r.status(next(by)), Status::Lapsed);
    assert!(r.rule_for("fee_pay_by").unwrap().contains("EIR reg 8(5)"));
}

#[test]
fn foia_s9_2_a_fee_paid_after_the_lapse_is_taken_with_a_warning() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::FeeNotice, "2026-09-14"),
            ev(EventKind::FeePaid, "2026-12-14"),
        ],
    );
    assert_eq!(r.phase, Phase::Running);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("after the request lapsed on 2026-12-14")),
        "{:?}",
        r.warnings
    );
    // Paid the day before: no warning.
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::FeeNotice, "2026-09-14"),
            ev(EventKind::FeePaid, "2026-12-13"),
        ],
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn foisa_s9_4_three_months_beginning_with_the_notice() {
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-01-05"),
            ev(EventKind::FeeNotice, "2026-01-15"),
        ],
    );
    assert_eq!(r.fee_pay_by, Some(d("2026-04-14")));
    assert_eq!(r.fee_lapses_on, Some(d("2026-04-15")));
    assert!(r.rule_for("fee_pay_by").unwrap().contains("FOISA s.9(4)"));
}

// --- Reviews: their own vocabulary and a coherent sequence ------------------------------------

#[test]
fn foisa_s21_4_review_outcomes_have_their_own_words() {
    for (word, outcome) in [
        ("upheld", ReviewOutcome::Upheld),
        ("confirmed", ReviewOutcome::Upheld),
        ("partly-overturned", ReviewOutcome::PartlyOverturned),
        (
            "confirmed with modifications",
            ReviewOutcome::PartlyOverturned,
        ),
        ("overturned", ReviewOutcome::Overturned),
        ("substituted", ReviewOutcome::Overturned),
    ] {
        assert_eq!(word.parse::<ReviewOutcome>().unwrap(), outcome, "{word}");
    }
    for not_a_review in ["pending", "clarification-sought", "answered"] {
        assert!(not_a_review.parse::<ReviewOutcome>().is_err());
    }
}

#[test]
fn a_late_reply_after_a_review_of_non_response_is_accepted() {
    let events = [
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::ReviewRequested, "2026-04-10"),
        ev(EventKind::Responded, "2026-04-20"),
    ];
    check_sequence(&events).unwrap();
    let r = run(Regime::Foia, &events);
    assert_eq!(r.responded, Some(d("2026-04-20")));
    assert_eq!(r.responded_late, Some(true));
    assert_eq!(r.phase, Phase::ReviewPending);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // A second reply is still refused, naming the first.
    let mut more = events.to_vec();
    more.push(ev(EventKind::Responded, "2026-04-22"));
    let why = check_sequence(&more).unwrap_err().0;
    assert!(why.contains("already answered on 2026-04-20"), "{why}");
}

#[test]
fn a_second_review_answer_says_when_the_first_came() {
    let why = check_sequence(&[
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::Responded, "2026-03-20"),
        ev(EventKind::ReviewRequested, "2026-03-25"),
        ev(EventKind::ReviewResponded, "2026-04-20"),
        ev(EventKind::ReviewResponded, "2026-04-22"),
    ])
    .unwrap_err()
    .0;
    assert!(why.contains("already answered on 2026-04-20"), "{why}");
}

#[test]
fn foia_s45_code_a_review_asked_after_its_window_is_warned_about() {
    let resp = "2026-03-25";
    let window = count(Regime::Foia, d(resp), 40);
    let late = next(next(window));
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, resp),
            ClockEvent::new(EventKind::ReviewRequested, late),
        ],
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("after the window closed")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn eir_reg7_1_an_extension_beyond_forty_working_days_is_warned_about() {
    let mut ext = ev(EventKind::Extended, "2026-09-20");
    ext.until = Some(d("2027-03-01"));
    let r = run(Regime::Eir, &[ev(EventKind::Sent, "2026-09-07"), ext]);
    let forty = count(Regime::Eir, d("2026-09-07"), 40);
    assert_eq!(r.due, Some(forty));
    assert!(
        r.warnings.iter().any(|w| w.contains("reg 7(1)")),
        "{:?}",
        r.warnings
    );
}

// --- Holidays before the published data --------------------------------------------------------

#[test]
fn proclaimed_one_offs_before_2012_are_in_the_generated_years() {
    let c = cal(Regime::Foia);
    for (day, why) in [
        ("2011-04-29", "the Royal Wedding"),
        ("2002-06-03", "the Golden Jubilee"),
        ("2002-06-04", "the spring bank holiday, moved"),
        ("1999-12-31", "the Millennium"),
        ("1995-05-08", "VE Day, the early May bank holiday moved"),
    ] {
        assert!(!c.is_working_day(d(day)).unwrap(), "{day}: {why}");
        assert!(c.is_provisional(d(day)).unwrap(), "{day} is generated");
    }
    for moved_from in ["2002-05-27", "1995-05-01"] {
        assert!(c.is_working_day(d(moved_from)).unwrap(), "{moved_from}");
    }
    // Scotland's calendar has them too (FOISA s.73: Scotland's bank holidays).
    assert!(!cal(Regime::Foisa).is_working_day(d("2011-04-29")).unwrap());
}
