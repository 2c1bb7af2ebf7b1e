//! Bad input: one clear sentence, exit code 2, and the database exactly as it was.

use crate::common;

use common::Db;

fn seeded() -> Db {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/nation:England"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db
}

#[test]
fn refused_commands_change_nothing() {
    let db = seeded();
    let before = db.state();
    for (args, says) in [
        (vec!["event", "nope/RJ1", "sent"], "no campaign 'nope'"),
        (
            vec!["event", "palantir-fdp/ZZZ9", "sent"],
            "no body has ODS code ZZZ9",
        ),
        (
            vec!["event", "palantir-fdp/kind:", "sent"],
            "is not a selector",
        ),
        (
            vec!["event", "palantir-fdp/bogus:x", "sent"],
            "is not a selector",
        ),
        (
            vec!["event", "palantir-fdp", "sent"],
            "does not name requests",
        ),
        (
            vec!["event", "palantir-fdp/RJ1", "sent", "--on", "2026-02-30"],
            "is not a date",
        ),
        (
            vec!["event", "palantir-fdp/RJ1", "sent", "--on", "2027-01-01"],
            "is in the future",
        ),
        (
            vec!["event", "palantir-fdp/RJ1", "posted"],
            "unknown event 'posted'",
        ),
        (
            vec![
                "event",
                "palantir-fdp/RJ1",
                "responded",
                "--on",
                "2026-09-01",
            ],
            "before the request was sent",
        ),
        (
            vec!["event", "palantir-fdp/RJ1", "clarified"],
            "no clarification was requested",
        ),
        (
            vec![
                "event",
                "palantir-fdp/RJ1",
                "responded",
                "--outcome",
                "great",
            ],
            "unknown outcome 'great'",
        ),
        (
            vec![
                "answer",
                "palantir-fdp/RJ1",
                "--question",
                "1",
                "--outcome",
                "maybe",
            ],
            "unknown outcome",
        ),
        (
            vec![
                "answer",
                "palantir-fdp/RJ1",
                "--question",
                "9",
                "--outcome",
                "answered",
            ],
            "no question 9",
        ),
        (
            vec![
                "finding",
                "add",
                "palantir-fdp/RJ1",
                "--question",
                "1",
                "--tag",
                "fdp/in-use",
            ],
            "no answer recorded",
        ),
        (vec!["tags", "merge", "nope", "quote"], "no tag 'nope'"),
        (vec!["tags", "add", "Bad Tag!"], "cannot be a tag name"),
        (
            vec!["list", "palantir-fdp", "--status", "late"],
            "unknown status 'late'",
        ),
        (vec!["undo", "9999"], "no change 9999"),
    ] {
        let err = db.refused(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(db.state(), before);
}

#[test]
fn a_bulk_event_is_all_or_nothing() {
    let db = seeded();
    let before = db.state();
    // RJ1 was already sent: sending to every London body must fail as a whole, naming RJ1.
    let err = db.refused(&[
        "event",
        "palantir-fdp/region:London",
        "sent",
        "--on",
        "2026-10-05",
    ]);
    assert!(
        err.contains("Guy's and St Thomas'") && err.contains("already sent"),
        "{err}"
    );
    assert!(err.contains("Nothing was recorded"), "{err}");
    assert_eq!(db.state(), before);
    // Without RJ1 the same bulk event goes in, in one change.
    let out = db.ok(&[
        "event",
        "palantir-fdp/kind:ambulance",
        "sent",
        "--on",
        "2026-10-05",
    ]);
    assert!(out.contains("for 10 request(s)"), "{out}");
    let history = db.json(&["history"]);
    assert_eq!(history[0]["summary"], "sent on 10 requests");
}

#[test]
fn a_database_from_a_newer_foiboard_is_refused() {
    let db = seeded();
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = db.refused(&["list"]);
    assert!(err.contains("newer foiboard"), "{err}");
}

#[test]
fn a_malformed_campaign_file_is_named_and_nothing_is_created() {
    let db = seeded();
    let f = db.dir.path().join("c.txt");
    std::fs::write(&f, "Title: A campaign\n1. First?\n").unwrap();
    let err = db.refused(&["campaign", "create", "--file", f.to_str().unwrap()]);
    assert!(err.contains("c.txt") && err.contains("Slug:"), "{err}");
    std::fs::write(
        &f,
        "Title: Waiting lists\nSlug: waiting-lists\n1. How long?\n2. How many?\n",
    )
    .unwrap();
    let out = db.ok(&["campaign", "create", "--file", f.to_str().unwrap()]);
    assert!(
        out.contains("created campaign waiting-lists with 2 questions"),
        "{out}"
    );
    db.refused(&["campaign", "create", "--file", f.to_str().unwrap()]);
}

#[test]
fn hostile_text_is_shown_escaped() {
    let db = Db::new();
    db.ok(&[
        "bodies",
        "add",
        "X1",
        "--name",
        "Evil\u{1b}]0;pwned\u{7} Trust\u{202e}",
    ]);
    db.ok(&["request", "add", "palantir-fdp/X1"]);
    db.ok(&[
        "event",
        "palantir-fdp/X1",
        "sent",
        "--on",
        "2026-11-02",
        "--note",
        "clear\u{1b}[2J screen",
    ]);
    for out in [
        db.ok(&["show", "palantir-fdp/X1"]),
        db.ok(&["list"]),
        db.ok(&["bodies", "--search", "Evil"]),
    ] {
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{out:?}"
        );
        assert!(out.contains("\\x1b"), "{out}");
    }
    // --json keeps the exact text (JSON escapes it).
    let j = db.json(&["show", "palantir-fdp/X1"]);
    assert_eq!(j["body"]["name"], "Evil\u{1b}]0;pwned\u{7} Trust\u{202e}");
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2",
        "sent",
        "--on",
        "2026-11-02",
    ]);
    const EACH: usize = 120;
    let workers: Vec<_> = ["RJ1", "RJ2"]
        .into_iter()
        .map(|ods| {
            let path = db.path.clone();
            std::thread::spawn(move || {
                for i in 0..EACH {
                    let out = assert_cmd::Command::cargo_bin("foiboard")
                        .unwrap()
                        .env("FOIBOARD_DB", &path)
                        .env("FOIBOARD_TODAY", common::TODAY)
                        .args([
                            "event",
                            &format!("palantir-fdp/{ods}"),
                            "note",
                            "--note",
                            &format!("{ods} {i}"),
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    assert!(!String::from_utf8_lossy(&out.stderr).contains("locked"));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    for ods in ["RJ1", "RJ2"] {
        let events = db.json(&["show", &format!("palantir-fdp/{ods}")])["events"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(events, EACH + 1, "{ods}");
    }
}

#[test]
fn codes_written_by_another_program_are_shown_escaped() {
    // foiboard refuses such codes itself; another writer to the shared file may not.
    let db = seeded();
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute("UPDATE bodies SET ods_code = 'RJ1\u{1b}[2J', kind = 'acute\u{1b}]0;x\u{7}' WHERE ods_code = 'RJ1'", [])
            .unwrap();
        conn.execute("UPDATE changes SET at = '2026\u{1b}[31m'", [])
            .unwrap();
    }
    for args in [
        vec!["list"],
        vec!["due", "--within", "100"],
        vec!["bodies", "--search", "Guy"],
        vec!["history"],
    ] {
        let out = db.ok(&args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
    }
}
