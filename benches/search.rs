//! Full-text search over answers and findings. Target (national scale and speed): under 50 ms
//! on the national dataset (`FOIBOARD_BENCH_SCALE=national cargo bench --bench search`).

mod common;

fn main() {
    divan::main();
}

#[divan::bench(args = ["trust", "\"public trust\"", "palant", "section 43 redacted"])]
fn search_everything(b: divan::Bencher, query: &str) {
    let store = common::open();
    b.bench_local(|| store.search(query, None, 200).expect("search").len());
}

#[divan::bench(args = ["trust", "internal review"])]
fn search_one_campaign(b: divan::Bencher, query: &str) {
    let store = common::open();
    let id = store.campaigns().expect("campaigns")[0].id;
    b.bench_local(|| store.search(query, Some(id), 200).expect("search").len());
}
