//! `foiboard search` on the real binary: answers and findings found, stemmed, escaped, and
//! kept in step with every write, including undo.

use crate::common;

use common::Db;

fn answered(db: &Db) {
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2",
        "sent",
        "--on",
        "2026-10-01",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--outcome",
        "refused",
        "--exemption",
        "s43",
        "--text",
        "The contract is withheld: commercially sensitive.\x1b]0;pwned\x07",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ2",
        "--question",
        "1",
        "--outcome",
        "answered",
        "--text",
        "We refuse nothing; FDP is used for waiting lists.",
    ]);
}

#[test]
fn finds_answers_and_findings_with_stemming_and_escapes_them() {
    let db = Db::new();
    answered(&db);
    let out = db.ok(&["search", "sensitivity"]);
    assert!(out.contains("palantir-fdp/RJ1 Q5 answer"), "{out}");
    assert!(out.contains("[sensitive]"), "stemming: {out}");
    assert!(
        !out.contains('\x1b'),
        "escape reached the terminal: {out:?}"
    );
    assert!(out.contains("\\x1b]0;pwned"), "{out}");
    // Every word must match; a phrase stays a phrase.
    let both = db.json(&["search", "waiting", "lists"]);
    assert_eq!(both.as_array().unwrap().len(), 1);
    let none = db.json(&["search", "\"lists waiting\""]);
    assert!(none.as_array().unwrap().is_empty());
    // Query syntax typed by a user is searched for, never an error.
    db.ok(&["search", "AND", "(", "\"", "*"]);
    // Unknown campaign: told what to do.
    let err = db.refused(&["search", "fdp", "--campaign", "nope"]);
    assert!(err.contains("campaign list"), "{err}");
}

#[test]
fn the_index_follows_edits_deletes_and_undo() {
    let db = Db::new();
    answered(&db);
    db.ok(&[
        "finding",
        "add",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--tag",
        "follow-up",
        "--note",
        "Appeal the redaction",
    ]);
    let hits = db.json(&["search", "redaction"]);
    assert_eq!(hits[0]["kind"], "finding");
    let id = hits[0]["finding_id"].as_i64().unwrap().to_string();
    db.ok(&["finding", "remove", &id]);
    assert!(db
        .json(&["search", "redaction",])
        .as_array()
        .unwrap()
        .is_empty());
    db.ok(&["undo"]);
    assert_eq!(
        db.json(&["search", "redaction",]).as_array().unwrap().len(),
        1
    );
    // A new text replaces the old one in the index.
    db.ok(&[
        "answer",
        "palantir-fdp/RJ2",
        "--question",
        "1",
        "--outcome",
        "answered",
        "--text",
        "Now something different.",
    ]);
    assert!(db
        .json(&["search", "waiting",])
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        db.json(&["search", "different",]).as_array().unwrap().len(),
        1
    );
}
