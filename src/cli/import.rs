//! `foiboard import`: records from files into the database, each import one change that
//! `undo` takes back whole.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;

use crate::model::archive::Archive;
use crate::model::records::WdtkRequest;
use crate::store::{PageImported, RequestsImported, Store};

#[derive(Subcommand, Debug)]
pub enum ImportCmd {
    /// A campaign written by `foiboard export CAMPAIGN --format json`, restored whole.
    Json {
        file: PathBuf,
        /// Import under this slug (when the database has a campaign of that name already).
        #[arg(long = "as", value_name = "SLUG")]
        as_slug: Option<String>,
    },
    /// WhatDoTheyKnow request pages saved as JSON (the page's address followed by .json).
    Wdtk {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The campaign the requests belong to.
        #[arg(long)]
        campaign: String,
        /// Create the request when the page's body has none in the campaign yet (otherwise
        /// such a page is refused: it may belong to another campaign).
        #[arg(long)]
        add: bool,
    },
    /// A group's spreadsheet saved as CSV: one row per body, with dates, reference and notes.
    Csv {
        file: PathBuf,
        #[arg(long)]
        campaign: String,
        /// Say what a column holds: "COLUMN=FIELD" (ods, body, reference, note, status, wdtk,
        /// ignore, or an event such as sent or responded). Repeat for several columns.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        maps: Vec<String>,
        /// Show what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// The character between cells, when it is not found from the file: , ; tab |
        #[arg(long)]
        delimiter: Option<String>,
        /// How the file is written, when it is not found from the file: utf-8,
        /// windows-1252 (Excel's plain CSV), utf-16, utf-32
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Email: .eml files, mbox files and maildir folders, matched to requests.
    Mail {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

pub fn import(store: &mut Store, cmd: ImportCmd) -> Result<()> {
    match cmd {
        ImportCmd::Json { file, as_slug } => {
            let name = file.display().to_string();
            let text = super::read_text(&file, 1024, "campaign file")?;
            let archive =
                Archive::parse(&name, &text).map_err(|e| super::UserError(e.to_string()))?;
            let slug = as_slug.unwrap_or_else(|| archive.campaign.slug.clone());
            let done = store
                .import_archive(&archive, &slug)
                .with_context(|| format!("{name} was not imported"))?;
            println!(
                "imported campaign {}: {} requests, {} events, {} answers, {} findings ({} bodies and {} tags added); `foiboard undo` takes it back",
                done.campaign.slug,
                done.requests,
                done.events,
                done.answers,
                done.findings,
                done.bodies_added,
                done.tags_added
            );
            Ok(())
        }
        ImportCmd::Wdtk {
            files,
            campaign,
            add,
        } => {
            let campaign = store.campaign(&campaign)?;
            // Every file is read first: one that is not a page at all stops everything.
            let mut pages = Vec::new();
            for f in &files {
                let name = f.display().to_string();
                let text = super::read_text(f, 64, "WhatDoTheyKnow page")?;
                pages.push((name.clone(), crate::import::wdtk::parse(&name, &text)?));
            }
            let results = store.import_wdtk(&campaign, &pages, add)?;
            let (done, refused) = tally(&results);
            println!(
                "{} page(s): {} request(s) created, {} updated, {} unchanged, {} new event(s)",
                pages.len() - refused,
                done.created,
                done.updated,
                done.unchanged,
                done.events
            );
            explain_pages(&pages, &results)
        }
        ImportCmd::Csv {
            file,
            campaign,
            maps,
            dry_run,
            delimiter,
            encoding,
        } => {
            use crate::import::sheet;
            let l = crate::text::line;
            let campaign = store.campaign(&campaign)?;
            let opts = sheet::ReadOptions {
                delimiter: delimiter
                    .as_deref()
                    .map(|d| {
                        sheet::delimiter_named(d).ok_or_else(|| {
                            super::UserError(format!(
                                "--delimiter '{d}' is not one foiboard reads: give , ; tab or |"
                            ))
                        })
                    })
                    .transpose()?,
                encoding: encoding
                    .as_deref()
                    .map(|e| {
                        sheet::Encoding::named(e).ok_or_else(|| {
                            super::UserError(format!(
                                "--encoding '{e}' is not one foiboard reads: give utf-8, windows-1252, utf-16 or utf-32"
                            ))
                        })
                    })
                    .transpose()?,
            };
            let name = file.display().to_string();
            let bytes = super::read_file(&file, 256, "spreadsheet")?;
            let read = sheet::read_with(&name, &bytes, &maps, opts)?;
            let today = crate::dates::today()?;
            let imported = store.import_sheet(&campaign, &name, &read, today, dry_run)?;
            let done = &imported.done;
            if imported.problems.is_empty() {
                let lead = if dry_run {
                    "dry run, nothing written: would make "
                } else {
                    ""
                };
                println!(
                    "{lead}{} row(s): {} request(s) created, {} updated, {} unchanged, {} new event(s)",
                    read.rows.len(),
                    done.created,
                    done.updated,
                    done.unchanged,
                    done.events
                );
                if dry_run {
                    for c in &done.changes {
                        println!("  {}", l(c));
                    }
                }
                for c in &done.corrected {
                    println!("corrected from the sheet: {}", l(c));
                }
                if imported.rematched > 0 {
                    println!(
                        "{} message(s) waiting unmatched are now filed under their requests (by the references in the sheet)",
                        imported.rematched
                    );
                }
                if !done.per_kind.is_empty() {
                    let kinds: Vec<String> = done
                        .per_kind
                        .iter()
                        .map(|(k, n)| format!("{n} {k}"))
                        .collect();
                    println!(
                        "events {}: {}",
                        if dry_run { "it would add" } else { "added" },
                        kinds.join(", ")
                    );
                }
            } else {
                for p in &imported.problems {
                    println!("problem: {}", l(p));
                }
            }
            if !read.ignored.is_empty() {
                println!(
                    "columns ignored: {} (say what one holds with --map \"COLUMN=FIELD\")",
                    l(&read.ignored.join(", "))
                );
            }
            if read.encoding != "UTF-8" || read.delimiter != ',' {
                println!(
                    "read as {} with cells separated by {}",
                    read.encoding,
                    match read.delimiter {
                        '\t' => "tabs".to_string(),
                        c => format!("'{c}'"),
                    }
                );
            }
            for n in read.notes.iter().chain(&imported.notes) {
                println!("note: {}", l(n));
            }
            if !imported.problems.is_empty() {
                return Err(super::UserError(format!(
                    "{} problem(s) in {}: nothing was imported. Fix them in the sheet (or with --map) and import again; --dry-run checks without writing",
                    imported.problems.len(),
                    l(&name)
                ))
                .into());
            }
            Ok(())
        }
        ImportCmd::Mail { paths } => {
            // Every file is read before anything is written: one bad file, nothing imported.
            let mut mails = Vec::new();
            for p in &paths {
                mails.extend(crate::import::mail::read_path(p)?);
            }
            for n in mails.iter().filter_map(|m| m.date_note.as_ref()) {
                println!("note: {}", crate::text::line(n));
            }
            let known = store.known_messages(&mails)?;
            for m in mails.iter_mut().filter(|m| !known.contains(&m.message_id)) {
                crate::import::mail::read_attachments(m);
            }
            let done = store.import_mail(&mails)?;
            println!(
                "{} new message(s): {} filed under requests, {} unmatched (`foiboard mail list --unmatched`), {} attachment(s); {} seen before",
                done.new, done.matched, done.unmatched, done.attachments, done.known
            );
            Ok(())
        }
    }
}

/// The sum of what the pages that went in did, and how many were refused.
pub(super) fn tally(results: &[PageImported]) -> (RequestsImported, usize) {
    let mut sum = RequestsImported::default();
    let mut refused = 0;
    for r in results {
        match &r.outcome {
            Ok(d) => {
                sum.created += d.created;
                sum.updated += d.updated;
                sum.unchanged += d.unchanged;
                sum.events += d.events;
            }
            Err(_) => refused += 1,
        }
    }
    (sum, refused)
}

/// Per page: why it was refused, what was left out, what waits for classification, and one
/// line counting the events with no meaning for the clock. Fails (exit 2) when any page was
/// refused, after the others went in.
pub(super) fn explain_pages(
    pages: &[(String, WdtkRequest)],
    results: &[PageImported],
) -> Result<()> {
    let l = crate::text::line;
    let mut refused = 0;
    for ((name, p), r) in pages.iter().zip(results) {
        if let Err(why) = &r.outcome {
            refused += 1;
            println!("refused: {}", l(why));
            continue;
        }
        for s in &p.skipped {
            println!("left out from {}: {}", l(name), l(s));
        }
        if p.awaiting_classification {
            println!(
                "{}: the latest response awaits classification on WhatDoTheyKnow: recorded to triage (read it, then record each answer's outcome)",
                l(name)
            );
        }
        if let Some(q) = p.quiet_line() {
            println!("{}: {}", l(name), l(&q));
        }
    }
    if refused > 0 {
        return Err(super::UserError(format!(
            "{refused} of {} page(s) refused (see above); the others went in",
            pages.len()
        ))
        .into());
    }
    Ok(())
}
