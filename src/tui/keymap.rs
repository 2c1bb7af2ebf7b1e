//! The one keymap: dispatch, the footer hints and the `?` help screen all read this table, so
//! help can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::View;
use crate::law::EventKind;
use crate::model::Outcome;

/// Where a binding applies: a screen or a family of screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen.
    Global,
    /// The board and the table (lists of requests).
    Lists,
    /// The board, the table and a request's detail: where events are recorded.
    Requests,
    /// The request detail.
    Detail,
    /// One answer: outcome, exemptions, text and findings.
    Answer,
    /// The answers of every body, question by question.
    Matrix,
    /// The tags with their counts and findings.
    Codebook,
    /// Search results.
    Search,
    /// Imported mail.
    Inbox,
    /// The matrix, the codebook and search results: where `/` searches.
    Browse,
}

impl Scope {
    /// Whether a binding of this scope works on `view`.
    pub fn applies(self, view: View) -> bool {
        match self {
            Scope::Global => true,
            Scope::Lists => matches!(view, View::Board | View::Table),
            Scope::Requests => matches!(view, View::Board | View::Table | View::Detail),
            Scope::Detail => view == View::Detail,
            Scope::Answer => view == View::Answer,
            Scope::Matrix => view == View::Matrix,
            Scope::Codebook => view == View::Codebook,
            Scope::Search => view == View::Search,
            Scope::Inbox => view == View::Inbox,
            Scope::Browse => matches!(view, View::Matrix | View::Codebook | View::Search),
        }
    }
}

pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub scope: Scope,
    /// Shown in the footer (the few a newcomer needs first).
    pub footer: bool,
}

use KeyCode::Char as C;

/// One row of the table: keys, their label, the action, the help words, where, and whether
/// the footer shows it.
const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    help: &'static str,
    scope: Scope,
    footer: bool,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        scope,
        footer,
    }
}

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[C('q')], "q", Action::Quit, "quit", Scope::Global, true),
    bind(&[C('?')], "?", Action::Help, "help: every key", Scope::Global, true),
    bind(&[KeyCode::Up, C('k')], "↑/k", Action::Up, "move up", Scope::Global, false),
    bind(&[KeyCode::Down, C('j')], "↓/j", Action::Down, "move down", Scope::Global, false),
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous column", Scope::Lists, false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next column", Scope::Lists, false),
    bind(&[C('g'), KeyCode::Home],
        "g",
        Action::Top,
        "first",
        Scope::Global,
        false,
    ),
    bind(&[C('G'), KeyCode::End],
        "G",
        Action::Bottom,
        "last",
        Scope::Global,
        false,
    ),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "page up", Scope::Global, false),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "page down", Scope::Global, false),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the request", Scope::Lists, true),
    bind(&[KeyCode::Esc], "Esc", Action::Back, "back / clear the filter", Scope::Global, true),
    bind(&[KeyCode::Tab], "Tab", Action::ToggleView, "board / table", Scope::Lists, true),
    bind(&[C('o')], "o", Action::SortNext, "sort the table by the next column", Scope::Lists, false),
    bind(&[C('/')], "/", Action::Filter, "filter: name, ODS, kind, region, status", Scope::Lists, true),
    bind(&[C(' ')], "Space", Action::ToggleMark, "mark for a bulk event", Scope::Lists, true),
    bind(&[C('M')], "M", Action::ClearMarks, "clear all marks", Scope::Lists, false),
    bind(&[C('s')], "s", Action::Record(EventKind::Sent),
        "record: sent",
        Scope::Requests,
        true,
    ),
    bind(&[C('a')], "a", Action::Record(EventKind::Acknowledged),
        "record: acknowledged",
        Scope::Requests,
        false,
    ),
    bind(&[C('c')], "c", Action::Record(EventKind::ClarificationRequested),
        "record: clarification requested",
        Scope::Requests,
        false,
    ),
    bind(&[C('C')], "C", Action::Record(EventKind::Clarified),
        "record: clarification sent (clock restarts)",
        Scope::Requests,
        false,
    ),
    bind(&[C('f')], "f", Action::Record(EventKind::FeeNotice),
        "record: fee notice",
        Scope::Requests,
        false,
    ),
    bind(&[C('F')], "F", Action::Record(EventKind::FeePaid),
        "record: fee paid",
        Scope::Requests,
        false,
    ),
    bind(&[C('x')], "x", Action::Record(EventKind::Extended),
        "record: extended",
        Scope::Requests,
        false,
    ),
    bind(&[C('r')], "r", Action::Record(EventKind::Responded),
        "record: responded",
        Scope::Requests,
        true,
    ),
    bind(&[C('v')], "v", Action::Record(EventKind::ReviewRequested),
        "record: internal review requested",
        Scope::Requests,
        false,
    ),
    bind(&[C('V')], "V", Action::Record(EventKind::ReviewResponded),
        "record: review answered",
        Scope::Requests,
        false,
    ),
    bind(&[C('i')], "i", Action::Record(EventKind::IcoComplaint),
        "record: complaint to the ICO",
        Scope::Requests,
        false,
    ),
    bind(&[C('W')], "W", Action::Record(EventKind::Withdrawn),
        "record: withdrawn",
        Scope::Requests,
        false,
    ),
    bind(&[C('u')], "u", Action::Undo, "undo your last change", Scope::Global, true),
    bind(&[C('U')], "U", Action::Redo, "redo", Scope::Global, false),
    bind(&[C(':')], ":", Action::CommandLine, "command: goto ODS, campaign SLUG, quit", Scope::Global, false),
    bind(&[C('n')], "n", Action::NextCampaign, "next campaign", Scope::Global, false),
    bind(&[C('b')], "b", Action::ShowBoard, "the board of requests", Scope::Global, false),
    bind(&[C('m')], "m", Action::ShowMatrix, "the matrix: every body's answers", Scope::Global, false),
    bind(&[C('T')], "T", Action::ShowCodebook, "the codebook: tags, counts, findings", Scope::Global, false),
    bind(&[C('D')], "D", Action::ReopenDraft, "reopen an unsaved text kept from last time", Scope::Global, false),
    bind(&[C('I')], "I", Action::ShowInbox, "inbox: imported mail, unmatched first", Scope::Global, false),
    bind(&[C('y')], "y", Action::AcceptMail, "record the event the message suggests", Scope::Inbox, true),
    bind(&[C('x')], "x", Action::DismissMail, "set the suggestion aside", Scope::Inbox, false),
    bind(&[C('a')], "a", Action::AssignMail, "file the message under a request", Scope::Inbox, true),
    bind(&[C('p')], "p", Action::SplitMail, "split the response into answers", Scope::Inbox, true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the message's request", Scope::Inbox, true),
    bind(&[C('S')], "S", Action::ShowStats, "statistics: charts of the campaign", Scope::Global, false),
    bind(&[C('w')], "w", Action::Export, "write to a file: report .md/.html, .csv, .json, .ics", Scope::Global, false),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the selected question's answer", Scope::Detail, true),
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous question", Scope::Answer, false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next question", Scope::Answer, false),
    bind(&[C('a')], "a", Action::SetOutcome(Outcome::Answered),
        "outcome: answered, then next question",
        Scope::Answer,
        true,
    ),
    bind(&[C('p')], "p", Action::SetOutcome(Outcome::Partial),
        "outcome: partially answered, then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('r')], "r", Action::SetOutcome(Outcome::Refused),
        "outcome: refused, then next question",
        Scope::Answer,
        true,
    ),
    bind(&[C('n')], "n", Action::SetOutcome(Outcome::NotHeld),
        "outcome: information not held, then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('N')], "N", Action::SetOutcome(Outcome::Ncnd),
        "outcome: neither confirm nor deny, then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('e')], "e", Action::SetOutcome(Outcome::Elsewhere),
        "outcome: accessible elsewhere (s.21), then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('f')], "f", Action::SetOutcome(Outcome::FuturePublication),
        "outcome: future publication (s.22), then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('c')], "c", Action::SetOutcome(Outcome::CostLimit),
        "outcome: cost limit (s.12), then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('v')], "v", Action::SetOutcome(Outcome::Vexatious),
        "outcome: vexatious/repeated (s.14), then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('x')], "x", Action::SetOutcome(Outcome::NotAnswered),
        "outcome: not answered, then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('C')], "C", Action::SetOutcome(Outcome::ClarificationSought),
        "outcome: clarification sought, then next question",
        Scope::Answer,
        false,
    ),
    bind(&[C('E')], "E", Action::PickExemptions, "exemptions cited", Scope::Answer, true),
    bind(&[C('t')], "t", Action::EditText, "edit the answer text", Scope::Answer, true),
    bind(&[C('+')], "+", Action::AddFinding, "add a finding", Scope::Answer, true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "edit the selected finding", Scope::Answer, false),
    bind(&[C('d'), KeyCode::Delete],
        "d",
        Action::DeleteFinding,
        "delete the selected finding (u undoes)",
        Scope::Answer,
        false,
    ),
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous question", Scope::Matrix, false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next question", Scope::Matrix, false),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the answer", Scope::Matrix, true),
    bind(&[C('f')], "f", Action::RowFilter, "filter bodies: name, ODS, kind, region", Scope::Matrix, true),
    bind(&[C('c')], "c", Action::CellFilter, "filter cells: q5 refused s.43, a tag", Scope::Matrix, true),
    bind(&[C('/')], "/", Action::Search, "search answers, notes and quotes", Scope::Browse, true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "list the tag's findings / open the answer", Scope::Codebook, true),
    bind(&[KeyCode::Tab], "Tab", Action::SwitchFocus, "between tags and findings", Scope::Codebook, false),
    bind(&[C('+')], "+", Action::NewTag, "new tag", Scope::Codebook, false),
    bind(&[C('R')], "R", Action::RenameTag, "rename the tag", Scope::Codebook, false),
    bind(&[C('M')], "M", Action::MergeTag, "merge the tag into another", Scope::Codebook, false),
    bind(&[C('X')], "X", Action::RetireTag, "retire the tag (or bring it back)", Scope::Codebook, false),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the answer", Scope::Search, true),
];

/// The action a key asks for on `view`.
pub fn dispatch(key: KeyEvent, view: View) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            C('c') => Some(Action::Quit),
            C('r') => Some(Action::Redo),
            _ => None,
        };
    }
    // A view's own binding wins over a global one with the same key.
    let here = |global: bool| {
        BINDINGS
            .iter()
            .filter(move |b| b.scope.applies(view) && (b.scope == Scope::Global) == global)
            .find(|b| b.keys.contains(&key.code))
            .map(|b| b.action)
    };
    here(false).or_else(|| here(true))
}

/// The bindings that work on `view`, for the footer and help: the view's own first.
pub fn visible(view: View) -> impl Iterator<Item = &'static Binding> {
    let own = BINDINGS
        .iter()
        .filter(move |b| b.scope != Scope::Global && b.scope.applies(view));
    own.chain(BINDINGS.iter().filter(|b| b.scope == Scope::Global))
}

/// The key that sets an outcome in the answer screen.
pub fn outcome_key(o: Outcome) -> Option<&'static str> {
    BINDINGS
        .iter()
        .find(|b| b.action == Action::SetOutcome(o))
        .map(|b| b.label)
}
