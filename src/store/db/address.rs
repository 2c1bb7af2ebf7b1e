//! Where a group's PostgreSQL database is and how it is reached: the `postgres://` address
//! read (with the options foiboard handles itself, `sslmode` and `sslrootcert`), and TLS
//! through rustls, the certificate checked against the group's own authority.

use std::sync::Arc;

use super::pg::describe;
use super::tls::{read_roots, AnyName, Unchecked};
use super::{Error, Result};

/// How the connection is protected, as libpq's `sslmode` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// No TLS: allowed only to this machine (a Unix socket or loopback).
    Disable,
    /// TLS, but the server's certificate is not checked: allowed only to this machine, where
    /// nobody can stand in the middle.
    Require,
    /// TLS, the certificate checked against `sslrootcert` but not the host name.
    VerifyCa,
    /// TLS, the certificate checked against `sslrootcert` and the host name.
    VerifyFull,
}

/// Address options foiboard will not follow, and why: each could send the connection (and
/// the password) somewhere the address does not show.
const REFUSED: &[(&str, &str)] = &[
    ("service", "a service file can send the connection to any server; write the host, port and database in the address itself"),
    ("servicefile", "a service file can send the connection to any server; write the host, port and database in the address itself"),
    ("passfile", "foiboard reads ~/.pgpass (or the file PGPASSFILE names) itself"),
    ("sslcert", "client certificates are not supported; members sign in with a password"),
    ("sslkey", "client certificates are not supported; members sign in with a password"),
    ("requiressl", "write sslmode=verify-full instead"),
];

/// Where a PostgreSQL database is and how to reach it: a `postgres://` URL with the options
/// foiboard reads itself (`sslmode`, `sslrootcert`) taken out.
#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
    tls: TlsMode,
    root_cert: Option<std::path::PathBuf>,
    /// The URL without its password, for messages.
    shown: String,
    /// Whether the address itself carried the password (it then sits in shell history and
    /// in the process list): said once by the command line.
    password_in_address: bool,
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

/// Whether a host name is written as this machine: `localhost` or a loopback address
/// (`127.0.0.1`, `::1`, `[::1]`). The one check behind "plain only to this machine" for the
/// server, SMTP and IMAP alike; what a name resolves to is checked again where it connects.
pub fn is_local_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("localhost")
        || name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl PgTarget {
    /// Reads a `postgres://USER@HOST:PORT/DB?sslmode=...&sslrootcert=FILE` URL. Every option
    /// that chooses where to connect is checked before anything connects: a host list, a
    /// `hostaddr` and the host names must all be this machine for a connection without a
    /// checked certificate; to anything else only `sslmode=verify-full` (or `verify-ca`) with
    /// the group's certificate authority is accepted. The password comes from the address
    /// (warned about), `PGPASSWORD`, or later from a password command or `~/.pgpass`
    /// ([`PgTarget::needs_password`]).
    pub fn parse(url: &str) -> Result<PgTarget> {
        let bad = |why: &str| {
            Error::Address(format!(
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
            let k = percent_decode(k);
            if let Some((_, why)) = REFUSED.iter().find(|(name, _)| *name == k) {
                return Err(bad(&format!("the address option {k} is refused: {why}")));
            }
            match k.as_str() {
                "sslmode" => {
                    tls = Some(match percent_decode(v).as_str() {
                        "disable" => TlsMode::Disable,
                        "require" => TlsMode::Require,
                        "verify-ca" => TlsMode::VerifyCa,
                        "verify-full" => TlsMode::VerifyFull,
                        other => {
                            return Err(bad(&format!(
                                "sslmode={} is not one foiboard accepts (disable or require to this machine only; verify-full or verify-ca)",
                                crate::text::line(other)
                            )))
                        }
                    })
                }
                "sslrootcert" => root_cert = Some(std::path::PathBuf::from(percent_decode(v))),
                _ => kept.push(pair),
            }
        }
        // As libpq reads an address, a `host` or `port` in the query replaces the one before
        // the path (the client library would otherwise try both, the written one first).
        let given = |name: &str| {
            kept.iter()
                .any(|p| percent_decode(p.split_once('=').map_or(*p, |(k, _)| k)) == name)
        };
        let (base, moved_port) = without_authority_parts(base, given("host"), given("port"));
        // A port written after a host the query replaced still holds: it moves to the query.
        let moved_port = moved_port.map(|p| format!("port={p}"));
        kept.extend(moved_port.as_deref());
        let rebuilt = if kept.is_empty() {
            base
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
        let password_in_address = config.get_password().is_some();
        if !password_in_address {
            if let Ok(p) = std::env::var("PGPASSWORD") {
                config.password(p);
            }
        }
        // Where the connection goes: every host of a list, and every hostaddr (which is what
        // is dialled when given, whatever the host name says).
        let hosts_local = config.get_hosts().iter().all(|h| match h {
            postgres::config::Host::Tcp(name) => is_local_name(name),
            #[cfg(unix)]
            postgres::config::Host::Unix(_) => true,
        });
        let addrs_local = config.get_hostaddrs().iter().all(|ip| ip.is_loopback());
        let local = hosts_local && addrs_local;
        let tls = match tls {
            Some(t) => t,
            None if local => TlsMode::Disable,
            None if root_cert.is_some() => TlsMode::VerifyFull,
            None => {
                return Err(bad(if addrs_local {
                    "a server on another machine is reached over TLS: add sslmode=verify-full&sslrootcert=FILE (the server's certificate authority) to the address"
                } else {
                    "the address's hostaddr is not this machine, and a server on another machine is reached over TLS: add sslmode=verify-full&sslrootcert=FILE (the server's certificate authority) to the address"
                }))
            }
        };
        if !local {
            let whither = if addrs_local {
                "another machine"
            } else {
                "another machine (its hostaddr is not this machine)"
            };
            match tls {
                TlsMode::Disable => {
                    return Err(bad(&format!(
                        "sslmode=disable would send the password and the campaign's data unencrypted to {whither}; use sslmode=verify-full"
                    )))
                }
                TlsMode::Require => {
                    return Err(bad(&format!(
                        "sslmode=require does not check who answers at {whither}: anyone in the middle would receive the password. Use sslmode=verify-full with sslrootcert=FILE"
                    )))
                }
                TlsMode::VerifyCa | TlsMode::VerifyFull => {}
            }
        }
        if matches!(tls, TlsMode::VerifyFull | TlsMode::VerifyCa) && root_cert.is_none() {
            return Err(bad(
                "checking the server's certificate needs its certificate authority: add sslrootcert=FILE",
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
            password_in_address,
        })
    }

    /// Whether the password was written in the address itself.
    pub fn password_in_address(&self) -> bool {
        self.password_in_address
    }

    /// Whether no password is known yet (none in the address or `PGPASSWORD`).
    pub fn needs_password(&self) -> bool {
        self.config.get_password().is_none()
    }

    /// Uses `password` (from the member's password command).
    pub fn set_password(&mut self, password: &str) {
        self.config.password(password);
    }

    /// Takes the password from the password file (`PGPASSFILE`, else `~/.pgpass`) when it
    /// has a line for this server, port, database and user, as libpq does; a file others
    /// can read is passed over, as libpq does, with a warning.
    pub fn password_from_file(&mut self) -> Option<String> {
        let path = match std::env::var_os("PGPASSFILE") {
            Some(p) => std::path::PathBuf::from(p),
            None => dirs::home_dir()?.join(".pgpass"),
        };
        let meta = std::fs::metadata(&path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if meta.permissions().mode() & 0o077 != 0 {
                return Some(format!(
                    "the password file {} can be read by others, so it was not used: chmod 600 it",
                    crate::text::line(&path.display().to_string())
                ));
            }
        }
        #[cfg(not(unix))]
        let _ = meta;
        let text = std::fs::read_to_string(&path).ok()?;
        let host = match self.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(n)) => n.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(_)) => "localhost".to_string(),
            None => "localhost".to_string(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let wanted = [
            host,
            port.to_string(),
            self.config.get_dbname().unwrap_or("").to_string(),
            self.config.get_user().unwrap_or("").to_string(),
        ];
        if let Some(password) = pgpass_lookup(&text, &wanted) {
            self.config.password(password);
        }
        None
    }
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or("")
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

    /// Connects, giving up after `wait` (a board reconnecting must not freeze for long).
    pub(crate) fn connect_within(&self, wait: std::time::Duration) -> Result<postgres::Client> {
        let mut config = self.config.clone();
        config.application_name("foiboard");
        config.connect_timeout(wait);
        // Sent with the connection rather than set by a statement after it: one round trip
        // fewer for every command. A group's data is small and stays in the server's
        // memory, so reading a campaign's rows by index costs about what reading in order
        // does (PostgreSQL's default prices it as a spinning disk's seek, and then scans all
        // 55,000 events of a national database for one campaign's 1,200).
        let quiet = "-c client_min_messages=warning -c random_page_cost=1.1";
        let options = match config.get_options() {
            Some(o) if !o.trim().is_empty() => format!("{o} {quiet}"),
            _ => quiet.to_string(),
        };
        config.options(&options);
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
            TlsMode::Require | TlsMode::VerifyCa | TlsMode::VerifyFull => {
                config.ssl_mode(postgres::config::SslMode::Require);
                let tls = tokio_postgres_rustls::MakeRustlsConnect::new(self.tls_config()?);
                config.connect(tls).map_err(failed)
            }
        }
    }

    fn tls_config(&self) -> Result<rustls::ClientConfig> {
        let provider = Arc::new(super::tls::provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Connect(format!("TLS cannot be set up: {e}")))?;
        let roots = match (&self.tls, &self.root_cert) {
            (TlsMode::VerifyFull | TlsMode::VerifyCa, Some(path)) => Some(read_roots(path)?),
            _ => None,
        };
        let config = match (self.tls, roots) {
            (TlsMode::VerifyFull, Some(roots)) => {
                builder.with_root_certificates(roots).with_no_client_auth()
            }
            (TlsMode::VerifyCa, Some(roots)) => {
                let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider.clone(),
                )
                .build()
                .map_err(|e| Error::Connect(format!("TLS cannot be set up: {e}")))?;
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AnyName(inner)))
                    .with_no_client_auth()
            }
            (TlsMode::VerifyFull | TlsMode::VerifyCa, None) => {
                return Err(Error::Connect(
                    "checking the server's certificate needs its certificate authority: add sslrootcert=FILE".into(),
                ))
            }
            // Only to this machine (checked when the address was read).
            (TlsMode::Require | TlsMode::Disable, _) => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unchecked(provider)))
                .with_no_client_auth(),
        };
        Ok(config)
    }
}

/// The password for `wanted` (host, port, database, user) in a `.pgpass` text: the first
/// line whose four fields match, `*` matching anything, `\:` and `\\` escaped as libpq
/// writes them.
pub fn pgpass_lookup(text: &str, wanted: &[String; 4]) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() != 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(wanted)
            .all(|(f, w)| f == "*" || f == w)
        {
            return fields.pop();
        }
    }
    None
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

/// `base` (`postgres://USER@HOST:PORT/DB`) without the host before the path (`host`), its port
/// (`port`), or both: what a query's `host=` and `port=` replace. A port left without its host
/// is handed back, to be given in the query (an empty host with a port would be read as a
/// host named "").
fn without_authority_parts(base: &str, host: bool, port: bool) -> (String, Option<String>) {
    if !host && !port {
        return (base.to_string(), None);
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return (base.to_string(), None);
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), authority),
    };
    // The port follows the last colon outside an IPv6 address's brackets.
    let (h, p) = match hostport.rfind(':') {
        Some(i) if !hostport[i..].contains(']') => (&hostport[..i], &hostport[i + 1..]),
        _ => (hostport, ""),
    };
    let kept_port = (!port && !p.is_empty()).then(|| p.to_string());
    match (host, kept_port) {
        (true, moved) => (format!("{scheme}://{user}{path}"), moved),
        (false, _) => (format!("{scheme}://{user}{h}{path}"), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_or_port_in_the_query_replaces_the_one_before_the_path() {
        let t =
            PgTarget::parse("postgres://ann@localhost/foiboard?host=/var/run/postgresql&port=5499")
                .unwrap();
        #[cfg(unix)]
        assert_eq!(
            t.config.get_hosts(),
            &[postgres::config::Host::Unix("/var/run/postgresql".into())]
        );
        assert_eq!(t.config.get_ports(), &[5499]);
        assert_eq!(
            t.to_string(),
            "postgres://ann@/var/run/postgresql:5499/foiboard"
        );
        // Only what the query names is replaced; the user, database and the other part stay.
        let t =
            PgTarget::parse("postgres://ann:pw@localhost:6000/foiboard?host=127.0.0.1").unwrap();
        assert_eq!(t.config.get_ports(), &[6000]);
        assert_eq!(t.to_string(), "postgres://ann@127.0.0.1:6000/foiboard");
        // And the host the query names is the one checked: elsewhere needs verify-full.
        let e = refused("postgres://ann@localhost/foiboard?host=db.example.org&sslmode=require");
        assert!(e.contains("sslmode=require does not check"), "{e}");
        assert_eq!(
            without_authority_parts("postgres://a@[::1]:5432/d", true, false),
            ("postgres://a@/d".to_string(), Some("5432".to_string()))
        );
        assert_eq!(
            without_authority_parts("postgres://a@[::1]:5432/d", false, true),
            ("postgres://a@[::1]/d".to_string(), None)
        );
    }

    fn refused(url: &str) -> String {
        match PgTarget::parse(url) {
            Ok(t) => panic!("{url} was accepted as {t}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_hostaddr_elsewhere_is_checked_like_a_host() {
        // The host says this machine; the hostaddr is what would be dialled.
        let e = refused("postgres://ann@localhost/foiboard?hostaddr=10.9.9.9");
        assert!(e.contains("hostaddr is not this machine"), "{e}");
        let e = refused("postgres://ann@localhost/foiboard?hostaddr=10.9.9.9&sslmode=disable");
        assert!(e.contains("unencrypted") && e.contains("hostaddr"), "{e}");
        let e = refused("postgres://ann@localhost/foiboard?hostaddr=10.9.9.9&sslmode=require");
        assert!(e.contains("sslmode=require does not check"), "{e}");
        // To this machine it is fine.
        PgTarget::parse("postgres://ann@localhost/foiboard?hostaddr=127.0.0.1").unwrap();
    }

    #[test]
    fn every_host_of_a_list_is_checked() {
        let e = refused("postgres://ann@localhost,db.example.org/foiboard");
        assert!(e.contains("over TLS"), "{e}");
        let e = refused("postgres://ann@localhost/foiboard?host=db.example.org&sslmode=disable");
        assert!(e.contains("unencrypted"), "{e}");
    }

    #[test]
    fn an_unchecked_certificate_is_refused_for_another_machine() {
        let e = refused("postgres://ann@db.example.org/foiboard?sslmode=require");
        assert!(e.contains("anyone in the middle"), "{e}");
        let e = refused("postgres://ann@db.example.org/foiboard?sslmode=prefer");
        assert!(e.contains("not one foiboard accepts"), "{e}");
        let e = refused("postgres://ann@db.example.org/foiboard?sslmode=verify-ca");
        assert!(e.contains("sslrootcert"), "{e}");
        PgTarget::parse(
            "postgres://ann@db.example.org/foiboard?sslmode=verify-ca&sslrootcert=ca.crt",
        )
        .unwrap();
        PgTarget::parse(
            "postgres://ann@db.example.org/foiboard?sslmode=verify-full&sslrootcert=ca.crt",
        )
        .unwrap();
        // On this machine nobody stands in the middle.
        PgTarget::parse("postgres://ann@127.0.0.1/foiboard?sslmode=require").unwrap();
    }

    #[test]
    fn options_that_hide_where_the_connection_goes_are_refused() {
        for opt in [
            "service=group",
            "servicefile=/tmp/x",
            "passfile=/tmp/p",
            "sslcert=c",
        ] {
            let e = refused(&format!("postgres://ann@localhost/foiboard?{opt}"));
            assert!(e.contains("is refused"), "{opt}: {e}");
        }
    }

    #[test]
    fn a_password_in_the_address_is_noticed() {
        let t = PgTarget::parse("postgres://ann:secret@localhost/foiboard").unwrap();
        assert!(t.password_in_address());
        assert!(!t.to_string().contains("secret"));
    }

    #[test]
    fn pgpass_lines_match_as_libpq_reads_them() {
        let text = "# the group's server\n\
                    db.example.org:5432:other:ann:wrong\n\
                    db.example.org:*:foiboard:ann:pa\\:ss\\\\word\n\
                    *:*:*:*:fallback\n";
        let want = |h: &str, d: &str, u: &str| {
            pgpass_lookup(
                text,
                &[h.to_string(), "5432".into(), d.to_string(), u.to_string()],
            )
        };
        assert_eq!(
            want("db.example.org", "foiboard", "ann").as_deref(),
            Some("pa:ss\\word")
        );
        assert_eq!(want("elsewhere", "x", "bob").as_deref(), Some("fallback"));
        assert_eq!(pgpass_lookup("a:b:c\n", &Default::default()), None);
    }
}
