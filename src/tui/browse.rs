//! What the screens that look across bodies (matrix, codebook, search) share: opening them,
//! loading the matrix's cells and the codebook's counts together (the answer screen opened from
//! either reads them too), going back, and Enter to open the answer behind a cell or a quote.
//! What each does alone (its cursor, filters, tag upkeep) is in its own file under `screens/`.

use super::app::{App, View};
use super::screens::codebook::Focus;
use super::screens::matrix::CellFilter;

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
