//! The one-line prompt at the foot of the screen: filters, dates, tag names, searches and
//! `:` commands, typed a key at a time with history and Tab completion. What a submitted
//! prompt does belongs to whoever asked for it (a screen, or the app for the prompts every
//! screen has); this file only edits the line.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::commands;
use super::shared::Shared;
use super::widgets::line_editor::{EditKey, LineEditor};
use crate::law::EventKind;

/// What a prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    Filter,
    Date(EventKind),
    Command,
    RowFilter,
    CellFilter,
    Search,
    NewTag,
    RenameTag(String),
    MergeTag(String),
    /// A file name to write the campaign to; holds the path already confirmed for replacing.
    Export(Option<std::path::PathBuf>),
    /// The request to file a message under (by the message's id).
    Assign(i64),
    /// Which letter to write for the selected or marked requests.
    Letter,
    /// Which event a message records (by the message's id), and on which day.
    MailEvent(i64),
}

impl Prompt {
    /// What the prompt line says before what is typed.
    pub fn label(&self) -> String {
        use crate::text::line;
        match self {
            Prompt::Filter => "filter: ".to_string(),
            Prompt::Date(EventKind::Extended) => {
                "extended on DATE [until DATE stated]: ".to_string()
            }
            Prompt::Date(EventKind::Acknowledged) => {
                "acknowledged on DATE [ref THEIR-REF]: ".into()
            }
            Prompt::Date(EventKind::Responded) => "responded on DATE [outcome WORD]: ".to_string(),
            Prompt::Date(EventKind::ReviewResponded) => {
                "review answered on DATE [outcome WORD]: ".into()
            }
            Prompt::Date(ev) => format!("{ev} on (YYYY-MM-DD, today, yesterday, -N): "),
            Prompt::Command => ":".to_string(),
            Prompt::RowFilter => "bodies: ".to_string(),
            Prompt::CellFilter => "cells (q5 refused s.43, a tag): ".to_string(),
            Prompt::Search => "search answers, notes, quotes: ".to_string(),
            Prompt::NewTag => "new tag (e.g. fdp/pilot): ".to_string(),
            Prompt::RenameTag(old) => format!("rename {} to: ", line(old)),
            Prompt::MergeTag(from) => format!("merge {} into: ", line(from)),
            Prompt::Assign(id) => format!("file message {id} under (ODS or part of a name): "),
            Prompt::MailEvent(id) => {
                format!("message {id} records (EVENT [DATE], Tab completes): ")
            }
            Prompt::Letter => "letter (request, chase, review, complaint): ".to_string(),
            Prompt::Export(_) => format!("write to ({}): ", crate::export::Format::extensions()),
        }
    }

    /// Whether what is typed applies at once (a filter), so a failed submission closes it:
    /// what was typed already shows.
    pub fn applies_as_typed(&self) -> bool {
        matches!(self, Prompt::Filter | Prompt::RowFilter)
    }

    /// Whether submissions are kept for ↑/↓.
    pub fn keeps_history(&self) -> bool {
        matches!(self, Prompt::Command | Prompt::Search)
    }
}

/// An open prompt: what it asks for and the line being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptState {
    pub kind: Prompt,
    pub editor: LineEditor,
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

impl PromptKey {
    /// The prompt's meaning of a terminal key, if it has one.
    pub fn of(k: KeyEvent) -> Option<PromptKey> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        Some(match k.code {
            KeyCode::Enter => PromptKey::Submit,
            KeyCode::Esc => PromptKey::Cancel,
            KeyCode::Char('c') if ctrl => PromptKey::Cancel,
            KeyCode::Char('a') if ctrl => PromptKey::Edit(EditKey::Home),
            KeyCode::Char('e') if ctrl => PromptKey::Edit(EditKey::End),
            KeyCode::Char('u') if ctrl => PromptKey::Edit(EditKey::KillToStart),
            KeyCode::Char('w') if ctrl => PromptKey::Edit(EditKey::KillWord),
            _ if ctrl => return None,
            KeyCode::Backspace => PromptKey::Backspace,
            KeyCode::Delete => PromptKey::Edit(EditKey::Delete),
            KeyCode::Left => PromptKey::Edit(EditKey::Left),
            KeyCode::Right => PromptKey::Edit(EditKey::Right),
            KeyCode::Home => PromptKey::Edit(EditKey::Home),
            KeyCode::End => PromptKey::Edit(EditKey::End),
            KeyCode::Up => PromptKey::Edit(EditKey::Older),
            KeyCode::Down => PromptKey::Edit(EditKey::Newer),
            KeyCode::Char(c) => PromptKey::Char(c),
            KeyCode::Tab => PromptKey::Complete,
            _ => return None,
        })
    }
}

impl PromptState {
    /// A prompt asking for `kind`, its text prefilled (and selected, so typing replaces it).
    pub fn new(kind: Prompt, text: &str) -> PromptState {
        PromptState {
            kind,
            editor: LineEditor::new(text),
        }
    }

    pub fn text(&self) -> &str {
        self.editor.text()
    }

    /// An editing key (not Enter or Esc, which the app acts on): `history` is what was
    /// submitted to this kind of prompt before, oldest first.
    pub fn edit(&mut self, key: PromptKey, history: &[String], sh: &mut Shared) {
        match key {
            PromptKey::Char(c) => self.editor.apply(EditKey::Char(c), history),
            PromptKey::Backspace => self.editor.apply(EditKey::Backspace, history),
            PromptKey::Edit(e) => self.editor.apply(e, history),
            PromptKey::Complete => self.complete(sh),
            PromptKey::Submit | PromptKey::Cancel => {}
        }
    }

    /// Tab: the command, its argument, an event's word or a body's name, completed as far as
    /// the choices agree; the choices left are listed on the message line.
    fn complete(&mut self, sh: &mut Shared) {
        let typed = self.text().to_string();
        let done = match self.kind {
            Prompt::Command => commands::complete(&typed, |c| sh.choices_for(c.name)),
            Prompt::MailEvent(_) => commands::complete_word(
                &typed,
                &EventKind::ALL
                    .iter()
                    .map(|k| k.as_str().to_string())
                    .collect::<Vec<_>>(),
            ),
            Prompt::Assign(_) => {
                let mut c =
                    commands::complete(&format!("goto {typed}"), |_| sh.choices_for("goto"));
                c.line = c.line.trim_start_matches("goto ").to_string();
                c
            }
            _ => return,
        };
        self.editor = LineEditor::typed(&done.line);
        if done.choices.len() > 1 {
            let shown: Vec<&str> = done.choices.iter().take(16).map(String::as_str).collect();
            let more = done.choices.len().saturating_sub(shown.len());
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            sh.say(format!("{}{tail}", shown.join(", ")), false);
        } else {
            sh.message = None;
        }
    }
}
