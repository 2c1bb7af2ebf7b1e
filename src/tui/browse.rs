//! Moving between the screens that look across bodies (matrix, codebook, search) and acting
//! in them: cursor, filters, tag upkeep, and Enter to open the answer behind a cell or quote.

use super::app::{App, View};
use super::codebook::{Focus, SEARCH_LIMIT};
use super::matrix::CellFilter;
use crate::store::FindingFilter;

impl App {
    /// Opens the matrix or the codebook, loading what it shows.
    pub fn show_browse(&mut self, view: View) -> anyhow::Result<()> {
        self.answer = None;
        self.enter(view)
    }

    /// Reloads the matrix's cells, or the codebook's tags and counts, when one is open (or an
    /// answer opened from one).
    pub fn load_browse(&mut self) -> anyhow::Result<()> {
        let Some(cid) = self.current_campaign().map(|c| c.id) else {
            return Ok(());
        };
        let underneath = self.answer.as_ref().map(|p| p.from);
        let showing = |v: View| self.view == v || underneath == Some(v);
        // The answer screen's strip of outcomes reads the same cells.
        if showing(View::Matrix) || self.view == View::Answer {
            let cells = self.store.cells(cid)?;
            self.matrix.load(cells);
        }
        if showing(View::Codebook) {
            let (tags, uses) = (self.store.tags()?, self.store.tag_uses(cid)?);
            self.codebook.load(tags, uses);
            if self.codebook.focus == Focus::Findings {
                self.load_tag_findings()?;
            }
        }
        Ok(())
    }

    /// Esc in the matrix, codebook or search: first clear what narrows the view, then leave.
    pub fn back_from_browse(&mut self) {
        match self.view {
            View::Matrix if !self.matrix.cell_filter.is_empty() => {
                self.matrix.cell_filter = CellFilter::default();
                self.matrix.cell_filter_text.clear();
            }
            View::Matrix if !self.matrix.row_filter.is_empty() => self.matrix.row_filter.clear(),
            View::Codebook if self.codebook.focus == Focus::Findings => {
                self.codebook.focus = Focus::Tags;
            }
            _ => {
                self.view = self.list_view;
                self.ensure_selection();
            }
        }
    }

    pub fn matrix_step(&mut self, delta: i64) {
        let rows: Vec<i64> = self
            .matrix
            .rows(&self.rows, self.questions_count())
            .iter()
            .map(|r| r.request.id)
            .collect();
        if rows.is_empty() {
            return;
        }
        let pos = self
            .matrix
            .row
            .and_then(|id| rows.iter().position(|r| *r == id))
            .unwrap_or(0) as i64;
        let next = (pos + delta).clamp(0, rows.len() as i64 - 1) as usize;
        self.matrix.row = Some(rows[next]);
    }

    /// The matrix row under the cursor, falling back to the first shown.
    pub fn matrix_row(&self) -> Option<i64> {
        let rows = self.matrix.rows(&self.rows, self.questions_count());
        match self.matrix.row {
            Some(id) if rows.iter().any(|r| r.request.id == id) => Some(id),
            _ => rows.first().map(|r| r.request.id),
        }
    }

    pub fn set_cell_filter(&mut self, text: &str) -> anyhow::Result<()> {
        let tags: Vec<String> = self.store.tags()?.into_iter().map(|t| t.name).collect();
        let f = CellFilter::parse(text, &tags).map_err(super::UserMessage)?;
        let asked = self.questions_count();
        if let Some(q) = f.question.filter(|q| *q == 0 || *q > asked) {
            return Err(super::UserMessage(format!(
                "q{q}: this campaign asks {asked} question(s), q1 to q{asked}"
            ))
            .into());
        }
        if let Some(q) = f.question {
            self.matrix.question = q;
        }
        self.matrix.cell_filter = f;
        self.matrix.cell_filter_text = text.trim().to_string();
        Ok(())
    }

    pub fn run_search(&mut self, text: &str) -> anyhow::Result<()> {
        let cid = self.current_campaign().map(|c| c.id);
        self.search.query = text.trim().to_string();
        self.search.hits = self.store.search(text, cid, SEARCH_LIMIT)?;
        self.search.cursor = 0;
        self.view = View::Search;
        let n = self.search.hits.len();
        self.say(
            match n {
                0 => format!("nothing found for '{}'", self.search.query),
                SEARCH_LIMIT => format!("the best {n} results: add words to narrow"),
                _ => format!("{n} result(s)"),
            },
            false,
        );
        Ok(())
    }

    pub fn switch_focus(&mut self) -> anyhow::Result<()> {
        self.codebook.focus = match self.codebook.focus {
            Focus::Tags => {
                self.load_tag_findings()?;
                Focus::Findings
            }
            Focus::Findings => Focus::Tags,
        };
        Ok(())
    }

    fn load_tag_findings(&mut self) -> anyhow::Result<()> {
        let Some(tag) = self.codebook.selected().map(|t| t.name.clone()) else {
            return Ok(());
        };
        self.codebook.findings = self.store.findings(&FindingFilter {
            campaign_id: self.current_campaign().map(|c| c.id),
            tag: Some(tag),
            ..FindingFilter::default()
        })?;
        let n = self.codebook.findings.len();
        self.codebook.finding = self.codebook.finding.min(n.saturating_sub(1));
        Ok(())
    }

    pub fn retire_tag(&mut self) -> anyhow::Result<()> {
        let Some(t) = self.codebook.selected().cloned() else {
            return Ok(());
        };
        self.commit(|s, _| s.retire_tag(&t.name, !t.retired))?;
        self.say(
            if t.retired {
                format!("{} is back in use", t.name)
            } else {
                format!(
                    "{} retired: kept on its findings, no longer offered (X again brings it back)",
                    t.name
                )
            },
            false,
        );
        Ok(())
    }

    /// Enter in the matrix, codebook or search results: open the answer behind it.
    pub fn open_from_browse(&mut self) -> anyhow::Result<()> {
        let from = self.view;
        let target = match from {
            View::Matrix => self.matrix_row().map(|r| (r, self.matrix.question)),
            View::Codebook if self.codebook.focus == Focus::Tags => {
                self.switch_focus()?;
                return Ok(());
            }
            View::Codebook => self
                .codebook
                .findings
                .get(self.codebook.finding)
                .map(|f| (f.request_id, f.question)),
            View::Search => self
                .search
                .hits
                .get(self.search.cursor)
                .map(|h| (h.request_id, h.question)),
            _ => None,
        };
        if let Some((request, q)) = target {
            if self.rows.iter().any(|r| r.request.id == request) {
                self.matrix.row = Some(request);
                self.open_answer(request, q, from)?;
            }
        }
        Ok(())
    }
}
