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

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[C('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
        scope: Scope::Global,
        footer: true,
    },
    Binding {
        keys: &[C('?')],
        label: "?",
        action: Action::Help,
        help: "help: every key",
        scope: Scope::Global,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Up, C('k')],
        label: "↑/k",
        action: Action::Up,
        help: "move up",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Down, C('j')],
        label: "↓/j",
        action: Action::Down,
        help: "move down",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Left, C('h')],
        label: "←/h",
        action: Action::Left,
        help: "previous column",
        scope: Scope::Lists,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Right, C('l')],
        label: "→/l",
        action: Action::Right,
        help: "next column",
        scope: Scope::Lists,
        footer: false,
    },
    Binding {
        keys: &[C('g'), KeyCode::Home],
        label: "g",
        action: Action::Top,
        help: "first",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('G'), KeyCode::End],
        label: "G",
        action: Action::Bottom,
        help: "last",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::PageUp],
        label: "PgUp",
        action: Action::PageUp,
        help: "page up",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::PageDown],
        label: "PgDn",
        action: Action::PageDown,
        help: "page down",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the request",
        scope: Scope::Lists,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "back / clear the filter",
        scope: Scope::Global,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::ToggleView,
        help: "board / table",
        scope: Scope::Lists,
        footer: true,
    },
    Binding {
        keys: &[C('o')],
        label: "o",
        action: Action::SortNext,
        help: "sort the table by the next column",
        scope: Scope::Lists,
        footer: false,
    },
    Binding {
        keys: &[C('/')],
        label: "/",
        action: Action::Filter,
        help: "filter: name, ODS, kind, region, status",
        scope: Scope::Lists,
        footer: true,
    },
    Binding {
        keys: &[C(' ')],
        label: "Space",
        action: Action::ToggleMark,
        help: "mark for a bulk event",
        scope: Scope::Lists,
        footer: true,
    },
    Binding {
        keys: &[C('M')],
        label: "M",
        action: Action::ClearMarks,
        help: "clear all marks",
        scope: Scope::Lists,
        footer: false,
    },
    Binding {
        keys: &[C('s')],
        label: "s",
        action: Action::Record(EventKind::Sent),
        help: "record: sent",
        scope: Scope::Requests,
        footer: true,
    },
    Binding {
        keys: &[C('a')],
        label: "a",
        action: Action::Record(EventKind::Acknowledged),
        help: "record: acknowledged",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('c')],
        label: "c",
        action: Action::Record(EventKind::ClarificationRequested),
        help: "record: clarification requested",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('C')],
        label: "C",
        action: Action::Record(EventKind::Clarified),
        help: "record: clarification sent (clock restarts)",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('f')],
        label: "f",
        action: Action::Record(EventKind::FeeNotice),
        help: "record: fee notice",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('F')],
        label: "F",
        action: Action::Record(EventKind::FeePaid),
        help: "record: fee paid",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('x')],
        label: "x",
        action: Action::Record(EventKind::Extended),
        help: "record: extended",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('r')],
        label: "r",
        action: Action::Record(EventKind::Responded),
        help: "record: responded",
        scope: Scope::Requests,
        footer: true,
    },
    Binding {
        keys: &[C('v')],
        label: "v",
        action: Action::Record(EventKind::ReviewRequested),
        help: "record: internal review requested",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('V')],
        label: "V",
        action: Action::Record(EventKind::ReviewResponded),
        help: "record: review answered",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('i')],
        label: "i",
        action: Action::Record(EventKind::IcoComplaint),
        help: "record: complaint to the ICO",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('W')],
        label: "W",
        action: Action::Record(EventKind::Withdrawn),
        help: "record: withdrawn",
        scope: Scope::Requests,
        footer: false,
    },
    Binding {
        keys: &[C('u')],
        label: "u",
        action: Action::Undo,
        help: "undo your last change",
        scope: Scope::Global,
        footer: true,
    },
    Binding {
        keys: &[C('U')],
        label: "U",
        action: Action::Redo,
        help: "redo",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C(':')],
        label: ":",
        action: Action::CommandLine,
        help: "command: goto ODS, campaign SLUG, quit",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('n')],
        label: "n",
        action: Action::NextCampaign,
        help: "next campaign",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('b')],
        label: "b",
        action: Action::ShowBoard,
        help: "the board of requests",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('m')],
        label: "m",
        action: Action::ShowMatrix,
        help: "the matrix: every body's answers",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('T')],
        label: "T",
        action: Action::ShowCodebook,
        help: "the codebook: tags, counts, findings",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the selected question's answer",
        scope: Scope::Detail,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Left, C('h')],
        label: "←/h",
        action: Action::Left,
        help: "previous question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Right, C('l')],
        label: "→/l",
        action: Action::Right,
        help: "next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('a')],
        label: "a",
        action: Action::SetOutcome(Outcome::Answered),
        help: "outcome: answered, then next question",
        scope: Scope::Answer,
        footer: true,
    },
    Binding {
        keys: &[C('p')],
        label: "p",
        action: Action::SetOutcome(Outcome::Partial),
        help: "outcome: partially answered, then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('r')],
        label: "r",
        action: Action::SetOutcome(Outcome::Refused),
        help: "outcome: refused, then next question",
        scope: Scope::Answer,
        footer: true,
    },
    Binding {
        keys: &[C('n')],
        label: "n",
        action: Action::SetOutcome(Outcome::NotHeld),
        help: "outcome: information not held, then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('N')],
        label: "N",
        action: Action::SetOutcome(Outcome::Ncnd),
        help: "outcome: neither confirm nor deny, then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('e')],
        label: "e",
        action: Action::SetOutcome(Outcome::Elsewhere),
        help: "outcome: accessible elsewhere (s.21), then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('f')],
        label: "f",
        action: Action::SetOutcome(Outcome::FuturePublication),
        help: "outcome: future publication (s.22), then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('c')],
        label: "c",
        action: Action::SetOutcome(Outcome::CostLimit),
        help: "outcome: cost limit (s.12), then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('v')],
        label: "v",
        action: Action::SetOutcome(Outcome::Vexatious),
        help: "outcome: vexatious/repeated (s.14), then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('x')],
        label: "x",
        action: Action::SetOutcome(Outcome::NotAnswered),
        help: "outcome: not answered, then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('C')],
        label: "C",
        action: Action::SetOutcome(Outcome::ClarificationSought),
        help: "outcome: clarification sought, then next question",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('E')],
        label: "E",
        action: Action::PickExemptions,
        help: "exemptions cited",
        scope: Scope::Answer,
        footer: true,
    },
    Binding {
        keys: &[C('t')],
        label: "t",
        action: Action::EditText,
        help: "edit the answer text",
        scope: Scope::Answer,
        footer: true,
    },
    Binding {
        keys: &[C('+')],
        label: "+",
        action: Action::AddFinding,
        help: "add a finding",
        scope: Scope::Answer,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "edit the selected finding",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[C('d'), KeyCode::Delete],
        label: "d",
        action: Action::DeleteFinding,
        help: "delete the selected finding (u undoes)",
        scope: Scope::Answer,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Left, C('h')],
        label: "←/h",
        action: Action::Left,
        help: "previous question",
        scope: Scope::Matrix,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Right, C('l')],
        label: "→/l",
        action: Action::Right,
        help: "next question",
        scope: Scope::Matrix,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the answer",
        scope: Scope::Matrix,
        footer: true,
    },
    Binding {
        keys: &[C('f')],
        label: "f",
        action: Action::RowFilter,
        help: "filter bodies: name, ODS, kind, region",
        scope: Scope::Matrix,
        footer: true,
    },
    Binding {
        keys: &[C('c')],
        label: "c",
        action: Action::CellFilter,
        help: "filter cells: q5 refused s.43, a tag",
        scope: Scope::Matrix,
        footer: true,
    },
    Binding {
        keys: &[C('/')],
        label: "/",
        action: Action::Search,
        help: "search answers, notes and quotes",
        scope: Scope::Browse,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "list the tag's findings / open the answer",
        scope: Scope::Codebook,
        footer: true,
    },
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::SwitchFocus,
        help: "between tags and findings",
        scope: Scope::Codebook,
        footer: false,
    },
    Binding {
        keys: &[C('+')],
        label: "+",
        action: Action::NewTag,
        help: "new tag",
        scope: Scope::Codebook,
        footer: false,
    },
    Binding {
        keys: &[C('R')],
        label: "R",
        action: Action::RenameTag,
        help: "rename the tag",
        scope: Scope::Codebook,
        footer: false,
    },
    Binding {
        keys: &[C('M')],
        label: "M",
        action: Action::MergeTag,
        help: "merge the tag into another",
        scope: Scope::Codebook,
        footer: false,
    },
    Binding {
        keys: &[C('X')],
        label: "X",
        action: Action::RetireTag,
        help: "retire the tag (or bring it back)",
        scope: Scope::Codebook,
        footer: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the answer",
        scope: Scope::Search,
        footer: true,
    },
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
