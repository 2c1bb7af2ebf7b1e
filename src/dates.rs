//! Today, and the dates people type.

use chrono::{Duration, NaiveDate};

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date: write YYYY-MM-DD (e.g. 2026-03-17), 'today', 'yesterday' or -N for N days ago")]
pub struct BadDate(pub String);

/// Today's date: `FOIBOARD_TODAY=YYYY-MM-DD` when set (planning ahead, reproducible tests),
/// else the local date.
pub fn today() -> Result<NaiveDate, BadDate> {
    match std::env::var("FOIBOARD_TODAY") {
        Ok(s) if !s.trim().is_empty() => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| BadDate(format!("FOIBOARD_TODAY={s}"))),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// Reads `YYYY-MM-DD`, `today`, `yesterday` or `-N` (N days before `today`).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, BadDate> {
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
        return Err(BadDate(s.to_string()));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| BadDate(s.to_string()))
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
    }
}
