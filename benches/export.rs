//! Reports, exports and the daily reminder on the benchmark dataset. Targets (national scale
//! and speed): a Markdown report of one campaign 300 ms; CSV of every campaign 2 s;
//! `foiboard due` across every campaign 200 ms.
//!
//! `FOIBOARD_BENCH_SCALE=national cargo bench --bench export` for the national figures.

mod common;

use foiboard::export::{self, Format};
use foiboard::model::Campaign;
use foiboard::store::Store;

fn main() {
    divan::main();
}

/// The campaign the board opens on: the newest with requests.
fn current(store: &Store) -> Campaign {
    let id = store.latest_campaign().expect("query").expect("a campaign");
    store
        .campaigns()
        .expect("campaigns")
        .into_iter()
        .find(|c| c.id == id)
        .expect("the campaign")
}

#[divan::bench(sample_count = 20)]
fn report_markdown_one_campaign(b: divan::Bencher) {
    let store = common::open();
    let c = current(&store);
    b.bench_local(|| {
        export::render(&store, &c, Format::Markdown, common::today())
            .expect("report")
            .len()
    });
}

#[divan::bench(sample_count = 10)]
fn csv_every_campaign(b: divan::Bencher) {
    let store = common::open();
    b.bench_local(|| {
        export::render_all(&store, Format::Csv, common::today())
            .expect("csv")
            .len()
    });
}

#[divan::bench(sample_count = 20)]
fn due_every_campaign(b: divan::Bencher) {
    let store = common::open();
    b.bench_local(|| {
        store
            .due(common::today(), 5, foiboard::store::Findings::Skipped)
            .expect("due")
            .len()
    });
}
