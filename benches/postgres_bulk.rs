//! A bulk event on a whole campaign against a PostgreSQL server on this machine: `sent` on
//! 238 requests, as one recorded change (every row's history written with it), then taken
//! back with undo. Compared with the same on SQLite. Round trips add up on a server, so this
//! is the figure to watch when the write path changes (the goal: under a second).
//!
//! `cargo bench --bench postgres_bulk` starts its own server (the Debian `postgresql`
//! package), as the test suite does.

mod common;

#[path = "../tests/it/common/certs.rs"]
mod certs;

#[path = "../tests/it/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::time::Duration;

const RUNS: usize = 5;

/// The median time of `event ... sent` on every request, of the undo that follows, and of a
/// command that reads little (what opening the database costs).
fn measure(db: &str) -> (Duration, Duration, Duration) {
    common::run_foiboard(db, &["request", "add", "palantir-fdp/nation:England"]);
    let opening = common::median(
        (0..RUNS)
            .map(|_| common::run_foiboard(db, &["tags"]))
            .collect(),
    );
    let (mut events, mut undos) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        events.push(common::run_foiboard(
            db,
            &["event", "palantir-fdp/all", "sent", "--on", "2026-11-02"],
        ));
        undos.push(common::run_foiboard(db, &["undo"]));
    }
    (common::median(events), common::median(undos), opening)
}

fn main() {
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let Some(server) = pg::server() else {
        println!("PostgreSQL is not installed: nothing to measure");
        return;
    };
    let url = server.fresh_url("tester");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bulk.db");
    let file = file.to_str().expect("path");
    let requests = 238;
    let (pg_event, pg_undo, pg_open) = measure(&url);
    let (lite_event, lite_undo, lite_open) = measure(file);
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!("| what ({requests} requests, whole command) | SQLite | PostgreSQL (TLS, loopback) |");
    println!("|---|---|---|");
    println!(
        "| event sent on every request | {} | {} |",
        ms(lite_event),
        ms(pg_event)
    );
    println!("| undo of it | {} | {} |", ms(lite_undo), ms(pg_undo));
    println!(
        "| `tags` (opening the database, one small query) | {} | {} |",
        ms(lite_open),
        ms(pg_open)
    );
}
