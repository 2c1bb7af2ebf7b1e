//! `foiboard export` and `foiboard report`: a campaign out of the database, to a file or
//! standard output.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::export::{self, Format};
use crate::files::outfile;
use crate::store::Store;
use crate::text;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// One row per request: body, status, dates, each question's outcome, exemptions, tags.
    Csv,
    /// Everything about the campaign; `foiboard import json FILE` restores it.
    Json,
    /// iCalendar: an all-day event on each open request's due date, with stable identifiers.
    Ics,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The campaign's slug.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub campaign: Option<String>,
    /// Every campaign in one file (csv and ics).
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: DataFormat,
    /// Write here instead of standard output (written whole, or not at all; owner-only).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// What `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, to paste into a newsletter or a website.
    Md,
    /// One self-contained HTML page that prints cleanly.
    Html,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The campaign's slug.
    pub campaign: String,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write here instead of standard output (written whole, or not at all; owner-only).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

pub fn export(store: &Store, a: &ExportArgs) -> Result<()> {
    let format = match a.format {
        DataFormat::Csv => Format::Csv,
        DataFormat::Json => Format::Json,
        DataFormat::Ics => Format::Ics,
    };
    match &a.campaign {
        Some(slug) => write(store, slug, format, a.out.as_ref(), a.force),
        None => {
            let today = crate::dates::today()?;
            check_out(store, a.out.as_ref(), a.force)?;
            let bytes = export::render_all(store, format, today)?;
            put(store, &bytes, a.out.as_ref(), a.force, "every campaign")
        }
    }
}

pub fn report(store: &Store, a: &ReportArgs) -> Result<()> {
    let format = match a.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    write(store, &a.campaign, format, a.out.as_ref(), a.force)
}

fn write(
    store: &Store,
    slug: &str,
    format: Format,
    out: Option<&PathBuf>,
    force: bool,
) -> Result<()> {
    let campaign = store.campaign(slug)?;
    check_out(store, out, force)?;
    let today = crate::dates::today()?;
    let bytes = export::render(store, &campaign, format, today)?;
    put(store, &bytes, out, force, &campaign.slug)
}

/// Refuses a bad --out before any work is done.
fn check_out(store: &Store, out: Option<&PathBuf>, force: bool) -> Result<()> {
    if let Some(path) = out {
        outfile::check(path, store.path(), force)?;
    }
    Ok(())
}

/// To the file, whole, or to standard output.
fn put(store: &Store, bytes: &[u8], out: Option<&PathBuf>, force: bool, what: &str) -> Result<()> {
    match out {
        Some(path) => {
            outfile::write(path, bytes, store.path(), force)?;
            eprintln!("{} written to {}", text::line(what), outfile::shown(path));
        }
        None => super::output::print_bytes(bytes)?,
    }
    Ok(())
}
