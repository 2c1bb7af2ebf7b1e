//! Deadlines as an iCalendar file: one all-day event per request that is owed something, on
//! the date it is owed (the response, or the internal review). Each event's UID is made of the
//! campaign, the body and which deadline it is, so a calendar subscribed to a regenerated file
//! moves the event when the date moves instead of adding another.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::law::Phase;
use crate::store::RequestSummary;
use crate::text;

/// The stable identifier of one deadline of one request.
pub fn uid(campaign: &str, ods: &str, which: &str) -> String {
    format!("{campaign}-{ods}-{which}@foiboard").to_lowercase()
}

/// The calendar of `rows`, stamped with `today` (so the same day gives the same file).
pub fn write(title: &str, rows: &[RequestSummary], today: NaiveDate) -> String {
    let mut cal = Calendar::new();
    cal.name(&text::line(title));
    let stamp = Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default());
    for r in rows {
        let Some(due) = r.report.current_deadline() else {
            continue;
        };
        let (which, what) = match r.report.phase {
            Phase::ReviewPending => ("review", "internal review due"),
            _ => ("response", "FOI response due"),
        };
        let b = &r.request.body;
        let mut e = Event::new();
        e.uid(&uid(&r.campaign, &b.ods_code, which))
            .summary(&format!("{what}: {}", text::line(&b.short_name)))
            .description(&format!(
                "{} ({}), campaign {}. Status: {}. foiboard show {}/{}",
                text::line(&b.name),
                text::line(&b.ods_code),
                text::line(&r.campaign),
                r.status.as_str(),
                text::line(&r.campaign),
                text::line(&b.ods_code)
            ))
            // An all-day event ends (exclusively) the next day, as RFC 5545 has it.
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .timestamp(stamp);
        cal.push(e.done());
    }
    // The calendar names the program that wrote it (RFC 5545 3.7.3), not the library.
    cal.done()
        .to_string()
        .replacen("PRODID:ICALENDAR-RS", &format!("PRODID:{}", prodid()), 1)
}

/// "-//foiboard//foiboard 0.1.0//EN".
pub fn prodid() -> String {
    format!("-//foiboard//foiboard {}//EN", env!("CARGO_PKG_VERSION"))
}
