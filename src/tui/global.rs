//! What works the same on every screen: recording an event on the selected or marked
//! requests, letters, undo and redo, the next campaign, and the `:` commands no screen takes
//! as its own. Each works on [`Shared`] and answers with an [`Effect`], as a screen does.

use super::commands::Command;
use super::effect::Effect;
use super::events::event_from;
use super::export;
use super::prompt::Prompt;
use super::shared::{refuse, Shared};
use super::windows::letter::{fitting_letter, LetterDraft};
use super::windows::Window;
use crate::law::EventKind;
use crate::letters::Kind;
use crate::model::NewEvent;
use crate::text;

/// An event key: ask on which day (and what else the event takes).
pub fn ask_date(sh: &mut Shared, kind: EventKind) -> Effect {
    if sh.targets().is_empty() {
        sh.say("select a request first", true);
        return Effect::Done;
    }
    Effect::Ask(Prompt::Date(kind), "today".into())
}

/// The date prompt submitted: the event recorded on the selected or marked requests.
pub fn record(sh: &mut Shared, kind: EventKind, text: &str) -> anyhow::Result<Effect> {
    let new = event_from(kind, text, sh.today)?;
    let targets = sh.targets();
    let n = sh.commit(|s, today| s.record_event(&targets, &new, today))?;
    sh.marks.clear();
    sh.say(
        format!(
            "recorded '{kind}' on {} for {n} request(s) (u undoes)",
            new.on
        ),
        false,
    );
    Ok(Effect::Done)
}

/// `L`: ask which letter, offering the one that fits where the selected request stands (the
/// word can be changed before Enter).
pub fn ask_letter(sh: &mut Shared) -> Effect {
    if sh.targets().is_empty() {
        sh.say("select a request first", true);
        return Effect::Done;
    }
    let kind = sh.selected_row().map_or(Kind::Chase, fitting_letter);
    Effect::Ask(Prompt::Letter, kind.as_str().into())
}

/// The letter prompt submitted: the letters written and shown to adjust and send.
pub fn letter(sh: &mut Shared, text: &str) -> anyhow::Result<Effect> {
    let draft = LetterDraft::write(sh, text)?;
    Ok(Effect::Open(Window::Letter(Box::new(draft))))
}

/// `u`: this board's last change taken back. The id leaves its stack only once the store has
/// done it: a refused undo (a colleague built on the change since) stays there to try again.
pub fn undo(sh: &mut Shared) -> anyhow::Result<()> {
    match sh.undo.last().copied() {
        Some(id) => {
            let s = sh.store.undo(id)?;
            sh.undo.pop();
            sh.redo.push(id);
            sh.reload()?;
            sh.say(format!("undone: {s} (U redoes)"), false);
        }
        None => sh.say("nothing of yours to undo in this session", false),
    }
    Ok(())
}

/// `U`: the last change undone, done again.
pub fn redo(sh: &mut Shared) -> anyhow::Result<()> {
    match sh.redo.last().copied() {
        Some(id) => {
            let s = sh.store.redo(id)?;
            sh.redo.pop();
            sh.undo.push(id);
            sh.reload()?;
            sh.say(format!("redone: {s}"), false);
        }
        None => sh.say("nothing to redo", false),
    }
    Ok(())
}

/// `n`: the next campaign, round to the first.
pub fn next_campaign(sh: &mut Shared) -> anyhow::Result<()> {
    if !sh.campaigns.is_empty() {
        let next = (sh.campaign + 1) % sh.campaigns.len();
        sh.switch_campaign(next)?;
    }
    Ok(())
}

/// A `:` command no screen took as its own.
pub fn command(sh: &mut Shared, cmd: &Command, arg: &str) -> anyhow::Result<Effect> {
    match cmd.name {
        "goto" => {
            let (id, _) = sh.find_request(arg)?;
            // The board behind it shows the request too, so Esc comes back to the card the
            // keys act on.
            sh.filter.clear();
            sh.selected = Some(id);
            Ok(Effect::OpenRequest {
                request: id,
                question: 1,
            })
        }
        "note" => {
            let targets = sh.targets();
            if targets.is_empty() {
                return refuse("select or mark a request to note");
            }
            let mut ev = NewEvent::new(EventKind::Note, sh.today);
            ev.note = arg.to_string();
            let n = sh.commit(|s, today| s.record_event(&targets, &ev, today))?;
            sh.marks.clear();
            sh.say(
                format!(
                    "noted on {n} request(s): \"{}\" (u undoes)",
                    text::line(arg)
                ),
                false,
            );
            Ok(Effect::Done)
        }
        "event" | "remove" => {
            refuse("open a request first (Enter, or :goto): its events are numbered there")
        }
        "address" => {
            let Some(row) = sh.selected_row() else {
                return refuse("select a request whose body's address to correct");
            };
            let ods = row.request.body.ods_code.clone();
            let edit = crate::store::BodyEdit {
                foi_email: Some(arg.to_string()),
                ..Default::default()
            };
            let body = sh.commit(|s, _| s.edit_body(&ods, &edit))?;
            sh.say(
                format!(
                    "{}'s FOI address is now {} (u undoes)",
                    text::line(&body.name),
                    text::line(&body.foi_email)
                ),
                false,
            );
            Ok(Effect::Done)
        }
        "request" => {
            let Some(campaign) = sh.current_campaign().cloned() else {
                return refuse("there is no campaign yet");
            };
            let sel: crate::store::Selector = arg.parse()?;
            let (created, skipped) = sh.commit(|s, _| s.add_requests(&campaign, &sel))?;
            sh.say(
                format!("{created} request(s) created, {skipped} already there (u undoes)"),
                false,
            );
            Ok(Effect::Done)
        }
        "campaign" => match sh.campaigns.iter().position(|c| c.slug == arg) {
            Some(i) => {
                sh.switch_campaign(i)?;
                Ok(Effect::Done)
            }
            None => refuse(format!("no campaign '{}': Tab lists them", text::line(arg))),
        },
        "fetch" => Ok(Effect::FetchMail),
        "import" => {
            import_mail(sh, arg)?;
            Ok(Effect::Done)
        }
        "suggest" => {
            let Some(campaign) = sh.current_campaign().cloned() else {
                return refuse("there is no campaign yet");
            };
            let sel: crate::store::Selector = if arg.is_empty() { "all" } else { arg }.parse()?;
            let requests = sh.store.select_requests(&campaign, &sel)?;
            let done = sh.commit(|store, today| {
                crate::inbox::suggest::apply::read_replies(store, &campaign, &requests, today)
            })?;
            sh.say(format!("{}: A walks them", done.said()), false);
            Ok(Effect::Done)
        }
        "export" if !arg.is_empty() => export::write(sh, arg, None),
        "export" => Ok(export::ask(sh)),
        "help" => Ok(Effect::HelpCommands),
        "quit" => Ok(Effect::Quit),
        other => refuse(format!("'{other}' is listed but not handled here")),
    }
}

/// Imports the mail in the file at `path` (a `.eml` message or an mbox), as `foiboard import
/// mail` does: every message read before anything is written, replies filed under their
/// requests, one undoable change.
fn import_mail(sh: &mut Shared, path: &str) -> anyhow::Result<()> {
    let path = export::expand_home(path);
    let shown = text::line(&path.display().to_string());
    let mut mails = match crate::import::mail::read_path(&path) {
        Ok(m) => m,
        Err(e) => return refuse(format!("{shown}: {}", text::line(&e.to_string()))),
    };
    let known = sh.store.known_messages(&mails)?;
    for m in mails.iter_mut().filter(|m| !known.contains(&m.message_id)) {
        crate::import::mail::read_attachments(m);
    }
    let done = sh.commit(|s, _| s.import_mail(&mails))?;
    sh.say(
        format!(
            "{} new message(s) from {shown}: {} filed under requests, {} to file by hand; {} seen before (u undoes)",
            done.new, done.matched, done.unmatched, done.known
        ),
        false,
    );
    Ok(())
}
