//! The board's state and its one `update`: no terminal here, so every behaviour is testable by
//! sending actions and looking at the state or a rendered test buffer.

use std::collections::HashSet;

use chrono::NaiveDate;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::overlay::Overlay;
pub use super::prompt::PromptKey;
use super::screens::answer::AnswerPane;
use super::screens::codebook::CodebookState;
use super::screens::matrix::MatrixState;
use super::screens::search::SearchState;
use super::stage::Stage;
use crate::law::EventKind;
use crate::model::{Answer, Campaign, Event, Question};
use crate::store::{RequestSummary, Store};

pub use super::screens::View;

/// An open prompt: what it asks for and the line being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptState {
    pub kind: Prompt,
    pub editor: super::widgets::line_editor::LineEditor,
}

impl PromptState {
    pub fn text(&self) -> &str {
        self.editor.text()
    }
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
    /// Which letter to write for the selected or marked requests.
    Letter,
    /// Which event a message records (by the message's id), and on which day.
    MailEvent(i64),
}

/// Table columns the user can sort by.
pub const SORTS: [&str; 10] = [
    "body", "ods", "kind", "region", "status", "sent", "due", "clock", "answers", "findings",
];

pub struct App {
    pub store: Store,
    /// Where this member's own settings are (how they send mail): read when a letter goes.
    pub config_path: Option<std::path::PathBuf>,
    /// Where Ctrl-O writes letters as `.eml` files: the folder the board was started in
    /// when not set.
    pub eml_dir: Option<std::path::PathBuf>,
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
    pub prompt: Option<PromptState>,
    /// What was submitted to the `:` and `/` prompts, oldest first, for ↑/↓.
    pub history: Vec<(Prompt, String)>,
    pub marks: HashSet<i64>,
    pub sort: usize,
    /// The table's order reversed (`O`).
    pub sort_descending: bool,
    pub help: bool,
    /// How far the help is scrolled.
    pub help_scroll: u16,
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
    /// How far the request pane (its dates and rules) is scrolled: PgDn/PgUp.
    pub detail_scroll: u16,
    /// The furthest the request pane can scroll at the size it was last drawn.
    pub detail_scroll_max: std::cell::Cell<u16>,
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
    pub inbox: super::screens::inbox::InboxState,
    /// The open request's correspondence, both ways, newest first (the detail shows it).
    pub correspondence: Vec<crate::store::Message>,
    /// Overdue requests not chased in the last 5 working days (the `to-chase` filter), worked
    /// out when that filter is in use.
    pub to_chase: HashSet<i64>,
    /// Unsaved editor text, kept beside the database.
    pub drafts: crate::files::drafts::Drafts,
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
        let mut store = store;
        // The board reads and matches replies by foiboard's rules, however the store was
        // opened.
        store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
        let campaigns = store.campaigns()?;
        let store_path = store.path().to_path_buf();
        let mut app = App {
            data_version: store.data_version()?,
            config_path: crate::config::LocalConfig::default_path().ok(),
            eml_dir: None,
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
            history: Vec::new(),
            marks: HashSet::new(),
            sort: 0,
            sort_descending: false,
            help: false,
            help_scroll: 0,
            message: None,
            undo: Vec::new(),
            redo: Vec::new(),
            quit: false,
            changed_at: String::new(),
            detail: None,
            detail_question: 1,
            detail_scroll: 0,
            detail_scroll_max: std::cell::Cell::new(0),
            questions: Vec::new(),
            answer: None,
            overlay: None,
            matrix: MatrixState::default(),
            codebook: CodebookState::default(),
            search: SearchState::default(),
            stats: None,
            inbox: Default::default(),
            correspondence: Vec::new(),
            to_chase: HashSet::new(),
            drafts: crate::files::drafts::Drafts::beside(store_path.as_path()),
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
        if self.filter.contains("to-chase") {
            self.load_to_chase()?;
        }
        super::screens::screen(self.view).load(self)?;
        Ok(())
    }

    /// Whether the database changed since the last load: another process committed, or the
    /// file was replaced on disk (a backup copied over it), when the board reopens it and
    /// says so rather than show what is no longer there.
    pub fn store_changed(&mut self) -> anyhow::Result<bool> {
        if self.store.replaced_on_disk() {
            let author = self.store.author().to_string();
            let mut store = Store::open(self.store.path())?;
            store.set_author(&author);
            store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
            self.store = store;
            self.say(
                "the database file was replaced by another program (a backup copied over it?): reopened, showing what it holds now. Restore backups with `foiboard restore`",
                true,
            );
            return Ok(true);
        }
        Ok(self.store.data_version()? != self.data_version)
    }

    /// Shows `view`, loading what it shows; the message of the screen left goes with it.
    pub fn enter(&mut self, view: View) -> anyhow::Result<()> {
        if view != self.view {
            self.message = None;
            // A request opens at its top.
            self.detail_scroll = 0;
        }
        self.view = view;
        if matches!(view, View::Board | View::Table) {
            self.list_view = view;
            self.ensure_selection();
        }
        super::screens::screen(view).load(self)
    }

    /// Opens the prompt `prompt`, its text prefilled (and selected, so typing replaces it).
    /// A message left from before goes: what shows under a prompt is about that prompt.
    pub fn ask(&mut self, prompt: Prompt, text: String) {
        self.message = None;
        self.prompt = Some(PromptState {
            kind: prompt,
            editor: super::widgets::line_editor::LineEditor::new(&text),
        });
    }

    /// Tab on the board or the table: the other one, on the same request.
    pub fn toggle_list_view(&mut self) {
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

    /// Reloads after this board's own write (a connection does not see its own commits in
    /// `data_version`).
    pub fn refresh_rows(&mut self) -> anyhow::Result<()> {
        self.reload()
    }

    /// The one write sequence of the board: do `write` on the store, put the change it made on
    /// this board's undo stack, reload what shows. The caller says what happened.
    pub fn commit<T>(
        &mut self,
        write: impl FnOnce(&mut Store, NaiveDate) -> Result<T, crate::store::StoreError>,
    ) -> anyhow::Result<T> {
        let out = write(&mut self.store, self.today)?;
        self.remember_change()?;
        self.reload()?;
        Ok(out)
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
        self.correspondence = match (self.view, self.selected) {
            (View::Detail, Some(id)) => self.store.messages(&crate::store::MessageFilter {
                request_id: Some(id),
                ..Default::default()
            })?,
            _ => Vec::new(),
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
            use super::widgets::line_editor::EditKey;
            use ratatui::crossterm::event::KeyModifiers;
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let key = match k.code {
                KeyCode::Enter => Some(PromptKey::Submit),
                KeyCode::Esc => Some(PromptKey::Cancel),
                KeyCode::Char('c') if ctrl => Some(PromptKey::Cancel),
                KeyCode::Char('a') if ctrl => Some(PromptKey::Edit(EditKey::Home)),
                KeyCode::Char('e') if ctrl => Some(PromptKey::Edit(EditKey::End)),
                KeyCode::Char('u') if ctrl => Some(PromptKey::Edit(EditKey::KillToStart)),
                KeyCode::Char('w') if ctrl => Some(PromptKey::Edit(EditKey::KillWord)),
                _ if ctrl => None,
                KeyCode::Backspace => Some(PromptKey::Backspace),
                KeyCode::Delete => Some(PromptKey::Edit(EditKey::Delete)),
                KeyCode::Left => Some(PromptKey::Edit(EditKey::Left)),
                KeyCode::Right => Some(PromptKey::Edit(EditKey::Right)),
                KeyCode::Home => Some(PromptKey::Edit(EditKey::Home)),
                KeyCode::End => Some(PromptKey::Edit(EditKey::End)),
                KeyCode::Up => Some(PromptKey::Edit(EditKey::Older)),
                KeyCode::Down => Some(PromptKey::Edit(EditKey::Newer)),
                KeyCode::Char(c) => Some(PromptKey::Char(c)),
                KeyCode::Tab => Some(PromptKey::Complete),
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
        // Help scrolls with the movement keys; any other key closes it.
        if self.help {
            match super::screens::movement(action) {
                Some(d) => {
                    let by = d.clamp(-1000, 1000);
                    self.help_scroll = (self.help_scroll as i64 + by).clamp(0, 1000) as u16;
                    return Ok(());
                }
                None if action == Action::Reload => {}
                None => {
                    self.help = false;
                    return Ok(());
                }
            }
        }
        // The screen showing handles what is its own; the rest is the board's.
        if super::screens::screen(self.view).on_action(self, action)? {
            return Ok(());
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Letter => self.ask_letter(),
            Action::Record(kind) => {
                if self.targets().is_empty() {
                    self.say("select a request first", true);
                } else {
                    self.ask(Prompt::Date(kind), "today".into());
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
            Action::CommandLine => self.ask(Prompt::Command, String::new()),
            Action::NextCampaign if !self.campaigns.is_empty() => {
                self.campaign = (self.campaign + 1) % self.campaigns.len();
                self.marks.clear();
                self.selected = None;
                self.reload()?;
            }
            Action::Reload => self.reload()?,
            Action::ShowBoard => {
                self.answer = None;
                self.enter(self.list_view)?;
            }
            Action::ShowMatrix => self.show_browse(View::Matrix)?,
            Action::ShowCodebook => self.show_browse(View::Codebook)?,
            Action::ShowStats => self.show_stats()?,
            Action::ShowInbox => self.show_inbox()?,
            Action::ReopenDraft => self.reopen_draft()?,
            Action::Export => self.ask_export(),
            // Keys a screen did not take: nothing to do here.
            _ => {}
        }
        Ok(())
    }

    /// How many questions the current campaign asks.
    pub fn questions_count(&self) -> u32 {
        self.questions.len() as u32
    }
}
