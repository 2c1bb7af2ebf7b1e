//! The keymap: the global bindings here, each screen's own in its file (`screens/`), and the
//! tables several screens share (the lists' keys, the event keys, search). Dispatch, the
//! footer hints and the `?` help all read these tables, so help can never disagree with what
//! the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::law::EventKind;

pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer (the few a newcomer needs first), in table order.
    pub footer: bool,
    /// Pressed with Ctrl.
    pub ctrl: bool,
}

use KeyCode::Char as C;

/// One row of a table: keys, their label, the action, the help words, and whether the footer
/// shows it.
pub const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        footer,
        ctrl: false,
    }
}

/// A Ctrl binding.
const fn ctrl(key: char, label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding {
        keys: &[],
        label,
        action,
        help,
        footer: false,
        ctrl: true,
    }
    .with_key(key)
}

impl Binding {
    const fn with_key(mut self, key: char) -> Binding {
        self.keys = match key {
            'c' => &[C('c')],
            'r' => &[C('r')],
            _ => &[],
        };
        self
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        key.modifiers.contains(KeyModifiers::CONTROL) == self.ctrl && self.keys.contains(&key.code)
    }
}

/// Every screen: what a screen binds itself wins.
#[rustfmt::skip]
pub const GLOBAL: &[Binding] = &[
    bind(&[C('q')], "q", Action::Quit, "quit", true),
    bind(&[C('?')], "?", Action::Help, "help: every key", true),
    bind(&[KeyCode::Up, C('k')], "↑/k", Action::Up, "move up", false),
    bind(&[KeyCode::Down, C('j')], "↓/j", Action::Down, "move down", false),
    bind(&[C('g'), KeyCode::Home], "g", Action::Top, "first", false),
    bind(&[C('G'), KeyCode::End], "G", Action::Bottom, "last", false),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "page up", false),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "page down", false),
    bind(&[KeyCode::Esc], "Esc", Action::Back, "back / clear the filter", true),
    bind(&[C('u')], "u", Action::Undo, "undo your last change", true),
    bind(&[C('U')], "U", Action::Redo, "redo", false),
    bind(&[C(':')], ":", Action::CommandLine, "command: goto ODS, campaign SLUG, quit", false),
    bind(&[C('n')], "n", Action::NextCampaign, "next campaign", false),
    bind(&[C('b')], "b", Action::ShowBoard, "the board of requests", false),
    bind(&[C('m')], "m", Action::ShowMatrix, "the matrix: every body's answers", false),
    bind(&[C('T')], "T", Action::ShowCodebook, "the codebook: tags, counts, findings", false),
    bind(&[C('D')], "D", Action::ReopenDraft, "reopen an unsaved text kept from last time", false),
    bind(&[C('A')], "A", Action::Triage, "triage: every answer waiting, body by body, question by question", false),
    bind(&[C('I')], "I", Action::ShowInbox, "inbox: imported mail, unmatched first", false),
    bind(&[C('R')], "R", Action::FetchMail, "fetch the group's mailbox (Esc stops)", false),
    bind(&[C('S')], "S", Action::ShowStats, "statistics: charts of the campaign", false),
    bind(&[C('w')], "w", Action::Export, "write to a file: report .md/.html, .csv, .json, .ics", false),
    ctrl('c', "Ctrl-C", Action::Quit, "quit (in a prompt: cancel it)"),
    ctrl('r', "Ctrl-R", Action::Redo, "redo"),
];

/// The board and the table: the lists of requests.
#[rustfmt::skip]
pub const LISTS: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the request", true),
    bind(&[KeyCode::Tab], "Tab", Action::ToggleView, "board / table", true),
    bind(&[C('/')], "/", Action::Filter, "filter: name, ODS, kind, region, status", true),
    bind(&[C(' ')], "Space", Action::ToggleMark, "mark for a bulk event", true),
    bind(&[C('*')], "*", Action::MarkShown, "mark all the filter shows (again: unmark)", false),
    bind(&[C('M')], "M", Action::ClearMarks, "clear all marks", false),
];

/// The board, the table and a request's detail: recording events.
#[rustfmt::skip]
pub const REQUESTS: &[Binding] = &[
    bind(&[C('s')], "s", Action::Record(EventKind::Sent), "record: sent", true),
    bind(&[C('a')], "a", Action::Record(EventKind::Acknowledged), "record: acknowledged", false),
    bind(&[C('c')], "c", Action::Record(EventKind::ClarificationRequested), "record: clarification requested", false),
    bind(&[C('C')], "C", Action::Record(EventKind::Clarified), "record: clarification sent (clock restarts)", false),
    bind(&[C('f')], "f", Action::Record(EventKind::FeeNotice), "record: fee notice", false),
    bind(&[C('F')], "F", Action::Record(EventKind::FeePaid), "record: fee paid", false),
    bind(&[C('x')], "x", Action::Record(EventKind::Extended), "record: extended", false),
    bind(&[C('r')], "r", Action::Record(EventKind::Responded), "record: responded", true),
    bind(&[C('v')], "v", Action::Record(EventKind::ReviewRequested), "record: internal review requested", false),
    bind(&[C('V')], "V", Action::Record(EventKind::ReviewResponded), "record: review answered", false),
    bind(&[C('i')], "i", Action::Record(EventKind::IcoComplaint), "record: complaint to the ICO", false),
    bind(&[C('W')], "W", Action::Record(EventKind::Withdrawn), "record: withdrawn", false),
    bind(&[C('L')], "L", Action::Letter, "letter: write, adjust and send (request, chase, review, complaint)", false),
];

/// The matrix, the codebook and search results: where `/` searches.
#[rustfmt::skip]
pub const BROWSE: &[Binding] = &[
    bind(&[C('/')], "/", Action::Search, "search answers, notes and quotes", true),
];

/// The action a key asks for on a screen with the bindings `own`: its own first, then the
/// global ones.
pub fn dispatch(key: KeyEvent, own: &[&'static [Binding]]) -> Option<Action> {
    own.iter()
        .flat_map(|t| t.iter())
        .chain(GLOBAL)
        .find(|b| b.matches(&key))
        .map(|b| b.action)
}

/// The bindings that work on a screen with the bindings `own`, for help: its own first, then
/// the global ones it does not override (so a key is never listed twice with two meanings).
pub fn visible(own: &[&'static [Binding]]) -> Vec<&'static Binding> {
    let own: Vec<&'static Binding> = own.iter().flat_map(|t| t.iter()).collect();
    let overridden = |g: &Binding| {
        g.keys
            .iter()
            .all(|k| own.iter().any(|b| b.ctrl == g.ctrl && b.keys.contains(k)))
    };
    let global: Vec<&'static Binding> = GLOBAL.iter().filter(|g| !overridden(g)).collect();
    own.into_iter().chain(global).collect()
}

/// The five most useful keys of a screen for the footer: its own marked ones, then help and
/// quit.
pub fn footer(own: &[&'static [Binding]]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = visible(own)
        .into_iter()
        .filter(|b| b.footer && !b.ctrl && b.action != Action::Help && b.action != Action::Quit)
        .take(5)
        .collect();
    out.extend(
        GLOBAL
            .iter()
            .filter(|b| matches!(b.action, Action::Help | Action::Quit) && !b.ctrl),
    );
    out
}
