//! The tables a change may touch: the one list the history, undo's checks and `copy` share,
//! so that a table added to the schema is added once.

use super::{Result, StoreError};

/// Tables whose rows the history may restore, in an order that puts every row after the rows
/// it refers to. Names are never taken from elsewhere.
pub(super) const TABLES: &[&str] = &[
    "bodies",
    "campaigns",
    "questions",
    "requests",
    "events",
    "answers",
    "tags",
    "findings",
    "finding_tags",
    "holidays",
    "holiday_removals",
    "messages",
    "attachments",
    "proposals",
    "settings",
];

pub(super) fn known_table(t: &str) -> Result<&'static str> {
    TABLES
        .iter()
        .find(|k| **k == t)
        .copied()
        .ok_or_else(|| StoreError::Invalid(format!("the history names an unknown table '{t}'")))
}
