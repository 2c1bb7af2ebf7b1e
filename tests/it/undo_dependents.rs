//! Undo and redo never take a colleague's work with them: when rows written by a later change
//! hang off a row the undo would delete (an event on a request, a finding on an answer, a tag
//! on a finding, a message filed under a request), the undo is refused with a sentence that
//! names what depends on it and who recorded it, and nothing changes.

use crate::common;

use common::{fixture, Db};
use foiboard::store::Store;

/// Runs a command as `who`, expecting success.
fn as_user(db: &Db, who: &str, args: &[&str]) -> String {
    let out = db
        .cmd()
        .env("FOIBOARD_USER", who)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{who}: foiboard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `undo` or `redo` as ann, expecting a refusal; returns the sentence.
fn refused_as_ann(db: &Db, args: &[&str]) -> String {
    let out = db
        .cmd()
        .env("FOIBOARD_USER", "ann")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    err
}

/// Everything that could be lost, as the user sees it.
fn everything(db: &Db) -> String {
    format!(
        "{}\n{}\n{}\n{}",
        db.ok(&["show", "palantir-fdp/RJ1", "--json"]),
        db.ok(&["finding", "list", "--json"]),
        db.ok(&["mail", "list", "--json"]),
        db.ok(&["list", "palantir-fdp", "--json"]),
    )
}

/// Ann adds two requests; then `bob` does something on RJ1; Ann's undo must refuse.
fn ann_adds_requests() -> Db {
    let db = Db::new();
    as_user(&db, "ann", &["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    db
}

fn assert_refused_naming(db: &Db, args: &[&str], kinds: &[&str]) {
    let before = everything(db);
    let err = refused_as_ann(db, args);
    for k in kinds {
        assert!(err.contains(k), "names {k}: {err}");
    }
    assert!(err.contains("bob"), "names who recorded it: {err}");
    assert!(err.contains("cannot"), "{err}");
    assert_eq!(before, everything(db), "a refused undo changes nothing");
}

#[test]
fn undo_of_added_requests_keeps_a_colleagues_event() {
    let db = ann_adds_requests();
    as_user(
        &db,
        "bob",
        &["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"],
    );
    assert_refused_naming(&db, &["undo"], &["1 event", "sent"]);
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ1"])["events"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn undo_of_added_requests_keeps_a_colleagues_answer_and_finding() {
    let db = ann_adds_requests();
    as_user(
        &db,
        "bob",
        &[
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--outcome",
            "answered",
            "--text",
            "We use the Federated Data Platform.",
        ],
    );
    as_user(
        &db,
        "bob",
        &[
            "finding",
            "add",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--tag",
            "fdp/in-use",
        ],
    );
    assert_refused_naming(
        &db,
        &["undo"],
        &["1 answer", "1 finding", "1 tag on a finding"],
    );
}

#[test]
fn undo_of_an_answer_keeps_a_colleagues_finding_on_it() {
    let db = Db::new();
    as_user(&db, "bob", &["request", "add", "palantir-fdp/RJ1"]);
    as_user(
        &db,
        "ann",
        &[
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "2",
            "--outcome",
            "refused",
            "--exemption",
            "s43",
        ],
    );
    as_user(
        &db,
        "bob",
        &[
            "finding",
            "add",
            "palantir-fdp/RJ1",
            "--question",
            "2",
            "--tag",
            "fdp/in-use",
            "--note",
            "bob's reading",
        ],
    );
    assert_refused_naming(&db, &["undo"], &["1 finding", "the answer"]);
}

#[test]
fn undo_of_a_finding_keeps_a_tag_a_colleague_added_to_it() {
    let db = Db::new();
    as_user(&db, "bob", &["request", "add", "palantir-fdp/RJ1"]);
    as_user(
        &db,
        "bob",
        &[
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--outcome",
            "answered",
        ],
    );
    as_user(
        &db,
        "ann",
        &[
            "finding",
            "add",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--tag",
            "fdp/in-use",
        ],
    );
    // Bob tags Ann's finding once more, from his board (the store's own edit).
    let mut store = Store::open(&db.path).unwrap();
    store.set_author("bob");
    let id = db.json(&["finding", "list"])[0]["id"].as_i64().unwrap();
    store
        .update_finding(
            id,
            &["fdp/in-use".to_string(), "docs/risk-assessment".to_string()],
            "",
            "",
        )
        .unwrap();
    drop(store);
    assert_refused_naming(&db, &["undo"], &["finding"]);
    assert_eq!(
        db.json(&["finding", "list"])[0]["tags"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn undo_of_added_requests_keeps_a_message_filed_under_one() {
    let db = ann_adds_requests();
    as_user(&db, "bob", &["import", "mail", &fixture("mail/plain.eml")]);
    let list = db.json(&["mail", "list"]);
    let id = list[0]["id"].to_string();
    if list[0]["request"].is_null() {
        as_user(&db, "bob", &["mail", "assign", &id, "palantir-fdp/RJ1"]);
    }
    // Undo by id, as from `history`: Ann's change that added the requests.
    let history = db.json(&["history"]);
    let ann_change = history
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["author"] == "ann")
        .unwrap()["id"]
        .to_string();
    assert_refused_naming(&db, &["undo", &ann_change], &["message", "bob"]);
    assert!(!db.json(&["mail", "list"])[0]["request"].is_null());
}

#[test]
fn redo_that_would_delete_a_colleagues_tag_is_refused() {
    let db = Db::new();
    as_user(&db, "ann", &["request", "add", "palantir-fdp/RJ1"]);
    as_user(
        &db,
        "ann",
        &[
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--outcome",
            "answered",
        ],
    );
    as_user(
        &db,
        "ann",
        &[
            "finding",
            "add",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--tag",
            "fdp/in-use",
        ],
    );
    let id = db.json(&["finding", "list"])[0]["id"].to_string();
    as_user(&db, "ann", &["finding", "remove", &id]);
    as_user(&db, "ann", &["undo"]); // the finding is back
    let mut store = Store::open(&db.path).unwrap();
    store.set_author("bob");
    let fid: i64 = id.parse().unwrap();
    store
        .update_finding(
            fid,
            &["fdp/in-use".to_string(), "docs/risk-assessment".to_string()],
            "",
            "",
        )
        .unwrap();
    drop(store);
    assert_refused_naming(&db, &["redo"], &["finding", "bob"]);
}

#[test]
fn nothing_built_on_the_change_means_undo_and_redo_go_ahead() {
    let db = ann_adds_requests();
    as_user(&db, "ann", &["undo"]);
    assert!(db
        .json(&["list", "palantir-fdp"])
        .as_array()
        .unwrap()
        .is_empty());
    as_user(&db, "ann", &["redo"]);
    assert_eq!(
        db.json(&["list", "palantir-fdp"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn the_convention_is_a_recorded_change_that_undo_takes_back() {
    let db = Db::new();
    db.ok(&["config", "convention", "next-working-day"]);
    let history = db.json(&["history"]);
    assert_eq!(history[0]["author"], "tester");
    assert!(
        history[0]["summary"]
            .as_str()
            .unwrap()
            .contains("convention"),
        "{history}"
    );
    assert_eq!(db.ok(&["config", "convention"]).trim(), "next-working-day");
    db.ok(&["undo"]);
    assert_eq!(db.ok(&["config", "convention"]).trim(), "ico");
    db.ok(&["redo"]);
    assert_eq!(db.ok(&["config", "convention"]).trim(), "next-working-day");
}

#[test]
fn seeding_leaves_the_history_empty_and_undo_has_nothing_to_take() {
    let db = Db::new();
    db.ok(&["init"]);
    assert!(db.json(&["history"]).as_array().unwrap().is_empty());
    let err = db.refused(&["undo"]);
    assert!(err.contains("nothing of yours to undo"), "{err}");
}
