//! Splitting a response letter into one proposed answer per question, from the numbering
//! authorities use ("1.", "1)", "(1)", "Q1", "Question 1", "1a") and from questions repeated
//! word for word. Pure and cautious: it proposes, the user confirms or adjusts.

use crate::model::records::Proposed;

/// A place in the letter where a question's answer starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    question: u32,
    line: usize,
    /// "Question 3", "Q3" or the question repeated: surer than a bare "3.".
    strong: bool,
    /// Where the answer's own words start on that line (bytes into the line).
    rest: usize,
}

/// Lower-case letters and digits, single spaces: for comparing a repeated question.
fn normal(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The number a line starts with as a marker, if any: (number, strong, bytes to skip).
fn numbering(line: &str) -> Option<(u32, bool, usize)> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    let lower = t.to_ascii_lowercase();
    let (strong, after) = if let Some(r) = lower.strip_prefix("question") {
        (true, r)
    } else if let Some(r) = lower
        .strip_prefix('q')
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit() || c == ' ' || c == '.'))
    {
        (true, r.trim_start_matches('.'))
    } else {
        (false, lower.as_str())
    };
    let after_space = after.trim_start();
    let open = !strong && after_space.starts_with('(');
    let digits_from = if open { &after_space[1..] } else { after_space };
    let n_len = digits_from.chars().take_while(char::is_ascii_digit).count();
    if n_len == 0 || n_len > 2 {
        return None;
    }
    let n: u32 = digits_from[..n_len].parse().ok()?;
    let mut rest = &digits_from[n_len..];
    // A sub-part letter: "1a", "1(a)".
    let mut chars = rest.chars();
    if let Some(c) = chars.next() {
        if c.is_ascii_lowercase() && chars.next().is_none_or(|d| !d.is_ascii_alphabetic()) {
            rest = &rest[1..];
        }
    }
    let punct = rest.chars().next();
    let ok = if strong {
        matches!(punct, None | Some(' ' | '.' | ':' | ')' | '-' | '–'))
    } else if open {
        punct == Some(')')
    } else {
        // A bare number needs "." or ")" and then a space or the end: "1. Yes", "2)".
        matches!(punct, Some('.' | ')'))
            && rest[1..].chars().next().is_none_or(char::is_whitespace)
            && !rest[1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
    };
    if !ok {
        return None;
    }
    let rest = rest
        .trim_start()
        .trim_start_matches(['.', ':', ')', '-', '–'])
        .trim_start();
    let skip = indent + (t.len() - rest.len());
    Some((n, strong, skip.min(line.len())))
}

/// Every marker in the letter, in order of lines.
fn markers(lines: &[&str], questions: &[(u32, String)]) -> Vec<Marker> {
    let wanted: Vec<(u32, String)> = questions
        .iter()
        .map(|(n, q)| (*n, normal(q).chars().take(40).collect::<String>()))
        .filter(|(_, q)| q.len() >= 20)
        .collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some((n, strong, rest)) = numbering(line) {
            out.push(Marker {
                question: n,
                line: i,
                strong,
                rest,
            });
        }
        let l = normal(line);
        for (n, q) in &wanted {
            if l.contains(q.as_str()) {
                out.push(Marker {
                    question: *n,
                    line: i,
                    strong: true,
                    rest: line.len(),
                });
            }
        }
    }
    out
}

/// The chosen start of each question's answer, in order: for each question after the last
/// one found, the first strong marker if there is one, else the first bare number.
fn chosen(lines: &[&str], questions: &[(u32, String)]) -> Vec<Marker> {
    let all = markers(lines, questions);
    let mut out: Vec<Marker> = Vec::new();
    let mut from = 0usize;
    for (n, _) in questions {
        let after = |m: &&Marker| m.question == *n && m.line >= from;
        let pick = all
            .iter()
            .filter(after)
            .find(|m| m.strong)
            .or_else(|| all.iter().filter(after).find(|m| !m.strong));
        if let Some(m) = pick {
            // The same line may carry the number and the repeated question: keep the first.
            if out.last().is_some_and(|p| p.line == m.line) {
                continue;
            }
            out.push(*m);
            from = m.line + 1;
        }
    }
    out
}

/// How many questions, numbered 1, 2, 3... in order, a text appears to answer.
pub fn numbered_sections(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let questions: Vec<(u32, String)> = (1..=30).map(|n| (n, String::new())).collect();
    let found = chosen(&lines, &questions);
    found
        .iter()
        .enumerate()
        .take_while(|(i, m)| m.question == *i as u32 + 1)
        .count()
}

/// Words that start the end of a letter rather than an answer: sign-offs, signatures, the
/// rights paragraph, a forwarded or quoted thread.
const SIGN_OFFS: [&str; 24] = [
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "kind regards",
    "best regards",
    "warm regards",
    "many thanks",
    "best wishes",
    "regards,",
    "regards",
    "thanks,",
    "thank you,",
    "-- ",
    "--",
    "sent from my",
    "freedom of information team",
    "foi team",
    "information governance",
    "if you are unhappy",
    "if you are dissatisfied",
    "if you are not content",
    "you have the right to",
    "-----original message-----",
    "________________________________",
];

/// Whether `line` starts the end of the letter.
fn signs_off(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    !l.is_empty()
        && SIGN_OFFS
            .iter()
            .any(|s| l == s.trim() || (s.len() > 3 && l.starts_with(s)))
}

/// Takes "Response:" and a repeated question off the start of an answer.
fn tidy(text: &str, question: &str) -> String {
    let mut t = text.trim().to_string();
    let q = normal(question);
    // The question repeated first (one paragraph or line), then the answer.
    if q.len() >= 20 {
        let first_break = t.find("\n\n").or_else(|| t.find('\n'));
        if let Some(i) = first_break {
            let head = normal(&t[..i]);
            let q40: String = q.chars().take(40).collect();
            if !head.is_empty() && (q.starts_with(&head) || head.starts_with(&q40)) {
                t = t[i..].trim().to_string();
            }
        } else if normal(&t) == q {
            t.clear();
        }
    }
    for label in ["response:", "answer:", "reply:", "a:"] {
        // `get`, not indexing: the text's first bytes may be part of a longer character.
        if t.get(..label.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(label))
        {
            t = t[label.len()..].trim().to_string();
        }
    }
    t
}

/// The letter split into proposed answers, one per question found, in question order.
pub fn split(text: &str, questions: &[(u32, String)]) -> Vec<Proposed> {
    let lines: Vec<&str> = text.lines().collect();
    let found = chosen(&lines, questions);
    let mut out = Vec::new();
    for (k, m) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(lines.len(), |next| next.line);
        let mut part = String::new();
        part.push_str(lines[m.line].get(m.rest..).unwrap_or(""));
        for line in &lines[m.line + 1..end] {
            if signs_off(line) {
                break;
            }
            part.push('\n');
            part.push_str(line);
        }
        let question = questions
            .iter()
            .find(|(n, _)| *n == m.question)
            .map_or("", |(_, q)| q.as_str());
        let text = tidy(&part, question);
        // A sign-off or signature is never an answer.
        if text.lines().next().is_some_and(signs_off) {
            continue;
        }
        out.push(Proposed {
            question: m.question,
            text,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qs(n: u32) -> Vec<(u32, String)> {
        (1..=n)
            .map(|i| {
                (
                    i,
                    format!("Question number {i} asks about the platform in some detail"),
                )
            })
            .collect()
    }

    #[test]
    fn markers_of_every_usual_kind() {
        assert_eq!(numbering("1. Yes"), Some((1, false, 3)));
        assert_eq!(numbering("2) No"), Some((2, false, 3)));
        assert_eq!(numbering("(3) Not held"), Some((3, false, 4)));
        assert_eq!(numbering("Q4: Refused"), Some((4, true, 4)));
        assert_eq!(numbering("Question 5 - see below"), Some((5, true, 13)));
        assert_eq!(numbering("1a) Theatres"), Some((1, false, 4)));
        assert_eq!(numbering("1.5 million pounds"), None);
        assert_eq!(numbering("2026. A year"), None);
        assert_eq!(numbering("Quite so"), None);
    }

    #[test]
    fn a_list_inside_an_answer_does_not_end_it_when_questions_are_named() {
        let text = "Dear requester,\n\nQuestion 1\nWe use these products:\n1. Theatres\n2. Discharge\n\nQuestion 2\nNone.\n\nYours sincerely,\nFOI team";
        let parts = split(text, &qs(2));
        assert_eq!(parts.len(), 2);
        assert!(parts[0].text.contains("2. Discharge"), "{parts:?}");
        assert_eq!(parts[1].text, "None.");
    }

    #[test]
    fn text_with_wide_characters_where_a_label_would_be() {
        // Found by the hostile-input properties: "A0aA" and a bidi override, 3 bytes wide.
        let _ = split("1. A0aA\u{202e}\n2. x", &qs(2));
        assert_eq!(tidy("A0aA\u{202e}", ""), "A0aA\u{202e}");
        let q = "é".repeat(50);
        assert_eq!(tidy(&format!("{q}\nanswer"), &q), "answer");
    }

    #[test]
    fn a_repeated_question_is_taken_off_the_answer() {
        let q = vec![(
            1,
            "Please confirm whether you are or are not utilising any aspects of the FDP."
                .to_string(),
        )];
        let text = "1. Please confirm whether you are or are not utilising any aspects of the FDP.\nResponse: We are not.";
        assert_eq!(split(text, &q)[0].text, "We are not.");
    }
}
