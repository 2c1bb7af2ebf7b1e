//! Everything the user can ask the board to do. Keys map to these through the keymap; the
//! loop turns ticks and outside changes into them too.

use crate::law::EventKind;
use crate::model::Outcome;

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
    /// Table: the same column, the other way.
    SortReverse,
    Help,
    Filter,
    ToggleMark,
    /// Mark every request the filter shows (all of them without a filter); again, unmark.
    MarkShown,
    ClearMarks,
    /// Ask for a date, then record this event on the selected (or marked) requests.
    Record(EventKind),
    Undo,
    Redo,
    CommandLine,
    NextCampaign,
    /// Show the board of requests (from the matrix, codebook or search).
    ShowBoard,
    /// Show the matrix of answers: bodies down, questions across.
    ShowMatrix,
    /// Show the codebook: tags, their counts per question and their findings.
    ShowCodebook,
    /// Set the open answer's outcome and move to the next question.
    SetOutcome(Outcome),
    /// Choose the exemptions the open answer cites.
    PickExemptions,
    /// Edit the open answer's text.
    EditText,
    /// Add a finding on the open answer.
    AddFinding,
    /// Accept what the reply proposes for the open question, then move on.
    AcceptProposal,
    /// Walk every answer waiting in the campaign (texts to triage, proposals to confirm),
    /// body by body, question by question.
    Triage,
    /// Delete the selected finding (undoable).
    DeleteFinding,
    /// Matrix: filter rows by body (name, ODS, kind, region).
    RowFilter,
    /// Matrix: filter cells by question, outcome, exemption or tag.
    CellFilter,
    /// Full-text search over answers and findings.
    Search,
    /// Codebook: switch between the tags and the selected tag's findings.
    SwitchFocus,
    /// Codebook: rename the selected tag.
    RenameTag,
    /// Codebook: merge the selected tag into another.
    MergeTag,
    /// Codebook: retire the selected tag (or bring it back).
    RetireTag,
    /// Codebook: create a tag.
    NewTag,
    /// Show the campaign's statistics as charts.
    ShowStats,
    /// Ask for a file name and write the campaign there (the extension picks the format).
    Export,
    /// Reopen the latest unsaved text kept from an editor that was closed unexpectedly.
    ReopenDraft,
    /// Show the imported mail.
    ShowInbox,
    /// Fetch the group's mailbox in the background.
    FetchMail,
    /// Inbox: record the event the selected message suggests.
    AcceptMail,
    /// Record any event from the selected message (not only the one it suggests).
    MailEvent,
    /// Inbox: set the selected message's suggestion aside.
    DismissMail,
    /// Inbox: file the selected message under a request.
    AssignMail,
    /// Inbox: propose each question's answer from the selected message.
    SplitMail,
    /// Write a letter (request, chase, review, complaint) for the selected or marked requests.
    Letter,
    /// Another process changed the database, or the date rolled over: reload.
    Reload,
}
