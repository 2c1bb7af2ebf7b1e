//! Writing the campaign to a file from the board (`w`, or `:export FILE`): the file name's
//! extension picks the format, through the same function the command line uses.

use std::path::{Path, PathBuf};

use super::app::{App, Prompt};
use super::UserMessage;
use crate::export::Format;

/// `~/x` as the home folder's `x`; anything else as typed.
fn expand_home(input: &str) -> PathBuf {
    match (input.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(input),
    }
}

/// What a format holds, for the message after writing.
fn what(f: Format) -> &'static str {
    match f {
        Format::Markdown | Format::Html => "report",
        Format::Csv => "spreadsheet",
        Format::Json => "whole campaign",
        Format::Ics => "calendar of due dates",
    }
}

impl App {
    /// Opens the prompt with a file name to accept or change.
    pub fn ask_export(&mut self) {
        match self.current_campaign() {
            Some(c) => {
                let name = format!("{}-{}.md", c.slug, self.today);
                self.ask(Prompt::Export(None), name);
            }
            None => self.say("there is no campaign to write", true),
        }
    }

    /// Writes the campaign to `input`. A file that exists is replaced only when the same name
    /// is submitted twice (`confirmed`), so one Enter never destroys a file.
    pub fn export_to(&mut self, input: &str, confirmed: Option<&Path>) -> anyhow::Result<()> {
        let input = input.trim();
        if input.is_empty() {
            return Err(UserMessage("type a file name, e.g. report.md".into()).into());
        }
        let path = expand_home(input);
        let format = Format::from_path(&path).ok_or_else(|| {
            UserMessage(format!(
                "end the file name with {} to choose what to write",
                Format::extensions()
            ))
        })?;
        let campaign = self
            .current_campaign()
            .cloned()
            .ok_or_else(|| UserMessage("there is no campaign to write".into()))?;
        if path.exists() && confirmed != Some(path.as_path()) {
            self.ask(Prompt::Export(Some(path.clone())), input.to_string());
            self.say(
                format!(
                    "{} exists: Enter again replaces it, or change the name",
                    path.display()
                ),
                true,
            );
            return Ok(());
        }
        let replace = confirmed == Some(path.as_path());
        crate::files::outfile::check(&path, self.store.path(), replace)?;
        let bytes = crate::export::render(&self.store, &campaign, format, self.today)?;
        crate::files::outfile::write(&path, &bytes, self.store.path(), replace)?;
        let shown = std::path::absolute(&path).unwrap_or(path);
        self.say(
            format!(
                "{} written to {}",
                what(format),
                crate::files::outfile::shown(&shown)
            ),
            false,
        );
        Ok(())
    }
}
