//! A response split into proposed answers, for the user to check before they are recorded:
//! ↑/↓ choose, Space keeps or drops a question, Enter records the kept ones (to triage, never
//! over a text already there), Esc records nothing.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::text::block;
use crate::text;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

#[derive(Debug)]
pub struct SplitPreview {
    pub request_id: i64,
    /// CAMPAIGN/ODS, for the title.
    pub label: String,
    /// Question, proposed text, and whether to record it.
    pub parts: Vec<(u32, String, bool)>,
    pub cursor: usize,
}

impl SplitPreview {
    /// A key in the preview; `None` once it closed.
    pub fn key(mut self, sh: &mut Shared, k: KeyEvent) -> anyhow::Result<Option<Self>> {
        match k.code {
            KeyCode::Esc => {
                sh.say("nothing recorded", false);
                return Ok(None);
            }
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => {
                self.cursor = (self.cursor + 1).min(self.parts.len().saturating_sub(1))
            }
            KeyCode::Char(' ') => {
                if let Some(p) = self.parts.get_mut(self.cursor) {
                    p.2 = !p.2;
                }
            }
            KeyCode::Enter => {
                let kept: Vec<(u32, String)> = self
                    .parts
                    .iter()
                    .filter(|p| p.2)
                    .map(|p| (p.0, p.1.clone()))
                    .collect();
                let request_id = self.request_id;
                let (written, left) =
                    sh.commit(|store, _| store.record_split(request_id, &kept))?;
                let mut msg = format!(
                    "{written} answer(s) recorded on {}, to triage (u undoes)",
                    self.label
                );
                if !left.is_empty() {
                    let qs: Vec<String> = left.iter().map(|q| format!("Q{q}")).collect();
                    msg.push_str(&format!(
                        "; {} already had a text, left as is",
                        qs.join(", ")
                    ));
                }
                sh.say(msg, false);
                return Ok(None);
            }
            _ => {}
        }
        Ok(Some(self))
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        let [list, text_area] =
            Layout::horizontal([Constraint::Length(36), Constraint::Min(10)]).areas(win);
        let lines: Vec<Line> = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, (q, t, keep))| {
                let first = text::line(t.lines().next().unwrap_or(""));
                let mark = if *keep { "[x]" } else { "[ ]" };
                let style = if i == self.cursor {
                    theme.selected()
                } else {
                    Style::default()
                };
                Line::from(Span::styled(format!(" {mark} Q{q}  {first}"), style))
            })
            .collect();
        frame.render_widget(
            Paragraph::new(lines).block(block(
                format!(" answers for {} ", text::line(&self.label)),
                true,
                theme,
            )),
            list,
        );
        let shown = self
            .parts
            .get(self.cursor)
            .map_or(String::new(), |p| text::block(&p.1));
        frame.render_widget(
            Paragraph::new(shown).wrap(Wrap { trim: false }).block(block(
                " ↑/↓ choose · Space keeps or drops · Enter records the kept ones, to triage · Esc records nothing ".into(),
                false,
                theme,
            )),
            text_area,
        );
    }
}
