//! PostgreSQL behind the store's connection: connecting (TLS through rustls, SCRAM by the
//! server's choice), the SQL translated to its dialect, parameters and columns read into the
//! store's value shapes, several reads sent in one round trip, and the change channel a
//! board listens on.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytes::BytesMut;
use postgres::error::SqlState;
use postgres::types::{FromSql, IsNull, ToSql, Type};

pub use super::address::PgTarget;
use super::value::{Value, ValueRef};
use super::{Error, Result};

/// The channel every committed write notifies, and every board listens on.
pub const CHANNEL: &str = "foiboard_changes";

/// A connection to the server, with its prepared statements and the notifications it has
/// seen.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    cache: RefCell<HashMap<String, postgres::Statement>>,
    /// Statements asked for once: the second time, one is prepared and kept. A command
    /// that runs once sends each statement with its values in one round trip instead of
    /// two (prepare, then run); a board's repeated queries are prepared on their second use.
    asked: RefCell<std::collections::HashSet<String>>,
    target: PgTarget,
    /// Notifications of colleagues' commits seen so far (and reconnections): the board's
    /// cue to reload.
    seen: Cell<i64>,
    /// After a failed reconnection: when the next may be tried, and what the last one said.
    /// A board checks four times a second; a server out of reach must not make each check
    /// wait for a connection timeout.
    retry: RefCell<Option<(Instant, String)>>,
    /// This connection's server process: its own commits notify it too, and a board that
    /// made a change has reloaded already. Known once the connection listens.
    own_pid: Cell<i32>,
    /// Whether this connection listens on the change channel: only a board asks, at its
    /// first check; a command that runs once never needs the round trips.
    listening: Cell<bool>,
}

/// How long a board waits between attempts to reach a server that went away.
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// A client on `target`, set up as every foiboard session is (its settings sent with the
/// connection, no round trip of their own).
fn open_client(target: &PgTarget, wait: Duration) -> Result<postgres::Client> {
    target.connect_within(wait)
}

impl PgConn {
    pub fn connect(target: &PgTarget) -> Result<PgConn> {
        let client = open_client(target, Duration::from_secs(10))?;
        Ok(PgConn {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
            asked: RefCell::new(std::collections::HashSet::new()),
            target: target.clone(),
            seen: Cell::new(0),
            retry: RefCell::new(None),
            own_pid: Cell::new(0),
            listening: Cell::new(false),
        })
    }

    pub fn target(&self) -> &PgTarget {
        &self.target
    }

    pub fn prepare(&self, sql: &str, cache: bool) -> Result<postgres::Statement> {
        if let Some(s) = self.cache.borrow().get(sql) {
            return Ok(s.clone());
        }
        let stmt = self
            .client
            .borrow_mut()
            .prepare(&super::dialect::to_postgres(sql))?;
        if cache {
            self.cache
                .borrow_mut()
                .insert(sql.to_string(), stmt.clone());
        }
        Ok(stmt)
    }

    /// The statement kept for `sql` if it is prepared already or asked for a second time
    /// (`keep`); `None` when it is better sent once, with its values ([`PgConn::query_once`]).
    pub fn prepared(&self, sql: &str, keep: bool) -> Result<Option<postgres::Statement>> {
        if let Some(s) = self.cache.borrow().get(sql) {
            return Ok(Some(s.clone()));
        }
        if keep && !self.asked.borrow_mut().insert(sql.to_string()) {
            return self.prepare(sql, true).map(Some);
        }
        Ok(None)
    }

    /// Whether `values` can go in text form, for the server to read as the types it infers
    /// (bytes cannot: they go prepared, in binary).
    pub fn sendable_once(values: &[Value]) -> bool {
        !values.iter().any(|v| matches!(v, Value::Blob(_)))
    }

    /// Runs `sql` with `values` in one round trip (parse, bind and execute sent together),
    /// each value in text form and its type left to the server, as a prepared statement's
    /// would be.
    pub fn query_once(&self, sql: &str, values: &[Value]) -> Result<Vec<postgres::Row>> {
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        Ok(self
            .client
            .borrow_mut()
            .query_typed(&super::dialect::to_postgres(sql), &untyped(&params))?)
    }

    /// As [`PgConn::query_once`], for a statement that returns no rows: how many it changed.
    pub fn execute_once(&self, sql: &str, values: &[Value]) -> Result<usize> {
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        Ok(self
            .client
            .borrow_mut()
            .execute_typed(&super::dialect::to_postgres(sql), &untyped(&params))?
            as usize)
    }

    pub fn query(
        &self,
        stmt: &postgres::Statement,
        values: &[Value],
    ) -> Result<Vec<postgres::Row>> {
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(self.client.borrow_mut().query(stmt, &refs)?)
    }

    pub fn execute(&self, stmt: &postgres::Statement, values: &[Value]) -> Result<usize> {
        let params: Vec<Param<'_>> = values.iter().map(Param).collect();
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(self.client.borrow_mut().execute(stmt, &refs)? as usize)
    }

    /// Several reads in one round trip: `statements`, their values written in as whole
    /// numbers ([`super::dialect::with_numbers`]), go as one simple-protocol message, and
    /// the rows of each come back in order (as text, read by the store's usual accessors).
    /// The `postgres` crate sends one statement at a time otherwise; a member far from the
    /// server pays their link's latency once here instead of once per statement.
    pub fn query_together(
        &self,
        statements: &[String],
    ) -> Result<Vec<Vec<postgres::SimpleQueryRow>>> {
        let replies = self
            .client
            .borrow_mut()
            .simple_query(&statements.join(";\n"))?;
        let mut sets: Vec<Vec<postgres::SimpleQueryRow>> = vec![Vec::new()];
        for reply in replies {
            match reply {
                postgres::SimpleQueryMessage::Row(row) => {
                    if let Some(set) = sets.last_mut() {
                        set.push(row);
                    }
                }
                postgres::SimpleQueryMessage::CommandComplete(_) => sets.push(Vec::new()),
                _ => {}
            }
        }
        sets.pop();
        if sets.len() != statements.len() {
            return Err(Error::Connect(format!(
                "the server answered {} of {} statements sent together",
                sets.len(),
                statements.len()
            )));
        }
        Ok(sets)
    }

    pub fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    /// Starts listening on the change channel, and learns this connection's server process
    /// (to tell its own commits from colleagues').
    /// One round trip: both statements go as one simple query.
    pub fn listen(&self) -> Result<()> {
        let replies = self
            .client
            .borrow_mut()
            .simple_query(&format!("LISTEN {CHANNEL}; SELECT pg_backend_pid()"))?;
        let pid = replies
            .iter()
            .find_map(|m| match m {
                postgres::SimpleQueryMessage::Row(row) => row.get(0)?.parse::<i32>().ok(),
                _ => None,
            })
            .ok_or_else(|| {
                Error::Connect("the server did not say which process serves this connection".into())
            })?;
        self.own_pid.set(pid);
        self.listening.set(true);
        Ok(())
    }

    /// A number that grows with every colleague's commit notified and every reconnection: the
    /// board compares it between ticks. A connection found closed is opened again (listening
    /// again), which counts as a change, since anything may have happened meanwhile.
    pub fn change_count(&self) -> Result<i64> {
        let closed = self.client.borrow().is_closed();
        if closed {
            self.reconnect()?;
        }
        if !self.listening.get() {
            // Nothing can have been notified before listening began: the first count is
            // the baseline, without waiting for notes that cannot be there.
            self.listen()?;
            return Ok(self.seen.get());
        }
        let polled = {
            let mut client = self.client.borrow_mut();
            let mut notes = client.notifications();
            // A millisecond's wait, not the non-blocking iterator: that one returns only what
            // was read already, and between statements nothing reads the socket. The wait
            // turns the client's event loop once, which reads every note already on the
            // socket. A round trip would be surer still, but would cost the board the
            // link's latency at every look (four a second) on a server across the internet.
            let mut it = notes.timeout_iter(Duration::from_millis(1));
            let mut n = 0i64;
            loop {
                // A fallible iterator: `Ok(None)` when nothing more is waiting.
                match postgres::fallible_iterator::FallibleIterator::next(&mut it) {
                    Ok(Some(note)) if note.process_id() == self.own_pid.get() => {}
                    Ok(Some(_)) => n += 1,
                    Ok(None) => break Ok(n),
                    Err(e) => break Err(e),
                }
            }
        };
        match polled {
            Ok(n) => {
                self.seen.set(self.seen.get() + n);
                Ok(self.seen.get())
            }
            Err(e) if e.is_closed() || is_io(&e) => {
                self.reconnect()?;
                Ok(self.seen.get())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the connection again after it dropped: statements are prepared anew. After a
    /// failure the next attempt waits [`RETRY_EVERY`]; until then the same failure is given.
    pub fn reconnect(&self) -> Result<()> {
        if let Some((at, why)) = self.retry.borrow().as_ref() {
            if Instant::now() < *at {
                return Err(Error::Connect(why.clone()));
            }
        }
        let client = match open_client(&self.target, Duration::from_secs(2)) {
            Ok(c) => c,
            Err(e) => {
                let why = format!("{e} (trying again every {} seconds)", RETRY_EVERY.as_secs());
                *self.retry.borrow_mut() = Some((Instant::now() + RETRY_EVERY, why.clone()));
                return Err(Error::Connect(why));
            }
        };
        *self.client.borrow_mut() = client;
        *self.retry.borrow_mut() = None;
        self.cache.borrow_mut().clear();
        self.asked.borrow_mut().clear();
        if self.listening.get() {
            self.listen()?;
        }
        self.seen.set(self.seen.get() + 1);
        Ok(())
    }
}

/// A parameter as the server asked for it: the store's value converted to the type the
/// server inferred for the placeholder (a whole number may go to an INT4 or a TEXT column).
#[derive(Debug)]
struct Param<'a>(&'a Value);

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        let texty = matches!(
            *ty,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
        );
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ if texty => i.to_string().as_str().to_sql(&Type::TEXT, out),
                _ => Err(format!("a whole number cannot go where {ty} is expected").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ if texty => f.to_string().as_str().to_sql(&Type::TEXT, out),
                _ => Err(format!("a number cannot go where {ty} is expected").into()),
            },
            Value::Text(s) => match *ty {
                Type::INT8 => s.trim().parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.trim().parse::<i32>()?.to_sql(ty, out),
                Type::JSON => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                _ => s.as_str().to_sql(&Type::TEXT, out),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ if texty => std::str::from_utf8(b)?.to_sql(&Type::TEXT, out),
                _ => Err(format!("bytes cannot go where {ty} is expected").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    /// A value sent with its type left to the server goes as text, which the server reads
    /// as whatever type it inferred (the binary forms differ by type).
    fn encode_format(&self, ty: &Type) -> postgres::types::Format {
        if *ty == Type::UNKNOWN {
            postgres::types::Format::Text
        } else {
            postgres::types::Format::Binary
        }
    }

    postgres::types::to_sql_checked!();
}

/// Values whose types the server infers (sent as text, see [`Param::encode_format`]).
fn untyped<'a>(params: &'a [Param<'_>]) -> Vec<(&'a (dyn ToSql + Sync), Type)> {
    params
        .iter()
        .map(|p| (p as &(dyn ToSql + Sync), Type::UNKNOWN))
        .collect()
}

/// A column as the store reads it, whatever its PostgreSQL type.
struct Column<'a>(ValueRef<'a>);

impl<'a> FromSql<'a> for Column<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(Column(match *ty {
            Type::INT8 => ValueRef::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => ValueRef::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => ValueRef::Integer(i16::from_sql(ty, raw)?.into()),
            Type::OID => ValueRef::Integer(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => ValueRef::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => ValueRef::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(raw.get(1..).unwrap_or_default()),
            _ => ValueRef::Text(raw),
        }))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, BoxError> {
        Ok(Column(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// NUMERIC's binary form (what `sum()` of BIGINT gives): base-10000 digits with a weight.
fn numeric(raw: &[u8]) -> std::result::Result<ValueRef<'static>, BoxError> {
    let word = |i: usize| -> std::result::Result<i16, BoxError> {
        Ok(i16::from_be_bytes([
            *raw.get(i).ok_or("short numeric")?,
            *raw.get(i + 1).ok_or("short numeric")?,
        ]))
    };
    let (ndigits, weight, sign, dscale) = (word(0)?, word(2)?, word(4)? as u16, word(6)?);
    if sign == 0xC000 {
        return Ok(ValueRef::Real(f64::NAN));
    }
    let mut value = 0f64;
    for i in 0..ndigits.max(0) as usize {
        let d = f64::from(word(8 + 2 * i)?);
        value += d * 10000f64.powi(i32::from(weight) - i as i32);
    }
    if sign == 0x4000 {
        value = -value;
    }
    Ok(if dscale == 0 && value.abs() < 9.0e15 {
        ValueRef::Integer(value as i64)
    } else {
        ValueRef::Real(value)
    })
}

pub fn value_ref(row: &postgres::Row, idx: usize) -> Result<ValueRef<'_>> {
    Ok(row.try_get::<_, Column<'_>>(idx)?.0)
}

/// The server's own message, with its detail and hint when it gave them.
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = db.message().to_string();
            if let Some(d) = db.detail() {
                s.push_str(&format!(" ({d})"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; {h}"));
            }
            s
        }
        None => e.to_string(),
    }
}

pub fn is_retryable(e: &postgres::Error) -> bool {
    let taken_number = e.code() == Some(&SqlState::UNIQUE_VIOLATION)
        && e.as_db_error().and_then(|d| d.constraint()) == Some("changes_pkey");
    taken_number
        || matches!(
            e.code(),
            Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
        )
}

/// Whether the connection failed under the error (the server went away, the network dropped).
pub fn is_io(e: &postgres::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    e.is_closed()
}
