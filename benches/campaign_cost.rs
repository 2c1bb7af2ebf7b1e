//! What one campaign costs to read, measured so that a regression shows even when a warm
//! cache hides it: each figure is the median of several runs on a fresh connection, with the
//! pages SQLite read from the file (its own cache-miss counter) and the process's CPU time.
//!
//! The report, the same report on a one-campaign database and the bare queries are measured
//! in turn, round by round, so that the ratios between them do not drift with the machine.
//!
//! Compared: the campaign's Markdown report on the whole dataset and on a database holding
//! only that campaign (the cost should be the same), and against the bare SQLite queries that
//! fetch the rows the report needs (the report's own work on top of them); its CSV, matrix,
//! codebook and statistics; `due` across every campaign; the board's first frame.
//!
//! `cargo bench --bench campaign_cost` on one campaign; `FOIBOARD_BENCH_SCALE=national cargo
//! bench --bench campaign_cost` on 50 campaigns (the figures in the README).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use foiboard::export::{self, Format};
use foiboard::model::Campaign;
use foiboard::store::Store;

const RUNS: usize = 9;

/// CPU time (user and system) of this process so far.
fn cpu() -> Duration {
    // SAFETY: getrusage fills a plain struct for this process.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

struct Figure {
    wall: Duration,
    cpu: Duration,
    pages: i64,
}

/// Median wall time, median CPU time and the pages read, over fresh connections.
fn measure(path: &Path, f: &dyn Fn(&Store)) -> Figure {
    measure_owned(path, &|s: Store| {
        f(&s);
        s
    })
}

/// A piece of work and the database it runs on.
type Work<'a> = (&'a Path, &'a dyn Fn(&Store));

/// As [`measure`] for several pieces of work compared with each other, run in turn round by
/// round so that whatever else the machine does in the meantime falls on all of them alike.
fn measure_together(work: &[Work]) -> Vec<Figure> {
    let mut runs: Vec<(Vec<Duration>, Vec<Duration>, Vec<i64>)> =
        work.iter().map(|_| Default::default()).collect();
    for _ in 0..RUNS * 2 {
        for ((path, f), (walls, cpus, pages)) in work.iter().zip(&mut runs) {
            let (c0, t0) = (cpu(), Instant::now());
            let store = Store::open(path).expect("open");
            f(&store);
            walls.push(t0.elapsed());
            cpus.push(cpu() - c0);
            pages.push(store.pages_read());
        }
    }
    runs.into_iter()
        .map(|(mut walls, mut cpus, mut pages)| {
            walls.sort();
            cpus.sort();
            pages.sort();
            Figure {
                wall: walls[RUNS],
                cpu: cpus[RUNS],
                pages: pages[RUNS],
            }
        })
        .collect()
}

/// As [`measure`], for work that takes the connection (the board) and gives it back.
fn measure_owned(path: &Path, f: &dyn Fn(Store) -> Store) -> Figure {
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut pages = Vec::new();
    for _ in 0..RUNS {
        let (c0, t0) = (cpu(), Instant::now());
        let store = f(Store::open(path).expect("open"));
        walls.push(t0.elapsed());
        cpus.push(cpu() - c0);
        pages.push(store.pages_read());
    }
    walls.sort();
    cpus.sort();
    pages.sort();
    Figure {
        wall: walls[RUNS / 2],
        cpu: cpus[RUNS / 2],
        pages: pages[RUNS / 2],
    }
}

fn current(store: &Store) -> Campaign {
    let id = store.latest_campaign().expect("query").expect("a campaign");
    store
        .campaigns()
        .expect("campaigns")
        .into_iter()
        .find(|c| c.id == id)
        .expect("the campaign")
}

/// A database holding only `campaign` (its export imported into a fresh database).
fn only(path: &Path, campaign: &Campaign) -> PathBuf {
    let one = path.with_extension("one-campaign.db");
    if !one.exists() {
        let store = Store::open(path).expect("open");
        let archive = store.campaign_archive(campaign).expect("export");
        let part = path.with_extension("one-campaign.db.part");
        let _ = std::fs::remove_file(&part);
        {
            let mut fresh = Store::open(&part).expect("create");
            foiboard::seed::seed(&mut fresh).expect("seed");
            fresh
                .import_archive(&archive, &format!("{}-only", campaign.slug))
                .expect("import");
        }
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", part.display()));
        }
        std::fs::rename(&part, &one).expect("keep");
    }
    one
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, f: &Figure) {
    println!(
        "| {what:<44} | {:>10} | {:>10} | {:>8} |",
        ms(f.wall),
        ms(f.cpu),
        f.pages
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this quickly with nothing.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let path = common::dataset_path();
    let store = Store::open(&path).expect("open");
    let campaign = current(&store);
    let campaigns = store.campaigns().expect("campaigns").len();
    let one = only(&path, &campaign);
    let one_slug = format!("{}-only", campaign.slug);
    let today = common::today();
    drop(store);

    let report = |slug: String| {
        move |s: &Store| {
            let c = s.campaign(&slug).expect("campaign");
            export::render(s, &c, Format::Markdown, today).expect("report");
        }
    };
    println!(
        "dataset: {} ({campaigns} campaigns); campaign {}",
        path.display(),
        campaign.slug
    );
    println!(
        "| {:<44} | {:>10} | {:>10} | {:>8} |",
        "what", "wall", "CPU", "pages"
    );
    println!(
        "|{}|{}|{}|{}|",
        "-".repeat(46),
        "-".repeat(12),
        "-".repeat(12),
        "-".repeat(10)
    );
    let id = campaign.id;
    let bare_queries = move |s: &Store| {
        s.run_report_queries_bare(id).expect("bare");
    };
    let figures = measure_together(&[
        (&path, &report(campaign.slug.clone())),
        (&one, &report(one_slug.clone())),
        (&path, &bare_queries),
    ]);
    let [national, alone, bare] = &figures[..] else {
        unreachable!("three pieces of work measured")
    };
    row("report (md), one campaign, whole database", national);
    row("report (md), database of that campaign only", alone);
    row("bare SQLite queries the report needs", bare);
    let slug = campaign.slug.clone();
    row(
        "CSV, one campaign",
        &measure(&path, &move |s: &Store| {
            let c = s.campaign(&slug).expect("campaign");
            export::render(s, &c, Format::Csv, today).expect("csv");
        }),
    );
    row(
        "matrix cells, one campaign",
        &measure(&path, &move |s: &Store| {
            s.cells(id).expect("cells");
        }),
    );
    row(
        "codebook tag uses, one campaign",
        &measure(&path, &move |s: &Store| {
            s.tag_uses(id).expect("tags");
        }),
    );
    let slug = campaign.slug.clone();
    row(
        "statistics (the report's numbers), one campaign",
        &measure(&path, &move |s: &Store| {
            let c = s.campaign(&slug).expect("campaign");
            export::report(s, &c, today).expect("numbers");
        }),
    );
    row(
        "due, every campaign",
        &measure(&path, &move |s: &Store| {
            s.due(today, 5, foiboard::store::Findings::Skipped)
                .expect("due");
        }),
    );
    row(
        "board: open to first frame (200x60)",
        &measure_owned(&path, &move |store: Store| {
            let app = foiboard::tui::app::App::new(store, today).expect("board");
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 60))
                .expect("terminal");
            let theme = foiboard::tui::view::Theme { colour: true };
            t.draw(|f| foiboard::tui::view::draw(f, &app, theme))
                .expect("draw");
            app.sh.store
        }),
    );
    println!();
    println!(
        "report, whole database / that campaign only: CPU {:.2}x, pages {:.2}x",
        ratio(national.cpu, alone.cpu),
        national.pages as f64 / alone.pages.max(1) as f64
    );
    println!(
        "report / bare SQLite queries: CPU {:.2}x, wall {:.2}x",
        ratio(national.cpu, bare.cpu),
        ratio(national.wall, bare.wall)
    );
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}
