//! Windows over a screen that take every key while open: the answer-text editor, the finding
//! form, the exemption picker and the "someone else saved" choice. Their keys are the editor's
//! own (typing must not trigger board commands), listed in each window's title line.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::model::{normalise_exemption, Finding, COMMON_EXEMPTIONS};

/// What is open over the screen.
#[derive(Debug)]
pub enum Overlay {
    Editor(Box<Editor>),
    Finding(Box<FindingForm>),
    Exemptions(ExemptionPicker),
    Conflict(Conflict),
    Split(SplitPreview),
    /// Letters written from the board, to adjust and send (or save as .eml).
    Letter(Box<super::letters::LetterDraft>),
    /// One message of a request's correspondence, to read.
    Message(super::letters::MessageView),
}

/// What a window asks before it acts (discard an edit? send a letter?), or `None`: shown on
/// the message line, where every question of the board is asked, never inside a window.
impl Overlay {
    pub fn question(&self) -> Option<String> {
        const DISCARD: &str = "Discard your changes? y discards · any other key goes on editing";
        match self {
            Overlay::Editor(e) if e.confirm_discard => Some(DISCARD.into()),
            Overlay::Finding(f) if f.confirm_discard => Some(DISCARD.into()),
            Overlay::Letter(d) => match &d.saved_in {
                Some(dir) => Some(format!(
                    "Saved as .eml in {}. Record them as sent today, once they go from your mail program? y records · any other key records nothing",
                    crate::text::line(&dir.display().to_string())
                )),
                None if d.confirm => Some(format!(
                    "Send the {} letter to {}? y sends (it cannot be undone) · any other key goes back",
                    d.kind,
                    d.recipients()
                )),
                None => None,
            },
            Overlay::Editor(_)
            | Overlay::Finding(_)
            | Overlay::Exemptions(_)
            | Overlay::Conflict(_)
            | Overlay::Split(_)
            | Overlay::Message(_) => None,
        }
    }
}

/// A response split into proposed answers, for the user to check before they are recorded.
#[derive(Debug)]
pub struct SplitPreview {
    pub request_id: i64,
    /// CAMPAIGN/ODS, for the title.
    pub label: String,
    /// Question, proposed text, and whether to record it.
    pub parts: Vec<(u32, String, bool)>,
    pub cursor: usize,
}

/// A new multi-line text area, soft-wrapped (letters have long lines), holding `text` made
/// safe to show: stored text may have come from another program with escape sequences in it.
pub fn text_area(text: &str) -> TextArea<'static> {
    let text = crate::text::block(text);
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area
}

/// The text of a text area, lines joined.
pub fn area_text(area: &TextArea) -> String {
    area.lines().join("\n")
}

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
}

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

/// Choosing the exemptions an answer cites.
#[derive(Debug)]
pub struct ExemptionPicker {
    pub request_id: i64,
    pub question: u32,
    /// The common list, then any others already cited or typed.
    pub items: Vec<String>,
    pub chosen: Vec<String>,
    /// `items.len()` is the "other" line.
    pub cursor: usize,
    pub other: String,
}

impl ExemptionPicker {
    pub fn new(request_id: i64, question: u32, chosen: Vec<String>) -> ExemptionPicker {
        let mut items: Vec<String> = COMMON_EXEMPTIONS.iter().map(|s| s.to_string()).collect();
        for c in &chosen {
            if !items.contains(c) {
                items.push(c.clone());
            }
        }
        ExemptionPicker {
            request_id,
            question,
            items,
            chosen,
            cursor: 0,
            other: String::new(),
        }
    }

    pub fn toggle(&mut self) {
        if let Some(item) = self.items.get(self.cursor) {
            if let Some(i) = self.chosen.iter().position(|c| c == item) {
                self.chosen.remove(i);
            } else {
                self.chosen.push(item.clone());
            }
        }
    }

    /// Adds the typed exemption, written the one way, to the list and the choice.
    pub fn add_other(&mut self) {
        let e = normalise_exemption(&self.other);
        self.other.clear();
        if e.is_empty() {
            return;
        }
        if !self.items.contains(&e) {
            self.items.push(e.clone());
        }
        if !self.chosen.contains(&e) {
            self.chosen.push(e);
        }
    }

    /// The choice in the list's order.
    pub fn ordered(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| self.chosen.contains(i))
            .cloned()
            .collect()
    }
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

/// Whether a key is Ctrl plus `c`.
/// A key typed into a multi-line text: Ctrl-J is a new line, as terminals send it (the text
/// widget's own meaning, delete to the start of the line, lost people's words).
pub fn type_into(area: &mut ratatui_textarea::TextArea<'static>, k: KeyEvent) {
    if ctrl(&k, 'j') {
        area.insert_newline();
    } else {
        area.input(k);
    }
}

pub fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_j_is_a_new_line_and_keeps_the_words() {
        let mut area = text_area("Dear FOI team");
        area.move_cursor(ratatui_textarea::CursorMove::End);
        let key = |c, m| KeyEvent::new(KeyCode::Char(c), m);
        type_into(&mut area, key('j', KeyModifiers::CONTROL));
        type_into(&mut area, key('Q', KeyModifiers::SHIFT));
        type_into(&mut area, key('1', KeyModifiers::NONE));
        assert_eq!(area.lines(), ["Dear FOI team", "Q1"]);
    }

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
