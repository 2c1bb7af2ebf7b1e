//! `foiboard mail fetch`, `mail folders` and `mail save`: the group's mailbox read over IMAP,
//! and an attachment written out wherever it was fetched (on a group's server, from the
//! database, so a colleague's letter opens on this laptop too).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use anyhow::Result;

use super::UserError;
use crate::config::LocalConfig;
use crate::mailbox::{FetchOptions, Progress, Settings};
use crate::store::Store;
use crate::text;

/// The mailbox from the member's own config file, or what to do when there is none.
pub fn settings() -> Result<Settings> {
    let local = LocalConfig::load().map_err(|e| UserError(e.to_string()))?;
    Settings::from_config(&local)
        .map_err(|e| UserError(e.to_string()))?
        .ok_or_else(|| {
            UserError(
                "no mailbox is set: `foiboard config imap imaps://you@imap.example.org`, then `foiboard mail fetch` (the password from FOIBOARD_IMAP_PASSWORD or `foiboard config imap-password-command \"pass show mail\"`)".into(),
            )
            .into()
        })
}

/// Reads the new mail of every configured folder into the inbox.
pub fn fetch(store: &mut Store, again: bool, batch: usize, quiet: bool) -> Result<()> {
    let s = settings()?;
    let stop = Arc::new(AtomicBool::new(false));
    // Ctrl-C stops between runs (what was stored stays); a second one ends at once.
    #[cfg(unix)]
    {
        use signal_hook::consts::SIGINT;
        let _ = signal_hook::flag::register_conditional_shutdown(SIGINT, 130, stop.clone());
        let _ = signal_hook::flag::register(SIGINT, stop.clone());
    }
    let opts = FetchOptions { batch, again };
    let mut say = |p: Progress| {
        if quiet {
            return;
        }
        match p {
            Progress::Folder { folder, new } if new > 0 => {
                eprintln!("{}: {new} new message(s) to read", text::line(&folder))
            }
            Progress::Folder { .. } => {}
            Progress::Read { folder, done, of } => {
                eprintln!("{}: {done} of {of} read", text::line(&folder))
            }
        }
    };
    let report = crate::mailbox::fetch(store, &s, &opts, &mut say, &stop)
        .map_err(|e| UserError(e.to_string()))?;
    for f in &report.folders {
        let i = &f.imported;
        if f.renumbered {
            println!(
                "{}: the server numbered this folder anew, so it was read again from the start; nothing was imported twice",
                text::line(&f.folder)
            );
        }
        println!(
            "{}: {} new message(s): {} filed under requests, {} unmatched (`foiboard mail list --unmatched`), {} attachment(s); {} seen before",
            text::line(&f.folder),
            i.new,
            i.matched,
            i.unmatched,
            i.attachments,
            i.known
        );
        for n in &f.date_notes {
            println!("  note: {}", text::line(n));
        }
        for r in &f.refused {
            println!("  not imported: {}", text::line(r));
        }
    }
    if report.imported() > 0 {
        println!("u undoes each run of the import on the board; the mailbox itself is unchanged");
    }
    Ok(())
}

/// The mailbox's folders, with the one flagged for sent mail.
pub fn folders() -> Result<()> {
    let s = settings()?;
    let secret = s.secret().map_err(|e| UserError(e.to_string()))?;
    let mut session =
        crate::mailbox::connect::open(&s, &secret).map_err(|e| UserError(e.to_string()))?;
    let names = session
        .list(Some(""), Some("*"))
        .map_err(|e| UserError(crate::mailbox::connect::gone(&s, &e).to_string()))?;
    for n in names.iter() {
        let name = crate::mailbox::utf7::listed(n.name());
        let mut notes = Vec::new();
        if s.folders.contains(&name) {
            notes.push("read for replies");
        }
        if n.attributes().contains(&imap_proto::NameAttribute::Sent) {
            notes.push("flagged Sent");
        }
        if s.sent.as_deref() == Some(name.as_str()) {
            notes.push("letters filed here");
        }
        if notes.is_empty() {
            println!("{}", text::line(&name));
        } else {
            println!("{}  ({})", text::line(&name), notes.join(", "));
        }
    }
    let _ = session.logout();
    Ok(())
}

/// Writes attachment `n` (1 for the first) of message `id` to `to`, or prints where it is
/// kept on this machine.
pub fn save(store: &Store, id: i64, n: usize, to: Option<&std::path::Path>) -> Result<()> {
    let m = super::message_by_id(store, id)?;
    let a = n
        .checked_sub(1)
        .and_then(|i| m.attachments.get(i))
        .ok_or_else(|| {
            UserError(format!(
                "message {id} has {} attachment(s): `foiboard mail show {id}` lists them",
                m.attachments.len()
            ))
        })?;
    let path = store.attachment_file(a)?.ok_or_else(|| {
        UserError(format!(
            "the attachment {} is not on this machine and the database does not hold it: it was imported on another laptop before foiboard kept attachments on the server; ask whoever imported it to run `foiboard mail save {id} {n} --to FILE` and share the file",
            text::line(&a.name)
        ))
    })?;
    match to {
        Some(to) => {
            let bytes = std::fs::read(&path)?;
            crate::files::outfile::write(to, &bytes, store.path(), false)?;
            println!(
                "{} written to {}",
                text::line(&a.name),
                crate::files::outfile::shown(to)
            );
        }
        None => println!("{}", text::line(&path.display().to_string())),
    }
    Ok(())
}
