//! The records the readers produce and the store takes: a message read from a file or a
//! mailbox, a WhatDoTheyKnow request page, a group's spreadsheet, a letter's proposed
//! answers. Plain data, below both: the readers (`import`) fill them, the store writes them,
//! and neither imports the other.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{NewEvent, Outcome};
use crate::law::{EventKind, Regime};

/// One attachment of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Its text as read at import (a PDF's or Word letter's words), empty when none.
    pub text: String,
    /// How the text was read, or why there is none (a scan without OCR, a locked PDF).
    pub text_note: String,
}

impl MailAttachment {
    /// What a letter says, attachments included: the body, then each attachment's text under
    /// its name. The split into questions and every proposal read this.
    pub fn readable(body: &str, attachments: &[MailAttachment]) -> String {
        readable(
            body,
            attachments
                .iter()
                .map(|a| (a.name.as_str(), a.text.as_str())),
        )
    }

    /// The SHA-256 of the contents, in hex.
    pub fn sha256(&self) -> String {
        hex(&Sha256::digest(&self.bytes))
    }
}

/// A message's body followed by each of its attachments' text, under the attachment's name.
pub fn readable<'a>(
    body: &str,
    attachments: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut out = body.trim_end().to_string();
    for (name, text) in attachments {
        if text.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&format!("[attachment: {name}]\n{}", text.trim()));
    }
    out
}

/// One message, as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The Message-ID, or `sha256:` and a digest of the message when it has none.
    pub message_id: String,
    /// The sender's address, lower-case.
    pub sender: String,
    pub sender_name: String,
    pub subject: String,
    /// The day it was sent, in Europe/London.
    pub sent_on: NaiveDate,
    /// The instant it was sent, RFC 3339 in UTC.
    pub sent_at: String,
    /// The plain text (HTML converted when there is no plain part).
    pub body: String,
    pub attachments: Vec<MailAttachment>,
    /// Where it was read: `file` or `file:line`.
    pub source: String,
    /// The Message-IDs it answers: In-Reply-To first, then References, newest first.
    pub replies_to: Vec<String>,
    /// Why the date it claims could not be used (a year 9999, a day to come): it is filed
    /// under the day it was read instead, and the import says so.
    pub date_note: Option<String>,
    /// What its words suggest happened (an acknowledgement, a reply...), read by the reader:
    /// a suggestion a member confirms, never recorded by itself.
    pub proposed: Option<EventKind>,
}

/// One request as WhatDoTheyKnow describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WdtkRequest {
    pub url: String,
    pub title: String,
    /// The body's `url_name`, which bodies carry as `wdtk_url_name`.
    pub body: String,
    /// EIR when the page says the request was made under the EIR.
    pub regime: Option<Regime>,
    pub events: Vec<NewEvent>,
    /// Events that mean something but do not fit where the request stands, and why.
    pub skipped: Vec<String>,
    /// Events with no meaning for the clock (comments, chasers, overdue notices, repeated
    /// classifications), counted by what they are.
    pub quiet: BTreeMap<String, usize>,
    /// The latest response waits for classification: it is recorded to triage.
    pub awaiting_classification: bool,
}

impl WdtkRequest {
    /// "5 events with no meaning for the clock: 2 comment, 1 overdue notice, 2 status update".
    pub fn quiet_line(&self) -> Option<String> {
        let n: usize = self.quiet.values().sum();
        (n > 0).then(|| {
            let parts: Vec<String> = self.quiet.iter().map(|(k, v)| format!("{v} {k}")).collect();
            format!(
                "{n} event(s) with no meaning for the clock: {}",
                parts.join(", ")
            )
        })
    }
}

/// One row of the sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// The line of the file the row is on (for messages).
    pub line: u64,
    pub ods: String,
    pub body: String,
    pub reference: String,
    pub note: String,
    pub status: String,
    /// The outcome the sheet gives the reply, in its own words, and what they were read as.
    pub outcome: Option<(String, Outcome, Vec<String>)>,
    pub wdtk: String,
    pub dates: Vec<(EventKind, NaiveDate)>,
    /// What the outcome column says happened when it holds a status rather than an outcome
    /// ("Extended (PIT) to 28/04/2026", "Clarification requested"), in its own words.
    pub status_event: Option<(String, StatusEvent)>,
    /// The event the status words imply happened, read by the reader: the import warns when
    /// the sheet gives no date for it.
    pub implied: Option<EventKind>,
}

/// A whole sheet: its rows, and what the reading noticed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    /// Rows skipped (blank, a title above the headings, a total) and cells read as empty, each
    /// with its line.
    pub notes: Vec<String>,
    /// Columns no field was found for.
    pub ignored: Vec<String>,
    /// Everything that stops the import, each with its line.
    pub problems: Vec<String>,
    /// How the bytes were read ("UTF-8", "Windows-1252"...), and the delimiter.
    pub encoding: &'static str,
    pub delimiter: char,
}

/// The event a status in an outcome column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusEvent {
    pub kind: EventKind,
    /// For an extension: the day it runs to, as the cell states it.
    pub until: Option<NaiveDate>,
}

/// One question's part of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub question: u32,
    pub text: String,
}

/// A request as mail matching sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchCandidate {
    pub request: i64,
    /// The campaign's slug.
    pub campaign: String,
    pub body_id: i64,
    pub ods: String,
    /// Whether anything may still come (not withdrawn, decided or past its review).
    pub open: bool,
}

/// What matching a message reads, read once for a whole import rather than per message.
#[derive(Debug, Clone, Default)]
pub struct MatchData {
    pub campaigns: Vec<super::Campaign>,
    pub bodies: Vec<super::Body>,
    pub candidates: Vec<MatchCandidate>,
    /// Every request's recorded reference (three characters or more).
    pub refs: Vec<(i64, String)>,
}

/// How a reply is read and matched: rules over its words that live above the store (in
/// `inbox`) and are handed to it, so the store files what they decide without importing them.
pub trait MailReading {
    /// The request `mail` is about, from `data`, and how it was told; or none, and why.
    fn find(&self, data: &MatchData, mail: &Mail) -> (Option<i64>, String);
    /// The authority's reference quoted in a message, if it quotes one.
    fn reference_in(&self, subject: &str, body: &str) -> Option<String>;
    /// The letter split into one proposed answer per question (`questions`: number, text).
    fn split(&self, body: &str, questions: &[(u32, String)]) -> Vec<Proposed>;
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
