//! A group's spreadsheet (CSV) read into rows: which body, the dates of what happened, the
//! authority's reference, a note and the status the sheet gives. Pure: bytes in, rows out;
//! the store finds the bodies and writes.
//!
//! Columns are recognised by their usual headings ("ODS code", "Trust", "Date sent",
//! "Their ref", "Notes"...) or mapped with `COLUMN=FIELD`; dates may be written the British
//! way (02/11/2026) or as 2026-11-02.

use chrono::NaiveDate;

use crate::law::EventKind;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Ods,
    Body,
    Reference,
    Note,
    Status,
    Wdtk,
    /// The date of an event of this kind.
    Date(EventKind),
    Ignore,
}

impl Field {
    /// The field a `--map` names.
    pub fn named(s: &str) -> Option<Field> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "ods" | "ods-code" => Field::Ods,
            "body" | "name" => Field::Body,
            "reference" | "ref" => Field::Reference,
            "note" | "notes" => Field::Note,
            "status" => Field::Status,
            "wdtk" | "wdtk-url" => Field::Wdtk,
            "ignore" | "skip" => Field::Ignore,
            other => Field::Date(other.parse().ok()?),
        })
    }
}

/// The field a heading usually means.
fn recognise(heading: &str) -> Option<Field> {
    let h: String = heading
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match h.as_str() {
        "ods" | "odscode" | "code" | "orgcode" | "organisationcode" => Field::Ods,
        "body" | "name" | "organisation" | "organization" | "trust" | "authority"
        | "publicbody" | "icb" => Field::Body,
        "sent" | "datesent" | "senton" | "requestsent" | "submitted" | "datesubmitted" => {
            Field::Date(EventKind::Sent)
        }
        "acknowledged" | "ackdate" | "dateacknowledged" | "acknowledgement" => {
            Field::Date(EventKind::Acknowledged)
        }
        "responded" | "dateresponded" | "responsedate" | "replied" | "datereplied"
        | "responsereceived" | "datereceived" => Field::Date(EventKind::Responded),
        "reference" | "ref" | "theirref" | "theirreference" | "foiref" | "foireference" => {
            Field::Reference
        }
        "note" | "notes" | "comment" | "comments" => Field::Note,
        "status" | "state" => Field::Status,
        "wdtk" | "whatdotheyknow" | "wdtkurl" | "wdtklink" => Field::Wdtk,
        _ => return None,
    })
}

/// Reads a date as people type it: 2026-11-02, 02/11/2026, 2/11/26, 2 Nov 2026, 02-Nov-2026.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    for f in [
        "%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d.%m.%Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            // A two-digit year read as year 26 AD is not what anyone meant.
            if d.format("%Y").to_string().len() == 4 && d > NaiveDate::from_ymd_opt(1990, 1, 1)? {
                return Some(d);
            }
        }
    }
    None
}

/// One row of the sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The line of the file the row is on (for messages).
    pub line: u64,
    pub ods: String,
    pub body: String,
    pub reference: String,
    pub note: String,
    pub status: String,
    pub wdtk: String,
    pub dates: Vec<(EventKind, NaiveDate)>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{file}, line {line}: {why}. Nothing was imported")]
    Row {
        file: String,
        line: u64,
        why: String,
    },
    #[error("{file}: {why}. Nothing was imported")]
    File { file: String, why: String },
}

/// A row must have as many cells as the heading: a missing cell shifts every value after it
/// into the wrong column, and a quote never closed swallows the rows after it. Extra cells
/// that are all empty (a spreadsheet's stray formatting) carry nothing and are let through.
fn check_width(rec: &csv::StringRecord, want: usize) -> Result<(), String> {
    let have = rec.len();
    // A cell may hold line breaks (a quoted note), but not lines shaped like whole rows.
    let swallowed = rec.iter().any(|f| {
        f.lines()
            .skip(1)
            .any(|l| want > 2 && l.matches(',').count() + 1 >= want)
    });
    if swallowed {
        return Err(
            "a quote (\") opens a cell that is never closed, so the rows after it ran into one cell: close the quote or remove it".to_string(),
        );
    }
    if have < want {
        return Err(format!(
            "the row has {have} cells but the heading has {want}: a cell is missing, so values would land in the wrong columns"
        ));
    }
    if have > want && rec.iter().skip(want).any(|f| !f.trim().is_empty()) {
        return Err(format!(
            "the row has {have} cells but the heading has {want}: a value stands outside every column (an unquoted comma in a name or note?)"
        ));
    }
    Ok(())
}

/// The rows of a sheet, with `maps` (`COLUMN=FIELD`) over the recognised headings.
pub fn read(file: &str, bytes: &[u8], maps: &[String]) -> Result<Vec<Row>, SheetError> {
    let file_err = |why: String| SheetError::File {
        file: file.to_string(),
        why,
    };
    // Spreadsheets often save a byte-order mark first.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headings: Vec<String> = r
        .headers()
        .map_err(|e| file_err(format!("its first line is not a row of headings ({e})")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut fields: Vec<Option<Field>> = headings.iter().map(|h| recognise(h)).collect();
    for m in maps {
        let (col, field) = m.split_once('=').ok_or_else(|| {
            file_err(format!(
                "--map '{m}' should read COLUMN=FIELD, e.g. \"Date of reply=responded\""
            ))
        })?;
        let i = headings
            .iter()
            .position(|h| h.eq_ignore_ascii_case(col.trim()))
            .ok_or_else(|| {
                file_err(format!(
                    "there is no column '{}' (the columns are: {})",
                    col.trim(),
                    headings.join(", ")
                ))
            })?;
        fields[i] = Some(Field::named(field).ok_or_else(|| {
            file_err(format!(
                "'{}' is not a field: use ods, body, reference, note, status, wdtk, ignore, or an event (sent, acknowledged, responded...)",
                field.trim()
            ))
        })?);
    }
    if !fields
        .iter()
        .any(|f| matches!(f, Some(Field::Ods | Field::Body)))
    {
        return Err(file_err(format!(
            "no column says which body a row is about (an ODS code or a name); its columns are {}: name one with --map \"COLUMN=ods\" or \"COLUMN=body\"",
            headings.join(", ")
        )));
    }
    // The line a record starts on, counted in the file itself (the csv crate does not count
    // blank lines, and a message must point at the line a person sees).
    let line_at = |byte: u64| {
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64
    };
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            SheetError::Row {
                file: file.to_string(),
                line,
                why: format!("the row cannot be read ({e})"),
            }
        })?;
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        check_width(&rec, headings.len()).map_err(|why| SheetError::Row {
            file: file.to_string(),
            line,
            why,
        })?;
        let mut row = Row {
            line,
            ..Row::default()
        };
        for (i, value) in rec.iter().enumerate() {
            let v = value.trim();
            if v.is_empty() {
                continue;
            }
            match fields.get(i).copied().flatten() {
                Some(Field::Ods) => row.ods = v.to_ascii_uppercase(),
                Some(Field::Body) => row.body = v.to_string(),
                Some(Field::Reference) => row.reference = v.to_string(),
                Some(Field::Note) => row.note = v.to_string(),
                Some(Field::Status) => row.status = v.to_string(),
                Some(Field::Wdtk) => row.wdtk = v.to_string(),
                Some(Field::Date(kind)) => {
                    let d = parse_date(v).ok_or_else(|| SheetError::Row {
                        file: file.to_string(),
                        line,
                        why: format!(
                            "'{v}' in the column '{}' is not a date: write 2026-11-02 or 02/11/2026",
                            headings[i]
                        ),
                    })?;
                    row.dates.push((kind, d));
                }
                Some(Field::Ignore) | None => {}
            }
        }
        if row.ods.is_empty() && row.body.is_empty() {
            if row
                == (Row {
                    line,
                    ..Row::default()
                })
            {
                continue; // a blank line
            }
            return Err(SheetError::Row {
                file: file.to_string(),
                line,
                why: "the row names no body (its ODS code and name are empty)".into(),
            });
        }
        row.dates.sort_by_key(|(_, d)| *d);
        rows.push(row);
    }
    Ok(rows)
}

/// A body's name as people vary it: case, punctuation, "&", "NHS Foundation Trust" or "NHS
/// FT" or nothing, "Integrated Care Board" or "ICB", a leading "The".
pub fn name_key(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace('&', " and ")
        .replace(['\'', '’'], "");
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match (w, next) {
            ("foundation", Some("trust")) | ("integrated", Some("care")) => {
                if w == "integrated" {
                    out.push("icb");
                    i += 3;
                } else {
                    i += 2;
                }
                continue;
            }
            ("nhs" | "the" | "ft" | "nhsft" | "trust", _) => {}
            (w, _) => out.push(w),
        }
        i += 1;
    }
    out.join(" ")
}

/// The event a status word implies happened (for a warning when the sheet gives no date).
pub fn implied(status: &str) -> Option<EventKind> {
    let s = status.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    if any(&["withdrawn"]) {
        Some(EventKind::Withdrawn)
    } else if any(&[
        "responded",
        "answered",
        "replied",
        "complete",
        "closed",
        "successful",
        "response received",
    ]) {
        Some(EventKind::Responded)
    } else if any(&["clarification"]) {
        Some(EventKind::ClarificationRequested)
    } else if any(&["acknowledged"]) {
        Some(EventKind::Acknowledged)
    } else if any(&["sent", "awaiting", "waiting", "overdue"]) {
        Some(EventKind::Sent)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_people_write_them() {
        let k = name_key("Guy's and St Thomas' NHS Foundation Trust");
        assert_eq!(k, name_key("GUY'S & ST THOMAS' NHS FT"));
        assert_eq!(k, name_key("Guys and St Thomas"));
        assert_eq!(
            name_key("NHS South East London Integrated Care Board"),
            name_key("South East London ICB")
        );
        assert_ne!(
            name_key("Leeds Teaching Hospitals"),
            name_key("Leeds Community Healthcare")
        );
    }

    #[test]
    fn british_and_iso_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        for s in [
            "2026-11-02",
            "02/11/2026",
            "2/11/2026",
            "2/11/26",
            "2 Nov 2026",
            "02-Nov-2026",
            "2 November 2026",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("11/31/2026"), None);
        assert_eq!(parse_date("soon"), None);
    }
}
