//! The requests the board and table show: the filter, the sort, the board's columns and the
//! cursor that moves in them.

use super::app::{App, View, SORTS};
use super::stage::Stage;
use crate::store::{RequestRef, RequestSummary};

/// Whether a request passes a filter: every word must match the body's name, ODS code, kind
/// or region, or the request's status.
pub fn matches_filter(r: &RequestSummary, filter: &str) -> bool {
    let f = filter.to_lowercase();
    f.split_whitespace().all(|w| {
        let b = &r.request.body;
        b.name.to_lowercase().contains(w)
            || b.ods_code.to_lowercase() == w
            || b.kind.to_lowercase().contains(w)
            || b.region.to_lowercase().contains(w)
            || r.status.as_str().contains(w)
    })
}

impl App {
    /// The requests that pass the filter, in the table's sort order.
    pub fn visible(&self) -> Vec<&RequestSummary> {
        // `to-chase` is a word of its own: overdue and not chased in 5 working days.
        let chase = self.filter.split_whitespace().any(|w| w == "to-chase");
        let rest: String = self
            .filter
            .split_whitespace()
            .filter(|w| *w != "to-chase")
            .collect::<Vec<_>>()
            .join(" ");
        let mut v: Vec<&RequestSummary> = self
            .rows
            .iter()
            .filter(|r| {
                (!chase || self.to_chase.contains(&r.request.id)) && matches_filter(r, &rest)
            })
            .collect();
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
        if self.sort_descending {
            v.reverse();
        }
        v
    }

    /// The visible requests split into the board's columns, most urgent first in each: one
    /// pass over the rows, done once per frame by the board.
    pub fn columns(&self) -> Vec<Vec<&RequestSummary>> {
        let mut cols: Vec<Vec<&RequestSummary>> = Stage::ALL.iter().map(|_| Vec::new()).collect();
        for r in self.visible() {
            let i = Stage::ALL
                .iter()
                .position(|s| *s == Stage::of(r))
                .unwrap_or(0);
            cols[i].push(r);
        }
        for c in &mut cols {
            c.sort_by(|a, b| {
                let key = |r: &RequestSummary| r.working_days_left.unwrap_or(i64::MAX);
                key(a)
                    .cmp(&key(b))
                    .then_with(|| a.request.body.name.cmp(&b.request.body.name))
            });
        }
        cols
    }

    /// The visible requests of one board column.
    pub fn column_rows(&self, stage: Stage) -> Vec<&RequestSummary> {
        let i = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.columns().swap_remove(i)
    }

    /// The list the cursor moves in: the current column on the board, every row in the table.
    pub(super) fn cursor_list(&self) -> Vec<i64> {
        match self.list_view {
            View::Board => self
                .column_rows(Stage::ALL[self.column])
                .iter()
                .map(|r| r.request.id)
                .collect(),
            _ => self.visible().iter().map(|r| r.request.id).collect(),
        }
    }

    pub(super) fn ensure_selection(&mut self) {
        let list = self.cursor_list();
        if self.selected.is_none_or(|s| !list.contains(&s)) {
            self.selected = list.first().copied();
        }
    }

    pub fn selected_row(&self) -> Option<&RequestSummary> {
        let id = self.selected?;
        self.rows.iter().find(|r| r.request.id == id)
    }

    pub(super) fn step(&mut self, delta: i64) {
        let list = self.cursor_list();
        if list.is_empty() {
            return;
        }
        let pos = self
            .selected
            .and_then(|s| list.iter().position(|x| *x == s))
            .unwrap_or(0) as i64;
        let next = (pos + delta).clamp(0, list.len() as i64 - 1) as usize;
        self.selected = Some(list[next]);
    }

    pub(super) fn targets(&self) -> Vec<RequestRef> {
        let ids: Vec<i64> = if self.marks.is_empty() {
            self.selected.into_iter().collect()
        } else {
            self.marks.iter().copied().collect()
        };
        self.rows
            .iter()
            .filter(|r| ids.contains(&r.request.id))
            .map(|r| r.request.clone())
            .collect()
    }
}
