//! Properties of the working-day count that must hold for every date and every length.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use foiboard::law::{Calendar, Convention, HolidayBook, Regime};
use proptest::prelude::*;
use std::sync::OnceLock;

fn calendars() -> &'static [Calendar; 3] {
    static C: OnceLock<[Calendar; 3]> = OnceLock::new();
    C.get_or_init(|| {
        let book = HolidayBook::shipped().unwrap();
        [
            Calendar::new(book.clone(), Regime::Foia),
            Calendar::new(book.clone(), Regime::Eir),
            Calendar::new(book.clone(), Regime::Foisa),
        ]
    })
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // 2000-01-01 .. 2098-12-31: inside the calendar with room for 365 working days.
    (0i64..36_000).prop_map(|n| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(n))
}

fn any_convention() -> impl Strategy<Value = Convention> {
    prop_oneof![Just(Convention::Ico), Just(Convention::NextWorkingDay)]
}

proptest! {
    #[test]
    fn due_date_is_always_a_working_day(date in any_date(), n in 1u32..=365, c in 0usize..3, conv in any_convention()) {
        let cal = &calendars()[c];
        let due = cal.count(date, n, conv, &[]).unwrap().due;
        prop_assert!(cal.is_working_day(due).unwrap());
        prop_assert!(due > date);
    }

    #[test]
    fn more_days_never_give_an_earlier_date(date in any_date(), n in 1u32..365, c in 0usize..3) {
        let cal = &calendars()[c];
        let a = cal.count(date, n, Convention::Ico, &[]).unwrap().due;
        let b = cal.count(date, n + 1, Convention::Ico, &[]).unwrap().due;
        prop_assert!(b > a);
    }

    #[test]
    fn weekend_receipt_equals_the_friday_before(date in any_date(), n in 1u32..=60, c in 0usize..3) {
        let cal = &calendars()[c];
        let weekend = match date.weekday() {
            Weekday::Sat | Weekday::Sun => date,
            w => date + Duration::days(5 - w.num_days_from_monday() as i64),
        };
        let friday = weekend - Duration::days(weekend.weekday().num_days_from_monday() as i64 - 4);
        prop_assert_eq!(friday.weekday(), Weekday::Fri);
        prop_assert_eq!(
            cal.count(weekend, n, Convention::Ico, &[]).unwrap().due,
            cal.count(friday, n, Convention::Ico, &[]).unwrap().due
        );
    }

    #[test]
    fn next_working_day_convention_is_never_earlier(date in any_date(), n in 1u32..=60) {
        let cal = &calendars()[0];
        let ico = cal.count(date, n, Convention::Ico, &[]).unwrap().due;
        let nwd = cal.count(date, n, Convention::NextWorkingDay, &[]).unwrap().due;
        prop_assert!(nwd >= ico);
        if cal.is_working_day(date).unwrap() {
            prop_assert_eq!(nwd, ico);
        }
    }

    #[test]
    fn foia_is_never_earlier_than_foisa(date in any_date(), n in 1u32..=60) {
        // FOIA's non-working days include every one of FOISA's (Scotland's are part of the union).
        let foia = calendars()[0].count(date, n, Convention::Ico, &[]).unwrap().due;
        let foisa = calendars()[2].count(date, n, Convention::Ico, &[]).unwrap().due;
        prop_assert!(foia >= foisa);
    }

    #[test]
    fn skipped_days_explain_the_whole_gap(date in any_date(), n in 1u32..=40, c in 0usize..3) {
        let cal = &calendars()[c];
        let counted = cal.count(date, n, Convention::Ico, &[]).unwrap();
        let skipped = cal.skipped(counted.day0, counted.due, &[]);
        let calendar_days = (counted.due - counted.day0).num_days();
        prop_assert_eq!(calendar_days, n as i64 + skipped.len() as i64);
        for s in &skipped {
            prop_assert!(!s.reason.is_empty());
        }
    }
}
