//! The statistics screen's state: the campaign's report numbers, computed when the screen
//! opens and on each reload while it shows (never per frame).

use super::app::{App, View};

impl App {
    pub fn show_stats(&mut self) -> anyhow::Result<()> {
        self.answer = None;
        self.enter(View::Stats)
    }

    /// Counts the campaign again if the statistics show; forgets the numbers otherwise.
    pub(super) fn load_stats(&mut self) -> anyhow::Result<()> {
        self.stats = match (self.view, self.current_campaign().cloned()) {
            (View::Stats, Some(c)) => Some(crate::export::report(&self.store, &c, self.today)?),
            _ => None,
        };
        Ok(())
    }
}
