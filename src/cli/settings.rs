//! `foiboard config`: the group's settings, in the database, and the member's own, in their
//! config file on this laptop; each value checked before it is written, each write saying
//! where it went.

use anyhow::Result;

use super::UserError;
use crate::store::Store;

/// The settings: the group's, stored in the database (each checked before it is stored),
/// and the member's own, in their config file on this laptop. Each write says where it went.
pub(super) fn config(store: &mut Store, key: Option<&str>, value: Option<&str>) -> Result<()> {
    use crate::config::{self as local_config, LocalConfig};
    let local = || LocalConfig::load().map_err(|e| anyhow::Error::from(UserError(e.to_string())));
    match (key, value) {
        (None, _) => {
            println!("# the group's settings, in {}", store.location());
            println!("convention {}", store.policy()?.convention.as_str());
            for (k, what) in SETTINGS {
                let v = store.setting(k)?.unwrap_or_default();
                let shown = if v.is_empty() {
                    format!("(not set: {what})")
                } else {
                    crate::text::line(&v)
                };
                println!("{k} {shown}");
            }
            let mine = local()?;
            println!(
                "# your own settings, in {}",
                crate::files::outfile::shown(mine.path())
            );
            for (k, what) in local_config::KEYS {
                let shown = match mine.get(k) {
                    Some(v) => crate::text::line(v),
                    None => format!("(not set: {what})"),
                };
                println!("{k} {shown}");
            }
        }
        (Some("convention"), None) => println!("{}", store.policy()?.convention.as_str()),
        (Some("convention"), Some(v)) => {
            let c: crate::law::Convention = v.parse()?;
            store.set_setting("convention", c.as_str())?;
            println!(
                "deadlines are now counted with the {} convention (the group's setting, in {})",
                c.as_str(),
                store.location()
            );
        }
        (Some(k), v) if local_config::is_local(k) => {
            let mut mine = local()?;
            match v {
                None => println!("{}", mine.get(k).unwrap_or_default()),
                Some(v) => {
                    check_setting(store, k, v)?;
                    mine.set(k, v)?;
                    println!(
                        "{k} is now {} (your own setting, in {})",
                        crate::text::line(v.trim()),
                        crate::files::outfile::shown(mine.path())
                    );
                }
            }
        }
        (Some(k), v) if SETTINGS.iter().any(|(name, _)| *name == k) => match v {
            None => println!("{}", store.setting(k)?.unwrap_or_default()),
            Some(v) => {
                check_setting(store, k, v)?;
                store.set_setting(k, v.trim())?;
                println!(
                    "{k} is now {} (the group's setting, in {})",
                    crate::text::line(v.trim()),
                    store.location()
                );
            }
        },
        (Some(k), _) => {
            return Err(UserError(format!(
                "unknown setting '{}': the group's settings are convention, {}; your own are {}",
                crate::text::line(k),
                SETTINGS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
                local_config::KEYS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .into())
        }
    }
    Ok(())
}

/// The group's settings besides the convention, with what each is for. How a member sends
/// mail is not among them: that is in their own config file ([`crate::config`]).
const SETTINGS: &[(&str, &str)] = &[
    (
        "report-headlines",
        "tags the report leads with, in order, e.g. \"fdp/in-use refusal/s43-commercial\"",
    ),
    (
        "from",
        "who signs and sends: \"Your Name <you@example.org>\"",
    ),
    ("commissioner-email", "where complaint letters go"),
];

fn check_setting(store: &Store, key: &str, value: &str) -> Result<()> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(());
    }
    let bad = |e: String| -> anyhow::Error { UserError(e).into() };
    match key {
        "from" => {
            crate::letters::mailout::check_from(value).map_err(|e| bad(e.to_string()))?;
        }
        "smtp" => {
            crate::letters::mailout::smtp(value, Some(String::new()))
                .map_err(|e| bad(e.to_string()))?;
        }
        "report-headlines" => {
            let known: Vec<String> = store.tags()?.into_iter().map(|t| t.name).collect();
            for t in crate::report::headline_tags(value) {
                if !known.contains(&t) {
                    return Err(bad(format!(
                        "'{}' is not a tag of the codebook: `foiboard tags` lists them",
                        crate::text::line(&t)
                    )));
                }
            }
        }
        "imap" => {
            let s =
                crate::mailbox::settings::parse_address(value).map_err(|e| bad(e.to_string()))?;
            crate::mailbox::connect::check_plain(&s).map_err(|e| bad(e.to_string()))?;
        }
        "imap-auth" | "imap-folders" | "imap-sent" | "imap-max-size" | "imap-interval" => {
            crate::mailbox::Settings::check(key, value).map_err(|e| bad(e.to_string()))?;
        }
        "smtp-password-command"
        | "sendmail"
        | "db-password-command"
        | "imap-password-command"
        | "imap-token-command" => {
            crate::letters::mailout::split_command(value).map_err(|e| bad(e.to_string()))?;
        }
        _ => {}
    }
    Ok(())
}
