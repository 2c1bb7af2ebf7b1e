//! The real binary in a 200x60 pseudo-terminal: the time from spawn to the first complete
//! board on screen, and the board's peak memory (resident set) after opening every screen.
//! Targets (national scale and speed): start-up 150 ms, peak memory 150 MB.
//!
//! `FOIBOARD_BENCH_SCALE=national cargo bench --bench startup` for the national figures;
//! `FOIBOARD_BENCH_RUNS` sets how many start-ups are timed (default 10).

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const ROWS: u16 = 60;
const COLS: u16 = 200;

struct Running {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn spawn() -> Running {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_foiboard"));
    cmd.env("FOIBOARD_DB", common::dataset_path());
    cmd.env("FOIBOARD_TODAY", common::today().to_string());
    cmd.env("FOIBOARD_USER", "bench");
    cmd.env("TERM", "xterm-256color");
    let child = pair.slave.spawn_command(cmd).expect("spawn the board");
    drop(pair.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let s = screen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = s.lock() {
                p.process(&buf[..n]);
            }
        }
    });
    let writer = pair.master.take_writer().expect("a writer");
    Running {
        screen,
        writer,
        child,
        _master: pair.master,
    }
}

impl Running {
    fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Whether the whole board is on screen: the header's request count and the footer's help.
    fn board_drawn(&self) -> bool {
        let c = self.contents();
        c.contains(" requests ") && c.contains("? help") && c.contains("Overdue")
    }

    fn wait_until(&self, what: &str, done: impl Fn(&Running) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{what} never appeared:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    fn keys(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).expect("type");
        self.writer.flush().expect("type");
    }

    /// The peak resident set size so far, in MB (Linux: VmHWM).
    fn peak_rss_mb(&mut self) -> Option<f64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    }

    fn quit(mut self) {
        self.keys("q");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
    }
}

fn main() {
    // `cargo test --benches` runs every bench target once as a test; this one is a measurement.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let runs: usize = std::env::var("FOIBOARD_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let path = common::dataset_path();
    println!(
        "startup: the real binary in a {COLS}x{ROWS} pseudo-terminal, dataset {}",
        path.display()
    );
    // One untimed start warms the file cache, as on a machine in use.
    let first = spawn();
    first.wait_until("the board", Running::board_drawn);
    first.quit();

    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let r = spawn();
        r.wait_until("the board", Running::board_drawn);
        times.push(started.elapsed());
        r.quit();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "spawn to first complete board: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({runs} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );

    // Peak memory: open every screen that loads something, then read the high-water mark.
    let mut r = spawn();
    r.wait_until("the board", Running::board_drawn);
    let at_start = r.peak_rss_mb();
    for (key, shows) in [
        ("m", "matrix"),
        ("T", "codebook"),
        ("S", "statistics"),
        ("b", "Overdue"),
        ("\t", "Body"),
    ] {
        r.keys(key);
        r.wait_until(shows, |r| r.contents().contains(shows));
    }
    let after = r.peak_rss_mb();
    r.quit();
    match (at_start, after) {
        (Some(a), Some(b)) => println!(
            "peak memory (VmHWM): {a:.1} MB after the first frame, {b:.1} MB after every screen"
        ),
        _ => println!("peak memory: not measurable here (needs Linux /proc)"),
    }
}
