//! One answer: the question, a strip of every question's outcome, the outcome and exemptions,
//! the letter's text (scrolling) and the findings on it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::text;
use crate::tui::app::App;
use crate::tui::view::{glyph, Theme};

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding};

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
