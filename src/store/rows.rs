//! Reading columns defensively: text another process wrote may not be valid UTF-8, and a
//! stored word may be one this program does not know. Never panic on either.

use super::db::Row;
use super::db::ValueRef;
use chrono::NaiveDate;

/// A text column, with invalid UTF-8 replaced rather than refused; NULL reads as "".
pub fn text(row: &Row, idx: usize) -> super::db::Result<String> {
    Ok(match row.get_ref(idx)? {
        ValueRef::Text(t) | ValueRef::Blob(t) => match std::str::from_utf8(t) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(t).into_owned(),
        },
        ValueRef::Untyped(t) => t.to_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => String::new(),
    })
}

/// A date column; `None` when NULL or unreadable.
pub fn date(row: &Row, idx: usize) -> super::db::Result<Option<NaiveDate>> {
    Ok(match row.get_ref(idx)? {
        ValueRef::Text(t) => iso_date(t),
        ValueRef::Untyped(t) => iso_date(t.as_bytes()),
        _ => None,
    })
}

/// `YYYY-MM-DD` read directly: dates are stored that way, and a listing reads thousands.
fn iso_date(t: &[u8]) -> Option<NaiveDate> {
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        t.get(r)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// A column holding one of our words (regime, kind, outcome), parsed; unknown words become a
/// conversion error that names the column rather than a panic.
pub fn word<T: std::str::FromStr>(row: &Row, idx: usize) -> super::db::Result<T> {
    let t = text(row, idx)?;
    t.parse()
        .map_err(|_| super::db::conversion(idx, format!("unknown value '{t}'")))
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn stored_dates() {
        assert_eq!(
            iso_date(b"2026-03-02"),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        );
        assert_eq!(iso_date(b"2026-02-30"), None);
        assert_eq!(iso_date(b"2026-3-2"), None);
        assert_eq!(iso_date(b"20x6-03-02"), None);
        assert_eq!(iso_date("2026-03-0\u{e9}".as_bytes()), None);
    }
}
