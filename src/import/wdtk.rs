//! WhatDoTheyKnow's JSON form of a request page
//! (`https://www.whatdotheyknow.com/request/<url_title>.json`) read into the events it
//! implies. Pure: JSON in, events out; the store matches the body and writes them.
//!
//! Each event keeps WhatDoTheyKnow's event id as its source, so reading the same page again
//! records nothing new. An event that does not fit where the request stands (a second
//! response WhatDoTheyKnow recorded, an acknowledgement of a review) is left out and said.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::law::{ClockEvent, EventKind, Phase, Regime, Sequence};
use crate::model::records::WdtkRequest;
use crate::model::NewEvent;
use Phase as P;

/// Where request pages live.
pub const SITE: &str = "https://www.whatdotheyknow.com";

/// A request page as Alaveteli's `json_for_api` writes it (the fields foiboard reads).
#[derive(Debug, Deserialize)]
struct Page {
    url_title: String,
    #[serde(default)]
    title: String,
    /// `foi` or `eir`.
    #[serde(default)]
    law_used: String,
    /// True while the latest response waits for the requester to classify it.
    #[serde(default)]
    awaiting_description: bool,
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
    /// Set by the requester's classification (on `status_update` events).
    #[serde(default)]
    described_state: Option<String>,
    /// The state Alaveteli worked out for the event from the classifications after it.
    #[serde(default)]
    calculated_state: Option<String>,
}

impl PageEvent {
    fn state(&self) -> &str {
        self.calculated_state
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(self.described_state.as_deref())
            .unwrap_or("")
    }
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

/// The outcome a response's state gives the whole reply (`responded`).
fn answer_outcome(state: &str) -> Option<&'static str> {
    Some(match state {
        "successful" => "answered",
        "partially_successful" => "partial",
        "rejected" => "refused",
        "not_held" => "not-held",
        "vexatious" => "vexatious",
        _ => return None,
    })
}

/// What a review's answer decided, from the state the requester gave it.
fn review_outcome(state: &str) -> Option<&'static str> {
    Some(match state {
        "successful" => "overturned",
        "partially_successful" => "partly-overturned",
        "rejected" | "not_held" | "vexatious" => "upheld",
        _ => return None,
    })
}

/// What one event means where the request stands: an event to record (with its outcome and a
/// note), or a word for the summary of events that mean nothing for the clock.
enum Meaning {
    Event(EventKind, &'static str, String),
    Quiet(&'static str),
}

fn meaning(e: &PageEvent, phase: Phase, unclassified: bool) -> Meaning {
    use EventKind::*;
    use Meaning::{Event, Quiet};
    let state = e.state();
    let note = |what: &str| format!("WhatDoTheyKnow: {what}");
    match e.event_type.as_str() {
        "sent" => Event(Sent, "", note("sent")),
        "response" if state == "error_message" => Quiet("delivery failure"),
        "response" if unclassified => match phase {
            P::Running | P::AwaitingClarification | P::AwaitingFee => Event(
                Responded,
                "",
                note(
                    "a response awaiting classification: read it and record each answer's outcome",
                ),
            ),
            P::ReviewPending => Event(
                ReviewResponded,
                "",
                note(
                    "the review's answer, awaiting classification: read it and record its outcome",
                ),
            ),
            _ => Quiet("further correspondence"),
        },
        "response" => match (state, phase) {
            ("waiting_clarification", P::Running) => Event(
                ClarificationRequested,
                "",
                note("the authority asked for clarification"),
            ),
            (s, P::ReviewPending) if review_outcome(s).is_some() => Event(
                ReviewResponded,
                review_outcome(s).unwrap_or(""),
                note(&format!("the review's answer, classified '{s}'")),
            ),
            (s, P::Running | P::AwaitingClarification | P::AwaitingFee)
                if answer_outcome(s).is_some() =>
            {
                Event(
                    Responded,
                    answer_outcome(s).unwrap_or(""),
                    note(&format!("response classified '{s}'")),
                )
            }
            (
                "waiting_response" | "waiting_response_overdue" | "waiting_response_very_overdue",
                P::Running,
            ) => Event(Acknowledged, "", note("acknowledgement")),
            ("gone_postal", _) => Quiet("reply by post"),
            ("internal_review", _) => Quiet("acknowledgement of the review"),
            _ => Quiet("further correspondence"),
        },
        "followup_sent" | "followup_resent" => match (state, phase) {
            (_, P::AwaitingClarification) => Event(Clarified, "", note("clarification sent")),
            ("internal_review", P::Running | P::Responded) => {
                Event(ReviewRequested, "", note("internal review requested"))
            }
            _ => Quiet("follow-up (chaser)"),
        },
        // The requester's own classification: it describes responses, it is not one. Only a
        // withdrawal is an act of the requester's.
        "status_update" if e.described_state.as_deref() == Some("user_withdrawn") => {
            Event(Withdrawn, "", note("withdrawn by the requester"))
        }
        "status_update" => Quiet("status update"),
        "comment" => Quiet("comment"),
        "overdue" | "very_overdue" => Quiet("overdue notice"),
        "resent" => Quiet("resent"),
        t if t.starts_with("edit") => Quiet("edit"),
        _ => Quiet("other event"),
    }
}

/// Reads one page; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<WdtkRequest, WdtkError> {
    let page: Page = serde_json::from_str(text).map_err(|e| WdtkError {
        file: file.to_string(),
        line: e.line(),
        why: crate::model::archive::plain_serde_message(&e),
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
    // Responses after the requester's last classification are not classified yet, when the
    // page says it awaits one.
    let last_update = events
        .iter()
        .rposition(|(_, e)| e.event_type == "status_update");
    let mut seq = Sequence::new(&[]);
    let mut out: Vec<NewEvent> = Vec::new();
    let mut skipped = Vec::new();
    let mut quiet: BTreeMap<String, usize> = BTreeMap::new();
    let mut bounced = false;
    let mut awaiting_classification = false;
    for (i, (at, e)) in events.iter().enumerate() {
        let on = crate::dates::london_date(*at);
        // A bounce and a resend: the request was received when it was sent again.
        if e.event_type == "response" && e.state() == "error_message" {
            bounced = true;
        }
        if e.event_type == "resent" && bounced && seq.phase() == P::Running {
            if let Some(sent) = out.iter_mut().find(|x| x.kind == EventKind::Sent) {
                sent.on = on;
                sent.source = format!("wdtk:{}", e.id);
                sent.note =
                    "WhatDoTheyKnow: resent after the first delivery failed (received on this day)"
                        .into();
                // Earlier events stay as they are: only the receipt moved.
                seq = Sequence::new(&[]);
                for x in out.iter() {
                    let _ = seq.accept(&ClockEvent {
                        kind: x.kind,
                        on: x.on,
                        until: None,
                    });
                }
                bounced = false;
                continue;
            }
        }
        let unclassified = page.awaiting_description
            && last_update.is_none_or(|u| i > u)
            && e.event_type == "response";
        match meaning(e, seq.phase(), unclassified) {
            Meaning::Quiet(what) => *quiet.entry(what.to_string()).or_default() += 1,
            Meaning::Event(kind, outcome, note) => {
                let ce = ClockEvent {
                    kind,
                    on,
                    until: None,
                };
                match seq.accept(&ce) {
                    Ok(()) => {
                        if unclassified {
                            awaiting_classification = true;
                        }
                        let mut ev = NewEvent::new(kind, on);
                        ev.source = format!("wdtk:{}", e.id);
                        ev.outcome = outcome.to_string();
                        ev.note = note;
                        out.push(ev);
                    }
                    Err(why) => skipped.push(format!("event {} ({}): {why}", e.id, e.event_type)),
                }
            }
        }
    }
    let regime = match page.law_used.trim().to_ascii_lowercase().as_str() {
        "eir" => Some(Regime::Eir),
        _ => None,
    };
    Ok(WdtkRequest {
        url: page_url(&page.url_title),
        title: page.title,
        body: page.public_body.url_name,
        regime,
        events: out,
        skipped,
        quiet,
        awaiting_classification,
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
        assert!(r.skipped.is_empty(), "{:?}", r.skipped);
        assert_eq!(
            r.quiet_line().unwrap(),
            "2 event(s) with no meaning for the clock: 1 comment, 1 further correspondence"
        );
    }

    #[test]
    fn broken_json_names_the_line() {
        let e = parse("x.json", "{\n\"url_title\": 3,\n").unwrap_err();
        assert!(e.line >= 2, "{e}");
        assert!(e.to_string().starts_with("x.json, line"), "{e}");
    }
}
