//! WhatDoTheyKnow's JSON form of a request page
//! (`https://www.whatdotheyknow.com/request/<url_title>.json`) read into the events it
//! implies. Pure: JSON in, events out; the store matches the body and writes them.
//!
//! Each event keeps WhatDoTheyKnow's event id as its source, so reading the same page again
//! records nothing new. An event that does not fit where the request stands (a second
//! response WhatDoTheyKnow recorded, an acknowledgement of a review) is left out and said.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::law::{ClockEvent, EventKind, Phase, Sequence};
use crate::model::NewEvent;

/// Where request pages live.
pub const SITE: &str = "https://www.whatdotheyknow.com";

#[derive(Debug, Deserialize)]
struct Page {
    url_title: String,
    #[serde(default)]
    title: String,
    public_body: PublicBody,
    #[serde(default)]
    info_request_events: Vec<PageEvent>,
}

#[derive(Debug, Deserialize)]
struct PublicBody {
    url_name: String,
}

#[derive(Debug, Deserialize)]
struct PageEvent {
    id: i64,
    event_type: String,
    created_at: String,
    #[serde(default)]
    described_state: Option<String>,
    #[serde(default)]
    calculated_state: Option<String>,
}

/// One request as WhatDoTheyKnow describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WdtkRequest {
    pub url: String,
    pub title: String,
    /// The body's `url_name`, which bodies carry as `wdtk_url_name`.
    pub body: String,
    pub events: Vec<NewEvent>,
    /// Events left out, and why.
    pub skipped: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {why}. Nothing was imported; the file should be a request page's JSON from WhatDoTheyKnow (its address followed by .json)")]
pub struct WdtkError {
    pub file: String,
    pub line: usize,
    pub why: String,
}

/// The request page at `url_title`.
pub fn page_url(url_title: &str) -> String {
    format!("{SITE}/request/{url_title}")
}

/// The event a WhatDoTheyKnow event means where the request stands, if any.
fn meaning(e: &PageEvent, phase: Phase) -> Option<EventKind> {
    let state = e
        .described_state
        .as_deref()
        .or(e.calculated_state.as_deref())
        .unwrap_or("");
    match (e.event_type.as_str(), state) {
        ("sent", _) => Some(EventKind::Sent),
        ("response", "waiting_clarification") => Some(EventKind::ClarificationRequested),
        ("response", "successful" | "partially_successful" | "rejected" | "not_held") => {
            Some(if phase == Phase::ReviewPending {
                EventKind::ReviewResponded
            } else {
                EventKind::Responded
            })
        }
        ("response", "waiting_response" | "") if phase == Phase::Running => {
            Some(EventKind::Acknowledged)
        }
        ("followup_sent" | "followup_resent", _) if phase == Phase::AwaitingClarification => {
            Some(EventKind::Clarified)
        }
        ("followup_sent" | "status_update", "internal_review") => Some(EventKind::ReviewRequested),
        (_, "user_withdrawn") => Some(EventKind::Withdrawn),
        _ => None,
    }
}

/// Reads one page; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<WdtkRequest, WdtkError> {
    let page: Page = serde_json::from_str(text).map_err(|e| WdtkError {
        file: file.to_string(),
        line: e.line(),
        why: crate::archive::plain_serde_message(&e),
    })?;
    let mut events: Vec<(DateTime<Utc>, &PageEvent)> = Vec::new();
    for e in &page.info_request_events {
        let at = DateTime::parse_from_rfc3339(&e.created_at).map_err(|_| WdtkError {
            file: file.to_string(),
            line: 1,
            why: format!(
                "event {} has the date '{}', which is not an RFC 3339 date",
                e.id, e.created_at
            ),
        })?;
        events.push((at.with_timezone(&Utc), e));
    }
    events.sort_by_key(|(at, e)| (*at, e.id));
    let mut seq = Sequence::new(&[]);
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (at, e) in events {
        let on = crate::dates::london_date(at);
        let Some(kind) = meaning(e, seq.phase()) else {
            continue;
        };
        let ce = ClockEvent {
            kind,
            on,
            until: None,
        };
        match seq.accept(&ce) {
            Ok(()) => {
                let mut ev = NewEvent::new(kind, on);
                ev.source = format!("wdtk:{}", e.id);
                ev.note = format!("WhatDoTheyKnow: {}", e.event_type);
                out.push(ev);
            }
            Err(why) => skipped.push(format!("event {} ({}): {why}", e.id, e.event_type)),
        }
    }
    Ok(WdtkRequest {
        url: page_url(&page.url_title),
        title: page.title,
        body: page.public_body.url_name,
        events: out,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_becomes_its_events() {
        let json = r#"{"url_title":"fdp_use","title":"FDP","public_body":{"url_name":"some_trust"},
          "info_request_events":[
            {"id":3,"event_type":"response","created_at":"2026-10-20T10:00:00+01:00","described_state":"successful"},
            {"id":1,"event_type":"sent","created_at":"2026-10-01T09:00:00+01:00"},
            {"id":2,"event_type":"response","created_at":"2026-10-02T09:00:00+01:00","calculated_state":"waiting_response"},
            {"id":4,"event_type":"comment","created_at":"2026-10-21T09:00:00+01:00"},
            {"id":5,"event_type":"response","created_at":"2026-10-22T09:00:00+01:00","described_state":"successful"}
          ]}"#;
        let r = parse("x.json", json).unwrap();
        let kinds: Vec<EventKind> = r.events.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::Sent,
                EventKind::Acknowledged,
                EventKind::Responded
            ]
        );
        assert_eq!(r.events[0].source, "wdtk:1");
        assert_eq!(r.url, "https://www.whatdotheyknow.com/request/fdp_use");
        assert_eq!(
            r.skipped.len(),
            1,
            "a second response does not fit: {:?}",
            r.skipped
        );
    }

    #[test]
    fn broken_json_names_the_line() {
        let e = parse("x.json", "{\n\"url_title\": 3,\n").unwrap_err();
        assert!(e.line >= 2, "{e}");
        assert!(e.to_string().starts_with("x.json, line"), "{e}");
    }
}
