//! `foiboard mail`: the correspondence imported with `import mail`: list it, read it, file an
//! unmatched message under a request, take the event a message suggests, and split a
//! response into answers.

use anyhow::Result;
use clap::Subcommand;

use super::split_target;
use crate::law::EventKind;
use crate::store::{Message, MessageFilter, Store};
use crate::text;

#[derive(Subcommand, Debug)]
pub enum MailCmd {
    /// Messages, newest first: where each is filed and the event it suggests.
    List {
        /// Only those not filed under a request yet.
        #[arg(long)]
        unmatched: bool,
        #[arg(long)]
        json: bool,
    },
    /// One message in full: its text and attachments.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// File a message under a request: CAMPAIGN/ODS.
    Assign { id: i64, target: String },
    /// Record the event the message suggests (or --as another), on the day it was sent.
    Accept {
        id: i64,
        #[arg(long = "as", value_name = "EVENT")]
        kind: Option<EventKind>,
        /// The day it happened, when the message's date is not it (a forward, a late
        /// import): YYYY-MM-DD, yesterday or -N.
        #[arg(long, allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// Set the message's suggestion aside.
    Dismiss { id: i64 },
    /// Read the text of attachments imported before foiboard read them (or read again, after
    /// installing Tesseract for scans): the given messages, or every one.
    Read { ids: Vec<i64> },
    /// Read the group's mailbox (`foiboard config imap ...`): new replies into the inbox,
    /// each message once, nothing in the mailbox marked read, moved or deleted.
    Fetch {
        /// Read every folder from the start (nothing here already is imported twice).
        #[arg(long)]
        again: bool,
        /// Messages stored per step: an interrupted fetch reads at most this many again.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..))]
        batch: u16,
        /// No progress lines.
        #[arg(long, short)]
        quiet: bool,
    },
    /// The mailbox's folders, and which are read for replies and take sent letters.
    Folders,
    /// Write attachment N (1 for the first) of a message to a file (--to), or print where it
    /// is kept on this machine; on a group's server it comes from the database.
    Save {
        id: i64,
        #[arg(default_value_t = 1)]
        n: usize,
        #[arg(long)]
        to: Option<std::path::PathBuf>,
    },
    /// Propose each question's answer from the message's text; --apply records them.
    Split {
        id: i64,
        #[arg(long)]
        apply: bool,
    },
}

/// One line for a message in a listing.
fn line(m: &Message) -> String {
    let filed = match &m.request {
        Some(r) => format!("{}/{}", r.campaign, r.ods),
        None => "UNMATCHED".to_string(),
    };
    let suggests = match m.open_proposal() {
        Some(k) => format!("  suggests: {k}"),
        None => String::new(),
    };
    format!(
        "{:>5}  {}  {:<22}  {:<32}  {}{}",
        m.id,
        m.sent_on,
        text::line(&filed),
        text::line(&m.sender),
        text::line(&m.subject),
        suggests
    )
}

pub fn mail(store: &mut Store, cmd: MailCmd) -> Result<()> {
    match cmd {
        MailCmd::List { unmatched, json } => {
            let list = store.messages(&MessageFilter {
                unmatched_only: unmatched,
                // What came in; the letters sent are on their requests (`show`).
                received_only: true,
                ..MessageFilter::default()
            })?;
            if json {
                super::output::print_json(&list)?;
            } else if list.is_empty() {
                println!("no messages: `foiboard import mail FILE` brings them in");
            } else {
                for m in &list {
                    println!("{}", line(m));
                }
            }
        }
        MailCmd::Show { id, json } => {
            let m = super::message_by_id(store, id)?;
            if json {
                super::output::print_json(&m)?;
                return Ok(());
            }
            println!("{}", line(&m));
            println!(
                "from:    {} <{}>",
                text::line(&m.sender_name),
                text::line(&m.sender)
            );
            println!("subject: {}", text::line(&m.subject));
            println!("matched: {}", text::line(&m.matched_by));
            for a in &m.attachments {
                // On a group's server, a colleague's attachment is written here from the
                // database, so the path shown opens; why it could not be is said under it.
                let unwritten = store.attachment_file(a).err();
                println!(
                    "attached: {} ({}, {} bytes, sha256 {}) {}",
                    text::line(&a.name),
                    text::line(&a.content_type),
                    a.size,
                    a.sha256,
                    crate::files::private::where_kept(&store.attachments_dir(), &a.path)
                );
                if let Some(e) = unwritten {
                    println!("          {}", text::line(&e.to_string()));
                }
                if !a.text_note.is_empty() {
                    println!("          {}", text::line(&a.text_note));
                }
            }
            println!();
            println!("{}", text::block(&m.body));
            // The attached letters' words, read at import: most replies are a line of email
            // and a PDF or Word letter.
            for a in m.attachments.iter().filter(|a| !a.text.trim().is_empty()) {
                println!();
                println!("----- {} -----", text::line(&a.name));
                println!("{}", text::block(a.text.trim()));
            }
        }
        MailCmd::Fetch {
            again,
            batch,
            quiet,
        } => super::mailbox::fetch(store, again, usize::from(batch), quiet)?,
        MailCmd::Folders => super::mailbox::folders()?,
        MailCmd::Save { id, n, to } => super::mailbox::save(store, id, n, to.as_deref())?,
        MailCmd::Read { ids } => {
            let list = store.messages(&MessageFilter::default())?;
            let dir = store.attachments_dir();
            let mut read = Vec::new();
            let mut missing = 0;
            for m in list
                .iter()
                .filter(|m| ids.is_empty() || ids.contains(&m.id))
            {
                for a in &m.attachments {
                    let path = store
                        .attachment_file(a)?
                        .unwrap_or_else(|| dir.join(&a.path));
                    let r = match crate::files::bounded::read(
                        &path,
                        crate::import::attachment::MAX_BYTES as u64,
                        "attachment",
                    ) {
                        Ok(bytes) => {
                            crate::import::attachment::read(&a.name, &a.content_type, &bytes)
                        }
                        Err(_) if !path.is_file() => {
                            missing += 1;
                            continue;
                        }
                        Err(e) => crate::import::attachment::Reading {
                            text: String::new(),
                            note: format!("not read: {e}"),
                        },
                    };
                    if r.text != a.text || r.note != a.text_note {
                        read.push((a.id, r.text, r.note));
                    }
                }
            }
            let n = store.set_attachment_texts(&read)?;
            println!("{n} attachment(s) read anew (u undoes)");
            if missing > 0 {
                println!(
                    "{missing} attachment file(s) not found in {}: they were kept on another machine, or moved",
                    text::line(&dir.display().to_string())
                );
            }
        }
        MailCmd::Assign { id, target } => {
            let (slug, ods) = split_target(&target)?;
            let campaign = store.campaign(&slug)?;
            let request = store.request(&campaign, &ods)?;
            store.assign_message(id, request.id)?;
            println!(
                "message {id} filed under {}/{}",
                campaign.slug, request.body.ods_code
            );
        }
        MailCmd::Accept { id, kind, on } => {
            let today = crate::dates::today()?;
            let on = on
                .as_deref()
                .map(|d| crate::dates::parse_date(d, today))
                .transpose()?;
            let a = store.accept_message(id, kind, on, today)?;
            println!("recorded '{}' on {} from message {id}", a.kind, a.on);
            if let Some(r) = &a.reference {
                println!(
                    "the authority's reference {} is recorded on the request",
                    text::line(r)
                );
            }
            if a.rematched > 0 {
                println!(
                    "{} message(s) waiting unmatched are now filed under their requests",
                    a.rematched
                );
            }
        }
        MailCmd::Dismiss { id } => {
            store.dismiss_message(id)?;
            println!("message {id}: suggestion set aside");
        }
        MailCmd::Split { id, apply } => {
            let m = super::message_by_id(store, id)?;
            let parts = store.propose_split(&m)?;
            if parts.is_empty() {
                println!(
                    "no numbered answers found in message {id}: record them with `foiboard answer`"
                );
                return Ok(());
            }
            for p in &parts {
                println!("--- Q{} ---", p.question);
                println!("{}", text::block(&p.text));
            }
            if apply {
                let pairs: Vec<(u32, String)> =
                    parts.iter().map(|p| (p.question, p.text.clone())).collect();
                let Some(r) = &m.request else {
                    return Ok(());
                };
                let (written, kept) = store.record_split(r.id, &pairs)?;
                println!(
                    "{written} answer text(s) recorded on {}/{}, to triage",
                    r.campaign, r.ods
                );
                if !kept.is_empty() {
                    let qs: Vec<String> = kept.iter().map(|q| format!("Q{q}")).collect();
                    println!(
                        "{} already had a text and were left as they are",
                        qs.join(", ")
                    );
                }
            } else {
                println!(
                    "\n{} proposed answer(s); add --apply to record them",
                    parts.len()
                );
            }
        }
    }
    Ok(())
}
