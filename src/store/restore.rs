//! Putting a backup back into a database others may be using: through SQLite's backup API
//! into the live database, as one write every open board sees at its next check. Copying a
//! backup over the file instead leaves the old `-wal` beside it, which SQLite would then
//! replay into the copied pages: the next open corrupts the data. So the README says to
//! restore this way, never by copying files.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{migrate, Result, Store, StoreError};

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The database as it was just before, kept beside it: a restore can be taken back.
    pub kept: PathBuf,
    /// The schema version of the backup (brought up to this program's after).
    pub from_version: i64,
}

impl Store {
    /// Replaces this database's contents with the backup at `backup`. The backup is read
    /// as it is on disk (`immutable`: no `-wal` or `-shm` beside it is ever read), checked
    /// to be a foiboard database that passes its integrity check and is no newer than this
    /// program; the current contents are first kept as a backup of their own beside the
    /// database. Then the pages go in as one transaction through the live connection, so
    /// others working meanwhile see one change, and the schema is brought up to date.
    pub fn restore(&mut self, backup: &Path) -> Result<Restored> {
        let Some(_) = self.conn.as_sqlite() else {
            return Err(StoreError::Invalid(
                "a PostgreSQL database is restored with the server's own tool (pg_restore), or with `foiboard copy --from BACKUP.db --to ADDRESS --replace`".into(),
            ));
        };
        let shown = crate::files::outfile::shown(backup);
        if !backup.is_file() {
            return Err(StoreError::NotFound(format!(
                "there is no backup at {shown}: check the path"
            )));
        }
        if std::fs::canonicalize(backup).ok() == std::fs::canonicalize(&self.path).ok() {
            return Err(StoreError::Invalid(format!(
                "{shown} is the database itself: name a backup `foiboard backup` made"
            )));
        }
        let src = open_immutable(backup)?;
        super::opening::identify(&src, backup)?;
        let from_version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = src.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'changes'",
            [],
            |r| r.get(0),
        )?;
        if tables == 0 {
            return Err(StoreError::Invalid(format!(
                "{shown} is an empty database, not a foiboard backup: nothing was restored"
            )));
        }
        if from_version > migrate::SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: from_version,
                known: migrate::SCHEMA_VERSION,
            });
        }
        let check: String = src.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Invalid(format!(
                "{shown} fails its integrity check ({}): nothing was restored. Try an older backup",
                crate::text::line(&check)
            )));
        }
        // The database as it is now, kept first: a restore can be undone by restoring this.
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let kept = (1..)
            .map(|n| {
                let tail = if n == 1 {
                    String::new()
                } else {
                    format!("-{n}")
                };
                crate::files::private::beside_db(
                    &self.path,
                    &format!("before-restore-{stamp}{tail}.db"),
                )
            })
            .find(|p| std::fs::symlink_metadata(p).is_err())
            .unwrap_or_else(|| self.path.with_extension("before-restore.db"));
        self.backup(&kept)?;
        let Some(live) = self.conn.as_sqlite_mut() else {
            return Err(StoreError::Invalid("not a database file".into()));
        };
        {
            let b = rusqlite::backup::Backup::new(&src, live)?;
            b.run_to_completion(1024, Duration::from_millis(10), None)?;
        }
        migrate::migrate(&self.conn)?;
        self.forget_calendars();
        Ok(Restored { kept, from_version })
    }
}

/// The backup read as it is on disk: read-only, and `immutable`, so SQLite reads no `-wal`
/// or `-shm` file beside it and takes no lock.
fn open_immutable(path: &Path) -> Result<Connection> {
    let uri = super::opening::immutable_uri(path);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    Connection::open_with_flags(&uri, flags).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source: source.into(),
    })
}
