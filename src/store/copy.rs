//! A whole database moved from one engine to the other (or to another file or server): every
//! row of every table, ids kept, in one transaction on the destination, then checked by
//! comparing every campaign's export on both sides.

use super::db::{Backend, Value};
use super::{Result, Store, StoreError};

/// The tables in an order that puts every row after the rows it refers to: the history's
/// tables (already in that order), then the history itself.
fn tables() -> impl DoubleEndedIterator<Item = &'static str> + Clone {
    super::tables::TABLES
        .iter()
        .copied()
        .chain(["changes", "change_rows"])
}

/// Rows read and written at a time.
const BATCH: usize = 2_000;

/// What a copy moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows per table, in the order they were copied.
    pub rows: Vec<(&'static str, usize)>,
    /// Campaigns whose exports were compared and found the same.
    pub campaigns: usize,
}

impl Copied {
    pub fn total(&self) -> usize {
        self.rows.iter().map(|(_, n)| n).sum()
    }
}

impl Store {
    /// How many rows the database holds, all tables together.
    pub fn row_count(&self) -> Result<usize> {
        let mut n = 0;
        for t in tables() {
            n += self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
                    r.get::<i64>(0)
                })? as usize;
        }
        Ok(n)
    }

    /// Whether anyone has worked in the database: a request, a change, or mail (a new
    /// database is seeded with a campaign and its questions, nobody's work yet).
    pub fn holds_work(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM requests) OR EXISTS (SELECT 1 FROM changes)
                    OR EXISTS (SELECT 1 FROM messages)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Copies every row of `self` into `dest`, in one transaction on `dest`. A destination
    /// that holds anything is refused unless `replace`, when its rows are deleted first (in
    /// the same transaction: a failed copy leaves it as it was). Then every campaign's export
    /// is compared on both sides; any difference is an error that names the campaign.
    pub fn copy_into(&self, dest: &mut Store, replace: bool) -> Result<Copied> {
        let held = dest.row_count()?;
        // A new database holds the reference data it was seeded with (bodies, holidays,
        // the codebook) and nobody's work: the copy replaces it without being asked.
        if held > 0 && !replace && dest.holds_work()? {
            return Err(StoreError::Refused(format!(
                "{} already holds {held} rows: nothing was copied. Copy into a new database, or add --replace to delete what it holds first",
                dest.location()
            )));
        }
        // Through the one door for writes that are nobody's change (as seeding is): one
        // transaction, retried when a colleague's write gets in the way.
        let copied = dest.load(|w| {
            let tx = w.tx;
            if held > 0 {
                for t in tables().rev() {
                    tx.execute(&format!("DELETE FROM {t}"), [])?;
                }
            }
            let mut copied = Vec::new();
            for t in tables() {
                let mut read = self
                    .conn
                    .prepare(&format!("SELECT * FROM {t} ORDER BY id"))?;
                let columns = read.column_names();
                let names: Vec<&str> = columns.iter().map(String::as_str).collect();
                let rows = read.query_map([], |r| {
                    (0..columns.len())
                        .map(|i| r.get::<Value>(i))
                        .collect::<super::db::Result<Vec<Value>>>()
                })?;
                // A batch at a time, so a large table is never held whole.
                let (mut n, mut batch) = (0, Vec::new());
                for row in rows {
                    batch.push(row?);
                    if batch.len() == BATCH {
                        n += batch.len();
                        tx.insert_rows(t, &names, std::mem::take(&mut batch))?;
                    }
                }
                n += batch.len();
                tx.insert_rows(t, &names, batch)?;
                copied.push((t, n));
            }
            if tx.backend() == Backend::Postgres {
                // Rows came with their ids: the next id each table gives must follow them.
                for t in tables() {
                    tx.execute(
                        &format!(
                            "SELECT setval(pg_get_serial_sequence('{t}', 'id'),
                                    coalesce((SELECT max(id) FROM {t}), 0) + 1, false)"
                        ),
                        [],
                    )?;
                }
            }
            Ok(copied)
        })?;
        dest.forget_calendars();
        // Statistics for the planner now, not when autovacuum gets round to it: without
        // them a server plans the first queries on a copied database as if its tables were
        // empty (a report took seconds rather than milliseconds). VACUUM marks the pages
        // all-visible too, so a count can be read from an index alone, as on a file.
        match dest.conn.backend() {
            Backend::Postgres => dest.conn.execute_batch("VACUUM (ANALYZE)")?,
            Backend::Sqlite => dest.conn.execute_batch("PRAGMA optimize = 0x10002")?,
        }
        let mut campaigns = 0;
        for c in self.campaigns()? {
            let ours = self.campaign_archive(&c)?.to_json();
            let theirs = dest.campaign_archive(&dest.campaign(&c.slug)?)?.to_json();
            if ours != theirs {
                return Err(StoreError::Conflict(format!(
                    "the copy of campaign '{}' does not export as the original does: the copy is kept at {} for inspection, but do not use it; please report this",
                    c.slug,
                    dest.location()
                )));
            }
            campaigns += 1;
        }
        Ok(Copied {
            rows: copied,
            campaigns,
        })
    }
}
