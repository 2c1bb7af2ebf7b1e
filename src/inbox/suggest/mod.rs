//! A reply read for you: what kind of message it is (and the event it means), the reference it
//! gives, the date an extension states, and for each question of the campaign the outcome and
//! the exemptions cited for that question, in the regime's own numbering. Each proposal carries
//! the words it rests on and a confidence.
//!
//! Rules over the law's own vocabulary decide first; a small model trained on the group's
//! confirmed answers (`model.rs`) decides where the rules only fall back to "answered". All of
//! it offline and deterministic. A proposal is never an answer: it counts for nothing until a
//! member confirms it.

pub mod answers;
pub mod apply;
pub mod citations;
pub mod model;

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::import::kind::MessageKind;
pub use model::Model;

use crate::import::letter::{is_boilerplate, reference_in, without_history};
use crate::law::{Regime, ReviewOutcome};
use crate::model::Outcome;

/// One question's proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerSuggestion {
    pub question: u32,
    pub outcome: Outcome,
    pub exemptions: Vec<String>,
    /// The sentence (or, from the model, the words) the outcome rests on.
    pub evidence: String,
    /// From 0 to 1: how sure the reading is.
    pub confidence: f32,
    /// The question's part of the letter.
    #[serde(skip)]
    pub text: String,
}

/// Everything proposed for one reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub kind: Option<MessageKind>,
    pub reference: Option<String>,
    pub extended_until: Option<NaiveDate>,
    pub review_outcome: Option<ReviewOutcome>,
    pub answers: Vec<AnswerSuggestion>,
}

/// What a reply is read with.
pub struct Reply<'a> {
    pub sender: &'a str,
    pub subject: &'a str,
    /// The message's text, its attachments' included.
    pub text: &'a str,
    /// The campaign's questions: number and words.
    pub questions: &'a [(u32, String)],
    pub regime: Regime,
    pub today: NaiveDate,
    /// The group's confirmed answers, learned; `None` before there are enough.
    pub model: Option<&'a Model>,
}

/// Reads a reply.
pub fn suggest(r: &Reply) -> Suggestion {
    let (kind, extended_until, review_outcome) =
        crate::import::kind::kind(r.sender, r.subject, r.text, r.today);
    let reference = reference_in(r.subject, r.text);
    let answers = match kind {
        Some(MessageKind::Response) | Some(MessageKind::ReviewOutcome) => per_question(r),
        Some(MessageKind::RefusalNotice) => whole_refusal(r),
        _ => Vec::new(),
    };
    Suggestion {
        kind,
        reference,
        extended_until,
        review_outcome,
        answers,
    }
}

/// A letter's own words in a question's part: the rights paragraph, "if you have any
/// queries", disclaimers and signatures left out.
fn own_part(part: &str) -> String {
    let mut sentences: Vec<String> = answers::sentences(part)
        .into_iter()
        .filter(|s| !is_boilerplate(s))
        .collect();
    // The question repeated before its answer ("2. Which products?") is not the answer.
    while sentences.len() > 1 && sentences[0].trim_end().ends_with('?') {
        sentences.remove(0);
    }
    sentences.join("\n")
}

fn per_question(r: &Reply) -> Vec<AnswerSuggestion> {
    let letter = without_history(r.text);
    let parts = crate::import::split::split(&letter, r.questions);
    let mut out = Vec::new();
    for p in parts {
        let text = own_part(&p.text);
        let exemptions = citations::cited(&text, r.regime);
        let mut read = answers::read(&text, &exemptions);
        // Where the rules only fall back to "answered", the group's own answers may know
        // better.
        if read.confidence <= 0.6 {
            if let Some((o, p, words)) = r.model.and_then(|m| m.classify(&text)) {
                if p >= 0.8 && o != read.outcome {
                    read = answers::Read {
                        outcome: o,
                        evidence: format!(
                            "like the group's confirmed answers: {}",
                            words.join(", ")
                        ),
                        confidence: (p * 0.85).min(0.85),
                    };
                }
            }
        }
        out.push(AnswerSuggestion {
            question: p.question,
            outcome: read.outcome,
            // What an answer that gives the information mentions in passing is not cited.
            exemptions: match read.outcome {
                Outcome::Answered | Outcome::NotAnswered => Vec::new(),
                _ => exemptions,
            },
            evidence: read.evidence,
            confidence: (read.confidence * 100.0).round() / 100.0,
            text: p.text,
        });
    }
    out
}

/// The whole request refused (cost limit, vexatious): every question has that outcome.
fn whole_refusal(r: &Reply) -> Vec<AnswerSuggestion> {
    let text = own_part(&without_history(r.text));
    let exemptions = citations::cited(&text, r.regime);
    let read = answers::read(&text, &exemptions);
    let outcome = match read.outcome {
        Outcome::Vexatious | Outcome::CostLimit => read.outcome,
        _ if text.to_lowercase().contains("vexatious") => Outcome::Vexatious,
        _ => Outcome::CostLimit,
    };
    r.questions
        .iter()
        .map(|(q, _)| AnswerSuggestion {
            question: *q,
            outcome,
            exemptions: exemptions.clone(),
            evidence: read.evidence.clone(),
            confidence: 0.8,
            text: String::new(),
        })
        .collect()
}
