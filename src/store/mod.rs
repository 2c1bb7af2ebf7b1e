//! Every line of SQL lives here: one API used by the command line and the board alike.
//!
//! Several people's processes share one database file on one host: WAL mode lets readers go on
//! while one writes; writes are short `BEGIN IMMEDIATE` transactions with a busy timeout, so a
//! colleague's write makes us wait a moment instead of failing.

mod answers;
mod archive;
mod attachments;
mod backup;
mod bodies;
mod body_match;
mod bulk;
mod campaigns;
mod copy;
pub mod db;
mod dependents;
mod events;
mod filter;
mod findings;
mod history;
mod holidays;
mod imports;
mod letters;
mod mail;
mod mailbox;
mod matching;
mod matrix;
mod migrate;
pub(crate) mod opening;
mod overview;
mod plans;
mod proposals;
mod reading;
mod requests;
mod restore;
mod rows;
mod search;
mod search_server;
pub mod server;
mod sheet_import;
mod tables;
mod tags;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use db::{Backend, Begin, Conn, Optional};

pub use answers::AnswerEdit;
pub use archive::{check_slug, Imported};
pub use attachments::Attachment;
pub use bodies::{BodyEdit, BodyFilter};
pub use body_match::{BodyMatcher, Found};
pub use bulk::{BulkAnswer, BulkCampaign, BulkFinding, BulkRequest};
pub use copy::Copied;
pub use events::EventEdit;
pub use findings::FindingFilter;
pub use history::{ChangeInfo, Writer};
pub use holidays::HolidaySources;
pub use imports::{PageImported, RequestImport, RequestsImported};
pub use letters::{display_name, LetterBasis, Outgoing, SentBefore};
pub use mail::{Accepted, MailImported, Message, MessageFilter, MessageRequest};
pub use mailbox::{FolderMark, MarkFolder};
pub use matrix::{Cell, TagUse};
pub use migrate::SCHEMA_VERSION;
pub use opening::{Reopen, APPLICATION_ID};
pub use overview::{Findings, RequestSummary};
pub use proposals::{Proposal, RepliesRead};
pub use reading::CampaignReading;
pub use requests::{RequestDetail, RequestRef, Selector};
pub use restore::Restored;
pub use search::{fts_query, Hit, HitKind, MARK_END, MARK_START};
pub use sheet_import::SheetImported;
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
    Open { path: PathBuf, source: db::Error },
    #[error("{0}")]
    Connect(String),
    #[error("cannot create the folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(db::Error),
}

impl StoreError {
    /// Whether the user asked for something wrong (exit code 2) rather than something failing.
    /// Whether what was typed, edited, could succeed: a name or code not found, a value not
    /// understood. A refusal of what was asked (the law, a colleague's change, the server)
    /// is not fixed by editing the same words.
    pub fn fixable_by_editing(&self) -> bool {
        matches!(self, StoreError::NotFound(_) | StoreError::Invalid(_))
    }

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

impl From<db::Error> for StoreError {
    fn from(e: db::Error) -> Self {
        match e {
            e if e.is_retryable() => StoreError::Busy,
            db::Error::Connect(m) => StoreError::Connect(m),
            db::Error::Address(m) => StoreError::Invalid(m),
            e if e.is_disconnect() => StoreError::Connect(format!(
                "the connection to the PostgreSQL server was lost ({e}); foiboard connects again by itself: check whether your last change is there, and do it again if not"
            )),
            db::Error::Sqlite(ref s)
                if s.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) =>
            {
                StoreError::Refused(
                    "the database is on a disk or in a folder that cannot be written here, so it can be read but not changed: nothing was recorded. Work on a copy in a writable folder, or ask whoever manages the disk".into(),
                )
            }
            e => StoreError::Database(e),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        db::Error::from(e).into()
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The calendars, built from the database's holidays when first needed: a campaign of
/// English bodies never pays for Scotland's calendar; EIR counts the days FOIA does, and the
/// Scottish EIRs the days FOISA does.
#[derive(Debug)]
pub struct Calendars {
    book: std::sync::Arc<crate::law::HolidayBook>,
    /// Where the book's days came from, as a report names them.
    pub sources: holidays::HolidaySources,
    foia: std::cell::OnceCell<Calendar>,
    eir: std::cell::OnceCell<Calendar>,
    foisa: std::cell::OnceCell<Calendar>,
    eisr: std::cell::OnceCell<Calendar>,
}

impl Calendars {
    pub fn new(book: crate::law::HolidayBook, sources: holidays::HolidaySources) -> Calendars {
        Calendars {
            book: std::sync::Arc::new(book),
            sources,
            foia: std::cell::OnceCell::new(),
            eir: std::cell::OnceCell::new(),
            foisa: std::cell::OnceCell::new(),
            eisr: std::cell::OnceCell::new(),
        }
    }

    pub fn get(&self, regime: Regime) -> &Calendar {
        match regime {
            Regime::Foia => self
                .foia
                .get_or_init(|| Calendar::new(self.book.clone(), Regime::Foia)),
            Regime::Eir => self.eir.get_or_init(|| {
                self.get(Regime::Foia)
                    .same_days_for(Regime::Eir)
                    .unwrap_or_else(|| Calendar::new(self.book.clone(), Regime::Eir))
            }),
            Regime::Foisa => self
                .foisa
                .get_or_init(|| Calendar::new(self.book.clone(), Regime::Foisa)),
            Regime::Eisr => self.eisr.get_or_init(|| {
                self.get(Regime::Foisa)
                    .same_days_for(Regime::Eisr)
                    .unwrap_or_else(|| Calendar::new(self.book.clone(), Regime::Eisr))
            }),
        }
    }
}

/// An open database.
pub struct Store {
    conn: Conn,
    /// The database file; for a server, where this machine keeps what belongs beside a
    /// database (drafts, attachments): a name under the data folder, never a database itself.
    path: PathBuf,
    author: String,
    /// Calendars by the holidays version they were built from.
    calendars: RefCell<Option<(i64, Rc<Calendars>)>>,
    /// The change this connection's latest recorded write made, if it wrote anything: the
    /// board's undo stack holds these ids, never "the author's newest change" (a colleague
    /// logged in under the same name writes changes too).
    last_change: std::cell::Cell<Option<i64>>,
    /// Which file on disk the connection opened (device and inode): a database file replaced
    /// underneath an open board (a backup copied over it) is another file.
    file_id: Option<(u64, u64)>,
    /// The rules replies are read and matched by, handed over by whoever opened the store
    /// (they live above it, in `inbox`): without them no message is matched or split.
    reading: Option<Rc<dyn crate::model::records::MailReading>>,
}

impl Store {
    /// Hands the store the rules replies are read and matched by.
    pub fn set_mail_reading(&mut self, rules: Rc<dyn crate::model::records::MailReading>) {
        self.reading = Some(rules);
    }

    /// Whether the database file on disk is no longer the one this store opened: copied
    /// over by another program, or moved away. Always false for a server.
    pub fn replaced_on_disk(&self) -> bool {
        self.file_id.is_some() && opening::file_id(&self.path) != self.file_id
    }

    /// Where the database is, as a person reads it: the file, or the server's address
    /// (never its password).
    pub fn location(&self) -> String {
        match self.conn.as_postgres() {
            Some(pg) => pg.target().to_string(),
            None => crate::text::line(&self.path.display().to_string()),
        }
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
    /// SQLite counts commits by others itself (`PRAGMA data_version`); on PostgreSQL every
    /// write notifies a channel this connection listens on, and a dropped connection is
    /// opened again (which counts as a change: anything may have happened meanwhile).
    pub fn data_version(&self) -> Result<i64> {
        match self.conn.as_postgres() {
            Some(pg) => Ok(pg.change_count()?),
            None => Ok(self
                .conn
                .prepare_cached("PRAGMA data_version")?
                .query_row([], |r| r.get(0))?),
        }
    }

    /// Drops the calendars built from the holidays (another connection replaced them).
    fn forget_calendars(&self) {
        *self.calendars.borrow_mut() = None;
    }

    /// Which engine this store talks to.
    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// Runs `f` in one write transaction recorded as one change in the history (undoable as a
    /// whole). All or nothing: an error from `f` rolls everything back. The change's id is then
    /// [`Store::last_change`].
    pub fn write<T>(
        &mut self,
        summary: &str,
        mut f: impl FnMut(&mut Writer) -> Result<T>,
    ) -> Result<T> {
        self.last_change.set(None);
        let (out, change) = self.with_retry(|store| store.write_once(summary, true, &mut f))?;
        self.last_change.set(change);
        Ok(out)
    }

    /// The other door: seeding and bulk loads that are nobody's change to undo. Same write
    /// lock (`BEGIN IMMEDIATE`, waiting for a busy database) and all-or-nothing, no history.
    pub fn load<T>(&mut self, mut f: impl FnMut(&mut Writer) -> Result<T>) -> Result<T> {
        Ok(self
            .with_retry(|store| store.write_once("", false, &mut f))?
            .0)
    }

    /// The id of the change made by this connection's latest [`Store::write`], when it wrote
    /// anything.
    pub fn last_change(&self) -> Option<i64> {
        self.last_change.get()
    }

    /// Runs a write again when the database stayed busy past the busy timeout (SQLite), or
    /// when the server rolled it back for losing a race with a colleague's (PostgreSQL: that
    /// is immediate, so more attempts, each a little later).
    pub(crate) fn with_retry<T>(
        &mut self,
        mut f: impl FnMut(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let attempts = match self.backend() {
            Backend::Sqlite => 4,
            Backend::Postgres => 10,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            match f(self) {
                Err(StoreError::Busy) if attempt < attempts => {
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
        let tx = self.conn.begin(Begin::Rehearsal)?;
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
        recorded: bool,
        f: &mut impl FnMut(&mut Writer) -> Result<T>,
    ) -> Result<(T, Option<i64>)> {
        let author = self.author.clone();
        let tx = self.conn.begin(Begin::Write)?;
        let mut w = if recorded {
            Writer::begin(&tx, &author, summary)?
        } else {
            Writer::unrecorded(&tx, &author)
        };
        let out = f(&mut w)?;
        let change = w.finish()?;
        tx.commit()?;
        Ok((out, change))
    }

    /// The counting policy (convention and the guidance limits), from settings.
    pub fn policy(&self) -> Result<Policy> {
        policy_from(self.setting("convention")?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a group setting as a recorded change: attributed in the history and undoable.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let summary = format!("set {key} to {value}");
        self.write(&summary, |w| set_setting_in(w, key, value))
    }

    /// Sets a setting as part of seeding: not anyone's change.
    pub fn seed_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.load(|w| set_setting_in(w, key, value))
    }
}

/// Writes one setting through `w` (recorded or, for seeding, not).
impl Store {
    /// Deletes the settings `keys` and gives what they held (key and value, the empty ones
    /// left out): for settings that moved out of the database. Nobody's change to undo.
    pub fn take_settings(&mut self, keys: &[&str]) -> Result<Vec<(String, String)>> {
        let mut held = Vec::new();
        for k in keys {
            if let Some(v) = self.setting(k)?.filter(|v| !v.trim().is_empty()) {
                held.push((k.to_string(), v));
            }
        }
        if !held.is_empty() {
            self.load(|w| {
                for k in keys {
                    w.tx.execute("DELETE FROM settings WHERE key = ?1", [*k])?;
                }
                Ok(())
            })?;
        }
        Ok(held)
    }
}

pub(crate) fn set_setting_in(w: &mut Writer, key: &str, value: &str) -> Result<()> {
    let id: Option<i64> =
        w.tx.query_row("SELECT id FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    match id {
        Some(id) => {
            w.update(
                "settings",
                id,
                "UPDATE settings SET value = ?2 WHERE id = ?1",
                db::params![id, value],
            )?;
        }
        None => {
            w.insert(
                "settings",
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                [key, value],
            )?;
        }
    }
    Ok(())
}

/// The counting policy for the `convention` setting as stored (none: the default).
fn policy_from(convention: Option<String>) -> Result<Policy> {
    let mut p = Policy::default();
    if let Some(c) = convention {
        p.convention = c
            .parse()
            .map_err(|e: crate::law::UnknownWord| StoreError::Invalid(e.to_string()))?;
    }
    Ok(p)
}
