//! The codebook screen's state (tags with counts per question, the selected tag's findings)
//! and the search screen's (the query and its hits).

use std::collections::HashMap;

use crate::model::{Finding, Tag};
use crate::store::{Hit, TagUse};

/// Which list of the codebook has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Tags,
    Findings,
}

#[derive(Debug, Clone, Default)]
pub struct CodebookState {
    pub tags: Vec<Tag>,
    /// Findings per (tag id, question) in the current campaign.
    pub uses: HashMap<(i64, u32), u32>,
    /// The selected tag, by id.
    pub tag: Option<i64>,
    pub focus: Focus,
    /// The selected tag's findings (and those of the levels under it).
    pub findings: Vec<Finding>,
    pub finding: usize,
}

impl CodebookState {
    pub fn load(&mut self, tags: Vec<Tag>, uses: Vec<TagUse>) {
        self.tags = tags;
        self.uses = uses
            .into_iter()
            .map(|u| ((u.tag_id, u.question), u.findings))
            .collect();
        if self
            .tag
            .is_none_or(|t| !self.tags.iter().any(|x| x.id == t))
        {
            self.tag = self.tags.first().map(|t| t.id);
        }
    }

    pub fn selected(&self) -> Option<&Tag> {
        let id = self.tag?;
        self.tags.iter().find(|t| t.id == id)
    }

    pub fn count(&self, tag_id: i64, q: u32) -> u32 {
        self.uses.get(&(tag_id, q)).copied().unwrap_or(0)
    }

    pub fn total(&self, tag_id: i64) -> u32 {
        self.uses
            .iter()
            .filter(|((t, _), _)| *t == tag_id)
            .map(|(_, n)| n)
            .sum()
    }

    /// Moves the cursor in the focused list.
    pub fn step(&mut self, delta: i64) {
        match self.focus {
            Focus::Tags => {
                if self.tags.is_empty() {
                    return;
                }
                let pos = self
                    .tag
                    .and_then(|id| self.tags.iter().position(|t| t.id == id))
                    .unwrap_or(0) as i64;
                let next = (pos + delta).clamp(0, self.tags.len() as i64 - 1) as usize;
                self.tag = Some(self.tags[next].id);
                self.findings.clear();
                self.finding = 0;
            }
            Focus::Findings => {
                let n = self.findings.len() as i64;
                if n > 0 {
                    self.finding = (self.finding as i64 + delta).clamp(0, n - 1) as usize;
                }
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub cursor: usize,
}

/// How many hits the board shows for one search.
pub const SEARCH_LIMIT: usize = 200;
