//! Every rule of the statutory clock, to the day.

use chrono::NaiveDate;
use foiboard::law::{
    self, check_sequence, Calendar, ClockEvent, Convention, Division, EventKind, HolidayBook,
    Phase, Policy, Regime, Status,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cal(regime: Regime) -> Calendar {
    Calendar::new(HolidayBook::shipped().unwrap(), regime)
}

fn due(regime: Regime, received: &str, n: u32) -> NaiveDate {
    cal(regime)
        .count(d(received), n, Convention::Ico, &[])
        .unwrap()
        .due
}

fn ev(kind: EventKind, on: &str) -> ClockEvent {
    ClockEvent::new(kind, d(on))
}

fn run(regime: Regime, events: &[ClockEvent]) -> law::ClockReport {
    law::run(&cal(regime), &Policy::default(), events).unwrap()
}

// The public worked examples in the rules (years before the shipped data: the generator's work).

#[test]
fn example_wednesday_2008_10_01() {
    assert_eq!(due(Regime::Foia, "2008-10-01", 20), d("2008-10-29"));
}

#[test]
fn example_st_patricks_day_2009_is_skipped() {
    assert_eq!(due(Regime::Foia, "2009-03-12", 20), d("2009-04-14"));
    let c = cal(Regime::Foia);
    let counted = c.count(d("2009-03-12"), 20, Convention::Ico, &[]).unwrap();
    assert!(counted.provisional, "2009 is generated from the rules");
    let skipped = c.skipped(counted.day0, counted.due, &[]);
    assert!(skipped.iter().any(|s| s.date == d("2009-03-17")
        && s.reason.starts_with("St Patrick's Day (Northern Ireland)")));
}

#[test]
fn example_saturday_receipt_2009_03_14() {
    assert_eq!(due(Regime::Foia, "2009-03-14", 20), d("2009-04-15"));
}

#[test]
fn example_sunday_2007_10_14_and_its_forty_days() {
    assert_eq!(due(Regime::Foia, "2007-10-14", 20), d("2007-11-09"));
    // St Andrew's Day (Friday 30 November 2007) lies inside the 40 days.
    assert_eq!(due(Regime::Foia, "2007-10-14", 40), d("2007-12-10"));
}

// Calendars per regime.

#[test]
fn foia_counts_every_uk_division_holiday() {
    let c = cal(Regime::Foia);
    for (day, why) in [
        ("2026-01-02", "2nd January (Scotland)"),
        ("2026-03-17", "St Patrick's Day (Northern Ireland)"),
        ("2026-06-15", "World Cup bank holiday (Scotland)"),
        ("2026-07-13", "Battle of the Boyne"),
        ("2026-08-03", "Summer bank holiday (Scotland)"),
        ("2026-11-30", "St Andrew's Day (Scotland)"),
        ("2026-12-25", "Christmas Day (all UK)"),
    ] {
        assert!(
            !c.is_working_day(d(day)).unwrap(),
            "{day} must not be a working day"
        );
        let reason = c.reason(d(day)).unwrap();
        assert!(reason.starts_with(why), "{day}: {reason}");
    }
    assert!(c.is_working_day(d("2026-06-16")).unwrap());
}

#[test]
fn foisa_counts_scottish_holidays_only() {
    let c = cal(Regime::Foisa);
    assert!(
        c.is_working_day(d("2026-03-17")).unwrap(),
        "St Patrick's Day is not Scottish"
    );
    assert!(
        c.is_working_day(d("2026-04-06")).unwrap(),
        "Easter Monday is not Scottish"
    );
    assert!(
        c.is_working_day(d("2026-08-31")).unwrap(),
        "late August is not Scottish"
    );
    assert!(!c.is_working_day(d("2026-06-15")).unwrap());
    assert!(!c.is_working_day(d("2026-04-03")).unwrap(), "Good Friday");
    // Received Thursday 12 March 2026: FOIA skips St Patrick's Day and Easter Monday (and
    // Good Friday), FOISA only Good Friday.
    assert_eq!(due(Regime::Foia, "2026-03-12", 20), d("2026-04-14"));
    assert_eq!(due(Regime::Foisa, "2026-03-12", 20), d("2026-04-10"));
}

#[test]
fn eir_uses_the_foia_calendar() {
    assert_eq!(
        due(Regime::Eir, "2026-06-01", 20),
        due(Regime::Foia, "2026-06-01", 20)
    );
    assert_eq!(due(Regime::Foia, "2026-06-01", 20), d("2026-06-30"));
}

#[test]
fn an_england_only_calendar_would_be_a_day_early() {
    // 2026-06-15 (Scotland) falls inside: an England-and-Wales count would give 2026-06-29.
    assert_eq!(due(Regime::Foia, "2026-06-01", 20), d("2026-06-30"));
}

// Counting conventions.

#[test]
fn holiday_receipt_counts_from_the_holiday_under_ico() {
    // Received on Christmas Day 2026 (Friday): day 1 is Tuesday 29 December.
    let c = cal(Regime::Foia);
    let counted = c.count(d("2026-12-25"), 1, Convention::Ico, &[]).unwrap();
    assert_eq!(counted.due, d("2026-12-29"));
}

#[test]
fn next_working_day_convention_is_one_day_later_for_weekend_receipt() {
    let c = cal(Regime::Foia);
    let ico = c.count(d("2026-03-14"), 20, Convention::Ico, &[]).unwrap();
    let nwd = c
        .count(d("2026-03-14"), 20, Convention::NextWorkingDay, &[])
        .unwrap();
    assert_eq!(nwd.day0, d("2026-03-16"));
    assert_eq!(
        nwd.due,
        c.count(d("2026-03-16"), 1, Convention::Ico, &[])
            .unwrap()
            .due
            .max(nwd.due)
    );
    assert!(nwd.due > ico.due);
    // A working-day receipt is the same under both.
    let a = c.count(d("2026-03-12"), 20, Convention::Ico, &[]).unwrap();
    let b = c
        .count(d("2026-03-12"), 20, Convention::NextWorkingDay, &[])
        .unwrap();
    assert_eq!(a.due, b.due);
}

#[test]
fn years_beyond_the_data_are_provisional() {
    let c = cal(Regime::Foia);
    assert!(
        !c.count(d("2026-03-12"), 20, Convention::Ico, &[])
            .unwrap()
            .provisional
    );
    assert!(
        c.count(d("2028-12-20"), 20, Convention::Ico, &[])
            .unwrap()
            .provisional
    );
    assert!(
        c.count(d("2031-05-01"), 20, Convention::Ico, &[])
            .unwrap()
            .provisional
    );
}

#[test]
fn dates_outside_the_calendar_are_an_error() {
    let c = cal(Regime::Foia);
    assert!(c.count(d("1980-01-01"), 20, Convention::Ico, &[]).is_err());
    assert!(c.count(d("2100-12-20"), 20, Convention::Ico, &[]).is_err());
}

// The clock over events.

#[test]
fn running_request_due_and_long_overdue() {
    let r = run(Regime::Foia, &[ev(EventKind::Sent, "2026-03-12")]);
    assert_eq!(r.phase, Phase::Running);
    assert_eq!(r.due, Some(d("2026-04-14")));
    assert_eq!(
        r.long_overdue_after,
        Some(due(Regime::Foia, "2026-03-12", 40))
    );
    assert_eq!(r.status(d("2026-04-14")), Status::Awaiting);
    assert_eq!(r.status(d("2026-04-15")), Status::Overdue);
    assert_eq!(
        r.status(r.long_overdue_after.unwrap().succ_opt().unwrap()),
        Status::LongOverdue
    );
    let c = cal(Regime::Foia);
    assert_eq!(r.working_days_left(&c, d("2026-04-14")), Some(0));
    assert_eq!(r.working_days_left(&c, d("2026-04-13")), Some(1));
    assert_eq!(r.working_days_left(&c, d("2026-04-16")), Some(-2));
    // The Saturday after a Friday deadline is late, not "due today".
    let fri = run(Regime::Foia, &[ev(EventKind::Sent, "2026-01-30")]);
    let due_fri = fri.due.unwrap();
    assert_eq!(due_fri, d("2026-02-27"));
    assert_eq!(fri.working_days_left(&c, d("2026-02-28")), Some(-1));
}

#[test]
fn clarification_stops_then_restarts_from_zero() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::ClarificationRequested, "2026-03-05"),
        ],
    );
    assert_eq!(r.phase, Phase::AwaitingClarification);
    assert_eq!(
        r.due, None,
        "nothing is due while the requester owes an answer"
    );
    assert_eq!(r.status(d("2026-09-01")), Status::Clarification);
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::ClarificationRequested, "2026-03-05"),
            ev(EventKind::Clarified, "2026-03-20"),
        ],
    );
    assert_eq!(r.received, Some(d("2026-03-02")));
    assert_eq!(r.clock_start, Some(d("2026-03-20")));
    assert_eq!(r.due, Some(due(Regime::Foia, "2026-03-20", 20)));
    assert!(r.moves.iter().any(|m| m.event == EventKind::Clarified));
}

#[test]
fn fee_pause_removes_notice_to_payment_inclusive() {
    // Sent Monday 2026-09-07; fee notice Monday 14th; paid Wednesday 16th: 3 working days
    // (14, 15, 16) do not count, so the due date moves 3 working days later.
    let plain = due(Regime::Foia, "2026-09-07", 20);
    assert_eq!(plain, d("2026-10-05"));
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::FeeNotice, "2026-09-14"),
            ev(EventKind::FeePaid, "2026-09-16"),
        ],
    );
    assert_eq!(r.due, Some(d("2026-10-08")));
    assert!(r
        .skipped
        .iter()
        .any(|s| s.date == d("2026-09-15") && s.reason.contains("fee pause")));
    // While unpaid: nothing is due and the request lapses after three months.
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::FeeNotice, "2026-09-14"),
        ],
    );
    assert_eq!(r.due, None);
    // FOIA s.9(2): three months beginning with the day of the notice (14 September to 13
    // December); the request has lapsed on 14 December, and the status says so that day.
    assert_eq!(r.fee_pay_by, Some(d("2026-12-13")));
    assert_eq!(r.fee_lapses_on, Some(d("2026-12-14")));
    assert_eq!(r.status(d("2026-12-13")), Status::Fee);
    assert_eq!(r.status(d("2026-12-14")), Status::Lapsed);
}

#[test]
fn public_interest_extension_defaults_to_forty_and_keeps_the_statutory_date() {
    let events = [
        ev(EventKind::Sent, "2026-09-07"),
        ev(EventKind::Extended, "2026-09-30"),
    ];
    let r = run(Regime::Foia, &events);
    assert_eq!(r.statutory_due, Some(d("2026-10-05")));
    assert_eq!(r.due, Some(due(Regime::Foia, "2026-09-07", 40)));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.status(d("2026-10-20")), Status::Awaiting);
}

#[test]
fn public_interest_extension_to_a_stated_date_and_its_warnings() {
    let mut ext = ev(EventKind::Extended, "2026-10-09");
    ext.until = Some(d("2026-12-18"));
    let r = run(Regime::Foia, &[ev(EventKind::Sent, "2026-09-07"), ext]);
    assert_eq!(r.due, Some(d("2026-12-18")));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("after the 20-working-day deadline")));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("beyond 40 working days")));
}

#[test]
fn eir_reg7_extension_is_capped_at_forty() {
    let mut ext = ev(EventKind::Extended, "2026-09-20");
    ext.until = Some(d("2027-03-01"));
    let r = run(Regime::Eir, &[ev(EventKind::Sent, "2026-09-07"), ext]);
    assert_eq!(r.due, Some(due(Regime::Eir, "2026-09-07", 40)));
}

#[test]
fn foisa_has_no_public_interest_extension() {
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::Extended, "2026-09-20"),
        ],
    );
    assert_eq!(r.due, r.statutory_due);
    assert!(r.warnings.iter().any(|w| w.contains("FOISA")));
}

#[test]
fn response_opens_review_and_ico_windows() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
        ],
    );
    assert_eq!(r.phase, Phase::Responded);
    assert_eq!(r.responded_late, Some(false));
    assert_eq!(
        r.review_request_by,
        Some(due(Regime::Foia, "2026-03-25", 40))
    );
    // No review yet: the ICO normally wants one first, so there is no "complain by" date.
    assert_eq!(r.ico_complaint_by, None);
    assert_eq!(r.working_days_to_respond, Some(16));
}

#[test]
fn internal_review_twenty_days_forty_exceptional_and_ico_after() {
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
            ev(EventKind::ReviewRequested, "2026-04-20"),
        ],
    );
    assert_eq!(r.review_due, Some(due(Regime::Foia, "2026-04-20", 20)));
    assert_eq!(
        r.review_due_exceptional,
        Some(due(Regime::Foia, "2026-04-20", 40))
    );
    // The ICO takes a complaint once the review is overdue: the day after its 20 working
    // days, or after 40 where the authority said the case is exceptional.
    assert_eq!(
        r.ico_complaint_from,
        r.review_due.and_then(|d| d.succ_opt())
    );
    assert_eq!(
        r.ico_complaint_from_exceptional,
        r.review_due_exceptional.and_then(|d| d.succ_opt())
    );
    assert_eq!(r.ico_complaint_by, None);
    let late_day = r.review_due.unwrap().succ_opt().unwrap();
    assert_eq!(r.status(late_day), Status::ReviewOverdue);
    let r = run(
        Regime::Foia,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
            ev(EventKind::ReviewRequested, "2026-04-20"),
            ev(EventKind::ReviewResponded, "2026-05-12"),
        ],
    );
    assert_eq!(
        r.ico_complaint_by,
        Some(d("2026-06-23")),
        "42 calendar days after the review"
    );
}

#[test]
fn eir_review_is_forty_working_days() {
    let r = run(
        Regime::Eir,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-25"),
            ev(EventKind::ReviewRequested, "2026-04-20"),
        ],
    );
    assert_eq!(r.review_due, Some(due(Regime::Eir, "2026-04-20", 40)));
    assert_eq!(r.review_due_exceptional, None);
}

#[test]
fn foisa_review_after_missed_deadline_and_six_month_appeal() {
    let r = run(Regime::Foisa, &[ev(EventKind::Sent, "2026-03-02")]);
    assert_eq!(
        r.review_request_by,
        Some(due(Regime::Foisa, &r.due.unwrap().to_string(), 40))
    );
    let r = run(
        Regime::Foisa,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
            ev(EventKind::ReviewRequested, "2026-04-01"),
            ev(EventKind::ReviewResponded, "2026-04-20"),
        ],
    );
    assert_eq!(r.review_due, Some(due(Regime::Foisa, "2026-04-01", 20)));
    assert_eq!(r.ico_complaint_by, Some(d("2026-10-20")));
}

// The Environmental Information (Scotland) Regulations 2004.

#[test]
fn eisr_counts_scottish_working_days_reg_2_and_5() {
    // EISR reg 2(1): "working day" as in FOISA s.73, so Scotland's holidays only; reg 5(2)(a):
    // 20 working days after receipt. Received Thursday 12 March 2026: Good Friday is skipped,
    // St Patrick's Day and Easter Monday are not (as under FOISA; FOIA and EIR skip both).
    assert_eq!(due(Regime::Eisr, "2026-03-12", 20), d("2026-04-10"));
    assert_eq!(
        due(Regime::Eisr, "2026-03-12", 20),
        due(Regime::Foisa, "2026-03-12", 20)
    );
    assert_ne!(
        due(Regime::Eisr, "2026-03-12", 20),
        due(Regime::Eir, "2026-03-12", 20)
    );
    let r = run(Regime::Eisr, &[ev(EventKind::Sent, "2026-03-12")]);
    assert_eq!(r.due, Some(d("2026-04-10")));
    assert!(
        r.rules
            .iter()
            .any(|x| x.rule.starts_with("EISR reg 5(2)(a)")),
        "{:?}",
        r.rules
    );
}

#[test]
fn eisr_reg7_extension_to_forty_working_days() {
    // EISR reg 7(1): the authority may extend to 40 working days for the volume and
    // complexity of the information; unlike FOISA, which has no extension.
    let r = run(
        Regime::Eisr,
        &[
            ev(EventKind::Sent, "2026-09-07"),
            ev(EventKind::Extended, "2026-09-20"),
        ],
    );
    assert_eq!(r.due, Some(due(Regime::Eisr, "2026-09-07", 40)));
    assert!(
        r.rules.iter().any(|x| x.rule.starts_with("EISR reg 7(1)")),
        "{:?}",
        r.rules
    );
    // A stated date past 40 working days is counted as the 40th, and said.
    let mut ext = ev(EventKind::Extended, "2026-09-20");
    ext.until = Some(d("2027-03-01"));
    let r = run(Regime::Eisr, &[ev(EventKind::Sent, "2026-09-07"), ext]);
    assert_eq!(r.due, Some(due(Regime::Eisr, "2026-09-07", 40)));
    assert!(
        r.warnings.iter().any(|w| w.contains("EISR reg 7(1)")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn eisr_review_reg_16_and_the_commissioner_reg_17() {
    // Reg 16(2): representations within 40 working days of the response; reg 16(4): the
    // authority decides within 20 working days of receiving them; reg 17 applies FOISA s.47:
    // an application to the Scottish Information Commissioner after the review, within six
    // months of its decision (s.47(4)(b)) or of the end of its period (s.47(4)(a)).
    let r = run(
        Regime::Eisr,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
        ],
    );
    assert_eq!(
        r.review_request_by,
        Some(due(Regime::Eisr, "2026-03-20", 40))
    );
    assert!(
        r.guidance.iter().any(|g| g.contains("EISR reg 17")),
        "{:?}",
        r.guidance
    );
    let r = run(
        Regime::Eisr,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
            ev(EventKind::ReviewRequested, "2026-04-01"),
        ],
    );
    let review_due = due(Regime::Eisr, "2026-04-01", 20);
    assert_eq!(r.review_due, Some(review_due));
    assert_eq!(r.review_due_exceptional, None);
    assert_eq!(
        r.ico_complaint_from,
        Some(review_due + chrono::Duration::days(1))
    );
    assert_eq!(
        r.ico_complaint_by,
        review_due.checked_add_months(chrono::Months::new(6))
    );
    let r = run(
        Regime::Eisr,
        &[
            ev(EventKind::Sent, "2026-03-02"),
            ev(EventKind::Responded, "2026-03-20"),
            ev(EventKind::ReviewRequested, "2026-04-01"),
            ev(EventKind::ReviewResponded, "2026-04-20"),
        ],
    );
    assert_eq!(r.ico_complaint_by, Some(d("2026-10-20")));
}

#[test]
fn a_later_proclaimed_holiday_moves_a_running_deadline() {
    let mut book = HolidayBook::shipped().unwrap();
    let before = Calendar::new(book.clone(), Regime::Foia)
        .count(d("2027-06-01"), 20, Convention::Ico, &[])
        .unwrap()
        .due;
    book.add_extra(law::Holiday {
        date: d("2027-06-14"),
        division: Division::NorthernIreland,
        title: "Proclaimed day".into(),
        origin: law::Origin::User,
    });
    let after = Calendar::new(book.clone(), Regime::Foia)
        .count(d("2027-06-01"), 20, Convention::Ico, &[])
        .unwrap()
        .due;
    assert_eq!(after, before.succ_opt().unwrap());
}

#[test]
fn the_state_machine_refuses_nonsense_with_reasons() {
    let refuse = |events: &[ClockEvent]| check_sequence(events).unwrap_err().0;
    assert!(refuse(&[ev(EventKind::Responded, "2026-03-02")]).contains("record 'sent' first"));
    assert!(refuse(&[
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::Responded, "2026-03-01")
    ])
    .contains("before the request was sent"));
    assert!(refuse(&[
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::Clarified, "2026-03-05")
    ])
    .contains("no clarification was requested"));
    assert!(refuse(&[
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::Sent, "2026-03-03")
    ])
    .contains("already sent"));
    assert!(refuse(&[
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::ReviewResponded, "2026-03-05")
    ])
    .contains("no internal review"));
    assert!(check_sequence(&[
        ev(EventKind::Sent, "2026-03-02"),
        ev(EventKind::Acknowledged, "2026-03-03"),
        ev(EventKind::Responded, "2026-03-20"),
        ev(EventKind::ReviewRequested, "2026-03-25"),
        ev(EventKind::ReviewResponded, "2026-04-20"),
        ev(EventKind::IcoComplaint, "2026-05-01"),
        ev(EventKind::IcoDecision, "2026-09-01"),
    ])
    .is_ok());
}

// The rule generator against the shipped GOV.UK data.

#[test]
fn generator_reproduces_the_published_data_except_proclaimed_one_offs() {
    let shipped = law::holidays::parse_govuk_json(law::holidays::SHIPPED_GOVUK_JSON).unwrap();
    // Days moved or added by royal proclamation: the generator cannot know them.
    let proclaimed = [
        "2012-06-04",
        "2012-06-05", // Diamond Jubilee (Spring bank holiday moved)
        "2020-05-08", // VE Day (Early May moved)
        "2022-06-02",
        "2022-06-03", // Platinum Jubilee (Spring moved)
        "2022-09-19", // State funeral
        "2023-05-08", // Coronation
    ];
    let displaced = ["2012-05-28", "2020-05-04", "2022-05-30"];
    for year in 2012..=2028 {
        let mut generated: Vec<(NaiveDate, Division)> = law::rules::year(year)
            .into_iter()
            .map(|h| (h.date, h.division))
            .filter(|(date, _)| !displaced.contains(&date.to_string().as_str()))
            .collect();
        let mut published: Vec<(NaiveDate, Division)> = shipped
            .iter()
            .filter(|h| h.date.format("%Y").to_string() == year.to_string())
            .filter(|h| !proclaimed.contains(&h.date.to_string().as_str()))
            .map(|h| (h.date, h.division))
            .collect();
        generated.sort();
        published.sort();
        assert_eq!(generated, published, "year {year}");
    }
}
