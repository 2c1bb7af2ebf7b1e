//! The one keymap: dispatch, the footer hints and the `?` help screen all read this table, so
//! help can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::law::EventKind;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen.
    Global,
    /// The board and the table (lists of requests).
    Lists,
    /// The request detail.
    Detail,
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
        scope: Scope::Global,
        footer: true,
    },
    Binding {
        keys: &[C('a')],
        label: "a",
        action: Action::Record(EventKind::Acknowledged),
        help: "record: acknowledged",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('c')],
        label: "c",
        action: Action::Record(EventKind::ClarificationRequested),
        help: "record: clarification requested",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('C')],
        label: "C",
        action: Action::Record(EventKind::Clarified),
        help: "record: clarification sent (clock restarts)",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('f')],
        label: "f",
        action: Action::Record(EventKind::FeeNotice),
        help: "record: fee notice",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('F')],
        label: "F",
        action: Action::Record(EventKind::FeePaid),
        help: "record: fee paid",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('x')],
        label: "x",
        action: Action::Record(EventKind::Extended),
        help: "record: extended",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('r')],
        label: "r",
        action: Action::Record(EventKind::Responded),
        help: "record: responded",
        scope: Scope::Global,
        footer: true,
    },
    Binding {
        keys: &[C('v')],
        label: "v",
        action: Action::Record(EventKind::ReviewRequested),
        help: "record: internal review requested",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('V')],
        label: "V",
        action: Action::Record(EventKind::ReviewResponded),
        help: "record: review answered",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('i')],
        label: "i",
        action: Action::Record(EventKind::IcoComplaint),
        help: "record: complaint to the ICO",
        scope: Scope::Global,
        footer: false,
    },
    Binding {
        keys: &[C('W')],
        label: "W",
        action: Action::Record(EventKind::Withdrawn),
        help: "record: withdrawn",
        scope: Scope::Global,
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
];

fn applies(scope: Scope, in_detail: bool) -> bool {
    match scope {
        Scope::Global => true,
        Scope::Lists => !in_detail,
        Scope::Detail => in_detail,
    }
}

/// The action a key asks for on this screen.
pub fn dispatch(key: KeyEvent, in_detail: bool) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            C('c') => Some(Action::Quit),
            C('r') => Some(Action::Redo),
            _ => None,
        };
    }
    BINDINGS
        .iter()
        .filter(|b| applies(b.scope, in_detail))
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// The bindings that work on this screen, for the footer and help.
pub fn visible(in_detail: bool) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| applies(b.scope, in_detail))
}
