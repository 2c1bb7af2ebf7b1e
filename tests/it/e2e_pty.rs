//! The real binary in a pseudo-terminal: keys typed, the screen read back (no tmux needed).

use crate::common;

use std::time::{Duration, Instant};

use common::pty::Board;
use common::Db;

#[test]
fn filter_record_sent_by_keyboard_and_quit() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let mut board = Board::open(&db);
    board.wait_for("Not sent 35");
    board.keys("/guy's");
    board.keys("\r");
    board.wait_for("RJ1 Guy's and St");
    board.keys("s");
    board.wait_for("sent on (YYYY-MM-DD");
    board.keys("-2\r");
    board.wait_for("recorded 'sent' on 2026-11-21 for 1 request(s)");
    board.wait_for("Awaiting 1");
    let screen = board.quit();
    // The terminal is given back: main screen, cursor visible.
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor left hidden");
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    let events = show["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["kind"], "sent");
    assert_eq!(events[0]["on"], "2026-11-21");
    assert_eq!(events[0]["author"], "board-user");
}

#[test]
fn a_colleagues_command_shows_up_without_a_key_press() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let board = Board::open(&db);
    board.wait_for("Not sent 35");
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2",
        "sent",
        "--on",
        "2026-11-02",
    ]);
    board.wait_for("Awaiting 2");
    board.wait_for("Not sent 33");
    board.quit();
}

#[test]
fn a_whole_response_is_recorded_by_keyboard() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    let mut board = Board::open(&db);
    board.wait_for("RJ1");
    board.keys(":goto RJ1\r");
    board.wait_for("choose a question or a message");
    board.keys("\r");
    board.wait_for("Q1 of 7");
    // The answer text, typed into the editor and saved with Ctrl-S.
    board.keys("t");
    board.wait_for("Ctrl-S saves");
    board.keys("We use FDP in theatres. Nothing else.");
    board.keys("\x13");
    board.wait_for("saved the text of Q1");
    // Three outcomes, one of them with an exemption typed into the picker.
    board.keys("a");
    board.wait_for("Q2 of 7");
    board.keys("E");
    board.wait_for("exemptions");
    board.keys("s43");
    board.keys("\r");
    board.keys("\r");
    board.wait_for("Q2 cites s.43");
    board.keys("r");
    board.wait_for("Q3 of 7");
    board.keys("n");
    board.wait_for("Q4 of 7");
    // Back to Q1 for a finding with two tags and a quote.
    board.keys("hhh");
    board.wait_for("Q1 of 7");
    board.keys("+");
    board.wait_for("new finding on Q1");
    board.keys("Theatres only");
    board.keys("\t");
    board.keys("in-use");
    board.keys("\r");
    board.keys("follow");
    board.keys("\r");
    board.keys("\t");
    board.keys("\x1b[B");
    board.keys("\x13");
    board.wait_for("finding saved");
    let screen = board.quit();
    assert!(!screen.alternate_screen(), "still on the alternate screen");

    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    let answers = show["answers"].as_array().unwrap();
    let got: Vec<(u64, &str, Vec<&str>)> = answers
        .iter()
        .map(|a| {
            (
                a["question"].as_u64().unwrap(),
                a["outcome"].as_str().unwrap(),
                a["exemptions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "answered", vec![]),
            (2, "refused", vec!["s.43"]),
            (3, "not-held", vec![])
        ]
    );
    assert_eq!(answers[0]["text"], "We use FDP in theatres. Nothing else.");
    assert_eq!(answers[0]["author"], "board-user");
    let findings = show["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["question"], 1);
    assert_eq!(findings[0]["note"], "Theatres only");
    assert_eq!(findings[0]["quote"], "We use FDP in theatres.");
    assert_eq!(
        findings[0]["tags"],
        serde_json::json!(["fdp/in-use", "follow-up"])
    );
}

impl Board {
    /// Sends `signal` to the board and waits for it to end; returns how it ended and the
    /// screen it left.
    #[cfg(unix)]
    fn signal(mut self, signal: i32) -> (portable_pty::ExitStatus, vt100::Screen, Self) {
        let pid = self.child.process_id().unwrap() as i32;
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the board did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        std::thread::sleep(Duration::from_millis(200));
        let screen = self.screen.lock().unwrap().screen().clone();
        (status, screen, self)
    }

    /// Whether the terminal is back in its ordinary (cooked) mode: lines, echo.
    #[cfg(unix)]
    fn cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().unwrap();
        // SAFETY: tcgetattr fills a plain struct from an open descriptor we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }
}

#[cfg(unix)]
#[test]
fn sigterm_gives_the_terminal_back() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let board = Board::open(&db);
    board.wait_for("Not sent 35");
    assert!(!board.cooked(), "the board runs in raw mode");
    let (status, screen, board) = board.signal(libc::SIGTERM);
    assert!(status.success(), "a shutdown is an orderly end: {status:?}");
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor left hidden");
    assert!(!screen.bracketed_paste(), "bracketed paste left on");
    assert!(board.cooked(), "raw mode left on");
}

#[cfg(unix)]
#[test]
fn text_being_typed_when_the_session_drops_is_offered_on_the_next_start() {
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
    board.keys("Half of a long answer, typed when the line dropped");
    // The SSH session goes away: the terminal hangs up.
    let (_, _, _) = board.signal(libc::SIGHUP);
    assert!(db.json(&["show", "palantir-fdp/RJ1"])["answers"]
        .as_array()
        .unwrap()
        .is_empty());

    let mut board = Board::open(&db);
    board.wait_for("1 unsaved text(s) kept from last time: D reopens the latest");
    board.keys("D");
    board.wait_for("Half of a long answer, typed when the line dropped");
    board.keys("\x13");
    board.wait_for("saved the text of Q1");
    board.quit();
    let answers = db.json(&["show", "palantir-fdp/RJ1"])["answers"].clone();
    assert_eq!(
        answers[0]["text"],
        "Half of a long answer, typed when the line dropped"
    );
    // Saved, the draft is gone: the next start offers nothing.
    let board = Board::open(&db);
    board.wait_for("RJ1");
    assert!(!board.contents().contains("unsaved text"));
    board.quit();
}
