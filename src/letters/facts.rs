//! What a letter can say about one request, and the placeholder each fact fills.

use chrono::NaiveDate;

use super::{Kind, LetterError};
use crate::law::{ClockReport, Regime, ReviewOutcome};
use crate::model::Answer;

/// Every placeholder foiboard fills, with what it holds (shown by `letter template show`).
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("body", "the authority's name"),
    ("ods", "its ODS code"),
    (
        "token",
        "[campaign/ODS], which files replies under the request",
    ),
    ("campaign", "the campaign's title"),
    ("act", "the Act or Regulations the request is made under"),
    (
        "questions",
        "the campaign's questions, numbered, word for word",
    ),
    ("sent_on", "the day the request was received"),
    ("due_on", "the day the reply was due"),
    ("days_late", "working days past the due day"),
    ("due_rule", "the provision setting the time for reply"),
    ("responded_on", "the day the authority replied"),
    (
        "reference",
        "the authority's reference (the letter is refused without one)",
    ),
    (
        "your_reference",
        "\" (your reference ABC-123)\" when the authority gave one, else nothing",
    ),
    (
        "reference_note",
        "\" (reference ABC-123)\", or \" (no reference was given)\"",
    ),
    (
        "refused",
        "each question refused or not answered, with the exemptions cited",
    ),
    ("review_route", "the provision for an internal review"),
    ("review_requested_on", "the day the review was asked for"),
    ("review_due", "the day the review was due"),
    ("review_responded_on", "the day the review was answered"),
    ("review_outcome", "what the review decided"),
    (
        "commissioner",
        "the Information Commissioner, or the Scottish one",
    ),
    (
        "complaint_section",
        "the provision for a complaint to the Commissioner",
    ),
    ("sender", "who signs: the name of `config from`"),
    ("today", "the date the letter is written"),
];

/// A date as people write it in a letter: "31 March 2026".
pub fn people_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Everything recorded about one request that a letter may use.
#[derive(Debug, Clone)]
pub struct Facts {
    pub body: String,
    pub ods: String,
    pub foi_email: String,
    pub regime: Regime,
    pub campaign_slug: String,
    pub campaign_title: String,
    /// (number, text), in order.
    pub questions: Vec<(u32, String)>,
    pub report: ClockReport,
    /// Working days left today (negative: late).
    pub working_days_left: Option<i64>,
    pub answers: Vec<Answer>,
    /// The authority's reference: the request's, else the response's.
    pub reference: String,
    pub review_outcome: Option<ReviewOutcome>,
    /// Who signs (the display name of `config from`).
    pub sender: String,
    /// Where a complaint goes (`config commissioner-email`), empty when not set.
    pub commissioner_email: String,
    pub today: NaiveDate,
}

/// Why a placeholder has no value, in words a user can act on.
pub fn missing(name: &str) -> String {
    match name {
        "responded_on" => "no reply is recorded yet".into(),
        "refused" => {
            "no question is recorded as refused or not answered: set the answers' outcomes first"
                .into()
        }
        "reference" => {
            "the authority's reference is not recorded (record it with the response: `ref`)".into()
        }
        "sent_on" | "due_on" => "the request has not been sent".into(),
        "days_late" => "it is not late".into(),
        "review_requested_on" | "review_due" => "no internal review has been asked for".into(),
        "review_responded_on" | "review_outcome" => "the review has not been answered".into(),
        "sender" => {
            "no sender is set: run `foiboard config from \"Your Name <you@example.org>\"`".into()
        }
        other => format!("nothing is recorded for {{{other}}}"),
    }
}

impl Facts {
    pub(super) fn not_for(&self, kind: Kind, reason: String) -> LetterError {
        LetterError::NotFor {
            body: crate::text::line(&self.body),
            ods: crate::text::line(&self.ods),
            kind,
            reason,
        }
    }

    /// Why this request cannot have this letter at all, if it cannot.
    pub fn refuses(&self, kind: Kind) -> Option<String> {
        let r = &self.report;
        let day = |d: Option<NaiveDate>| d.map(people_date).unwrap_or_default();
        match kind {
            Kind::Request => None,
            Kind::Chase => {
                if r.received.is_none() {
                    Some("the request has not been sent".into())
                } else if r.responded.is_some() {
                    Some(format!("it was answered on {}", day(r.responded)))
                } else if self.working_days_left.is_none_or(|d| d >= 0) {
                    match r.due {
                        Some(due) => Some(format!("it is not late: the reply is due on {}", people_date(due))),
                        None => Some("the clock is stopped (clarification or fee): there is nothing to chase".into()),
                    }
                } else {
                    None
                }
            }
            Kind::Review => {
                if r.responded.is_none() {
                    Some("no reply is recorded yet: a review asks the authority to look again at its reply".into())
                } else if r.review_requested.is_some() {
                    Some(format!(
                        "a review was asked for on {}",
                        day(r.review_requested)
                    ))
                } else {
                    None
                }
            }
            Kind::Complaint => {
                let review_overdue =
                    r.review_responded.is_none() && r.review_due.is_some_and(|d| d < self.today);
                // FOISA s.47(1) hears an application only after a review; the ICO expects one
                // too. A review that was never answered counts as one refused.
                let ready = r.review_responded.is_some() || review_overdue;
                if ready {
                    None
                } else if self.regime.scottish() {
                    Some("FOISA s.47(1) (applied to the Scottish EIRs by their reg 17): an application to the Scottish Information Commissioner comes after a review; ask for one first".into())
                } else {
                    Some("the ICO expects the internal review first (or a reply that is overdue): ask for a review".into())
                }
            }
        }
    }

    /// Where the letter goes.
    pub fn recipient(&self, kind: Kind) -> String {
        match kind {
            Kind::Complaint => self.commissioner_email.clone(),
            _ => self.foi_email.clone(),
        }
    }

    /// The value of one placeholder, or `None` when the request has none.
    pub fn value(&self, name: &str) -> Option<String> {
        let r = &self.report;
        let day = |d: Option<NaiveDate>| d.map(people_date);
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        Some(match name {
            "body" => crate::text::line(&self.body),
            "ods" => crate::text::line(&self.ods),
            "token" => format!("[{}/{}]", self.campaign_slug, self.ods),
            "campaign" => crate::text::line(&self.campaign_title),
            "act" => act(self.regime).to_string(),
            "questions" => self
                .questions
                .iter()
                .map(|(n, t)| format!("{n}. {}", t.trim()))
                .collect::<Vec<_>>()
                .join("\n\n"),
            "sent_on" => day(r.received)?,
            "due_on" => day(r.due)?,
            "days_late" => {
                let late = -self.working_days_left.filter(|d| *d < 0)?;
                if late == 1 {
                    "1 working day".into()
                } else {
                    format!("{late} working days")
                }
            }
            "due_rule" => due_rule(self.regime).to_string(),
            "responded_on" => day(r.responded)?,
            "reference" => some(&self.reference)?,
            // Many authorities never give a reference: the letter goes without one.
            "your_reference" => match some(&self.reference) {
                Some(r) => format!(" (your reference {})", crate::text::line(&r)),
                None => String::new(),
            },
            "reference_note" => match some(&self.reference) {
                Some(r) => format!(" (reference {})", crate::text::line(&r)),
                None => " (no reference was given)".to_string(),
            },
            "refused" => self.refused()?,
            "review_route" => review_route(self.regime).to_string(),
            "review_requested_on" => day(r.review_requested)?,
            "review_due" => day(r.review_due)?,
            "review_responded_on" => day(r.review_responded)?,
            "review_outcome" => match (self.review_outcome, r.review_responded) {
                (Some(o), _) => o.words().to_string(),
                (None, Some(_)) => "not stated".into(),
                (None, None) if r.review_requested.is_some() => {
                    "never given: the review was not answered".into()
                }
                (None, None) => return None,
            },
            "commissioner" => commissioner(self.regime).to_string(),
            "complaint_section" => complaint_section(self.regime).to_string(),
            "sender" => some(&self.sender)?,
            "today" => people_date(self.today),
            _ => return None,
        })
    }

    /// "Question 5 (refused, citing s.43)" for each question not fully answered.
    fn refused(&self) -> Option<String> {
        let lines: Vec<String> = self
            .answers
            .iter()
            .filter(|a| a.outcome.asks_for_review())
            .map(|a| {
                let mut s = format!("- Question {}: {}", a.question, a.outcome.label());
                if !a.exemptions.is_empty() {
                    s.push_str(&format!(", citing {}", a.exemptions.join(", ")));
                }
                s
            })
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

pub fn act(regime: Regime) -> &'static str {
    match regime {
        Regime::Foia => "the Freedom of Information Act 2000",
        Regime::Eir => "the Environmental Information Regulations 2004",
        Regime::Foisa => "the Freedom of Information (Scotland) Act 2002",
        Regime::Eisr => "the Environmental Information (Scotland) Regulations 2004",
    }
}

fn due_rule(regime: Regime) -> &'static str {
    match regime {
        Regime::Foia => "section 10(1) of the Freedom of Information Act 2000",
        Regime::Eir => "regulation 5(2) of the Environmental Information Regulations 2004",
        Regime::Foisa => "section 10(1) of the Freedom of Information (Scotland) Act 2002",
        Regime::Eisr => {
            "regulation 5(2)(a) of the Environmental Information (Scotland) Regulations 2004"
        }
    }
}

fn review_route(regime: Regime) -> &'static str {
    match regime {
        Regime::Foia => "your internal review procedure (the section 45 Code of Practice)",
        Regime::Eir => "regulation 11 of the Environmental Information Regulations 2004",
        Regime::Foisa => "section 20(1) of the Freedom of Information (Scotland) Act 2002",
        Regime::Eisr => {
            "regulation 16 of the Environmental Information (Scotland) Regulations 2004"
        }
    }
}

fn commissioner(regime: Regime) -> &'static str {
    if regime.scottish() {
        "the Scottish Information Commissioner"
    } else {
        "the Information Commissioner"
    }
}

fn complaint_section(regime: Regime) -> &'static str {
    match regime {
        Regime::Foia => "section 50 of the Freedom of Information Act 2000",
        Regime::Eir => "section 50 of the Freedom of Information Act 2000, as applied by regulation 18 of the Environmental Information Regulations 2004",
        Regime::Foisa => "section 47(1) of the Freedom of Information (Scotland) Act 2002",
        Regime::Eisr => "section 47(1) of the Freedom of Information (Scotland) Act 2002, as applied by regulation 17 of the Environmental Information (Scotland) Regulations 2004",
    }
}
