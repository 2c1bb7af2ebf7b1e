//! The live board: a synchronous Elm-style loop.
//!
//! The board is rooms: each screen (`screens/`) owns its state, keys, loading, handling and
//! drawing, sees what every screen shares (`shared.rs`: the store, the campaign, its
//! requests, the selection, the one `commit` that writes) and asks the app (`app.rs`) for
//! what it cannot do itself by returning an `Effect` (`effect.rs`). Windows over a screen
//! (`windows/`) and the prompt (`prompt.rs`) are the same: one file each, their own keys.
//!
//! The board waits on the terminal (`poll(2)`, see [`wait`]) with a timeout equal to the next
//! store check (250 ms). All pending keys are drained, releases ignored; on timeout the board
//! asks SQLite whether another process committed (`PRAGMA data_version`) and whether the date
//! rolled over. It draws only when something changed, so an idle board uses no measurable CPU.
//! When the terminal goes away (a dropped SSH connection, a closed pane) the board keeps any
//! unsaved text as a draft and exits, instead of outliving its terminal.

pub mod action;
pub mod app;
pub mod commands;
pub mod effect;
pub mod events;
pub mod export;
pub mod fetching;
pub mod global;
pub mod help;
pub mod keymap;
pub mod prompt;
mod rooms;
pub mod screen;
pub mod screens;
pub mod shared;
pub mod stage;
pub mod theme;
pub mod view;
mod wait;
pub mod widgets;
pub mod windows;

use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

use action::Action;
use app::App;

/// How often the board asks the store whether a colleague changed something.
const CHECK_EVERY: Duration = Duration::from_millis(250);

/// Opens the board on `store` until the user quits. The terminal is restored on return, on
/// error, on SIGTERM and SIGHUP, and on panic: ratatui's hook restores raw mode and the
/// screen, and [`PasteGuard`] (with its own line in the panic hook) turns bracketed paste off
/// again. An editor's unsaved text is kept as a draft on every way out but a panic (and on
/// each tick before that).
pub fn run(store: crate::store::Store) -> Result<()> {
    let today = crate::dates::today()?;
    let mut app = App::new(store, today)?;
    // How much new mail waits in the group's mailbox, counted beside the board.
    app.mail.check(&app.sh);
    let stop = stop_signals();
    let mut session = TerminalSession::start();
    let result = run_loop(&mut session.terminal, &mut app, &stop);
    // Whatever ended the loop, the editor's text is kept before anything else.
    app.keep_draft();
    drop(session);
    result
}

/// The terminal as the board uses it (raw mode, alternate screen, bracketed paste), given back
/// when this is dropped: on return, on error, and while a panic unwinds (ratatui's panic hook
/// and [`PasteGuard`]'s line in it cover a panic that does not unwind).
pub struct TerminalSession {
    pub terminal: DefaultTerminal,
    _paste: PasteGuard,
}

impl TerminalSession {
    pub fn start() -> TerminalSession {
        let terminal = ratatui::init();
        TerminalSession {
            terminal,
            _paste: PasteGuard::enable(),
        }
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        disable_paste();
        ratatui::restore();
    }
}

/// A flag raised by SIGTERM (a shutdown) or SIGHUP (the terminal or SSH session went away), so
/// the loop ends through the same path as `q`: text kept, terminal restored.
fn stop_signals() -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // A second signal while the flag is already up ends the process at once, whatever it
        // is doing: SIGTERM always ends the board. Without the handlers the default ends the
        // process at once too; the board still works.
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 1, flag.clone());
        let _ = signal_hook::flag::register(sig, flag.clone());
    }
    flag
}

/// Bracketed paste on while the board runs, so a pasted letter arrives as one piece (and
/// goes through the sanitizer) instead of as keystrokes that would run commands.
struct PasteGuard;

impl PasteGuard {
    fn enable() -> PasteGuard {
        use ratatui::crossterm::{event::EnableBracketedPaste, execute};
        let _ = execute!(std::io::stdout(), EnableBracketedPaste);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            disable_paste();
            previous(info);
        }));
        PasteGuard
    }
}

impl Drop for PasteGuard {
    fn drop(&mut self) {
        disable_paste();
    }
}

fn disable_paste() {
    use ratatui::crossterm::{event::DisableBracketedPaste, execute};
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
}

fn run_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    let theme = theme::Theme::from_env();
    let input = wait::TerminalInput::open();
    let mut dirty = true;
    let mut next_check = Instant::now() + CHECK_EVERY;
    while !app.quit {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            break;
        }
        if dirty {
            terminal.draw(|f| view::draw(f, app, theme))?;
            dirty = false;
        }
        let timeout = next_check.saturating_duration_since(Instant::now());
        if input.wait(timeout) == wait::Waited::Gone {
            break;
        }
        // Drain everything pending (keys, and a resize crossterm heard as a signal) before
        // drawing again. crossterm is asked only while the terminal is there.
        while event::poll(Duration::ZERO)? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    app.key(k);
                    dirty = true;
                }
                Event::Resize(_, _) => dirty = true,
                Event::Paste(text) => {
                    app.paste(&text);
                    dirty = true;
                }
                _ => {}
            }
        }
        if Instant::now() >= next_check {
            next_check = Instant::now() + CHECK_EVERY;
            app.keep_draft();
            if app.mail_tick() {
                dirty = true;
            }
            match outside_change(app) {
                Ok(true) => {
                    app.update(Action::Reload);
                    dirty = true;
                }
                Ok(false) => {}
                // The server is out of reach: said once, and asked again at the next check;
                // the board and whatever is being typed stay as they are.
                Err(e) => {
                    let msg = format!("{e}");
                    if app.sh.message.as_ref().map(|m| &m.0) != Some(&msg) {
                        app.sh.say(msg, true);
                        dirty = true;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether the date rolled over, the database file was replaced, or another process
/// committed since the last load.
fn outside_change(app: &mut App) -> Result<bool> {
    let today = crate::dates::today()?;
    if today != app.sh.today {
        app.sh.today = today;
        return Ok(true);
    }
    app.sh.store_changed()
}
