//! The one-line prompt at the foot of the screen: filters, dates, tag names, searches and
//! `:` commands, typed a key at a time and submitted with Enter.

use super::app::{App, Prompt, View};
use crate::dates::parse_date;
use crate::model::NewEvent;

impl App {
    /// Typing into the open prompt: a character, Backspace, Enter (submit) or Esc (cancel).
    pub fn prompt_key(&mut self, key: PromptKey) {
        let Some((kind, mut text)) = self.prompt.take() else {
            return;
        };
        match key {
            PromptKey::Char(c) => {
                if text == "today" && matches!(kind, Prompt::Date(_)) {
                    text.clear();
                }
                text.push(c);
            }
            PromptKey::Backspace => {
                text.pop();
            }
            PromptKey::Cancel => {
                match kind {
                    Prompt::Filter => {
                        self.filter.clear();
                        self.ensure_selection();
                    }
                    Prompt::RowFilter => self.matrix.row_filter.clear(),
                    _ => {}
                }
                return;
            }
            PromptKey::Submit => {
                if let Err(e) = self.submit(&kind, &text) {
                    self.say(crate::text::line(&e.to_string()), true);
                    // Keep what was typed where a mistake is easy to fix.
                    if !matches!(kind, Prompt::Filter | Prompt::RowFilter | Prompt::Command) {
                        self.prompt = Some((kind, text));
                    }
                }
                return;
            }
        }
        // Filters apply as they are typed.
        match kind {
            Prompt::Filter => {
                self.filter = text.clone();
                self.ensure_selection();
            }
            Prompt::RowFilter => self.matrix.row_filter = text.clone(),
            _ => {}
        }
        self.prompt = Some((kind, text));
    }

    fn submit(&mut self, kind: &Prompt, text: &str) -> anyhow::Result<()> {
        match kind {
            Prompt::Filter => {
                self.filter = text.to_string();
                self.ensure_selection();
            }
            Prompt::Date(ev) => {
                let on = parse_date(text, self.today)?;
                let targets = self.targets();
                let n = self
                    .store
                    .record_event(&targets, &NewEvent::new(*ev, on), self.today)?;
                self.remember_change()?;
                self.marks.clear();
                self.reload()?;
                self.say(
                    format!("recorded '{ev}' on {on} for {n} request(s) (u undoes)"),
                    false,
                );
            }
            Prompt::Command => self.command(text.trim())?,
            Prompt::RowFilter => self.matrix.row_filter = text.to_string(),
            Prompt::CellFilter => self.set_cell_filter(text)?,
            Prompt::Search => self.run_search(text)?,
            Prompt::NewTag => {
                self.store.add_tag(text, "", "")?;
                self.remember_change()?;
                self.reload()?;
                self.say(format!("tag '{}' added", text.trim()), false);
            }
            Prompt::RenameTag(old) => {
                let n = self.store.rename_tag(old, text)?;
                self.remember_change()?;
                self.reload()?;
                self.say(
                    format!("renamed {old} to {} ({n} tag(s); u undoes)", text.trim()),
                    false,
                );
            }
            Prompt::Assign(id) => self.assign_mail(*id, text)?,
            Prompt::Export(confirmed) => self.export_to(text, confirmed.as_deref())?,
            Prompt::MergeTag(from) => {
                let n = self.store.merge_tags(from, text)?;
                self.remember_change()?;
                self.reload()?;
                self.say(
                    format!(
                        "merged {from} into {} ({n} finding(s) moved; u undoes)",
                        text.trim()
                    ),
                    false,
                );
            }
        }
        Ok(())
    }

    fn command(&mut self, line: &str) -> anyhow::Result<()> {
        let (cmd, arg) = line
            .split_once(' ')
            .map_or((line, ""), |(c, a)| (c, a.trim()));
        match cmd {
            "goto" | "g" => {
                let found = self
                    .rows
                    .iter()
                    .find(|r| r.request.body.ods_code.eq_ignore_ascii_case(arg))
                    .map(|r| r.request.id);
                match found {
                    Some(id) => {
                        self.filter.clear();
                        self.selected = Some(id);
                        self.view = View::Detail;
                        self.load_detail()?;
                    }
                    None => self.say(
                        format!("no request for ODS code '{arg}' in this campaign"),
                        true,
                    ),
                }
            }
            "campaign" | "c" => match self.campaigns.iter().position(|c| c.slug == arg) {
                Some(i) => {
                    self.campaign = i;
                    self.selected = None;
                    self.marks.clear();
                    self.reload()?;
                }
                None => self.say(format!("no campaign '{arg}'"), true),
            },
            "export" | "w" if !arg.is_empty() => self.export_to(arg, None)?,
            "export" | "w" => self.ask_export(),
            "q" | "quit" => self.quit = true,
            "" => {}
            other => self.say(
                format!(
                    "unknown command '{other}': try goto ODS, campaign SLUG, export FILE or quit"
                ),
                true,
            ),
        }
        Ok(())
    }
}

/// A key as a prompt sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Char(char),
    Backspace,
    Submit,
    Cancel,
}
