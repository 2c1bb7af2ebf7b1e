//! Backups: a consistent copy of a database file taken while others keep working, checked
//! before it is kept; a server's database is backed up with the server's own tool.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::{Result, Store, StoreError};

impl Store {
    /// A consistent copy of the database at `dest` while others keep working (online backup).
    /// Written into a temporary file beside `dest` and renamed only once it passes its
    /// integrity check: an interrupted backup leaves no file that blocks the next one, and
    /// `dest` never holds half a database.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if self.conn.as_sqlite().is_none() {
            return Err(StoreError::Invalid(self.backup_elsewhere()));
        }
        let name = crate::files::outfile::shown(dest);
        let lower = dest.to_string_lossy().to_lowercase();
        if ["-journal", "-wal", "-shm"]
            .iter()
            .any(|s| lower.ends_with(s))
        {
            return Err(StoreError::Invalid(format!(
                "{name} ends like one of SQLite's own working files (-journal, -wal, -shm), which SQLite would take for part of another database: choose a name ending in .db"
            )));
        }
        if std::fs::symlink_metadata(dest).is_ok() {
            return Err(StoreError::Invalid(format!(
                "{name} already exists: choose a new file name"
            )));
        }
        crate::files::outfile::check(dest, &self.path, false)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let folder_err = |source| StoreError::Folder {
            path: dest.to_path_buf(),
            source,
        };
        let (tmp, file) = crate::files::private::temp_beside(dest).map_err(folder_err)?;
        drop(file);
        let copied = self.backup_into(&tmp);
        let placed = copied.and_then(|()| {
            // A hard link puts the file in place only if `dest` is still free; rename where
            // the file system has no links.
            match std::fs::hard_link(&tmp, dest) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    Err(StoreError::Invalid(format!(
                        "{name} appeared while the backup was written: choose a new file name"
                    )))
                }
                Err(_) => std::fs::rename(&tmp, dest).map_err(folder_err),
            }
        });
        let _ = std::fs::remove_file(&tmp);
        let mut journal = tmp.into_os_string();
        journal.push("-journal");
        let _ = std::fs::remove_file(journal);
        placed
    }

    fn backup_into(&self, tmp: &Path) -> Result<()> {
        let Some(conn) = self.conn.as_sqlite() else {
            return Err(StoreError::Invalid(self.backup_elsewhere()));
        };
        let mut out = Connection::open(tmp)?;
        {
            let b = rusqlite::backup::Backup::new(conn, &mut out)?;
            b.run_to_completion(256, Duration::from_millis(10), None)?;
        }
        let check: String = out.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Invalid(format!(
                "the backup failed its integrity check ({check}): nothing was kept; try again, and run `foiboard` on the database to see whether it is damaged"
            )));
        }
        out.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }

    /// A PostgreSQL database is backed up by the server's own tool: what to run.
    fn backup_elsewhere(&self) -> String {
        let target = self.conn.as_postgres().map(|pg| pg.target().clone());
        match target {
            Some(t) => format!(
                "a PostgreSQL database is backed up with the server's own tool: run `pg_dump --format=custom --file=foiboard.dump '{t}'` (as a member, or on the server as the postgres user), and restore with `pg_restore`; or copy it into a SQLite file with `foiboard copy --from '{t}' --to foiboard-copy.db`"
            ),
            None => "this database cannot be backed up here".into(),
        }
    }

    /// `PRAGMA integrity_check` of this database. A PostgreSQL server keeps its constraints
    /// itself and checks each page as it reads it: there every table is read through (a
    /// count of its rows), and a page it cannot read is the error returned.
    pub fn integrity_check(&self) -> Result<String> {
        if self.conn.as_sqlite().is_none() {
            self.row_count()?;
            return Ok("ok".into());
        }
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}
