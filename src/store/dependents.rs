//! What stands in the way of an undo or redo: the rows recorded since that hang off a row it
//! would remove (found through the schema's own foreign keys), and who wrote them, in words a
//! member reads ("change 14 by bob: sent RJ1").

use super::db::{params, Optional, Tx};
use super::tables::TABLES;
use super::Result;

/// Every row, in any table, that refers to row `id` of `table` through a foreign key, and the
/// rows that refer to those in turn: what deleting the row would take with it or leave dangling.
pub(super) fn dependents(
    tx: &Tx,
    keys: &[ForeignKey],
    table: &str,
    id: i64,
) -> Result<Vec<(&'static str, i64)>> {
    /// Enough to name the damage; a row with more dependents is refused all the same.
    const MOST: usize = 1000;
    let mut found: Vec<(&'static str, i64)> = Vec::new();
    let mut queue: Vec<(String, i64)> = vec![(table.to_string(), id)];
    while let Some((parent, pid)) = queue.pop() {
        for child in TABLES {
            for column in keys
                .iter()
                .filter(|k| k.child == *child && k.parent == parent)
                .map(|k| &k.column)
            {
                let mut stmt = tx.prepare_cached(&format!(
                    "SELECT id FROM {child} WHERE {column} = ?1 ORDER BY id"
                ))?;
                let ids = stmt
                    .query_map([pid], |r| r.get::<i64>(0))?
                    .collect::<super::db::Result<Vec<_>>>()?;
                for cid in ids {
                    if found.len() >= MOST {
                        return Ok(found);
                    }
                    if !found.contains(&(child, cid)) {
                        found.push((child, cid));
                        queue.push((child.to_string(), cid));
                    }
                }
            }
        }
    }
    Ok(found)
}

/// A column of `child` that refers to rows of `parent`.
pub(super) struct ForeignKey {
    child: &'static str,
    column: String,
    parent: String,
}

/// Every foreign key among the history's tables, from the schema itself.
pub(super) fn foreign_keys(tx: &Tx) -> Result<Vec<ForeignKey>> {
    let plain = |c: &str| c.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    let mut out = Vec::new();
    match tx.backend() {
        super::db::Backend::Sqlite => {
            for child in TABLES {
                let fks = tx
                    .prepare_cached(&format!("PRAGMA foreign_key_list({child})"))?
                    .query_map([], |r| Ok((r.get::<String>(2)?, r.get::<String>(3)?)))?
                    .collect::<super::db::Result<Vec<_>>>()?;
                for (parent, column) in fks {
                    out.push(ForeignKey {
                        child,
                        column,
                        parent,
                    });
                }
            }
        }
        // The same from the catalogue, in one query: (table, column, referenced table). The
        // catalogue itself, not information_schema, which leaves out what the member does not
        // own: a missing key here would let an undo take a colleague's rows with it.
        super::db::Backend::Postgres => {
            let fks = tx
                .prepare_cached(
                    "SELECT child.relname::text, col.attname::text, parent.relname::text
                     FROM pg_catalog.pg_constraint c
                     JOIN pg_catalog.pg_class child ON child.oid = c.conrelid
                     JOIN pg_catalog.pg_class parent ON parent.oid = c.confrelid
                     JOIN pg_catalog.pg_namespace ns ON ns.oid = child.relnamespace
                     JOIN pg_catalog.pg_attribute col
                       ON col.attrelid = c.conrelid AND col.attnum = ANY (c.conkey)
                     WHERE c.contype = 'f' AND ns.nspname = current_schema()",
                )?
                .query_map([], |r| {
                    Ok((
                        r.get::<String>(0)?,
                        r.get::<String>(1)?,
                        r.get::<String>(2)?,
                    ))
                })?
                .collect::<super::db::Result<Vec<_>>>()?;
            for (table, column, parent) in fks {
                if let Some(child) = TABLES.iter().find(|t| **t == table) {
                    out.push(ForeignKey {
                        child,
                        column,
                        parent,
                    });
                }
            }
        }
    }
    out.retain(|k| plain(&k.column));
    Ok(out)
}

/// "1 event, 2 answers and 1 finding": what hangs off a row, by kind, in table order.
pub(super) fn count_kinds(rows: &[(&'static str, i64)]) -> String {
    let parts: Vec<String> = TABLES
        .iter()
        .filter_map(|t| {
            let n = rows.iter().filter(|(rt, _)| rt == t).count();
            (n > 0).then(|| format!("{n} {}", noun(t, n)))
        })
        .collect();
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What a row of `table` is called, in the singular or plural.
pub(super) fn noun(table: &str, n: usize) -> &'static str {
    let (one, many) = match table {
        "bodies" => ("body", "bodies"),
        "campaigns" => ("campaign", "campaigns"),
        "questions" => ("question", "questions"),
        "requests" => ("request", "requests"),
        "events" => ("event", "events"),
        "answers" => ("answer", "answers"),
        "tags" => ("tag", "tags"),
        "findings" => ("finding", "findings"),
        "finding_tags" => ("tag on a finding", "tags on findings"),
        "holidays" => ("holiday", "holidays"),
        "holiday_removals" => ("holiday removal", "holiday removals"),
        "messages" => ("message filed under it", "messages filed under it"),
        "attachments" => ("attachment", "attachments"),
        "proposals" => ("proposal", "proposals"),
        "settings" => ("setting", "settings"),
        _ => ("record", "records"),
    };
    if n == 1 {
        one
    } else {
        many
    }
}

/// Who wrote these rows last, other than change `except`: "change 14 by bob: sent RJ1; change
/// 15 by bob: answer Q1". Rows no recorded change wrote are said to come from outside the
/// history (an import's bulk load, or another program).
pub(super) fn describe_writers(tx: &Tx, rows: &[(&str, i64)], except: i64) -> Result<String> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.id, c.author, c.summary FROM change_rows r JOIN changes c ON c.id = r.change_id
         WHERE r.tbl = ?1 AND r.row_id = ?2 AND c.id <> ?3 AND c.undone = 0
         ORDER BY c.id DESC LIMIT 1",
    )?;
    let mut changes: Vec<(i64, String, String)> = Vec::new();
    let mut unrecorded = false;
    for (table, row) in rows {
        match stmt
            .query_row(params![table, row, except], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
        {
            Some(c) if !changes.iter().any(|k| k.0 == c.0) => changes.push(c),
            Some(_) => {}
            None => unrecorded = true,
        }
    }
    changes.sort_by_key(|c| c.0);
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = changes
        .iter()
        .take(SHOWN)
        .map(|(id, author, summary)| format!("change {id} by {author}: {summary}"))
        .collect();
    if changes.len() > SHOWN {
        parts.push(format!("and {} more changes", changes.len() - SHOWN));
    }
    if unrecorded {
        parts.push("a write outside the history".to_string());
    }
    Ok(parts.join("; "))
}
