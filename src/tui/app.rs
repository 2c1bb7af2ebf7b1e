//! The board as a whole: the shared state, the screens, and what is open over them (a prompt,
//! a window, the help). It routes each key to whichever of those takes it and carries out
//! what the screens ask for ([`Effect`]); what a screen does is in its own file. No terminal
//! here, so every behaviour is testable by sending keys and actions and looking at the state
//! or a rendered test buffer.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::commands;
use super::effect::{Effect, View};
use super::export;
use super::global;
use super::keymap;
pub use super::prompt::PromptKey;
use super::prompt::{Prompt, PromptState};
use super::screen::{movement, Screen};
use super::screens::Screens;
use super::shared::{Shared, UserMessage};
use super::windows::editor;
use super::windows::Window;
use crate::store::Store;

pub struct App {
    /// What every screen shares: the store, the campaign, its requests, the selection.
    pub sh: Shared,
    pub screens: Screens,
    /// The screen showing.
    pub view: View,
    /// The board or the table, whichever was shown last: where Esc goes back to.
    pub list_view: View,
    pub prompt: Option<PromptState>,
    /// What was submitted to prompts that keep a history, oldest first, for ↑/↓.
    pub history: Vec<(Prompt, String)>,
    /// The window open over the screen; it takes every key.
    pub window: Option<Window>,
    pub help: bool,
    /// How far the help is scrolled.
    pub help_scroll: u16,
    pub quit: bool,
    /// The group's mailbox: a fetch running beside the board, the mail waiting.
    pub mail: super::fetching::MailFetch,
    /// How many things had been said when the current key arrived: a message said while
    /// handling it is about what it opens, and stays.
    said_before: u64,
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
        let sh = Shared::open(store, today, time_of_day)?;
        let mut app = App {
            sh,
            screens: Screens::default(),
            view: View::Board,
            list_view: View::Board,
            prompt: None,
            history: Vec::new(),
            window: None,
            help: false,
            help_scroll: 0,
            quit: false,
            mail: Default::default(),
            said_before: 0,
        };
        app.screens.board.enter(&mut app.sh)?;
        app.sh.stale = false;
        let waiting = app.sh.drafts.of(app.sh.store.author()).len();
        if waiting > 0 {
            app.sh.say(
                format!("{waiting} unsaved text(s) kept from last time: D reopens the latest"),
                false,
            );
        }
        Ok(app)
    }

    /// The screen showing.
    pub fn screen(&self) -> &dyn super::screen::Screen {
        self.screens.get(self.view)
    }

    /// One key press, routed: the open window takes it, then the prompt, then the keymap of
    /// the screen showing (its own bindings, then the global ones).
    pub fn key(&mut self, k: KeyEvent) {
        self.said_before = self.sh.said;
        if let Some(w) = self.window.take() {
            self.window = w.key(&mut self.sh, k);
            self.settle();
            return;
        }
        if self.prompt.is_some() {
            if let Some(key) = PromptKey::of(k) {
                self.prompt_key(key);
            }
            return;
        }
        // Esc while the mailbox is fetched stops the fetch, not the screen.
        if k.code == ratatui::crossterm::event::KeyCode::Esc && self.mail.stop() {
            self.sh.say(
                "stopping the fetch after the messages being stored; what came in stays",
                false,
            );
            return;
        }
        let own = self.screen().bindings();
        if let Some(a) = keymap::dispatch(k, own) {
            self.update(a);
        } else if self.help {
            self.help = false;
        }
    }

    /// Applies one action. Errors become a message on screen, never a crash.
    pub fn update(&mut self, action: Action) {
        self.said_before = self.sh.said;
        if let Err(e) = self.apply(action) {
            self.sh.say(crate::text::line(&e.to_string()), true);
        }
        self.settle();
    }

    /// After a step: if the campaign was read again (this board's change, a colleague's, an
    /// undo), the screen showing reads what it shows again.
    fn settle(&mut self) {
        if self.sh.stale {
            self.sh.stale = false;
            if let Err(e) = self.screens.get_mut(self.view).load(&mut self.sh) {
                self.sh.say(crate::text::line(&e.to_string()), true);
            }
        }
    }

    fn apply(&mut self, action: Action) -> anyhow::Result<()> {
        // Help scrolls with the movement keys; any other key closes it.
        if self.help {
            match movement(action) {
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
        // The screen showing handles what is its own; the rest is the same everywhere.
        let effect = match self
            .screens
            .get_mut(self.view)
            .on_action(&mut self.sh, action)?
        {
            Effect::Pass => self.global(action)?,
            effect => effect,
        };
        self.effect(effect)
    }

    /// What an action means on every screen.
    fn global(&mut self, action: Action) -> anyhow::Result<Effect> {
        let sh = &mut self.sh;
        Ok(match action {
            Action::Quit => Effect::Quit,
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
                Effect::Done
            }
            Action::Letter => global::ask_letter(sh),
            Action::Record(kind) => global::ask_date(sh, kind),
            Action::Undo => {
                global::undo(sh)?;
                Effect::Done
            }
            Action::Redo => {
                global::redo(sh)?;
                Effect::Done
            }
            Action::CommandLine => Effect::Ask(Prompt::Command, String::new()),
            Action::NextCampaign => {
                global::next_campaign(sh)?;
                Effect::Done
            }
            Action::Reload => {
                sh.reload()?;
                Effect::Done
            }
            Action::ShowBoard => Effect::Lists,
            Action::ShowMatrix => Effect::Enter(View::Matrix),
            Action::ShowCodebook => Effect::Enter(View::Codebook),
            Action::ShowStats => Effect::Enter(View::Stats),
            Action::ShowInbox => Effect::Enter(View::Inbox),
            Action::Search => self.screens.search.ask(),
            Action::Triage => {
                let waiting = match sh.current_campaign() {
                    Some(c) => sh.store.waiting(c.id)?,
                    None => Vec::new(),
                };
                match waiting.first() {
                    Some(&(request, question)) => {
                        let n = waiting.len();
                        sh.say(
                            format!("{n} answer(s) waiting: y accepts a proposal, an outcome key decides, Esc leaves the queue"),
                            false,
                        );
                        Effect::OpenAnswer {
                            request,
                            question,
                            from: self.list_view,
                            queue: true,
                        }
                    }
                    None => {
                        sh.say("nothing waiting: every answer recorded is decided (`foiboard answer suggest CAMPAIGN/all` reads the replies)", false);
                        Effect::Done
                    }
                }
            }
            Action::ReopenDraft => {
                let e = editor::reopen_draft(sh)?;
                self.effect(Effect::OpenAnswer {
                    request: e.request_id,
                    question: e.question,
                    from: View::Detail,
                    queue: false,
                })?;
                Effect::Open(Window::Editor(Box::new(e)))
            }
            Action::Export => export::ask(sh),
            Action::FetchMail => Effect::FetchMail,
            // Keys no screen took and nothing global means: nothing to do.
            _ => Effect::Done,
        })
    }

    /// Carries out what a screen (or the app's own handling) asked for.
    fn effect(&mut self, effect: Effect) -> anyhow::Result<()> {
        match effect {
            Effect::Pass | Effect::Done => {}
            Effect::Enter(view) => self.enter(view)?,
            Effect::Lists => self.enter(self.list_view)?,
            Effect::OpenRequest { request, question } => {
                self.sh.selected = Some(request);
                self.screens.detail.focus(question);
                self.enter(View::Detail)?;
            }
            Effect::OpenAnswer {
                request,
                question,
                from,
                queue,
            } => {
                if self.sh.current_campaign().is_some() {
                    self.sh.selected = Some(request);
                    self.screens
                        .answer
                        .open(&self.sh, request, question, from, queue)?;
                    self.enter(View::Answer)?;
                }
            }
            Effect::Ask(prompt, text) => self.ask(prompt, &text),
            Effect::Open(window) => self.window = Some(window),
            Effect::HelpCommands => {
                self.help = true;
                let (_, at) = super::help::lines(self.screen());
                self.help_scroll = u16::try_from(at).unwrap_or(0);
            }
            Effect::FetchMail => self.mail.start(&mut self.sh)?,
            Effect::Quit => self.quit = true,
        }
        Ok(())
    }

    /// What a fetch running beside the board said since the last check, shown (the screen
    /// reads its campaign again when mail came in). Whether the screen changed.
    pub fn mail_tick(&mut self) -> bool {
        let changed = self.mail.tick(&mut self.sh);
        self.settle();
        changed
    }

    /// Shows `view`: the screen left lets go of what it loaded only to show, the one shown
    /// reads what it shows. A message left from before goes with the screen it was about.
    pub fn enter(&mut self, view: View) -> anyhow::Result<()> {
        if view != self.view {
            if self.sh.said == self.said_before {
                self.sh.message = None;
            }
            self.screens.get_mut(self.view).leave();
        }
        self.view = view;
        if matches!(view, View::Board | View::Table) {
            self.list_view = view;
        }
        self.sh.stale = false;
        self.screens.get_mut(view).enter(&mut self.sh)
    }

    /// Opens question `question` of request `request` for triage, as Enter on it does.
    pub fn open_answer(&mut self, request: i64, question: u32, from: View) -> anyhow::Result<()> {
        self.said_before = self.sh.said;
        self.effect(Effect::OpenAnswer {
            request,
            question,
            from,
            queue: false,
        })
    }

    /// Opens the prompt `prompt`, its text prefilled (and selected, so typing replaces it). A
    /// message left from before goes: what shows under a prompt is about that prompt.
    pub fn ask(&mut self, prompt: Prompt, text: &str) {
        if self.sh.said == self.said_before {
            self.sh.message = None;
        }
        self.prompt = Some(PromptState::new(prompt, text));
    }

    /// Reads the campaign again (a colleague's change, the date rolled over), and the screen
    /// showing with it.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        self.sh.reload()?;
        self.settle();
        Ok(())
    }

    /// The screen a prompt's text goes to: `None` for the prompts every screen has.
    fn prompt_owner(&self, kind: &Prompt) -> Option<View> {
        match kind {
            Prompt::Command | Prompt::Date(_) | Prompt::Letter | Prompt::Export(_) => None,
            Prompt::Search => Some(View::Search),
            _ => Some(self.view),
        }
    }

    /// Typing into the open prompt: a character, an editing key, Enter (submit) or Esc
    /// (cancel).
    pub fn prompt_key(&mut self, key: PromptKey) {
        self.said_before = self.sh.said;
        let Some(mut state) = self.prompt.take() else {
            return;
        };
        let kind = state.kind.clone();
        let owner = self.prompt_owner(&kind);
        match key {
            PromptKey::Cancel => {
                if let Some(v) = owner {
                    self.screens.get_mut(v).on_typing(&mut self.sh, &kind, "");
                }
                self.sh.message = None;
            }
            PromptKey::Submit => {
                let text = state.text().to_string();
                if kind.keeps_history() && !text.trim().is_empty() {
                    self.history.retain(|(k, t)| !(k == &kind && t == &text));
                    self.history.push((kind.clone(), text.clone()));
                }
                self.sh.message = None;
                self.said_before = self.sh.said;
                let done = self
                    .submit(&kind, owner, &text)
                    .and_then(|effect| self.effect(effect));
                if let Err(e) = done {
                    self.sh.say(crate::text::line(&e.to_string()), true);
                    // What was typed stays open when editing it can fix the mistake (a date
                    // foiboard cannot read, an unknown word); a refusal of what was asked
                    // (the law, a colleague's change) closes it and says why: left open, it
                    // would take the next keys as more typing.
                    let refused = e.chain().any(|c| {
                        c.downcast_ref::<crate::store::StoreError>()
                            .is_some_and(|s| !s.fixable_by_editing())
                    });
                    if !refused && !kind.applies_as_typed() && self.prompt.is_none() {
                        self.prompt = Some(state);
                    }
                }
                self.settle();
            }
            key => {
                let history: Vec<String> = self
                    .history
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, t)| t.clone())
                    .collect();
                state.edit(key, &history, &mut self.sh);
                // Filters apply as they are typed.
                if let Some(v) = owner {
                    self.screens
                        .get_mut(v)
                        .on_typing(&mut self.sh, &kind, state.text());
                }
                self.prompt = Some(state);
            }
        }
    }

    /// A submitted prompt, to whoever asked for it.
    fn submit(&mut self, kind: &Prompt, owner: Option<View>, text: &str) -> anyhow::Result<Effect> {
        if let Some(v) = owner {
            return self.screens.get_mut(v).on_prompt(&mut self.sh, kind, text);
        }
        match kind {
            Prompt::Command => {
                let Some((cmd, arg)) = commands::parse(text).map_err(UserMessage)? else {
                    return Ok(Effect::Done);
                };
                match self
                    .screens
                    .get_mut(self.view)
                    .on_command(&mut self.sh, cmd.name, arg)?
                {
                    Effect::Pass => global::command(&mut self.sh, cmd, arg),
                    effect => Ok(effect),
                }
            }
            Prompt::Date(ev) => global::record(&mut self.sh, *ev, text),
            Prompt::Letter => global::letter(&mut self.sh, text),
            Prompt::Export(confirmed) => export::write(&mut self.sh, text, confirmed.as_deref()),
            _ => Ok(Effect::Done),
        }
    }

    /// Pasted text: sanitized, then typed into whatever has the cursor.
    pub fn paste(&mut self, pasted: &str) {
        match &mut self.window {
            Some(w) => w.paste(pasted),
            None => {
                for c in crate::text::line(pasted).chars() {
                    self.prompt_key(PromptKey::Char(c));
                }
            }
        }
    }

    /// Keeps the open editor's text as a draft (on the loop's tick and on any way out).
    pub fn keep_draft(&mut self) {
        if let Some(Window::Editor(e)) = &self.window {
            editor::keep_draft(&mut self.sh, e);
        }
    }
}
