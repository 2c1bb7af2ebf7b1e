//! Opening a database: a file (created owner-only, identified as foiboard's before a byte is
//! written, WAL mode, upgraded in place) or a group's PostgreSQL server (TLS, the member's
//! login as the author of changes).

use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::db::{self, Conn};
use super::{migrate, Result, Store, StoreError};

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

/// How long a write waits for a colleague's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Reads the database's identity without writing: its application id when it is foiboard's
/// (or 0 for an empty file, or one written by foiboard before the id was set). Anything else
/// is refused in one sentence.
pub(super) fn identify(conn: &Connection, path: &Path) -> Result<i64> {
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

impl Store {
    /// Opens (creating if needed) the database at `path`, upgrades its schema and, when new,
    /// seeds nothing: seeding is [`crate::seed`]'s job, called by the commands.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                crate::files::private::create_dir(dir).map_err(|source| StoreError::Folder {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
        }
        let existed = path.exists();
        if existed && !folder_writable(path) {
            return Store::open_read_only(path);
        }
        if !existed {
            crate::files::private::create_new(path).map_err(|source| StoreError::Folder {
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
            file_id: file_id(path),
            conn: Conn::sqlite(conn),
            path: path.to_path_buf(),
            author: default_author(),
            calendars: RefCell::new(None),
            last_change: std::cell::Cell::new(None),
            reading: None,
        };
        migrate::migrate(&store.conn)?;
        if app_id != APPLICATION_ID {
            store
                .conn
                .execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        Ok(store)
    }

    /// Opens a database whose folder cannot be written (a read-only disk or mount): as it
    /// is on disk (`immutable`, so SQLite needs no `-shm` or lock file beside it), for
    /// reading. A write is refused, saying why.
    fn open_read_only(path: &Path) -> Result<Store> {
        let uri = immutable_uri(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&uri, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source: source.into(),
        })?;
        identify(&conn, path)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > migrate::SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found,
                known: migrate::SCHEMA_VERSION,
            });
        }
        if found < migrate::SCHEMA_VERSION {
            return Err(StoreError::Invalid(format!(
                "the database at {} is from an older foiboard and its folder cannot be written, so it cannot be brought up to date: copy it somewhere writable, or open it with the foiboard that made it",
                crate::text::line(&path.display().to_string())
            )));
        }
        Ok(Store {
            file_id: file_id(path),
            conn: Conn::sqlite(conn),
            path: path.to_path_buf(),
            author: default_author(),
            calendars: RefCell::new(None),
            last_change: std::cell::Cell::new(None),
            reading: None,
        })
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema up to date. Returns
    /// whether the schema was new (the database needs seeding). The author of changes is the
    /// database role the member logs in as.
    pub fn connect(url: &str) -> Result<(Store, bool)> {
        let mut target = db::PgTarget::parse(url)?;
        if target.needs_password() {
            // A password file others can read is passed over (as libpq does); the command
            // line says so, here it only goes unused.
            let _ = target.password_from_file();
        }
        Store::connect_to(&target)
    }

    /// How to open a second connection to this database on another thread (a board's fetch
    /// of the mailbox runs on its own connection so the board stays live).
    pub fn reopener(&self) -> Reopen {
        match self.conn.as_postgres() {
            Some(pg) => Reopen::Server(Box::new(pg.target().clone())),
            None => Reopen::File(self.path.clone(), self.author.clone()),
        }
    }

    /// As [`Store::connect`], to an address already read (and its password found).
    pub fn connect_to(target: &db::PgTarget) -> Result<(Store, bool)> {
        let conn = Conn::postgres(target)?;
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
        // What opening needs to know, in one round trip, from lookups a new server process
        // has cached already (scanning the catalogue's tables and roles cost a command 2 ms
        // of cold reads). The superuser test asks for a right only a superuser holds on the
        // roles' passwords table, for the login that signed in, not the role it set. The
        // schema's version comes from the session's settings, which the server gave it at
        // start (see `migrate::mark_server_version`).
        let (table, superuser, author, marked): (Option<i64>, bool, String, Option<String>) = conn
            .query_row(
                &format!(
                    "SELECT pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema())
                                || '.foiboard_schema')::oid::bigint,
                            pg_catalog.has_table_privilege(session_user, 'pg_catalog.pg_authid', 'SELECT'),
                            session_user::text,
                            pg_catalog.current_setting('{}', true)",
                    migrate::VERSION_SETTING
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let ours = table.is_some();
        // Another program's tables: left alone, as another program's SQLite file is.
        if !ours {
            let others: i64 = conn.query_row(
                "SELECT count(*) FROM pg_catalog.pg_class c
                 WHERE c.relnamespace = pg_catalog.current_schema()::pg_catalog.regnamespace
                   AND c.relkind IN ('r', 'p')",
                [],
                |r| r.get(0),
            )?;
            if others > 0 {
                return Err(StoreError::Invalid(format!(
                    "the PostgreSQL database {target} holds another program's tables, not foiboard's; foiboard has not changed it. Use the database `foiboard server init` made for the group (or an empty one)"
                )));
            }
        }
        let fresh = !ours;
        // A superuser (the host, copying a database in) reads tables only when nothing a
        // member left there could run in the session with the superuser's rights.
        if superuser && ours {
            let owners: Vec<String> = conn.query_row(
                "SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c
                 WHERE c.relname = 'changes' AND c.relnamespace = pg_catalog.current_schema()::pg_catalog.regnamespace",
                [],
                |r| Ok(vec![r.get::<String>(0)?]),
            )?;
            let owners: Vec<&str> = owners.iter().map(String::as_str).collect();
            let foreign = super::server::foreign_objects(&conn, &owners)?;
            if !foreign.is_empty() {
                return Err(StoreError::Refused(format!(
                    "the database {target} holds what foiboard did not create, so a superuser will not open it: {}. Remove them (as the postgres user) first",
                    foreign.iter().map(|f| crate::text::line(f)).collect::<Vec<_>>().join("; ")
                )));
            }
        }
        migrate::migrate_server(&conn, table, marked.as_deref())?;
        // The author is the login that signed in (session_user), which the session cannot
        // change (a `role` option or SET ROLE changes current_user only): the server stamps
        // rows with the same name. A board starts listening for colleagues' changes at its
        // first check.
        let local = dirs::data_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("foiboard")
            .join("servers")
            .join(local_name(&target));
        Ok((
            Store {
                file_id: None,
                conn,
                path: local,
                author,
                calendars: RefCell::new(None),
                last_change: std::cell::Cell::new(None),
                reading: None,
            },
            fresh,
        ))
    }
}

/// The SQLite URI that opens `path` as it is on disk (`immutable`: no `-wal` or `-shm`
/// beside it is read, no lock taken), the characters a URI gives a meaning, and every byte
/// outside printable ASCII (a folder named "Café"), percent-escaped: SQLite decodes them.
pub(super) fn immutable_uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().as_bytes().to_vec();
    let mut uri = String::from("file:");
    for b in bytes {
        match b {
            b'?' | b'#' | b'%' | 0..=0x20 | 0x7F..=0xFF => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(char::from(b)),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether the folder holding `path` can be written (SQLite's WAL mode keeps its `-wal` and
/// `-shm` files beside the database).
#[cfg(unix)]
fn folder_writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => std::path::PathBuf::from("."),
    };
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return true;
    };
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn folder_writable(_path: &Path) -> bool {
    true
}

/// The device and inode of the file at `path`, when there is one.
#[cfg(unix)]
pub(super) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(super) fn file_id(_path: &Path) -> Option<(u64, u64)> {
    None
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

/// The author name: `FOIBOARD_USER`, else `$USER` or `$LOGNAME`, else the login name the
/// system knows for this user (a cron job or a service has no `$USER`), else "unknown".
fn default_author() -> String {
    ["FOIBOARD_USER", "USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|s| !s.trim().is_empty())
        .or_else(system_login)
        .unwrap_or_else(|| "unknown".to_string())
}

/// This process's user's login name, from the system's user database.
#[cfg(unix)]
fn system_login() -> Option<String> {
    let mut buf = vec![0u8; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes only into `pwd` and `buf` (whose length is passed), and sets
    // `found` to `&pwd` or null; the name it points to lives in `buf`, read before it drops.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut found,
        )
    };
    if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: pw_name is a NUL-terminated string inside `buf`, checked non-null above.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    name.to_str()
        .ok()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

#[cfg(not(unix))]
fn system_login() -> Option<String> {
    None
}

/// Where a database is, to open it again from another thread.
#[derive(Debug, Clone)]
pub enum Reopen {
    /// The file, and the author its changes are recorded under.
    File(std::path::PathBuf, String),
    Server(Box<db::PgTarget>),
}

impl Reopen {
    pub fn open(&self) -> Result<Store> {
        match self {
            Reopen::File(path, author) => {
                let mut store = Store::open(path)?;
                store.set_author(author);
                Ok(store)
            }
            Reopen::Server(target) => Ok(Store::connect_to(target)?.0),
        }
    }
}
