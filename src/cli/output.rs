//! Words and JSON shared by listing commands.

use chrono::NaiveDate;
use serde_json::{json, Value};

pub use crate::model::clock_words;
use crate::store::RequestSummary;
use crate::text;

/// Prints a value as pretty JSON, with characters that could act on a terminal escaped.
pub fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> anyhow::Result<()> {
    let mut s = text::json_safe(serde_json::to_string_pretty(v)?);
    s.push('\n');
    print_bytes(s.as_bytes())
}

/// Writes to standard output, reporting a full or failing output as an error (a closed pipe
/// ends the process quietly: SIGPIPE is left at its default in `main`).
pub fn print_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| anyhow::anyhow!("cannot write the output: {e}"))
}

pub fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::from(d.to_string()))
}

pub fn summary_json(s: &RequestSummary) -> Value {
    let r = &s.report;
    json!({
        "campaign": s.campaign,
        "ods": s.request.body.ods_code,
        "body": s.request.body.name,
        "kind": s.request.body.kind,
        "region": s.request.body.region,
        "regime": s.request.regime.as_str(),
        "status": s.status.as_str(),
        "received": opt_date(r.received),
        "due": opt_date(r.due),
        "deadline": opt_date(r.current_deadline()),
        "working_days_left": s.working_days_left,
        "answered": s.answered,
        "outcomes": s.outcomes,
        "last_chased": opt_date(s.last_chased),
        "review_to_consider": opt_date(s.review_to_consider),
        "to_triage": s.to_triage,
        "questions": s.questions,
        "findings": s.findings,
        "problem": s.problem,
        "review_outcome": s.review_outcome,
    })
}

pub fn summary_line(s: &RequestSummary) -> String {
    let due = s
        .report
        .current_deadline()
        .or(s.report.due)
        .map_or("-".to_string(), |d| d.to_string());
    format!(
        "{:<6} {:<44} {:<14} {:<10} {:<11} {}",
        text::line(&s.request.body.ods_code),
        truncate(&text::line(&s.request.body.short_name), 44),
        s.status.as_str(),
        due,
        clock_words(s.working_days_left),
        s.answered_words()
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
