//! The hot one-campaign queries read that campaign's rows through indexes: no full scan of
//! the big tables (requests, events, answers, findings and their tags), whatever else the
//! database holds.

use foiboard::store::Store;

/// Aliases the queries give the tables that grow with every campaign kept.
const BIG: [&str; 6] = ["r", "e", "a", "f", "ft", "x"];

#[test]
fn one_campaign_queries_never_scan_the_big_tables() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("plans.db")).unwrap();
    foiboard::seed::seed(&mut store).unwrap();
    foiboard::seed::demo::populate(
        &mut store,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    let campaign = store.campaign("palantir-fdp").unwrap();
    let plans = store.hot_query_plans(campaign.id).unwrap();
    assert!(plans.len() >= 7);
    let mut bad = Vec::new();
    for (name, lines) in &plans {
        println!("{name}:\n  {}", lines.join("\n  "));
        for l in lines {
            let mut words = l.split_whitespace();
            if words.next() == Some("SCAN") {
                let table = words.next().unwrap_or("");
                if BIG.contains(&table) {
                    bad.push(format!("{name}: {l}"));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "full scans in one-campaign queries: {bad:#?}"
    );
}
