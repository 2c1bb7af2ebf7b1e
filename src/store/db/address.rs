//! Where a group's PostgreSQL database is and how it is reached: the `postgres://` address
//! read (with the options foiboard handles itself, `sslmode` and `sslrootcert`), and TLS
//! through rustls, the certificate checked against the group's own authority.

use std::sync::Arc;

use super::pg::describe;
use super::{Error, Result};

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
