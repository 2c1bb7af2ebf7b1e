//! Exemptions and exceptions cited in a letter, in each regime's own numbering and written the
//! one way foiboard writes them everywhere ("s.43(2)", "reg 12(5)(e)", "reg 10(4)(a)").
//!
//! Only the provisions that withhold count: FOIA's and FOISA's exemptions (and s.12 cost and
//! s.14 vexatious, which the board files with them), the EIRs' exceptions and regulation 13,
//! the Scottish EIRs' regulations 10 and 11. The sections every reply names in passing (s.1 the
//! right of access, s.10 time, s.16 advice, s.17 the refusal notice, s.50 the ICO) are not.

use regex::Regex;

use crate::law::Regime;

/// FOIA sections that withhold, or that the board files with them.
const FOIA: [&str; 26] = [
    "12", "14", "21", "22", "22a", "23", "24", "26", "27", "28", "29", "30", "31", "32", "33",
    "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44",
];

/// FOISA sections that withhold (s.33 is commercial interests here, not audit).
const FOISA: [&str; 19] = [
    "12", "14", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38",
    "39", "40", "41",
];

/// A regex compiled once, kept in `cell`.
fn compiled(
    cell: &'static std::sync::OnceLock<Option<Regex>>,
    pattern: &str,
) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// "section 43(2)", "sections 40(2) and 41", "s.30(b)(i)": the run of numbers after the word.
fn sections() -> Option<&'static Regex> {
    static RE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    compiled(
        &RE,
        r"(?i)\b(?:sections?|s\.|s)\s*(\d{1,2}a?(?:\s*\(\s*\d+[a-z]?\s*\))?(?:\s*\(\s*[a-z]\s*\))?(?:\s*\(\s*[ivx]{1,4}\s*\))?(?:\s*(?:,|and|&|or)\s*(?:s\.?\s*)?\d{1,2}a?(?:\s*\(\s*\d+[a-z]?\s*\))?(?:\s*\(\s*[a-z]\s*\))?(?:\s*\(\s*[ivx]{1,4}\s*\))?)*)",
    )
}

/// "regulation 12(5)(e)", "regulations 12(4)(b) and 13".
fn regulations() -> Option<&'static Regex> {
    static RE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    compiled(
        &RE,
        r"(?i)\b(?:regulations?|regs?\.?)\s*(\d{1,2}(?:\s*\(\s*\d\s*\))?(?:\s*\(\s*[a-g]\s*\))?(?:\s*(?:,|and|&|or)\s*(?:reg\.?\s*)?\d{1,2}(?:\s*\(\s*\d\s*\))?(?:\s*\(\s*[a-g]\s*\))?)*)",
    )
}

/// One provision of a run: its number and its bracketed parts.
fn one() -> Option<&'static Regex> {
    static RE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    compiled(&RE, r"(?i)(\d{1,2}a?)((?:\s*\(\s*[0-9a-z]+\s*\))*)")
}

/// Each provision `word` introduces in `text`, as (number, parts) lower-case and without
/// spaces: ("43", "(2)").
fn provisions(text: &str, word: Option<&'static Regex>) -> Vec<(String, String)> {
    let (Some(word), Some(one)) = (word, one()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for run in word.captures_iter(text) {
        let Some(list) = run.get(1) else { continue };
        for m in one.captures_iter(list.as_str()) {
            let number = m.get(1).map_or("", |n| n.as_str()).to_ascii_lowercase();
            let parts: String = m
                .get(2)
                .map_or("", |p| p.as_str())
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            out.push((number, parts));
        }
    }
    out
}

/// Each provision cited in `text` under `regime`, in the order first cited, each once.
pub fn cited(text: &str, regime: Regime) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: String| {
        if !out.contains(&c) {
            out.push(c);
        }
    };
    for (number, parts) in provisions(text, sections()) {
        let valid = match regime {
            Regime::Foia | Regime::Eir => FOIA.contains(&number.as_str()),
            Regime::Foisa | Regime::Eisr => FOISA.contains(&number.as_str()),
        };
        if valid {
            push(format!("s.{number}{parts}"));
        }
    }
    for (number, parts) in provisions(text, regulations()) {
        let valid = match number.as_str() {
            // The EIRs' exceptions and personal data.
            "12" => parts.starts_with("(4)") || parts.starts_with("(5)"),
            "13" => true,
            // The Scottish EIRs' exceptions and personal data.
            "10" => parts.starts_with("(4)") || parts.starts_with("(5)"),
            "11" => true,
            _ => false,
        };
        if valid {
            push(format!("reg {number}{parts}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_regime_in_its_own_numbering() {
        assert_eq!(
            cited("withheld under section 43(2) of the Act", Regime::Foia),
            ["s.43(2)"]
        );
        assert_eq!(
            cited(
                "exempt under sections 40(2) and 41 of the FOIA",
                Regime::Foia
            ),
            ["s.40(2)", "s.41"]
        );
        assert_eq!(
            cited("the exception at regulation 12(5)(e) applies", Regime::Eir),
            ["reg 12(5)(e)"]
        );
        assert_eq!(
            cited("regulations 12(4)(b) and 13 apply", Regime::Eir),
            ["reg 12(4)(b)", "reg 13"]
        );
        assert_eq!(
            cited(
                "section 33(1)(b) of FOISA (commercial interests)",
                Regime::Foisa
            ),
            ["s.33(1)(b)"]
        );
        // Sub-paragraphs in roman numerals are part of the numbering.
        assert_eq!(
            cited("exempt under section 30(b)(i) of FOISA", Regime::Foisa),
            ["s.30(b)(i)"]
        );
        assert_eq!(
            cited("section 36(2)(b)(ii) applies", Regime::Foia),
            ["s.36(2)(b)(ii)"]
        );
        assert_eq!(
            cited("regulation 10(5)(e) of the EISRs", Regime::Foisa),
            ["reg 10(5)(e)"]
        );
    }

    #[test]
    fn the_sections_every_reply_names_are_not_exemptions() {
        assert!(cited(
            "This is a refusal notice under section 17. You may complain under section 50. Section 1(1) gives a right of access; section 10 sets the time.",
            Regime::Foia
        )
        .is_empty());
        assert!(cited("reg 7 allows an extension", Regime::Eir).is_empty());
    }
}
