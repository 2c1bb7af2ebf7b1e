//! Findings: tagged notes and quotes on answers.

use super::db::params;

use super::history::now;
use super::rows::text;
use super::{Result, Store, StoreError};
use crate::model::Finding;

/// Which findings a listing wants.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    pub campaign_id: Option<i64>,
    pub request_id: Option<i64>,
    pub tag: Option<String>,
    pub question: Option<u32>,
    /// One finding by its number.
    pub id: Option<i64>,
}

/// The findings query with a WHERE clause (see [`super::filter::Where`]).
pub(super) fn findings_sql(where_sql: &str) -> String {
    format!(
        "SELECT f.id, r.id, c.slug, b.ods_code, b.name, q.number, f.note, f.quote,
                (SELECT group_concat(CAST(ft.tag_id AS TEXT), ';') FROM finding_tags ft
                 WHERE ft.finding_id = f.id),
                f.author, f.created_at, f.updated_at
         FROM requests r
         JOIN answers a ON a.request_id = r.id
         JOIN findings f ON f.answer_id = a.id
         JOIN questions q ON q.id = a.question_id
         JOIN campaigns c ON c.id = r.campaign_id
         JOIN bodies b ON b.id = r.body_id{where_sql}
         ORDER BY b.name, q.number, f.id"
    )
}

impl Store {
    /// Adds a finding on the answer to question `n`; the answer must be recorded first.
    pub fn add_finding(
        &mut self,
        request_id: i64,
        n: u32,
        tags: &[String],
        note: &str,
        quote: &str,
    ) -> Result<i64> {
        use super::db::Optional;
        if tags.is_empty() {
            return Err(StoreError::Invalid(
                "a finding needs at least one tag (--tag)".into(),
            ));
        }
        let qid = self.question_id(request_id, n)?;
        let answer: i64 = self
            .conn
            .query_row(
                "SELECT id FROM answers WHERE request_id = ?1 AND question_id = ?2",
                params![request_id, qid],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "question {n} has no answer recorded yet: record it with `foiboard answer` first"
                ))
            })?;
        let tag_ids: Vec<i64> = tags.iter().map(|t| self.tag_id(t)).collect::<Result<_>>()?;
        let author = self.author.clone();
        self.write(&format!("add finding on Q{n}"), |w| {
            let t = now();
            let id = w
                .insert(
                    "findings",
                    "INSERT INTO findings (answer_id, note, quote, author, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    params![answer, note, quote, author, t],
                )?
                .ok_or_else(|| {
                    StoreError::Conflict("the finding was not stored: try again".into())
                })?;
            for tag in &tag_ids {
                w.insert(
                    "finding_tags",
                    "INSERT INTO finding_tags (finding_id, tag_id) VALUES (?1, ?2)
                     ON CONFLICT(finding_id, tag_id) DO NOTHING",
                    params![id, tag],
                )?;
            }
            Ok(id)
        })
    }

    /// Replaces a finding's note, quote and tags, as one undoable change.
    pub fn update_finding(
        &mut self,
        id: i64,
        tags: &[String],
        note: &str,
        quote: &str,
    ) -> Result<()> {
        if tags.is_empty() {
            return Err(StoreError::Invalid(
                "a finding needs at least one tag".into(),
            ));
        }
        let mut tag_ids: Vec<i64> = tags.iter().map(|t| self.tag_id(t)).collect::<Result<_>>()?;
        tag_ids.sort_unstable();
        tag_ids.dedup();
        let links: Vec<(i64, i64)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, tag_id FROM finding_tags WHERE finding_id = ?1")?;
            let it = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            it.collect::<super::db::Result<_>>()?
        };
        let author = self.author.clone();
        self.write(&format!("edit finding {id}"), |w| {
            let n = w.update(
                "findings",
                id,
                "UPDATE findings SET note = ?2, quote = ?3, author = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, note, quote, author, now()],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!(
                    "finding {id} was deleted meanwhile: nothing saved"
                )));
            }
            for (link, tag) in &links {
                if !tag_ids.contains(tag) {
                    w.delete("finding_tags", *link)?;
                }
            }
            for tag in &tag_ids {
                if !links.iter().any(|(_, t)| t == tag) {
                    w.insert(
                        "finding_tags",
                        "INSERT INTO finding_tags (finding_id, tag_id) VALUES (?1, ?2)
                         ON CONFLICT(finding_id, tag_id) DO NOTHING",
                        params![id, tag],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Deletes a finding and its tags, as one undoable change.
    pub fn remove_finding(&mut self, id: i64) -> Result<()> {
        let links: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM finding_tags WHERE finding_id = ?1")?;
            let it = stmt.query_map([id], |r| r.get(0))?;
            it.collect::<super::db::Result<_>>()?
        };
        let exists: i64 =
            self.conn
                .query_row("SELECT count(*) FROM findings WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        if exists == 0 {
            return Err(StoreError::NotFound(format!(
                "no finding {id}: `foiboard finding list` shows their numbers"
            )));
        }
        self.write(&format!("delete finding {id}"), |w| {
            for l in &links {
                w.delete("finding_tags", *l)?;
            }
            w.delete("findings", id)
        })
    }

    pub fn findings(&self, f: &FindingFilter) -> Result<Vec<Finding>> {
        let tag = f.tag.as_ref().map(|t| t.trim().to_ascii_lowercase());
        let mut w = super::filter::Where::new();
        w.and_some("r.campaign_id = ?", f.campaign_id)
            .and_some("r.id = ?", f.request_id)
            .and_some("q.number = ?", f.question)
            .and_some("f.id = ?", f.id);
        if let Some(t) = &tag {
            w.and(
                "EXISTS (SELECT 1 FROM finding_tags ft JOIN tags t ON t.id = ft.tag_id
                    WHERE ft.finding_id = f.id AND (t.name = ? OR t.name LIKE ? || '/%'))",
                t.clone(),
            );
        }
        let sql = findings_sql(&w.sql());
        // Each finding's tags come as ids, named here from the codebook: a server asked to
        // join every finding's tags to their names ran that join once per finding (a
        // campaign's report spent 45 ms on it; 18 ms this way).
        let names: std::collections::HashMap<i64, String> =
            self.tags()?.into_iter().map(|t| (t.id, t.name)).collect();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(super::db::params_from_iter(w.values()), |r| {
            let mut tags: Vec<String> = text(r, 8)?
                .split(';')
                .filter_map(|id| id.trim().parse::<i64>().ok())
                .filter_map(|id| names.get(&id).cloned())
                .collect();
            tags.sort();
            Ok(Finding {
                id: r.get(0)?,
                request_id: r.get(1)?,
                campaign: text(r, 2)?,
                ods_code: text(r, 3)?,
                body: text(r, 4)?,
                question: r.get(5)?,
                note: text(r, 6)?,
                quote: text(r, 7)?,
                tags,
                author: text(r, 9)?,
                created_at: text(r, 10)?,
                updated_at: text(r, 11)?,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}
