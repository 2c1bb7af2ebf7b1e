//! What kind of message a reply is, read from its subject and its own words (the quoted thread,
//! the rights paragraph, "if we need any clarification" and disclaimers left out): an
//! acknowledgement, a clarification request, an extension and the date it states, a fee notice,
//! a refusal notice for the whole request, a response, an internal review's outcome, an
//! automatic reply or a bounce.

use chrono::NaiveDate;
use regex::Regex;

use super::letter::{own_words, propose, without_history};
use crate::law::{EventKind, ReviewOutcome};

crate::vocabulary! {
    /// What a message is.
    pub enum MessageKind: "message kind", shown as as_str {
        Acknowledgement = "acknowledgement", label "acknowledgement";
        ClarificationRequest = "clarification-request", label "clarification request";
        Extension = "extension", label "extension";
        FeeNotice = "fee-notice", label "fee notice";
        /// The whole request refused (cost limit, vexatious), not question by question.
        RefusalNotice = "refusal-notice", label "refusal notice";
        Response = "response", label "response";
        ReviewOutcome = "review-outcome", label "internal review outcome";
        AutoReply = "auto-reply", label "automatic reply";
        Bounce = "bounce", label "bounce";
    }
}

impl MessageKind {
    /// The event a member records from it; automatic replies and bounces record nothing.
    pub fn event(self) -> Option<EventKind> {
        match self {
            MessageKind::Acknowledgement => Some(EventKind::Acknowledged),
            MessageKind::ClarificationRequest => Some(EventKind::ClarificationRequested),
            MessageKind::Extension => Some(EventKind::Extended),
            MessageKind::FeeNotice => Some(EventKind::FeeNotice),
            MessageKind::RefusalNotice | MessageKind::Response => Some(EventKind::Responded),
            MessageKind::ReviewOutcome => Some(EventKind::ReviewResponded),
            MessageKind::AutoReply | MessageKind::Bounce => None,
        }
    }
}

/// The kind, with the date an extension states and a review's outcome.
pub fn kind(
    sender: &str,
    subject: &str,
    text: &str,
    today: NaiveDate,
) -> (
    Option<MessageKind>,
    Option<NaiveDate>,
    Option<ReviewOutcome>,
) {
    let s = subject.to_lowercase();
    let sender = sender.to_lowercase();
    let own = own_words(text);
    let has = |ws: &[&str]| ws.iter().any(|w| own.contains(w));
    if sender.starts_with("mailer-daemon")
        || sender.starts_with("postmaster")
        || [
            "undeliverable",
            "delivery status notification",
            "mail delivery failed",
            "returned mail",
            "delivery has failed",
        ]
        .iter()
        .any(|w| s.contains(w))
    {
        return (Some(MessageKind::Bounce), None, None);
    }
    let automatic_subject = [
        "automatic reply",
        "auto-reply",
        "autoreply",
        "out of office",
        "auto reply",
    ];
    if automatic_subject
        .iter()
        .any(|w| s.trim_start().starts_with(w))
        || has(&[
            "i am currently out of the office",
            "i am out of the office",
            "this is an automated response",
            "this is an automatic reply",
            "this mailbox is not monitored",
        ])
    {
        return (Some(MessageKind::AutoReply), None, None);
    }
    if has(&[
        "fees notice",
        "fee notice",
        "a fee of",
        "pay the fee",
        "payment of £",
        "section 9 of",
        "charge of £",
    ]) {
        return (Some(MessageKind::FeeNotice), None, None);
    }
    let extending = has(&[
        "extend the time",
        "extending the time",
        "extension of time",
        "extend the deadline",
        "extended the deadline",
        "additional time to consider the public interest",
        "further 20 working days",
        "extend the response",
        "need to extend",
        "will need longer",
        "more time to consider the public interest",
        "regulation 7",
    ]);
    let numbered = super::split::numbered_sections(&without_history(text)) >= 2;
    if extending && !numbered {
        return (Some(MessageKind::Extension), date_in(&own, today), None);
    }
    let mut event = propose(subject, text);
    // A review's outcome in other words than "internal review" (FOISA's review under s.20:
    // the decision confirmed, or a different one substituted).
    let reviewed = s.contains("review")
        || has(&[
            "carried out the review",
            "the review you requested",
            "review you asked for",
            "internal review",
        ]);
    let decided = has(&[
        "upheld",
        "overturn",
        "substitute a different decision",
        "should not be confirmed",
        "confirm the original decision",
        "original decision is confirmed",
        "reviewer concluded",
    ]);
    if reviewed && decided {
        event = Some(EventKind::ReviewResponded);
    }
    // A request for clarification that mentions "our response" in passing (when the clock
    // starts again) does not answer anything.
    let asks = has(&[
        "could you please clarify",
        "please could you clarify",
        "could you clarify",
        "please clarify",
        "before we can proceed",
        "we require clarification",
    ]);
    let answers_something = has(&[
        "not held",
        "do not hold",
        "does not hold",
        "exempt",
        "withheld",
        "please find below",
        "please find attached",
    ]);
    if asks && !numbered && !answers_something {
        event = Some(EventKind::ClarificationRequested);
    }
    if event == Some(EventKind::ReviewResponded) {
        let outcome = if has(&[
            "partially upheld",
            "partly upheld",
            "upheld in part",
            "partially overturned",
            "partly overturned",
            "overturned in part",
            "with modifications",
            "some of the information",
        ]) {
            ReviewOutcome::PartlyOverturned
        } else if has(&[
            "not upheld",
            "overturn",
            "should not be confirmed",
            "reverse the original decision",
            "substitute a different decision",
            "will now be disclosed",
            "now provide the information",
        ]) {
            ReviewOutcome::Overturned
        } else {
            ReviewOutcome::Upheld
        };
        return (Some(MessageKind::ReviewOutcome), None, Some(outcome));
    }
    let whole_refusal = !numbered
        && has(&[
            "exceed the appropriate limit",
            "exceeds the appropriate limit",
            "exceed the cost limit",
            "exceeds the cost limit",
            "vexatious",
            "manifestly unreasonable",
        ]);
    if whole_refusal {
        return (Some(MessageKind::RefusalNotice), None, None);
    }
    let kind = match event {
        Some(EventKind::Acknowledged) => Some(MessageKind::Acknowledgement),
        Some(EventKind::ClarificationRequested) => Some(MessageKind::ClarificationRequest),
        Some(EventKind::Responded) => Some(MessageKind::Response),
        _ => None,
    };
    (kind, None, None)
}

/// The first date written in full ("28 April 2026", "28/04/2026", "28th April 2026") that is
/// not before `today`'s year: the date an extension gives.
fn date_in(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    static RE: std::sync::OnceLock<Option<(Regex, Regex)>> = std::sync::OnceLock::new();
    let (words, slashes) = RE
        .get_or_init(|| {
            Some((
                Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b").ok()?,
                Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").ok()?,
            ))
        })
        .as_ref()?;
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for c in words.captures_iter(text) {
        let (Some(d), Some(m), Some(y), Some(at)) = (c.get(1), c.get(2), c.get(3), c.get(0)) else {
            continue;
        };
        let month = MONTHS.iter().position(|x| *x == m.as_str().to_lowercase());
        if let (Ok(d), Some(m), Ok(y)) = (d.as_str().parse(), month, y.as_str().parse()) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m as u32 + 1, d) {
                found.push((at.start(), date));
            }
        }
    }
    for c in slashes.captures_iter(text) {
        let (Some(d), Some(m), Some(y), Some(at)) = (c.get(1), c.get(2), c.get(3), c.get(0)) else {
            continue;
        };
        if let (Ok(d), Ok(m), Ok(y)) = (d.as_str().parse(), m.as_str().parse(), y.as_str().parse())
        {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                found.push((at.start(), date));
            }
        }
    }
    use chrono::Datelike;
    found.sort_by_key(|(at, _)| *at);
    found
        .into_iter()
        .map(|(_, d)| d)
        .find(|d| d.year() >= today.year() - 1)
}
