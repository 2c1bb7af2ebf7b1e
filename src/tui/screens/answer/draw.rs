//! How the answer screen draws: the question and its strip of outcomes, the outcome, the
//! proposal waiting with its words highlighted in the letter, the letter's text and the
//! findings.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::{glyph, Answer};
use crate::text;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

impl Answer {
    pub(super) fn draw_answer(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        let Some(p) = &self.pane else {
            return;
        };
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let body = sh
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
            let cell = p.all.iter().find(|a| a.question == q.number);
            let (g, style) = match (cell, &p.answer) {
                (_, Some(a)) if q.number == p.question => {
                    (glyph(a.outcome), theme.outcome(a.outcome))
                }
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
        // What the reply proposes, until a member decides: never counted, shown to confirm.
        let proposal_line = p.proposal.as_ref().map(|pr| {
            let ex = if pr.exemptions.is_empty() {
                String::new()
            } else {
                format!(" {}", text::line(&pr.exemptions.join(", ")))
            };
            Line::from(vec![
                Span::styled("proposed: ", theme.fg(ratatui::style::Color::Yellow)),
                Span::styled(
                    format!(
                        "{} {}{ex} ({:.0}% sure; y accepts, an outcome key decides otherwise)",
                        glyph(pr.outcome),
                        pr.outcome.label(),
                        pr.confidence * 100.0
                    ),
                    theme.outcome(pr.outcome).add_modifier(Modifier::BOLD),
                ),
            ])
        });
        // The header is as tall as its lines wrap to, leaving the letter at least four rows; if
        // it cannot all fit, the outcome and the strip come first and the question is cut.
        let findings_h = (p.findings.len() as u16 * 2 + 2).clamp(3, 10);
        let inner_w = area.width.saturating_sub(2).max(1) as usize;
        let rows = |l: &Line| l.width().div_ceil(inner_w).max(1) as u16;
        let wanted = rows(&question)
            + rows(&strip)
            + rows(&outcome_line)
            + proposal_line.as_ref().map_or(0, &rows)
            + 2;
        let room = area.height.saturating_sub(findings_h + 4).max(3);
        let mut head_lines = if wanted <= room {
            vec![question, strip, outcome_line]
        } else {
            vec![outcome_line, strip, question]
        };
        if let Some(l) = proposal_line {
            head_lines.insert(if wanted <= room { 3 } else { 1 }, l);
        }
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
        // The words a proposal rests on, highlighted where they stand in the letter.
        let evidence = p
            .proposal
            .as_ref()
            .map(|pr| text::block(&pr.evidence))
            .filter(|e| !e.trim().is_empty());
        let shown: Vec<Line> = shown
            .lines()
            .map(|l| {
                match evidence
                    .as_deref()
                    .and_then(|e| l.find(e).map(|i| (i, e.len())))
                {
                    Some((i, n)) => Line::from(vec![
                        Span::raw(l[..i].to_string()),
                        Span::styled(
                            l[i..i + n].to_string(),
                            theme
                                .fg(ratatui::style::Color::Yellow)
                                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                        ),
                        Span::raw(l[i + n..].to_string()),
                    ]),
                    None => Line::raw(l.to_string()),
                }
            })
            .collect();
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
}
