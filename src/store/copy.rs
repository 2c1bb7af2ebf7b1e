//! A whole database moved from one engine to the other (or to another file or server): every
//! row of every table, ids kept, in one transaction on the destination, then checked by
//! comparing every campaign's export on both sides.

use super::db::{params_from_iter, Backend, Begin, Value};
use super::{Result, Store, StoreError};

/// The tables in an order that puts every row after the rows it refers to: the history's
/// tables (already in that order), then the history itself.
fn tables() -> impl DoubleEndedIterator<Item = &'static str> + Clone {
    super::tables::TABLES
        .iter()
        .copied()
        .chain(["changes", "change_rows"])
}

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

    /// Copies every row of `self` into `dest`, in one transaction on `dest`. A destination
    /// that holds anything is refused unless `replace`, when its rows are deleted first (in
    /// the same transaction: a failed copy leaves it as it was). Then every campaign's export
    /// is compared on both sides; any difference is an error that names the campaign.
    pub fn copy_into(&self, dest: &mut Store, replace: bool) -> Result<Copied> {
        let held = dest.row_count()?;
        if held > 0 && !replace {
            return Err(StoreError::Refused(format!(
                "{} already holds {held} rows: nothing was copied. Copy into a new database, or add --replace to delete what it holds first",
                dest.location()
            )));
        }
        let mut copied = Vec::new();
        let tx = dest.conn.begin(Begin::Write)?;
        if held > 0 {
            for t in tables().rev() {
                tx.execute(&format!("DELETE FROM {t}"), [])?;
            }
        }
        for t in tables() {
            let mut read = self
                .conn
                .prepare(&format!("SELECT * FROM {t} ORDER BY id"))?;
            let columns = read.column_names();
            let list = columns.join(", ");
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let insert = format!("INSERT INTO {t} ({list}) VALUES ({})", marks.join(", "));
            let rows = read.query_map([], |r| {
                (0..columns.len())
                    .map(|i| r.get::<Value>(i))
                    .collect::<super::db::Result<Vec<Value>>>()
            })?;
            let mut write = tx.prepare_cached(&insert)?;
            let mut n = 0;
            for row in rows {
                write.execute(params_from_iter(row?))?;
                n += 1;
            }
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
        tx.commit()?;
        dest.forget_calendars();
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
