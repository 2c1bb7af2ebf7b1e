//! Email in: `.eml` files, mbox files and maildir folders read into [`Mail`] records, with the
//! event each message suggests. Pure: files in, records out; matching and storing are the
//! store's job.
//!
//! mail-parser does the MIME work (encodings, charsets, HTML to text); splitting mbox files
//! and walking maildirs is done here so that an error can name the file and the line where
//! the bad message starts.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use mail_parser::{MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

use crate::law::EventKind;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE: u64 = 512 * 1024 * 1024;

/// One attachment of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl MailAttachment {
    /// The SHA-256 of the contents, in hex.
    pub fn sha256(&self) -> String {
        hex(&Sha256::digest(&self.bytes))
    }
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
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("cannot read {path}: {source}. Check the path and that you may read it")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    File(#[from] crate::bounded::ReadError),
    #[error("{path}, line {line}: {why}. Nothing was imported")]
    Malformed {
        path: String,
        line: usize,
        why: String,
    },
    #[error("{path} holds no messages: give .eml files, mbox files or maildir folders")]
    Empty { path: String },
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read(path: &Path) -> Result<Vec<u8>, MailError> {
    Ok(crate::bounded::read(path, MAX_FILE, "mail file")?)
}

/// Every message under `path`: an `.eml` file, an mbox file, or a folder (a maildir with
/// `cur/` and `new/`, or a folder of message files), in a fixed order.
pub fn read_path(path: &Path) -> Result<Vec<Mail>, MailError> {
    let shown = path.display().to_string();
    let mut out = Vec::new();
    if path.is_dir() {
        let mut files = Vec::new();
        let sub: Vec<PathBuf> = ["cur", "new"]
            .iter()
            .map(|d| path.join(d))
            .filter(|d| d.is_dir())
            .collect();
        let dirs = if sub.is_empty() {
            vec![path.to_path_buf()]
        } else {
            sub
        };
        for d in dirs {
            let entries = std::fs::read_dir(&d).map_err(|source| MailError::Read {
                path: d.display().to_string(),
                source,
            })?;
            for e in entries {
                let e = e.map_err(|source| MailError::Read {
                    path: d.display().to_string(),
                    source,
                })?;
                let p = e.path();
                let hidden = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_none_or(|n| n.starts_with('.'));
                if p.is_file() && !hidden {
                    files.push(p);
                }
            }
        }
        files.sort();
        for f in files {
            out.extend(read_file(&f)?);
        }
    } else {
        out = read_file(path)?;
    }
    if out.is_empty() {
        return Err(MailError::Empty { path: shown });
    }
    Ok(out)
}

/// The messages of one file: one message, or many if it is an mbox.
fn read_file(path: &Path) -> Result<Vec<Mail>, MailError> {
    let bytes = read(path)?;
    let shown = path.display().to_string();
    if bytes.starts_with(b"From ") {
        return mbox(&shown, &bytes);
    }
    let mail = parse(&bytes, &shown).map_err(|why| MailError::Malformed {
        path: shown.clone(),
        line: 1,
        why,
    })?;
    Ok(vec![mail])
}

/// Splits an mbox at its "From " lines (each at the start of the file or after a blank line)
/// and undoes the `>From ` quoting of lines within messages.
fn mbox(path: &str, bytes: &[u8]) -> Result<Vec<Mail>, MailError> {
    let mut out = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut start_line = 0usize;
    let mut previous_blank = true;
    let finish = |msg: &[u8], line: usize, out: &mut Vec<Mail>| -> Result<(), MailError> {
        if line == 0 {
            return Ok(());
        }
        let mail = parse(msg, &format!("{path}:{line}")).map_err(|why| MailError::Malformed {
            path: path.to_string(),
            line,
            why,
        })?;
        out.push(mail);
        Ok(())
    };
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let n = i + 1;
        if line.starts_with(b"From ") && previous_blank {
            finish(&current, start_line, &mut out)?;
            current.clear();
            start_line = n;
            previous_blank = false;
            continue;
        }
        previous_blank = line == b"\n" || line == b"\r\n";
        let unquoted = match line.iter().position(|b| *b != b'>') {
            Some(k) if k > 0 && line[k..].starts_with(b"From ") => &line[1..],
            _ => line,
        };
        current.extend_from_slice(unquoted);
    }
    finish(&current, start_line, &mut out)?;
    Ok(out)
}

/// One message's bytes as a [`Mail`], or why it cannot be read.
pub fn parse(raw: &[u8], source: &str) -> Result<Mail, String> {
    let has_body = raw.windows(2).any(|w| w == b"\n\n") || raw.windows(4).any(|w| w == b"\r\n\r\n");
    if !has_body {
        return Err("the message has headers but no body: the file looks cut short".into());
    }
    let msg = MessageParser::default()
        .parse(raw)
        .ok_or("this is not an email message")?;
    if msg.headers().is_empty() {
        return Err("this is not an email message (no headers)".into());
    }
    // A multipart message must end with its closing boundary; without it the file was cut.
    if let Some(ct) = msg.content_type() {
        if ct.ctype().eq_ignore_ascii_case("multipart") {
            if let Some(boundary) = ct.attribute("boundary") {
                let closing = format!("--{boundary}--");
                if !raw.windows(closing.len()).any(|w| w == closing.as_bytes()) {
                    return Err(
                        "the message ends before its last part: the file looks cut short".into(),
                    );
                }
            }
        }
    }
    let date = msg
        .date()
        .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0))
        .ok_or(
            "the message has no readable Date header, and the clock needs the day it was sent",
        )?;
    let (sender, sender_name) = msg
        .from()
        .and_then(|a| a.first())
        .map(|a| {
            (
                a.address().unwrap_or("").trim().to_ascii_lowercase(),
                a.name().unwrap_or("").trim().to_string(),
            )
        })
        .unwrap_or_default();
    let mut body = String::new();
    let parts = msg.text_body_count().max(msg.html_body_count()).max(1);
    for i in 0..parts {
        if let Some(t) = msg.body_text(i) {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(t.trim_end());
        }
    }
    let attachments = msg
        .attachments()
        .enumerate()
        .map(|(i, p)| MailAttachment {
            name: p
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| format!("attachment-{}", i + 1)),
            content_type: p
                .content_type()
                .map(|c| match c.subtype() {
                    Some(s) => format!("{}/{}", c.ctype(), s),
                    None => c.ctype().to_string(),
                })
                .unwrap_or_default(),
            bytes: p.contents().to_vec(),
        })
        .collect();
    let message_id = match msg.message_id() {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        _ => format!("sha256:{}", hex(&Sha256::digest(raw))),
    };
    Ok(Mail {
        message_id,
        sender,
        sender_name,
        subject: msg.subject().unwrap_or("").trim().to_string(),
        sent_on: crate::dates::london_date(date),
        sent_at: date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        body,
        attachments,
        source: source.to_string(),
    })
}

/// The event a message suggests, from its words; `None` when it is not clear. The user
/// confirms a suggestion before anything is recorded.
pub fn propose(subject: &str, body: &str) -> Option<EventKind> {
    let s = subject.to_lowercase();
    let b: String = body.chars().take(3000).collect::<String>().to_lowercase();
    let either = |w: &str| s.contains(w) || b.contains(w);
    if either("internal review")
        && (either("outcome")
            || either("result of")
            || either("review decision")
            || either("upheld"))
    {
        return Some(EventKind::ReviewResponded);
    }
    if either("clarif") || b.contains("could you please confirm what") {
        return Some(EventKind::ClarificationRequested);
    }
    if either("acknowledg")
        || b.contains("receipt of your request")
        || b.contains("we received your request")
        || b.contains("has been received")
        || b.contains("will respond within")
    {
        return Some(EventKind::Acknowledged);
    }
    if either("response")
        || either("outcome")
        || b.contains("please find")
        || b.contains("information you requested")
        || b.contains("our reply")
        || crate::import::split::numbered_sections(body) >= 2
    {
        return Some(EventKind::Responded);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_the_words() {
        assert_eq!(
            propose("RE: FOI request", "We acknowledge receipt of your request."),
            Some(EventKind::Acknowledged)
        );
        assert_eq!(
            propose(
                "Your request",
                "Could you please clarify which period you mean?"
            ),
            Some(EventKind::ClarificationRequested)
        );
        assert_eq!(
            propose("FOI response 1234", "Please find our response below."),
            Some(EventKind::Responded)
        );
        assert_eq!(
            propose(
                "Internal review outcome",
                "The original decision is upheld."
            ),
            Some(EventKind::ReviewResponded)
        );
        assert_eq!(propose("Hello", "Lunch on Friday?"), None);
    }

    #[test]
    fn a_message_without_its_closing_boundary_is_cut_short() {
        let raw = b"From: a@b.nhs.uk\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <x@y>\r\nContent-Type: multipart/mixed; boundary=\"BB\"\r\n\r\n--BB\r\nContent-Type: text/plain\r\n\r\nHello\r\n--BB\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0";
        let e = parse(raw, "x").unwrap_err();
        assert!(e.contains("cut short"), "{e}");
    }
}
