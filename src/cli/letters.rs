//! `letter` and `send`: the campaign's letters written from the clock, and sent.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{split_target, UserError};
use crate::dates::today;
use crate::letters::mailout::{self, MailOutError};
use crate::letters::outbox::Filing;
use crate::letters::outbox::{self, Delivery};
use crate::letters::{Kind, LetterError, Template};
use crate::store::{Selector, Store};
use crate::text;

#[derive(Args, Debug)]
pub struct LetterArgs {
    /// request, chase, review or complaint; `template` to show, edit or reset one;
    /// `mark-sent` to record letters sent by other means (`letter mark-sent chase
    /// palantir-fdp/RJ1 --on 2026-12-03`).
    what: String,
    /// CAMPAIGN/ODS; after `template`: show, edit or reset; after `mark-sent`: the kind.
    target: String,
    /// After `template show|edit|reset`: the letter kind; after `mark-sent KIND`:
    /// CAMPAIGN/SELECTOR.
    kind: Option<String>,
    /// `mark-sent`: the day the letters went (default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// `mark-sent`: record a letter of this kind again for a body that has had one.
    #[arg(long)]
    again: bool,
    /// Write the letter to FILE instead of printing it.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long)]
    force: bool,
    /// `template edit`: take the template from FILE ("Subject: ...", a blank line, the letter)
    /// instead of opening $EDITOR.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SendArgs {
    /// request, chase, review or complaint.
    kind: String,
    /// CAMPAIGN/SELECTOR: e.g. palantir-fdp/nation:England, palantir-fdp/RJ1.
    target: String,
    /// Show what would go to whom; send nothing, record nothing.
    #[arg(long)]
    dry_run: bool,
    /// Write each letter as an .eml file in DIR instead of sending it (nothing is recorded).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Seconds to wait between letters, for servers that limit the rate.
    #[arg(long, default_value_t = 0.0)]
    delay: f64,
    /// Send a letter of this kind again to a body that has had one.
    #[arg(long)]
    again: bool,
}

pub fn letter(store: &mut Store, a: &LetterArgs) -> Result<()> {
    if a.what == "template" {
        return template(store, a);
    }
    if a.what == "mark-sent" {
        return mark_sent(store, a);
    }
    let kind: Kind = a
        .what
        .parse()
        .map_err(|e: crate::letters::UnknownKind| UserError(e.to_string()))?;
    let (slug, ods) = split_target(&a.target)?;
    let campaign = store.campaign(&slug)?;
    let req = store.request(&campaign, &ods)?;
    let t = today()?;
    let facts = store.letter_facts(&campaign, &req, t)?;
    let (template, _) = store.letter_template(kind)?;
    let l = crate::letters::write(kind, &template, &facts).map_err(refusal)?;
    let text = format!(
        "To: {}\nSubject: {}\n\n{}",
        if l.to.is_empty() {
            "(no address recorded)"
        } else {
            &l.to
        },
        l.subject,
        l.body
    );
    match &a.out {
        Some(path) => {
            crate::files::outfile::check(path, store.path(), a.force)?;
            crate::files::outfile::write(path, text.as_bytes(), store.path(), a.force)?;
            println!(
                "{kind} letter written to {}",
                crate::files::outfile::shown(path)
            );
        }
        None => super::output::print_bytes(text::block(&text).as_bytes())?,
    }
    Ok(())
}

fn refusal(e: LetterError) -> anyhow::Error {
    UserError(e.to_string()).into()
}

fn template(store: &mut Store, a: &LetterArgs) -> Result<()> {
    let kind: Kind = a
        .kind
        .as_deref()
        .ok_or_else(|| UserError("which letter? `foiboard letter template show chase`".into()))?
        .parse()
        .map_err(|e: crate::letters::UnknownKind| UserError(e.to_string()))?;
    match a.target.as_str() {
        "show" => {
            let (t, own) = store.letter_template(kind)?;
            println!(
                "# the {} {kind} letter; placeholders: {}",
                if own { "group's own" } else { "built-in" },
                crate::letters::PLACEHOLDERS.iter().map(|(p, _)| format!("{{{p}}}")).collect::<Vec<_>>().join(" ")
            );
            print!("{}", t.to_text());
        }
        "reset" => {
            store.set_letter_template(kind, None)?;
            println!("the {kind} letter is the built-in one again (undo brings yours back)");
        }
        "edit" => {
            let text = match &a.file {
                Some(f) => String::from_utf8(super::read_file(f, 1, "the template")?)
                    .map_err(|_| UserError("the template file is not UTF-8 text".into()))?,
                None => edit_in_editor(&store.letter_template(kind)?.0)?,
            };
            let t = Template::parse(&text).map_err(|e| UserError(e.to_string()))?;
            store.set_letter_template(kind, Some(&t))?;
            println!("the group's {kind} letter is saved; every member's letters use it (undo takes it back)");
        }
        other => {
            return Err(UserError(format!(
                "'{other}': write `letter template show KIND`, `letter template edit KIND [--file F]` or `letter template reset KIND`"
            ))
            .into())
        }
    }
    Ok(())
}

fn edit_in_editor(current: &Template) -> Result<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .map_err(|_| UserError("set $EDITOR, or give the template with --file FILE".into()))?;
    use std::io::Write;
    // A private file of its own (0600, never an existing one), removed when done.
    let (path, mut file) =
        crate::files::private::temp_beside(&std::env::temp_dir().join("foiboard-letter.txt"))?;
    file.write_all(current.to_text().as_bytes())?;
    drop(file);
    struct Remove(PathBuf);
    impl Drop for Remove {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let _remove = Remove(path.clone());
    let mut words = mailout::split_command(&editor)?;
    let program = words.remove(0);
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .status()?;
    if !status.success() {
        return Err(UserError("the editor did not finish: nothing was saved".into()).into());
    }
    Ok(std::fs::read_to_string(&path)?)
}

/// How the run's letters go: nowhere for a dry run, files for --out, else the group's
/// transport.
fn transport(store: &Store, a: &SendArgs) -> Result<Option<outbox::Outbox>> {
    if a.dry_run {
        return Ok(None);
    }
    if let Some(dir) = &a.out {
        return Ok(Some(outbox::Outbox::files(
            dir.clone(),
            store.path().to_path_buf(),
        )));
    }
    let local = crate::config::LocalConfig::load().map_err(|e| UserError(e.to_string()))?;
    outbox::Outbox::configured(&local)
        .map(Some)
        .map_err(as_user_error)
}

/// A setup problem (no server set, a bad sender) is the user's to fix: exit code 2.
fn as_user_error(e: anyhow::Error) -> anyhow::Error {
    match e.downcast::<MailOutError>() {
        Ok(m) => UserError(m.to_string()).into(),
        Err(e) => e,
    }
}

/// `letter mark-sent KIND CAMPAIGN/SELECTOR [--on DATE]`: letters sent by other means (the
/// `.eml` files `send --out` wrote, sent from the group's own mail program) recorded as sent,
/// each with the event it means.
fn mark_sent(store: &mut Store, a: &LetterArgs) -> Result<()> {
    let kind: Kind = a
        .target
        .parse()
        .map_err(|e: crate::letters::UnknownKind| UserError(e.to_string()))?;
    let Some(target) = &a.kind else {
        return Err(UserError(
            "which requests? `foiboard letter mark-sent chase palantir-fdp/RJ1 [--on DATE]`".into(),
        )
        .into());
    };
    let (slug, sel) = split_target(target)?;
    let campaign = store.campaign(&slug)?;
    let sel: Selector = sel.parse()?;
    let t = today()?;
    let on = match &a.on {
        Some(d) => crate::dates::parse_date(d, t)?,
        None => t,
    };
    if on > t {
        return Err(UserError(format!(
            "{on} is after today: record a letter on the day it went"
        ))
        .into());
    }
    let requests = store.select_requests(&campaign, &sel)?;
    if requests.is_empty() {
        return Err(UserError(format!("no requests in {slug} match '{target}'")).into());
    }
    let run = outbox::Run::new(store, &campaign, kind, a.again, t)?;
    let (mut marked, mut skipped) = (0usize, 0usize);
    for req in &requests {
        let who = outbox::who(req);
        match outbox::mark_sent(store, &run, req, on)? {
            Ok(to) => {
                println!("recorded the {kind} letter to {to} for {who} as sent on {on}");
                marked += 1;
            }
            Err(why) => {
                println!("skipped {who}: {}", text::line(&why));
                skipped += 1;
            }
        }
    }
    println!("{kind} letters: {marked} recorded as sent, {skipped} skipped");
    Ok(())
}

pub fn send(store: &mut Store, a: &SendArgs) -> Result<()> {
    let kind: Kind = a
        .kind
        .parse()
        .map_err(|e: crate::letters::UnknownKind| UserError(e.to_string()))?;
    let (slug, sel) = split_target(&a.target)?;
    let campaign = store.campaign(&slug)?;
    let sel: Selector = sel.parse()?;
    let t = today()?;
    let requests = store.select_requests(&campaign, &sel)?;
    if requests.is_empty() {
        return Err(UserError(format!("no requests in {slug} match '{}'", a.target)).into());
    }
    let from = if a.dry_run {
        store.setting("from")?.unwrap_or_default()
    } else {
        outbox::sender(store).map_err(as_user_error)?
    };
    let mut transport = transport(store, a)?;
    let run = outbox::Run::new(store, &campaign, kind, a.again, t)?;
    let (mut sent, mut skipped, mut failed, mut in_a_row) = (0usize, 0usize, 0usize, 0usize);
    for req in &requests {
        if in_a_row >= outbox::GIVE_UP_AFTER {
            println!("stopped: {in_a_row} letters in a row did not go; the rest were not tried");
            break;
        }
        let who = outbox::who(req);
        let letter = match outbox::prepare(store, &run, req)? {
            Ok(l) => l,
            Err(reason) => {
                println!("skipped {who}: {}", text::line(&reason));
                skipped += 1;
                continue;
            }
        };
        let Some(transport) = transport.as_mut() else {
            println!(
                "would send the {kind} letter to {} for {who}: {}",
                text::line(&letter.to),
                text::line(&letter.subject)
            );
            sent += 1;
            continue;
        };
        if sent + failed > 0 && a.delay > 0.0 {
            std::thread::sleep(std::time::Duration::from_secs_f64(a.delay.min(3600.0)));
        }
        let delivery = outbox::deliver(store, transport, &campaign, req, letter, &from, t)
            .map_err(as_user_error)?;
        match delivery {
            Delivery::Sent { to, filed } => {
                let filed = match filed {
                    Filing::NoMailbox => String::new(),
                    Filing::In(folder) => format!(", filed in {}", text::line(&folder)),
                    Filing::Failed(why) => format!(" (not filed in Sent: {})", text::line(&why)),
                };
                println!("sent the {kind} letter to {to} for {who}{filed}");
                sent += 1;
                in_a_row = 0;
            }
            Delivery::Written { to } => {
                println!("wrote the {kind} letter to {to} for {who}");
                sent += 1;
            }
            Delivery::Failed(why) => {
                let what = if a.out.is_some() {
                    "NOT WRITTEN"
                } else {
                    "NOT SENT"
                };
                println!("{what} {who}: {}", text::line(&why));
                failed += 1;
                in_a_row += 1;
            }
        }
    }
    let verb = match (&transport, a.out.is_some()) {
        (None, _) => "would send",
        (Some(_), true) => "written as .eml files",
        _ => "sent",
    };
    println!("{kind} letters: {sent} {verb}, {skipped} skipped, {failed} not sent");
    if failed > 0 {
        return Err(anyhow::anyhow!(
            "{failed} letter(s) did not go: run the same command again to send only those"
        ));
    }
    Ok(())
}
