//! The benchmarks' dataset: generated once per scale and kept under `target/bench-data/`.
//!
//! The default is one campaign (quick, CI-friendly); `FOIBOARD_BENCH_SCALE=national` gives the
//! national figures (50 campaigns, about 30 s to generate the first time).
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use foiboard::seed::synthetic::{self, Scale};
use foiboard::store::Store;

/// The date every benchmark counts from, so runs compare.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
}

pub fn scale() -> Scale {
    match std::env::var("FOIBOARD_BENCH_SCALE").as_deref() {
        Ok("national") => Scale::National,
        _ => Scale::Campaign,
    }
}

/// The benchmark database's path, generating it on first use.
pub fn dataset_path() -> PathBuf {
    let scale = scale();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("{scale:?}-2026.db").to_lowercase());
    if !path.exists() {
        // Generated beside, then renamed: an interrupted run never leaves half a dataset.
        let part = dir.join(format!("{scale:?}-2026.db.part").to_lowercase());
        let _ = std::fs::remove_file(&part);
        {
            let mut store = Store::open(&part).expect("create the benchmark database");
            foiboard::seed::seed(&mut store).expect("seed");
            synthetic::generate(&mut store, scale, 2026, today()).expect("generate");
        }
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", part.display()));
        }
        std::fs::rename(&part, &path).expect("keep the benchmark database");
    }
    path
}

/// The benchmark database, open.
pub fn open() -> Store {
    Store::open(&dataset_path()).expect("open the benchmark database")
}

/// Runs the real binary on `db` (a file or a server's address) and gives how long the whole
/// process took; it must succeed.
pub fn run_foiboard(db: &str, args: &[&str]) -> std::time::Duration {
    run_foiboard_with(
        db,
        &[("FOIBOARD_CONFIG", "/nonexistent/foiboard-bench.toml")],
        args,
    )
}

/// As [`run_foiboard`], with these environment variables set too (a member's config file,
/// a password).
pub fn run_foiboard_with(db: &str, env: &[(&str, &str)], args: &[&str]) -> std::time::Duration {
    let start = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_foiboard"))
        .env("FOIBOARD_DB", db)
        .env("FOIBOARD_TODAY", "2026-11-23")
        .env("FOIBOARD_USER", "tester")
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("run foiboard");
    assert!(
        out.status.success(),
        "foiboard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// The middle of some timings.
pub fn median(mut v: Vec<std::time::Duration>) -> std::time::Duration {
    v.sort();
    v[v.len() / 2]
}
