//! The exemption picker: the common exemptions named, any others already cited, and a line to
//! type another; Enter saves the choice on the answer.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::block;
use crate::model::{normalise_exemption, COMMON_EXEMPTIONS};
use crate::store::AnswerEdit;
use crate::text;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

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

    /// A key in the picker; `None` once it closed.
    pub fn key(mut self, sh: &mut Shared, k: KeyEvent) -> anyhow::Result<Option<Self>> {
        let on_other = self.cursor >= self.items.len();
        match k.code {
            KeyCode::Esc => return Ok(None),
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(self.items.len()),
            KeyCode::Char(' ') if !on_other => self.toggle(),
            KeyCode::Enter if on_other && !self.other.trim().is_empty() => self.add_other(),
            KeyCode::Enter => {
                let chosen = self.ordered();
                sh.commit(|s, _| {
                    s.edit_answer(
                        self.request_id,
                        self.question,
                        &AnswerEdit {
                            exemptions: Some(&chosen),
                            ..AnswerEdit::default()
                        },
                    )
                })?;
                sh.say(
                    if chosen.is_empty() {
                        format!("Q{}: no exemption cited", self.question)
                    } else {
                        format!(
                            "Q{} cites {} (now set the outcome, e.g. r for refused)",
                            self.question,
                            chosen.join(", ")
                        )
                    },
                    false,
                );
                return Ok(None);
            }
            KeyCode::Backspace if on_other => {
                self.other.pop();
            }
            KeyCode::Char(c) => {
                // Typing goes to the "other" line wherever the cursor was.
                self.cursor = self.items.len();
                self.other.push(c);
            }
            _ => {}
        }
        Ok(Some(self))
    }

    pub fn paste(&mut self, pasted: &str) {
        self.other.push_str(&text::line(pasted));
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        let mut lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mark = if self.chosen.contains(item) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let style = if i == self.cursor {
                    theme.selected()
                } else {
                    Style::default()
                };
                let name = crate::model::exemption_name(item)
                    .map(|n| format!("  {n}"))
                    .unwrap_or_default();
                Line::from(Span::styled(
                    format!(" {mark} {:<13}{name}", text::line(item)),
                    style,
                ))
            })
            .collect();
        let other_style = if self.cursor >= self.items.len() {
            theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(
            format!(" other: {}▏", text::line(&self.other)),
            other_style,
        )));
        frame.render_widget(
            Paragraph::new(lines).block(block(
                format!(
                    " Q{} exemptions · Space ticks · type another + Enter adds · Enter saves · Esc cancels ",
                    self.question
                ),
                true,
                theme,
            )),
            win,
        );
    }
}
