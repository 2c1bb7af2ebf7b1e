//! `foiboard deadline` and `foiboard holidays` on the real binary.

use crate::common;

use common::Db;

#[test]
fn deadline_prints_the_date_first_and_works_without_setup() {
    let db = Db::new();
    assert!(!db.path.exists());
    let out = db.ok(&["deadline", "2009-03-12"]);
    assert_eq!(out.lines().next(), Some("2009-04-14"));
    assert!(
        db.path.exists(),
        "the default database is created on first use"
    );
    assert_eq!(
        db.ok(&["deadline", "2009-03-14"]).lines().next(),
        Some("2009-04-15")
    );
    assert_eq!(
        db.ok(&["deadline", "2008-10-01"]).lines().next(),
        Some("2008-10-29")
    );
    assert_eq!(
        db.ok(&["deadline", "2007-10-14"]).lines().next(),
        Some("2007-11-09")
    );
    assert_eq!(
        db.ok(&["deadline", "2007-10-14", "--days", "40"])
            .lines()
            .next(),
        Some("2007-12-10")
    );
}

#[test]
fn explain_and_json_show_the_working() {
    let db = Db::new();
    let out = db.ok(&["deadline", "2026-06-01", "--explain"]);
    assert!(out.starts_with("2026-06-30\n"), "{out}");
    assert!(
        out.contains("2026-06-15 World Cup bank holiday (Scotland)"),
        "{out}"
    );
    let j = db.json(&["deadline", "2026-06-01", "--regime", "foisa"]);
    // 15 June 2026 is Scotland's own holiday, so FOISA skips it too.
    assert_eq!(j["due"], "2026-06-30");
    for key in [
        "received",
        "due",
        "regime",
        "working_days",
        "convention",
        "provisional",
        "skipped",
    ] {
        assert!(j.get(key).is_some(), "missing {key}");
    }
    assert_eq!(j["regime"], "foisa");
    assert_eq!(j["working_days"], 20);
    assert_eq!(j["convention"], "ico");
    let j = db.json(&["deadline", "2026-03-14", "--convention", "next-working-day"]);
    assert_eq!(j["day0"], "2026-03-16");
    let j = db.json(&["deadline", "2030-03-14"]);
    assert_eq!(j["provisional"], true);
}

#[test]
fn bad_deadline_input_is_one_sentence_and_exit_2() {
    let db = Db::new();
    for (args, says) in [
        (vec!["deadline", "2026-02-30"], "is not a date"),
        (vec!["deadline", "yesterday-ish"], "is not a date"),
        (
            vec!["deadline", "2026-03-12", "--days", "0"],
            "out of range",
        ),
        (
            vec!["deadline", "2026-03-12", "--days", "366"],
            "out of range",
        ),
        (
            vec!["deadline", "2026-03-12", "--days", "-5"],
            "out of range",
        ),
        (
            vec!["deadline", "2026-03-12", "--regime", "gdpr"],
            "unknown regime 'gdpr'",
        ),
        (
            vec!["deadline", "2026-03-12", "--convention", "lenient"],
            "unknown convention",
        ),
    ] {
        let err = db.refused(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn holidays_add_remove_and_import() {
    let db = Db::new();
    let before = db.ok(&["deadline", "2027-06-01"]);
    db.ok(&[
        "holidays",
        "add",
        "2027-06-14",
        "--division",
        "northern-ireland",
        "--title",
        "Proclaimed day",
    ]);
    let after = db.ok(&["deadline", "2027-06-01", "--explain"]);
    assert_ne!(before.lines().next(), after.lines().next());
    assert!(
        after.contains("2027-06-14 Proclaimed day (Northern Ireland)"),
        "{after}"
    );
    db.ok(&[
        "holidays",
        "remove",
        "2027-06-14",
        "--division",
        "northern-ireland",
    ]);
    assert_eq!(db.ok(&["deadline", "2027-06-01"]), before);
    db.ok(&["undo"]);
    assert_ne!(db.ok(&["deadline", "2027-06-01"]), before);

    let listed = db.json(&["holidays", "--year", "2026", "--regime", "foisa"]);
    let listed = listed.as_array().unwrap();
    assert!(listed.iter().any(|h| h["date"] == "2026-06-15"));
    assert!(
        !listed.iter().any(|h| h["date"] == "2026-03-17"),
        "St Patrick's Day is not Scottish"
    );

    // A newer GOV.UK file covering 2029 replaces the generated days of that year.
    let f = db.dir.path().join("bank-holidays.json");
    std::fs::write(&f, r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}]}}"#).unwrap();
    assert_eq!(db.json(&["deadline", "2029-01-02"])["provisional"], true);
    let out = db.ok(&["holidays", "import", f.to_str().unwrap()]);
    assert!(out.contains("loaded 1 holidays for 2029 to 2029"), "{out}");
    let y = db.json(&["holidays", "--year", "2029"]);
    assert_eq!(y.as_array().unwrap().len(), 1);
}

#[test]
fn a_malformed_holidays_file_is_refused_and_nothing_written() {
    let db = Db::new();
    let before = db.ok(&["holidays", "--year", "2027", "--json"]);
    let f = db.dir.path().join("broken.json");
    std::fs::write(&f, "{\"scotland\": {\"events\": [").unwrap();
    let err = db.refused(&["holidays", "import", f.to_str().unwrap()]);
    assert!(
        err.contains("broken.json") && err.contains("not valid GOV.UK"),
        "{err}"
    );
    std::fs::write(
        &f,
        r#"{"scotland": {"events": [{"title": "x", "date": "2027-02-30"}]}}"#,
    )
    .unwrap();
    let err = db.refused(&["holidays", "import", f.to_str().unwrap()]);
    assert!(err.contains("invalid date"), "{err}");
    db.refused(&["holidays", "import", "/nonexistent/file.json"]);
    db.refused(&[
        "holidays",
        "add",
        "2027-02-30",
        "--division",
        "scotland",
        "--title",
        "x",
    ]);
    db.refused(&[
        "holidays",
        "add",
        "2027-02-01",
        "--division",
        "wessex",
        "--title",
        "x",
    ]);
    assert_eq!(db.ok(&["holidays", "--year", "2027", "--json"]), before);
}
