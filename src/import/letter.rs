//! Reading an authority's letter for what it says itself: the event it suggests, the
//! reference it gives, and the original of a forwarded reply. Pure: text in, words out.
//!
//! NHS letters carry a lot that is not their message: the quoted history of the thread, the
//! standard paragraph on internal reviews and the ICO at the end of every response, "if we need
//! any clarification we will contact you" in every acknowledgement, and NHSmail's disclaimer.
//! Suggestions are made from the letter's own words only, with those taken out.

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;

use crate::law::EventKind;

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// Lines that start the quoted history of a thread (Outlook, Gmail, Apple Mail, forwards).
fn starts_history(line: &str, next: Option<&str>) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    lower.starts_with("-----original message-----")
        || lower.starts_with("---------- forwarded message")
        || lower.starts_with("-------- original message")
        || lower.starts_with("begin forwarded message")
        || (lower.starts_with("on ") && lower.ends_with("wrote:"))
        || (t.starts_with("________________________________")
            && next.is_some_and(|n| n.trim_start().to_ascii_lowercase().starts_with("from:")))
        || (lower.starts_with("from:")
            && next.is_some_and(|n| {
                let n = n.trim_start().to_ascii_lowercase();
                n.starts_with("sent:") || n.starts_with("date:")
            }))
}

/// The letter without the thread it quotes.
pub fn without_history(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if starts_history(line, lines.get(i + 1).copied()) {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        out.push(*line);
    }
    out.join("\n")
}

/// Sentences that are boilerplate, not the letter's message: conditional advice (what to do
/// if dissatisfied, "if we need any clarification"), rights paragraphs and disclaimers.
pub(crate) fn is_boilerplate(sentence: &str) -> bool {
    let s = sentence.trim().to_lowercase();
    let starts = |ws: &[&str]| ws.iter().any(|w| s.starts_with(w));
    let has = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    starts(&[
        "if ",
        "should you",
        "in the event",
        "where you are",
        "you have the right",
        "you may ",
        "you can ",
        "internal review requests should",
        "requests for internal review",
        "nhsmail is",
        "this message may",
        "this e-mail",
        "this email",
        "please do not disclose",
    ]) || (has(&["information commissioner", "ico"])
        && has(&[
            "right to",
            "may complain",
            "may apply",
            "can complain",
            "contact the",
        ]))
        || has(&["intended recipient", "confidential information"])
}

/// The letter's own words: no quoted history, no boilerplate sentences, lower-case.
pub fn own_words(body: &str) -> String {
    let text = without_history(body);
    let mut out = String::new();
    for para in text.split("\n\n") {
        let flat = para.split_whitespace().collect::<Vec<_>>().join(" ");
        for sentence in split_sentences(&flat) {
            if !is_boilerplate(sentence) {
                out.push_str(sentence);
                out.push(' ');
            }
        }
        out.push('\n');
    }
    out.to_lowercase()
}

/// Sentences of a paragraph, ending at ". ", "? ", "! " (not inside "s.43" or "e.g.").
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let end = matches!(bytes[i], b'.' | b'?' | b'!')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes
                .get(i + 2)
                .is_some_and(|c| c.is_ascii_uppercase() || *c == b'"');
        if end {
            out.push(&text[start..=i]);
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The event a message suggests, from its subject and its own words; `None` when it is not
/// clear. The user confirms a suggestion before anything is recorded.
pub fn propose(subject: &str, body: &str) -> Option<EventKind> {
    let s = subject.to_lowercase();
    // Out-of-office replies, read receipts and delivery reports say nothing of the request.
    let automatic = [
        "automatic reply",
        "auto-reply",
        "autoreply",
        "out of office",
        "read:",
        "delivered:",
        "undeliverable",
        "delivery status notification",
        "not read:",
    ];
    if automatic.iter().any(|a| s.trim_start().starts_with(a)) {
        return None;
    }
    let b = own_words(body);
    let in_b = |ws: &[&str]| ws.iter().any(|w| b.contains(w));
    let in_s = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    let numbered = crate::import::split::numbered_sections(&without_history(body)) >= 2;

    let review = in_b(&[
        "internal review",
        "reviewed the handling",
        "review of the handling",
    ]) || in_s(&["internal review"]);
    let review_decided = in_b(&[
        "completed the internal review",
        "completed the review",
        "review has now been completed",
        "review has been completed",
        "is upheld",
        "decision is upheld",
        "been upheld",
        "overturned",
        "the review found",
        "i have concluded",
        "we have concluded",
        "outcome of the internal review is",
        "outcome of the review is",
    ]);
    if review && review_decided {
        return Some(EventKind::ReviewResponded);
    }
    let acknowledges = in_b(&[
        "acknowledge receipt",
        "acknowledging receipt",
        "we acknowledge",
        "receipt of your request",
        "we received your request",
        "has been received",
        "has been logged",
        "been logged under",
        "we will respond within",
        "will respond within",
        "aims to respond within",
        "aim to respond within",
        "aim to complete",
        "has been allocated",
    ]) || in_s(&["acknowledg"]);
    let asks = in_b(&[
        "could you please clarify",
        "please could you clarify",
        "could you clarify",
        "please clarify",
        "could you please confirm what",
        "could you please confirm which",
        "please confirm which",
        "please confirm what",
        "before we can proceed",
        "we need further information",
        "we require clarification",
        "would you be able to clarify",
    ]) || (in_s(&["clarif"]) && in_b(&["clarif"]));
    let answers = numbered
        || in_b(&[
            "please find below",
            "please find attached",
            "please find our response",
            "please find the trust",
            "our response",
            "response to your request",
            "in response to your request",
            "the information you requested",
            "information requested",
            "we have considered your request",
            "is exempt",
            "are exempt",
            "exempt from disclosure",
            "section 43",
            "section 12",
            "section 40",
            "not held",
            "does not hold",
            "do not hold",
            "we are unable to provide",
            "withhold",
        ])
        || in_s(&["response", "reply to your"]);
    if asks && !answers {
        return Some(EventKind::ClarificationRequested);
    }
    if answers && !(acknowledges && !numbered && !in_s(&["response"])) {
        return Some(EventKind::Responded);
    }
    if acknowledges {
        return Some(EventKind::Acknowledged);
    }
    if asks {
        return Some(EventKind::ClarificationRequested);
    }
    None
}

/// The authority's reference for a request, as an acknowledgement or reply gives it: "Your
/// request has been logged under reference FOI/2026/1234", "Our reference is FOI 26-0451",
/// "Ref: KCH/FOI/2026/300", or a reference in the subject.
pub fn reference_in(subject: &str, body: &str) -> Option<String> {
    let text = format!("{subject}\n{}", without_history(body));
    let patterns = [
        // "reference FOI/2026/1234", "reference number: 1234", "our ref: X", "Ref: X"
        r"(?i)\b(?:our\s+)?ref(?:erence)?(?:\s+(?:number|no\.?))?(?:\s+is)?\s*[:\-]?\s+([A-Z][A-Z0-9]*(?:[ /_.\-][A-Z0-9]+)*[ /_.\-]?\d[A-Z0-9]*)",
        r"(?i)\b(?:our\s+)?ref(?:erence)?(?:\s+(?:number|no\.?))?(?:\s+is)?\s*[:\-]?\s+(\d{3,}[A-Z0-9/\-]*)",
        // A reference standing alone in the subject: "FOI 26-0451", "FOI/2026/1234", with
        // the body's own letters before it ("ICB/FOI/2026/410", "KCH/FOI/2026/300").
        r"(?i)\b((?:[A-Z]{2,5}/)?(?:FOI|FOIA|EIR|IG|IR)[ /_\-]?(?:[A-Z]{1,4}[ /_\-])?\d{2,4}[ /_\-]\d{2,6})\b",
        // A request's number given with the word: "EIR request 5521", "FOI 5583 response",
        // "your request 2026-300".
        r"(?i)\b(?:FOI|EIR|FOISA)\s+(?:request\s+)?(\d{3,}(?:[-/]\d{1,6})*)\b",
        r"(?i)\brequest\s+(?:no\.?\s*)?(\d{3,}(?:[-/]\d{1,6})*)\b",
    ];
    for p in patterns {
        let Some(r) = re(p) else { continue };
        for c in r.captures_iter(&text) {
            let Some(m) = c.get(1) else { continue };
            let found = m.as_str().trim().trim_end_matches(['.', ',', ')']);
            // "reference number 7712": the word is not the reference.
            let lower = found.to_ascii_lowercase();
            let found = ["number ", "no. ", "no "]
                .iter()
                .find_map(|w| lower.starts_with(w).then(|| found[w.len()..].trim()))
                .unwrap_or(found)
                .to_string();
            let digits = found.chars().filter(char::is_ascii_digit).count();
            if digits >= 2 && found.len() >= 4 && found.len() <= 40 {
                return Some(found);
            }
        }
    }
    None
}

/// The original of a reply forwarded inline ("---------- Forwarded message ---------",
/// "-----Original Message-----" with its From:, Date:/Sent: lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forwarded {
    pub sender: String,
    pub sender_name: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub sent_on: Option<NaiveDate>,
    pub subject: String,
    /// The original's text.
    pub body: String,
}

/// The first inline forwarded message in `body`, when the forwarder's own note above it is
/// short (a real reply with quoted history is not a forward).
pub fn forwarded_inline(subject: &str, body: &str) -> Option<Forwarded> {
    let lines: Vec<&str> = body.lines().collect();
    let start = lines.iter().position(|l| {
        let l = l.trim().to_ascii_lowercase();
        l.starts_with("---------- forwarded message")
            || l.starts_with("-----original message-----")
            || l.starts_with("begin forwarded message")
    })?;
    let is_forward = {
        let s = subject.trim_start().to_ascii_lowercase();
        s.starts_with("fwd:") || s.starts_with("fw:") || s.starts_with("fwd ")
    };
    let note_words = lines[..start].join(" ").split_whitespace().count();
    if !is_forward && note_words > 60 {
        return None;
    }
    let mut f = Forwarded {
        sender: String::new(),
        sender_name: String::new(),
        sent_at: None,
        sent_on: None,
        subject: String::new(),
        body: String::new(),
    };
    let mut i = start + 1;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "from" => {
                    let (n, a) = split_address(value);
                    f.sender = a;
                    f.sender_name = n;
                }
                "date" | "sent" => {
                    f.sent_at = parse_forwarded_date(value);
                    f.sent_on = f
                        .sent_at
                        .map(crate::dates::london_date)
                        .or_else(|| parse_forwarded_day(value));
                }
                "subject" => f.subject = value.to_string(),
                _ => {}
            }
        }
        i += 1;
    }
    if f.sender.is_empty() {
        return None;
    }
    f.body = lines[i.min(lines.len())..].join("\n").trim().to_string();
    Some(f)
}

/// "Croydon FOI <ch-tr.foi@nhs.net>" as (name, address).
fn split_address(value: &str) -> (String, String) {
    match (value.find('<'), value.rfind('>')) {
        (Some(a), Some(b)) if b > a => (
            value[..a].trim().trim_matches('"').to_string(),
            value[a + 1..b].trim().to_ascii_lowercase(),
        ),
        _ => (String::new(), value.trim().to_ascii_lowercase()),
    }
}

/// A forwarded header's date: RFC 2822 ("Wed, 25 Mar 2026 16:12:00 +0000") or Gmail's
/// "Wed, 25 Mar 2026 at 16:12" (read as London time).
fn parse_forwarded_date(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc2822(value) {
        return Some(d.with_timezone(&Utc));
    }
    None
}

/// The day alone, from the date formats forwarding clients write: "Wed, 25 Mar 2026 at 16:12",
/// "25 March 2026 10:02", "Wednesday, March 25, 2026 4:12 PM".
fn parse_forwarded_day(value: &str) -> Option<NaiveDate> {
    let v = value.replace(" at ", " ").replace(',', " ");
    let words: Vec<&str> = v.split_whitespace().collect();
    for w in 0..words.len().saturating_sub(2) {
        let three = format!("{} {} {}", words[w], words[w + 1], words[w + 2]);
        for f in ["%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(&three, f) {
                return Some(d);
            }
        }
    }
    crate::import::sheet::parse_date(words.first().copied().unwrap_or(""))
}

/// Compares references as authorities vary them: "FOI 26-1877", "FOI/26/1877" and
/// "foi-26-1877" are one reference.
pub fn same_reference(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let (a, b) = (squash(a), squash(b));
    !a.is_empty() && a == b
}

/// Whether `reference` occurs in `text` as whole words, however it is punctuated or spaced.
pub fn mentions_reference(text: &str, reference: &str) -> bool {
    let target: String = reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if target.len() < 3 {
        return false;
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    for i in 0..words.len() {
        let mut joined = String::new();
        for w in &words[i..] {
            joined.push_str(w);
            if joined.len() >= target.len() {
                break;
            }
        }
        if joined == target {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_as_authorities_write_them() {
        assert!(same_reference("FOI 26-1877", "FOI/26/1877"));
        assert!(!same_reference("FOI 26-1877", "FOI/26/1878"));
        assert!(mentions_reference(
            "RE: your request FOI/26/1877 (reply)",
            "FOI 26-1877"
        ));
        assert!(!mentions_reference("RE: FOI/26/18770", "FOI 26-1877"));
        assert_eq!(
            reference_in(
                "RE: request",
                "Your request has been logged under reference FOI/2026/1234. Please quote it."
            ),
            Some("FOI/2026/1234".into())
        );
        assert_eq!(
            reference_in("Acknowledgement: FOI 26-0451", "Thanks."),
            Some("FOI 26-0451".into())
        );
        assert_eq!(reference_in("Hello", "See you on Friday."), None);
    }

    #[test]
    fn automatic_replies_suggest_nothing() {
        assert_eq!(
            propose(
                "Automatic reply: FOI response",
                "I am out of the office. We will respond within 20 working days."
            ),
            None
        );
        assert_eq!(
            propose("Read: RE: FOI response 1234", "Your message was read."),
            None
        );
    }

    #[test]
    fn boilerplate_is_not_the_message() {
        let w = own_words(
            "We will respond within 20 working days. If we need any clarification we will contact you.\n\nIf you are dissatisfied you may ask for an internal review. If you are not content with the outcome of the internal review, you may apply to the Information Commissioner.",
        );
        assert!(w.contains("respond within"));
        assert!(!w.contains("clarification"));
        assert!(!w.contains("internal review"));
    }
}
