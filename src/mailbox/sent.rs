//! Letters filed in the mailbox's Sent folder after they went, so the group's mail client
//! shows what foiboard sent. The folder is the one the configuration names (`imap-sent`), else
//! the one the server flags `\Sent` (RFC 6154). One connection serves a whole run of letters.

use imap::types::Flag;
use imap_proto::NameAttribute;

use super::connect::{self, Session};
use super::settings::Settings;
use super::{utf7, MailboxError, Result};

/// The Sent folder of the member's mailbox, reached when the first letter is filed.
pub struct SentFolder {
    settings: Settings,
    session: Option<(Session, String)>,
}

impl SentFolder {
    pub fn new(settings: Settings) -> SentFolder {
        SentFolder {
            settings,
            session: None,
        }
    }

    /// Files one sent message (its bytes as they went), marked read; returns the folder's
    /// name.
    pub fn file(&mut self, message: &[u8]) -> Result<String> {
        if self.session.is_none() {
            let secret = self.settings.secret()?;
            let mut session = connect::open(&self.settings, &secret)?;
            let folder = match &self.settings.sent {
                Some(f) => f.clone(),
                None => find_sent(&self.settings, &mut session)?,
            };
            self.session = Some((session, folder));
        }
        let Some((session, folder)) = self.session.as_mut() else {
            return Err(MailboxError::Server("no connection to the mailbox".into()));
        };
        // The crate writes APPEND's mailbox between quotes as given: escaped here, so a
        // folder named with a quote or backslash is that folder and nothing more.
        let name = utf7::encode(folder)
            .replace('\\', "\\\\")
            .replace('"', "\\\"");
        let result = session.append(&name, message).flag(Flag::Seen).finish();
        match result {
            Ok(_) => Ok(folder.clone()),
            Err(e) => {
                let folder = folder.clone();
                self.session = None;
                Err(match e {
                    imap::Error::No(_) | imap::Error::Bad(_) | imap::Error::Append => MailboxError::Setup(format!(
                        "the mailbox would not take the letter into '{}': name the Sent folder with `foiboard config imap-sent \"Sent Items\"`",
                        crate::text::line(&folder)
                    )),
                    other => connect::gone(&self.settings, &other),
                })
            }
        }
    }
}

impl Drop for SentFolder {
    fn drop(&mut self) {
        if let Some((mut s, _)) = self.session.take() {
            let _ = s.logout();
        }
    }
}

/// The folder the server flags as where sent mail goes.
fn find_sent(s: &Settings, session: &mut Session) -> Result<String> {
    let names = session
        .list(Some(""), Some("*"))
        .map_err(|e| connect::gone(s, &e))?;
    names
        .iter()
        .find(|n| n.attributes().contains(&NameAttribute::Sent))
        .map(|n| utf7::listed(n.name()))
        .ok_or_else(|| {
            MailboxError::Setup(
                "the mailbox flags no folder as Sent: name it with `foiboard config imap-sent \"Sent Items\"`".into(),
            )
        })
}
