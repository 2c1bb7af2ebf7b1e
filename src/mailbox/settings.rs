//! The mailbox settings, read from the member's own config file and checked before anything
//! connects: an address that would send a password unencrypted to another machine is refused.

use crate::config::LocalConfig;

use super::{MailboxError, Result};

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (`imaps://`, port 993).
    Tls,
    /// Plain first, then STARTTLS before anything else is said (`imap://`, port 143).
    StartTls,
    /// No TLS at all: only to this machine (`imap+plain://127.0.0.1:1143`), such as a local
    /// mail bridge or a test server.
    Plain,
}

/// How the member signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// LOGIN with a password (`FOIBOARD_IMAP_PASSWORD` or `imap-password-command`).
    Password,
    /// SASL XOAUTH2 with an access token from `imap-token-command` (Gmail, Microsoft 365).
    XOAuth2,
    /// SASL OAUTHBEARER (RFC 7628) with an access token from `imap-token-command`.
    OAuthBearer,
}

/// Everything needed to reach and read the mailbox.
#[derive(Debug, Clone)]
pub struct Settings {
    pub security: Security,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub auth: Auth,
    /// The folders read for replies, INBOX unless `imap-folders` names others.
    pub folders: Vec<String>,
    /// The folder letters are filed in; found by its `\Sent` flag when not named.
    pub sent: Option<String>,
    /// A certificate authority (PEM) trusted besides the public ones, for a group's own
    /// mail server.
    pub ca_file: Option<std::path::PathBuf>,
    /// Messages larger than this are refused by name, not loaded.
    pub max_size: u64,
    /// Minutes between fetches while a board is open (none when unset).
    pub interval: Option<u32>,
    password_command: Option<String>,
    token_command: Option<String>,
}

/// A message larger than this is refused unless `imap-max-size` says otherwise.
pub const DEFAULT_MAX_MB: u64 = 25;

fn setup(why: String) -> MailboxError {
    MailboxError::Setup(why)
}

impl Settings {
    /// The mailbox as the member's config file describes it; `None` when `imap` is not set.
    pub fn from_config(local: &LocalConfig) -> Result<Option<Settings>> {
        let Some(url) = local.get("imap") else {
            return Ok(None);
        };
        let mut s = parse_address(url)?;
        if let Some(auth) = local.get("imap-auth") {
            s.auth = parse_auth(auth)?;
        }
        if let Some(folders) = local.get("imap-folders") {
            s.folders = folder_list(folders)?;
        }
        if let Some(sent) = local.get("imap-sent") {
            s.sent = Some(check_folder(sent.trim())?.to_string());
        }
        s.ca_file = local.get("imap-ca-file").map(std::path::PathBuf::from);
        if let Some(mb) = local.get("imap-max-size") {
            s.max_size = u64::from(above_zero("imap-max-size", mb, "megabytes: write e.g. 25")?)
                .saturating_mul(1024 * 1024);
        }
        if let Some(min) = local.get("imap-interval") {
            s.interval = Some(above_zero(
                "imap-interval",
                min,
                "minutes: write e.g. 10, or remove it",
            )?);
        }
        s.password_command = local.get("imap-password-command").map(String::from);
        s.token_command = local.get("imap-token-command").map(String::from);
        Ok(Some(s))
    }

    /// Whether `value` is one `key` of the mailbox settings can take (all but the address,
    /// which [`parse_address`] reads): what `foiboard config` asks before writing it, by the
    /// same reading as [`Settings::from_config`].
    pub fn check(key: &str, value: &str) -> Result<()> {
        match key {
            "imap-auth" => parse_auth(value).map(|_| ()),
            "imap-folders" => folder_list(value).map(|_| ()),
            "imap-sent" => check_folder(value.trim()).map(|_| ()),
            "imap-max-size" => above_zero(key, value, "megabytes: write e.g. 25").map(|_| ()),
            "imap-interval" => above_zero(key, value, "minutes: write e.g. 10").map(|_| ()),
            _ => Ok(()),
        }
    }

    /// Who and where, for messages and for the folder marks: `user@host:port`.
    pub fn account(&self) -> String {
        format!("{}@{}:{}", self.user, self.host, self.port)
    }

    /// The secret to sign in with: the password (`FOIBOARD_IMAP_PASSWORD`, else the output
    /// of `imap-password-command`) or, for OAuth, the token command's output.
    pub fn secret(&self) -> Result<String> {
        let run = |what: &str, cmd: &str| {
            crate::letters::mailout::command_output(what, cmd).map_err(|e| setup(e.to_string()))
        };
        match self.auth {
            Auth::Password => {
                if let Ok(p) = std::env::var("FOIBOARD_IMAP_PASSWORD") {
                    return Ok(p);
                }
                match &self.password_command {
                    Some(cmd) => run("imap-password-command", cmd),
                    None => Err(setup(format!(
                        "the mail server wants a password for {}: set FOIBOARD_IMAP_PASSWORD, or `foiboard config imap-password-command \"pass show mail\"`",
                        crate::text::line(&self.user)
                    ))),
                }
            }
            Auth::XOAuth2 | Auth::OAuthBearer => match &self.token_command {
                Some(cmd) => run("imap-token-command", cmd),
                None => Err(setup(
                    "signing in with OAuth needs a command that prints an access token: `foiboard config imap-token-command \"oama access you@gmail.com\"`".into(),
                )),
            },
        }
    }
}

/// Reads `imaps://user@host:993`, `imap://user@host:143` or `imap+plain://user@127.0.0.1:1143`.
/// Whether plain IMAP goes only to this machine is checked where connections are made
/// ([`super::connect::check_plain`]), on the name here and on the addresses it resolves to.
/// The user may be a whole address (`imaps://foi-group@example.org@imap.example.org`), its
/// `@` written as is or as `%40`.
pub fn parse_address(url: &str) -> Result<Settings> {
    let bad = |why: &str| {
        setup(format!(
            "the imap setting '{}' {why}: write it as imaps://you@imap.example.org (TLS), imap://you@imap.example.org (STARTTLS) or imap+plain://you@127.0.0.1:1143 (this machine only)",
            crate::text::line(url)
        ))
    };
    let (scheme, rest) = url
        .trim()
        .split_once("://")
        .ok_or_else(|| bad("has no scheme"))?;
    let (security, default_port) = match scheme {
        "imaps" => (Security::Tls, 993),
        "imap" => (Security::StartTls, 143),
        "imap+plain" => (Security::Plain, 143),
        _ => return Err(bad("has an unknown scheme")),
    };
    let (user, hostport) = rest
        .trim_end_matches('/')
        .rsplit_once('@')
        .ok_or_else(|| bad("names no user"))?;
    let user = user.replace("%40", "@");
    if user.is_empty() || user.chars().any(char::is_control) {
        return Err(bad("names no user"));
    }
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (
            h.trim_matches(['[', ']']).to_string(),
            p.parse::<u16>()
                .map_err(|_| bad("has a port that is not a number"))?,
        ),
        _ => (hostport.trim_matches(['[', ']']).to_string(), default_port),
    };
    if host.is_empty()
        || host.contains(['/', '?', '#', ' ', '@'])
        || host.chars().any(char::is_control)
    {
        return Err(bad("names no host"));
    }
    Ok(Settings {
        security,
        host,
        port,
        user,
        auth: Auth::Password,
        folders: vec!["INBOX".to_string()],
        sent: None,
        ca_file: None,
        max_size: DEFAULT_MAX_MB * 1024 * 1024,
        interval: None,
        password_command: None,
        token_command: None,
    })
}

/// `imap-auth`: how to sign in.
fn parse_auth(value: &str) -> Result<Auth> {
    match value.trim() {
        "password" => Ok(Auth::Password),
        "xoauth2" => Ok(Auth::XOAuth2),
        "oauthbearer" => Ok(Auth::OAuthBearer),
        other => Err(setup(format!(
            "imap-auth '{}' is not a way to sign in: write password, xoauth2 or oauthbearer",
            crate::text::line(other)
        ))),
    }
}

/// A whole number above 0, or what `key` takes (`unit`, with an example).
fn above_zero(key: &str, value: &str, unit: &str) -> Result<u32> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            setup(format!(
                "{key} '{}' is not a number of {unit}",
                crate::text::line(value)
            ))
        })
}

/// `imap-folders`: names separated by commas (`INBOX, FOI replies`).
fn folder_list(text: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let name = check_folder(name)?;
        if !out.iter().any(|f| f == name) {
            out.push(name.to_string());
        }
    }
    if out.is_empty() {
        return Err(setup(
            "imap-folders names no folder: write e.g. \"INBOX, FOI replies\"".into(),
        ));
    }
    Ok(out)
}

/// A folder name as IMAP can carry it: no line breaks or other control characters, which
/// would end the command early.
pub fn check_folder(name: &str) -> Result<&str> {
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(setup(format!(
            "the folder name '{}' cannot be asked for: it is empty or holds a line break or control character",
            crate::text::line(name)
        )));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_say_how_they_are_protected() {
        let s = parse_address("imaps://foi@example.org@imap.example.org").unwrap();
        assert_eq!(
            (s.security, s.user.as_str(), s.host.as_str(), s.port),
            (Security::Tls, "foi@example.org", "imap.example.org", 993)
        );
        let s = parse_address("imap://foi%40example.org@mail.example.org:1143").unwrap();
        assert_eq!(
            (s.security, s.user.as_str(), s.port),
            (Security::StartTls, "foi@example.org", 1143)
        );
        let s = parse_address("imap+plain://ann@127.0.0.1:14143").unwrap();
        assert_eq!((s.security, s.port), (Security::Plain, 14143));
        let s = parse_address("imap+plain://ann@[::1]:14143").unwrap();
        assert_eq!(s.host, "::1");
    }

    #[test]
    fn folder_names_that_would_end_a_command_are_refused() {
        assert!(folder_list("INBOX, FOI replies,INBOX").unwrap().len() == 2);
        assert!(folder_list("INBOX\r\nA1 DELETE INBOX").is_err());
        assert!(check_folder("Quotes \" and \\ back").is_ok());
    }
}
