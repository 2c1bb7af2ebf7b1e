//! The command line: each command a thin function over `store` and `law`. It never touches the
//! terminal board.

mod campaign;
mod deadline;
mod export;
mod findings;
mod import;
mod letters;
mod mail;
mod mailbox;
mod output;
mod requests;
mod search;
mod server;
mod settings;
mod suggest;
mod sync;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::store::Store;

/// A user mistake: printed as one sentence, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

#[derive(Parser, Debug)]
#[command(name = "foiboard", version, about = "A keyboard-driven board for UK Freedom of Information campaigns", long_about = None)]
pub struct Cli {
    /// The database: a file (default: ~/.local/share/foiboard/foiboard.db on Linux), or a
    /// group's PostgreSQL server as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=FILE.
    #[arg(long, global = true, env = "FOIBOARD_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create and seed the database; --demo adds a realistic mid-campaign state.
    Init {
        #[arg(long)]
        demo: bool,
    },
    /// Generate a large synthetic history for benchmarks and trials (into a new database).
    Demo {
        /// campaign: one campaign to every English body; national: 50 campaigns over 5 years.
        #[arg(long, value_enum, default_value = "campaign")]
        scale: crate::seed::synthetic::Scale,
        /// The same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// The due date of a request received on RECEIVED (YYYY-MM-DD).
    Deadline(deadline::DeadlineArgs),
    /// List, add, remove or load bank holidays.
    Holidays(deadline::HolidaysArgs),
    /// List or add public bodies.
    Bodies(campaign::BodiesArgs),
    /// List, show or create campaigns.
    #[command(subcommand)]
    Campaign(campaign::CampaignCmd),
    /// Create requests in bulk: CAMPAIGN/SELECTOR.
    #[command(subcommand)]
    Request(requests::RequestCmd),
    /// Record an event on CAMPAIGN/SELECTOR.
    Event(requests::EventArgs),
    /// One line per request: body, status, due date, working days left.
    List(requests::ListArgs),
    /// Everything about one request: CAMPAIGN/ODS.
    Show(requests::ShowArgs),
    /// Requests overdue or due within N working days, most urgent first.
    Due(requests::DueArgs),
    /// Record the answer to one question.
    Answer(findings::AnswerArgs),
    /// Add, list or remove findings.
    #[command(subcommand)]
    Finding(findings::FindingCmd),
    /// Write a campaign out: csv (a spreadsheet), json (everything, for `import json`), ics (due dates).
    Export(export::ExportArgs),
    /// The campaign report: every number with the bodies behind it, quotes by tag (md or html).
    Report(export::ReportArgs),
    /// Bring records in from files: json (a campaign), mail (eml, mbox, maildir), wdtk
    /// (WhatDoTheyKnow pages), csv (a group's spreadsheet).
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Fetch updates from outside: wdtk (WhatDoTheyKnow pages of a campaign's requests).
    #[command(subcommand)]
    Sync(sync::SyncCmd),
    /// Imported correspondence: list, show, assign, accept, dismiss, split.
    #[command(subcommand)]
    Mail(mail::MailCmd),
    /// Write one letter from the clock: request, chase, review or complaint, for CAMPAIGN/ODS;
    /// `letter template show|edit|reset KIND` for the group's own wording.
    Letter(letters::LetterArgs),
    /// Send one letter per request of CAMPAIGN/SELECTOR (SMTP, sendmail or .eml files), each
    /// recorded with the event it means; a run that was interrupted resumes where it stopped.
    Send(letters::SendArgs),
    /// Full-text search over answer texts, finding notes and quotes.
    Search(search::SearchArgs),
    /// Read a reply for you: its kind, reference, an extension's date, and each question's
    /// outcome and exemptions with the words they rest on (proposals; nothing is recorded).
    Suggest(suggest::SuggestArgs),
    /// The codebook of finding tags.
    Tags(findings::TagsArgs),
    /// Recent changes (what `undo` can take back).
    History {
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Undo your latest change, or change ID.
    Undo { id: Option<i64> },
    /// Redo your latest undone change, or change ID.
    Redo { id: Option<i64> },
    /// A consistent copy of the database while others keep working.
    Backup { path: PathBuf },
    /// Put a backup back, while others may be working: the current contents are kept
    /// beside the database first. Restore this way, never by copying files.
    Restore { backup: PathBuf },
    /// Set up a group's PostgreSQL database (run on the server, as its superuser).
    #[command(subcommand)]
    Server(server::ServerCmd),
    /// Copy a whole database between a file and a PostgreSQL server, either way, verified by
    /// comparing every campaign's export.
    Copy(server::CopyArgs),
    /// Show or set a setting. The group's, in the database: convention (ico or
    /// next-working-day), report-headlines, from, commissioner-email. Your own, in your
    /// config file on this laptop: smtp, smtp-password-command, sendmail, imap and the
    /// imap-... settings, db-password-command (`foiboard config` lists them all).
    Config {
        /// convention, report-headlines, from, commissioner-email (the group's); smtp,
        /// smtp-password-command, sendmail, imap, imap-password-command, imap-auth,
        /// imap-token-command, imap-folders, imap-sent, imap-ca-file, imap-max-size,
        /// imap-interval, db-password-command (your own)
        key: Option<String>,
        value: Option<String>,
    },
}

/// Where the database lives when neither --db nor FOIBOARD_DB says.
pub fn default_db_path() -> Result<PathBuf> {
    let base = dirs::data_dir().context(
        "cannot find your data folder ($HOME is not set): choose a database with --db PATH",
    )?;
    Ok(base.join("foiboard").join("foiboard.db"))
}

/// Opens the database, creating and seeding it on first use.
pub fn open(db: &Option<PathBuf>) -> Result<Store> {
    open_with(db, true)
}

/// The PostgreSQL address `--db` gives, if it gives one rather than a file.
pub fn server_url(db: &Option<PathBuf>) -> Option<&str> {
    db.as_ref()
        .and_then(|p| p.to_str())
        .filter(|s| crate::store::db::is_url(s))
}

/// The group's server at `url`, its password found the way the member keeps it: in the
/// address (said to be unwise, once), `PGPASSWORD`, the `db-password-command` of their own
/// config, or `~/.pgpass` (`PGPASSFILE`).
pub fn server_target(url: &str) -> Result<crate::store::db::PgTarget> {
    use std::sync::atomic::{AtomicBool, Ordering};
    static WARNED: AtomicBool = AtomicBool::new(false);
    let mut target =
        crate::store::db::PgTarget::parse(url).map_err(crate::store::StoreError::from)?;
    if target.password_in_address() && !WARNED.swap(true, Ordering::Relaxed) {
        eprintln!(
            "warning: the password is written in the database address, where your shell's history and every user of this machine (the process list) can read it. Keep it in ~/.pgpass (chmod 600) as `host:port:database:{}:PASSWORD`, or `foiboard config db-password-command \"pass show foiboard\"`, and leave it out of the address",
            crate::text::line(target.user())
        );
    }
    if target.needs_password() {
        let local = crate::config::LocalConfig::load().map_err(|e| UserError(e.to_string()))?;
        if let Some(cmd) = local.get("db-password-command") {
            let password = crate::letters::mailout::command_output("db-password-command", cmd)
                .map_err(|e| UserError(e.to_string()))?;
            target.set_password(&password);
        } else if let Some(warning) = target.password_from_file() {
            eprintln!("warning: {warning}");
        }
    }
    Ok(target)
}

fn open_with(db: &Option<PathBuf>, seed_if_new: bool) -> Result<Store> {
    if let Some(url) = server_url(db) {
        let (mut store, fresh) = Store::connect_to(&server_target(url)?)?;
        store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
        if fresh && seed_if_new {
            crate::seed::seed(&mut store)?;
        }
        return Ok(store);
    }
    let path = match db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    };
    let fresh = !path.exists();
    let mut store = Store::open(&path)?;
    store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
    if fresh && seed_if_new {
        crate::seed::seed(&mut store)?;
    }
    if let Err(e) = move_personal_settings(&mut store, &path) {
        // A database that cannot be written (a read-only disk) keeps them; said, not fatal.
        eprintln!("note: the mail settings in the database were not moved: {e}");
    }
    Ok(store)
}

/// How a member sends mail was once kept in the database; it now lives in their own config
/// file. On first run the values move there, saying so, when the database file is this
/// user's alone (nobody else could have written them); otherwise they are only named, never
/// used: on a file several people write, a colleague may have put them there.
fn move_personal_settings(store: &mut Store, path: &std::path::Path) -> Result<()> {
    use crate::store::server::PERSONAL_SETTINGS;
    let mut held = Vec::new();
    for k in PERSONAL_SETTINGS {
        if store.setting(k)?.is_some_and(|v| !v.trim().is_empty()) {
            held.push(*k);
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    if !only_mine(path) {
        eprintln!(
            "note: the database holds {} for sending mail, which foiboard no longer reads from a database (others can write this file). If you set them, set them again with `foiboard config KEY VALUE`: they are kept in your own config file",
            held.join(", ")
        );
        return Ok(());
    }
    let mut local = crate::config::LocalConfig::load().map_err(|e| UserError(e.to_string()))?;
    let taken = store.take_settings(&held)?;
    for (k, v) in &taken {
        if local.get(k).is_none() {
            local.set(k, v).map_err(|e| UserError(e.to_string()))?;
        }
    }
    eprintln!(
        "moved {} from the database to your own config file {} (settings for how you send mail are kept there now)",
        taken.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", "),
        crate::files::outfile::shown(local.path())
    );
    Ok(())
}

/// Whether the database file belongs to this user and nobody else may write it.
#[cfg(unix)]
fn only_mine(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: getuid has no preconditions and cannot fail.
    let me = unsafe { libc::getuid() };
    std::fs::metadata(path).is_ok_and(|m| m.uid() == me && m.mode() & 0o022 == 0)
}

#[cfg(not(unix))]
fn only_mine(_path: &std::path::Path) -> bool {
    true
}

/// Opens a database that must exist already: a command that only reads (or undoes) has
/// nothing to work on in a new one, so a mistyped --db is said, not created and seeded.
fn open_existing(db: &Option<PathBuf>) -> Result<Store> {
    if let Some(path) = db
        .as_ref()
        .filter(|p| !p.exists() && server_url(db).is_none())
    {
        return Err(UserError(format!(
            "there is no foiboard database at {}: check --db (or FOIBOARD_DB), or run `foiboard init` to create one there",
            crate::files::outfile::shown(path)
        ))
        .into());
    }
    open(db)
}

/// Commands that only read the database (or take back what is in it).
fn only_reads(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::List(_)
            | Command::Show(_)
            | Command::Due(_)
            | Command::Search(_)
            | Command::Suggest(_)
            | Command::Export(_)
            | Command::Report(_)
            | Command::History { .. }
            | Command::Undo { .. }
            | Command::Redo { .. }
            | Command::Backup { .. }
    )
}

/// The commands that open their own databases.
fn run_without_db(cmd: Command) -> Result<()> {
    match cmd {
        Command::Server(server::ServerCmd::Init(a)) => server::init(&a),
        Command::Server(server::ServerCmd::Upgrade(a)) => server::upgrade(&a),
        Command::Copy(a) => server::copy(&a),
        _ => Err(UserError("this command needs a database".into()).into()),
    }
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<()> {
    let Some(cmd) = cli.command else {
        return crate::tui::run(open(&cli.db)?);
    };
    // These name their databases themselves: --db is not opened for them.
    if let Command::Server(_) | Command::Copy(_) = cmd {
        return run_without_db(cmd);
    }
    let mut store = if only_reads(&cmd) {
        open_existing(&cli.db)?
    } else {
        open_with(&cli.db, !matches!(cmd, Command::Init { .. }))?
    };
    match cmd {
        Command::Server(_) | Command::Copy(_) => run_without_db(cmd),
        Command::Init { demo } => campaign::init(&mut store, demo),
        Command::Demo { scale, seed } => {
            let started = std::time::Instant::now();
            let g =
                crate::seed::synthetic::generate(&mut store, scale, seed, crate::dates::today()?)?;
            println!(
                "generated {} campaign(s): {} requests, {} events, {} answers, {} findings in {:.1} s",
                g.campaigns,
                g.requests,
                g.events,
                g.answers,
                g.findings,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Deadline(a) => deadline::deadline(&store, &a),
        Command::Holidays(a) => deadline::holidays(&mut store, a),
        Command::Bodies(a) => campaign::bodies(&mut store, a),
        Command::Campaign(c) => campaign::campaign(&mut store, c),
        Command::Request(c) => requests::request(&mut store, c),
        Command::Event(a) => requests::event(&mut store, &a),
        Command::List(a) => requests::list(&mut store, &a),
        Command::Show(a) => requests::show(&store, &a),
        Command::Due(a) => requests::due(&store, &a),
        Command::Answer(a) => findings::answer(&mut store, &a),
        Command::Finding(c) => findings::finding(&mut store, c),
        Command::Tags(a) => findings::tags(&mut store, a),
        Command::Search(a) => search::search(&store, &a),
        Command::Suggest(a) => suggest::suggest(&store, &a),
        Command::Letter(a) => letters::letter(&mut store, &a),
        Command::Send(a) => letters::send(&mut store, &a),
        Command::Export(a) => export::export(&store, &a),
        Command::Report(a) => export::report(&store, &a),
        Command::Import(c) => import::import(&mut store, c),
        Command::Mail(c) => mail::mail(&mut store, c),
        Command::Sync(c) => sync::sync(&mut store, c),
        Command::History { limit, json } => campaign::history(&store, limit, json),
        Command::Undo { id } => campaign::undo(&mut store, id, true),
        Command::Redo { id } => campaign::undo(&mut store, id, false),
        Command::Config { key, value } => {
            settings::config(&mut store, key.as_deref(), value.as_deref())
        }
        Command::Restore { backup } => {
            let r = store.restore(&backup)?;
            println!(
                "restored {} into {}; what it held before is kept in {} (`foiboard restore` that file to take this back)",
                crate::files::outfile::shown(&backup),
                store.location(),
                crate::files::outfile::shown(&r.kept)
            );
            Ok(())
        }
        Command::Backup { path } => {
            store.backup(&path)?;
            println!(
                "backed up to {} (integrity check: ok)",
                crate::files::outfile::shown(&path)
            );
            Ok(())
        }
    }
}

/// Whether an error is the user's to fix (exit code 2) rather than a failure (exit code 1).
pub fn is_user_error(e: &anyhow::Error) -> bool {
    use crate::store::StoreError;
    e.chain().any(|c| {
        c.downcast_ref::<UserError>().is_some()
            || c.downcast_ref::<crate::dates::BadDate>().is_some()
            || c.downcast_ref::<crate::export::Unsupported>().is_some()
            || c.downcast_ref::<crate::files::outfile::OutRefused>()
                .is_some()
            || c.downcast_ref::<crate::import::mail::MailError>().is_some()
            || c.downcast_ref::<crate::import::wdtk::WdtkError>().is_some()
            || c.downcast_ref::<crate::import::sheet::SheetError>()
                .is_some()
            || c.downcast_ref::<crate::law::UnknownWord>().is_some()
            || c.downcast_ref::<crate::law::HolidayDataError>().is_some()
            || c.downcast_ref::<crate::law::OutOfRange>().is_some()
            || c.downcast_ref::<crate::import::campaign_file::CampaignFileError>()
                .is_some()
            || c.downcast_ref::<StoreError>()
                .is_some_and(StoreError::is_user_error)
    })
}

/// Reads a file the user named, refusing one larger than `limit_mb` (a wrong file, or a huge
/// one, gets a sentence rather than exhausting memory) and anything but a regular file.
pub fn read_file(path: &std::path::Path, limit_mb: u64, what: &str) -> Result<Vec<u8>> {
    crate::files::bounded::read(path, limit_mb * 1024 * 1024, what)
        .map_err(|e| UserError(e.to_string()).into())
}

/// As [`read_file`], for a file that must be UTF-8 text.
pub fn read_text(path: &std::path::Path, limit_mb: u64, what: &str) -> Result<String> {
    let bytes = read_file(path, limit_mb, what)?;
    String::from_utf8(bytes).map_err(|e| {
        UserError(format!(
            "{} is not UTF-8 text (a byte at offset {} is not): save it as UTF-8 and try again",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
        .into()
    })
}

/// Splits `CAMPAIGN/SELECTOR`.
pub fn split_target(target: &str) -> Result<(String, String), UserError> {
    match target.split_once('/') {
        Some((c, s)) if !c.trim().is_empty() && !s.trim().is_empty() => {
            Ok((c.trim().to_string(), s.trim().to_string()))
        }
        _ => Err(UserError(format!(
            "'{target}' does not name requests: write CAMPAIGN/ODS or CAMPAIGN/SELECTOR, e.g. palantir-fdp/RJ1 or palantir-fdp/kind:icb"
        ))),
    }
}

/// Message `id`, or what to do when there is none.
fn message_by_id(store: &Store, id: i64) -> Result<crate::store::Message> {
    store
        .messages(&crate::store::MessageFilter {
            id: Some(id),
            ..crate::store::MessageFilter::default()
        })?
        .pop()
        .ok_or_else(|| {
            UserError(format!(
                "no message {id}: `foiboard mail list` shows the messages"
            ))
            .into()
        })
}
