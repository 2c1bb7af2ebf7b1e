//! The real board in a pseudo-terminal of 120x30, on a test database: what the terminal tests
//! share. Each reads the terminal its own way (some must be able to stop reading).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

use super::Db;

pub const ROWS: u16 = 30;
pub const COLS: u16 = 120;

/// Starts the board on `db`; returns the terminal's master side and the board's process.
pub fn spawn(db: &Db) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_foiboard"));
    cmd.env("FOIBOARD_DB", &db.path);
    cmd.env("FOIBOARD_TODAY", super::TODAY);
    cmd.env("FOIBOARD_USER", "board-user");
    cmd.env("TERM", "xterm-256color");
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    (pair.master, child)
}

/// Waits for `text` on screen; generous, because this checks behaviour, not speed.
pub fn wait_for(screen: &Mutex<vt100::Parser>, text: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if screen.lock().unwrap().screen().contents().contains(text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "'{text}' never appeared on screen:\n{}",
        screen.lock().unwrap().screen().contents()
    );
}
