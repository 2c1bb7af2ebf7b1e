//! The campaign archive: everything about one campaign as one JSON file (`export --format
//! json`), which `import json` restores into another database.
//!
//! Rows are named by what a person would call them (ODS codes, question numbers, tag names),
//! never by database ids, and every list is in a fixed order: so exporting, importing into an
//! empty database and exporting again gives the same bytes, and a diff of two exports shows
//! what changed in the campaign rather than how ids were handed out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::law::{EventKind, Regime};
use crate::model::{NewBody, Outcome};

/// What the `format` field says, so a file from another tool is recognised as such.
pub const FORMAT: &str = "foiboard-campaign";
/// The version of this layout; a newer one is refused with a message, never half read.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub campaign: ArchiveCampaign,
    pub questions: Vec<ArchiveQuestion>,
    /// The bodies the campaign asked, by ODS code.
    pub bodies: Vec<NewBody>,
    /// The tags the campaign's findings carry, by name. Whether a tag is retired is the
    /// upkeep of each database's codebook, so it is not carried: an import adds the tags a
    /// database lacks and leaves its own as they are.
    pub tags: Vec<ArchiveTag>,
    /// The requests, by ODS code.
    pub requests: Vec<ArchiveRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveCampaign {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveQuestion {
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveTag {
    pub name: String,
    pub colour: String,
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveRequest {
    pub ods_code: String,
    pub reference: String,
    /// Set when the request is answered under another regime than the body's (EIR).
    pub regime: Option<Regime>,
    pub wdtk_url: String,
    pub created_at: String,
    /// In the order the clock reads them: by date, then as recorded.
    pub events: Vec<ArchiveEvent>,
    /// By question number.
    pub answers: Vec<ArchiveAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveEvent {
    pub kind: EventKind,
    pub on: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reference: String,
    pub outcome: String,
    pub note: String,
    pub author: String,
    pub created_at: String,
    /// Where an importer found it; "" when typed.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveAnswer {
    pub question: u32,
    pub outcome: Outcome,
    pub exemptions: Vec<String>,
    pub text: String,
    pub author: String,
    pub updated_at: String,
    /// In the order they were recorded.
    pub findings: Vec<ArchiveFinding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveFinding {
    pub note: String,
    pub quote: String,
    /// Sorted by name.
    pub tags: Vec<String>,
    pub author: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Why a file is not a campaign archive this program can read.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{file} is not a foiboard campaign file: {why} (line {line}, column {column}). Export it again with `foiboard export CAMPAIGN --format json`")]
    Malformed {
        file: String,
        why: String,
        line: usize,
        column: usize,
    },
    #[error("{file} is a '{found}' file, not a foiboard campaign: export one with `foiboard export CAMPAIGN --format json`")]
    WrongFormat { file: String, found: String },
    #[error("{file} was written by a newer foiboard (campaign file version {found}; this program reads up to {VERSION}): install the newer foiboard to import it")]
    TooNew { file: String, found: u32 },
}

impl Archive {
    /// The archive as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers and dates cannot fail.
        // Escaped as the command line's JSON is, so the file is safe to `cat` on a terminal.
        let mut s = crate::text::json_safe(serde_json::to_string_pretty(self).unwrap_or_default());
        s.push('\n');
        s
    }

    /// Reads an archive from `text`; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Archive, ArchiveError> {
        // Look at the envelope first, so a newer or foreign file gets the right message rather
        // than a complaint about a field this version does not know.
        #[derive(Deserialize)]
        struct Envelope {
            format: Option<String>,
            version: Option<u32>,
        }
        let malformed = |e: serde_json::Error| ArchiveError::Malformed {
            file: file.to_string(),
            why: plain_serde_message(&e),
            line: e.line(),
            column: e.column(),
        };
        let env: Envelope = serde_json::from_str(text).map_err(malformed)?;
        match env.format.as_deref() {
            Some(FORMAT) => {}
            other => {
                return Err(ArchiveError::WrongFormat {
                    file: file.to_string(),
                    found: other.unwrap_or("unknown").to_string(),
                })
            }
        }
        if let Some(v) = env.version.filter(|v| *v > VERSION) {
            return Err(ArchiveError::TooNew {
                file: file.to_string(),
                found: v,
            });
        }
        serde_json::from_str(text).map_err(malformed)
    }
}

/// serde_json's message without its own " at line L column C": the callers say where, with
/// the file's name, in the words of their own message.
pub fn plain_serde_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_newer_and_broken_files_are_told_apart() {
        let e = Archive::parse("x.json", "{\"format\":\"other\"}").unwrap_err();
        assert!(matches!(e, ArchiveError::WrongFormat { .. }), "{e}");
        let e = Archive::parse(
            "x.json",
            "{\"format\":\"foiboard-campaign\",\"version\":99}",
        )
        .unwrap_err();
        assert!(matches!(e, ArchiveError::TooNew { found: 99, .. }), "{e}");
        let e = Archive::parse("x.json", "{\"format\":\n\"foiboard-campaign\",").unwrap_err();
        match e {
            ArchiveError::Malformed { line, .. } => assert_eq!(line, 2),
            other => panic!("{other}"),
        }
        let e = Archive::parse("x.json", "[1, 2]").unwrap_err();
        assert!(e.to_string().contains("x.json"), "{e}");
    }
}
