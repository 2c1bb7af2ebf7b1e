//! Reaching the mailbox: a TCP connection to the addresses the host name resolves to, TLS
//! (rustls, the public authorities plus the group's own when named) from the start or after
//! STARTTLS, then the sign-in. Plain IMAP goes only to this machine, checked on the addresses
//! actually dialled, not the name.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use super::settings::{Auth, Security, Settings};
use super::{MailboxError, Result};

/// How long to wait for the server to answer before saying it is gone.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The connection under the protocol: plain (this machine only) or TLS.
#[derive(Debug)]
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// A signed-in IMAP session.
pub type Session = imap::Session<Stream>;

/// Connects and signs in with `secret` (the password or access token).
pub fn open(s: &Settings, secret: &str) -> Result<Session> {
    let tcp = dial(s)?;
    let client = match s.security {
        Security::Plain => {
            let mut c = imap::Client::new(Stream::Plain(tcp));
            c.read_greeting().map_err(|e| gone(s, &e))?;
            c
        }
        Security::Tls => {
            let mut c = imap::Client::new(Stream::Tls(Box::new(tls(s, tcp)?)));
            c.read_greeting().map_err(|e| gone(s, &e))?;
            c
        }
        Security::StartTls => {
            let tcp = starttls(s, tcp)?;
            let mut c = imap::Client::new(Stream::Tls(Box::new(tls(s, tcp)?)));
            // After STARTTLS the server says nothing until asked.
            c.greeting_read = true;
            c
        }
    };
    let signed_in = match s.auth {
        Auth::Password => client.login(&s.user, secret).map_err(|(e, _)| e),
        Auth::XOAuth2 => client
            .authenticate("XOAUTH2", &OAuth::xoauth2(&s.user, secret))
            .map_err(|(e, _)| e),
        Auth::OAuthBearer => client
            .authenticate(
                "OAUTHBEARER",
                &OAuth::bearer(&s.user, &s.host, s.port, secret),
            )
            .map_err(|(e, _)| e),
    };
    signed_in.map_err(|e| match e {
        imap::Error::No(_) | imap::Error::Bad(_) => MailboxError::SignIn(format!(
            "the mail server {} refused the sign-in for {}: check the {} and try again",
            crate::text::line(&s.host),
            crate::text::line(&s.user),
            match s.auth {
                Auth::Password => "password (FOIBOARD_IMAP_PASSWORD or imap-password-command)",
                Auth::XOAuth2 | Auth::OAuthBearer => "access token imap-token-command prints",
            }
        )),
        other => gone(s, &other),
    })
}

/// What the member reads when the server cannot be reached or stops answering.
pub fn gone(s: &Settings, e: &imap::Error) -> MailboxError {
    MailboxError::Connect(format!(
        "the mail server {}:{} {}: check the imap setting and your connection, and try again",
        crate::text::line(&s.host),
        s.port,
        match e {
            imap::Error::Io(io) => format!("stopped answering ({io})"),
            imap::Error::ConnectionLost => "closed the connection".to_string(),
            imap::Error::Bye(_) => "said goodbye".to_string(),
            other => format!(
                "answered what foiboard cannot use ({})",
                crate::text::line(&other.to_string())
            ),
        }
    ))
}

/// Refuses plain IMAP to a host not written as this machine (127.0.0.1, ::1, localhost),
/// before anything resolves or connects: the password would cross a network in clear.
pub fn check_plain(s: &Settings) -> Result<()> {
    if s.security == Security::Plain && !crate::store::db::is_local_name(&s.host) {
        return Err(MailboxError::Setup(format!(
            "imap+plain://...@{} would send your password and the group's mail unencrypted to another machine; plain IMAP is only for this machine (127.0.0.1, ::1, localhost): use imaps:// or imap://",
            crate::text::line(&s.host)
        )));
    }
    Ok(())
}

/// The TCP connection, to the first address that answers.
fn dial(s: &Settings) -> Result<TcpStream> {
    check_plain(s)?;
    let addrs: Vec<SocketAddr> = (s.host.as_str(), s.port)
        .to_socket_addrs()
        .map_err(|e| {
            MailboxError::Connect(format!(
                "cannot find the mail server {}: {e}. Check the imap setting and your connection",
                crate::text::line(&s.host)
            ))
        })?
        .collect();
    if s.security == Security::Plain && addrs.iter().any(|a| !a.ip().is_loopback()) {
        return Err(MailboxError::Setup(format!(
            "{} is not only this machine, and plain IMAP would send your password unencrypted: use imaps:// or imap://",
            crate::text::line(&s.host)
        )));
    }
    let mut last = None;
    for addr in &addrs {
        match TcpStream::connect_timeout(addr, Duration::from_secs(20)) {
            Ok(tcp) => {
                let _ = tcp.set_read_timeout(Some(TIMEOUT));
                let _ = tcp.set_write_timeout(Some(TIMEOUT));
                return Ok(tcp);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(MailboxError::Connect(format!(
        "cannot connect to the mail server {}:{}{}: check the imap setting and that the server is up",
        crate::text::line(&s.host),
        s.port,
        last.map(|e| format!(" ({e})")).unwrap_or_default()
    )))
}

/// Asks for STARTTLS on a plain connection and waits for the server's yes; nothing else is
/// said in clear.
fn starttls(s: &Settings, tcp: TcpStream) -> Result<TcpStream> {
    let io = |e: std::io::Error| gone(s, &imap::Error::Io(e));
    let mut reader = BufReader::new(tcp.try_clone().map_err(io)?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(io)?;
    if !line.starts_with("* OK") {
        return Err(MailboxError::Server(format!(
            "the mail server {} did not greet as IMAP servers do: check the port in the imap setting",
            crate::text::line(&s.host)
        )));
    }
    (&tcp).write_all(b"s1 STARTTLS\r\n").map_err(io)?;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(io)? == 0 {
            return Err(gone(s, &imap::Error::ConnectionLost));
        }
        if line.starts_with("s1 OK") {
            break;
        }
        if line.starts_with("s1 ") {
            return Err(MailboxError::Setup(format!(
                "the mail server {} does not offer STARTTLS: use imaps:// (port 993)",
                crate::text::line(&s.host)
            )));
        }
    }
    if !reader.buffer().is_empty() {
        // Bytes sent before the handshake could be an attacker's, injected in clear.
        return Err(MailboxError::Server(
            "the mail server sent more than its STARTTLS answer before TLS began: refused".into(),
        ));
    }
    Ok(tcp)
}

/// TLS over `tcp`, the server's certificate checked against the public authorities and the
/// group's own (`imap-ca-file`) for the host name in the setting.
fn tls(
    s: &Settings,
    tcp: TcpStream,
) -> Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = &s.ca_file {
        let group =
            crate::files::authority::read(path, "imap-ca-file").map_err(MailboxError::Setup)?;
        roots.roots.extend(group.roots);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| MailboxError::Setup(format!("TLS cannot be set up: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(s.host.clone()).map_err(|_| {
        MailboxError::Setup(format!(
            "{} is not a host name TLS can check",
            crate::text::line(&s.host)
        ))
    })?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name)
        .map_err(|e| MailboxError::Setup(format!("TLS cannot be set up: {e}")))?;
    let mut stream = rustls::StreamOwned::new(conn, tcp);
    // The handshake now, so a certificate problem is named as one.
    while stream.conn.is_handshaking() {
        stream
            .conn
            .complete_io(&mut stream.sock)
            .map_err(|e| {
                MailboxError::Connect(format!(
                    "TLS with the mail server {} failed: {e}. If the group runs its own mail server, name its certificate authority with `foiboard config imap-ca-file FILE`",
                    crate::text::line(&s.host)
                ))
            })?;
    }
    Ok(stream)
}

/// SASL for OAuth providers: XOAUTH2 (Gmail, Microsoft 365) or OAUTHBEARER (RFC 7628).
/// A second challenge is the server's error report, answered empty so it ends with NO.
struct OAuth {
    first: String,
    asked: std::cell::Cell<bool>,
}

impl OAuth {
    fn xoauth2(user: &str, token: &str) -> OAuth {
        OAuth {
            first: format!("user={user}\x01auth=Bearer {token}\x01\x01"),
            asked: std::cell::Cell::new(false),
        }
    }

    fn bearer(user: &str, host: &str, port: u16, token: &str) -> OAuth {
        OAuth {
            first: format!(
                "n,a={user},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01"
            ),
            asked: std::cell::Cell::new(false),
        }
    }
}

impl imap::Authenticator for OAuth {
    type Response = String;
    fn process(&self, _challenge: &[u8]) -> String {
        if self.asked.replace(true) {
            String::new()
        } else {
            self.first.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imap::Authenticator;

    #[test]
    fn plain_imap_to_another_machine_is_refused() {
        for url in [
            "imap+plain://ann@mail.example.org:143",
            "imap+plain://ann@10.0.0.5",
            "imap+plain://ann@127.0.0.1.example.org",
        ] {
            let s = crate::mailbox::settings::parse_address(url).unwrap();
            let e = check_plain(&s).unwrap_err().to_string();
            assert!(e.contains("unencrypted"), "{url}: {e}");
        }
        for url in ["imapx://a@b", "imaps://host-only", "imaps://a@host:port"] {
            assert!(
                crate::mailbox::settings::parse_address(url).is_err(),
                "{url}"
            );
        }
    }

    #[test]
    fn oauth_says_the_token_once_and_answers_an_error_empty() {
        let x = OAuth::xoauth2("foi@example.org", "ya29.token");
        assert_eq!(
            x.process(b""),
            "user=foi@example.org\x01auth=Bearer ya29.token\x01\x01"
        );
        assert_eq!(x.process(b"{\"status\":\"401\"}"), "");
        let b = OAuth::bearer("foi@example.org", "imap.gmail.com", 993, "t");
        assert_eq!(
            b.process(b""),
            "n,a=foi@example.org,\x01host=imap.gmail.com\x01port=993\x01auth=Bearer t\x01\x01"
        );
    }
}
