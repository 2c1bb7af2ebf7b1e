//! Windows over a screen that take every key while open: the answer-text editor, the finding
//! form, the exemption picker, the "someone else saved" choice, the split of a reply into
//! answers, a letter to adjust and send, and a message to read. Each is one file with its
//! state, keys and drawing; their keys are their own (typing must not trigger board
//! commands), listed in each window's title or foot line, and a question they ask (discard?
//! send?) is asked on the message line.

pub mod editor;
pub mod exemptions;
pub mod finding;
pub mod letter;
pub mod message;
pub mod split;
pub mod text;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use ratatui::Frame;

use editor::{Conflict, Editor, TextNext};
use exemptions::ExemptionPicker;
use finding::FindingForm;
use letter::LetterDraft;
use message::MessageView;
use split::SplitPreview;

use super::shared::Shared;
use super::theme::Theme;

/// What is open over the screen.
#[derive(Debug)]
pub enum Window {
    Editor(Box<Editor>),
    Finding(Box<FindingForm>),
    Exemptions(ExemptionPicker),
    Conflict(Conflict),
    Split(SplitPreview),
    /// Letters written from the board, to adjust and send (or save as .eml).
    Letter(Box<LetterDraft>),
    /// One message of a request's correspondence, to read.
    Message(MessageView),
}

impl Window {
    /// A key: the window that is open after it (`None` once it closed). An error closes the
    /// window and is said; a window that must not lose what was typed keeps itself open and
    /// says what went wrong instead.
    pub fn key(self, sh: &mut Shared, k: KeyEvent) -> Option<Window> {
        let editing = match &self {
            Window::Editor(e) => Some((e.request_id, e.question)),
            Window::Conflict(c) => Some((c.request_id, c.question)),
            _ => None,
        };
        let text = |n: TextNext| match n {
            TextNext::Editor(e) => Some(Window::Editor(e)),
            TextNext::Conflict(c) => Some(Window::Conflict(c)),
            TextNext::Closed => None,
        };
        let next = match self {
            Window::Editor(e) => e.key(sh, k).map(text),
            Window::Conflict(c) => c.key(sh, k).map(text),
            Window::Finding(f) => f.key(sh, k).map(|f| f.map(Window::Finding)),
            Window::Exemptions(p) => p.key(sh, k).map(|p| p.map(Window::Exemptions)),
            Window::Split(s) => s.key(sh, k).map(|s| s.map(Window::Split)),
            Window::Letter(d) => d.key(sh, k).map(|d| d.map(Window::Letter)),
            Window::Message(m) => Ok(m.key(k).map(Window::Message)),
        };
        let next = next.unwrap_or_else(|e| {
            sh.say(crate::text::line(&e.to_string()), true);
            None
        });
        // The text was saved, taken from a colleague or discarded: its draft has served.
        if let Some((request, question)) = editing {
            if !matches!(next, Some(Window::Editor(_) | Window::Conflict(_))) {
                editor::drop_draft(sh, request, question);
            }
        }
        next
    }

    /// Pasted text, sanitized, into the field with the cursor.
    pub fn paste(&mut self, pasted: &str) {
        let clean = crate::text::block(pasted);
        match self {
            Window::Editor(e) => e.paste(&clean),
            Window::Finding(f) => f.paste(pasted),
            Window::Exemptions(p) => p.paste(pasted),
            Window::Letter(d) => d.paste(&clean),
            Window::Conflict(_) | Window::Split(_) | Window::Message(_) => {}
        }
    }

    /// What the window asks before it acts (discard an edit? send a letter?), or `None`:
    /// shown on the message line, where every question of the board is asked.
    pub fn question(&self) -> Option<String> {
        match self {
            Window::Editor(e) => e.question(),
            Window::Finding(f) => f.question(),
            Window::Letter(d) => d.question(),
            Window::Exemptions(_) | Window::Conflict(_) | Window::Split(_) | Window::Message(_) => {
                None
            }
        }
    }

    /// Draws the window over the whole of `area` (the screen between the header and the
    /// message line), cleared: nothing of the screen under it shows around its edges, so no
    /// line of a window ever runs into another box's border or text.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        frame.render_widget(Clear, area);
        match self {
            Window::Editor(e) => e.draw(frame, area, theme),
            Window::Finding(f) => f.draw(frame, area, theme),
            Window::Exemptions(p) => p.draw(frame, area, theme),
            Window::Conflict(c) => c.draw(frame, area, theme),
            Window::Split(s) => s.draw(frame, area, theme),
            Window::Letter(d) => d.draw(frame, area, theme),
            Window::Message(m) => m.draw(frame, area, theme),
        }
    }
}
