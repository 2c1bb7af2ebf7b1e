//! The matrix: bodies down, questions across, one cell per answer: the outcome's glyph (the
//! key that sets it) in its colour, with the number of findings. Rows filter by body; cells
//! filter by question, outcome, exemption or tag ("q5 refused s.43"), cells outside the filter
//! are dimmed, and the header counts the bodies the filter leaves: the numbers a campaign
//! publishes.

use std::collections::HashMap;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

use super::answer::glyph;
use crate::model::{normalise_exemption, Outcome};
use crate::store::{Cell as AnswerCell, RequestSummary};
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::keymap::{bind, Binding, BROWSE};
use crate::tui::prompt::Prompt;
use crate::tui::screen::{movement, Screen};
use crate::tui::shared::{matches_filter, refuse, Shared, UserMessage};
use crate::tui::theme::{fit, Theme};

use KeyCode::Char as C;

/// The matrix of every body's answers.
#[rustfmt::skip]
const MATRIX: &[Binding] = &[
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous question", false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next question", false),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the answer", true),
    bind(&[C('f')], "f", Action::RowFilter, "filter bodies: name, ODS, kind, region", true),
    bind(&[C('c')], "c", Action::CellFilter, "filter cells: q5 refused s.43, a tag", true),
];

/// The legend of the glyphs, from the answer screen's keys, and the two marks of a cell with
/// no answer.
pub fn legend() -> String {
    let mut parts: Vec<String> = Outcome::ALL
        .iter()
        .map(|o| format!("{} {}", glyph(*o), o.as_str()))
        .collect();
    parts.push("? reply to triage".into());
    parts.push("· no reply yet".into());
    parts.join(" · ")
}

/// The matrix's own state: its filters, its cursor and the grid read from the store.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub row_filter: String,
    pub cell_filter: CellFilter,
    pub cell_filter_text: String,
    /// The selected row by request id, and the selected question.
    pub row: Option<i64>,
    pub question: u32,
    pub cells: HashMap<(i64, u32), AnswerCell>,
}

impl Matrix {
    pub fn cell(&self, request_id: i64, q: u32) -> Option<&AnswerCell> {
        self.cells.get(&(request_id, q))
    }

    /// Whether a cell counts under the cell filter (always, without one).
    pub fn passes(&self, request_id: i64, q: u32) -> bool {
        self.cell_filter.is_empty()
            || self
                .cell(request_id, q)
                .is_some_and(|c| self.cell_filter.matches(c))
    }

    /// The rows shown: the requests passing the row filter and, with a cell filter, having
    /// at least one passing cell.
    pub fn rows<'a>(
        &self,
        requests: &'a [RequestSummary],
        questions: u32,
    ) -> Vec<&'a RequestSummary> {
        requests
            .iter()
            .filter(|r| matches_filter(r, &self.row_filter))
            .filter(|r| {
                self.cell_filter.is_empty() || (1..=questions).any(|q| self.passes(r.request.id, q))
            })
            .collect()
    }

    fn step(&mut self, sh: &Shared, delta: i64) {
        let rows: Vec<i64> = self
            .rows(&sh.rows, sh.questions_count())
            .iter()
            .map(|r| r.request.id)
            .collect();
        if rows.is_empty() {
            return;
        }
        let pos = self
            .row
            .and_then(|id| rows.iter().position(|r| *r == id))
            .unwrap_or(0) as i64;
        let next = (pos + delta).clamp(0, rows.len() as i64 - 1) as usize;
        self.row = Some(rows[next]);
    }

    /// The row under the cursor, falling back to the first shown.
    pub fn current_row(&self, sh: &Shared) -> Option<i64> {
        let rows = self.rows(&sh.rows, sh.questions_count());
        match self.row {
            Some(id) if rows.iter().any(|r| r.request.id == id) => Some(id),
            _ => rows.first().map(|r| r.request.id),
        }
    }

    fn set_cell_filter(&mut self, sh: &Shared, text: &str) -> anyhow::Result<()> {
        let tags: Vec<String> = sh.store.tags()?.into_iter().map(|t| t.name).collect();
        let f = CellFilter::parse(text, &tags).map_err(UserMessage)?;
        let asked = sh.questions_count();
        if let Some(q) = f.question.filter(|q| *q == 0 || *q > asked) {
            return refuse(format!(
                "q{q}: this campaign asks {asked} question(s), q1 to q{asked}"
            ));
        }
        if let Some(q) = f.question {
            self.question = q;
        }
        self.cell_filter = f;
        self.cell_filter_text = text.trim().to_string();
        Ok(())
    }

    fn draw_matrix(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        let m = self;
        let n = sh.questions_count();
        let rows = m.rows(&sh.rows, n);
        let selected_row = self.current_row(sh);
        let [head, grid, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(legend_height(area.width)),
        ])
        .areas(area);

        let mut said = vec![format!("{} of {} bodies", rows.len(), sh.rows.len())];
        if !m.cell_filter.is_empty() {
            let cells = rows
                .iter()
                .flat_map(|r| (1..=n).filter(|q| m.passes(r.request.id, *q)))
                .count();
            said.push(format!(
                "{} ({cells} answer(s))",
                text::line(&m.cell_filter.describe())
            ));
        }
        if !m.row_filter.is_empty() {
            said.push(format!("bodies: {}", text::line(&m.row_filter)));
        }
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!(" {}", said.join(" · ")),
                Style::default().add_modifier(Modifier::BOLD),
            ))),
            head,
        );

        let name_width = (grid.width.saturating_sub(10 + 6 * n as u16)).clamp(12, 40) as usize;
        let mut header = vec![Cell::from("body"), Cell::from("ODS")];
        for q in 1..=n {
            let style = if q == m.question {
                Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                Style::default()
            };
            header.push(Cell::from(format!("Q{q}")).style(style));
        }
        let body: Vec<Row> = rows
            .iter()
            .map(|r| {
                let id = r.request.id;
                let mut cells = vec![
                    Cell::from(fit(&text::line(&r.request.body.short_name), name_width)),
                    Cell::from(text::line(&r.request.body.ods_code)),
                ];
                for q in 1..=n {
                    let here = Some(id) == selected_row && q == m.question;
                    let (label, mut style) = match m.cell(id, q) {
                        Some(c) => {
                            let count = if c.findings > 0 {
                                c.findings.to_string()
                            } else {
                                String::new()
                            };
                            (
                                format!("{} {count}", glyph(c.outcome)),
                                theme.outcome(c.outcome),
                            )
                        }
                        // No answer recorded: a reply that came in waits to be triaged ("?");
                        // without one there is nothing yet ("·").
                        None if r.report.responded.is_some() => {
                            ("?".to_string(), theme.fg(ratatui::style::Color::Yellow))
                        }
                        None => ("·".to_string(), theme.fg(ratatui::style::Color::DarkGray)),
                    };
                    if !m.passes(id, q) {
                        style = theme
                            .fg(ratatui::style::Color::DarkGray)
                            .add_modifier(Modifier::DIM);
                    }
                    if here {
                        style = style.add_modifier(Modifier::REVERSED);
                    }
                    cells.push(Cell::from(label).style(style));
                }
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Length(name_width as u16), Constraint::Length(5)];
        widths.extend((1..=n).map(|_| Constraint::Length(5)));
        let mut state = TableState::default();
        state.select(selected_row.and_then(|id| rows.iter().position(|r| r.request.id == id)));
        let title = sh
            .questions
            .iter()
            .find(|q| q.number == m.question)
            .map(|q| format!(" Q{}: {} ", q.number, text::line(&q.text)))
            .unwrap_or_else(|| " matrix ".into());
        frame.render_stateful_widget(
            Table::new(body, widths).header(Row::new(header)).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(fit(&title, grid.width.saturating_sub(4) as usize)),
            ),
            grid,
            &mut state,
        );
        frame.render_widget(
            Paragraph::new(format!(" {}", legend()))
                .style(theme.fg(ratatui::style::Color::DarkGray))
                .wrap(Wrap { trim: true }),
            foot,
        );
    }
}

impl Screen for Matrix {
    fn name(&self) -> &'static str {
        "matrix"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[MATRIX, BROWSE]
    }

    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        if let Some(c) = sh.current_campaign() {
            let cells = sh.store.cells(c.id)?;
            self.cells = cells
                .into_iter()
                .map(|c| ((c.request_id, c.question), c))
                .collect();
        }
        self.question = self.question.max(1);
        if self.row.is_none() {
            self.row = sh.selected;
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.cells.clear();
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        if let Some(delta) = movement(action) {
            self.step(sh, delta);
            return Ok(Effect::Done);
        }
        match action {
            Action::Left | Action::Right => {
                let n = sh.questions_count();
                let q = self.question;
                self.question = if action == Action::Left {
                    q.saturating_sub(1).max(1)
                } else {
                    (q + 1).min(n.max(1))
                };
            }
            Action::Open => {
                if let Some(request) = self.current_row(sh) {
                    self.row = Some(request);
                    return Ok(Effect::OpenAnswer {
                        request,
                        question: self.question,
                        from: View::Matrix,
                        queue: false,
                    });
                }
            }
            // First clear what narrows the view, then leave.
            Action::Back if !self.cell_filter.is_empty() => {
                self.cell_filter = CellFilter::default();
                self.cell_filter_text.clear();
            }
            Action::Back if !self.row_filter.is_empty() => self.row_filter.clear(),
            Action::Back => return Ok(Effect::Lists),
            Action::RowFilter => {
                return Ok(Effect::Ask(Prompt::RowFilter, self.row_filter.clone()))
            }
            Action::CellFilter => {
                return Ok(Effect::Ask(
                    Prompt::CellFilter,
                    self.cell_filter_text.clone(),
                ))
            }
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn on_prompt(
        &mut self,
        sh: &mut Shared,
        prompt: &Prompt,
        text: &str,
    ) -> anyhow::Result<Effect> {
        match prompt {
            Prompt::RowFilter => self.row_filter = text.to_string(),
            Prompt::CellFilter => self.set_cell_filter(sh, text)?,
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn on_typing(&mut self, _sh: &mut Shared, prompt: &Prompt, text: &str) {
        if *prompt == Prompt::RowFilter {
            self.row_filter = text.to_string();
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        self.draw_matrix(frame, area, sh, theme)
    }
}

/// Lines the legend takes at this width (as the paragraph wraps it, word by word), so no
/// outcome's letter is cut off a narrow screen.
fn legend_height(width: u16) -> u16 {
    let room = (width as usize).max(1);
    let (mut lines, mut used) = (1u16, 0usize);
    for word in format!(" {}", legend())
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        let w = word.chars().count();
        if used == 0 {
            used = w;
        } else if used + 1 + w <= room {
            used += 1 + w;
        } else {
            lines += 1;
            used = w;
        }
    }
    lines.min(4)
}

/// What a cell must be to count ("q5 refused s.43", "fdp/in-use"). Empty matches every
/// recorded answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellFilter {
    pub question: Option<u32>,
    pub outcomes: Vec<Outcome>,
    pub exemptions: Vec<String>,
    pub tags: Vec<String>,
}

/// Words that make the filter read like a sentence and mean nothing.
const FILLER: [&str; 6] = ["under", "with", "and", "cited", "on", "tagged"];

impl CellFilter {
    /// Reads what the user typed; `tags` are the codebook's names.
    pub fn parse(input: &str, tags: &[String]) -> Result<CellFilter, String> {
        let mut f = CellFilter::default();
        for word in input.split_whitespace() {
            let w = word.to_ascii_lowercase();
            let w = w.trim_start_matches('#');
            if FILLER.contains(&w) {
                continue;
            }
            if let Some(n) = w
                .strip_prefix("question")
                .or_else(|| w.strip_prefix('q'))
                .and_then(|n| n.parse::<u32>().ok())
            {
                f.question = Some(n);
            } else if let Some(o) = outcome_word(w) {
                f.outcomes.push(o);
            } else if tags
                .iter()
                .any(|t| t == w || t.starts_with(&format!("{w}/")))
            {
                f.tags.push(w.to_string());
            } else if looks_like_exemption(w) {
                f.exemptions.push(normalise_exemption(w));
            } else {
                return Err(format!(
                    "'{word}' is not a question (q5), an outcome (refused, not-held...), an exemption (s.43) or a tag in the codebook"
                ));
            }
        }
        Ok(f)
    }

    pub fn is_empty(&self) -> bool {
        *self == CellFilter::default()
    }

    /// Whether the cell passes: every kind of condition given must hold (any outcome of
    /// those listed, every exemption and tag listed).
    pub fn matches(&self, c: &AnswerCell) -> bool {
        self.question.is_none_or(|q| c.question == q)
            && (self.outcomes.is_empty() || self.outcomes.contains(&c.outcome))
            && self.exemptions.iter().all(|e| {
                c.exemptions
                    .iter()
                    .any(|x| x == e || x.starts_with(&format!("{e}(")))
            })
            && self.tags.iter().all(|t| {
                c.tags
                    .iter()
                    .any(|x| x == t || x.starts_with(&format!("{t}/")))
            })
    }

    /// The filter in words, for the header.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(q) = self.question {
            parts.push(format!("Q{q}"));
        }
        parts.extend(self.outcomes.iter().map(|o| o.label().to_string()));
        if !self.exemptions.is_empty() {
            parts.push(format!("under {}", self.exemptions.join(" + ")));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tagged {}", self.tags.join(" + ")));
        }
        parts.join(" ")
    }
}

fn outcome_word(w: &str) -> Option<Outcome> {
    let alias = match w {
        "partially" | "part" => "partial",
        "notheld" | "not_held" | "nh" => "not-held",
        "cost" | "s12-cost" => "cost-limit",
        "future" => "future-publication",
        "unanswered" => "not-answered",
        "clarification" => "clarification-sought",
        "triage" | "untriaged" => "pending",
        other => other,
    };
    alias.parse().ok()
}

fn looks_like_exemption(w: &str) -> bool {
    let digits_after = |p: &str| {
        w.strip_prefix(p)
            .is_some_and(|r| r.chars().next().is_some_and(|c| c.is_ascii_digit()))
    };
    digits_after("s.") || digits_after("s") || w.starts_with("reg") || w.starts_with("12(")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(q: u32, o: Outcome, ex: &[&str], tags: &[&str]) -> AnswerCell {
        AnswerCell {
            request_id: 1,
            question: q,
            outcome: o,
            exemptions: ex.iter().map(|s| s.to_string()).collect(),
            findings: tags.len() as u32,
            tags: tags.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn reads_a_filter_like_a_sentence() {
        let tags = vec![
            "fdp/in-use".to_string(),
            "refusal/s43-commercial".to_string(),
        ];
        let f = CellFilter::parse("Q5 refused under s43", &tags).unwrap();
        assert_eq!(f.question, Some(5));
        assert_eq!(f.outcomes, vec![Outcome::Refused]);
        assert_eq!(f.exemptions, vec!["s.43".to_string()]);
        assert!(f.matches(&cell(5, Outcome::Refused, &["s.43"], &[])));
        assert!(f.matches(&cell(5, Outcome::Refused, &["s.43(2)", "s.40"], &[])));
        assert!(!f.matches(&cell(4, Outcome::Refused, &["s.43"], &[])));
        assert!(!f.matches(&cell(5, Outcome::Partial, &["s.43"], &[])));
        assert!(!f.matches(&cell(5, Outcome::Refused, &["s.40"], &[])));
        let t = CellFilter::parse("fdp", &tags).unwrap();
        assert!(t.matches(&cell(1, Outcome::Answered, &[], &["fdp/in-use"])));
        assert!(CellFilter::parse("banana", &tags)
            .unwrap_err()
            .contains("banana"));
    }
}
