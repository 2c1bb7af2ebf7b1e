//! Every line of SQL lives here: one API used by the command line and the board alike.
//!
//! Several people's processes share one database file on one host: WAL mode lets readers go on
//! while one writes; writes are short `BEGIN IMMEDIATE` transactions with a busy timeout, so a
//! colleague's write makes us wait a moment instead of failing.

mod answers;
mod archive;
mod bodies;
mod body_match;
mod bulk;
mod campaigns;
mod copy;
pub mod db;
mod events;
mod filter;
mod findings;
mod history;
mod holidays;
mod imports;
mod letters;
mod mail;
mod matching;
mod matrix;
mod migrate;
mod overview;
mod plans;
mod requests;
mod rows;
mod search;
pub mod server;
mod sheet_import;
mod tags;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use db::{Backend, Begin, Conn, Optional};

pub use answers::AnswerEdit;
pub use archive::{check_slug, Imported};
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
pub use mail::{Accepted, Attachment, MailImported, Message, MessageFilter, MessageRequest};
pub use matrix::{Cell, TagUse};
pub use overview::RequestSummary;
pub use requests::{RequestDetail, RequestRef, Selector};
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
            e if e.is_disconnect() => StoreError::Connect(format!(
                "the connection to the PostgreSQL server was lost ({e}); foiboard connects again by itself: check whether your last change is there, and do it again if not"
            )),
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

/// The three calendars, built from the database's holidays when first needed: a campaign of
/// English bodies never pays for Scotland's calendar, and EIR counts the days FOIA does.
#[derive(Debug)]
pub struct Calendars {
    book: std::sync::Arc<crate::law::HolidayBook>,
    /// Where the book's days came from, as a report names them.
    pub sources: holidays::HolidaySources,
    foia: std::cell::OnceCell<Calendar>,
    eir: std::cell::OnceCell<Calendar>,
    foisa: std::cell::OnceCell<Calendar>,
}

impl Calendars {
    pub fn new(book: crate::law::HolidayBook, sources: holidays::HolidaySources) -> Calendars {
        Calendars {
            book: std::sync::Arc::new(book),
            sources,
            foia: std::cell::OnceCell::new(),
            eir: std::cell::OnceCell::new(),
            foisa: std::cell::OnceCell::new(),
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
}

/// `PRAGMA application_id` of foiboard's databases ("FOIB"), so another program's SQLite
/// file is recognised and left alone.
pub const APPLICATION_ID: i64 = 0x464F_4942;

/// Tables every foiboard database has had since its first schema: a database without the
/// application id (written before it was set) is foiboard's only if it has all of them.
const OWN_TABLES: &[&str] = &[
    "bodies",
    "campaigns",
    "requests",
    "events",
    "changes",
    "change_rows",
];

/// Reads the database's identity without writing: its application id when it is foiboard's
/// (or 0 for an empty file, or one written by foiboard before the id was set). Anything else
/// is refused in one sentence.
fn identify(conn: &Connection, path: &Path) -> Result<i64> {
    let shown = crate::text::line(&path.display().to_string());
    let not_ours = |what: &str| {
        StoreError::Invalid(format!(
            "{shown} is {what}, not a foiboard database; foiboard has not changed it. Choose another file with --db (or FOIBOARD_DB)"
        ))
    };
    let app_id: i64 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(id) => id,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(not_ours("not a SQLite database at all"))
        }
        Err(e) => return Err(e.into()),
    };
    if app_id == APPLICATION_ID {
        return Ok(app_id);
    }
    if app_id != 0 {
        return Err(not_ours("a SQLite database made by another program"));
    }
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        let names = stmt.query_map([], |r| r.get(0))?;
        names.collect::<rusqlite::Result<_>>()?
    };
    if tables.is_empty() || OWN_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) {
        Ok(app_id)
    } else {
        Err(not_ours("a SQLite database made by another program"))
    }
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
        let open_err = |source: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            source: source.into(),
        };
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // Before anything could write a byte (WAL mode rewrites the header): is it ours?
        let app_id = identify(&conn, path)?;
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
        let store = Store {
            conn: Conn::sqlite(conn),
            path: path.to_path_buf(),
            author: default_author(),
            calendars: RefCell::new(None),
            last_change: std::cell::Cell::new(None),
        };
        migrate::migrate(&store.conn)?;
        if app_id != APPLICATION_ID {
            store
                .conn
                .execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        Ok(store)
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema up to date. Returns
    /// whether the schema was new (the database needs seeding). The author of changes is the
    /// database role the member logs in as.
    pub fn connect(url: &str) -> Result<(Store, bool)> {
        let target = db::PgTarget::parse(url)?;
        let conn = Conn::postgres(&target)?;
        Store::on_connection_fresh(conn)
    }

    /// A store on an open PostgreSQL connection, its schema brought up to date.
    pub(crate) fn on_connection(conn: Conn) -> Result<Store> {
        Ok(Store::on_connection_fresh(conn)?.0)
    }

    fn on_connection_fresh(conn: Conn) -> Result<(Store, bool)> {
        let Some(target) = conn.as_postgres().map(|pg| pg.target().clone()) else {
            return Err(StoreError::Invalid("not a server connection".into()));
        };
        let fresh = !conn.query_row(
            "SELECT count(*) > 0 FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name = 'foiboard_schema'",
            [],
            |r| r.get::<bool>(0),
        )?;
        migrate::migrate(&conn)?;
        if let Some(pg) = conn.as_postgres() {
            pg.listen()?;
        }
        let author: String = conn.query_row("SELECT current_user::text", [], |r| r.get(0))?;
        let local = dirs::data_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("foiboard")
            .join("servers")
            .join(local_name(&target));
        Ok((
            Store {
                conn,
                path: local,
                author,
                calendars: RefCell::new(None),
                last_change: std::cell::Cell::new(None),
            },
            fresh,
        ))
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

    /// Runs a write again when the database stayed busy past the busy timeout.
    fn with_retry<T>(&mut self, mut f: impl FnMut(&mut Store) -> Result<T>) -> Result<T> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match f(self) {
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
        let mut p = Policy::default();
        if let Some(c) = self.setting("convention")? {
            p.convention = c
                .parse()
                .map_err(|e: crate::law::UnknownWord| StoreError::Invalid(e.to_string()))?;
        }
        Ok(p)
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

    /// A consistent copy of the database at `dest` while others keep working (online backup).
    /// Written into a temporary file beside `dest` and renamed only once it passes its
    /// integrity check: an interrupted backup leaves no file that blocks the next one, and
    /// `dest` never holds half a database.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if self.conn.as_sqlite().is_none() {
            return Err(StoreError::Invalid(self.backup_elsewhere()));
        }
        let name = crate::outfile::shown(dest);
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
        crate::outfile::check(dest, &self.path, false)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let folder_err = |source| StoreError::Folder {
            path: dest.to_path_buf(),
            source,
        };
        let (tmp, file) = crate::private::temp_beside(dest).map_err(folder_err)?;
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

    /// `PRAGMA integrity_check` of this database; a PostgreSQL server checks its own pages, so
    /// there it is the answer to a query that reads every table's row count.
    pub fn integrity_check(&self) -> Result<String> {
        if self.conn.as_sqlite().is_none() {
            self.conn
                .query_row("SELECT count(*) FROM changes", [], |r| r.get::<i64>(0))?;
            return Ok("ok".into());
        }
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// A file name for what this machine keeps of a server's database: "db.example.org-5432-nhs".
fn local_name(t: &db::PgTarget) -> String {
    let shown = t.to_string();
    let tail = shown.trim_start_matches("postgres://");
    let tail = tail.split_once('@').map_or(tail, |(_, h)| h);
    let name: String = tail
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{name}.db")
}

/// The author name: `FOIBOARD_USER`, else `$USER`, else "unknown".
fn default_author() -> String {
    std::env::var("FOIBOARD_USER")
        .or_else(|_| std::env::var("USER"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Writes one setting through `w` (recorded or, for seeding, not).
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
