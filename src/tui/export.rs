//! Writing the campaign to a file from the board (`w`, or `:export FILE`): the file name's
//! extension picks the format, through the same function the command line uses.

use std::path::{Path, PathBuf};

use super::effect::Effect;
use super::prompt::Prompt;
use super::shared::{refuse, Shared, UserMessage};
use crate::export::Format;

/// `~/x` as the home folder's `x`; anything else as typed.
pub fn expand_home(input: &str) -> PathBuf {
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

/// The prompt with a file name to accept or change.
pub fn ask(sh: &mut Shared) -> Effect {
    match sh.current_campaign() {
        Some(c) => {
            let name = format!("{}-{}.md", c.slug, sh.today);
            Effect::Ask(Prompt::Export(None), name)
        }
        None => {
            sh.say("there is no campaign to write", true);
            Effect::Done
        }
    }
}

/// Writes the campaign to `input`. A file that exists is replaced only when the same name is
/// submitted twice (`confirmed`), so one Enter never destroys a file.
pub fn write(sh: &mut Shared, input: &str, confirmed: Option<&Path>) -> anyhow::Result<Effect> {
    let input = input.trim();
    if input.is_empty() {
        return refuse("type a file name, e.g. report.md");
    }
    let path = expand_home(input);
    let format = Format::from_path(&path).ok_or_else(|| {
        UserMessage(format!(
            "end the file name with {} to choose what to write",
            Format::extensions()
        ))
    })?;
    let Some(campaign) = sh.current_campaign().cloned() else {
        return refuse("there is no campaign to write");
    };
    if path.exists() && confirmed != Some(path.as_path()) {
        sh.say(
            format!(
                "{} exists: Enter again replaces it, or change the name",
                path.display()
            ),
            true,
        );
        return Ok(Effect::Ask(Prompt::Export(Some(path)), input.to_string()));
    }
    let replace = confirmed == Some(path.as_path());
    crate::files::outfile::check(&path, sh.store.path(), replace)?;
    let bytes = crate::export::render(&sh.store, &campaign, format, sh.today)?;
    crate::files::outfile::write(&path, &bytes, sh.store.path(), replace)?;
    let shown = std::path::absolute(&path).unwrap_or(path);
    sh.say(
        format!(
            "{} written to {}",
            what(format),
            crate::files::outfile::shown(&shown)
        ),
        false,
    );
    Ok(Effect::Done)
}
