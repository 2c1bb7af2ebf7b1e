//! The codebook: hierarchical tag names (`refusal/s43-commercial`), colours and meanings.

use super::db::{params, Optional};

use super::rows::text;
use super::{Result, Store, StoreError};
use crate::model::Tag;

/// A tag name is lower-case words separated by '/', e.g. `fdp/in-use`.
pub fn check_tag_name(name: &str) -> Result<String> {
    let n = name.trim().to_ascii_lowercase();
    let ok = !n.is_empty()
        && n.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        });
    if ok {
        Ok(n)
    } else {
        Err(StoreError::Invalid(format!(
            "'{name}' cannot be a tag name: use lower-case words joined by '-' and '/' for levels, e.g. refusal/s43-commercial"
        )))
    }
}

impl Store {
    /// Adds codebook tags that are not there yet; not a user change (no undo entry).
    pub fn seed_tags(&mut self, tags: &[(String, String, String)]) -> Result<usize> {
        self.load(|w| {
            let mut stmt = w.tx.prepare(
                "INSERT INTO tags (name, meaning, colour) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO NOTHING",
            )?;
            let mut n = 0;
            for (name, meaning, colour) in tags {
                n += stmt.execute(params![name, meaning, colour])?;
            }
            Ok(n)
        })
    }

    pub fn tags(&self) -> Result<Vec<Tag>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, colour, meaning, retired FROM tags ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(Tag {
                id: r.get(0)?,
                name: text(r, 1)?,
                colour: text(r, 2)?,
                meaning: text(r, 3)?,
                retired: r.get::<i64>(4)? != 0,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// How many findings carry each tag, by tag id. Counted tag by tag from the index on
    /// `tag_id`: a server then reads only that index, where grouping the whole table made
    /// it scan every row (2.5 times the file's time on a national database).
    pub fn tag_counts(&self) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, (SELECT count(*) FROM finding_tags ft WHERE ft.tag_id = t.id)
             FROM tags t",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    pub(super) fn tag_id(&self, name: &str) -> Result<i64> {
        let n = name.trim().to_ascii_lowercase();
        self.conn
            .query_row("SELECT id FROM tags WHERE name = ?1", [&n], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "no tag '{name}': `foiboard tags` lists the codebook; `foiboard tags add {n}` creates it"
                ))
            })
    }

    pub fn add_tag(&mut self, name: &str, meaning: &str, colour: &str) -> Result<()> {
        let n = check_tag_name(name)?;
        let summary = format!("add tag {n}");
        let added = self.write(&summary, |w| {
            w.insert(
                "tags",
                "INSERT INTO tags (name, meaning, colour) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO NOTHING",
                params![n, meaning.trim(), colour.trim()],
            )
        })?;
        match added {
            Some(_) => Ok(()),
            None => Err(StoreError::Invalid(format!("the tag '{n}' already exists"))),
        }
    }

    /// Renames a tag, or a level of the hierarchy: its children (`old/...`) move with it.
    pub fn rename_tag(&mut self, old: &str, new: &str) -> Result<usize> {
        let old = old.trim().to_ascii_lowercase();
        let new = check_tag_name(new)?;
        let all = self.tags()?;
        let moving: Vec<(i64, String)> = all
            .iter()
            .filter(|t| t.name == old || t.name.starts_with(&format!("{old}/")))
            .map(|t| (t.id, format!("{new}{}", &t.name[old.len()..])))
            .collect();
        for (id, name) in &moving {
            if all.iter().any(|t| &t.name == name && t.id != *id) {
                return Err(StoreError::Invalid(format!(
                    "a tag '{name}' already exists: use `foiboard tags merge` to combine them"
                )));
            }
        }
        if moving.is_empty() {
            // Neither a tag nor the parent of one: say so the usual way.
            self.tag_id(&old)?;
        }
        let summary = format!("rename tag {old} to {new}");
        self.write(&summary, |w| {
            for (id, name) in &moving {
                w.update(
                    "tags",
                    *id,
                    "UPDATE tags SET name = ?2 WHERE id = ?1",
                    params![id, name],
                )?;
            }
            Ok(moving.len())
        })
    }

    /// Moves every finding of `from` onto `into` and deletes `from`.
    pub fn merge_tags(&mut self, from: &str, into: &str) -> Result<usize> {
        let from_id = self.tag_id(from)?;
        let into_id = self.tag_id(into)?;
        if from_id == into_id {
            return Err(StoreError::Invalid(
                "a tag cannot be merged into itself".into(),
            ));
        }
        let summary = format!("merge tag {from} into {into}");
        self.write(&summary, |w| {
            let links: Vec<(i64, i64)> = {
                let mut stmt =
                    w.tx.prepare("SELECT id, finding_id FROM finding_tags WHERE tag_id = ?1")?;
                let it = stmt.query_map([from_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                it.collect::<super::db::Result<_>>()?
            };
            let mut moved = 0;
            for (link, finding) in &links {
                w.delete("finding_tags", *link)?;
                if w.insert(
                    "finding_tags",
                    "INSERT INTO finding_tags (finding_id, tag_id) VALUES (?1, ?2)
                     ON CONFLICT(finding_id, tag_id) DO NOTHING",
                    params![finding, into_id],
                )?
                .is_some()
                {
                    moved += 1;
                }
            }
            w.delete("tags", from_id)?;
            Ok(moved)
        })
    }

    /// Retires a tag: kept on the findings that have it, no longer offered for new ones.
    pub fn retire_tag(&mut self, name: &str, retired: bool) -> Result<()> {
        let id = self.tag_id(name)?;
        let summary = format!("{} tag {name}", if retired { "retire" } else { "restore" });
        self.write(&summary, |w| {
            w.update(
                "tags",
                id,
                "UPDATE tags SET retired = ?2 WHERE id = ?1",
                params![id, retired as i64],
            )
        })?;
        Ok(())
    }
}
