//! Mail out: a letter made into an email and handed to the group's transport (an SMTP server,
//! a sendmail-compatible command, or `.eml` files in a folder). lettre builds the message, so
//! headers are encoded as the standards say and a newline in a name never starts a header.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};

use crate::store::Outgoing;

#[derive(Debug, thiserror::Error)]
pub enum MailOutError {
    /// The user's settings need changing.
    #[error("{0}")]
    Setup(String),
    /// One message could not go; the rest of the run may go on.
    #[error("{0}")]
    Send(String),
}

impl MailOutError {
    pub fn is_setup(&self) -> bool {
        matches!(self, MailOutError::Setup(_))
    }
}

/// Where letters go.
#[derive(Debug)]
pub enum Transport {
    Smtp(Box<SmtpTransport>),
    /// A command that reads a whole message on its standard input (`msmtp -t`, `sendmail -t`).
    Sendmail(Vec<String>),
    /// `.eml` files in a folder, to send by hand or check first; `db` is the database, which
    /// a file is never written over.
    Files {
        dir: PathBuf,
        db: PathBuf,
    },
}

/// The SMTP settings: `smtp://user@host:port` (STARTTLS) or `smtps://user@host:port` (TLS
/// from the start). Plain, unencrypted SMTP is only allowed to this machine (a local relay
/// or a test server): `smtp+plain://127.0.0.1:2525`.
pub fn smtp(url: &str, password: Option<String>) -> Result<Transport, MailOutError> {
    let bad = |why: &str| {
        MailOutError::Setup(format!(
            "the smtp setting '{}' {why}: write it as smtp://user@host:587 (STARTTLS), smtps://user@host:465 (TLS) or smtp+plain://127.0.0.1:25 (this machine only)",
            crate::text::line(url)
        ))
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("has no scheme"))?;
    let (user, hostport) = match rest.rsplit_once('@') {
        Some((u, h)) => (Some(u.to_string()), h),
        None => (None, rest),
    };
    let hostport = hostport.trim_end_matches('/');
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (
            h.trim_matches(['[', ']']).to_string(),
            Some(
                p.parse::<u16>()
                    .map_err(|_| bad("has a port that is not a number"))?,
            ),
        ),
        None => (hostport.to_string(), None),
    };
    if host.is_empty() {
        return Err(bad("names no host"));
    }
    let tls = || {
        TlsParameters::new(host.clone())
            .map_err(|e| MailOutError::Setup(format!("cannot set up TLS for {host}: {e}")))
    };
    let mut builder = match scheme {
        "smtp" => SmtpTransport::builder_dangerous(&host)
            .port(port.unwrap_or(587))
            .tls(Tls::Required(tls()?)),
        "smtps" => SmtpTransport::builder_dangerous(&host)
            .port(port.unwrap_or(465))
            .tls(Tls::Wrapper(tls()?)),
        "smtp+plain" => {
            if !crate::store::db::is_local_name(&host) {
                return Err(bad("sends passwords and letters unencrypted to another machine; plain SMTP is only for this machine (127.0.0.1, ::1, localhost)"));
            }
            SmtpTransport::builder_dangerous(&host)
                .port(port.unwrap_or(25))
                .tls(Tls::None)
        }
        _ => return Err(bad("has an unknown scheme")),
    };
    builder = builder.timeout(Some(std::time::Duration::from_secs(30)));
    if let Some(user) = user.filter(|u| !u.is_empty()) {
        let password = password.ok_or_else(|| {
            MailOutError::Setup(format!(
                "the SMTP server wants a password for {user}: set FOIBOARD_SMTP_PASSWORD, or `foiboard config smtp-password-command \"pass show mail\"`"
            ))
        })?;
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(Transport::Smtp(Box::new(builder.build())))
}

/// The password for SMTP: `FOIBOARD_SMTP_PASSWORD`, else the output of the member's own
/// `smtp-password-command` (as terminal mail clients do), never the database.
pub fn password(command: Option<&str>) -> Result<Option<String>, MailOutError> {
    if let Ok(p) = std::env::var("FOIBOARD_SMTP_PASSWORD") {
        return Ok(Some(p));
    }
    let Some(cmd) = command.filter(|c| !c.trim().is_empty()) else {
        return Ok(None);
    };
    command_output("smtp-password-command", cmd).map(Some)
}

/// The first line a password command (the setting `what`) prints, run without a shell.
pub fn command_output(what: &str, cmd: &str) -> Result<String, MailOutError> {
    let words = split_command(cmd)?;
    let out = Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            MailOutError::Setup(format!(
                "cannot run the {what} '{}': {e}",
                crate::text::line(cmd)
            ))
        })?;
    if !out.status.success() {
        return Err(MailOutError::Setup(format!(
            "the {what} '{}' failed ({}): check it works in a terminal",
            crate::text::line(cmd),
            out.status
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// A command line split on spaces, honouring double quotes; no shell is involved.
pub fn split_command(cmd: &str) -> Result<Vec<String>, MailOutError> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in cmd.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    words.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if quoted {
        return Err(MailOutError::Setup(format!(
            "the command '{}' has an unclosed quote",
            crate::text::line(cmd)
        )));
    }
    if any {
        words.push(cur);
    }
    if words.is_empty() {
        return Err(MailOutError::Setup("the command is empty".into()));
    }
    Ok(words)
}

/// Checks a sender as `config from` takes it: "Your Name <you@example.org>".
pub fn check_from(from: &str) -> Result<(), MailOutError> {
    from.parse::<Mailbox>().map(|_| ()).map_err(|e| {
        MailOutError::Setup(format!(
            "'{}' is not a sender ({e}): write \"Your Name <you@example.org>\"",
            crate::text::line(from)
        ))
    })
}

/// A fresh Message-ID for a letter, without the angle brackets (as stored and as mail
/// readers report it), under the sender's domain.
pub fn new_message_id(from: &str, request_id: i64) -> String {
    let domain = from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim())
        .filter(|d| !d.is_empty())
        .unwrap_or("foiboard.invalid");
    let now = chrono::Utc::now();
    let nonce: u64 = {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_i64(request_id);
        h.write_i64(now.timestamp_nanos_opt().unwrap_or_default());
        h.finish()
    };
    format!(
        "foiboard.{}.{request_id}.{nonce:016x}@{domain}",
        now.format("%Y%m%d%H%M%S")
    )
}

/// Longest run of characters without a space that a header line may hold before it has to
/// be written as encoded-words to be folded.
const LONGEST_WORD: usize = 60;

/// The Subject as encoded-words (RFC 2047), one to a line, when a word of it is too long to
/// fold at a space (a campaign title of 2,000 characters made a 2,002-character line; RFC
/// 5322 allows 998, and asks for 78): the reader shows the same text. `None` when the mail
/// library's own folding at spaces keeps every line short.
fn folded_subject(subject: &str) -> Option<lettre::message::header::HeaderValue> {
    use base64::Engine;
    use lettre::message::header::{HeaderName, HeaderValue};
    if subject
        .split(' ')
        .all(|w| w.chars().count() <= LONGEST_WORD)
    {
        return None;
    }
    // 42 bytes of UTF-8 make 56 of base64: each encoded-word is 68 characters, under RFC
    // 2047's 75, and the first line with "Subject: " under 78.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in subject.chars() {
        if chunk.len() + c.len_utf8() > 42 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    let encoded: Vec<String> = words
        .iter()
        .map(|w| {
            format!(
                "=?utf-8?b?{}?=",
                base64::engine::general_purpose::STANDARD.encode(w.as_bytes())
            )
        })
        .collect();
    Some(HeaderValue::dangerous_new_pre_encoded(
        HeaderName::new_from_ascii_str("Subject"),
        subject.to_string(),
        encoded.join("\r\n "),
    ))
}

/// The letter as an email.
pub fn message(out: &Outgoing) -> Result<Message, MailOutError> {
    let from: Mailbox = out.from.parse().map_err(|e| {
        MailOutError::Setup(format!(
            "the sender '{}' is not an address ({e}): `foiboard config from \"Your Name <you@example.org>\"`",
            crate::text::line(&out.from)
        ))
    })?;
    let to: Mailbox = out.letter.to.parse().map_err(|e| {
        MailOutError::Send(format!(
            "'{}' is not an address ({e}): correct it with `foiboard bodies edit`",
            crate::text::line(&out.letter.to)
        ))
    })?;
    let builder = Message::builder().from(from).to(to);
    let builder = match folded_subject(&out.letter.subject) {
        Some(value) => builder.raw_header(value),
        None => builder.subject(out.letter.subject.clone()),
    };
    builder
        .message_id(Some(format!("<{}>", out.message_id)))
        .header(ContentType::TEXT_PLAIN)
        .body(out.letter.body.clone())
        .map_err(|e| MailOutError::Send(format!("cannot make the message: {e}")))
}

impl Transport {
    /// Hands one letter over; `file_name` names it in a folder. Returns the message as it
    /// went, to file a copy in the mailbox's Sent folder.
    pub fn send(&self, out: &Outgoing, file_name: &str) -> Result<Vec<u8>, MailOutError> {
        let msg = message(out)?;
        let bytes = msg.formatted();
        match self {
            Transport::Smtp(t) => t.send(&msg).map(|_| ()).map_err(|e| {
                MailOutError::Send(format!(
                    "the SMTP server did not take the letter to {}: {e}",
                    crate::text::line(&out.letter.to)
                ))
            }),
            Transport::Sendmail(words) => {
                let mut child = Command::new(&words[0])
                    .args(&words[1..])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .map_err(|e| {
                        MailOutError::Setup(format!(
                            "cannot run the sendmail command '{}': {e}",
                            words.join(" ")
                        ))
                    })?;
                if let Some(mut stdin) = child.stdin.take() {
                    stdin.write_all(&msg.formatted()).map_err(|e| {
                        MailOutError::Send(format!("the sendmail command stopped reading: {e}"))
                    })?;
                }
                let done = child
                    .wait_with_output()
                    .map_err(|e| MailOutError::Send(e.to_string()))?;
                if done.status.success() {
                    Ok(())
                } else {
                    Err(MailOutError::Send(format!(
                        "the sendmail command failed ({}): {}",
                        done.status,
                        crate::text::line(String::from_utf8_lossy(&done.stderr).trim())
                    )))
                }
            }
            Transport::Files { dir, db } => write_eml(dir, db, file_name, &bytes),
        }?;
        Ok(bytes)
    }
}

fn write_eml(dir: &Path, db: &Path, name: &str, bytes: &[u8]) -> Result<(), MailOutError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        MailOutError::Setup(format!("cannot make the folder {}: {e}", dir.display()))
    })?;
    let path = dir.join(name);
    crate::files::outfile::write(&path, bytes, db, true)
        .map_err(|e| MailOutError::Send(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_smtp_only_to_this_machine() {
        assert!(smtp("smtp+plain://127.0.0.1:2525", None).is_ok());
        assert!(smtp("smtp+plain://localhost", None).is_ok());
        let e = smtp("smtp+plain://mail.example.org:25", None).unwrap_err();
        assert!(e.to_string().contains("only for this machine"), "{e}");
        assert!(smtp("smtp://mail.example.org", None).is_ok());
        assert!(smtp("ftp://x", None).is_err());
        let e = smtp("smtp://ann@mail.example.org:587", None).unwrap_err();
        assert!(e.to_string().contains("FOIBOARD_SMTP_PASSWORD"), "{e}");
    }

    #[test]
    fn commands_split_without_a_shell() {
        assert_eq!(split_command("msmtp -t").unwrap(), ["msmtp", "-t"]);
        assert_eq!(
            split_command("pass show \"mail account\"").unwrap(),
            ["pass", "show", "mail account"]
        );
        assert!(split_command("a \"b").is_err());
    }
}
