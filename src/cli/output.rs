//! Words and JSON shared by listing commands.

use chrono::NaiveDate;
use serde_json::{json, Value};

pub use crate::model::clock_words;
use crate::store::RequestSummary;
use crate::text;

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
        "answers": s.answers,
        "questions": s.questions,
        "findings": s.findings,
    })
}

pub fn summary_line(s: &RequestSummary) -> String {
    let due = s
        .report
        .current_deadline()
        .or(s.report.due)
        .map_or("-".to_string(), |d| d.to_string());
    format!(
        "{:<6} {:<44} {:<14} {:<10} {:<11} {}/{}",
        text::line(&s.request.body.ods_code),
        truncate(&text::line(&s.request.body.short_name), 44),
        s.status.as_str(),
        due,
        clock_words(s.working_days_left),
        s.answers,
        s.questions
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
