//! Reading columns defensively: text another process wrote may not be valid UTF-8, and a
//! stored word may be one this program does not know. Never panic on either.

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Row;

/// A text column, with invalid UTF-8 replaced rather than refused; NULL reads as "".
pub fn text(row: &Row, idx: usize) -> rusqlite::Result<String> {
    Ok(match row.get_ref(idx)? {
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => String::new(),
    })
}

/// A date column; `None` when NULL or unreadable.
pub fn date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let t = text(row, idx)?;
    Ok(NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// A column holding one of our words (regime, kind, outcome), parsed; unknown words become a
/// conversion error that names the column rather than a panic.
pub fn word<T: std::str::FromStr>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    let t = text(row, idx)?;
    t.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown value '{t}'").into(),
        )
    })
}
