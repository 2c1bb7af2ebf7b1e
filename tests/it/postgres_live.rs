//! The live board on PostgreSQL: a colleague's change, committed by another process, shows on
//! an open board with no key pressed (the write notifies a channel the board listens on), and
//! a board whose server goes away and comes back says so, connects again and carries on.
//!
//! On a server of its own: it stops and starts it, and every other test shares the suite's.

use crate::common;

use std::time::Instant;

use common::pty::Board;
use common::{pg, Db};

#[test]
fn a_board_on_postgres_sees_colleagues_and_survives_the_server_going_away() {
    let Some(server) = pg::server_to_restart() else {
        return;
    };
    let Some(db) = Db::postgres_on(server) else {
        return;
    };
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let mut board = Board::open(&db);
    board.wait_for("Not sent 35");

    // A colleague's command, another process: on the board without a key press.
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2",
        "sent",
        "--on",
        "2026-11-02",
    ]);
    let committed = Instant::now();
    board.wait_for("Awaiting 2");
    eprintln!(
        "a colleague's change reached the board {} ms after it was committed",
        committed.elapsed().as_millis()
    );
    board.wait_for("Not sent 33");

    // The server crashes and comes back: the board says so meanwhile, then reconnects by
    // itself and shows what was written while it was away.
    server.restart();
    db.ok(&["event", "palantir-fdp/RJ6", "sent", "--on", "2026-11-03"]);
    board.wait_for("Awaiting 3");
    // Still a working board: a key still does what it does.
    board.keys("/croydon");
    board.keys("\r");
    board.wait_for("RJ6 Croydon");
    let screen = board.quit();
    assert!(!screen.alternate_screen(), "the terminal is given back");
}
