//! Many hands on one database: two boards (each its own connection, driven through the same
//! actions a user's keys send) and a loop of command-line processes write at once. No write
//! is lost, no "database is locked" reaches anyone, and each board sees the others' changes.
//! Bounded by counts, not time: about ten seconds of overlapping writes. The same on a file
//! and on the suite's PostgreSQL server (SERIALIZABLE writes retried on conflict).

use crate::common;

use std::sync::{Arc, Barrier};

use common::Db;
use foiboard::law::EventKind;
use foiboard::model::Outcome;
use foiboard::tui::action::Action;
use foiboard::tui::app::{App, PromptKey};
use foiboard::tui::effect::View;

const EACH: usize = 30;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// ODS codes of the campaign's requests, in a fixed order.
fn codes(db: &Db) -> Vec<String> {
    db.json(&["list", "palantir-fdp"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ods"].as_str().unwrap().to_string())
        .collect()
}

/// A board on its own connection that records `sent` on each of `mine` by its keys' actions,
/// then sets every outcome of `answer` (a responded request); returns the errors it showed.
fn board(
    location: std::ffi::OsString,
    author: &str,
    mine: Vec<String>,
    answer: String,
    start: Arc<Barrier>,
) -> Vec<String> {
    let mut store = common::open_store(&location);
    store.set_author(author);
    let mut app = App::new(store, today()).unwrap();
    let mut errors = Vec::new();
    let mut check = |app: &mut App| {
        if let Some((msg, true)) = app.sh.message.take() {
            errors.push(msg);
        }
    };
    start.wait();
    for ods in &mine {
        let id = app
            .sh
            .rows
            .iter()
            .find(|r| &r.request.body.ods_code == ods)
            .unwrap()
            .request
            .id;
        app.sh.selected = Some(id);
        app.update(Action::Record(EventKind::Sent));
        app.prompt_key(PromptKey::Submit);
        check(&mut app);
        // What the loop does when another process commits.
        app.update(Action::Reload);
        check(&mut app);
    }
    let id = app
        .sh
        .rows
        .iter()
        .find(|r| r.request.body.ods_code == answer)
        .unwrap()
        .request
        .id;
    app.open_answer(id, 1, View::Detail).unwrap();
    for _ in 1..=7 {
        app.update(Action::SetOutcome(Outcome::Answered));
        check(&mut app);
    }
    errors
}

#[test]
fn two_boards_and_a_command_loop_lose_nothing() {
    lose_nothing(Db::new());
}

#[test]
fn two_boards_and_a_command_loop_lose_nothing_on_postgres() {
    if let Some(db) = Db::postgres() {
        lose_nothing(db);
    }
}

fn lose_nothing(db: Db) {
    db.ok(&["request", "add", "palantir-fdp/nation:England"]);
    let all = codes(&db);
    // Three requests already answered: one for each writer's answers and findings.
    let answered: Vec<String> = all[..3].to_vec();
    db.ok(&[
        "event",
        &format!("palantir-fdp/ods:{}", answered.join(",")),
        "sent",
        "--on",
        "2026-10-01",
    ]);
    db.ok(&[
        "event",
        &format!("palantir-fdp/ods:{}", answered.join(",")),
        "responded",
        "--on",
        "2026-10-20",
    ]);
    let rest = &all[3..];
    let (a, b, c) = (
        rest[..EACH].to_vec(),
        rest[EACH..2 * EACH].to_vec(),
        rest[2 * EACH..3 * EACH].to_vec(),
    );
    let start = Arc::new(Barrier::new(3));
    let boards: Vec<_> = [
        ("ann", a.clone(), answered[0].clone()),
        ("bob", b.clone(), answered[1].clone()),
    ]
    .into_iter()
    .map(|(who, mine, answer)| {
        let (location, start) = (db.location(), start.clone());
        std::thread::spawn(move || board(location, who, mine, answer, start))
    })
    .collect();
    start.wait();
    // The command line, meanwhile: events, answers and findings, each its own process.
    let mut cli_errors = Vec::new();
    for (i, ods) in c.iter().enumerate() {
        let out = db
            .cmd()
            .args([
                "event",
                &format!("palantir-fdp/{ods}"),
                "sent",
                "--on",
                "2026-11-02",
            ])
            .output()
            .unwrap();
        if !out.status.success() {
            cli_errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        if i < 7 {
            let q = (i + 1).to_string();
            let target = format!("palantir-fdp/{}", answered[2]);
            for args in [
                vec![
                    "answer",
                    &target,
                    "--question",
                    &q,
                    "--outcome",
                    "refused",
                    "--exemption",
                    "s43",
                ],
                vec![
                    "finding",
                    "add",
                    &target,
                    "--question",
                    &q,
                    "--tag",
                    "refusal/s43-commercial",
                ],
            ] {
                let out = db.cmd().args(&args).output().unwrap();
                if !out.status.success() {
                    cli_errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
        }
    }
    let board_errors: Vec<String> = boards.into_iter().flat_map(|h| h.join().unwrap()).collect();
    assert!(
        board_errors.is_empty(),
        "the boards showed errors: {board_errors:?}"
    );
    assert!(cli_errors.is_empty(), "commands failed: {cli_errors:?}");

    // Nothing lost: every writer's every write is there, by its author.
    let list = db.json(&["list", "palantir-fdp"]);
    let sent = |ods: &String| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["ods"] == ods.as_str())
            .unwrap()["received"]
            .is_string()
    };
    for ods in a.iter().chain(&b).chain(&c) {
        assert!(sent(ods), "{ods} lost its 'sent'");
    }
    for (ods, outcome, author) in [
        (&answered[0], "answered", "ann"),
        (&answered[1], "answered", "bob"),
        (&answered[2], "refused", "tester"),
    ] {
        let show = db.json(&["show", &format!("palantir-fdp/{ods}")]);
        let answers = show["answers"].as_array().unwrap();
        assert_eq!(answers.len(), 7, "{ods}");
        assert!(
            answers
                .iter()
                .all(|x| x["outcome"] == outcome && x["author"] == author),
            "{ods}: {answers:?}"
        );
    }
    assert_eq!(db.json(&["finding", "list"]).as_array().unwrap().len(), 7);

    // Each board, reloading as its loop does, sees the other's and the command line's work.
    let store = common::open_store(&db.location());
    let mut app = App::new(store, today()).unwrap();
    app.update(Action::Reload);
    let received = app
        .sh
        .rows
        .iter()
        .filter(|r| r.report.received.is_some())
        .count();
    assert_eq!(received, 3 + 3 * EACH);
    assert_eq!(app.sh.store.integrity_check().unwrap(), "ok");
}
