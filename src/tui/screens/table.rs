//! The table: one row per request, sortable by any column both ways.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Cell, Row, Table as TableWidget, TableState};
use ratatui::Frame;

use super::lists::{
    clock_label, ensure, filter_submitted, filter_typed, list_action, no_requests_yet,
};
use crate::law::Status;
use crate::store::RequestSummary;
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::keymap::{bind, Binding, LISTS, REQUESTS};
use crate::tui::prompt::Prompt;
use crate::tui::screen::Screen;
use crate::tui::shared::Shared;
use crate::tui::theme::{fit, Theme};

use KeyCode::Char as C;

/// The table's order.
#[rustfmt::skip]
const SORTING: &[Binding] = &[
    bind(&[C('o')], "o", Action::SortNext, "sort by the next column (body, clock, due...)", false),
    bind(&[C('O')], "O", Action::SortReverse, "reverse the order", false),
];

/// The columns the table sorts by, in the order `o` goes through them.
pub const SORTS: [&str; 10] = [
    "body", "ods", "kind", "region", "status", "sent", "due", "clock", "answers", "findings",
];

/// The widths of the status and clock columns.
const STATUS: u16 = 14;
const CLOCK: u16 = 14;

/// The table: one row per request, sortable by any column both ways.
#[derive(Debug, Default)]
pub struct Table {
    /// The column sorted by, as an index into [`SORTS`].
    pub sort: usize,
    /// The order reversed (`O`).
    pub descending: bool,
}

impl Table {
    /// The requests the filter leaves, in the table's order.
    pub fn sorted<'a>(&self, sh: &'a Shared) -> Vec<&'a RequestSummary> {
        let mut v = sh.shown();
        match SORTS[self.sort % SORTS.len()] {
            "kind" => v.sort_by(|a, b| a.request.body.kind.cmp(&b.request.body.kind)),
            "region" => v.sort_by(|a, b| a.request.body.region.cmp(&b.request.body.region)),
            "status" => v.sort_by_key(|r| r.status),
            "due" => v.sort_by_key(|r| {
                (
                    r.report.current_deadline().is_none(),
                    r.report.current_deadline(),
                )
            }),
            "clock" => v.sort_by_key(|r| (r.working_days_left.is_none(), r.working_days_left)),
            "answers" => v.sort_by_key(|r| std::cmp::Reverse(r.answered)),
            "findings" => v.sort_by_key(|r| std::cmp::Reverse(r.findings)),
            "ods" => v.sort_by(|a, b| a.request.body.ods_code.cmp(&b.request.body.ods_code)),
            "sent" => v.sort_by_key(|r| (r.report.received.is_none(), r.report.received)),
            _ => {}
        }
        if self.descending {
            v.reverse();
        }
        v
    }

    fn cursor_list(&self, sh: &Shared) -> Vec<i64> {
        self.sorted(sh).iter().map(|r| r.request.id).collect()
    }

    fn ensure(&self, sh: &mut Shared) {
        let list = self.cursor_list(sh);
        ensure(sh, &list);
    }

    fn draw_table(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        if sh.rows.is_empty() {
            no_requests_yet(frame, area, sh);
            return;
        }
        let rows = self.sorted(sh);
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

        let body: Vec<Vec<Cell<'static>>> = rows
            .iter()
            .map(|r| {
                let b = &r.request.body;
                vec![
                    Cell::from(if sh.marks.contains(&r.request.id) {
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
                    Cell::from(r.findings.map_or(String::new(), |n| n.to_string())),
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
        let header = Row::new(filter_row(header_cells(self.sort, self.descending)))
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
        state.select(rows.iter().position(|r| Some(r.request.id) == sh.selected));
        let table = TableWidget::new(body, widths)
            .header(header)
            .row_highlight_style(theme.selected())
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" table, sorted by {} (o) ", SORTS[self.sort])),
            );
        frame.render_stateful_widget(table, area, &mut state);
    }
}

impl Screen for Table {
    fn name(&self) -> &'static str {
        "table"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[LISTS, SORTING, REQUESTS]
    }

    /// A selection gone with the campaign's reload (undone, another campaign) moves to the
    /// first request shown; one still there stays, even where it no longer shows.
    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        if sh.selected.is_none() {
            self.ensure(sh);
        }
        Ok(())
    }

    /// The table shows each request's findings, which the board opens without: the first
    /// time it is shown, the campaign is read again with them counted (and from then on).
    fn enter(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        if !sh.count_findings {
            sh.count_findings = true;
            sh.reload()?;
        }
        self.ensure(sh);
        Ok(())
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        let effect = match action {
            Action::SortNext => {
                self.sort = (self.sort + 1) % SORTS.len();
                self.descending = false;
                sh.say(format!("table sorted by {}", SORTS[self.sort]), false);
                Effect::Done
            }
            Action::SortReverse => {
                self.descending = !self.descending;
                sh.say(
                    format!(
                        "table sorted by {}, {}",
                        SORTS[self.sort],
                        if self.descending {
                            "descending"
                        } else {
                            "ascending"
                        }
                    ),
                    false,
                );
                Effect::Done
            }
            Action::ToggleView => Effect::Enter(View::Board),
            other => list_action(sh, &self.cursor_list(sh), other)?,
        };
        if !matches!(effect, Effect::Pass) {
            self.ensure(sh);
        }
        Ok(effect)
    }

    fn on_prompt(
        &mut self,
        sh: &mut Shared,
        prompt: &Prompt,
        text: &str,
    ) -> anyhow::Result<Effect> {
        let effect = filter_submitted(sh, prompt, text)?;
        self.ensure(sh);
        Ok(effect)
    }

    fn on_typing(&mut self, sh: &mut Shared, prompt: &Prompt, text: &str) {
        filter_typed(sh, prompt, text);
        self.ensure(sh);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        self.draw_table(frame, area, sh, theme)
    }
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
