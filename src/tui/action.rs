//! Everything the user can ask the board to do. Keys map to these through the keymap; the
//! loop turns ticks and outside changes into them too.

use crate::law::EventKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    ToggleView,
    SortNext,
    Help,
    Filter,
    ToggleMark,
    ClearMarks,
    /// Ask for a date, then record this event on the selected (or marked) requests.
    Record(EventKind),
    Undo,
    Redo,
    CommandLine,
    NextCampaign,
    /// Another process changed the database, or the date rolled over: reload.
    Reload,
}
