//! `foiboard demo --scale`: the synthetic dataset is deterministic, realistic in shape, and
//! readable by every command.

use crate::common;

use common::Db;

#[test]
fn the_campaign_scale_dataset_is_the_same_every_time() {
    let (a, b) = (Db::new(), Db::new());
    let out = a.ok(&["demo", "--scale", "campaign", "--seed", "7"]);
    assert!(
        out.contains("generated 1 campaign(s): 238 requests"),
        "{out}"
    );
    b.ok(&["demo", "--scale", "campaign", "--seed", "7"]);
    let list = |db: &Db| db.json(&["list", "synthetic-01"]);
    assert_eq!(list(&a), list(&b));
    // The same findings, apart from when they were written.
    let findings = |db: &Db| {
        let mut v = db.json(&["finding", "list", "synthetic-01"]);
        for f in v.as_array_mut().unwrap() {
            let f = f.as_object_mut().unwrap();
            f.remove("created_at");
            f.remove("updated_at");
        }
        v
    };
    assert!(
        findings(&a) == findings(&b),
        "the findings differ between runs"
    );
    // Answers of 1-4 KB, found by search.
    let show = a.json(&["show", "synthetic-01/RJ1"]);
    for ans in show["answers"].as_array().unwrap() {
        let n = ans["text"].as_str().unwrap().len();
        assert!((1024..=4400).contains(&n), "answer of {n} bytes");
    }
    assert!(!a
        .json(&["search", "onboarded"])
        .as_array()
        .unwrap()
        .is_empty());
    // Generating twice into one database is refused, not doubled.
    let err = a.refused(&["demo", "--scale", "campaign", "--seed", "7"]);
    assert!(err.contains("exists already"), "{err}");
}
