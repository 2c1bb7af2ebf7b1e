//! Full-text search over answer texts and findings' notes and quotes: SQLite's FTS5, or
//! PostgreSQL's text search with English stemming, for the same query language.
//!
//! What the user types is never handed to an engine's query language as is (a stray quote or
//! `AND` would be a syntax error): each word becomes a quoted prefix term, a "quoted phrase"
//! stays a phrase, and all must match.

use super::rows::text;
use super::{Result, Store};

/// Where a matched term starts and ends in a [`Hit`]'s snippet.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// What a hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Answer,
    Finding,
    /// A reply: its subject, text and attached letters' text.
    Message,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub campaign: String,
    pub request_id: i64,
    pub ods_code: String,
    pub body: String,
    pub question: u32,
    pub finding_id: Option<i64>,
    /// The message, for a hit in a reply.
    pub message_id: Option<i64>,
    /// The matching passage, terms between [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
}

impl Hit {
    /// The snippet in pieces, each saying whether it is a matched term (still unsanitized).
    pub fn parts(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        for (i, chunk) in self.snippet.split(MARK_START).enumerate() {
            match chunk.split_once(MARK_END) {
                Some((hit, rest)) if i > 0 => {
                    out.push((hit, true));
                    out.push((rest, false));
                }
                _ => out.push((chunk, false)),
            }
        }
        out.retain(|(p, _)| !p.is_empty());
        out
    }

    /// The snippet without its markers.
    pub fn plain(&self) -> String {
        self.parts().into_iter().map(|(p, _)| p).collect()
    }
}

/// One thing the user typed: a word (matched as the start of a word) or a "quoted phrase".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Phrase(String),
}

/// What the user typed, as terms that must all match; quotes never reach an engine's query
/// language as syntax.
pub fn terms(input: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let phrase = after[..end].trim();
            if phrase.chars().any(char::is_alphanumeric) {
                terms.push(Term::Phrase(phrase.replace('"', "")));
            }
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = rest[..end].replace('"', "");
            if word.chars().any(char::is_alphanumeric) {
                terms.push(Term::Word(word));
            }
            rest = &rest[end..];
        }
    }
    terms
}

/// The FTS5 query for what the user typed, or `None` when there is nothing to search for.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = terms(input)
        .into_iter()
        .map(|t| match t {
            Term::Phrase(p) => format!("\"{p}\""),
            Term::Word(w) => format!("\"{w}\"*"),
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// PostgreSQL's query for the same terms, its values numbered from `first`: each word a
/// prefix (`'sensit':*`), each phrase a phrase (`'federat' <-> 'data'`), all of them required,
/// with the English stemming and accent folding the indexes use (`foiboard_english`).
pub(super) fn tsquery(terms: &[Term], first: usize) -> (String, Vec<String>) {
    let parts: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let n = first + i;
            match t {
                Term::Phrase(_) => format!("phraseto_tsquery('foiboard_english', ?{n})"),
                Term::Word(_) => format!(
                    "(SELECT CASE WHEN numnode(t) = 0 THEN t ELSE (t::text || ':*')::tsquery END
                      FROM phraseto_tsquery('foiboard_english', ?{n}) t)"
                ),
            }
        })
        .collect();
    let values = terms
        .iter()
        .map(|t| match t {
            Term::Word(w) | Term::Phrase(w) => w.clone(),
        })
        .collect();
    (parts.join(" && "), values)
}

impl Store {
    /// The best `limit` matches of `input`, answers, findings and replies (their attached
    /// letters' text included) together, best first.
    pub fn search(&self, input: &str, campaign_id: Option<i64>, limit: usize) -> Result<Vec<Hit>> {
        if self.backend() == super::db::Backend::Postgres {
            return self.search_postgres(input, campaign_id, limit);
        }
        let Some(q) = fts_query(input) else {
            return Ok(Vec::new());
        };
        let words = search_words(input);
        // One query shape with the campaign filter and one without: the filter is a row-id
        // set checked while FTS5 streams its ranked matches, never `?N IS NULL OR`.
        let (answers_in, findings_in, mail_in) = if campaign_id.is_some() {
            (
                "WHERE +m.id IN (SELECT a2.id FROM answers a2
                    JOIN requests r2 ON r2.id = a2.request_id WHERE r2.campaign_id = ?3)",
                "WHERE +m.id IN (SELECT f2.id FROM findings f2
                    JOIN answers a2 ON a2.id = f2.answer_id
                    JOIN requests r2 ON r2.id = a2.request_id WHERE r2.campaign_id = ?3)",
                "WHERE r.campaign_id = ?3",
            )
        } else {
            ("", "", "")
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT * FROM (
                SELECT 'answer', c.slug, r.id, b.ods_code, b.name, qu.number, NULL,
                       a.text, m.rank
                FROM (SELECT rowid AS id, rank
                      FROM answers_fts WHERE answers_fts MATCH ?1 ORDER BY rank) m
                JOIN answers a ON a.id = m.id
                JOIN questions qu ON qu.id = a.question_id
                JOIN requests r ON r.id = a.request_id
                JOIN campaigns c ON c.id = r.campaign_id
                JOIN bodies b ON b.id = r.body_id
                {answers_in}
                LIMIT ?2)
             UNION ALL
             SELECT * FROM (
                SELECT 'finding', c.slug, r.id, b.ods_code, b.name, qu.number, f.id,
                       CASE WHEN f.quote = '' THEN f.note WHEN f.note = '' THEN f.quote
                            ELSE f.note || ' — ' || f.quote END, m.rank
                FROM (SELECT rowid AS id, rank
                      FROM findings_fts WHERE findings_fts MATCH ?1 ORDER BY rank) m
                JOIN findings f ON f.id = m.id
                JOIN answers a ON a.id = f.answer_id
                JOIN questions qu ON qu.id = a.question_id
                JOIN requests r ON r.id = a.request_id
                JOIN campaigns c ON c.id = r.campaign_id
                JOIN bodies b ON b.id = r.body_id
                {findings_in}
                LIMIT ?2)
             UNION ALL
             SELECT * FROM (
                SELECT 'message', c.slug, r.id, b.ods_code, b.name, 0, msg.id,
                       m.subject || ': ' || m.text, m.rank
                FROM (SELECT rowid AS id, subject, text, rank
                      FROM mail_fts WHERE mail_fts MATCH ?1 ORDER BY rank) m
                JOIN messages msg ON msg.id = m.id
                JOIN requests r ON r.id = msg.request_id
                JOIN campaigns c ON c.id = r.campaign_id
                JOIN bodies b ON b.id = r.body_id
                {mail_in}
                LIMIT ?2)
             ORDER BY 9 LIMIT ?2"
        ))?;
        let mut values: Vec<super::db::Value> = vec![q.into(), (limit as i64).into()];
        if let Some(c) = campaign_id {
            values.push(c.into());
        }
        let rows = stmt.query_map(super::db::params_from_iter(values), |r| hit(r, &words))?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}

/// One row of either engine's search query.
pub(super) fn hit(r: &super::db::Row, words: &[String]) -> super::db::Result<Hit> {
    let kind = match text(r, 0)?.as_str() {
        "finding" => HitKind::Finding,
        "message" => HitKind::Message,
        _ => HitKind::Answer,
    };
    let id: Option<i64> = r.get(6)?;
    Ok(Hit {
        kind,
        campaign: text(r, 1)?,
        request_id: r.get(2)?,
        ods_code: text(r, 3)?,
        body: text(r, 4)?,
        question: r.get(5)?,
        finding_id: id.filter(|_| kind == HitKind::Finding),
        message_id: id.filter(|_| kind == HitKind::Message),
        snippet: excerpt(&text(r, 7)?, words),
    })
}

/// The words of a query, lower-cased, for marking them in an excerpt. A long word loses its
/// last three letters so its other forms are marked too, as the index finds them
/// ("sensitivity" marks "sensitive", "refused" marks "refuse").
pub(super) fn search_words(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let n = w.chars().count();
            if n > 6 {
                w.chars().take(n - 3).collect()
            } else {
                w
            }
        })
        .collect()
}

/// About 120 characters of `text` around the first word of `words` found in it, each found
/// word (matched as the start of a word, ignoring case) between the markers.
///
/// Built here rather than with FTS5's `snippet()`, which has to run inside the ranking query
/// and so costs a pass over every match a campaign filter skips: that made searching within
/// one campaign of a national dataset several times slower than searching them all.
pub fn excerpt(text: &str, words: &[String]) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = flat.to_lowercase();
    // Word starts (byte offsets) in the lower-cased text; lower-casing can change lengths, so
    // the excerpt is cut from the lower-cased copy's offsets only when they agree.
    let same = flat.chars().count() == lower.chars().count()
        && flat
            .chars()
            .zip(lower.chars())
            .all(|(a, b)| a.len_utf8() == b.len_utf8());
    let source = if same { &flat } else { &lower };
    let starts = |w: &str| {
        lower
            .match_indices(w)
            .filter(|(i, _)| {
                *i == 0
                    || !lower[..*i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let first = words
        .iter()
        .filter_map(|w| starts(w).first().copied())
        .min()
        .unwrap_or(0);
    let mut from = first.saturating_sub(40);
    while !source.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (first + 120).min(source.len());
    while !source.is_char_boundary(to) {
        to += 1;
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for w in words {
        for i in starts(w) {
            let mut end = i + w.len();
            // Mark to the end of the word ("refus" marks "refused").
            while end < source.len() {
                match source[end..].chars().next() {
                    Some(c) if c.is_alphanumeric() => end += c.len_utf8(),
                    _ => break,
                }
            }
            if i >= from && end <= to {
                marks.push((i, end));
            }
        }
    }
    marks.sort_unstable();
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for (s, e) in marks {
        if s < at {
            continue;
        }
        out.push_str(&source[at..s]);
        out.push(MARK_START);
        out.push_str(&source[s..e]);
        out.push(MARK_END);
        at = e;
    }
    out.push_str(&source[at..to]);
    if to < source.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn excerpts_mark_the_words_found() {
        let w = vec!["refus".to_string(), "s".to_string(), "43".to_string()];
        let e = super::excerpt("The Trust refused it under s.43 of the Act.", &w);
        assert_eq!(
            e,
            "The Trust \u{2}refused\u{3} it under \u{2}s\u{3}.\u{2}43\u{3} of the Act."
        );
        let long = format!("{} needle {}", "hay ".repeat(50), "hay ".repeat(50));
        let e = super::excerpt(&long, &["needle".to_string()]);
        assert!(e.starts_with('…') && e.ends_with('…') && e.contains("\u{2}needle\u{3}"));
        // Multi-byte text never splits a character, even where lower-casing changes lengths.
        let e = super::excerpt(&"é".repeat(300), &["x".to_string()]);
        assert!(e.ends_with('…'));
        let e = super::excerpt(
            &format!("{}İstanbul ẞ trust", "Ω".repeat(60)),
            &["trust".to_string()],
        );
        assert!(e.contains("\u{2}trust\u{3}"), "{e}");
    }

    #[test]
    fn typed_text_becomes_a_safe_query() {
        assert_eq!(fts_query("palantir"), Some("\"palantir\"*".into()));
        assert_eq!(
            fts_query("s.43 \"federated data\""),
            Some("\"s.43\"* \"federated data\"".into())
        );
        assert_eq!(fts_query("AND ( \" "), Some("\"AND\"*".into()));
        assert_eq!(fts_query("   "), None);
        assert_eq!(
            fts_query("\"unclosed phrase"),
            Some("\"unclosed phrase\"".into())
        );
    }
}
