//! The board's state and its one `update`: no terminal here, so every behaviour is testable by
//! sending actions and looking at the state or a rendered test buffer.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::action::Action;
use super::stage::Stage;
use crate::dates::parse_date;
use crate::law::EventKind;
use crate::model::{Answer, Campaign, Event, NewEvent};
use crate::store::{RequestRef, RequestSummary, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Table,
    Detail,
}

/// A line of text the user is typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    Filter,
    Date(EventKind),
    Command,
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
            time_of_day: || chrono::Local::now().format("%H:%M:%S").to_string(),
        };
        if let Some(t) = time_of_day {
            app.time_of_day = t;
        }
        app.reload()?;
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
        self.rows = match self.campaigns.get(self.campaign) {
            Some(c) => self.store.summaries(c, self.today)?,
            None => Vec::new(),
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
        Ok(())
    }

    fn load_detail(&mut self) -> anyhow::Result<()> {
        self.detail = match (self.view, self.selected) {
            (View::Detail, Some(id)) => Some((self.store.events(id)?, self.store.answers(id)?)),
            _ => None,
        };
        Ok(())
    }

    /// The requests that pass the filter, in the table's sort order.
    pub fn visible(&self) -> Vec<&RequestSummary> {
        let f = self.filter.to_lowercase();
        let mut v: Vec<&RequestSummary> = self
            .rows
            .iter()
            .filter(|r| {
                f.is_empty()
                    || f.split_whitespace().all(|w| {
                        let b = &r.request.body;
                        b.name.to_lowercase().contains(w)
                            || b.ods_code.to_lowercase() == w
                            || b.kind.to_lowercase().contains(w)
                            || b.region.to_lowercase().contains(w)
                            || r.status.as_str().contains(w)
                    })
            })
            .collect();
        match SORTS[self.sort % SORTS.len()] {
            "kind" => v.sort_by(|a, b| a.request.body.kind.cmp(&b.request.body.kind)),
            "region" => v.sort_by(|a, b| a.request.body.region.cmp(&b.request.body.region)),
            "status" => v.sort_by_key(|r| r.status),
            "due" => v.sort_by_key(|r| (r.working_days_left.is_none(), r.working_days_left)),
            "answers" => v.sort_by_key(|r| std::cmp::Reverse(r.answers)),
            "findings" => v.sort_by_key(|r| std::cmp::Reverse(r.findings)),
            "ods" => v.sort_by(|a, b| a.request.body.ods_code.cmp(&b.request.body.ods_code)),
            "sent" => v.sort_by_key(|r| (r.report.received.is_none(), r.report.received)),
            _ => {}
        }
        v
    }

    /// The visible requests split into the board's columns, most urgent first in each: one
    /// pass over the rows, done once per frame by the board.
    pub fn columns(&self) -> Vec<Vec<&RequestSummary>> {
        let mut cols: Vec<Vec<&RequestSummary>> = Stage::ALL.iter().map(|_| Vec::new()).collect();
        for r in self.visible() {
            let i = Stage::ALL
                .iter()
                .position(|s| *s == Stage::of(r))
                .unwrap_or(0);
            cols[i].push(r);
        }
        for c in &mut cols {
            c.sort_by(|a, b| {
                let key = |r: &RequestSummary| r.working_days_left.unwrap_or(i64::MAX);
                key(a)
                    .cmp(&key(b))
                    .then_with(|| a.request.body.name.cmp(&b.request.body.name))
            });
        }
        cols
    }

    /// The visible requests of one board column.
    pub fn column_rows(&self, stage: Stage) -> Vec<&RequestSummary> {
        let i = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.columns().swap_remove(i)
    }

    /// The list the cursor moves in: the current column on the board, every row in the table.
    fn cursor_list(&self) -> Vec<i64> {
        match self.list_view {
            View::Board => self
                .column_rows(Stage::ALL[self.column])
                .iter()
                .map(|r| r.request.id)
                .collect(),
            _ => self.visible().iter().map(|r| r.request.id).collect(),
        }
    }

    fn ensure_selection(&mut self) {
        let list = self.cursor_list();
        if self.selected.is_none_or(|s| !list.contains(&s)) {
            self.selected = list.first().copied();
        }
    }

    pub fn selected_row(&self) -> Option<&RequestSummary> {
        let id = self.selected?;
        self.rows.iter().find(|r| r.request.id == id)
    }

    fn step(&mut self, delta: i64) {
        let list = self.cursor_list();
        if list.is_empty() {
            return;
        }
        let pos = self
            .selected
            .and_then(|s| list.iter().position(|x| *x == s))
            .unwrap_or(0) as i64;
        let next = (pos + delta).clamp(0, list.len() as i64 - 1) as usize;
        self.selected = Some(list[next]);
    }

    fn targets(&self) -> Vec<RequestRef> {
        let ids: Vec<i64> = if self.marks.is_empty() {
            self.selected.into_iter().collect()
        } else {
            self.marks.iter().copied().collect()
        };
        self.rows
            .iter()
            .filter(|r| ids.contains(&r.request.id))
            .map(|r| r.request.clone())
            .collect()
    }

    fn say(&mut self, msg: impl Into<String>, error: bool) {
        self.message = Some((msg.into(), error));
    }

    /// Applies one action. Errors become a message on screen, never a crash.
    pub fn update(&mut self, action: Action) {
        if let Err(e) = self.apply(action) {
            self.say(crate::text::line(&e.to_string()), true);
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
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.step(i64::MIN / 2),
            Action::Bottom => self.step(i64::MAX / 2),
            Action::Left | Action::Right
                if self.list_view == View::Board && self.view != View::Detail =>
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
            Action::Open => {
                if self.selected.is_some() {
                    self.view = View::Detail;
                    self.load_detail()?;
                }
            }
            Action::Back => {
                if self.view == View::Detail {
                    self.view = self.list_view;
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
            Action::Undo => match self.undo.pop() {
                Some(id) => {
                    let s = self.store.undo(id)?;
                    self.redo.push(id);
                    self.reload()?;
                    self.say(format!("undone: {s} (U redoes)"), false);
                }
                None => self.say("nothing of yours to undo in this session", false),
            },
            Action::Redo => match self.redo.pop() {
                Some(id) => {
                    let s = self.store.redo(id)?;
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
        }
        Ok(())
    }

    /// Typing into the open prompt: a character, Backspace, Enter (submit) or Esc (cancel).
    pub fn prompt_key(&mut self, key: PromptKey) {
        let Some((kind, mut text)) = self.prompt.take() else {
            return;
        };
        match key {
            PromptKey::Char(c) => {
                if text == "today" && matches!(kind, Prompt::Date(_)) {
                    text.clear();
                }
                text.push(c);
            }
            PromptKey::Backspace => {
                text.pop();
            }
            PromptKey::Cancel => {
                if kind == Prompt::Filter {
                    self.filter.clear();
                    self.ensure_selection();
                }
                return;
            }
            PromptKey::Submit => {
                if let Err(e) = self.submit(&kind, &text) {
                    self.say(crate::text::line(&e.to_string()), true);
                    if matches!(kind, Prompt::Date(_)) {
                        self.prompt = Some((kind, text));
                    }
                }
                return;
            }
        }
        if kind == Prompt::Filter {
            self.filter = text.clone();
            self.ensure_selection();
        }
        self.prompt = Some((kind, text));
    }

    fn submit(&mut self, kind: &Prompt, text: &str) -> anyhow::Result<()> {
        match kind {
            Prompt::Filter => {
                self.filter = text.to_string();
                self.ensure_selection();
            }
            Prompt::Date(ev) => {
                let on = parse_date(text, self.today)?;
                let targets = self.targets();
                let n = self
                    .store
                    .record_event(&targets, &NewEvent::new(*ev, on), self.today)?;
                if let Some(id) = self.store.last_undoable()? {
                    self.undo.push(id);
                    self.redo.clear();
                }
                self.marks.clear();
                self.reload()?;
                self.say(
                    format!("recorded '{ev}' on {on} for {n} request(s) (u undoes)"),
                    false,
                );
            }
            Prompt::Command => self.command(text.trim())?,
        }
        Ok(())
    }

    fn command(&mut self, line: &str) -> anyhow::Result<()> {
        let (cmd, arg) = line
            .split_once(' ')
            .map_or((line, ""), |(c, a)| (c, a.trim()));
        match cmd {
            "goto" | "g" => {
                let found = self
                    .rows
                    .iter()
                    .find(|r| r.request.body.ods_code.eq_ignore_ascii_case(arg))
                    .map(|r| r.request.id);
                match found {
                    Some(id) => {
                        self.filter.clear();
                        self.selected = Some(id);
                        self.view = View::Detail;
                        self.load_detail()?;
                    }
                    None => self.say(
                        format!("no request for ODS code '{arg}' in this campaign"),
                        true,
                    ),
                }
            }
            "campaign" | "c" => match self.campaigns.iter().position(|c| c.slug == arg) {
                Some(i) => {
                    self.campaign = i;
                    self.selected = None;
                    self.marks.clear();
                    self.reload()?;
                }
                None => self.say(format!("no campaign '{arg}'"), true),
            },
            "q" | "quit" => self.quit = true,
            "" => {}
            other => self.say(
                format!("unknown command '{other}': try goto ODS, campaign SLUG or quit"),
                true,
            ),
        }
        Ok(())
    }
}

/// A key as a prompt sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Char(char),
    Backspace,
    Submit,
    Cancel,
}
