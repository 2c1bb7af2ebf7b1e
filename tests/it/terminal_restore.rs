//! The terminal is given back when the board ends by a panic or by an error, not only by `q`
//! (see `e2e_pty.rs` for quit, SIGTERM and SIGHUP). This test runs itself again in a
//! pseudo-terminal as a child that opens the board's terminal session and then panics or
//! fails; the parent reads back the screen and the terminal's mode.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const CHILD: &str = "FOIBOARD_TEST_CHILD";

fn session_then(how: &str) -> anyhow::Result<()> {
    let _session = foiboard::tui::TerminalSession::start();
    std::thread::sleep(Duration::from_millis(300));
    match how {
        "panic" => panic!("a deliberate panic inside the board's terminal session"),
        _ => Err(anyhow::anyhow!(
            "a deliberate error inside the board's terminal session"
        )),
    }
}

/// The child: run only by the test below, inside the pseudo-terminal (never on its own).
#[test]
#[ignore = "the child process of a_panic_or_an_error_gives_the_terminal_back"]
fn child() {
    let how = std::env::var(CHILD).expect("run by the parent test, which sets the mode");
    let result = session_then(&how);
    assert!(result.is_err());
}

#[cfg(unix)]
#[test]
fn a_panic_or_an_error_gives_the_terminal_back() {
    for how in ["panic", "error"] {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
        cmd.args([
            "terminal_restore::child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ]);
        cmd.env(CHILD, how);
        cmd.env("TERM", "xterm-256color");
        let mut child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = raw.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the child did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(200));
        let bytes = raw.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("\x1b[?1049h") && text.contains("\x1b[?2004h"),
            "{how}: the session never started: {text:?}"
        );
        let mut screen = vt100::Parser::new(24, 80, 0);
        screen.process(&bytes);
        let screen = screen.screen();
        assert!(
            !screen.alternate_screen(),
            "{how}: still on the alternate screen"
        );
        assert!(!screen.hide_cursor(), "{how}: cursor left hidden");
        assert!(!screen.bracketed_paste(), "{how}: bracketed paste left on");
        let fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: tcgetattr fills a plain struct from an open descriptor we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        assert!(
            t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0,
            "{how}: raw mode left on"
        );
    }
}
