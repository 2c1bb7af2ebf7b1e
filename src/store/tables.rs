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

/// Whether `column` of `table` is written by the database itself, whatever a change's row
/// image says: undo compares a row with its image without these. The author, which a group's
/// server stamps with the login that wrote the row (so a row a colleague's undo put back names
/// the colleague, though it is otherwise the same row); and the question a finding and its
/// tags are to, which triggers take from the answer (images written before schema 15 lack it).
pub(super) fn derived(table: &str, column: &str) -> bool {
    column == "author" || (column == "question_id" && matches!(table, "findings" | "finding_tags"))
}
