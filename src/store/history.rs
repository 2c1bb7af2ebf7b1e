//! The change history: every write records the images of the rows it touched, before and
//! after, so that any change can be undone (and redone) as a whole.
//!
//! Undo checks that each row still looks as the change left it, and that nothing written since
//! hangs off a row it would delete (a colleague's event on a request the undo would remove); if
//! either is so, the undo is refused with who did what, rather than deleting their work with
//! the row (`ON DELETE CASCADE`) or silently overwriting it.
//!
//! Seeding and bulk loads are nobody's change to undo: they go through [`Store::load`], the one
//! other door, which takes the same write lock but records no history.

use super::db::ValueRef;
use super::db::{params, Optional, Tx};
use serde::Serialize;
use serde_json::{Map, Value};

use super::dependents::{
    count_kinds, dependents, describe_writers, foreign_keys, noun, ForeignKey,
};
use super::tables::{derived, known_table};
use super::{Result, Store, StoreError};

/// One transaction's writes, recorded as one change (or, for seeding and bulk loads, not
/// recorded at all: see [`Store::load`]).
pub struct Writer<'a> {
    pub(super) tx: &'a Tx<'a>,
    /// What the change is called, while it is to be recorded; `None` for a load, which has
    /// no history.
    summary: Option<String>,
    /// The change's number, once its first row is recorded: a write that touches nothing
    /// leaves no change behind, and nothing is ever deleted from the history (on a group's
    /// server members may not).
    change: Option<i64>,
    seq: i64,
    author: String,
    /// Row images waiting to be written to the history (rows of `change_rows`), a batch per
    /// statement: one round trip per row adds up on a server.
    pending: Vec<Vec<super::db::Value>>,
}

/// The columns of a row image in the history.
const CHANGE_ROW: [&str; 6] = ["change_id", "seq", "tbl", "row_id", "before", "after"];

/// Row images written per statement.
const BATCH: usize = 64;

impl<'a> Writer<'a> {
    pub(super) fn begin(tx: &'a Tx<'a>, author: &str, summary: &str) -> Result<Self> {
        Ok(Writer {
            tx,
            summary: Some(summary.to_string()),
            change: None,
            seq: 0,
            author: author.to_string(),
            pending: Vec::new(),
        })
    }

    /// A writer that records nothing: the door for seeding and bulk loads.
    pub(super) fn unrecorded(tx: &'a Tx<'a>, author: &str) -> Self {
        Writer {
            tx,
            summary: None,
            change: None,
            seq: 0,
            author: author.to_string(),
            pending: Vec::new(),
        }
    }

    /// Whether this write is recorded in the history.
    fn recording(&self) -> bool {
        self.summary.is_some()
    }

    /// The change's number, its record made on first use.
    ///
    /// The next number after the newest change, on either engine: a server's sequence would
    /// skip the numbers of dry runs and refused writes, and change numbers are what people
    /// read and type (`undo 12`). Two writers taking the same number at once is a conflict
    /// the write's retry resolves.
    fn change_id(&mut self) -> Result<Option<i64>> {
        let Some(summary) = &self.summary else {
            return Ok(None);
        };
        if self.change.is_none() {
            self.change = self.tx.insert_returning_id(
                "INSERT INTO changes (id, at, author, summary)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM changes), ?1, ?2, ?3)",
                params![now(), self.author, summary],
            )?;
        }
        Ok(self.change)
    }

    /// Writes what is pending. Returns the change's id when it holds something: a write
    /// that touched nothing made no change.
    pub(super) fn finish(mut self) -> Result<Option<i64>> {
        self.flush()?;
        Ok(self.change)
    }

    pub fn author(&self) -> &str {
        &self.author
    }

    fn record(
        &mut self,
        table: &str,
        id: i64,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<()> {
        if before == after {
            return Ok(());
        }
        let Some(change) = self.change_id()? else {
            return Ok(());
        };
        self.seq += 1;
        let image = |v: Option<Value>| v.map_or(super::db::Value::Null, |v| v.to_string().into());
        self.pending.push(vec![
            change.into(),
            self.seq.into(),
            table.into(),
            id.into(),
            image(before),
            image(after),
        ]);
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the row images recorded so far, several to a statement.
    fn flush(&mut self) -> Result<()> {
        if self.change.is_some() && !self.pending.is_empty() {
            self.tx.insert_rows(
                "change_rows",
                &CHANGE_ROW,
                std::mem::take(&mut self.pending),
            )?;
        }
        Ok(())
    }

    /// Runs an INSERT and records the new row. Returns `None` when the statement inserted
    /// nothing (an `ON CONFLICT DO NOTHING` that met an existing row).
    pub fn insert(
        &mut self,
        table: &'static str,
        sql: &str,
        params: impl super::db::Params,
    ) -> Result<Option<i64>> {
        if !self.recording() {
            return Ok(self.tx.insert_returning_id(sql, params)?);
        }
        // The new row's image comes back with the insert: no second query for it.
        let t = known_table(table)?;
        let sql = format!("{} RETURNING *", sql.trim_end().trim_end_matches(';'));
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let names = stmt.column_names();
        let Some(after) = stmt
            .query_row(params, |row| image(&names, row))
            .optional()?
        else {
            return Ok(None);
        };
        let id = after.get("id").and_then(Value::as_i64).ok_or_else(|| {
            StoreError::Invalid(format!("a new row of {t} came back without an id"))
        })?;
        self.record(t, id, None, Some(after))?;
        Ok(Some(id))
    }

    /// Runs an UPDATE of the row `id` of `table` and records its images.
    pub fn update(
        &mut self,
        table: &'static str,
        id: i64,
        sql: &str,
        params: impl super::db::Params,
    ) -> Result<usize> {
        if !self.recording() {
            return Ok(self.tx.execute(sql, params)?);
        }
        let before = snapshot(self.tx, table, id)?;
        let n = self.tx.execute(sql, params)?;
        let after = snapshot(self.tx, table, id)?;
        self.record(table, id, before, after)?;
        Ok(n)
    }

    /// Deletes the row `id` of `table` and records what it was.
    pub fn delete(&mut self, table: &'static str, id: i64) -> Result<()> {
        let t = known_table(table)?;
        let before = snapshot(self.tx, t, id)?;
        self.tx
            .execute(&format!("DELETE FROM {t} WHERE id = ?1"), [id])?;
        self.record(t, id, before, None)
    }
}

/// The row `id` of `table` as a JSON object of its columns.
fn snapshot(tx: &Tx, table: &str, id: i64) -> Result<Option<Value>> {
    let t = known_table(table)?;
    let mut stmt = tx.prepare_cached(&format!("SELECT * FROM {t} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names();
    Ok(stmt.query_row([id], |row| image(&names, row)).optional()?)
}

/// A row as a JSON object of its columns: the image the history keeps.
fn image(names: &[String], row: &super::db::Row) -> super::db::Result<Value> {
    let mut m = Map::new();
    for (i, name) in names.iter().enumerate() {
        let v = match row.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::from(n),
            ValueRef::Real(f) => Value::from(f),
            ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::from(b.to_vec()),
            ValueRef::Untyped(t) => Value::from(t.to_string()),
        };
        m.insert(name.clone(), v);
    }
    Ok(Value::Object(m))
}

/// Puts a row back as `image` (or deletes it when `image` is `None`).
fn restore(tx: &Tx, table: &str, id: i64, image: Option<&Value>) -> Result<()> {
    let t = known_table(table)?;
    let Some(Value::Object(cols)) = image else {
        tx.execute(&format!("DELETE FROM {t} WHERE id = ?1"), [id])?;
        return Ok(());
    };
    let names: Vec<&String> = cols.keys().collect();
    if let Some(bad) = names
        .iter()
        .find(|n| !n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    {
        return Err(StoreError::Invalid(format!(
            "the history names an unknown column '{bad}'"
        )));
    }
    let list = names
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let marks = (1..=names.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sets = names
        .iter()
        .filter(|n| n.as_str() != "id")
        .map(|n| format!("{n} = excluded.{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql =
        format!("INSERT INTO {t} ({list}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}");
    let values: Vec<super::db::Value> = cols
        .values()
        .map(|v| match v {
            Value::Null => super::db::Value::Null,
            Value::Bool(b) => super::db::Value::Integer(*b as i64),
            Value::Number(n) => match n.as_i64() {
                Some(i) => super::db::Value::Integer(i),
                None => super::db::Value::Real(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => super::db::Value::Text(s.clone()),
            other => super::db::Value::Text(other.to_string()),
        })
        .collect();
    tx.execute(&sql, super::db::params_from_iter(values))?;
    Ok(())
}

/// One change of the history, for listing.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeInfo {
    pub id: i64,
    pub at: String,
    pub author: String,
    pub summary: String,
    pub undone: bool,
}

struct RowChange {
    table: String,
    row_id: i64,
    before: Option<Value>,
    after: Option<Value>,
}

fn parse_image(s: Option<String>) -> Option<Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

impl Store {
    /// The most recent changes, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<ChangeInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, author, summary, undone FROM changes ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(ChangeInfo {
                id: r.get(0)?,
                at: r.get(1)?,
                author: r.get(2)?,
                summary: r.get(3)?,
                undone: r.get::<i64>(4)? != 0,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// The latest change by this store's author that is not undone.
    pub fn last_undoable(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM changes WHERE author = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1",
                [&self.author],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The latest undone change by this author, to redo.
    pub fn last_redoable(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM changes WHERE author = ?1 AND undone = 1 ORDER BY id DESC LIMIT 1",
                [&self.author],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Undoes change `id`: every row back as it was before. Returns its summary.
    pub fn undo(&mut self, id: i64) -> Result<String> {
        self.with_retry(|s| s.replay(id, true))
    }

    /// Redoes an undone change `id`. Returns its summary.
    pub fn redo(&mut self, id: i64) -> Result<String> {
        self.with_retry(|s| s.replay(id, false))
    }

    fn replay(&mut self, id: i64, undo: bool) -> Result<String> {
        let tx = self.conn.begin(super::db::Begin::Write)?;
        let (summary, undone): (String, i64) = tx
            .query_row(
                "SELECT summary, undone FROM changes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "no change {id} in the history: see `foiboard history`"
                ))
            })?;
        if undo && undone != 0 {
            return Err(StoreError::Refused(format!(
                "change {id} ({summary}) is already undone"
            )));
        }
        if !undo && undone == 0 {
            return Err(StoreError::Refused(format!(
                "change {id} ({summary}) is not undone: nothing to redo"
            )));
        }
        let rows: Vec<RowChange> = {
            let mut stmt = tx.prepare(
                "SELECT tbl, row_id, before, after FROM change_rows WHERE change_id = ?1 ORDER BY seq",
            )?;
            let it = stmt.query_map([id], |r| {
                Ok(RowChange {
                    table: r.get(0)?,
                    row_id: r.get(1)?,
                    before: parse_image(r.get(2)?),
                    after: parse_image(r.get(3)?),
                })
            })?;
            it.collect::<super::db::Result<_>>()?
        };
        let ordered: Box<dyn Iterator<Item = &RowChange>> = if undo {
            Box::new(rows.iter().rev())
        } else {
            Box::new(rows.iter())
        };
        let verb = if undo { "undo" } else { "redo" };
        // Read from the schema once per replay, when a row is to be removed.
        let mut keys: Option<Vec<ForeignKey>> = None;
        for rc in ordered {
            let (expect, target) = if undo {
                (&rc.after, &rc.before)
            } else {
                (&rc.before, &rc.after)
            };
            let now = snapshot(&tx, &rc.table, rc.row_id)?;
            if !same_as_left(&rc.table, now.as_ref(), expect.as_ref()) {
                let who = describe_writers(&tx, &[(rc.table.as_str(), rc.row_id)], id)?;
                return Err(StoreError::Conflict(format!(
                    "cannot {verb} change {id} ({summary}): the {} it touched was changed since ({who}). Undo that first, or leave this change in place",
                    noun(&rc.table, 1)
                )));
            }
            if target.is_none() {
                let keys = match &keys {
                    Some(k) => k,
                    None => keys.insert(foreign_keys(&tx)?),
                };
                let hanging = dependents(&tx, keys, &rc.table, rc.row_id)?;
                if !hanging.is_empty() {
                    let rows: Vec<(&str, i64)> = hanging.iter().map(|(t, r)| (*t, *r)).collect();
                    return Err(StoreError::Conflict(format!(
                        "cannot {verb} change {id} ({summary}): {} recorded since depend on the {} it would remove ({}). Undo those first, or leave this change in place",
                        count_kinds(&hanging),
                        noun(&rc.table, 1),
                        describe_writers(&tx, &rows, id)?
                    )));
                }
            }
            restore(&tx, &rc.table, rc.row_id, target.as_ref()).map_err(|e| match e {
                StoreError::Database(err) => {
                    StoreError::Conflict(format!("cannot {verb} change {id} ({summary}): {err}"))
                }
                other => other,
            })?;
        }
        tx.execute(
            "UPDATE changes SET undone = ?2 WHERE id = ?1",
            params![id, undo as i64],
        )?;
        if rows.iter().any(|r| r.table.starts_with("holiday")) {
            super::holidays::bump_version(&tx)?;
        }
        tx.commit()?;
        Ok(summary)
    }
}

/// Whether a row still looks as a change left it, in the columns a change writes (those the
/// database derives itself are left out: see [`derived`]).
fn same_as_left(table: &str, now: Option<&Value>, expect: Option<&Value>) -> bool {
    match (now, expect) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let written = |m: &'_ Map<String, Value>| {
                m.iter()
                    .filter(|(k, _)| !derived(table, k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect::<Map<String, Value>>()
            };
            written(a) == written(b)
        }
        (a, b) => a == b,
    }
}

/// The current time as stored in records (UTC, RFC 3339, seconds).
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
