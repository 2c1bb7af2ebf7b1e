//! One answer: the question, a strip of every question's outcome, the outcome and exemptions,
//! the letter's text (scrolling) and the findings on it.
//!
//! One answer open for triage: the question, the outcome, exemptions, the letter's text and
//! the findings on it. Setting an outcome moves to the next question in the same key press, so
//! a seven-question response takes seven keys plus the reading.

use super::{movement, Screen, View};
use crate::model::{Answer as AnswerRecord, Finding, Outcome, Question};
use crate::store::{AnswerEdit, FindingFilter};
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, Binding};
use crate::tui::overlay::{Editor, ExemptionPicker, FindingForm, Overlay};
use crate::tui::view::{glyph, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

/// One answer: the question word for word, outcome, exemptions, the letter and findings.
pub struct Answer;

impl Screen for Answer {
    fn view(&self) -> View {
        View::Answer
    }

    fn name(&self) -> &'static str {
        "answer"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::ANSWER]
    }

    fn load(&self, app: &mut App) -> anyhow::Result<()> {
        app.load_answer()?;
        // The strip of every question's outcome reads the campaign's cells.
        app.load_browse()
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        if let Some(delta) = movement(action) {
            if let Some(p) = &mut app.answer {
                if delta.abs() >= 10 {
                    // Page through the letter.
                    let by = delta.clamp(-10_000, 10_000);
                    p.scroll = (p.scroll as i64 + by).clamp(0, u16::MAX as i64) as u16;
                } else {
                    let n = p.findings.len() as i64;
                    if n > 0 {
                        p.finding = (p.finding as i64 + delta).clamp(0, n - 1) as usize;
                    }
                }
            }
            return Ok(true);
        }
        match action {
            Action::Left | Action::Right => {
                let q = app.answer.as_ref().map_or(1, |p| p.question);
                let next = if action == Action::Left {
                    q.saturating_sub(1).max(1)
                } else {
                    q + 1
                };
                app.goto_question(next)?;
            }
            Action::Open => app.edit_finding(),
            Action::Back => {
                let from = app.answer.as_ref().map_or(View::Detail, |p| p.from);
                app.answer = None;
                app.enter(from)?;
            }
            Action::SetOutcome(o) => app.set_outcome(o)?,
            Action::PickExemptions => app.pick_exemptions(),
            Action::EditText => app.edit_text(),
            Action::AddFinding => app.add_finding(),
            Action::DeleteFinding => app.delete_finding()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(p) = &app.answer else {
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let body = app
        .rows
        .iter()
        .find(|r| r.request.id == p.request_id)
        .map(|r| {
            format!(
                "{} ({})",
                text::line(&r.request.body.name),
                text::line(&r.request.body.ods_code)
            )
        })
        .unwrap_or_default();

    // The strip: every question with its outcome glyph, the open one highlighted.
    let mut strip = vec![Span::raw("  ")];
    for q in &p.questions {
        let cell = app.matrix.cell(p.request_id, q.number);
        let (g, style) = match (cell, &p.answer) {
            (_, Some(a)) if q.number == p.question => (glyph(a.outcome), theme.outcome(a.outcome)),
            (Some(c), _) => (glyph(c.outcome), theme.outcome(c.outcome)),
            _ => ("·", Style::default()),
        };
        let label = format!(" Q{} {g} ", q.number);
        let style = if q.number == p.question {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        };
        strip.push(Span::styled(label, style));
    }
    let (outcome, exemptions, by) = match &p.answer {
        Some(a) => (
            Span::styled(
                format!("{} {}", glyph(a.outcome), a.outcome.label()),
                theme.outcome(a.outcome).add_modifier(Modifier::BOLD),
            ),
            if a.exemptions.is_empty() {
                "none cited".to_string()
            } else {
                text::line(&a.exemptions.join(", "))
            },
            format!(
                "  · {} {}",
                text::line(&a.author),
                text::line(&a.updated_at)
            ),
        ),
        None => (
            Span::raw("not recorded yet: a, p, r, n... set it"),
            "none".into(),
            String::new(),
        ),
    };
    let question = Line::from(vec![
        Span::styled(format!("Q{} ", p.question), bold),
        Span::raw(text::line(p.question_text())),
    ]);
    let outcome_line = Line::from(vec![
        Span::raw("outcome: "),
        outcome,
        Span::raw(format!("   exemptions: {exemptions}")),
        Span::styled(by, theme.fg(ratatui::style::Color::DarkGray)),
    ]);
    let strip = Line::from(strip);
    // The header is as tall as its lines wrap to, leaving the letter at least four rows; if
    // it cannot all fit, the outcome and the strip come first and the question is cut.
    let findings_h = (p.findings.len() as u16 * 2 + 2).clamp(3, 10);
    let inner_w = area.width.saturating_sub(2).max(1) as usize;
    let rows = |l: &Line| l.width().div_ceil(inner_w).max(1) as u16;
    let wanted = rows(&question) + rows(&strip) + rows(&outcome_line) + 2;
    let room = area.height.saturating_sub(findings_h + 4).max(3);
    let head_lines = if wanted <= room {
        vec![question, strip, outcome_line]
    } else {
        vec![outcome_line, strip, question]
    };
    let [head, text_area, findings_area] = Layout::vertical([
        Constraint::Length(wanted.min(room)),
        Constraint::Min(4),
        Constraint::Length(findings_h),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(head_lines).wrap(Wrap { trim: false }).block(
            Block::default().borders(Borders::ALL).title(format!(
                " {body} · Q{} of {} ",
                p.question,
                p.last_question()
            )),
        ),
        head,
    );

    let letter = p.answer.as_ref().map_or("", |a| a.text.as_str());
    let shown = if letter.is_empty() {
        "No text yet: t opens the editor (paste the letter's answer there).".to_string()
    } else {
        text::block(letter)
    };
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .scroll((p.scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" answer text (t edits · PgUp/PgDn scroll) "),
            ),
        text_area,
    );

    let mut lines = Vec::new();
    for (i, f) in p.findings.iter().enumerate() {
        let mark = if i == p.finding { "▶ " } else { "  " };
        let style = if i == p.finding {
            bold
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(
                format!("[{}] ", text::line(&f.tags.join(", "))),
                theme.fg(ratatui::style::Color::Cyan),
            ),
            Span::styled(text::line(&f.note), style),
            Span::styled(
                format!("  · {}", text::line(&f.author)),
                theme.fg(ratatui::style::Color::DarkGray),
            ),
        ]));
        if !f.quote.is_empty() {
            lines.push(Line::raw(format!("    “{}”", text::line(&f.quote))));
        }
    }
    if lines.is_empty() {
        lines.push(Line::raw("  none yet: + adds a finding"));
    }
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" findings (+ adds · Enter edits · d deletes) "),
        ),
        findings_area,
    );
}

/// The open answer and what was loaded for it.
#[derive(Debug, Clone)]
pub struct AnswerPane {
    pub request_id: i64,
    pub question: u32,
    /// The first line of the text shown (PgUp/PgDn).
    pub scroll: u16,
    /// The selected finding.
    pub finding: usize,
    /// Where Esc goes back to.
    pub from: View,
    pub questions: Vec<Question>,
    pub answer: Option<AnswerRecord>,
    pub findings: Vec<Finding>,
}

impl AnswerPane {
    pub fn question_text(&self) -> &str {
        self.questions
            .iter()
            .find(|q| q.number == self.question)
            .map_or("", |q| q.text.as_str())
    }

    pub fn last_question(&self) -> u32 {
        self.questions.iter().map(|q| q.number).max().unwrap_or(1)
    }

    pub fn selected_finding(&self) -> Option<&Finding> {
        self.findings.get(self.finding)
    }
}

impl App {
    /// Opens question `question` of request `request_id`, coming from `from`.
    pub fn open_answer(
        &mut self,
        request_id: i64,
        question: u32,
        from: View,
    ) -> anyhow::Result<()> {
        let questions = match self.current_campaign() {
            Some(c) => self.store.questions(c.id)?,
            None => return Ok(()),
        };
        self.selected = Some(request_id);
        self.answer = Some(AnswerPane {
            request_id,
            question,
            scroll: 0,
            finding: 0,
            from,
            questions,
            answer: None,
            findings: Vec::new(),
        });
        self.enter(View::Answer)
    }

    /// Reads the open answer and its findings again (after a change, or a colleague's).
    pub fn load_answer(&mut self) -> anyhow::Result<()> {
        let Some(p) = &self.answer else {
            return Ok(());
        };
        let (request_id, question) = (p.request_id, p.question);
        let answer = self
            .store
            .answers(request_id)?
            .into_iter()
            .find(|a| a.question == question);
        let findings = self.store.findings(&FindingFilter {
            request_id: Some(request_id),
            question: Some(question),
            ..FindingFilter::default()
        })?;
        if let Some(p) = &mut self.answer {
            p.finding = p.finding.min(findings.len().saturating_sub(1));
            p.answer = answer;
            p.findings = findings;
        }
        Ok(())
    }

    /// Moves to question `n` of the same request.
    pub fn goto_question(&mut self, n: u32) -> anyhow::Result<()> {
        if let Some(p) = &mut self.answer {
            let n = n.clamp(1, p.last_question());
            if n != p.question {
                p.question = n;
                p.scroll = 0;
                p.finding = 0;
            }
        }
        self.detail_question = n;
        self.load_answer()
    }

    /// Records `outcome` for the open question, keeping its exemptions and text, then moves on.
    pub fn set_outcome(&mut self, outcome: Outcome) -> anyhow::Result<()> {
        let Some(p) = &self.answer else {
            return Ok(());
        };
        let (request_id, q, last) = (p.request_id, p.question, p.last_question());
        self.commit(|store, _| {
            store.edit_answer(
                request_id,
                q,
                &AnswerEdit {
                    outcome: Some(outcome),
                    ..AnswerEdit::default()
                },
            )
        })?;
        if q < last {
            self.goto_question(q + 1)?;
            self.say(format!("Q{q}: {} · now Q{}", outcome.label(), q + 1), false);
        } else {
            self.load_answer()?;
            self.say(
                format!(
                    "Q{q}: {} · that was the last question (Esc returns)",
                    outcome.label()
                ),
                false,
            );
        }
        self.refresh_rows()?;
        Ok(())
    }

    pub fn pick_exemptions(&mut self) {
        if let Some(p) = &self.answer {
            let chosen = p
                .answer
                .as_ref()
                .map(|a| a.exemptions.clone())
                .unwrap_or_default();
            self.overlay = Some(Overlay::Exemptions(ExemptionPicker::new(
                p.request_id,
                p.question,
                chosen,
            )));
        }
    }

    pub fn edit_text(&mut self) {
        if let Some(p) = &self.answer {
            let text = p.answer.as_ref().map_or("", |a| a.text.as_str());
            self.overlay = Some(Overlay::Editor(Box::new(Editor::answer_text(
                p.request_id,
                p.question,
                text,
            ))));
        }
    }

    pub fn add_finding(&mut self) {
        self.finding_form(false);
    }

    pub fn edit_finding(&mut self) {
        self.finding_form(true);
    }

    /// Opens the finding form on the open answer: empty, or on the selected finding.
    fn finding_form(&mut self, edit: bool) {
        let tags = self.tag_names();
        let Some(p) = &self.answer else {
            return;
        };
        let finding = if edit {
            match p.selected_finding() {
                Some(f) => Some(f.clone()),
                None => {
                    self.say("no finding selected: + adds one", true);
                    return;
                }
            }
        } else {
            None
        };
        let text = p.answer.as_ref().map_or("", |a| a.text.as_str());
        let form = FindingForm::new(p.request_id, p.question, finding.as_ref(), text, tags);
        self.overlay = Some(Overlay::Finding(Box::new(form)));
    }

    pub fn delete_finding(&mut self) -> anyhow::Result<()> {
        let Some(f) = self.answer.as_ref().and_then(|p| p.selected_finding()) else {
            self.say("no finding selected", true);
            return Ok(());
        };
        let id = f.id;
        self.commit(|store, _| store.remove_finding(id))?;
        self.say(format!("deleted finding {id} (u undoes)"), false);
        Ok(())
    }

    /// The names of the tags a finding may be given (retired ones are not offered).
    pub fn tag_names(&self) -> Vec<String> {
        self.store
            .tags()
            .map(|t| {
                t.into_iter()
                    .filter(|t| !t.retired)
                    .map(|t| t.name)
                    .collect()
            })
            .unwrap_or_default()
    }
}
