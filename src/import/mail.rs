//! Email in: `.eml` files, mbox files and maildir folders read into [`Mail`] records, with the
//! event each message suggests. Pure: files in, records out; matching and storing are the
//! store's job.
//!
//! mail-parser does the MIME work (encodings, charsets, HTML to text); splitting mbox files
//! and walking maildirs is done here so that an error can name the file and the line where
//! the bad message starts.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use mail_parser::{MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

use crate::model::records::{hex, Mail, MailAttachment};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("cannot read {path}: {source}. Check the path and that you may read it")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    File(#[from] crate::files::bounded::ReadError),
    #[error("{path}, line {line}: {why}. Nothing was imported")]
    Malformed {
        path: String,
        line: usize,
        why: String,
    },
    #[error("{path} holds no messages: give .eml files, mbox files or maildir folders")]
    Empty { path: String },
}

fn read(path: &Path) -> Result<Vec<u8>, MailError> {
    Ok(crate::files::bounded::read(path, MAX_FILE, "mail file")?)
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
        if line.starts_with(b"From ") && (n == 1 || previous_blank) && is_separator(line) {
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

/// Whether an mbox line is a real separator: "From ", an address, and the asctime date
/// ("From foi@trust.nhs.uk Wed Mar 25 16:12:00 2026"), as mboxo and mboxrd readers require. A
/// letter's own "From the Trust's point of view" is not one.
fn is_separator(line: &[u8]) -> bool {
    static PATTERN: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let Some(re) = PATTERN
        .get_or_init(|| {
            regex::Regex::new(
                r"^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{1,2}:\d{2}(?::\d{2})? (?:[A-Z]{3,4} |[+-]\d{4} )?\d{4}",
            )
            .ok()
        })
        .as_ref()
    else {
        return true;
    };
    re.is_match(&String::from_utf8_lossy(line))
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
    let (sender, sender_name) = address(&msg);
    let mut body = body_text(&msg);
    let mut attachments: Vec<MailAttachment> = Vec::new();
    let mut original: Option<(String, String, DateTime<Utc>, String)> = None;
    for (i, p) in msg.attachments().enumerate() {
        // A reply forwarded as an attachment (message/rfc822): the original is the letter.
        if let (Some(inner), None) = (p.message(), &original) {
            if let Some(at) = inner
                .date()
                .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0))
            {
                let (s, n) = address(inner);
                original = Some((s, n, at, body_text(inner)));
                for a in inner.attachments() {
                    attachments.push(attachment(a, attachments.len()));
                }
                continue;
            }
        }
        attachments.push(attachment(p, i));
    }
    let subject = msg.subject().unwrap_or("").trim().to_string();
    let (mut sender, mut sender_name, mut date) = (sender, sender_name, date);
    if let Some((s, n, at, text)) = original {
        body = format!(
            "[Forwarded by {sender} on {}]\n\n{text}",
            crate::dates::london_date(date)
        );
        (sender, sender_name, date) = (s, n, at);
    } else if let Some(f) = super::letter::forwarded_inline(&subject, &body) {
        body = format!(
            "[Forwarded by {sender} on {}]\n\n{}",
            crate::dates::london_date(date),
            f.body
        );
        sender = f.sender;
        sender_name = f.sender_name;
        if let Some(at) = f.sent_at {
            date = at;
        } else if let Some(day) = f.sent_on {
            // Only the day is known: noon in London keeps it that day.
            date = day
                .and_hms_opt(12, 0, 0)
                .map_or(date, |t| DateTime::<Utc>::from_naive_utc_and_offset(t, Utc));
        }
    }
    // A date no letter can have (year 9999, a year before the Act, days to come) would file
    // the reply on an impossible day and move the clock: the day it was read stands in, said.
    let now = Utc::now();
    let claimed = crate::dates::london_date(date);
    let date_note = if !crate::law::calendar::is_countable(claimed)
        || date > now + chrono::Duration::days(2)
    {
        let note = format!(
            "{source}: dated {claimed} by its Date header, which cannot be right: filed under {}, the day it was read; check the original",
            crate::dates::london_date(now)
        );
        date = now;
        Some(note)
    } else {
        None
    };
    let message_id = match msg.message_id() {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        _ => format!("sha256:{}", hex(&Sha256::digest(raw))),
    };
    let (sender_for_proposal, subject_for_proposal, body_for_proposal) =
        (sender.clone(), subject.clone(), body.clone());
    Ok(Mail {
        message_id,
        sender,
        sender_name,
        subject,
        sent_on: crate::dates::london_date(date),
        sent_at: date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        body,
        attachments,
        source: source.to_string(),
        replies_to: replies_to(&msg),
        date_note,
        // What kind of message it is decides the event proposed: an extension or a fee
        // notice too, and nothing for an automatic reply or a bounce.
        proposed: super::kind::kind(
            &sender_for_proposal,
            &subject_for_proposal,
            &body_for_proposal,
            crate::dates::london_date(date),
        )
        .0
        .and_then(super::kind::MessageKind::event),
    })
}

/// The Message-IDs a message answers, as mail clients thread: In-Reply-To, then References
/// from the newest.
fn replies_to(msg: &mail_parser::Message) -> Vec<String> {
    fn ids(v: &mail_parser::HeaderValue) -> Vec<String> {
        match v {
            mail_parser::HeaderValue::Text(t) => vec![t.trim().to_string()],
            mail_parser::HeaderValue::TextList(l) => {
                l.iter().map(|t| t.trim().to_string()).collect()
            }
            _ => Vec::new(),
        }
    }
    let mut out = ids(msg.in_reply_to());
    out.extend(ids(msg.references()).into_iter().rev());
    out.retain(|id| !id.is_empty());
    out.dedup();
    out
}

/// The sender's address (lower-case) and name.
fn address(msg: &mail_parser::Message) -> (String, String) {
    msg.from()
        .and_then(|a| a.first())
        .map(|a| {
            (
                a.address().unwrap_or("").trim().to_ascii_lowercase(),
                a.name().unwrap_or("").trim().to_string(),
            )
        })
        .unwrap_or_default()
}

/// A message's text: its plain parts, else its HTML with each table row, paragraph, heading
/// and list item on a line of its own (so numbered answers laid out as a table stay apart).
fn body_text(msg: &mail_parser::Message) -> String {
    let mut body = String::new();
    let push = |body: &mut String, t: &str| {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(t.trim_end());
    };
    if msg.text_body_count() > 0 && msg.html_body_count() == 0
        || msg
            .text_body
            .iter()
            .any(|id| msg.part(*id).is_some_and(|p| !p.is_text_html()))
    {
        for i in 0..msg.text_body_count().max(1) {
            if let Some(t) = msg.body_text(i) {
                push(&mut body, &t);
            }
        }
        return body;
    }
    for i in 0..msg.html_body_count().max(1) {
        match msg.body_html(i) {
            Some(html) => push(&mut body, &super::html::lines(&html)),
            None => {
                if let Some(t) = msg.body_text(i) {
                    push(&mut body, &t);
                }
            }
        }
    }
    body
}

/// Reads the text of `m`'s attachments (within bounds; see [`super::attachment`]) and what
/// the message proposes again with the attached letter's words. Done only for messages not
/// imported before: a mailbox exported again should not have every PDF read again.
pub fn read_attachments(m: &mut Mail) {
    if m.attachments.is_empty() {
        return;
    }
    for a in &mut m.attachments {
        let read = super::attachment::read(&a.name, &a.content_type, &a.bytes);
        a.text = read.text;
        a.text_note = read.note;
    }
    let letter = MailAttachment::readable(&m.body, &m.attachments);
    m.proposed = super::kind::kind(&m.sender, &m.subject, &letter, m.sent_on)
        .0
        .and_then(super::kind::MessageKind::event);
}

/// One attachment, kept as its bytes; its text is read by [`read_attachments`].
fn attachment(p: &mail_parser::MessagePart, i: usize) -> MailAttachment {
    let name = p
        .attachment_name()
        .map(str::to_string)
        .unwrap_or_else(|| format!("attachment-{}", i + 1));
    let content_type = p
        .content_type()
        .map(|c| match c.subtype() {
            Some(s) => format!("{}/{}", c.ctype(), s),
            None => c.ctype().to_string(),
        })
        .unwrap_or_default();
    MailAttachment {
        name,
        content_type,
        bytes: p.contents().to_vec(),
        text: String::new(),
        text_note: String::new(),
    }
}

pub use super::letter::propose;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_without_its_closing_boundary_is_cut_short() {
        let raw = b"From: a@b.nhs.uk\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <x@y>\r\nContent-Type: multipart/mixed; boundary=\"BB\"\r\n\r\n--BB\r\nContent-Type: text/plain\r\n\r\nHello\r\n--BB\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0";
        let e = parse(raw, "x").unwrap_err();
        assert!(e.contains("cut short"), "{e}");
    }
}
