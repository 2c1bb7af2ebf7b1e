//! Full-text search over answers and findings. Target (issue: answers and findings): under
//! 50 ms on the national dataset.
//!
//! The dataset is generated once and kept under `target/bench-data/`. The default is one
//! campaign (quick, CI-friendly); `FOIBOARD_BENCH_SCALE=national cargo bench --bench search`
//! measures the national figure.

use std::path::PathBuf;

use chrono::NaiveDate;
use foiboard::store::Store;
use foiboard::synthetic::{self, Scale};

fn main() {
    divan::main();
}

/// The benchmark database for the chosen scale, generated on first use.
fn dataset() -> Store {
    let scale = match std::env::var("FOIBOARD_BENCH_SCALE").as_deref() {
        Ok("national") => Scale::National,
        _ => Scale::Campaign,
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("{scale:?}-2026.db").to_lowercase());
    let fresh = !path.exists();
    let mut store = Store::open(&path).expect("open the benchmark database");
    if fresh {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        foiboard::seed::seed(&mut store).expect("seed");
        synthetic::generate(&mut store, scale, 2026, today).expect("generate");
    }
    store
}

#[divan::bench(args = ["trust", "\"public trust\"", "palant", "section 43 redacted"])]
fn search_everything(b: divan::Bencher, query: &str) {
    let store = dataset();
    b.bench_local(|| store.search(query, None, 200).expect("search").len());
}

#[divan::bench(args = ["trust", "internal review"])]
fn search_one_campaign(b: divan::Bencher, query: &str) {
    let store = dataset();
    let id = store.campaigns().expect("campaigns")[0].id;
    b.bench_local(|| store.search(query, Some(id), 200).expect("search").len());
}
