//! Formats out: each behind one function that takes what the store read and writes bytes, and
//! [`render`], the one way the command line and the board turn a campaign into a file.

pub mod csv;
pub mod ics;

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use crate::model::Campaign;
use crate::report::{self, Report};
use crate::store::{CampaignReading, Findings, Store};

/// A format asked of something it cannot describe.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unsupported(pub String);

/// Every format a campaign can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per request: body, status, dates, each question's outcome, exemptions, tags.
    Csv,
    /// Everything about the campaign; `foiboard import json` restores it.
    Json,
    /// iCalendar: an all-day event on each open request's due date, with stable identifiers.
    Ics,
    /// The report in Markdown.
    #[value(name = "md")]
    Markdown,
    /// The report as one self-contained HTML page that prints cleanly.
    Html,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Json,
        Format::Ics,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ics => "ics",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        let ext = match ext.as_str() {
            "markdown" => "md",
            "htm" => "html",
            "ical" | "ifb" => "ics",
            e => e,
        };
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// The extensions a file name may end with, for messages.
    pub fn extensions() -> String {
        Format::ALL
            .iter()
            .map(|f| format!(".{}", f.extension()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The report's numbers for `campaign` as of `today`.
pub fn report(store: &Store, campaign: &Campaign, today: NaiveDate) -> Result<Report> {
    let CampaignReading {
        rows,
        questions,
        cells,
        findings,
    } = store.summaries_cells_and_findings(campaign, today)?;
    let headlines = report::headline_tags(&store.setting("report-headlines")?.unwrap_or_default());
    Ok(Report::build(report::Inputs {
        campaign,
        questions: &questions,
        rows: &rows,
        cells: &cells,
        findings,
        tags: &store.tags()?,
        holidays: store.holiday_sources()?,
        today,
        headlines: &headlines,
    }))
}

/// `campaign` written in `format` as of `today`.
pub fn render(
    store: &Store,
    campaign: &Campaign,
    format: Format,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Csv => {
            let (rows, questions, cells) = store.summaries_and_cells(campaign, today)?;
            let mut bytes = Vec::new();
            csv::write(&mut bytes, &rows, &cells, questions.len() as u32)?;
            bytes
        }
        Format::Json => store.campaign_archive(campaign)?.to_json().into_bytes(),
        Format::Ics => {
            let rows = store.summaries(campaign, today, Findings::Skipped)?;
            ics::write(&campaign.title, &rows, today).into_bytes()
        }
        Format::Markdown => {
            report::markdown::render(&report::document(report(store, campaign, today)?))
                .into_bytes()
        }
        Format::Html => {
            report::html::render(&report::document(report(store, campaign, today)?)).into_bytes()
        }
    })
}

/// Every campaign in one file: the CSV with one row per request of every campaign (as many
/// question columns as the longest campaign asks), or one calendar of every deadline.
pub fn render_all(store: &Store, format: Format, today: NaiveDate) -> Result<Vec<u8>> {
    let campaigns = store.campaigns()?;
    let mut rows = Vec::new();
    for c in &campaigns {
        rows.extend(store.summaries(c, today, Findings::Skipped)?);
    }
    Ok(match format {
        Format::Csv => {
            let mut cells = Vec::new();
            let mut questions = 0;
            for c in &campaigns {
                cells.extend(store.cells(c.id)?);
                questions = questions.max(store.questions(c.id)?.len() as u32);
            }
            let mut bytes = Vec::new();
            csv::write(&mut bytes, &rows, &cells, questions)?;
            bytes
        }
        Format::Ics => ics::write("foiboard: every campaign", &rows, today).into_bytes(),
        other => {
            return Err(Unsupported(format!(
                "--all writes csv or ics; write {} one campaign at a time",
                other.extension()
            ))
            .into())
        }
    })
}
