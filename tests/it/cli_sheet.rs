//! `foiboard import csv` on the real binary, with the fixture sheets in
//! `tests/fixtures/sheet/`: names matched however they are written, a dry run that changes
//! nothing, a re-import that changes nothing, and bad rows refused by line with nothing written.

use crate::common;

use common::Db;

fn fixture(name: &str) -> String {
    common::fixture(&format!("sheet/{name}"))
}

fn events(db: &Db, target: &str) -> Vec<(String, String, String)> {
    db.json(&["show", target])["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["on"].as_str().unwrap().to_string(),
                e["note"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const MAP: &str = "Date of reply=responded";

#[test]
fn a_groups_sheet_goes_in_once_after_a_dry_run() {
    let db = Db::new();
    db.ok(&["init"]);
    let before = db.state();
    let tracker = fixture("tracker.csv");
    let dry = db.ok(&[
        "import",
        "csv",
        &tracker,
        "--campaign",
        "palantir-fdp",
        "--map",
        MAP,
        "--dry-run",
    ]);
    assert!(
        dry.starts_with("dry run, nothing written: would make 4 row(s): 4 request(s) created, 0 updated, 0 unchanged, 7 new event(s)"),
        "{dry}"
    );
    assert!(
        dry.contains(
            "tracker.csv, line 2 (GUY'S & ST THOMAS' NHS FT): new request, 3 new event(s)"
        ),
        "{dry}"
    );
    // Lines are the file's own, blank lines counted.
    assert!(
        dry.contains("tracker.csv, line 6 (NHS South East London Integrated Care Board)"),
        "{dry}"
    );
    assert_eq!(before, db.state(), "a dry run writes nothing");

    let said = db.ok(&[
        "import",
        "csv",
        &tracker,
        "--campaign",
        "palantir-fdp",
        "--map",
        MAP,
    ]);
    assert!(
        said.starts_with("4 row(s): 4 request(s) created, 0 updated, 0 unchanged, 7 new event(s)"),
        "{said}"
    );
    // A status with no date to record it by is said, not guessed.
    assert!(
        said.contains("line 4: the sheet says 'Responded' but gives no date for 'responded'"),
        "{said}"
    );

    // "GUY'S & ST THOMAS' NHS FT" is Guy's and St Thomas' NHS Foundation Trust; British dates.
    let rj1 = events(&db, "palantir-fdp/RJ1");
    assert_eq!(rj1[0].0, "sent");
    assert_eq!(rj1[0].1, "2026-10-01");
    assert!(rj1
        .iter()
        .any(|e| e.0 == "responded" && e.1 == "2026-10-20"));
    assert!(rj1
        .iter()
        .any(|e| e.0 == "note" && e.2 == "Full answer; chase Q5, \"commercial\""));
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ1"])["reference"],
        "GST-77"
    );
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ2"])["reference"],
        "LG/2026/1"
    );
    // "01/10/26" and an ICB's name without "Integrated Care Board" spelt out the same way.
    assert_eq!(events(&db, "palantir-fdp/QKK")[0].1, "2026-10-01");
    assert_eq!(
        db.json(&["list", "palantir-fdp"]).as_array().unwrap().len(),
        4
    );

    // The same sheet again: nothing changes.
    let state = db.state();
    let again = db.ok(&[
        "import",
        "csv",
        &tracker,
        "--campaign",
        "palantir-fdp",
        "--map",
        MAP,
    ]);
    assert!(
        again.starts_with("4 row(s): 0 request(s) created, 0 updated, 4 unchanged, 0 new event(s)"),
        "{again}"
    );
    assert_eq!(state, db.state());
}

#[test]
fn a_bad_row_is_refused_by_line_and_nothing_is_written() {
    let db = Db::new();
    db.ok(&["init"]);
    let before = db.state();
    let (out, err) = db.refused_listing(&[
        "import",
        "csv",
        &fixture("unknown-body.csv"),
        "--campaign",
        "palantir-fdp",
    ]);
    assert!(
        out.contains("unknown-body.csv, line 3") && out.contains("ZZ9"),
        "{out}"
    );
    assert!(
        err.contains("1 problem(s)") && err.contains("nothing was imported"),
        "{err}"
    );
    let (out, _) = db.refused_listing(&[
        "import",
        "csv",
        &fixture("bad-date.csv"),
        "--campaign",
        "palantir-fdp",
    ]);
    assert!(
        out.contains("bad-date.csv, line 3") && out.contains("'31/09/2026'"),
        "{out}"
    );
    let err = db.refused(&[
        "import",
        "csv",
        &fixture("tracker.csv"),
        "--campaign",
        "palantir-fdp",
        "--map",
        "Nope=sent",
    ]);
    assert!(
        err.contains("no column 'Nope'") && err.contains("Date of reply"),
        "{err}"
    );
    let err = db.refused(&[
        "import",
        "csv",
        &fixture("tracker.csv"),
        "--campaign",
        "palantir-fdp",
        "--map",
        "Notes=colour",
    ]);
    assert!(err.contains("'colour' is not a field"), "{err}");
    assert_eq!(before, db.state());
}

#[test]
fn status_words_in_an_outcome_column_are_the_events_they_name() {
    let db = Db::new();
    let sheet = common::fixture("sheet/outcome-statuses.csv");
    // The dry run says how each was read; nothing is written.
    let dry = db.ok(&[
        "import",
        "csv",
        &sheet,
        "--campaign",
        "palantir-fdp",
        "--dry-run",
    ]);
    assert!(
        dry.contains("'Extended (PIT) to 28/11/2026' read as 'extended' until 2026-11-28"),
        "{dry}"
    );
    assert!(
        dry.contains("'Clarification requested' read as 'clarification-requested'"),
        "{dry}"
    );
    assert!(
        dry.contains("'Awaiting' in 'Outcome' read as an empty cell"),
        "{dry}"
    );
    assert!(db
        .json(&["list", "palantir-fdp"])
        .as_array()
        .unwrap()
        .is_empty());
    db.ok(&["import", "csv", &sheet, "--campaign", "palantir-fdp"]);
    let show = db.json(&["show", "palantir-fdp/RGT"]);
    let ext = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "extended")
        .unwrap_or_else(|| panic!("{show}"));
    assert_eq!(ext["until"], "2026-11-28", "{ext}");
    let rbs = db.json(&["show", "palantir-fdp/RBS"]);
    assert!(
        rbs["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "clarification-requested"),
        "{rbs}"
    );
    let r1h = db.json(&["show", "palantir-fdp/R1H"]);
    assert_eq!(
        r1h["events"].as_array().unwrap().len(),
        1,
        "sent only: {r1h}"
    );
}
