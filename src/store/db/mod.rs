//! The store's one connection type, with two engines behind it: SQLite (embedded, the
//! default: one person or one host) and PostgreSQL (a server a group shares across laptops).
//!
//! The rest of the store writes its SQL once, in the dialect both engines share: numbered
//! placeholders (`?1`), `ON CONFLICT`, `count(*) FILTER (WHERE ...)`, `RETURNING`. The few
//! places where they differ are named in [`dialect`] and translated there, or asked for by
//! [`Conn::backend`] where the difference is more than words (full-text search, the change
//! watch, backups).

mod address;
mod dialect;
mod pg;
mod tls;
mod value;

use std::cell::Cell;

pub(crate) use crate::sql_params as params;
pub use address::{is_local_name, is_url, PgTarget};
pub use dialect::Backend;
pub use pg::CHANNEL;
pub use value::{conversion, params_from_iter, FromSql, Params, ToSql, Value, ValueRef};

/// What went wrong talking to the database. The store turns these into what a user reads.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Sqlite(rusqlite::Error),
    #[error("{}", pg::describe(.0))]
    Postgres(postgres::Error),
    #[error("column {column}: {message}")]
    Conversion { column: usize, message: String },
    #[error("the query returned no rows")]
    NoRows,
    #[error("{0}")]
    Connect(String),
    /// An address foiboard will not connect to (read before anything is dialled).
    #[error("{0}")]
    Address(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Postgres(e)
    }
}

impl Error {
    /// Whether trying again may succeed: SQLite busy or locked past its timeout, or a
    /// PostgreSQL transaction that lost a race with a colleague's (serialization failure or
    /// deadlock), which the server rolled back whole.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
            ),
            Error::Postgres(e) => pg::is_retryable(e),
            _ => false,
        }
    }

    /// Whether the connection to the server was lost (PostgreSQL only).
    pub fn is_disconnect(&self) -> bool {
        matches!(self, Error::Postgres(e) if e.is_closed() || pg::is_io(e))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `.optional()`: no row is `None` rather than an error.
pub trait Optional<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> Optional<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

enum Inner {
    Lite(rusqlite::Connection),
    /// Boxed: a server connection is larger than SQLite's handle, and rarer.
    Pg(Box<pg::PgConn>),
}

/// An open connection to either engine.
pub struct Conn {
    inner: Inner,
}

/// How a transaction takes its lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    /// A write: SQLite takes the write lock at once (`BEGIN IMMEDIATE`), so two writers queue
    /// rather than fail half way; PostgreSQL runs it SERIALIZABLE.
    Write,
    /// A dry run that is rolled back: no lock until it writes.
    Rehearsal,
}

impl Conn {
    pub fn sqlite(conn: rusqlite::Connection) -> Conn {
        Conn {
            inner: Inner::Lite(conn),
        }
    }

    /// Connects to the PostgreSQL server `target` names.
    pub fn postgres(target: &PgTarget) -> Result<Conn> {
        Ok(Conn {
            inner: Inner::Pg(Box::new(pg::PgConn::connect(target)?)),
        })
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            Inner::Lite(_) => Backend::Sqlite,
            Inner::Pg(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (pragmas, online backup, counters).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    /// The SQLite connection, mutably (the online backup writes into it).
    pub fn as_sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    pub(crate) fn as_postgres(&self) -> Option<&pg::PgConn> {
        match &self.inner {
            Inner::Pg(c) => Some(c),
            Inner::Lite(_) => None,
        }
    }

    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        self.statement(sql, false)
    }

    /// As [`Conn::prepare`], kept for the next time the same SQL is asked for.
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        self.statement(sql, true)
    }

    /// Several reads at once, `each` given the index of the read and each of its rows, in
    /// order. On a server whose reads take only whole numbers (ids), one round trip for all
    /// ([`pg::PgConn::query_together`]); otherwise one statement after the other.
    pub fn read_together(
        &self,
        reads: &[(&str, &[Value])],
        mut each: impl FnMut(usize, &Row<'_>) -> Result<()>,
    ) -> Result<()> {
        if let Inner::Pg(c) = &self.inner {
            let texts: Option<Vec<String>> = reads
                .iter()
                .map(|(sql, values)| dialect::with_numbers(&dialect::to_postgres(sql), values))
                .collect();
            if let Some(texts) = texts {
                for (i, rows) in c.query_together(&texts)?.iter().enumerate() {
                    for row in rows {
                        each(
                            i,
                            &Row {
                                inner: RowInner::Text(row),
                            },
                        )?;
                    }
                }
                return Ok(());
            }
        }
        for (i, (sql, values)) in reads.iter().enumerate() {
            let mut stmt = self.prepare_cached(sql)?;
            for done in stmt.query_map(values.to_vec(), |r| each(i, r))? {
                done?;
            }
        }
        Ok(())
    }

    fn statement(&self, sql: &str, cached: bool) -> Result<Stmt<'_>> {
        Ok(Stmt {
            inner: match &self.inner {
                Inner::Lite(c) if cached => StmtInner::Lite(c.prepare_cached(sql)?),
                Inner::Lite(c) => StmtInner::LiteFresh(c.prepare(sql)?),
                Inner::Pg(c) => match c.prepared(sql, cached)? {
                    Some(stmt) => StmtInner::Pg { stmt, conn: c },
                    None => StmtInner::PgOnce {
                        sql: sql.to_string(),
                        conn: c,
                    },
                },
            },
        })
    }

    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs an INSERT and gives the new row's id, or `None` when it inserted nothing (an
    /// `ON CONFLICT DO NOTHING` that met an existing row).
    pub fn insert_returning_id<P: Params>(&self, sql: &str, params: P) -> Result<Option<i64>> {
        let sql = format!("{} RETURNING id", sql.trim_end().trim_end_matches(';'));
        self.prepare_cached(&sql)?
            .query_row(params, |r| r.get(0))
            .optional()
    }

    /// Inserts `rows` (values in the order of `columns`) into `table`, as many rows to a
    /// statement as its parameters allow: one statement per row is a round trip per row on
    /// a server. `table` and `columns` are the store's own names, never a user's.
    pub fn insert_rows(&self, table: &str, columns: &[&str], rows: Vec<Vec<Value>>) -> Result<()> {
        /// Parameters per statement, under both engines' limits (SQLite 32,766).
        const MOST: usize = 30_000;
        let width = columns.len().max(1);
        let per = (MOST / width).max(1);
        let list = columns.join(", ");
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Value>> = rows.by_ref().take(per).collect();
            let marks: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let one: Vec<String> =
                        (1..=width).map(|c| format!("?{}", r * width + c)).collect();
                    format!("({})", one.join(", "))
                })
                .collect();
            let sql = format!("INSERT INTO {table} ({list}) VALUES {}", marks.join(", "));
            // Full batches repeat; the last, shorter one is prepared once.
            let mut stmt = if chunk.len() == per {
                self.prepare_cached(&sql)?
            } else {
                self.prepare(&sql)?
            };
            stmt.execute(params_from_iter(chunk.into_iter().flatten()))?;
        }
        Ok(())
    }

    /// Several statements without parameters (a migration).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Lite(c) => Ok(c.execute_batch(sql)?),
            Inner::Pg(c) => c.batch(sql),
        }
    }

    /// Starts a transaction; it rolls back unless [`Tx::commit`] is called.
    pub fn begin(&self, how: Begin) -> Result<Tx<'_>> {
        match &self.inner {
            Inner::Lite(c) => c.execute_batch(match how {
                Begin::Write => "BEGIN IMMEDIATE",
                Begin::Rehearsal => "BEGIN DEFERRED",
            })?,
            Inner::Pg(c) => c.batch("BEGIN ISOLATION LEVEL SERIALIZABLE")?,
        }
        Ok(Tx {
            conn: self,
            open: Cell::new(true),
            writes: how == Begin::Write,
        })
    }
}

/// An open transaction: every query of the connection runs inside it until it ends.
pub struct Tx<'c> {
    conn: &'c Conn,
    open: Cell<bool>,
    writes: bool,
}

impl Tx<'_> {
    /// Commits. On PostgreSQL a write first notifies the change channel: the server delivers
    /// the notification only if the commit succeeds, to every board listening.
    pub fn commit(self) -> Result<()> {
        if self.writes && self.conn.backend() == Backend::Postgres {
            self.conn.execute("SELECT pg_notify(?1, '')", [CHANNEL])?;
        }
        self.open.set(false);
        self.conn.execute_batch("COMMIT")
    }

    pub fn rollback(self) -> Result<()> {
        self.open.set(false);
        self.conn.execute_batch("ROLLBACK")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open.get() {
            // An error has already been returned; rolling back is all that is left to do, and
            // a connection that is gone has rolled back already.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

enum StmtInner<'c> {
    Lite(rusqlite::CachedStatement<'c>),
    LiteFresh(rusqlite::Statement<'c>),
    Pg {
        conn: &'c pg::PgConn,
        stmt: postgres::Statement,
    },
    /// Not prepared: sent with its values in one round trip when run.
    PgOnce {
        conn: &'c pg::PgConn,
        sql: String,
    },
}

/// A prepared statement.
pub struct Stmt<'c> {
    inner: StmtInner<'c>,
}

impl<'c> Stmt<'c> {
    /// Every row mapped by `f`, as an iterator of results.
    pub fn query_map<T, P, F>(&mut self, params: P, mut f: F) -> Result<MappedRows<'_, T, F>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let values = params.into_values();
        // A server's rows come whole and are mapped here; SQLite's are stepped as read.
        let server = |rows: Vec<postgres::Row>, f: &mut F| MappedRows {
            inner: MappedInner::Pg(
                rows.iter()
                    .map(|r| {
                        f(&Row {
                            inner: RowInner::Pg(r),
                        })
                    })
                    .collect::<Vec<Result<T>>>()
                    .into_iter(),
            ),
        };
        let s: &mut rusqlite::Statement<'c> = match &mut self.inner {
            StmtInner::Lite(s) => s,
            StmtInner::LiteFresh(s) => s,
            StmtInner::PgOnce { conn, sql } if pg::PgConn::sendable_once(&values) => {
                return Ok(server(conn.query_once(sql, &values)?, &mut f));
            }
            StmtInner::PgOnce { conn, sql } => {
                let rows = conn.query(&conn.prepare(sql, false)?, &values)?;
                return Ok(server(rows, &mut f));
            }
            StmtInner::Pg { conn, stmt } => return Ok(server(conn.query(stmt, &values)?, &mut f)),
        };
        bind(s, &values)?;
        Ok(MappedRows {
            inner: MappedInner::Lite {
                rows: s.raw_query(),
                f,
            },
        })
    }

    /// The first row mapped by `f`; [`Error::NoRows`] when there is none.
    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut f = Some(f);
        let mut rows = self.query_map(params, |r| match f.take() {
            Some(f) => f(r).map(Some),
            None => Ok(None),
        })?;
        match rows.next() {
            Some(Ok(Some(v))) => Ok(v),
            Some(Err(e)) => Err(e),
            _ => Err(Error::NoRows),
        }
    }

    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        let values = params.into_values();
        let s: &mut rusqlite::Statement<'c> = match &mut self.inner {
            StmtInner::Lite(s) => s,
            StmtInner::LiteFresh(s) => s,
            StmtInner::Pg { conn, stmt } => return conn.execute(stmt, &values),
            StmtInner::PgOnce { conn, sql } if pg::PgConn::sendable_once(&values) => {
                return conn.execute_once(sql, &values)
            }
            StmtInner::PgOnce { conn, sql } => {
                return conn.execute(&conn.prepare(sql, false)?, &values)
            }
        };
        bind(s, &values)?;
        Ok(s.raw_execute()?)
    }

    /// Runs an `INSERT ... RETURNING id` and gives the id.
    pub fn insert_id<P: Params>(&mut self, params: P) -> Result<i64> {
        self.query_row(params, |r| r.get(0))
    }

    pub fn column_names(&self) -> Vec<String> {
        match &self.inner {
            StmtInner::Lite(s) => s.column_names().map(str::to_string).collect(),
            StmtInner::LiteFresh(s) => s.column_names().map(str::to_string).collect(),
            StmtInner::Pg { stmt, .. } => stmt
                .columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect(),
            // Only the server knows them: asked of it (a rare question, so not kept).
            StmtInner::PgOnce { conn, sql } => conn
                .prepare(sql, false)
                .map(|stmt| {
                    stmt.columns()
                        .iter()
                        .map(|c| c.name().to_string())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    pub fn parameter_count(&self) -> usize {
        match &self.inner {
            StmtInner::Lite(s) => s.parameter_count(),
            StmtInner::LiteFresh(s) => s.parameter_count(),
            StmtInner::Pg { stmt, .. } => stmt.params().len(),
            StmtInner::PgOnce { conn, sql } => conn
                .prepare(sql, false)
                .map(|stmt| stmt.params().len())
                .unwrap_or(0),
        }
    }
}

/// Binds `values` to SQLite's placeholders `?1`..`?N`, clearing what an earlier run bound.
fn bind(s: &mut rusqlite::Statement<'_>, values: &[Value]) -> Result<()> {
    s.clear_bindings();
    let expected = s.parameter_count();
    if values.len() != expected {
        return Err(Error::Sqlite(rusqlite::Error::InvalidParameterCount(
            values.len(),
            expected,
        )));
    }
    for (i, v) in values.iter().enumerate() {
        let i = i + 1;
        match v {
            Value::Null => s.raw_bind_parameter(i, rusqlite::types::Null)?,
            Value::Integer(n) => s.raw_bind_parameter(i, n)?,
            Value::Real(f) => s.raw_bind_parameter(i, f)?,
            Value::Text(t) => s.raw_bind_parameter(i, t)?,
            Value::Blob(b) => s.raw_bind_parameter(i, b)?,
        }
    }
    Ok(())
}

enum MappedInner<'s, T, F> {
    Lite { rows: rusqlite::Rows<'s>, f: F },
    Pg(std::vec::IntoIter<Result<T>>),
}

/// The rows of a query, mapped. SQLite's are read as they are stepped; PostgreSQL's arrive
/// whole.
pub struct MappedRows<'s, T, F> {
    inner: MappedInner<'s, T, F>,
}

impl<T, F> Iterator for MappedRows<'_, T, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match &mut self.inner {
            MappedInner::Lite { rows, f } => match rows.next() {
                Ok(Some(r)) => Some(f(&Row {
                    inner: RowInner::Lite(r),
                })),
                Ok(None) => None,
                Err(e) => Some(Err(e.into())),
            },
            MappedInner::Pg(it) => it.next(),
        }
    }
}

enum RowInner<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
    /// A row of reads sent together: its columns as text, read as what the caller asks.
    Text(&'a postgres::SimpleQueryRow),
}

/// One row of a result.
pub struct Row<'a> {
    inner: RowInner<'a>,
}

impl Row<'_> {
    pub fn get_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        match &self.inner {
            RowInner::Lite(r) => Ok(match r.get_ref(idx)? {
                rusqlite::types::ValueRef::Null => ValueRef::Null,
                rusqlite::types::ValueRef::Integer(i) => ValueRef::Integer(i),
                rusqlite::types::ValueRef::Real(f) => ValueRef::Real(f),
                rusqlite::types::ValueRef::Text(t) => ValueRef::Text(t),
                rusqlite::types::ValueRef::Blob(b) => ValueRef::Blob(b),
            }),
            RowInner::Pg(r) => pg::value_ref(r, idx),
            RowInner::Text(r) => Ok(match r.try_get(idx)? {
                Some(t) => ValueRef::Untyped(t),
                None => ValueRef::Null,
            }),
        }
    }

    pub fn get<T: FromSql>(&self, idx: usize) -> Result<T> {
        T::from_sql(self.get_ref(idx)?).map_err(|m| conversion(idx, m))
    }

    pub fn column_count(&self) -> usize {
        match &self.inner {
            RowInner::Lite(r) => r.as_ref().column_count(),
            RowInner::Pg(r) => r.len(),
            RowInner::Text(r) => r.len(),
        }
    }
}
