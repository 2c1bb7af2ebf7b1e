//! Pure FOI law: working-day calendars per regime, bank holidays and the statutory clock.
//!
//! No I/O and nothing else of ours: everything here is a function of its inputs, which is what
//! makes every rule testable to the day.

pub mod after;
pub mod calendar;
pub mod clock;
pub mod events;
pub mod holidays;
pub mod regime;
pub mod report;
pub mod rules;
pub mod vocabulary;

pub use calendar::{Calendar, Counted, OutOfRange, Skipped};
pub use clock::{run, ClockError, Dated};
pub use events::{
    check_sequence, ClockEvent, EventKind, EventRefused, Phase, ReviewOutcome, Sequence,
};
pub use holidays::{Holiday, HolidayBook, HolidayDataError, Origin};
pub use regime::{Convention, Division, Regime, UnknownWord};
pub use report::DateRule;
pub use report::{ClockReport, Move, Policy, Status};
