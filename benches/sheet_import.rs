//! A group's spreadsheet imported whole, at three sizes: the time should grow with the rows
//! (linearly), not faster. Each sheet cycles through the seed's bodies with the dates,
//! references, statuses and notes a tracker holds; the import is the real binary's
//! `import csv`, into a new database each run.
//!
//! `cargo bench --bench sheet_import`

mod common;

use std::io::Write;
use std::time::Duration;

const SIZES: [usize; 3] = [5_000, 20_000, 100_000];

fn sheet(dir: &std::path::Path, rows: usize) -> std::path::PathBuf {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("db/seed/nhs_bodies_england.csv"),
    )
    .expect("the seed's bodies");
    let codes: Vec<&str> = seed
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let path = dir.join(format!("tracker-{rows}.csv"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("a sheet"));
    writeln!(f, "ODS code,Date sent,Date of reply,Their ref,Status,Notes").expect("write");
    for i in 0..rows {
        let replied = i % 2 == 1;
        writeln!(
            f,
            "{},01/10/2026,{},REF-{i},{},\"note {i}, as typed\"",
            codes[i % codes.len()],
            if replied { "20/10/2026" } else { "" },
            if replied { "Responded" } else { "Awaiting" }
        )
        .expect("write");
    }
    path
}

fn main() {
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    println!(
        "| sheet rows | import csv (whole command, median of 3) | rows a second | per 5,000 rows |"
    );
    println!("|---|---|---|---|");
    for rows in SIZES {
        let path = sheet(dir.path(), rows);
        let times: Vec<Duration> = (0..3)
            .map(|run| {
                let db = dir.path().join(format!("d{rows}-{run}.db"));
                common::run_foiboard(
                    db.to_str().expect("path"),
                    &[
                        "import",
                        "csv",
                        path.to_str().expect("path"),
                        "--campaign",
                        "palantir-fdp",
                    ],
                )
            })
            .collect();
        let t = common::median(times);
        println!(
            "| {rows} | {:.2} s | {:.0} | {:.2} s |",
            t.as_secs_f64(),
            rows as f64 / t.as_secs_f64(),
            t.as_secs_f64() * 5_000.0 / rows as f64
        );
    }
}
