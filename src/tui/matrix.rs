//! The matrix: bodies down, questions across, one cell per answer. Rows filter by body; cells
//! filter by question, outcome, exemption or tag ("q5 refused s.43"), and the header counts
//! the bodies behind the filter: the numbers a campaign publishes.

use std::collections::HashMap;

use crate::model::{normalise_exemption, Outcome};
use crate::store::{Cell, RequestSummary};

/// What a cell must be to count ("q5 refused s.43", "fdp/in-use"). Empty matches every
/// recorded answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellFilter {
    pub question: Option<u32>,
    pub outcomes: Vec<Outcome>,
    pub exemptions: Vec<String>,
    pub tags: Vec<String>,
}

/// Words that make the filter read like a sentence and mean nothing.
const FILLER: [&str; 6] = ["under", "with", "and", "cited", "on", "tagged"];

impl CellFilter {
    /// Reads what the user typed; `tags` are the codebook's names.
    pub fn parse(input: &str, tags: &[String]) -> Result<CellFilter, String> {
        let mut f = CellFilter::default();
        for word in input.split_whitespace() {
            let w = word.to_ascii_lowercase();
            let w = w.trim_start_matches('#');
            if FILLER.contains(&w) {
                continue;
            }
            if let Some(n) = w
                .strip_prefix("question")
                .or_else(|| w.strip_prefix('q'))
                .and_then(|n| n.parse::<u32>().ok())
            {
                f.question = Some(n);
            } else if let Some(o) = outcome_word(w) {
                f.outcomes.push(o);
            } else if tags
                .iter()
                .any(|t| t == w || t.starts_with(&format!("{w}/")))
            {
                f.tags.push(w.to_string());
            } else if looks_like_exemption(w) {
                f.exemptions.push(normalise_exemption(w));
            } else {
                return Err(format!(
                    "'{word}' is not a question (q5), an outcome (refused, not-held...), an exemption (s.43) or a tag in the codebook"
                ));
            }
        }
        Ok(f)
    }

    pub fn is_empty(&self) -> bool {
        *self == CellFilter::default()
    }

    /// Whether the cell passes: every kind of condition given must hold (any outcome of
    /// those listed, every exemption and tag listed).
    pub fn matches(&self, c: &Cell) -> bool {
        self.question.is_none_or(|q| c.question == q)
            && (self.outcomes.is_empty() || self.outcomes.contains(&c.outcome))
            && self.exemptions.iter().all(|e| {
                c.exemptions
                    .iter()
                    .any(|x| x == e || x.starts_with(&format!("{e}(")))
            })
            && self.tags.iter().all(|t| {
                c.tags
                    .iter()
                    .any(|x| x == t || x.starts_with(&format!("{t}/")))
            })
    }

    /// The filter in words, for the header.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(q) = self.question {
            parts.push(format!("Q{q}"));
        }
        parts.extend(self.outcomes.iter().map(|o| o.label().to_string()));
        if !self.exemptions.is_empty() {
            parts.push(format!("under {}", self.exemptions.join(" + ")));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tagged {}", self.tags.join(" + ")));
        }
        parts.join(" ")
    }
}

fn outcome_word(w: &str) -> Option<Outcome> {
    let alias = match w {
        "partially" | "part" => "partial",
        "notheld" | "not_held" | "nh" => "not-held",
        "cost" | "s12-cost" => "cost-limit",
        "future" => "future-publication",
        "unanswered" => "not-answered",
        "clarification" => "clarification-sought",
        "triage" | "untriaged" => "pending",
        other => other,
    };
    alias.parse().ok()
}

fn looks_like_exemption(w: &str) -> bool {
    let digits_after = |p: &str| {
        w.strip_prefix(p)
            .is_some_and(|r| r.chars().next().is_some_and(|c| c.is_ascii_digit()))
    };
    digits_after("s.") || digits_after("s") || w.starts_with("reg") || w.starts_with("12(")
}

/// The matrix's own state: its filters, its cursor and the grid loaded at reload.
#[derive(Debug, Clone, Default)]
pub struct MatrixState {
    pub row_filter: String,
    pub cell_filter: CellFilter,
    pub cell_filter_text: String,
    /// The selected row by request id, and the selected question.
    pub row: Option<i64>,
    pub question: u32,
    pub cells: HashMap<(i64, u32), Cell>,
    /// The first row shown, kept so the cursor stays on screen.
    pub top: usize,
}

impl MatrixState {
    pub fn load(&mut self, cells: Vec<Cell>) {
        self.cells = cells
            .into_iter()
            .map(|c| ((c.request_id, c.question), c))
            .collect();
        self.question = self.question.max(1);
    }

    pub fn cell(&self, request_id: i64, q: u32) -> Option<&Cell> {
        self.cells.get(&(request_id, q))
    }

    /// Whether a cell counts under the cell filter (always, without one).
    pub fn passes(&self, request_id: i64, q: u32) -> bool {
        self.cell_filter.is_empty()
            || self
                .cell(request_id, q)
                .is_some_and(|c| self.cell_filter.matches(c))
    }

    /// The rows shown: the requests passing the row filter and, with a cell filter, having
    /// at least one passing cell.
    pub fn rows<'a>(
        &self,
        requests: &'a [RequestSummary],
        questions: u32,
    ) -> Vec<&'a RequestSummary> {
        requests
            .iter()
            .filter(|r| super::lists::matches_filter(r, &self.row_filter))
            .filter(|r| {
                self.cell_filter.is_empty() || (1..=questions).any(|q| self.passes(r.request.id, q))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(q: u32, o: Outcome, ex: &[&str], tags: &[&str]) -> Cell {
        Cell {
            request_id: 1,
            question: q,
            outcome: o,
            exemptions: ex.iter().map(|s| s.to_string()).collect(),
            findings: tags.len() as u32,
            tags: tags.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn reads_a_filter_like_a_sentence() {
        let tags = vec![
            "fdp/in-use".to_string(),
            "refusal/s43-commercial".to_string(),
        ];
        let f = CellFilter::parse("Q5 refused under s43", &tags).unwrap();
        assert_eq!(f.question, Some(5));
        assert_eq!(f.outcomes, vec![Outcome::Refused]);
        assert_eq!(f.exemptions, vec!["s.43".to_string()]);
        assert!(f.matches(&cell(5, Outcome::Refused, &["s.43"], &[])));
        assert!(f.matches(&cell(5, Outcome::Refused, &["s.43(2)", "s.40"], &[])));
        assert!(!f.matches(&cell(4, Outcome::Refused, &["s.43"], &[])));
        assert!(!f.matches(&cell(5, Outcome::Partial, &["s.43"], &[])));
        assert!(!f.matches(&cell(5, Outcome::Refused, &["s.40"], &[])));
        let t = CellFilter::parse("fdp", &tags).unwrap();
        assert!(t.matches(&cell(1, Outcome::Answered, &[], &["fdp/in-use"])));
        assert!(CellFilter::parse("banana", &tags)
            .unwrap_err()
            .contains("banana"));
    }
}
