//! The board never outlives its terminal, and costs nothing while it waits: the real binary in
//! a pseudo-terminal whose other end is closed under it, and one left idle while its CPU time
//! is read from the kernel.
#![cfg(target_os = "linux")]

use crate::common;

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Db;

/// A board in a pseudo-terminal whose reader can be stopped, so that every descriptor of the
/// terminal's other end can be closed (as when an SSH connection drops).
struct Board {
    screen: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    writer: Option<Box<dyn std::io::Write + Send>>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Board {
    fn open(db: &Db) -> Board {
        let (master, child) = common::pty::spawn(db);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            common::pty::ROWS,
            common::pty::COLS,
            0,
        )));
        let stop = Arc::new(AtomicBool::new(false));
        // Our own copy of the descriptor, read with a timeout so the thread can be stopped.
        // SAFETY: duplicating a descriptor the master owns; the copy is closed by the thread.
        let fd: RawFd = unsafe { libc::dup(master.as_raw_fd().unwrap()) };
        assert!(fd >= 0);
        let (s, halt) = (screen.clone(), stop.clone());
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !halt.load(Ordering::Relaxed) {
                let mut p = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; reading into a buffer we own.
                let ready = unsafe { libc::poll(&mut p, 1, 50) };
                if ready <= 0 {
                    continue;
                }
                let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n as usize]);
            }
            // SAFETY: the thread's own copy.
            unsafe { libc::close(fd) };
        });
        let writer = master.take_writer().unwrap();
        Board {
            screen,
            stop,
            reader: Some(reader),
            writer: Some(writer),
            master: Some(master),
            child,
        }
    }

    fn wait_for(&self, text: &str) {
        common::pty::wait_for(&self.screen, text);
    }

    fn keys(&mut self, s: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    /// Closes every descriptor of the terminal's other end.
    fn hang_up(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.writer.take();
        self.master.take();
    }

    /// Waits up to `limit` for the board to end.
    fn ended_within(&mut self, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.child.try_wait().unwrap().is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        self.hang_up();
    }
}

/// User plus system CPU time of `pid` so far, in clock ticks.
fn cpu_ticks(pid: i32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The command name may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn a_board_whose_terminal_is_closed_keeps_its_draft_and_exits() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    let mut board = Board::open(&db);
    board.wait_for("RJ1");
    board.keys(":goto RJ1\r");
    board.wait_for("choose a question or a message");
    board.keys("\r");
    board.wait_for("Q1 of 7");
    board.keys("t");
    board.wait_for("Ctrl-S saves");
    board.keys("Typed as the connection dropped");
    std::thread::sleep(Duration::from_millis(400));
    let pid = board.pid();
    let before = cpu_ticks(pid);
    board.hang_up();
    assert!(
        board.ended_within(Duration::from_secs(3)),
        "the board outlived its terminal (CPU ticks since the hang-up: {})",
        cpu_ticks(pid).saturating_sub(before)
    );
    // The text is offered on the next start.
    let drafts = db.dir.path().join("campaign-drafts");
    let kept: Vec<String> = std::fs::read_dir(&drafts)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        kept.iter()
            .any(|d| d.contains("Typed as the connection dropped")),
        "{kept:?}"
    );
}

#[test]
fn an_idle_board_uses_no_cpu() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let board = Board::open(&db);
    board.wait_for("Not sent 35");
    std::thread::sleep(Duration::from_millis(500));
    let pid = board.pid();
    // Three windows of two seconds: the kernel charges CPU in 10 ms ticks by sampling, so on a
    // machine busy with the rest of the suite a tick or two can land on the change checks of
    // a window. A board that spins is charged about two hundred ticks in each.
    let mut windows = Vec::new();
    for _ in 0..3 {
        let before = cpu_ticks(pid);
        std::thread::sleep(Duration::from_secs(2));
        windows.push(cpu_ticks(pid) - before);
    }
    let used = windows.iter().copied().min().unwrap_or(0);
    assert!(
        used <= 2,
        "an idle board used CPU ticks: {windows:?} in three 2 s windows"
    );
}
