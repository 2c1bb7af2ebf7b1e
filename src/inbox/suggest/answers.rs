//! One question's answer read for its outcome: the phrases the law and NHS FOI teams use for
//! each outcome, strongest first, each proposal carrying the sentence it rests on.

use crate::model::Outcome;

/// An outcome read from an answer's words, with the sentence that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub outcome: Outcome,
    pub evidence: String,
    pub confidence: f32,
}

/// The phrases of each outcome, in the order they decide: a "not held" answer that mentions
/// the cost limit in passing is still "not held", an NCND is never read as "not held".
const RULES: &[(Outcome, f32, &[&str])] = &[
    (
        Outcome::Ncnd,
        0.95,
        &[
            "neither confirm nor deny",
            "neither confirms nor denies",
            "neither confirming nor denying",
            "cannot confirm or deny",
            "can neither confirm",
            "duty to confirm or deny does not apply",
        ],
    ),
    (
        Outcome::Vexatious,
        0.9,
        &["vexatious", "repeated request", "manifestly unreasonable"],
    ),
    (
        Outcome::CostLimit,
        0.9,
        &[
            "cost limit",
            "appropriate limit",
            "exceed the cost",
            "exceeds the cost",
            "18 hours",
            "£450",
            "£600",
            "section 12",
            "s.12",
            "excessive cost",
        ],
    ),
    (
        Outcome::ClarificationSought,
        0.85,
        &[
            "please clarify",
            "could you clarify",
            "could you please clarify",
            "please could you clarify",
            "we require clarification",
            "need further clarification",
            "please confirm which",
            "please confirm what you mean",
        ],
    ),
    (
        Outcome::FuturePublication,
        0.9,
        &[
            "future publication",
            "intended for publication",
            "intends to publish",
            "will be published",
            "due to be published",
            "section 22",
            "s.22",
        ],
    ),
    (
        Outcome::NotHeld,
        0.9,
        &[
            "not held",
            "does not hold",
            "do not hold",
            "hold no ",
            "holds no ",
            "no information is held",
            "no recorded information",
            "no such information",
            "nil return",
            "no information held",
            "information is not recorded",
            "we have no record",
            "does not record",
            "do not record",
            "is not collected",
            "we do not collect",
        ],
    ),
    (
        Outcome::Elsewhere,
        0.85,
        &[
            "reasonably accessible",
            "already published",
            "is published on",
            "are published on",
            "available on our website",
            "available on the trust's website",
            "available at http",
            "can be found at",
            "can be found on",
            "section 21",
            "s.21",
        ],
    ),
];

/// Words that withhold; with an exemption cited they make an answer a refusal.
const WITHHOLDS: [&str; 11] = [
    "exempt",
    "withheld",
    "withhold",
    "withholding",
    "refuse",
    "refusing",
    "not disclose",
    "not be disclosed",
    "unable to disclose",
    "unable to provide",
    "exception",
];

/// Words that say part of what is given was taken out: with a provision cited, something
/// was withheld.
const REDACTS: [&str; 5] = [
    "redacted",
    "redaction",
    "removed under",
    "been removed",
    "names removed",
];

/// Words that give some of what was asked while withholding the rest: a partial answer.
const GIVES_SOME: [&str; 12] = [
    "however",
    "partially",
    "in part",
    "some of the information",
    "we can confirm",
    "we can provide",
    "is provided",
    "are provided",
    "redacted",
    "provided with",
    "is attached",
    "are attached",
];

/// The outcome of one answer's text, given what it cites.
pub fn read(text: &str, cited: &[String]) -> Read {
    let sentences = sentences(text);
    let lower = text.to_lowercase();
    let trimmed = lower.trim();
    if trimmed.is_empty()
        || ["n/a", "-", "no response", "no answer"].contains(&trimmed.trim_end_matches('.'))
    {
        return Read {
            outcome: Outcome::NotAnswered,
            evidence: String::new(),
            confidence: 0.7,
        };
    }
    let withholds = WITHHOLDS.iter().any(|w| lower.contains(w));
    // Under the EIRs "not held" is itself an exception (reg 12(4)(a); the Scottish EIRs' reg
    // 10(4)(a)): cited alone, the answer is that the information is not held.
    let not_held_exception = !cited.is_empty()
        && cited
            .iter()
            .all(|c| c.starts_with("reg 12(4)(a)") || c.starts_with("reg 10(4)(a)"));
    if not_held_exception {
        return Read {
            outcome: Outcome::NotHeld,
            evidence: sentence_with(&sentences, &["12(4)(a)", "10(4)(a)", "not held", "hold"])
                .unwrap_or_default(),
            confidence: 0.9,
        };
    }
    let redacts = REDACTS.iter().any(|w| lower.contains(w));
    if !cited.is_empty() && (withholds || redacts) {
        // A refusal; partly given when it also gives some of it (or gives it redacted).
        let decisive = sentence_with(&sentences, &WITHHOLDS)
            .or_else(|| sentence_with(&sentences, &REDACTS))
            .unwrap_or_default();
        let partial =
            GIVES_SOME.iter().any(|w| lower.contains(w)) && (sentences.len() > 1 || redacts);
        let is_cost = cited.iter().all(|c| c == "s.12");
        let is_vexatious = cited.iter().all(|c| c == "s.14");
        let is_elsewhere = cited.iter().all(|c| c == "s.21");
        let is_future = cited.iter().all(|c| c == "s.22");
        let outcome = match () {
            _ if is_cost => Outcome::CostLimit,
            _ if is_vexatious => Outcome::Vexatious,
            _ if is_elsewhere => Outcome::Elsewhere,
            _ if is_future => Outcome::FuturePublication,
            _ if lower.contains("neither confirm") => Outcome::Ncnd,
            _ if partial => Outcome::Partial,
            _ => Outcome::Refused,
        };
        return Read {
            outcome,
            evidence: decisive,
            confidence: if partial { 0.75 } else { 0.9 },
        };
    }
    for (outcome, confidence, phrases) in RULES {
        if let Some(s) = sentence_with(&sentences, phrases) {
            // "Not held" for part of a question, with the rest answered, is partial.
            let rest_given = *outcome == Outcome::NotHeld
                && sentences.len() > 2
                && GIVES_SOME.iter().any(|w| lower.contains(w));
            return Read {
                outcome: if rest_given {
                    Outcome::Partial
                } else {
                    *outcome
                },
                evidence: s,
                confidence: if rest_given { 0.65 } else { *confidence },
            };
        }
    }
    if withholds {
        return Read {
            outcome: Outcome::Refused,
            evidence: sentence_with(&sentences, &WITHHOLDS).unwrap_or_default(),
            confidence: 0.6,
        };
    }
    Read {
        outcome: Outcome::Answered,
        evidence: sentences.first().cloned().unwrap_or_default(),
        confidence: 0.6,
    }
}

/// The first sentence holding one of `phrases`.
fn sentence_with(sentences: &[String], phrases: &[&str]) -> Option<String> {
    sentences
        .iter()
        .find(|s| {
            let l = s.to_lowercase();
            phrases.iter().any(|p| l.contains(p))
        })
        .cloned()
}

/// Sentences, ended by ". " before a capital or a line end; "s.43" and "e.g." stay whole.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bytes = line.as_bytes();
        let mut start = 0;
        for i in 0..bytes.len() {
            let ends = matches!(bytes[i], b'.' | b'?' | b'!')
                && bytes.get(i + 1) == Some(&b' ')
                && bytes.get(i + 2).is_some_and(|c| c.is_ascii_uppercase());
            if ends {
                out.push(line[start..=i].trim().to_string());
                start = i + 1;
            }
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}
