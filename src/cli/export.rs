//! `foiboard export`: a campaign out of the database, to a file or standard output.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One row per request: body, status, dates, each question's outcome, exemptions, tags.
    Csv,
    /// iCalendar: an all-day event on each open request's due date, with stable identifiers.
    Ics,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The campaign's slug.
    pub campaign: String,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Write here instead of standard output (written whole, or not at all).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn export(store: &Store, a: &ExportArgs) -> Result<()> {
    let campaign = store.campaign(&a.campaign)?;
    let today = crate::dates::today()?;
    let rows = store.summaries(&campaign, today)?;
    let bytes = match a.format {
        Format::Csv => {
            let cells = store.cells(campaign.id)?;
            let questions = store.questions(campaign.id)?.len() as u32;
            let mut bytes = Vec::new();
            crate::export::csv::write(&mut bytes, &rows, &cells, questions)?;
            bytes
        }
        Format::Ics => crate::export::ics::write(&campaign.title, &rows, today).into_bytes(),
    };
    match &a.out {
        Some(path) => {
            // Beside the target, then renamed: a reader never sees half a file.
            let tmp = path.with_extension("part");
            std::fs::write(&tmp, &bytes).with_context(|| {
                format!(
                    "cannot write {}: check the folder exists and is writable",
                    tmp.display()
                )
            })?;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("{} requests written to {}", rows.len(), path.display());
        }
        None => std::io::stdout().write_all(&bytes)?,
    }
    Ok(())
}
