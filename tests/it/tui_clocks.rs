//! The board's clocks follow what changes them while it is open: the date rolling over, and
//! a colleague's counting convention or bank holidays (read with the holidays in one
//! statement, and checked again at every reload).

use crate::board_common;

use board_common::{one_request_sent, today};
use chrono::NaiveDate;
use foiboard::law::Division;
use foiboard::store::Store;
use foiboard::tui::action::Action;
use foiboard::tui::app::App;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn deadlines_move_when_the_date_rolls_over() {
    let dir = tempfile::tempdir().unwrap();
    // Sent Monday 26 October 2026: due Monday 23 November, "due today".
    let mut a = one_request_sent(&dir, day(2026, 10, 26));
    assert_eq!(a.sh.rows[0].working_days_left, Some(0));
    a.sh.today = today().succ_opt().unwrap();
    a.update(Action::Reload);
    assert_eq!(a.sh.rows[0].working_days_left, Some(-1));
    assert_eq!(a.sh.rows[0].status, foiboard::law::Status::Overdue);
}

#[test]
fn a_colleagues_convention_and_holidays_reach_the_open_boards_clocks() {
    let dir = tempfile::tempdir().unwrap();
    // Sent Saturday 14 March 2026, counted from the Saturday (the ICO's way, FOIA s.10):
    // St Patrick's Day is not an English holiday, Good Friday and Easter Monday are skipped,
    // due Wednesday 15 April.
    let mut a = one_request_sent(&dir, day(2026, 3, 14));
    let due = |a: &App| a.sh.rows[0].report.current_deadline();
    assert_eq!(due(&a), Some(day(2026, 4, 15)));
    // A colleague sets the group's convention: counted from Monday 16 March, due Thursday.
    let mut other = Store::open(&dir.path().join("b.db")).unwrap();
    other.set_setting("convention", "next-working-day").unwrap();
    a.update(Action::Reload);
    assert_eq!(due(&a), Some(day(2026, 4, 16)));
    // A day off the colleague adds rebuilds the calendars; the convention still counts.
    other
        .add_holiday(day(2026, 4, 1), Division::EnglandAndWales, "A day off")
        .unwrap();
    a.update(Action::Reload);
    assert_eq!(due(&a), Some(day(2026, 4, 17)));
    // And back to the ICO's way with the day off kept: Thursday 16 April.
    other.set_setting("convention", "ico").unwrap();
    a.update(Action::Reload);
    assert_eq!(due(&a), Some(day(2026, 4, 16)));
}
