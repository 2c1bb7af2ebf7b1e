//! The answer-text editor, the choice it offers when a colleague saved the same text
//! meanwhile, and the drafts that keep what is typed if the board goes away before a save.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use ratatui_textarea::TextArea;

use super::text::{area_text, block, ctrl, text_area, type_into, ASKING};
use crate::files::drafts::Draft;
use crate::store::{AnswerEdit, StoreError};
use crate::text;
use crate::tui::shared::{refuse, Shared};
use crate::tui::theme::Theme;

/// Editing the text of one answer.
#[derive(Debug)]
pub struct Editor {
    pub request_id: i64,
    pub question: u32,
    pub area: TextArea<'static>,
    /// The stored text when editing began: a save checks nobody changed it since.
    pub was: String,
    /// What the editor showed at first (the stored text made safe to show).
    start: String,
    /// Esc was pressed with unsaved changes: y discards, n keeps editing.
    pub confirm_discard: bool,
}

/// A save found a colleague's newer text: keep mine, take theirs, or edit the two together.
#[derive(Debug)]
pub struct Conflict {
    pub request_id: i64,
    pub question: u32,
    pub mine: String,
    pub theirs: String,
    pub by: String,
}

/// What the editor or the conflict choice is after a key.
pub enum TextNext {
    Editor(Box<Editor>),
    Conflict(Conflict),
    Closed,
}

impl Editor {
    pub fn answer_text(request_id: i64, question: u32, text: &str) -> Editor {
        let area = text_area(text);
        Editor {
            request_id,
            question,
            start: area_text(&area),
            area,
            was: text.to_string(),
            confirm_discard: false,
        }
    }

    /// An editor reopened on a kept draft: `text` typed over `was`, the text stored then.
    pub fn resume(request_id: i64, question: u32, was: &str, text: &str) -> Editor {
        Editor {
            request_id,
            question,
            start: area_text(&text_area(was)),
            area: text_area(text),
            was: was.to_string(),
            confirm_discard: false,
        }
    }

    pub fn text(&self) -> String {
        area_text(&self.area)
    }

    pub fn modified(&self) -> bool {
        self.text() != self.start
    }

    pub fn key(mut self: Box<Self>, sh: &mut Shared, k: KeyEvent) -> anyhow::Result<TextNext> {
        if self.confirm_discard {
            if k.code == KeyCode::Char('y') {
                sh.say("changes discarded", false);
                return Ok(TextNext::Closed);
            }
            self.confirm_discard = false;
            return Ok(TextNext::Editor(self));
        }
        if ctrl(&k, 's') {
            return self.save(sh);
        }
        if k.code == KeyCode::Esc {
            if !self.modified() {
                return Ok(TextNext::Closed);
            }
            self.confirm_discard = true;
        } else {
            type_into(&mut self.area, k);
        }
        Ok(TextNext::Editor(self))
    }

    /// Saves the text unless a colleague saved meanwhile; then offers both.
    fn save(self: Box<Self>, sh: &mut Shared) -> anyhow::Result<TextNext> {
        let mine = self.text();
        let saved = sh.store.edit_answer(
            self.request_id,
            self.question,
            &AnswerEdit {
                text: Some(&mine),
                text_was: Some(&self.was),
                ..AnswerEdit::default()
            },
        );
        match saved {
            Ok(_) => {
                sh.remember_change();
                sh.reload()?;
                sh.say(
                    format!("saved the text of Q{} (u undoes)", self.question),
                    false,
                );
                Ok(TextNext::Closed)
            }
            Err(StoreError::TextChanged { theirs, by, .. }) => Ok(TextNext::Conflict(Conflict {
                request_id: self.request_id,
                question: self.question,
                mine,
                theirs,
                by,
            })),
            Err(other) => {
                // The editor stays open: nothing typed is lost.
                sh.say(text::line(&other.to_string()), true);
                Ok(TextNext::Editor(self))
            }
        }
    }

    pub fn paste(&mut self, clean: &str) {
        self.area.insert_str(clean);
    }

    pub fn question(&self) -> Option<String> {
        self.confirm_discard
            .then(|| super::text::DISCARD.to_string())
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        let [edit, foot] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(win);
        let mut area = self.area.clone();
        area.set_block(block(
            format!(
                " Q{} answer text · Ctrl-S saves · Esc closes{} ",
                self.question,
                if self.modified() { " · modified" } else { "" }
            ),
            true,
            theme,
        ));
        frame.render_widget(&area, edit);
        let hint = if self.confirm_discard {
            Span::styled(ASKING, theme.fg(Color::Yellow))
        } else {
            Span::raw("paste a letter in; arrows move, Ctrl-Z/Ctrl-Y undo and redo typing")
        };
        frame.render_widget(Paragraph::new(Line::from(hint)), foot);
    }
}

impl Conflict {
    pub fn key(self, sh: &mut Shared, k: KeyEvent) -> anyhow::Result<TextNext> {
        match k.code {
            KeyCode::Char('m') => {
                // Mine, knowingly replacing theirs (their text stays in the history).
                let mut e = Box::new(Editor::answer_text(
                    self.request_id,
                    self.question,
                    &self.mine,
                ));
                e.was = self.theirs;
                e.save(sh)
            }
            KeyCode::Char('t') => {
                sh.reload()?;
                sh.say("kept their version; yours was discarded", false);
                Ok(TextNext::Closed)
            }
            KeyCode::Char('e') | KeyCode::Esc => {
                let both = format!(
                    "{}\n\n----- the version {} saved -----\n{}",
                    self.mine,
                    text::line(&self.by),
                    self.theirs
                );
                let mut e = Box::new(Editor::answer_text(self.request_id, self.question, &both));
                e.was = self.theirs;
                sh.say(
                    "both versions are in the editor: Ctrl-S saves what you keep",
                    false,
                );
                Ok(TextNext::Editor(e))
            }
            _ => Ok(TextNext::Conflict(self)),
        }
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        let [panes, foot] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(win);
        let [mine, theirs] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(panes);
        frame.render_widget(
            Paragraph::new(text::block(&self.mine))
                .wrap(Wrap { trim: false })
                .block(block(" your version ".into(), true, theme)),
            mine,
        );
        frame.render_widget(
            Paragraph::new(text::block(&self.theirs))
                .wrap(Wrap { trim: false })
                .block(block(
                    format!(" saved meanwhile by {} ", text::line(&self.by)),
                    false,
                    theme,
                )),
            theirs,
        );
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(
                    format!("Q{}'s text changed while you edited it.", self.question),
                    theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                )),
                Line::raw(
                    "m keeps yours (theirs stays in the history) · t takes theirs · e edits both together",
                ),
            ]),
            foot,
        );
    }
}

/// Keeps the editor's text as a draft if it differs from what it started with and from the
/// draft last kept. Failing to keep it is said, never fatal.
pub fn keep_draft(sh: &mut Shared, e: &Editor) {
    let text = e.text();
    if !e.modified() || sh.kept_draft.as_deref() == Some(text.as_str()) {
        return;
    }
    let d = Draft {
        author: sh.store.author().to_string(),
        campaign: sh
            .current_campaign()
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        request_id: e.request_id,
        question: e.question,
        was: e.was.clone(),
        text: text.clone(),
        saved_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    match sh.drafts.save(&d) {
        Ok(()) => sh.kept_draft = Some(text),
        Err(err) => sh.say(
            format!("your text could not be kept as a draft ({err}): save it with Ctrl-S"),
            true,
        ),
    }
}

/// The text was saved, taken from a colleague or discarded: its draft has served.
pub fn drop_draft(sh: &mut Shared, request_id: i64, question: u32) {
    sh.drafts.remove(sh.store.author(), request_id, question);
    sh.kept_draft = None;
}

/// The latest kept draft as an editor over its answer, its campaign shown on the board.
pub fn reopen_draft(sh: &mut Shared) -> anyhow::Result<Editor> {
    let Some(d) = sh.drafts.of(sh.store.author()).pop() else {
        return refuse("no unsaved text was kept");
    };
    if let Some(i) = sh.campaigns.iter().position(|c| c.slug == d.campaign) {
        if i != sh.campaign {
            sh.switch_campaign(i)?;
        }
    }
    if !sh.rows.iter().any(|r| r.request.id == d.request_id) {
        return refuse(
            "the request of the kept text is gone (undone or removed): its draft stays in the drafts folder beside the database",
        );
    }
    sh.kept_draft = Some(d.text.clone());
    sh.say(
        format!(
            "your unsaved text of Q{} from {}: Ctrl-S saves it",
            d.question, d.saved_at
        ),
        false,
    );
    Ok(Editor::resume(d.request_id, d.question, &d.was, &d.text))
}
