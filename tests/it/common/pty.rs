//! The real board in a pseudo-terminal of 120x30, on a test database: what the terminal tests
//! share. Each reads the terminal its own way (some must be able to stop reading).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
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
    cmd.env("FOIBOARD_DB", db.location());
    cmd.env("XDG_DATA_HOME", db.dir.path().join("data"));
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

/// The real board driven through its terminal.
pub struct Board {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Board {
    pub fn open(db: &Db) -> Board {
        let (master, child) = spawn(db);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = master.try_clone_reader().unwrap();
        let s = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = master.take_writer().unwrap();
        Board {
            screen,
            writer,
            child,
            master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits for `text` on screen; generous, because this checks behaviour, not speed.
    pub fn wait_for(&self, text: &str) {
        wait_for(&self.screen, text);
    }

    pub fn keys(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn quit(mut self) -> vt100::Screen {
        self.keys("q");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the board exited with {status:?}");
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the board did not quit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        let screen = self.screen.lock().unwrap().screen().clone();
        screen
    }
}
