//! The one line editor every prompt uses (filters, dates, `:` commands, file names, tag
//! names): a cursor that moves, the keys a shell's line editing taught everyone (Ctrl-A,
//! Ctrl-E, Ctrl-U, Ctrl-W, Home, End), and a prefilled text that is selected, so typing
//! replaces it and a key that moves keeps it.

/// One editing key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: everything before the cursor.
    KillToStart,
    /// Ctrl-W: the word before the cursor.
    KillWord,
    /// ↑ / ↓: earlier and later entries of the prompt's history.
    Older,
    Newer,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// A byte offset on a character boundary.
    cursor: usize,
    /// The whole text is selected (as prefilled): typing replaces it.
    selected: bool,
    /// Where in the history ↑/↓ are, and what was typed before.
    browsing: Option<(usize, String)>,
}

impl LineEditor {
    /// An editor holding `prefill`, selected.
    pub fn new(prefill: &str) -> LineEditor {
        LineEditor {
            text: prefill.to_string(),
            cursor: prefill.len(),
            selected: !prefill.is_empty(),
            browsing: None,
        }
    }

    /// An editor holding `text` as if typed: the cursor at its end, nothing selected (what
    /// Tab completed is typed on, not replaced).
    pub fn typed(text: &str) -> LineEditor {
        LineEditor {
            text: text.to_string(),
            cursor: text.len(),
            selected: false,
            browsing: None,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// (before the cursor, the cursor's character or "", after it).
    pub fn parts(&self) -> (&str, &str, &str) {
        let (before, rest) = self.text.split_at(self.cursor);
        let n = rest.chars().next().map_or(0, char::len_utf8);
        (before, &rest[..n], &rest[n..])
    }

    fn prev_boundary(&self, i: usize) -> usize {
        self.text[..i]
            .char_indices()
            .next_back()
            .map_or(0, |(j, _)| j)
    }

    fn next_boundary(&self, i: usize) -> usize {
        self.text[i..]
            .chars()
            .next()
            .map_or(self.text.len(), |c| i + c.len_utf8())
    }

    /// Applies one key; `history` is the prompt's earlier entries, oldest first.
    pub fn apply(&mut self, key: EditKey, history: &[String]) {
        let was_selected = std::mem::replace(&mut self.selected, false);
        match key {
            EditKey::Char(c) => {
                if was_selected {
                    self.text.clear();
                    self.cursor = 0;
                }
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            EditKey::Backspace | EditKey::Delete if was_selected => {
                self.text.clear();
                self.cursor = 0;
            }
            EditKey::Backspace => {
                if self.cursor > 0 {
                    let p = self.prev_boundary(self.cursor);
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                }
            }
            EditKey::Delete => {
                if self.cursor < self.text.len() {
                    let n = self.next_boundary(self.cursor);
                    self.text.replace_range(self.cursor..n, "");
                }
            }
            EditKey::Left => self.cursor = self.prev_boundary(self.cursor),
            EditKey::Right => self.cursor = self.next_boundary(self.cursor),
            EditKey::Home => self.cursor = 0,
            EditKey::End => self.cursor = self.text.len(),
            EditKey::KillToStart => {
                let end = if was_selected {
                    self.text.len()
                } else {
                    self.cursor
                };
                self.text.replace_range(..end, "");
                self.cursor = 0;
            }
            EditKey::KillWord => {
                if was_selected {
                    self.text.clear();
                    self.cursor = 0;
                } else {
                    let before = &self.text[..self.cursor];
                    let trimmed = before.trim_end();
                    let start = trimmed
                        .char_indices()
                        .rev()
                        .find(|(_, c)| c.is_whitespace())
                        .map_or(0, |(i, c)| i + c.len_utf8());
                    self.text.replace_range(start..self.cursor, "");
                    self.cursor = start;
                }
            }
            EditKey::Older | EditKey::Newer => {
                if history.is_empty() {
                    return;
                }
                let at = match (&self.browsing, key) {
                    (None, EditKey::Older) => {
                        self.browsing = Some((history.len() - 1, self.text.clone()));
                        Some(history.len() - 1)
                    }
                    (None, _) => None,
                    (Some((i, _)), EditKey::Older) => Some(i.saturating_sub(1)),
                    (Some((i, _)), _) if i + 1 < history.len() => Some(i + 1),
                    (Some((_, typed)), _) => {
                        // Past the newest: back to what was being typed.
                        self.text = typed.clone();
                        self.cursor = self.text.len();
                        self.browsing = None;
                        None
                    }
                };
                if let (Some(i), Some((_, typed))) = (at, self.browsing.clone()) {
                    self.text = history[i].clone();
                    self.cursor = self.text.len();
                    self.browsing = Some((i, typed));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut LineEditor, s: &str) {
        for c in s.chars() {
            e.apply(EditKey::Char(c), &[]);
        }
    }

    #[test]
    fn a_prefilled_text_is_replaced_by_typing_and_kept_by_moving() {
        let mut e = LineEditor::new("withheld commercial");
        typed(&mut e, "commercial");
        assert_eq!(e.text(), "commercial");
        let mut e = LineEditor::new("withheld");
        e.apply(EditKey::End, &[]);
        typed(&mut e, " commercial");
        assert_eq!(e.text(), "withheld commercial");
    }

    #[test]
    fn shell_keys_edit_the_line() {
        let mut e = LineEditor::new("");
        typed(&mut e, "q5 refused s.43");
        e.apply(EditKey::KillWord, &[]);
        assert_eq!(e.text(), "q5 refused ");
        e.apply(EditKey::Home, &[]);
        e.apply(EditKey::Delete, &[]);
        assert_eq!(e.text(), "5 refused ");
        e.apply(EditKey::Right, &[]);
        e.apply(EditKey::KillToStart, &[]);
        assert_eq!(e.text(), " refused ");
        e.apply(EditKey::End, &[]);
        e.apply(EditKey::Backspace, &[]);
        assert_eq!(e.text(), " refused");
        let mut e = LineEditor::new("");
        typed(&mut e, "Guy’s");
        e.apply(EditKey::Left, &[]);
        e.apply(EditKey::Left, &[]);
        e.apply(EditKey::Backspace, &[]);
        assert_eq!(e.text(), "Gu’s");
    }

    #[test]
    fn history_goes_back_and_returns_to_what_was_typed() {
        let history = vec!["goto RJ1".to_string(), "campaign second".to_string()];
        let mut e = LineEditor::new("");
        typed(&mut e, "go");
        e.apply(EditKey::Older, &history);
        assert_eq!(e.text(), "campaign second");
        e.apply(EditKey::Older, &history);
        assert_eq!(e.text(), "goto RJ1");
        e.apply(EditKey::Older, &history);
        assert_eq!(e.text(), "goto RJ1");
        e.apply(EditKey::Newer, &history);
        assert_eq!(e.text(), "campaign second");
        e.apply(EditKey::Newer, &history);
        assert_eq!(e.text(), "go");
    }
}
