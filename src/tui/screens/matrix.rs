//! The matrix: bodies down, questions across. Each cell is the outcome's glyph (the key that
//! sets it) in its colour, with the number of findings; cells outside the cell filter are
//! dimmed, and the header counts the bodies the filter leaves.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

use super::board::fit;
use crate::text;
use crate::tui::app::App;
use crate::tui::view::{glyph, legend, Theme};

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::app::Prompt;
use crate::tui::keymap::{self, Binding};

/// The matrix: bodies down, questions across, every answer's outcome.
pub struct Matrix;

impl Screen for Matrix {
    fn view(&self) -> View {
        View::Matrix
    }

    fn name(&self) -> &'static str {
        "matrix"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::MATRIX, keymap::BROWSE]
    }

    fn load(&self, app: &mut App) -> anyhow::Result<()> {
        app.load_browse()?;
        if app.matrix.row.is_none() {
            app.matrix.row = app.selected;
        }
        Ok(())
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        if let Some(delta) = movement(action) {
            app.matrix_step(delta);
            return Ok(true);
        }
        match action {
            Action::Left | Action::Right => {
                let n = app.questions_count();
                let q = app.matrix.question;
                app.matrix.question = if action == Action::Left {
                    q.saturating_sub(1).max(1)
                } else {
                    (q + 1).min(n.max(1))
                };
            }
            Action::Open => app.open_from_browse()?,
            Action::Back => app.back_from_browse(),
            Action::RowFilter => app.ask(Prompt::RowFilter, app.matrix.row_filter.clone()),
            Action::CellFilter => app.ask(Prompt::CellFilter, app.matrix.cell_filter_text.clone()),
            Action::Search => app.ask(Prompt::Search, app.search.query.clone()),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let m = &app.matrix;
    let n = app.questions_count();
    let rows = m.rows(&app.rows, n);
    let selected_row = app.matrix_row();
    let [head, grid, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(legend_height(area.width)),
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
