//! One answer: the question, a strip of every question's outcome, the outcome and exemptions,
//! the letter's text (scrolling) and the findings on it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::{glyph, Theme};
use crate::text;
use crate::tui::app::App;

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
    let [head, text_area, findings_area] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Min(4),
        Constraint::Length((p.findings.len() as u16 * 2 + 2).clamp(3, 10)),
    ])
    .areas(area);

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
    let head_lines = vec![
        Line::from(vec![
            Span::styled(format!("Q{} ", p.question), bold),
            Span::raw(text::line(p.question_text())),
        ]),
        Line::from(strip),
        Line::from(vec![
            Span::raw("outcome: "),
            outcome,
            Span::raw(format!("   exemptions: {exemptions}")),
            Span::styled(by, theme.fg(ratatui::style::Color::DarkGray)),
        ]),
    ];
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
