//! The campaign as a spreadsheet: one row per request, its body, status and dates, then each
//! question's outcome, exemptions and tags. Opens in a spreadsheet without fixing: UTF-8 with a
//! header row, and no cell a spreadsheet would run as a formula.

use std::collections::HashMap;
use std::io::Write;

use crate::store::{Cell, RequestSummary};

/// A text cell: control characters made visible (as everywhere else), and text a spreadsheet
/// would take as a formula (`=`, `+`, `-`, `@` first, after any spaces that cleaning left, as
/// where a line break stood) given a leading apostrophe, which spreadsheets show as plain text.
/// The guard looks at the cleaned text, the text the spreadsheet will read.
pub fn neutralise(s: &str) -> String {
    let s = crate::text::line(s);
    match s.trim_start().chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{s}"),
        _ => s,
    }
}

/// Writes the rows of one campaign with `questions` questions.
pub fn write(
    out: impl Write,
    rows: &[RequestSummary],
    cells: &[Cell],
    questions: u32,
) -> Result<(), ::csv::Error> {
    let by_cell: HashMap<(i64, u32), &Cell> = cells
        .iter()
        .map(|c| ((c.request_id, c.question), c))
        .collect();
    let mut w = ::csv::Writer::from_writer(out);
    let mut header: Vec<String> = [
        "campaign",
        "ods_code",
        "body",
        "kind",
        "region",
        "nation",
        "icb",
        "regime",
        "reference",
        "status",
        "received",
        "due",
        "responded",
        "working_days_left",
        "responded_late",
        "answered",
        "to_triage",
        "review_outcome",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Each outcome's count apart from "answered" (answered or partly), so 3 answered,
    // 1 refused and 3 not answered read as such.
    let counted: Vec<crate::model::Outcome> = crate::model::Outcome::ALL
        .into_iter()
        .filter(|o| *o != crate::model::Outcome::Pending)
        .collect();
    header.extend(counted.iter().map(|o| format!("outcome_{}", o.as_str())));
    for q in 1..=questions {
        header.push(format!("q{q}_outcome"));
        header.push(format!("q{q}_exemptions"));
        header.push(format!("q{q}_tags"));
    }
    w.write_record(&header)?;
    let date = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    for r in rows {
        let b = &r.request.body;
        let rep = &r.report;
        let mut rec: Vec<String> = vec![
            neutralise(&r.campaign),
            neutralise(&b.ods_code),
            neutralise(&b.name),
            neutralise(&b.kind),
            neutralise(&b.region),
            neutralise(&b.nation),
            neutralise(&b.icb_name),
            r.request.regime.as_str().to_string(),
            neutralise(&r.request.reference),
            r.status.as_str().to_string(),
            date(rep.received),
            date(rep.current_deadline()),
            date(rep.responded),
            r.working_days_left.map_or(String::new(), |n| n.to_string()),
            rep.responded_late.map_or(String::new(), |l| l.to_string()),
            r.answered.to_string(),
            r.to_triage.to_string(),
            r.review_outcome
                .map_or(String::new(), |o| o.as_str().to_string()),
        ];
        rec.extend(
            counted
                .iter()
                .map(|o| r.outcomes.get(o.as_str()).copied().unwrap_or(0).to_string()),
        );
        for q in 1..=questions {
            match by_cell.get(&(r.request.id, q)) {
                Some(c) => {
                    rec.push(c.outcome.as_str().to_string());
                    rec.push(neutralise(&c.exemptions.join("; ")));
                    rec.push(neutralise(&c.tags.join("; ")));
                }
                None => rec.extend([String::new(), String::new(), String::new()]),
            }
        }
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+44 20"), "'+44 20");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Leeds"), "Leeds");
        assert_eq!(neutralise(""), "");
        assert_eq!(neutralise("\tA"), "    A");
        assert_eq!(neutralise("\t=A"), "'    =A");
        assert_eq!(neutralise("\n@SUM(1)"), "' @SUM(1)");
        assert_eq!(neutralise("\r\n+1"), "'  +1");
        assert_eq!(neutralise("Trust\x1b[2J"), "Trust\\x1b[2J");
    }
}
