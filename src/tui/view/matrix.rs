//! The matrix: bodies down, questions across. Each cell is the outcome's glyph (the key that
//! sets it) in its colour, with the number of findings; cells outside the cell filter are
//! dimmed, and the header counts the bodies the filter leaves.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

use super::board::fit;
use super::{glyph, legend, Theme};
use crate::text;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let m = &app.matrix;
    let n = app.questions_count();
    let rows = m.rows(&app.rows, n);
    let selected_row = app.matrix_row();
    let [head, grid, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);

    let mut said = vec![format!("{} of {} bodies", rows.len(), app.rows.len())];
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
    let title = app
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
