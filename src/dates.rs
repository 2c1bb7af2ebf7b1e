//! Today, and the dates people type.

use chrono::{Duration, NaiveDate};

/// Why a date could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDate {
    #[error("'{0}' is not a date: write YYYY-MM-DD (e.g. 2026-03-17), 'today', 'yesterday' or -N for N days ago")]
    Unreadable(String),
    #[error("{0} is outside the years foiboard counts ({first} to {last}): check the date", first = crate::law::calendar::FIRST_YEAR, last = crate::law::calendar::LAST_YEAR - 1)]
    Uncountable(NaiveDate),
}

/// Today's date: `FOIBOARD_TODAY=YYYY-MM-DD` when set (planning ahead, reproducible tests),
/// else the date in London, whatever the machine's own time zone: the law counts UK days, and
/// a server on UTC is a day behind between midnight and 01:00 in summer.
pub fn today() -> Result<NaiveDate, BadDate> {
    match std::env::var("FOIBOARD_TODAY") {
        Ok(s) if !s.trim().is_empty() => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| BadDate::Unreadable(format!("FOIBOARD_TODAY={s}"))),
        _ => Ok(london_date(chrono::Utc::now())),
    }
}

/// Reads `YYYY-MM-DD`, `today`, `yesterday` or `-N` (N days before `today`), refusing a date
/// outside the years the calendar counts.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, BadDate> {
    let d = parse_any_date(input, today)?;
    if crate::law::calendar::is_countable(d) {
        Ok(d)
    } else {
        Err(BadDate::Uncountable(d))
    }
}

fn parse_any_date(input: &str, today: NaiveDate) -> Result<NaiveDate, BadDate> {
    let s = input.trim();
    match s.to_ascii_lowercase().as_str() {
        "today" | "" => return Ok(today),
        "yesterday" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    if let Some(n) = s.strip_prefix('-') {
        if let Ok(n) = n.parse::<i64>() {
            if (0..=3650).contains(&n) {
                return Ok(today - Duration::days(n));
            }
        }
        return Err(BadDate::Unreadable(s.to_string()));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| BadDate::Unreadable(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates() {
        let t = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        assert_eq!(parse_date("today", t), Ok(t));
        assert_eq!(
            parse_date("yesterday", t).unwrap().to_string(),
            "2026-03-16"
        );
        assert_eq!(parse_date("-3", t).unwrap().to_string(), "2026-03-14");
        assert_eq!(
            parse_date("2026-02-01", t).unwrap().to_string(),
            "2026-02-01"
        );
        assert!(parse_date("2026-02-30", t).is_err());
        assert!(parse_date("soon", t).is_err());
        assert!(parse_date("-x", t).is_err());
        assert_eq!(
            parse_date("1989-12-31", t),
            Err(BadDate::Uncountable(
                NaiveDate::from_ymd_opt(1989, 12, 31).unwrap()
            ))
        );
        assert!(parse_date("0001-01-01", t).is_err());
        assert!(parse_date("2100-01-01", t).is_err());
        assert!(parse_date("2099-12-31", t).is_ok());
    }
}

/// The last Sunday of `month` in `year`.
fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    use chrono::Datelike;
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_next.pred_opt()?;
    Some(last - Duration::days(last.weekday().num_days_from_sunday() as i64))
}

/// The date in Europe/London of an instant: a letter sent at 23:30 UTC on a summer evening
/// arrived the next day in London, which is the day the clock counts.
///
/// British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
/// last Sunday of October (the Summer Time Order 2002, the rule since 1996); the rule is fixed
/// and small, so it is written here rather than carried in a time zone database.
pub fn london_date(utc: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    use chrono::Datelike;
    let y = utc.year();
    let summer = match (last_sunday(y, 3), last_sunday(y, 10)) {
        (Some(start), Some(end)) => {
            let start = start.and_hms_opt(1, 0, 0).map(|t| t.and_utc());
            let end = end.and_hms_opt(1, 0, 0).map(|t| t.and_utc());
            matches!((start, end), (Some(s), Some(e)) if utc >= s && utc < e)
        }
        _ => false,
    };
    let local = if summer {
        utc + Duration::hours(1)
    } else {
        utc
    };
    local.date_naive()
}

#[cfg(test)]
mod london_tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn summer_evenings_are_the_next_day_in_london() {
        // 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(london_date(at(2026, 7, 1, 23, 30)), day("2026-07-02"));
        assert_eq!(london_date(at(2026, 12, 1, 23, 30)), day("2026-12-01"));
        assert_eq!(london_date(at(2026, 3, 29, 0, 59)), day("2026-03-29"));
        assert_eq!(london_date(at(2026, 3, 28, 23, 30)), day("2026-03-28"));
        assert_eq!(london_date(at(2026, 3, 29, 23, 30)), day("2026-03-30"));
        assert_eq!(london_date(at(2026, 10, 24, 23, 30)), day("2026-10-25"));
        assert_eq!(london_date(at(2026, 10, 25, 23, 30)), day("2026-10-25"));
    }
}
