//! What the windows share: multi-line text areas (made safe to show, soft-wrapped), the one
//! way a key is typed into them, and a window's frame.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{TextArea, WrapMode};

use crate::tui::theme::Theme;

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

/// A key typed into a multi-line text: Ctrl-J is a new line, as terminals send it (the text
/// widget's own meaning, delete to the start of the line, lost people's words).
pub fn type_into(area: &mut TextArea<'static>, k: KeyEvent) {
    if ctrl(&k, 'j') {
        area.insert_newline();
    } else {
        area.input(k);
    }
}

/// Whether a key is Ctrl plus `c`.
pub fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

/// A window's box; the one with the cursor is drawn in cyan.
pub fn block(title: String, active: bool, theme: Theme) -> Block<'static> {
    let b = Block::default().borders(Borders::ALL).title(title);
    if active {
        b.border_style(theme.fg(Color::Cyan))
    } else {
        b
    }
}

/// A window's foot line while it asks something: the question itself is on the message line.
pub const ASKING: &str = "answer the question on the message line below";

/// "Discard?" as every window that edits text asks it.
pub const DISCARD: &str = "Discard your changes? y discards · any other key goes on editing";

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
}
