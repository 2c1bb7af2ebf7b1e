//! The board's state and its one `update`: no terminal here, so every behaviour is testable by
//! sending actions and looking at the state or a rendered test buffer.

use std::collections::HashSet;

use chrono::NaiveDate;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::answer::AnswerPane;
use super::codebook::{CodebookState, SearchState};
use super::matrix::MatrixState;
use super::overlay::Overlay;
pub use super::prompt::PromptKey;
use super::stage::Stage;
use crate::law::EventKind;
use crate::model::{Answer, Campaign, Event, Question};
use crate::store::{RequestSummary, Store};

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Table,
    Detail,
    Answer,
    Matrix,
    Codebook,
    Search,
    /// Charts of the campaign: statuses, outcomes per question, tags, responses per week.
    Stats,
    /// Imported mail: the unmatched first, then suggestions waiting for a decision.
    Inbox,
}

/// A line of text the user is typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    Filter,
    Date(EventKind),
    Command,
    RowFilter,
    CellFilter,
    Search,
    NewTag,
    RenameTag(String),
    MergeTag(String),
    /// A file name to write the campaign to; holds the path already confirmed for replacing.
    Export(Option<std::path::PathBuf>),
    /// The request to file a message under (by the message's id).
    Assign(i64),
}

/// Table columns the user can sort by.
pub const SORTS: [&str; 9] = [
    "body", "ods", "kind", "region", "status", "sent", "due", "answers", "findings",
];

pub struct App {
    pub store: Store,
    pub today: NaiveDate,
    pub campaigns: Vec<Campaign>,
    pub campaign: usize,
    /// Every request of the campaign, by body name.
    pub rows: Vec<RequestSummary>,
    pub view: View,
    /// Back to this view from the detail.
    pub list_view: View,
    /// The selected request, by primary key: survives reloads and filters.
    pub selected: Option<i64>,
    pub column: usize,
    pub filter: String,
    pub prompt: Option<(Prompt, String)>,
    pub marks: HashSet<i64>,
    pub sort: usize,
    pub help: bool,
    pub message: Option<(String, bool)>,
    pub undo: Vec<i64>,
    pub redo: Vec<i64>,
    pub quit: bool,
    pub data_version: i64,
    /// When this board last saw the data change (HH:MM:SS, local).
    pub changed_at: String,
    /// The wall-clock time shown as "updated", injectable so snapshots are deterministic.
    pub time_of_day: fn() -> String,
    /// The open request's timeline and answers, loaded when it opens or reloads (not per frame).
    pub detail: Option<(Vec<Event>, Vec<Answer>)>,
    /// The current campaign's questions.
    pub questions: Vec<Question>,
    /// The question selected in the detail (Enter opens its answer).
    pub detail_question: u32,
    /// The answer open for triage.
    pub answer: Option<AnswerPane>,
    /// The editor or form open over the screen; it takes every key.
    pub overlay: Option<Overlay>,
    pub matrix: MatrixState,
    pub codebook: CodebookState,
    pub search: SearchState,
    /// The campaign's numbers for the statistics screen, loaded while it shows.
    pub stats: Option<crate::report::Report>,
    /// The imported mail, loaded while the inbox shows.
    pub inbox: super::inbox::InboxState,
    /// Unsaved editor text, kept beside the database.
    pub drafts: crate::drafts::Drafts,
    /// The text last kept as a draft, so an unchanged editor is not written again.
    pub kept_draft: Option<String>,
}

impl App {
    pub fn new(store: Store, today: NaiveDate) -> anyhow::Result<App> {
        Self::with_clock(store, today, None)
    }

    /// As [`App::new`], with the "updated" time given by `time_of_day` (tests, screenshots).
    pub fn with_clock(
        store: Store,
        today: NaiveDate,
        time_of_day: Option<fn() -> String>,
    ) -> anyhow::Result<App> {
        let campaigns = store.campaigns()?;
        let store_path = store.path().to_path_buf();
        let mut app = App {
            data_version: store.data_version()?,
            store,
            today,
            campaigns,
            campaign: 0,
            rows: Vec::new(),
            view: View::Board,
            list_view: View::Board,
            selected: None,
            column: 0,
            filter: String::new(),
            prompt: None,
            marks: HashSet::new(),
            sort: 0,
            help: false,
            message: None,
            undo: Vec::new(),
            redo: Vec::new(),
            quit: false,
            changed_at: String::new(),
            detail: None,
            detail_question: 1,
            questions: Vec::new(),
            answer: None,
            overlay: None,
            matrix: MatrixState::default(),
            codebook: CodebookState::default(),
            search: SearchState::default(),
            stats: None,
            inbox: Default::default(),
            drafts: crate::drafts::Drafts::beside(store_path.as_path()),
            kept_draft: None,
            time_of_day: || chrono::Local::now().format("%H:%M:%S").to_string(),
        };
        if let Some(t) = time_of_day {
            app.time_of_day = t;
        }
        // Open on the campaign the group is working on, not the oldest one.
        if let Some(latest) = app.store.latest_campaign()? {
            app.campaign = app
                .campaigns
                .iter()
                .position(|c| c.id == latest)
                .unwrap_or(0);
        }
        app.reload()?;
        let waiting = app.drafts.of(app.store.author()).len();
        if waiting > 0 {
            app.say(
                format!("{waiting} unsaved text(s) kept from last time: D reopens the latest"),
                false,
            );
        }
        Ok(app)
    }

    pub fn current_campaign(&self) -> Option<&Campaign> {
        self.campaigns.get(self.campaign)
    }

    /// Reloads the campaign's requests, keeping the selection by primary key.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        self.campaigns = self.store.campaigns()?;
        if self.campaign >= self.campaigns.len() {
            self.campaign = 0;
        }
        (self.rows, self.questions) = match self.campaigns.get(self.campaign) {
            Some(c) => (
                self.store.summaries(c, self.today)?,
                self.store.questions(c.id)?,
            ),
            None => (Vec::new(), Vec::new()),
        };
        self.data_version = self.store.data_version()?;
        self.changed_at = (self.time_of_day)();
        let ids: HashSet<i64> = self.rows.iter().map(|r| r.request.id).collect();
        self.marks.retain(|m| ids.contains(m));
        if self.selected.is_none_or(|s| !ids.contains(&s)) {
            self.selected = None;
            self.ensure_selection();
        }
        self.load_detail()?;
        self.load_answer()?;
        self.load_browse()?;
        self.load_stats()?;
        self.load_inbox()?;
        Ok(())
    }

    /// Reloads after this board's own write (a connection does not see its own commits in
    /// `data_version`).
    pub fn refresh_rows(&mut self) -> anyhow::Result<()> {
        self.reload()
    }

    /// Puts the change just made by this board on its undo stack: the id the store's write
    /// returned, so `u` takes back this board's own change and never a colleague's.
    pub fn remember_change(&mut self) -> anyhow::Result<()> {
        if let Some(id) = self.store.last_change() {
            if self.undo.last() != Some(&id) {
                self.undo.push(id);
            }
            self.redo.clear();
        }
        Ok(())
    }

    pub(super) fn load_detail(&mut self) -> anyhow::Result<()> {
        self.detail = match (self.view, self.selected) {
            (View::Detail, Some(id)) => Some((self.store.events(id)?, self.store.answers(id)?)),
            _ => None,
        };
        Ok(())
    }

    pub fn say(&mut self, msg: impl Into<String>, error: bool) {
        self.message = Some((msg.into(), error));
    }

    /// One key press, routed: the open window takes it, then the prompt, then the keymap.
    pub fn key(&mut self, k: KeyEvent) {
        if self.overlay.is_some() {
            self.overlay_key(k);
            return;
        }
        if self.prompt.is_some() {
            let key = match k.code {
                KeyCode::Enter => Some(PromptKey::Submit),
                KeyCode::Esc => Some(PromptKey::Cancel),
                KeyCode::Backspace => Some(PromptKey::Backspace),
                KeyCode::Char(c) => Some(PromptKey::Char(c)),
                _ => None,
            };
            if let Some(key) = key {
                self.prompt_key(key);
            }
            return;
        }
        if let Some(a) = super::keymap::dispatch(k, self.view) {
            self.update(a);
        } else if self.help {
            self.help = false;
        }
    }

    /// Applies one action. Errors become a message on screen, never a crash.
    pub fn update(&mut self, action: Action) {
        if let Err(e) = self.apply(action) {
            self.say(crate::text::line(&e.to_string()), true);
        }
        // Whichever way the statistics screen was left, its numbers go with it.
        if self.view != View::Stats {
            self.stats = None;
        }
        if self.view != View::Inbox {
            self.inbox.messages.clear();
        }
    }

    fn apply(&mut self, action: Action) -> anyhow::Result<()> {
        if self.help && !matches!(action, Action::Reload | Action::Quit) {
            self.help = false;
            return Ok(());
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Up => self.move_by(-1)?,
            Action::Down => self.move_by(1)?,
            Action::PageUp => self.move_by(-10)?,
            Action::PageDown => self.move_by(10)?,
            Action::Top => self.move_by(i64::MIN / 2)?,
            Action::Bottom => self.move_by(i64::MAX / 2)?,
            Action::Left | Action::Right if self.view == View::Answer => {
                let q = self.answer.as_ref().map_or(1, |p| p.question);
                let next = if action == Action::Left {
                    q.saturating_sub(1).max(1)
                } else {
                    q + 1
                };
                self.goto_question(next)?;
            }
            Action::Left | Action::Right if self.view == View::Matrix => {
                let n = self.questions_count();
                let q = self.matrix.question;
                self.matrix.question = if action == Action::Left {
                    q.saturating_sub(1).max(1)
                } else {
                    (q + 1).min(n.max(1))
                };
            }
            Action::Left | Action::Right
                if self.list_view == View::Board
                    && matches!(self.view, View::Board | View::Table) =>
            {
                let n = Stage::ALL.len();
                self.column = if action == Action::Left {
                    (self.column + n - 1) % n
                } else {
                    (self.column + 1) % n
                };
                self.selected = None;
                self.ensure_selection();
            }
            Action::Left | Action::Right => {}
            Action::Open => self.open()?,
            Action::Back => {
                if self.view == View::Answer {
                    let from = self.answer.as_ref().map_or(View::Detail, |p| p.from);
                    self.answer = None;
                    self.view = from;
                    self.load_detail()?;
                } else if self.view == View::Detail {
                    self.view = self.list_view;
                } else if matches!(
                    self.view,
                    View::Matrix | View::Codebook | View::Search | View::Stats | View::Inbox
                ) {
                    self.back_from_browse();
                } else if !self.filter.is_empty() {
                    self.filter.clear();
                    self.ensure_selection();
                } else {
                    self.message = None;
                }
            }
            Action::ToggleView => {
                self.list_view = if self.list_view == View::Board {
                    View::Table
                } else {
                    View::Board
                };
                self.view = self.list_view;
                if let (View::Board, Some(r)) = (self.list_view, self.selected_row()) {
                    let stage = Stage::of(r);
                    self.column = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
                }
                self.ensure_selection();
            }
            Action::SortNext => {
                self.sort = (self.sort + 1) % SORTS.len();
                self.say(format!("table sorted by {}", SORTS[self.sort]), false);
            }
            Action::Filter => self.prompt = Some((Prompt::Filter, self.filter.clone())),
            Action::ToggleMark => {
                if let Some(id) = self.selected {
                    if !self.marks.remove(&id) {
                        self.marks.insert(id);
                    }
                    self.step(1);
                }
            }
            Action::ClearMarks => self.marks.clear(),
            Action::Record(kind) => {
                if self.targets().is_empty() {
                    self.say("select a request first", true);
                } else {
                    self.prompt = Some((Prompt::Date(kind), "today".into()));
                }
            }
            // The id leaves its stack only once the store has done it: a refused undo (a
            // colleague built on the change since) stays there to try again later.
            Action::Undo => match self.undo.last().copied() {
                Some(id) => {
                    let s = self.store.undo(id)?;
                    self.undo.pop();
                    self.redo.push(id);
                    self.reload()?;
                    self.say(format!("undone: {s} (U redoes)"), false);
                }
                None => self.say("nothing of yours to undo in this session", false),
            },
            Action::Redo => match self.redo.last().copied() {
                Some(id) => {
                    let s = self.store.redo(id)?;
                    self.redo.pop();
                    self.undo.push(id);
                    self.reload()?;
                    self.say(format!("redone: {s}"), false);
                }
                None => self.say("nothing to redo", false),
            },
            Action::CommandLine => self.prompt = Some((Prompt::Command, String::new())),
            Action::NextCampaign => {
                if !self.campaigns.is_empty() {
                    self.campaign = (self.campaign + 1) % self.campaigns.len();
                    self.marks.clear();
                    self.selected = None;
                    self.reload()?;
                }
            }
            Action::Reload => self.reload()?,
            Action::ShowBoard => {
                self.answer = None;
                self.view = self.list_view;
                self.ensure_selection();
            }
            Action::ShowMatrix => self.show_browse(View::Matrix)?,
            Action::ShowCodebook => self.show_browse(View::Codebook)?,
            Action::ShowStats => self.show_stats()?,
            Action::ShowInbox => self.show_inbox()?,
            Action::ReopenDraft => self.reopen_draft()?,
            Action::AcceptMail => self.accept_mail()?,
            Action::DismissMail => self.dismiss_mail()?,
            Action::AssignMail => self.ask_assign(),
            Action::SplitMail => self.split_mail()?,
            Action::Export => self.ask_export(),
            Action::SetOutcome(o) => self.set_outcome(o)?,
            Action::PickExemptions => self.pick_exemptions(),
            Action::EditText => self.edit_text(),
            Action::AddFinding => self.add_finding(),
            Action::DeleteFinding => self.delete_finding()?,
            Action::RowFilter => {
                self.prompt = Some((Prompt::RowFilter, self.matrix.row_filter.clone()))
            }
            Action::CellFilter => {
                self.prompt = Some((Prompt::CellFilter, self.matrix.cell_filter_text.clone()))
            }
            Action::Search => self.prompt = Some((Prompt::Search, self.search.query.clone())),
            Action::SwitchFocus => self.switch_focus()?,
            Action::NewTag => self.prompt = Some((Prompt::NewTag, String::new())),
            Action::RenameTag => {
                if let Some(t) = self.codebook.selected() {
                    self.prompt = Some((Prompt::RenameTag(t.name.clone()), t.name.clone()));
                }
            }
            Action::MergeTag => {
                if let Some(t) = self.codebook.selected() {
                    self.prompt = Some((Prompt::MergeTag(t.name.clone()), String::new()));
                }
            }
            Action::RetireTag => self.retire_tag()?,
        }
        Ok(())
    }

    /// ↑/↓/PgUp/PgDn/g/G on the current screen.
    fn move_by(&mut self, delta: i64) -> anyhow::Result<()> {
        match self.view {
            View::Detail => {
                let n = self.selected_row().map_or(1, |r| r.questions.max(1)) as i64;
                let q = (self.detail_question as i64 + delta.clamp(-n, n)).clamp(1, n);
                self.detail_question = q as u32;
            }
            View::Answer => {
                if let Some(p) = &mut self.answer {
                    if delta.abs() >= 10 {
                        // Page through the letter.
                        let by = delta.clamp(-10_000, 10_000);
                        p.scroll = (p.scroll as i64 + by).clamp(0, u16::MAX as i64) as u16;
                    } else {
                        let n = p.findings.len() as i64;
                        if n > 0 {
                            p.finding = (p.finding as i64 + delta).clamp(0, n - 1) as usize;
                        }
                    }
                }
            }
            View::Matrix => self.matrix_step(delta),
            View::Codebook => self.codebook.step(delta),
            View::Search => {
                let n = self.search.hits.len() as i64;
                if n > 0 {
                    self.search.cursor =
                        (self.search.cursor as i64 + delta).clamp(0, n - 1) as usize;
                }
            }
            View::Board | View::Table => self.step(delta),
            View::Stats => {}
            View::Inbox => self.inbox.step(delta),
        }
        Ok(())
    }

    /// Enter on the current screen.
    fn open(&mut self) -> anyhow::Result<()> {
        match self.view {
            View::Board | View::Table => {
                if self.selected.is_some() {
                    self.view = View::Detail;
                    self.detail_question = 1;
                    self.load_detail()?;
                }
            }
            View::Detail => {
                if let Some(id) = self.selected {
                    self.open_answer(id, self.detail_question, View::Detail)?;
                }
            }
            View::Answer => self.edit_finding(),
            View::Matrix | View::Codebook | View::Search => self.open_from_browse()?,
            View::Stats => {}
            View::Inbox => self.open_mail_request()?,
        }
        Ok(())
    }

    /// How many questions the current campaign asks.
    pub fn questions_count(&self) -> u32 {
        self.questions.len() as u32
    }
}
