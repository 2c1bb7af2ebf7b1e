//! The statutory clock's speed. Target (issue: the statutory clock): a year of deadlines, 365
//! receipt dates, well under a millisecond.

use chrono::{Duration, NaiveDate};
use foiboard::law::{
    self, Calendar, ClockEvent, Convention, EventKind, HolidayBook, Policy, Regime,
};

fn main() {
    divan::main();
}

fn calendar() -> Calendar {
    Calendar::new(
        HolidayBook::shipped().expect("shipped holidays"),
        Regime::Foia,
    )
}

/// 365 due dates, one per receipt date of 2026.
#[divan::bench]
fn year_of_deadlines(b: divan::Bencher) {
    let cal = calendar();
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    b.bench_local(|| {
        let mut last = start;
        for i in 0..365 {
            let d = start + Duration::days(i);
            last = cal
                .count(d, 20, Convention::Ico, &[])
                .expect("in range")
                .due;
        }
        divan::black_box(last)
    });
}

/// The full clock (events in, every deadline out) for 365 requests.
#[divan::bench]
fn year_of_clock_reports(b: divan::Bencher) {
    let cal = calendar();
    let policy = Policy::default();
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    b.bench_local(|| {
        let mut n = 0;
        for i in 0..365 {
            let d = start + Duration::days(i);
            let events = [
                ClockEvent::new(EventKind::Sent, d),
                ClockEvent::new(EventKind::Responded, d + Duration::days(25)),
            ];
            n += law::run(&cal, &policy, &events)
                .expect("runs")
                .skipped
                .len();
        }
        divan::black_box(n)
    });
}

/// Building the three calendars (done once per holidays change, not per count).
#[divan::bench]
fn build_calendar() -> Calendar {
    calendar()
}
