//! The finding form: a note, its tags (completed from the codebook, or created there) and a
//! quote, offered sentence by sentence from the answer's text.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use ratatui_textarea::TextArea;

use super::text::{area_text, block, ctrl, text_area, ASKING};
use crate::model::Finding;
use crate::text;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

/// Which field of the finding form has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note,
    Tags,
    Quote,
}

/// One line of the tag completion list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    Existing(String),
    /// Create this tag in the codebook and use it.
    Create(String),
}

/// Adding or editing one finding.
#[derive(Debug)]
pub struct FindingForm {
    pub request_id: i64,
    pub question: u32,
    /// The finding being edited; `None` adds one.
    pub id: Option<i64>,
    pub field: Field,
    pub note: TextArea<'static>,
    pub tags: Vec<String>,
    pub tag_input: String,
    /// The highlighted completion.
    pub choice: usize,
    pub quote: String,
    /// The answer's text: a quote not word for word in it is saved with a warning.
    answer_text: String,
    /// The answer's sentences, offered as quotes with ↑/↓ in the quote field.
    pub sentences: Vec<String>,
    pub sentence: Option<usize>,
    /// The codebook's live tags, for completion.
    pub all_tags: Vec<String>,
    original: (String, Vec<String>, String),
    pub confirm_discard: bool,
}

impl FindingForm {
    pub fn new(
        request_id: i64,
        question: u32,
        finding: Option<&Finding>,
        answer_text: &str,
        all_tags: Vec<String>,
    ) -> FindingForm {
        let (note, tags, quote) = match finding {
            Some(f) => (f.note.clone(), f.tags.clone(), f.quote.clone()),
            None => (String::new(), Vec::new(), String::new()),
        };
        FindingForm {
            request_id,
            question,
            id: finding.map(|f| f.id),
            field: Field::Note,
            note: text_area(&note),
            tags: tags.clone(),
            tag_input: String::new(),
            choice: 0,
            quote: quote.clone(),
            answer_text: answer_text.to_string(),
            sentences: sentences(answer_text),
            sentence: None,
            all_tags,
            original: (note, tags, quote),
            confirm_discard: false,
        }
    }

    pub fn note_text(&self) -> String {
        area_text(&self.note).trim().to_string()
    }

    pub fn modified(&self) -> bool {
        (self.note_text(), &self.tags, self.quote.trim())
            != (
                self.original.0.trim().to_string(),
                &self.original.1,
                self.original.2.trim(),
            )
            || !self.tag_input.is_empty()
    }

    /// Tags matching what is typed (by any part of the name), then an offer to create it.
    pub fn completions(&self) -> Vec<Completion> {
        let typed = self.tag_input.trim().to_ascii_lowercase();
        if typed.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Completion> = self
            .all_tags
            .iter()
            .filter(|t| t.contains(&typed) && !self.tags.contains(t))
            .take(8)
            .map(|t| Completion::Existing(t.clone()))
            .collect();
        if !self.all_tags.contains(&typed) {
            out.push(Completion::Create(typed));
        }
        out
    }

    pub fn next_field(&mut self, back: bool) {
        self.field = match (self.field, back) {
            (Field::Note, false) | (Field::Quote, true) => Field::Tags,
            (Field::Tags, false) | (Field::Note, true) => Field::Quote,
            (Field::Quote, false) | (Field::Tags, true) => Field::Note,
        };
    }

    /// ↑/↓ in the quote field: offer the answer's sentences in turn.
    pub fn cycle_sentence(&mut self, up: bool) {
        if self.sentences.is_empty() {
            return;
        }
        let n = self.sentences.len();
        let next = match (self.sentence, up) {
            (None, false) => 0,
            (None, true) => n - 1,
            (Some(i), false) => (i + 1) % n,
            (Some(i), true) => (i + n - 1) % n,
        };
        self.sentence = Some(next);
        self.quote = self.sentences[next].clone();
    }

    /// A key in the form; `None` once it closed.
    pub fn key(
        mut self: Box<Self>,
        sh: &mut Shared,
        k: KeyEvent,
    ) -> anyhow::Result<Option<Box<Self>>> {
        if self.confirm_discard {
            if k.code == KeyCode::Char('y') {
                sh.say("finding discarded", false);
                return Ok(None);
            }
            self.confirm_discard = false;
            return Ok(Some(self));
        }
        if ctrl(&k, 's') {
            return self.save(sh);
        }
        match k.code {
            KeyCode::Esc => {
                if !self.modified() {
                    return Ok(None);
                }
                self.confirm_discard = true;
            }
            KeyCode::Tab => self.next_field(false),
            KeyCode::BackTab => self.next_field(true),
            _ => match self.field {
                Field::Note => {
                    self.note.input(k);
                }
                Field::Quote => match k.code {
                    KeyCode::Up => self.cycle_sentence(true),
                    KeyCode::Down => self.cycle_sentence(false),
                    KeyCode::Backspace => {
                        self.quote.pop();
                    }
                    KeyCode::Char(c) => self.quote.push(c),
                    _ => {}
                },
                Field::Tags => self.tags_key(sh, k)?,
            },
        }
        Ok(Some(self))
    }

    fn tags_key(&mut self, sh: &mut Shared, k: KeyEvent) -> anyhow::Result<()> {
        match k.code {
            KeyCode::Up => self.choice = self.choice.saturating_sub(1),
            KeyCode::Down => {
                self.choice = (self.choice + 1).min(self.completions().len().saturating_sub(1))
            }
            KeyCode::Backspace if self.tag_input.is_empty() => {
                self.tags.pop();
            }
            KeyCode::Backspace => {
                self.tag_input.pop();
                self.choice = 0;
            }
            KeyCode::Enter => {
                let pick = self.completions().get(self.choice).cloned();
                match pick {
                    Some(Completion::Existing(t)) => self.tags.push(t),
                    Some(Completion::Create(t)) => {
                        let t = crate::store::check_tag_name(&t)?;
                        sh.store.add_tag(&t, "", "")?;
                        sh.remember_change();
                        self.all_tags.push(t.clone());
                        self.tags.push(t.clone());
                        sh.say(format!("new tag '{t}' added to the codebook"), false);
                    }
                    None => {}
                }
                self.tag_input.clear();
                self.choice = 0;
            }
            KeyCode::Char(c) => {
                self.tag_input.push(c);
                self.choice = 0;
            }
            _ => {}
        }
        Ok(())
    }

    fn save(self: Box<Self>, sh: &mut Shared) -> anyhow::Result<Option<Box<Self>>> {
        if self.tags.is_empty() {
            sh.say(
                "a finding needs at least one tag: Tab to Tags, type, Enter to pick",
                true,
            );
            return Ok(Some(self));
        }
        let note = self.note_text();
        let quote = self.quote.trim().to_string();
        let saved = sh.commit(|store, _| match self.id {
            Some(id) => store.update_finding(id, &self.tags, &note, &quote),
            None => store
                .add_finding(self.request_id, self.question, &self.tags, &note, &quote)
                .map(|_| ()),
        });
        if let Err(e) = saved {
            // The form stays open: nothing typed is lost.
            sh.say(text::line(&e.to_string()), true);
            return Ok(Some(self));
        }
        let warn =
            !quote.is_empty() && !self.answer_text.is_empty() && !self.answer_text.contains(&quote);
        sh.say(
            if warn {
                "finding saved; note: the quote is not word for word in the answer text"
            } else {
                "finding saved (u undoes)"
            },
            warn,
        );
        Ok(None)
    }

    pub fn paste(&mut self, pasted: &str) {
        match self.field {
            Field::Note => {
                self.note.insert_str(text::block(pasted));
            }
            Field::Quote => self.quote.push_str(&text::line(pasted)),
            Field::Tags => self.tag_input.push_str(text::line(pasted).trim()),
        }
    }

    pub fn question(&self) -> Option<String> {
        self.confirm_discard
            .then(|| super::text::DISCARD.to_string())
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        let completions = self.completions();
        let [note, tags, quote, foot] = Layout::vertical([
            Constraint::Min(4),
            Constraint::Length(3 + completions.len().min(9) as u16),
            Constraint::Length(3),
            Constraint::Length(1),
        ])
        .areas(win);
        let title = match self.id {
            Some(id) => format!(" finding {id} on Q{}: note ", self.question),
            None => format!(" new finding on Q{}: note ", self.question),
        };
        let mut area = self.note.clone();
        area.set_block(block(title, self.field == Field::Note, theme));
        if self.field != Field::Note {
            area.set_cursor_style(Style::default());
        }
        frame.render_widget(&area, note);

        let mut lines = vec![Line::from(vec![
            Span::styled(
                self.tags
                    .iter()
                    .map(|t| format!("[{}] ", text::line(t)))
                    .collect::<String>(),
                theme.fg(Color::Cyan),
            ),
            Span::raw(text::line(&self.tag_input)),
            Span::raw(if self.field == Field::Tags { "▏" } else { "" }),
        ])];
        for (i, c) in completions.iter().take(9).enumerate() {
            let label = match c {
                Completion::Existing(t) => format!("  {}", text::line(t)),
                Completion::Create(t) => format!("  + create tag '{}'", text::line(t)),
            };
            let style = if i == self.choice {
                theme.selected()
            } else {
                Style::default()
            };
            lines.push(Line::from(Span::styled(label, style)));
        }
        frame.render_widget(
            Paragraph::new(lines).block(block(
                " tags: type, ↑/↓, Enter picks; Backspace removes the last ".into(),
                self.field == Field::Tags,
                theme,
            )),
            tags,
        );
        frame.render_widget(
            Paragraph::new(format!(
                "{}{}",
                text::line(&self.quote),
                if self.field == Field::Quote {
                    "▏"
                } else {
                    ""
                }
            ))
            .block(block(
                " quote (optional): type or paste; ↑/↓ offer the answer's sentences ".into(),
                self.field == Field::Quote,
                theme,
            )),
            quote,
        );
        let hint = if self.confirm_discard {
            Span::styled(ASKING, theme.fg(Color::Yellow))
        } else {
            Span::raw("Tab next field · Ctrl-S saves · Esc cancels")
        };
        frame.render_widget(Paragraph::new(Line::from(hint)), foot);
    }
}

/// The sentences of a text, for picking a quote: split after '.', '!' or '?' and at blank
/// lines, trimmed, short fragments dropped.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut start = 0;
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        for (k, (i, c)) in chars.iter().enumerate() {
            let end_of_sentence = matches!(c, '.' | '!' | '?')
                && chars.get(k + 1).is_none_or(|(_, n)| n.is_whitespace());
            if end_of_sentence {
                let s = para[start..i + c.len_utf8()].trim();
                if s.chars().count() > 3 {
                    out.push(s.to_string());
                }
                start = i + c.len_utf8();
            }
        }
        let rest = para[start..].trim();
        if rest.chars().count() > 3 {
            out.push(rest.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_full_stops_and_paragraphs() {
        let s = sentences("We use FDP. It went live in 2024!\n\nNo documents are held\nat all.");
        assert_eq!(
            s,
            vec![
                "We use FDP.",
                "It went live in 2024!",
                "No documents are held at all."
            ]
        );
        assert_eq!(
            sentences("s.43 applies to Q5."),
            vec!["s.43 applies to Q5."]
        );
    }

    #[test]
    fn completion_offers_matches_then_creation() {
        let mut f = FindingForm::new(
            1,
            1,
            None,
            "",
            vec!["fdp/in-use".into(), "fdp/planned".into(), "quote".into()],
        );
        f.tag_input = "fdp".into();
        assert_eq!(
            f.completions(),
            vec![
                Completion::Existing("fdp/in-use".into()),
                Completion::Existing("fdp/planned".into()),
                Completion::Create("fdp".into())
            ]
        );
        f.tag_input = "quote".into();
        assert_eq!(f.completions(), vec![Completion::Existing("quote".into())]);
    }
}
