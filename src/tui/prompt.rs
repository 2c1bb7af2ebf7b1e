//! The one-line prompt at the foot of the screen: filters, dates, tag names, searches and
//! `:` commands, typed a key at a time and submitted with Enter.

use super::app::{App, Prompt, View};
use super::stage::Stage;
use super::widgets::line_editor::EditKey;
use super::UserMessage;
use crate::dates::parse_date;
use crate::law::EventKind;
use crate::model::NewEvent;

impl App {
    /// Typing into the open prompt: a character, an editing key, Enter (submit) or Esc
    /// (cancel).
    pub fn prompt_key(&mut self, key: PromptKey) {
        let Some(mut state) = self.prompt.take() else {
            return;
        };
        let kind = state.kind.clone();
        let history: Vec<String> = self
            .history
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| t.clone())
            .collect();
        match key {
            PromptKey::Char(c) => state.editor.apply(EditKey::Char(c), &history),
            PromptKey::Complete => {
                let typed = state.text().to_string();
                let done = match kind {
                    Prompt::Command => Some(super::commands::complete(&typed, |c| {
                        self.choices_for(c.name)
                    })),
                    Prompt::MailEvent(_) => Some(super::commands::complete_word(
                        &typed,
                        &crate::law::EventKind::ALL
                            .iter()
                            .map(|k| k.as_str().to_string())
                            .collect::<Vec<_>>(),
                    )),
                    Prompt::Assign(_) => {
                        Some(super::commands::complete(&format!("goto {typed}"), |_| {
                            self.choices_for("goto")
                        }))
                        .map(|mut c| {
                            c.line = c.line.trim_start_matches("goto ").to_string();
                            c
                        })
                    }
                    _ => None,
                };
                if let Some(done) = done {
                    state.editor = super::widgets::line_editor::LineEditor::typed(&done.line);
                    self.message = (done.choices.len() > 1).then(|| {
                        let shown: Vec<&str> =
                            done.choices.iter().take(12).map(String::as_str).collect();
                        let more = done.choices.len().saturating_sub(shown.len());
                        let tail = if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        };
                        (format!("{}{tail}", shown.join(", ")), false)
                    });
                }
            }
            PromptKey::Backspace => state.editor.apply(EditKey::Backspace, &history),
            PromptKey::Edit(e) => state.editor.apply(e, &history),
            PromptKey::Cancel => {
                match kind {
                    Prompt::Filter => {
                        self.filter.clear();
                        self.ensure_selection();
                    }
                    Prompt::RowFilter => self.matrix.row_filter.clear(),
                    _ => {}
                }
                self.message = None;
                return;
            }
            PromptKey::Submit => {
                let text = state.text().to_string();
                if matches!(kind, Prompt::Command | Prompt::Search) && !text.trim().is_empty() {
                    self.history.retain(|(k, t)| !(k == &kind && t == &text));
                    self.history.push((kind.clone(), text.clone()));
                }
                self.message = None;
                if let Err(e) = self.submit(&kind, &text) {
                    self.say(crate::text::line(&e.to_string()), true);
                    // What was typed stays open when editing it can fix the mistake (a date
                    // foiboard cannot read, an unknown word); a refusal of what was asked
                    // (the law, a colleague's change) closes it and says why: left open, it
                    // would take the next keys as more typing.
                    let refused = e.chain().any(|c| {
                        c.downcast_ref::<crate::store::StoreError>()
                            .is_some_and(|s| !s.fixable_by_editing())
                    });
                    if !refused && !matches!(kind, Prompt::Filter | Prompt::RowFilter) {
                        self.prompt = Some(state);
                    }
                }
                return;
            }
        }
        // Filters apply as they are typed.
        match kind {
            Prompt::Filter => {
                self.filter = state.text().to_string();
                self.ensure_selection();
            }
            Prompt::RowFilter => self.matrix.row_filter = state.text().to_string(),
            _ => {}
        }
        self.prompt = Some(state);
    }

    fn submit(&mut self, kind: &Prompt, text: &str) -> anyhow::Result<()> {
        match kind {
            Prompt::Filter => {
                self.filter = text.to_string();
                if self.filter.contains("to-chase") {
                    self.load_to_chase()?;
                }
                self.ensure_selection();
            }
            Prompt::Date(ev) => {
                let new = event_from(*ev, text, self.today)?;
                let targets = self.targets();
                let n = self.commit(|s, today| s.record_event(&targets, &new, today))?;
                self.marks.clear();
                self.say(
                    format!(
                        "recorded '{ev}' on {} for {n} request(s) (u undoes)",
                        new.on
                    ),
                    false,
                );
            }
            Prompt::Command => self.command(text.trim())?,
            Prompt::RowFilter => self.matrix.row_filter = text.to_string(),
            Prompt::CellFilter => self.set_cell_filter(text)?,
            Prompt::Search => self.run_search(text)?,
            Prompt::NewTag => {
                self.commit(|s, _| s.add_tag(text, "", ""))?;
                self.say(format!("tag '{}' added", text.trim()), false);
            }
            Prompt::RenameTag(old) => {
                let n = self.commit(|s, _| s.rename_tag(old, text))?;
                self.say(
                    format!("renamed {old} to {} ({n} tag(s); u undoes)", text.trim()),
                    false,
                );
            }
            Prompt::Assign(id) => self.assign_mail(*id, text)?,
            Prompt::MailEvent(id) => self.mail_event(*id, text)?,
            Prompt::Letter => self.write_letters(text.trim())?,
            Prompt::Export(confirmed) => self.export_to(text, confirmed.as_deref())?,
            Prompt::MergeTag(from) => {
                let n = self.commit(|s, _| s.merge_tags(from, text))?;
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
        let (word, arg) = line
            .split_once(' ')
            .map_or((line, ""), |(c, a)| (c, a.trim()));
        if word.is_empty() {
            return Ok(());
        }
        let Some(cmd) = super::commands::find(word) else {
            return Err(UserMessage(format!(
                "unknown command '{}': :help lists the commands (Tab completes them)",
                crate::text::line(word)
            ))
            .into());
        };
        let needs_arg = !cmd.args.is_empty() && !cmd.args.starts_with('[');
        if needs_arg && arg.is_empty() {
            return Err(
                UserMessage(format!(":{} needs {}: {}", cmd.name, cmd.args, cmd.help)).into(),
            );
        }
        match cmd.name {
            "goto" => {
                let (id, stage) = self.find_request(arg)?;
                // The board behind it shows the request too, so Esc comes back to the card
                // the keys act on.
                self.filter.clear();
                self.selected = Some(id);
                self.column = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
                self.enter(View::Detail)?;
                self.detail_question = 1;
            }
            "note" => {
                let targets = self.targets();
                if targets.is_empty() {
                    return Err(UserMessage("select or mark a request to note".into()).into());
                }
                let mut ev = NewEvent::new(EventKind::Note, self.today);
                ev.note = arg.to_string();
                let n = self.commit(|s, today| s.record_event(&targets, &ev, today))?;
                self.marks.clear();
                self.say(
                    format!(
                        "noted on {n} request(s): \"{}\" (u undoes)",
                        crate::text::line(arg)
                    ),
                    false,
                );
            }
            "event" | "remove" => {
                let (n, rest) = arg.split_once(' ').unwrap_or((arg, ""));
                let event = self.numbered_event(n)?;
                if cmd.name == "remove" {
                    let gone = self.commit(|s, _| s.remove_event(event.id))?;
                    self.say(
                        format!("removed '{}' of {} (u undoes)", gone.kind, gone.on),
                        false,
                    );
                } else {
                    let edit = edit_from(rest, self.today)?;
                    let now = self.commit(|s, today| s.edit_event(event.id, &edit, today))?;
                    self.say(
                        format!(
                            "event {n} is now '{}' of {}{}{} (u undoes)",
                            now.kind,
                            now.on,
                            if now.reference.is_empty() {
                                String::new()
                            } else {
                                format!(", ref {}", crate::text::line(&now.reference))
                            },
                            if now.note.is_empty() {
                                String::new()
                            } else {
                                format!(", \"{}\"", crate::text::line(&now.note))
                            },
                        ),
                        false,
                    );
                }
            }
            "address" => {
                let Some(row) = self.selected_row() else {
                    return Err(UserMessage(
                        "select a request whose body's address to correct".into(),
                    )
                    .into());
                };
                let ods = row.request.body.ods_code.clone();
                let edit = crate::store::BodyEdit {
                    foi_email: Some(arg.to_string()),
                    ..Default::default()
                };
                let body = self.commit(|s, _| s.edit_body(&ods, &edit))?;
                self.say(
                    format!(
                        "{}'s FOI address is now {} (u undoes)",
                        crate::text::line(&body.name),
                        crate::text::line(&body.foi_email)
                    ),
                    false,
                );
            }
            "request" => {
                let Some(campaign) = self.current_campaign().cloned() else {
                    return Err(UserMessage("there is no campaign yet".into()).into());
                };
                let sel: crate::store::Selector = arg.parse()?;
                let (created, skipped) = self.commit(|s, _| s.add_requests(&campaign, &sel))?;
                self.say(
                    format!("{created} request(s) created, {skipped} already there (u undoes)"),
                    false,
                );
            }
            "campaign" => match self.campaigns.iter().position(|c| c.slug == arg) {
                Some(i) => {
                    self.campaign = i;
                    self.selected = None;
                    self.marks.clear();
                    self.reload()?;
                }
                None => {
                    return Err(UserMessage(format!(
                        "no campaign '{}': Tab lists them",
                        crate::text::line(arg)
                    ))
                    .into())
                }
            },
            "import" => self.import_mail_file(arg)?,
            "export" if !arg.is_empty() => self.export_to(arg, None)?,
            "export" => self.ask_export(),
            // The help, scrolled to its end, where the commands are listed.
            "help" => {
                self.help = true;
                let (_, at) = super::view::help_lines(self.view);
                self.help_scroll = u16::try_from(at).unwrap_or(0);
            }
            "quit" => self.quit = true,
            other => {
                return Err(UserMessage(format!("'{other}' is listed but not handled here")).into())
            }
        }
        Ok(())
    }

    /// Event `n` (as numbered in the open request's list).
    fn numbered_event(&self, n: &str) -> anyhow::Result<crate::model::Event> {
        let Some((events, _)) = self.detail.as_ref().filter(|_| self.view == View::Detail) else {
            return Err(UserMessage(
                "open a request first (Enter, or :goto): its events are numbered there".into(),
            )
            .into());
        };
        let picked = n
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| events.get(i));
        picked.cloned().ok_or_else(|| {
            UserMessage(format!(
                "'{}' is not one of this request's events: they are numbered 1 to {}",
                crate::text::line(n),
                events.len()
            ))
            .into()
        })
    }

    /// What Tab offers after a command's name.
    fn choices_for(&self, command: &str) -> Vec<String> {
        match command {
            "goto" => {
                let mut v: Vec<String> = self
                    .rows
                    .iter()
                    .map(|r| r.request.body.ods_code.clone())
                    .collect();
                v.extend(self.rows.iter().map(|r| r.request.body.name.clone()));
                v
            }
            "campaign" => self.campaigns.iter().map(|c| c.slug.clone()).collect(),
            "request" => ["all", "nation:", "kind:", "region:", "ods:"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The request of this campaign `typed` names: its body's ODS code, or a part of its
    /// name that only one body has. Several bodies fit: they are listed, to type more.
    pub(super) fn find_request(&self, typed: &str) -> anyhow::Result<(i64, Stage)> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(UserMessage(
                "type an ODS code or part of a body's name (Tab completes)".into(),
            )
            .into());
        }
        if let Some(r) = self
            .rows
            .iter()
            .find(|r| r.request.body.ods_code.eq_ignore_ascii_case(typed))
        {
            return Ok((r.request.id, Stage::of(r)));
        }
        let wanted = typed.to_lowercase();
        let fits: Vec<_> = self
            .rows
            .iter()
            .filter(|r| {
                r.request.body.name.to_lowercase().contains(&wanted)
                    || r.request.body.short_name.to_lowercase().contains(&wanted)
            })
            .collect();
        match fits.as_slice() {
            [one] => Ok((one.request.id, Stage::of(one))),
            [] => Err(UserMessage(format!(
                "no request in this campaign for '{}' (an ODS code or part of a body's name; Tab completes)",
                crate::text::line(typed)
            ))
            .into()),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .take(5)
                    .map(|r| format!("{} ({})", r.request.body.name, r.request.body.ods_code))
                    .collect();
                let more = many.len().saturating_sub(names.len());
                Err(UserMessage(format!(
                    "{} bodies fit '{}': {}{}; type more of the name, or its ODS code",
                    many.len(),
                    crate::text::line(typed),
                    crate::text::line(&names.join(", ")),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ))
                .into())
            }
        }
    }
}

/// An event from what the date prompt holds: the date, then what the event takes: "until
/// DATE" (extended), "ref REFERENCE" (acknowledged and any other), "outcome WORD" (responded,
/// review answered), "note TEXT".
fn event_from(kind: EventKind, text: &str, today: chrono::NaiveDate) -> anyhow::Result<NewEvent> {
    let text = text.trim();
    let (date, rest) = text.split_once(' ').unwrap_or((text, ""));
    let mut ev = NewEvent::new(kind, parse_date(date, today)?);
    let mut words = rest.split_whitespace().peekable();
    while let Some(key) = words.next() {
        let value: Vec<&str> = std::iter::from_fn(|| {
            words.next_if(|w| !matches!(*w, "until" | "ref" | "outcome" | "note"))
        })
        .collect();
        let value = value.join(" ");
        match key {
            "until" => ev.until = Some(parse_date(&value, today)?),
            "ref" => ev.reference = value,
            "outcome" => ev.outcome = value,
            "note" => ev.note = value,
            other => {
                return Err(super::UserMessage(format!(
                    "'{other}' is not something an event takes: after the date write until DATE, ref REFERENCE, outcome WORD or note TEXT"
                ))
                .into())
            }
        }
    }
    Ok(ev)
}

/// A correction from what `:event N` was given: a date first if it starts with one, then
/// what the event prompt takes (until DATE, ref REFERENCE, outcome WORD, note TEXT); what is
/// not given stays as recorded.
fn edit_from(text: &str, today: chrono::NaiveDate) -> anyhow::Result<crate::store::EventEdit> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UserMessage(
            "say what to correct: a date, until DATE, ref REFERENCE, outcome WORD or note TEXT"
                .into(),
        )
        .into());
    }
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let keywords = ["until", "ref", "outcome", "note"];
    let (on, rest) = if keywords.contains(&first) {
        (None, text)
    } else {
        (Some(parse_date(first, today)?), rest)
    };
    let mut edit = crate::store::EventEdit {
        on,
        ..Default::default()
    };
    let mut words = rest.split_whitespace().peekable();
    while let Some(key) = words.next() {
        let value: Vec<&str> =
            std::iter::from_fn(|| words.next_if(|w| !keywords.contains(w))).collect();
        let value = value.join(" ");
        match key {
            "until" => edit.until = Some(parse_date(&value, today)?),
            "ref" => edit.reference = Some(value),
            "outcome" => edit.outcome = Some(value),
            "note" => edit.note = Some(value),
            other => {
                return Err(UserMessage(format!(
                    "'{other}' is not something an event takes: write a date, until DATE, ref REFERENCE, outcome WORD or note TEXT"
                ))
                .into())
            }
        }
    }
    Ok(edit)
}

/// A key as a prompt sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Char(char),
    Backspace,
    Submit,
    Cancel,
    /// Any other editing key: the cursor, Ctrl-U/Ctrl-W, history.
    Edit(EditKey),
    /// Tab: complete a command, its argument, or a body's name.
    Complete,
}
