//! The table: one row per request, sortable.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};
use ratatui::Frame;

use super::board::clock_label;
use super::Theme;
use crate::law::Status;
use crate::text;
use crate::tui::app::{App, SORTS};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let rows = app.visible();
    let body: Vec<Vec<Cell<'static>>> = rows
        .iter()
        .map(|r| {
            let b = &r.request.body;
            vec![
                Cell::from(if app.marks.contains(&r.request.id) {
                    "*"
                } else {
                    ""
                }),
                Cell::from(text::line(&b.short_name)),
                Cell::from(text::line(&b.ods_code)),
                Cell::from(text::line(&b.kind)),
                Cell::from(text::line(&b.region)),
                Cell::from(r.status.as_str()),
                Cell::from(r.report.received.map_or("-".into(), |d| d.to_string())),
                Cell::from(
                    r.report
                        .current_deadline()
                        .map_or("-".into(), |d| d.to_string()),
                ),
                Cell::from(clock_label(r.working_days_left, r.status))
                    .style(theme.urgency(r.working_days_left, r.status == Status::LongOverdue)),
                Cell::from(r.answered_words()),
                Cell::from(r.findings.to_string()),
            ]
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Min(16),
        Constraint::Length(6),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Length(14),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(14),
        Constraint::Length(4),
        Constraint::Length(4),
    ];
    // A narrow terminal drops region, sent date and findings; the rest stays readable.
    let wide = area.width >= 110;
    let keep = |i: usize| wide || !matches!(i, 4 | 6 | 10);
    let filter_row = |cells: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
        cells
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect()
    };
    let header = Row::new(filter_row(header_cells()))
        .style(ratatui::style::Style::default().add_modifier(Modifier::BOLD));
    let body: Vec<Row> = body
        .into_iter()
        .map(|cells| Row::new(filter_row(cells)))
        .collect();
    let widths: Vec<Constraint> = widths
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, w)| w)
        .collect();
    let mut state = TableState::default();
    state.select(rows.iter().position(|r| Some(r.request.id) == app.selected));
    let table = Table::new(body, widths)
        .header(header)
        .row_highlight_style(theme.selected())
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" table, sorted by {} (o) ", SORTS[app.sort])),
        );
    frame.render_stateful_widget(table, area, &mut state);
}

fn header_cells() -> Vec<Cell<'static>> {
    [
        "", "Body", "ODS", "Kind", "Region", "Status", "Sent", "Due", "Clock", "Ans", "Find",
    ]
    .into_iter()
    .map(Cell::from)
    .collect()
}
