//! Full-text search (SQLite FTS5) over answer texts and findings' notes and quotes.
//!
//! What the user types is never handed to FTS5's query language as is (a stray quote or
//! `AND` would be a syntax error): each word becomes a quoted prefix term, a "quoted phrase"
//! stays a phrase, and all must match.

use rusqlite::params;

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

/// The FTS5 query for what the user typed, or `None` when there is nothing to search for.
pub fn fts_query(input: &str) -> Option<String> {
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
                terms.push(format!("\"{}\"", phrase.replace('"', "")));
            }
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = rest[..end].replace('"', "");
            if word.chars().any(char::is_alphanumeric) {
                terms.push(format!("\"{word}\"*"));
            }
            rest = &rest[end..];
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// The best `limit` matches of `input`, answers and findings together, best first.
    pub fn search(&self, input: &str, campaign_id: Option<i64>, limit: usize) -> Result<Vec<Hit>> {
        let Some(q) = fts_query(input) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT * FROM (
                SELECT 'answer', c.slug, r.id, b.ods_code, b.name, qu.number, NULL,
                       m.snip, m.rank
                FROM (SELECT rowid AS id, rank,
                             snippet(answers_fts, 0, char(2), char(3), '…', 16) AS snip
                      FROM answers_fts WHERE answers_fts MATCH ?1 ORDER BY rank) m
                JOIN answers a ON a.id = m.id
                JOIN questions qu ON qu.id = a.question_id
                JOIN requests r ON r.id = a.request_id
                JOIN campaigns c ON c.id = r.campaign_id
                JOIN bodies b ON b.id = r.body_id
                WHERE ?2 IS NULL OR r.campaign_id = ?2
                LIMIT ?3)
             UNION ALL
             SELECT * FROM (
                SELECT 'finding', c.slug, r.id, b.ods_code, b.name, qu.number, f.id,
                       m.snip, m.rank
                FROM (SELECT rowid AS id, rank,
                             snippet(findings_fts, -1, char(2), char(3), '…', 16) AS snip
                      FROM findings_fts WHERE findings_fts MATCH ?1 ORDER BY rank) m
                JOIN findings f ON f.id = m.id
                JOIN answers a ON a.id = f.answer_id
                JOIN questions qu ON qu.id = a.question_id
                JOIN requests r ON r.id = a.request_id
                JOIN campaigns c ON c.id = r.campaign_id
                JOIN bodies b ON b.id = r.body_id
                WHERE ?2 IS NULL OR r.campaign_id = ?2
                LIMIT ?3)
             ORDER BY 9 LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![q, campaign_id, limit as i64], |r| {
            Ok(Hit {
                kind: if text(r, 0)? == "finding" {
                    HitKind::Finding
                } else {
                    HitKind::Answer
                },
                campaign: text(r, 1)?,
                request_id: r.get(2)?,
                ods_code: text(r, 3)?,
                body: text(r, 4)?,
                question: r.get(5)?,
                finding_id: r.get(6)?,
                snippet: text(r, 7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

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
