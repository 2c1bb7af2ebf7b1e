//! `foiboard export` and `foiboard report`: a campaign out of the database, to a file or
//! standard output.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::export::{self, Format};
use crate::store::Store;

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
    /// Write here instead of standard output (written whole, or not at all).
    #[arg(long)]
    pub out: Option<PathBuf>,
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
    /// Write here instead of standard output (written whole, or not at all).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn export(store: &Store, a: &ExportArgs) -> Result<()> {
    let format = match a.format {
        DataFormat::Csv => Format::Csv,
        DataFormat::Json => Format::Json,
        DataFormat::Ics => Format::Ics,
    };
    match &a.campaign {
        Some(slug) => write(store, slug, format, a.out.as_ref()),
        None => {
            let today = crate::dates::today()?;
            let bytes = export::render_all(store, format, today)?;
            put(&bytes, a.out.as_ref(), "every campaign")
        }
    }
}

pub fn report(store: &Store, a: &ReportArgs) -> Result<()> {
    let format = match a.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    write(store, &a.campaign, format, a.out.as_ref())
}

fn write(store: &Store, slug: &str, format: Format, out: Option<&PathBuf>) -> Result<()> {
    let campaign = store.campaign(slug)?;
    let today = crate::dates::today()?;
    let bytes = export::render(store, &campaign, format, today)?;
    put(&bytes, out, &campaign.slug)
}

/// To the file, whole, or to standard output.
fn put(bytes: &[u8], out: Option<&PathBuf>, what: &str) -> Result<()> {
    match out {
        Some(path) => {
            export::write_file(path, bytes)?;
            eprintln!("{what} written to {}", path.display());
        }
        None => std::io::stdout().write_all(bytes)?,
    }
    Ok(())
}
