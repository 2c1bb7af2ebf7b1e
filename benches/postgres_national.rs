//! The national dataset (50 campaigns) on both engines: the same commands, as whole
//! processes, on the file and on a PostgreSQL server on this machine (TLS over loopback),
//! set up as a group's (`server init`, then `copy` as the host) and read as a member. Each figure is the median of runs alternating between
//! the engines; beside the server's, the rows it read for the command (`pg_stat_database`),
//! so a plan that scans shows as clearly as a slow one, and the round trips it made (through
//! a relay that counts them): a member across the internet pays the link's latency for each.
//! The board's first frame is measured in-process. A last table runs a few commands through a
//! relay that holds each byte 10 ms each way, as a member 20 ms from the server waits.
//!
//! `cargo bench --bench postgres_national` starts its own server (the Debian `postgresql`
//! package) and generates the national dataset on first use (under `target/bench-data/`).

mod common;

#[path = "../tests/it/common/certs.rs"]
mod certs;

#[path = "../tests/it/common/pg.rs"]
#[allow(dead_code)]
mod pg;

#[path = "../tests/it/common/relay.rs"]
#[allow(dead_code)]
mod relay;

use std::time::{Duration, Instant};

use foiboard::store::Store;
use foiboard::tui::app::App;
use foiboard::tui::view::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Runs of each command on each engine. They alternate (file, server, file, ...), so the
/// machine's speed drifting during a run (it does, by a third in an hour) moves both figures
/// alike rather than one block of runs.
const RUNS: usize = 21;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Rows the server has read in `db` so far (returned by scans plus fetched by index).
fn rows_read(server: &pg::Server, db: &str) -> i64 {
    let mut c = server.client("postgres");
    c.batch_execute("SELECT pg_stat_clear_snapshot()")
        .expect("clear the snapshot");
    c.query_one(
        "SELECT (tup_returned + tup_fetched)::bigint FROM pg_stat_database WHERE datname = $1",
        &[&db],
    )
    .expect("read the statistics")
    .get(0)
}

/// Opening the database, the board's campaign loaded with every clock, the first frame.
fn first_frame(open: &dyn Fn() -> Store) -> Duration {
    let start = Instant::now();
    let app = App::new(open(), common::today()).expect("the board opens");
    let mut t = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    t.draw(|f| draw(f, &app, Theme { colour: true }))
        .expect("draw");
    start.elapsed()
}

/// The medians of `lite` and `pg` run alternately, after one warming run of each.
fn side_by_side(lite: &dyn Fn() -> Duration, pg: &dyn Fn() -> Duration) -> (Duration, Duration) {
    lite();
    pg();
    let (mut l, mut p) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        l.push(lite());
        p.push(pg());
    }
    (common::median(l), common::median(p))
}

fn main() {
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let Some(server) = pg::server() else {
        println!("PostgreSQL is not installed: nothing to measure");
        return;
    };
    if std::env::var_os("FOIBOARD_BENCH_SCALE").is_none() {
        // SAFETY: set before any other thread starts.
        unsafe { std::env::set_var("FOIBOARD_BENCH_SCALE", "national") };
    }
    let file = common::dataset_path();
    let file = file.to_str().expect("path");
    let (db, url) = group_database(server, file);
    // The same server through a relay that counts round trips.
    let (relay, relayed) = relay::Relay::in_front_of(&url);
    let slug = "synthetic-01";
    let commands: Vec<(&str, Vec<&str>)> = vec![
        ("report of one campaign", vec!["report", slug]),
        ("search, a word found nowhere", vec!["search", "commercial"]),
        ("search, a word in many answers", vec!["search", "contract"]),
        (
            "search, that word in one campaign",
            vec!["search", "contract", "--campaign", slug],
        ),
        ("due", vec!["due"]),
        ("list of one campaign", vec!["list", slug]),
        ("campaign list", vec!["campaign", "list"]),
        ("CSV export", vec!["export", slug, "--format", "csv"]),
        ("tags (opening, one small query)", vec!["tags"]),
    ];
    println!();
    println!("| national dataset, whole command | SQLite file | PostgreSQL | ratio | more | rows the server read | round trips |");
    println!("|---|---|---|---|---|---|---|");
    for (what, args) in &commands {
        let before = (rows_read(server, &db), relay.round_trips());
        common::run_foiboard(&relayed, args);
        let rows = rows_read(server, &db) - before.0;
        let trips = relay.round_trips() - before.1;
        let (lite, pg) = side_by_side(&|| common::run_foiboard(file, args), &|| {
            common::run_foiboard(&url, args)
        });
        println!(
            "| {what} | {} | {} | {:.1}x | +{} | {rows} | {trips} |",
            ms(lite),
            ms(pg),
            pg.as_secs_f64() / lite.as_secs_f64(),
            ms(pg.saturating_sub(lite))
        );
    }
    let path = common::dataset_path();
    let before = relay.round_trips();
    first_frame(&|| Store::connect(&relayed).expect("connect").0);
    let trips = relay.round_trips() - before;
    let (lite, pg) = side_by_side(
        &|| first_frame(&|| Store::open(&path).expect("open")),
        &|| first_frame(&|| Store::connect(&url).expect("connect").0),
    );
    println!(
        "| board: open to first frame (in-process) | {} | {} | {:.1}x | +{} | | {trips} |",
        ms(lite),
        ms(pg),
        pg.as_secs_f64() / lite.as_secs_f64(),
        ms(pg.saturating_sub(lite))
    );
    far_member(&url, &path);
}

/// The national dataset on the server as a group has it, the README's way: `server init`
/// (the host, as the superuser, naming one member), then `copy` into it, then the commands
/// run as that member. Returns the database and the member's address (the password in it,
/// as this bench's server has no `.pgpass` of the member's).
fn group_database(server: &pg::Server, file: &str) -> (String, String) {
    let db = format!("national{}", std::process::id());
    let host = tempfile::tempdir().expect("a folder for the host's files");
    let (data, config) = (
        host.path().to_str().expect("path").to_string(),
        host.path().join("config.toml"),
    );
    let port = server.port.to_string();
    let admin = server.superuser_url("postgres");
    common::run_foiboard_with(
        file,
        &[
            ("XDG_DATA_HOME", &data),
            ("FOIBOARD_CONFIG", config.to_str().expect("path")),
        ],
        &[
            "server",
            "init",
            "--members",
            "member",
            "--database",
            &db,
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--ca",
            server.ca.to_str().expect("path"),
            "--admin",
            &admin,
        ],
    );
    server.sql(
        "postgres",
        &format!("ALTER ROLE member PASSWORD '{}'", pg::PASSWORD),
    );
    let copying = Instant::now();
    common::run_foiboard(
        file,
        &[
            "copy",
            "--from",
            file,
            "--to",
            &server.superuser_url(&db),
            "--replace",
        ],
    );
    println!(
        "copied the national dataset to the server in {:.1} s (`server init`, then `copy` as the host; the commands run as a member)",
        copying.elapsed().as_secs_f64()
    );
    let url = server.tls_url("member", pg::PASSWORD, &db);
    (db, url)
}

/// What a member across the internet waits: the same server behind a link of 20 ms round
/// trip (a relay holding each byte 10 ms each way), beside it on loopback.
fn far_member(url: &str, path: &std::path::Path) {
    const FAR_RUNS: usize = 5;
    let (_far, far) = relay::Relay::in_front_of_across(url, Duration::from_millis(10));
    let median = |run: &dyn Fn() -> Duration| {
        run();
        common::median((0..FAR_RUNS).map(|_| run()).collect())
    };
    println!();
    println!(
        "| a member 20 ms from the server | SQLite file | server on loopback | server 20 ms away |"
    );
    println!("|---|---|---|---|");
    let slug = "synthetic-01";
    let file = path.to_str().expect("path");
    for (what, args) in [
        ("list of one campaign", vec!["list", slug]),
        ("CSV export", vec!["export", slug, "--format", "csv"]),
    ] {
        println!(
            "| {what} | {} | {} | {} |",
            ms(median(&|| common::run_foiboard(file, &args))),
            ms(median(&|| common::run_foiboard(url, &args))),
            ms(median(&|| common::run_foiboard(&far, &args)))
        );
    }
    println!(
        "| board: open to first frame (in-process) | {} | {} | {} |",
        ms(median(
            &|| first_frame(&|| Store::open(path).expect("open"))
        )),
        ms(median(&|| first_frame(&|| Store::connect(url)
            .expect("connect")
            .0))),
        ms(median(&|| first_frame(&|| Store::connect(&far)
            .expect("connect")
            .0)))
    );
}
