//! A group's spreadsheet (CSV, as Excel and Google Sheets save it) read into rows: which body,
//! the dates of what happened, the authority's reference, the outcome, a note and the status
//! the sheet gives. Pure: bytes in, rows out; the store finds the bodies and writes.
//!
//! Read as a careful colleague would: the encoding (UTF-8, Excel's Windows-1252, UTF-16 with
//! its byte-order mark) and the delimiter (`,`, `;`, tab) are found from the file; the heading
//! row is found among the first lines (a title above it is skipped, and said); blank and total
//! rows are skipped with a note; placeholders ("TBC", "n/a", "-") are empty cells with a
//! warning; and every problem is collected, each with its line, so one look shows them all.

mod cells;
mod decode;

pub use cells::{
    exemptions_in, implied, is_placeholder, outcome_words, parse_date, recognise, Field,
};
pub use decode::{decode, Encoding};

use crate::model::records::{Sheet, SheetRow as Row};

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

/// How to read a sheet when the file does not say: `--delimiter`, `--encoding`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub delimiter: Option<u8>,
    pub encoding: Option<Encoding>,
}

/// `,`, `;`, `tab`, `|` as the user writes them on the command line.
pub fn delimiter_named(s: &str) -> Option<u8> {
    Some(match s {
        "," | "comma" => b',',
        ";" | "semicolon" => b';',
        "\t" | "\\t" | "tab" => b'\t',
        "|" | "pipe" => b'|',
        _ => return None,
    })
}

/// The rows of a sheet, with `maps` (`COLUMN=FIELD`) over the recognised headings.
pub fn read(file: &str, bytes: &[u8], maps: &[String]) -> Result<Sheet, SheetError> {
    read_with(file, bytes, maps, ReadOptions::default())
}

/// How many lines from the top the heading row is looked for in.
const HEADING_SEARCH: usize = 10;

/// As [`read`], with the delimiter or encoding given.
pub fn read_with(
    file: &str,
    bytes: &[u8],
    maps: &[String],
    opts: ReadOptions,
) -> Result<Sheet, SheetError> {
    let file_err = |why: String| SheetError::File {
        file: file.to_string(),
        why,
    };
    let (text, encoding) = decode(bytes, opts.encoding).map_err(file_err)?;
    let delimiter = opts.delimiter.unwrap_or_else(|| sniff_delimiter(&text));
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The line a record starts on, counted in the file itself (the csv crate does not count
    // blank lines, and a message must point at the line a person sees). Records come in
    // order, so each count goes on from the last: counting from the top for every record
    // made a 20,000-row sheet take 8 times a 5,000-row one.
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        let b = text.as_bytes();
        let mut at = (byte as usize).min(b.len());
        while at < b.len() && matches!(b[at], b'\n' | b'\r') {
            at += 1;
        }
        let (from, line) = counted;
        let at = at.max(from);
        let line = line + b[from..at].iter().filter(|c| **c == b'\n').count() as u64;
        counted = (at, line);
        line
    };
    let mut records = Vec::new();
    let mut sheet = Sheet {
        encoding: encoding.name(),
        delimiter: delimiter as char,
        ..Sheet::default()
    };
    for rec in r.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| line_at(p.byte()));
                records.push((line, rec));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                sheet
                    .problems
                    .push(format!("{file}, line {line}: the row cannot be read ({e})"));
                break;
            }
        }
    }

    // The heading row: the first of the top lines naming a body column, or two known fields.
    let heading_at = records
        .iter()
        .take(HEADING_SEARCH)
        .position(|(_, rec)| {
            let fields: Vec<Field> = rec.iter().filter_map(recognise).collect();
            fields.iter().any(|f| matches!(f, Field::Ods | Field::Body)) || fields.len() >= 2
        })
        .unwrap_or(0);
    for (line, rec) in &records[..heading_at] {
        if rec.iter().any(|c| !c.trim().is_empty()) {
            sheet.notes.push(format!(
                "{file}, line {line}: skipped, a title above the headings ('{}')",
                crate::text::line(rec.iter().find(|c| !c.trim().is_empty()).unwrap_or(""))
            ));
        }
    }
    let Some((_, head)) = records.get(heading_at) else {
        return Err(file_err("it is empty: there is no row of headings".into()));
    };
    let headings: Vec<String> = head.iter().map(|h| h.trim().to_string()).collect();
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
                "'{}' is not a field: use ods, body, reference, note, status, outcome, wdtk, ignore, or an event (sent, acknowledged, responded, review-requested...)",
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
    sheet.ignored = headings
        .iter()
        .zip(&fields)
        .filter(|(h, f)| f.is_none() && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();

    for (line, rec) in &records[heading_at + 1..] {
        let line = *line;
        let at = format!("{file}, line {line}");
        if rec.iter().all(|c| c.trim().is_empty()) {
            sheet.notes.push(format!("{at}: skipped, a blank row"));
            continue;
        }
        if is_total_row(rec) {
            sheet.notes.push(format!("{at}: skipped, a total row"));
            continue;
        }
        if let Err(why) = check_width(rec, headings.len()) {
            sheet.problems.push(format!("{at}: {why}"));
            continue;
        }
        let mut row = Row {
            line,
            ..Row::default()
        };
        for (i, value) in rec.iter().enumerate() {
            let v = value.trim();
            if v.is_empty() {
                continue;
            }
            let field = fields.get(i).copied().flatten();
            let heading = headings.get(i).map_or("", String::as_str);
            if is_placeholder(v)
                && matches!(
                    field,
                    Some(Field::Date(_) | Field::Reference | Field::Outcome | Field::Wdtk)
                )
            {
                sheet.notes.push(format!(
                    "{at}: '{}' in '{}' read as an empty cell",
                    crate::text::line(v),
                    crate::text::line(heading)
                ));
                continue;
            }
            match field {
                Some(Field::Ods) => row.ods = v.to_ascii_uppercase(),
                Some(Field::Body) => row.body = v.to_string(),
                Some(Field::Reference) => row.reference = v.to_string(),
                Some(Field::Note) => row.note = v.to_string(),
                Some(Field::Status) => {
                    row.status = v.to_string();
                    row.implied = cells::implied(v);
                }
                Some(Field::Wdtk) => row.wdtk = v.to_string(),
                Some(Field::Outcome) => match outcome_words(v) {
                    Some((o, ex)) => row.outcome = Some((v.to_string(), o, ex)),
                    // What groups write in an outcome column before there is an outcome.
                    None => match cells::status_words(v) {
                        Some(cells::StatusWords::NothingYet) => sheet.notes.push(format!(
                            "{at}: '{}' in '{}' says there is no reply yet: nothing recorded for it",
                            crate::text::line(v),
                            crate::text::line(heading)
                        )),
                        Some(cells::StatusWords::Happened(e)) => {
                            row.status_event = Some((v.to_string(), e));
                        }
                        None => sheet.problems.push(format!(
                            "{at}: '{}' in '{}' is not an outcome foiboard knows: write e.g. \"Answered in full\", \"Partial\", \"Refused (s43)\", \"Not held\", or a status such as \"Extended to 28/04/2026\"",
                            crate::text::line(v),
                            crate::text::line(heading)
                        )),
                    },
                },
                Some(Field::Date(kind)) => match parse_date(v) {
                    Some(d) => row.dates.push((kind, d)),
                    None => sheet.problems.push(format!(
                        "{at}: '{}' in the column '{}' is not a date: write 2026-11-02 or 02/11/2026",
                        crate::text::line(v),
                        crate::text::line(heading)
                    )),
                },
                Some(Field::Ignore) | None => {}
            }
        }
        if row.ods.is_empty() && row.body.is_empty() {
            sheet.problems.push(format!(
                "{at}: the row names no body (its ODS code and name are empty)"
            ));
            continue;
        }
        row.dates.sort_by_key(|(_, d)| *d);
        sheet.rows.push(row);
    }
    Ok(sheet)
}

/// The delimiter the first lines use most consistently: `,`, `;` (Excel in much of Europe),
/// tab (a "Text" export) or `|`. Counted outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEADING_SEARCH)
        .collect();
    let count = |line: &str, d: char| {
        let mut quoted = false;
        line.chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == d
            })
            .count()
    };
    let mut best = (b',', 0usize);
    for d in [',', ';', '\t', '|'] {
        // The count most lines agree on, so a title line does not decide.
        let mut counts: Vec<usize> = lines.iter().map(|l| count(l, d)).collect();
        counts.sort_unstable();
        let typical = counts.get(counts.len() / 2).copied().unwrap_or(0);
        if typical > best.1 {
            best = (d as u8, typical);
        }
    }
    best.0
}

/// A row that adds the others up: "Total", "Totals", "Grand total", "Count" in its first
/// filled cell.
fn is_total_row(rec: &csv::StringRecord) -> bool {
    rec.iter()
        .map(str::trim)
        .find(|c| !c.is_empty())
        .is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c == "total"
                || c == "totals"
                || c == "count"
                || c.starts_with("grand total")
                || c.starts_with("total:")
                || c.starts_with("total ")
        })
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
            .any(|l| want > 2 && l.matches([',', ';', '\t']).count() + 1 >= want)
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
