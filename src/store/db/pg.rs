//! PostgreSQL behind the store's connection: connecting (TLS through rustls, SCRAM by the
//! server's choice), the SQL translated to its dialect, parameters and columns read into the
//! store's five value shapes, and the change channel a board listens on.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use bytes::BytesMut;
use postgres::error::SqlState;
use postgres::types::{FromSql, IsNull, ToSql, Type};

use super::value::{Value, ValueRef};
use super::{Error, Result};

/// The channel every committed write notifies, and every board listens on.
pub const CHANNEL: &str = "foiboard_changes";

/// How the connection is protected, as libpq's `sslmode` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// No TLS: allowed only to this machine (a Unix socket or loopback).
    Disable,
    /// TLS, but the server's certificate is not checked.
    Require,
    /// TLS, the certificate checked against `sslrootcert` and the host name.
    VerifyFull,
}

/// Where a PostgreSQL database is and how to reach it: a `postgres://` URL with the options
/// foiboard reads itself (`sslmode`, `sslrootcert`) taken out.
#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
    tls: TlsMode,
    root_cert: Option<std::path::PathBuf>,
    /// The URL without its password, for messages.
    shown: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl std::fmt::Display for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// Whether `s` names a PostgreSQL database rather than a file.
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

impl PgTarget {
    /// Reads a `postgres://USER[:PASSWORD]@HOST[:PORT]/DB?sslmode=...&sslrootcert=FILE` URL.
    /// Without a password in it, `PGPASSWORD` is used.
    pub fn parse(url: &str) -> Result<PgTarget> {
        let bad = |why: &str| {
            Error::Connect(format!(
                "{why}. Write it as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=FILE"
            ))
        };
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, q),
            None => (url, ""),
        };
        let mut tls = None;
        let mut root_cert = None;
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "sslmode" => {
                    tls = Some(match v {
                        "disable" => TlsMode::Disable,
                        "require" => TlsMode::Require,
                        "verify-full" => TlsMode::VerifyFull,
                        other => {
                            return Err(bad(&format!(
                        "sslmode={other} is not one foiboard knows (disable, require, verify-full)"
                    )))
                        }
                    })
                }
                "sslrootcert" => root_cert = Some(std::path::PathBuf::from(percent_decode(v))),
                _ => kept.push(pair),
            }
        }
        let rebuilt = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        let mut config: postgres::Config = rebuilt.parse().map_err(|e: postgres::Error| {
            bad(&format!("the database address is not valid ({e})"))
        })?;
        if config.get_user().is_none() {
            return Err(bad("the database address names no user"));
        }
        if config.get_dbname().is_none() {
            return Err(bad("the database address names no database"));
        }
        if config.get_password().is_none() {
            if let Ok(p) = std::env::var("PGPASSWORD") {
                config.password(p);
            }
        }
        let local = config.get_hosts().iter().all(|h| match h {
            postgres::config::Host::Tcp(name) => {
                name == "localhost"
                    || name
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            #[cfg(unix)]
            postgres::config::Host::Unix(_) => true,
        });
        let tls = match tls {
            Some(t) => t,
            None if local => TlsMode::Disable,
            None if root_cert.is_some() => TlsMode::VerifyFull,
            None => {
                return Err(bad(
                    "a server on another machine is reached over TLS: add sslmode=verify-full&sslrootcert=FILE (the server's certificate authority) to the address",
                ))
            }
        };
        if tls == TlsMode::Disable && !local {
            return Err(bad(
                "sslmode=disable would send the password and the campaign's data unencrypted to another machine; use sslmode=verify-full",
            ));
        }
        if tls == TlsMode::VerifyFull && root_cert.is_none() {
            return Err(bad(
                "sslmode=verify-full needs the server's certificate authority: add sslrootcert=FILE",
            ));
        }
        let user = config.get_user().unwrap_or("");
        let host = config
            .get_hosts()
            .first()
            .map(|h| match h {
                postgres::config::Host::Tcp(n) => n.clone(),
                #[cfg(unix)]
                postgres::config::Host::Unix(p) => p.display().to_string(),
            })
            .unwrap_or_default();
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let db = config.get_dbname().unwrap_or("");
        let shown = crate::text::line(&format!("postgres://{user}@{host}:{port}/{db}"));
        Ok(PgTarget {
            config,
            tls,
            root_cert,
            shown,
        })
    }

    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or("")
    }

    pub fn dbname(&self) -> &str {
        self.config.get_dbname().unwrap_or("")
    }

    /// The same server and credentials, another database (the maintenance database for
    /// `server init`).
    pub fn with_dbname(&self, db: &str) -> PgTarget {
        let mut t = self.clone();
        t.config.dbname(db);
        t.shown = match self.shown.rsplit_once('/') {
            Some((head, _)) => format!("{head}/{db}"),
            None => self.shown.clone(),
        };
        t
    }

    pub(crate) fn connect(&self) -> Result<postgres::Client> {
        self.connect_within(std::time::Duration::from_secs(10))
    }

    /// Connects, giving up after `wait` (a board reconnecting must not freeze for long).
    pub(crate) fn connect_within(&self, wait: std::time::Duration) -> Result<postgres::Client> {
        let mut config = self.config.clone();
        config.application_name("foiboard");
        config.connect_timeout(wait);
        let failed = |e: postgres::Error| {
            Error::Connect(format!(
                "cannot connect to the PostgreSQL database {}: {}. Check the address, that the server is running and that you are a member of the group's database",
                self.shown,
                describe(&e)
            ))
        };
        match self.tls {
            TlsMode::Disable => {
                config.ssl_mode(postgres::config::SslMode::Disable);
                config.connect(postgres::NoTls).map_err(failed)
            }
            TlsMode::Require | TlsMode::VerifyFull => {
                config.ssl_mode(postgres::config::SslMode::Require);
                let tls = tokio_postgres_rustls::MakeRustlsConnect::new(self.tls_config()?);
                config.connect(tls).map_err(failed)
            }
        }
    }

    fn tls_config(&self) -> Result<rustls::ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Connect(format!("TLS cannot be set up: {e}")))?;
        let config = match (&self.tls, &self.root_cert) {
            (TlsMode::VerifyFull, Some(path)) => {
                let pem = std::fs::read(path).map_err(|e| {
                    Error::Connect(format!(
                        "cannot read the certificate authority {} (sslrootcert): {e}",
                        crate::text::line(&path.display().to_string())
                    ))
                })?;
                let mut roots = rustls::RootCertStore::empty();
                for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
                    let cert = cert.map_err(|e| {
                        Error::Connect(format!(
                            "{} is not a PEM certificate file (sslrootcert): {e}",
                            path.display()
                        ))
                    })?;
                    roots.add(cert).map_err(|e| {
                        Error::Connect(format!(
                            "{} holds an unusable certificate: {e}",
                            path.display()
                        ))
                    })?;
                }
                if roots.is_empty() {
                    return Err(Error::Connect(format!(
                        "{} holds no certificate (sslrootcert): give the server's certificate authority in PEM",
                        path.display()
                    )));
                }
                builder.with_root_certificates(roots).with_no_client_auth()
            }
            _ => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unchecked(provider)))
                .with_no_client_auth(),
        };
        Ok(config)
    }
}

/// `sslmode=require`: encrypted, the certificate not checked (as libpq does).
#[derive(Debug)]
struct Unchecked(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(n) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A connection to the server, with its prepared statements and the notifications it has
/// seen.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    cache: RefCell<HashMap<String, postgres::Statement>>,
    target: PgTarget,
    /// Notifications of colleagues' commits seen so far (and reconnections): the board's
    /// cue to reload.
    seen: Cell<i64>,
}

impl PgConn {
    pub fn connect(target: &PgTarget) -> Result<PgConn> {
        let conn = PgConn {
            client: RefCell::new(target.connect()?),
            cache: RefCell::new(HashMap::new()),
            target: target.clone(),
            seen: Cell::new(0),
        };
        conn.batch("SET client_min_messages = warning")?;
        Ok(conn)
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

    pub fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    /// Starts listening on the change channel.
    pub fn listen(&self) -> Result<()> {
        self.batch(&format!("LISTEN {CHANNEL}"))
    }

    /// A number that grows with every notification seen and every reconnection: the board
    /// compares it between ticks. A connection found closed is opened again (listening
    /// again), which counts as a change, since anything may have happened meanwhile.
    pub fn change_count(&self) -> Result<i64> {
        let closed = self.client.borrow().is_closed();
        if closed {
            self.reconnect()?;
        }
        let polled = {
            let mut client = self.client.borrow_mut();
            let mut notes = client.notifications();
            // A moment's wait, not the non-blocking iterator: that one returns only what was
            // read already, and between queries nothing reads the socket.
            let mut it = notes.timeout_iter(std::time::Duration::from_millis(5));
            let mut n = 0i64;
            loop {
                // A fallible iterator: `Ok(None)` when nothing more is waiting.
                match postgres::fallible_iterator::FallibleIterator::next(&mut it) {
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

    /// Opens the connection again after it dropped: statements are prepared anew.
    pub fn reconnect(&self) -> Result<()> {
        let client = self
            .target
            .connect_within(std::time::Duration::from_secs(3))?;
        *self.client.borrow_mut() = client;
        self.cache.borrow_mut().clear();
        self.batch("SET client_min_messages = warning")?;
        self.listen()?;
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

    postgres::types::to_sql_checked!();
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
