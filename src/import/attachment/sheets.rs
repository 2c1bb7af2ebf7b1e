//! Spreadsheets as text tables: each sheet named, each row a line of its cells between " | ".
//! Some bodies answer a question with a table (posts, costs, contracts).

use std::io::Cursor;

use calamine::Reader;

/// The most rows of one sheet kept (a reply's table has tens; a data dump is not read here).
const MAX_ROWS: usize = 5_000;

pub fn workbook(bytes: &[u8]) -> Result<String, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("the spreadsheet cannot be opened ({e})"))?;
    let mut out = String::new();
    for (name, range) in book.worksheets() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("[{name}]\n"));
        for row in range.rows().take(MAX_ROWS) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.to_string().trim().to_string())
                .collect();
            line(&mut out, &cells);
        }
    }
    Ok(out)
}

pub fn csv(bytes: &[u8]) -> Result<String, String> {
    let text = super::decode(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = String::new();
    for rec in r.records().take(MAX_ROWS) {
        let rec = rec.map_err(|e| format!("the CSV cannot be read ({e})"))?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        line(&mut out, &cells);
    }
    Ok(out)
}

fn line(out: &mut String, cells: &[String]) {
    let end = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    if end > 0 {
        out.push_str(&cells[..end].join(" | "));
        out.push('\n');
    }
}
