//! The keymap: the global bindings here, each screen's own in its file (`screens/`), and the
//! tables screens share (the lists' keys, the event keys). Dispatch, the footer hints and the
//! `?` help all read these tables, so help can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::screens::{screen, View};
use crate::law::EventKind;
use crate::model::Outcome;

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
    bind(&[C('I')], "I", Action::ShowInbox, "inbox: imported mail, unmatched first", false),
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

/// The board's columns.
#[rustfmt::skip]
pub const COLUMNS: &[Binding] = &[
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous column", false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next column", false),
];

/// The table's order.
#[rustfmt::skip]
pub const SORTING: &[Binding] = &[
    bind(&[C('o')], "o", Action::SortNext, "sort by the next column (body, clock, due...)", false),
    bind(&[C('O')], "O", Action::SortReverse, "reverse the order", false),
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

/// Imported mail.
#[rustfmt::skip]
pub const INBOX: &[Binding] = &[
    bind(&[C('y')], "y", Action::AcceptMail, "record the event the message suggests", true),
    bind(&[C('e')], "e", Action::MailEvent, "record another event from the message", false),
    bind(&[C('x')], "x", Action::DismissMail, "set the suggestion aside", false),
    bind(&[C('a')], "a", Action::AssignMail, "file the message under a request", true),
    bind(&[C('p')], "p", Action::SplitMail, "split the response into answers", true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the message's request", true),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "scroll the message down", false),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "scroll the message up", false),
];

/// A request's detail.
#[rustfmt::skip]
pub const DETAIL: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the selected question's answer", true),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "scroll the request's dates down", false),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "scroll the request's dates up", false),
];

/// One answer: outcome, exemptions, text and findings.
#[rustfmt::skip]
pub const ANSWER: &[Binding] = &[
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous question", false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next question", false),
    bind(&[C('a')], "a", Action::SetOutcome(Outcome::Answered), "outcome: answered, then next question", true),
    bind(&[C('p')], "p", Action::SetOutcome(Outcome::Partial), "outcome: partially answered, then next question", false),
    bind(&[C('r')], "r", Action::SetOutcome(Outcome::Refused), "outcome: refused, then next question", true),
    bind(&[C('n')], "n", Action::SetOutcome(Outcome::NotHeld), "outcome: information not held, then next question", false),
    bind(&[C('N')], "N", Action::SetOutcome(Outcome::Ncnd), "outcome: neither confirm nor deny, then next question", false),
    bind(&[C('e')], "e", Action::SetOutcome(Outcome::Elsewhere), "outcome: accessible elsewhere (s.21), then next question", false),
    bind(&[C('f')], "f", Action::SetOutcome(Outcome::FuturePublication), "outcome: future publication (s.22), then next question", false),
    bind(&[C('c')], "c", Action::SetOutcome(Outcome::CostLimit), "outcome: cost limit (s.12), then next question", false),
    bind(&[C('v')], "v", Action::SetOutcome(Outcome::Vexatious), "outcome: vexatious/repeated (s.14), then next question", false),
    bind(&[C('x')], "x", Action::SetOutcome(Outcome::NotAnswered), "outcome: not answered, then next question", false),
    bind(&[C('C')], "C", Action::SetOutcome(Outcome::ClarificationSought), "outcome: clarification sought, then next question", false),
    bind(&[C('E')], "E", Action::PickExemptions, "exemptions cited", true),
    bind(&[C('t')], "t", Action::EditText, "edit the answer text", true),
    bind(&[C('+')], "+", Action::AddFinding, "add a finding", true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "edit the selected finding", false),
    bind(&[C('d'), KeyCode::Delete], "d", Action::DeleteFinding, "delete the selected finding (u undoes)", false),
];

/// The matrix of every body's answers.
#[rustfmt::skip]
pub const MATRIX: &[Binding] = &[
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous question", false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next question", false),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the answer", true),
    bind(&[C('f')], "f", Action::RowFilter, "filter bodies: name, ODS, kind, region", true),
    bind(&[C('c')], "c", Action::CellFilter, "filter cells: q5 refused s.43, a tag", true),
];

/// The matrix, the codebook and search results: where `/` searches.
#[rustfmt::skip]
pub const BROWSE: &[Binding] = &[
    bind(&[C('/')], "/", Action::Search, "search answers, notes and quotes", true),
];

/// The codebook of tags.
#[rustfmt::skip]
pub const CODEBOOK: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "list the tag's findings / open the answer", true),
    bind(&[KeyCode::Tab], "Tab", Action::SwitchFocus, "between tags and findings", false),
    bind(&[C('+')], "+", Action::NewTag, "new tag", false),
    bind(&[C('R')], "R", Action::RenameTag, "rename the tag", false),
    bind(&[C('M')], "M", Action::MergeTag, "merge the tag into another", false),
    bind(&[C('X')], "X", Action::RetireTag, "retire the tag (or bring it back)", false),
];

/// Search results.
#[rustfmt::skip]
pub const SEARCH: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the answer", true),
];

/// The action a key asks for on `view`: the screen's own bindings first, then the global ones.
pub fn dispatch(key: KeyEvent, view: View) -> Option<Action> {
    screen(view)
        .bindings()
        .iter()
        .flat_map(|t| t.iter())
        .chain(GLOBAL)
        .find(|b| b.matches(&key))
        .map(|b| b.action)
}

/// The bindings that work on `view`, for help: the screen's own first, then the global ones
/// it does not override (so a key is never listed twice with two meanings).
pub fn visible(view: View) -> Vec<&'static Binding> {
    let own: Vec<&'static Binding> = screen(view)
        .bindings()
        .iter()
        .flat_map(|t| t.iter())
        .collect();
    let overridden = |g: &Binding| {
        g.keys
            .iter()
            .all(|k| own.iter().any(|b| b.ctrl == g.ctrl && b.keys.contains(k)))
    };
    let global: Vec<&'static Binding> = GLOBAL.iter().filter(|g| !overridden(g)).collect();
    own.into_iter().chain(global).collect()
}

/// The five most useful keys of `view` for the footer: its own marked ones, then help and quit.
pub fn footer(view: View) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = visible(view)
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

/// The key that sets an outcome in the answer screen.
pub fn outcome_key(o: Outcome) -> Option<&'static str> {
    ANSWER
        .iter()
        .find(|b| b.action == Action::SetOutcome(o))
        .map(|b| b.label)
}
