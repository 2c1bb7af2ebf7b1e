//! Plain data types shared by the store, the command line and the board.

pub mod archive;
pub mod records;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::law::{EventKind, Regime, Status};

/// A public authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub id: i64,
    pub ods_code: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region: String,
    pub nation: String,
    pub icb_code: String,
    pub icb_name: String,
    pub epr_supplier: String,
    pub foi_email: String,
    pub wdtk_url_name: String,
    pub predecessor_codes: String,
    pub regime: Regime,
}

impl Body {
    /// The body's fields, to store elsewhere (a campaign file, another database).
    pub fn to_new(&self) -> NewBody {
        NewBody {
            ods_code: self.ods_code.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            region: self.region.clone(),
            nation: self.nation.clone(),
            icb_code: self.icb_code.clone(),
            icb_name: self.icb_name.clone(),
            epr_supplier: self.epr_supplier.clone(),
            foi_email: self.foi_email.clone(),
            wdtk_url_name: self.wdtk_url_name.clone(),
            predecessor_codes: self.predecessor_codes.clone(),
            regime: Some(self.regime),
        }
    }

    /// The body's page on WhatDoTheyKnow, when it has one.
    pub fn wdtk_page(&self) -> Option<String> {
        (!self.wdtk_url_name.is_empty())
            .then(|| format!("https://www.whatdotheyknow.com/body/{}", self.wdtk_url_name))
    }
}

/// The fields of a body not yet stored (also how a campaign file carries its bodies).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewBody {
    pub ods_code: String,
    pub name: String,
    pub kind: String,
    pub region: String,
    pub nation: String,
    pub icb_code: String,
    pub icb_name: String,
    pub epr_supplier: String,
    pub foi_email: String,
    pub wdtk_url_name: String,
    pub predecessor_codes: String,
    pub regime: Option<Regime>,
}

/// A shorter name for cards and tables: the common suffixes dropped, "Integrated Care Board"
/// as "ICB".
pub fn short_name(name: &str) -> String {
    let mut s = name.trim().to_string();
    for (long, short) in [
        ("Integrated Care Board", "ICB"),
        (" NHS Foundation Trust", ""),
        (" NHS Trust", ""),
        (" Foundation Trust", ""),
        ("University Hospitals", "Univ Hospitals"),
        ("University Hospital", "Univ Hospital"),
        ("Teaching Hospitals", "Teaching Hosps"),
    ] {
        s = s.replace(long, short);
    }
    s.trim().to_string()
}

/// A campaign: one set of questions sent to many bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: i64,
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub number: u32,
    pub text: String,
}

/// One dated event of a request, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub kind: EventKind,
    pub on: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reference: String,
    pub outcome: String,
    pub note: String,
    pub author: String,
    pub created_at: String,
    /// Where an importer found it (`mail:<id>`, `wdtk:<id>`, `csv:<file>`), or "" when typed.
    pub source: String,
}

/// An event not yet stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub on: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reference: String,
    pub outcome: String,
    pub note: String,
    /// Where an importer found it; the same source is never recorded twice on a request.
    pub source: String,
}

impl NewEvent {
    pub fn new(kind: EventKind, on: NaiveDate) -> Self {
        NewEvent {
            kind,
            on,
            until: None,
            reference: String::new(),
            outcome: String::new(),
            note: String::new(),
            source: String::new(),
        }
    }

    /// The event's outcome in its one spelling, or why it cannot have it: a response takes an
    /// answer's outcome (answered, refused...), a review's answer takes a review outcome
    /// (upheld, partly-overturned, overturned), nothing else takes one.
    pub fn checked_outcome(&self) -> Result<String, String> {
        let given = self.outcome.trim();
        if given.is_empty() {
            return Ok(String::new());
        }
        match self.kind {
            EventKind::Responded => given
                .parse::<Outcome>()
                .map(|o| o.as_str().to_string())
                .map_err(|e| e.to_string()),
            EventKind::ReviewResponded => given
                .parse::<crate::law::ReviewOutcome>()
                .map(|o| o.as_str().to_string())
                .map_err(|e| e.to_string()),
            k => Err(format!(
                "'{k}' has no outcome: --outcome goes with 'responded' (answered, refused...) or 'review-responded' (upheld, partly-overturned, overturned)"
            )),
        }
    }
}

crate::vocabulary! {
    /// What a response did with one question.
    #[derive(PartialOrd, Ord)]
    pub enum Outcome: "outcome", shown as as_str {
        Answered = "answered", label "answered";
        Partial = "partial", label "partially answered";
        Refused = "refused", label "refused";
        NotHeld = "not-held", label "information not held";
        Ncnd = "ncnd", label "neither confirm nor deny";
        Elsewhere = "elsewhere", label "accessible elsewhere (s.21)";
        FuturePublication = "future-publication", label "future publication (s.22)";
        CostLimit = "cost-limit", label "cost limit (s.12)";
        Vexatious = "vexatious", label "vexatious/repeated (s.14)";
        NotAnswered = "not-answered", label "not answered";
        ClarificationSought = "clarification-sought", label "clarification sought";
        /// A text is recorded but nobody has said yet what it does with the question:
        /// reports count it as "to triage", never as answered.
        Pending = "pending", label "to triage";
    }
}

impl Outcome {
    /// Whether a question with this outcome counts as answered ("3/7"): answered, or partly.
    /// Written as a match over every outcome, so a new one must be placed here.
    pub fn answers(self) -> bool {
        match self {
            Outcome::Answered | Outcome::Partial => true,
            Outcome::Refused
            | Outcome::NotHeld
            | Outcome::Ncnd
            | Outcome::Elsewhere
            | Outcome::FuturePublication
            | Outcome::CostLimit
            | Outcome::Vexatious
            | Outcome::NotAnswered
            | Outcome::ClarificationSought
            | Outcome::Pending => false,
        }
    }

    /// Whether the outcome withholds something under a provision of the law, so the answer
    /// cites exemptions (or, for cost and vexatiousness, the sections that allow them).
    /// Written as a match over every outcome, so a new one must be placed here.
    pub fn withholds(self) -> bool {
        match self {
            Outcome::Refused
            | Outcome::Partial
            | Outcome::Ncnd
            | Outcome::CostLimit
            | Outcome::Vexatious
            | Outcome::Elsewhere
            | Outcome::FuturePublication => true,
            Outcome::Answered
            | Outcome::NotHeld
            | Outcome::NotAnswered
            | Outcome::ClarificationSought
            | Outcome::Pending => false,
        }
    }

    /// Whether a review letter lists this question as not answered: the information was
    /// withheld or not given, not pointed to elsewhere and not still being read. Written as a
    /// match over every outcome, so a new one must be placed here.
    pub fn asks_for_review(self) -> bool {
        match self {
            Outcome::Answered | Outcome::Elsewhere | Outcome::Pending => false,
            Outcome::Partial
            | Outcome::Refused
            | Outcome::NotHeld
            | Outcome::Ncnd
            | Outcome::FuturePublication
            | Outcome::CostLimit
            | Outcome::Vexatious
            | Outcome::NotAnswered
            | Outcome::ClarificationSought => true,
        }
    }
}

/// The exemptions users pick from; others may be typed.
pub const COMMON_EXEMPTIONS: [&str; 15] = [
    "s.12",
    "s.14",
    "s.21",
    "s.22",
    "s.24",
    "s.31",
    "s.36",
    "s.38",
    "s.40",
    "s.41",
    "s.42",
    "s.43",
    "reg 12(4)(a)",
    "reg 12(4)(b)",
    "reg 12(5)(e)",
];

/// What an exemption protects, in a few words, as FOIA and the EIR number them (the
/// picker's names, for newcomers who do not know s.24 from s.43). `None` for one not listed.
pub fn exemption_name(e: &str) -> Option<&'static str> {
    Some(match e {
        "s.12" => "cost limit",
        "s.14" => "vexatious or repeated",
        "s.21" => "reasonably accessible elsewhere",
        "s.22" => "intended for future publication",
        "s.23" => "security bodies",
        "s.24" => "national security",
        "s.26" => "defence",
        "s.27" => "international relations",
        "s.29" => "the economy",
        "s.30" => "investigations",
        "s.31" => "law enforcement",
        "s.32" => "court records",
        "s.35" => "formulation of government policy",
        "s.36" => "prejudice to public affairs",
        "s.38" => "health and safety",
        "s.40" => "personal information",
        "s.41" => "provided in confidence",
        "s.42" => "legal professional privilege",
        "s.43" => "commercial interests",
        "s.44" => "disclosure prohibited by law",
        "reg 12(4)(a)" => "EIR: not held",
        "reg 12(4)(b)" => "EIR: manifestly unreasonable",
        "reg 12(4)(c)" => "EIR: too general",
        "reg 12(4)(d)" => "EIR: unfinished documents",
        "reg 12(4)(e)" => "EIR: internal communications",
        "reg 12(5)(a)" => "EIR: security, defence, public safety",
        "reg 12(5)(b)" => "EIR: course of justice",
        "reg 12(5)(c)" => "EIR: intellectual property",
        "reg 12(5)(d)" => "EIR: confidential proceedings",
        "reg 12(5)(e)" => "EIR: commercial confidentiality",
        "reg 12(5)(f)" => "EIR: the supplier's interests",
        "reg 12(5)(g)" => "EIR: protection of the environment",
        "reg 13" => "EIR: personal data",
        _ => return None,
    })
}

/// Writes an exemption the one way: "s43", "S.43", "section 43" are all "s.43"; "12(4)(a)" is
/// "reg 12(4)(a)". Anything else is kept as typed (trimmed), except that a `;` becomes a `,`:
/// exemptions are stored and exported separated by `;`, and one exemption must stay one.
pub fn normalise_exemption(raw: &str) -> String {
    let owned = raw.replace(';', ",");
    let t = owned.trim();
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("section")
        .or_else(|| lower.strip_prefix("s."))
        .or_else(|| lower.strip_prefix('s'))
        .map(str::trim);
    if let Some(rest) = rest {
        if !rest.is_empty() && rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return format!("s.{}", rest.replace(' ', ""));
        }
    }
    let reg = lower
        .strip_prefix("regulation")
        .or_else(|| lower.strip_prefix("reg."))
        .or_else(|| lower.strip_prefix("reg"))
        .map(str::trim)
        .unwrap_or(&lower);
    if reg.starts_with("12(") {
        return format!("reg {}", reg.replace(' ', ""));
    }
    t.to_string()
}

/// An answer to one question of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub id: i64,
    pub question: u32,
    pub outcome: Outcome,
    pub exemptions: Vec<String>,
    pub text: String,
    pub author: String,
    pub updated_at: String,
}

/// A tag of the codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub id: i64,
    pub name: String,
    pub colour: String,
    pub meaning: String,
    pub retired: bool,
}

/// What an answer reveals, tagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: i64,
    /// The request whose answer this finding is on.
    pub request_id: i64,
    pub campaign: String,
    pub ods_code: String,
    pub body: String,
    pub question: u32,
    pub note: String,
    pub quote: String,
    pub tags: Vec<String>,
    pub author: String,
    pub created_at: String,
    pub updated_at: String,
}

/// "12 wd left", "due today", "3 wd late", or "" when nothing is owed.
pub fn clock_words(left: Option<i64>) -> String {
    match left {
        None => String::new(),
        Some(0) => "due today".into(),
        Some(n) if n > 0 => format!("{n} wd left"),
        Some(n) => format!("{} wd late", -n),
    }
}

/// A body's name as people vary it: case, punctuation, "&", "NHS Foundation Trust" or "NHS
/// FT" or nothing, "Integrated Care Board" or "ICB", a leading "The".
pub fn name_key(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace('&', " and ")
        .replace(['\'', '’'], "");
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match (w, next) {
            ("foundation", Some("trust")) | ("integrated", Some("care")) => {
                if w == "integrated" {
                    out.push("icb");
                    i += 3;
                } else {
                    i += 2;
                }
                continue;
            }
            ("nhs" | "the" | "ft" | "nhsft" | "trust", _) => {}
            (w, _) => out.push(w),
        }
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_compare_as_people_write_them() {
        let k = name_key("Guy's and St Thomas' NHS Foundation Trust");
        assert_eq!(k, name_key("GUY'S & ST THOMAS' NHS FT"));
        assert_eq!(k, name_key("Guys and St Thomas"));
        assert_eq!(
            name_key("NHS South East London Integrated Care Board"),
            name_key("South East London ICB")
        );
        assert_ne!(
            name_key("Leeds Teaching Hospitals"),
            name_key("Leeds Community Healthcare")
        );
    }

    use super::*;

    #[test]
    fn exemptions_are_written_one_way() {
        assert_eq!(normalise_exemption("s43"), "s.43");
        assert_eq!(normalise_exemption("S.43(2)"), "s.43(2)");
        assert_eq!(normalise_exemption("section 12"), "s.12");
        assert_eq!(normalise_exemption("12(5)(e)"), "reg 12(5)(e)");
        assert_eq!(normalise_exemption("Reg 12(4)(a)"), "reg 12(4)(a)");
        assert_eq!(
            normalise_exemption("commercial; and prejudice"),
            "commercial, and prejudice"
        );
        assert_eq!(normalise_exemption("commercial"), "commercial");
    }

    #[test]
    fn short_names_drop_suffixes() {
        assert_eq!(
            short_name("NHS Central East Integrated Care Board"),
            "NHS Central East ICB"
        );
        assert_eq!(
            short_name("Bedfordshire Hospitals NHS Foundation Trust"),
            "Bedfordshire Hospitals"
        );
    }
}
