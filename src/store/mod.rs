//! Every line of SQL lives here: one API used by the command line and the board alike.
//!
//! Several people's processes share one database file on one host: WAL mode lets readers go on
//! while one writes; writes are short `BEGIN IMMEDIATE` transactions with a busy timeout, so a
//! colleague's write makes us wait a moment instead of failing.

mod answers;
mod archive;
mod bodies;
mod bulk;
mod campaigns;
mod events;
mod findings;
mod history;
mod holidays;
mod imports;
mod mail;
mod matching;
mod matrix;
mod migrate;
mod overview;
mod requests;
mod rows;
mod search;
mod tags;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use answers::AnswerEdit;
pub use archive::{check_slug, Imported};
pub use bodies::BodyFilter;
pub use bulk::{BulkAnswer, BulkCampaign, BulkFinding, BulkRequest};
pub use findings::FindingFilter;
pub use history::{ChangeInfo, Writer};
pub use holidays::HolidaySources;
pub use imports::{RequestImport, RequestsImported};
pub use mail::{Attachment, MailImported, Message, MessageFilter, MessageRequest};
pub use matrix::{Cell, TagUse};
pub use overview::RequestSummary;
pub use requests::{RequestDetail, RequestRef, Selector};
pub use search::{fts_query, Hit, HitKind, MARK_END, MARK_START};
pub use tags::check_tag_name;

use crate::law::{Calendar, Policy, Regime};

/// Why a store operation failed. User mistakes say what to do; the rest say what happened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the text of Q{question} was changed by {by} while you were editing it: nothing was overwritten; choose which version to keep")]
    TextChanged {
        question: u32,
        theirs: String,
        by: String,
    },
    #[error(
        "the database is busy: a colleague's change is still being written. Try again in a moment"
    )]
    Busy,
    #[error("this database was written by a newer foiboard (schema version {found}; this program knows up to {known}). Install the newer foiboard, or open another database with --db")]
    TooNew { found: i64, known: i64 },
    #[error("cannot open the database at {path}: {source}. Check the path and its permissions, or choose another with --db")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot create the folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// Whether the user asked for something wrong (exit code 2) rather than something failing.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::NotFound(_)
                | StoreError::Invalid(_)
                | StoreError::Refused(_)
                | StoreError::Conflict(_)
                | StoreError::TextChanged { .. }
                | StoreError::TooNew { .. }
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The three calendars, built from the database's holidays.
#[derive(Debug)]
pub struct Calendars {
    pub foia: Calendar,
    pub eir: Calendar,
    pub foisa: Calendar,
}

impl Calendars {
    pub fn get(&self, regime: Regime) -> &Calendar {
        match regime {
            Regime::Foia => &self.foia,
            Regime::Eir => &self.eir,
            Regime::Foisa => &self.foisa,
        }
    }
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    author: String,
    /// Calendars by the holidays version they were built from.
    calendars: RefCell<Option<(i64, Rc<Calendars>)>>,
}

/// How long a write waits for a colleague's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

impl Store {
    /// Opens (creating if needed) the database at `path`, upgrades its schema and, when new,
    /// seeds nothing: seeding is [`crate::seed`]'s job, called by the commands.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                crate::private::create_dir(dir).map_err(|source| StoreError::Folder {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
        }
        let existed = path.exists();
        if !existed {
            crate::private::create_new(path).map_err(|source| StoreError::Folder {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Invalid(format!(
                "the database at {} cannot use WAL mode (it is in '{mode}' mode): keep it on a local disk, not a network drive",
                path.display()
            )));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            author: default_author(),
            calendars: RefCell::new(None),
        };
        migrate::migrate(&mut store.conn)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who is recorded as the author of changes made through this store.
    pub fn author(&self) -> &str {
        &self.author
    }

    pub fn set_author(&mut self, author: &str) {
        self.author = author.to_string();
    }

    /// A number that changes whenever another connection commits: the board's cue to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one write transaction recorded as one change in the history (undoable as a
    /// whole). All or nothing: an error from `f` rolls everything back.
    pub fn write<T>(
        &mut self,
        summary: &str,
        mut f: impl FnMut(&mut Writer) -> Result<T>,
    ) -> Result<T> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.write_once(summary, &mut f) {
                Err(StoreError::Busy) if attempt < 4 => {
                    std::thread::sleep(Duration::from_millis(50 * attempt));
                }
                other => return other,
            }
        }
    }

    /// Runs `f` as [`Store::write`] would, then rolls everything back: a dry run that
    /// reports exactly what the real run would do.
    pub fn rehearse<T>(
        &mut self,
        summary: &str,
        mut f: impl FnMut(&mut Writer) -> Result<T>,
    ) -> Result<T> {
        let author = self.author.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = {
            let mut w = Writer::begin(&tx, &author, summary)?;
            f(&mut w)?
        };
        tx.rollback()?;
        Ok(out)
    }

    fn write_once<T>(
        &mut self,
        summary: &str,
        f: &mut impl FnMut(&mut Writer) -> Result<T>,
    ) -> Result<T> {
        let author = self.author.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Writer::begin(&tx, &author, summary)?;
        let out = f(&mut w)?;
        w.finish()?;
        tx.commit()?;
        Ok(out)
    }

    /// The counting policy (convention and the guidance limits), from settings.
    pub fn policy(&self) -> Result<Policy> {
        let mut p = Policy::default();
        if let Some(c) = self.setting("convention")? {
            p.convention = c
                .parse()
                .map_err(|e: crate::law::UnknownWord| StoreError::Invalid(e.to_string()))?;
        }
        Ok(p)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// A consistent copy of the database at `dest` while others keep working (online backup).
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists: choose a new file name",
                dest.display()
            )));
        }
        crate::private::create_new(dest).map_err(|source| StoreError::Folder {
            path: dest.to_path_buf(),
            source,
        })?;
        let mut out = Connection::open(dest)?;
        {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            b.run_to_completion(256, Duration::from_millis(10), None)?;
        }
        let check: String = out.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Invalid(format!(
                "the backup at {} failed its integrity check: {check}",
                dest.display()
            )));
        }
        Ok(())
    }

    /// `PRAGMA integrity_check` of this database.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// The author name: `FOIBOARD_USER`, else `$USER`, else "unknown".
fn default_author() -> String {
    std::env::var("FOIBOARD_USER")
        .or_else(|_| std::env::var("USER"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}
