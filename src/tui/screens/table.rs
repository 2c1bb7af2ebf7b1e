//! The table: one row per request, sortable.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Cell, Row, Table as TableWidget, TableState};
use ratatui::Frame;

use super::board::clock_label;
use crate::law::Status;
use crate::text;
use crate::tui::app::{App, SORTS};
use crate::tui::view::Theme;

use super::{Screen, View};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding};

/// The table: one row per request, sortable by any column both ways.
pub struct Table;

impl Screen for Table {
    fn view(&self) -> View {
        View::Table
    }

    fn name(&self) -> &'static str {
        "table"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::LISTS, keymap::SORTING, keymap::REQUESTS]
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        match action {
            Action::SortNext => {
                app.sort = (app.sort + 1) % SORTS.len();
                app.sort_descending = false;
                app.say(format!("table sorted by {}", SORTS[app.sort]), false);
                Ok(true)
            }
            Action::SortReverse => {
                app.sort_descending = !app.sort_descending;
                app.say(
                    format!(
                        "table sorted by {}, {}",
                        SORTS[app.sort],
                        if app.sort_descending {
                            "descending"
                        } else {
                            "ascending"
                        }
                    ),
                    false,
                );
                Ok(true)
            }
            other => super::board::list_action(app, other),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

/// The widths of the status and clock columns.
const STATUS: u16 = 14;
const CLOCK: u16 = 14;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if app.rows.is_empty() {
        super::no_requests_yet(frame, area, app);
        return;
    }
    let rows = app.visible();
    // A narrow terminal drops region, sent date and findings; the rest stays readable.
    let wide = area.width >= 110;
    // What the body's name has left: the borders, the other columns, a space between each.
    let others: u16 = if wide {
        1 + 6 + 10 + 12 + STATUS + 10 + 10 + CLOCK + 7 + 4
    } else {
        1 + 6 + 10 + STATUS + 10 + CLOCK + 7
    };
    let gaps: u16 = if wide { 10 } else { 7 };
    let name_width = usize::from(area.width.saturating_sub(2 + others + gaps)).max(8);
    // Every cell cut at a word boundary with an ellipsis, never mid-word by the table.
    let fit = super::board::fit;
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
                Cell::from(fit(&text::line(&b.short_name), name_width)),
                Cell::from(text::line(&b.ods_code)),
                Cell::from(fit(&text::line(&b.kind), 10)),
                Cell::from(fit(&text::line(&b.region), 12)),
                Cell::from(fit(r.status.as_str(), usize::from(STATUS))),
                Cell::from(r.report.received.map_or("-".into(), |d| d.to_string())),
                Cell::from(
                    r.report
                        .current_deadline()
                        .map_or("-".into(), |d| d.to_string()),
                ),
                Cell::from(fit(
                    &clock_label(r.working_days_left, r.status),
                    usize::from(CLOCK),
                ))
                .style(theme.urgency(r.working_days_left, r.status == Status::LongOverdue)),
                // Questions answered (or partly) of all, and "+n" waiting to be read.
                Cell::from(if r.to_triage > 0 {
                    format!("{}/{} +{}", r.answered, r.questions, r.to_triage)
                } else {
                    format!("{}/{}", r.answered, r.questions)
                }),
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
        Constraint::Length(STATUS),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(CLOCK),
        Constraint::Length(7),
        Constraint::Length(4),
    ];
    let keep = |i: usize| wide || !matches!(i, 4 | 6 | 10);
    let filter_row = |cells: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
        cells
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect()
    };
    let header = Row::new(filter_row(header_cells(app.sort, app.sort_descending)))
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
    let table = TableWidget::new(body, widths)
        .header(header)
        .row_highlight_style(theme.selected())
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" table, sorted by {} (o) ", SORTS[app.sort])),
        );
    frame.render_stateful_widget(table, area, &mut state);
}

/// The column titles, the sorted one marked ▲ (ascending) or ▼.
fn header_cells(sort: usize, descending: bool) -> Vec<Cell<'static>> {
    [
        "", "Body", "ODS", "Kind", "Region", "Status", "Sent", "Due", "Clock", "Ans", "Find",
    ]
    .into_iter()
    .enumerate()
    .map(|(i, h)| {
        if i == sort + 1 {
            Cell::from(format!("{h} {}", if descending { "▼" } else { "▲" }))
        } else {
            Cell::from(h)
        }
    })
    .collect()
}
