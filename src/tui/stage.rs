//! The board's columns: where a request stands, from the group's point of view.

use crate::law::Status;
use crate::store::RequestSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    NotSent,
    Awaiting,
    Overdue,
    OnUs,
    Triage,
    Review,
    Done,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::NotSent,
        Stage::Awaiting,
        Stage::Overdue,
        Stage::OnUs,
        Stage::Triage,
        Stage::Review,
        Stage::Done,
    ];

    /// The title a narrow terminal's strip of counts uses.
    pub fn short(self) -> &'static str {
        match self {
            Stage::NotSent => "New",
            Stage::Awaiting => "Wait",
            Stage::Overdue => "Late",
            Stage::OnUs => "Us",
            Stage::Triage => "Triage",
            Stage::Review => "Review",
            Stage::Done => "Done",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Stage::NotSent => "Not sent",
            Stage::Awaiting => "Awaiting",
            Stage::Overdue => "Overdue",
            Stage::OnUs => "Waiting on us",
            Stage::Triage => "To triage",
            Stage::Review => "Review / ICO",
            Stage::Done => "Done",
        }
    }

    pub fn of(s: &RequestSummary) -> Stage {
        match s.status {
            Status::NotSent => Stage::NotSent,
            Status::Awaiting => Stage::Awaiting,
            Status::Overdue | Status::LongOverdue => Stage::Overdue,
            Status::Clarification | Status::Fee => Stage::OnUs,
            Status::Responded if s.decided < s.questions || s.to_triage > 0 => Stage::Triage,
            // Triaged, with questions left unanswered, and still time to ask for a review:
            // the group has something to decide, so not Done.
            Status::Responded if s.review_to_consider.is_some() => Stage::Review,
            Status::Review | Status::ReviewOverdue | Status::ReviewAnswered | Status::Ico => {
                Stage::Review
            }
            Status::Responded | Status::Lapsed | Status::Closed | Status::Withdrawn => Stage::Done,
        }
    }
}
