//! The live board: a synchronous Elm-style loop.
//!
//! Input is polled with a timeout equal to the next store check (250 ms). All pending keys are
//! drained, releases ignored; on timeout the board asks SQLite whether another process committed
//! (`PRAGMA data_version`) and whether the date rolled over. It draws only when something
//! changed, so an idle board uses no measurable CPU.

pub mod action;
pub mod app;
pub mod keymap;
pub mod stage;
pub mod view;

use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::DefaultTerminal;

use action::Action;
use app::{App, PromptKey, View};

/// How often the board asks the store whether a colleague changed something.
const CHECK_EVERY: Duration = Duration::from_millis(250);

/// Opens the board on `store` until the user quits. The terminal is restored on return, on
/// error and on panic (ratatui's own hook).
pub fn run(store: crate::store::Store) -> Result<()> {
    let today = crate::dates::today()?;
    let mut app = App::new(store, today)?;
    let mut terminal = ratatui::init();
    let result = run_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<()> {
    let theme = view::Theme::from_env();
    let mut dirty = true;
    let mut next_check = Instant::now() + CHECK_EVERY;
    while !app.quit {
        if dirty {
            terminal.draw(|f| view::draw(f, app, theme))?;
            dirty = false;
        }
        let timeout = next_check.saturating_duration_since(Instant::now());
        if event::poll(timeout)? {
            // Drain everything pending before drawing again.
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        handle_key(app, k);
                        dirty = true;
                    }
                    Event::Resize(_, _) => dirty = true,
                    Event::Paste(text) => {
                        for c in crate::text::line(&text).chars() {
                            app.prompt_key(PromptKey::Char(c));
                        }
                        dirty = true;
                    }
                    _ => {}
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if Instant::now() >= next_check {
            next_check = Instant::now() + CHECK_EVERY;
            if outside_change(app)? {
                app.update(Action::Reload);
                dirty = true;
            }
        }
    }
    Ok(())
}

/// Whether another process committed or the date rolled over since the last load.
fn outside_change(app: &mut App) -> Result<bool> {
    let today = crate::dates::today()?;
    if today != app.today {
        app.today = today;
        return Ok(true);
    }
    Ok(app.store.data_version()? != app.data_version)
}

fn handle_key(app: &mut App, k: ratatui::crossterm::event::KeyEvent) {
    if app.prompt.is_some() {
        let key = match k.code {
            KeyCode::Enter => Some(PromptKey::Submit),
            KeyCode::Esc => Some(PromptKey::Cancel),
            KeyCode::Backspace => Some(PromptKey::Backspace),
            KeyCode::Char(c) => Some(PromptKey::Char(c)),
            _ => None,
        };
        if let Some(key) = key {
            app.prompt_key(key);
        }
        return;
    }
    if let Some(a) = keymap::dispatch(k, app.view == View::Detail) {
        app.update(a);
    } else if app.help {
        app.help = false;
    }
}
