//! The command line on PostgreSQL gives what it gives on SQLite: one realistic session (a demo
//! campaign mid-way, then a volunteer's triage: events, answers, findings, tags, mail, undo and
//! redo, holidays, settings, letters) is run on a file and on the suite's own server, and every
//! output is compared, with the clock's dates, the counts, the report and the exports among
//! them. Only the instants of writing (timestamps) and where the database is are masked.
//!
//! The server is reached as a member would: over TLS with the certificate checked, with a
//! SCRAM password, as the role `tester` (the author of changes, as `FOIBOARD_USER` is on a
//! file).

use crate::common;

use common::{fixture, Db};

/// Timestamps of writing differ between two runs; nothing else may.
fn masked(s: &str, db: &Db) -> String {
    let stamp =
        regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)").unwrap();
    let mut out = stamp.replace_all(s, "<instant>").into_owned();
    out = out.replace(&db.path.display().to_string(), "<database>");
    if let Some(u) = &db.url {
        let shown = regex::Regex::new(r"postgres://tester@127\.0\.0\.1:\d+/t\d+_\d+").unwrap();
        out = shown.replace_all(&out, "<database>").into_owned();
        let _ = u;
    }
    out
}

/// One line per command: what it printed (stdout, then stderr) and how it exited.
fn session(db: &Db, campaign_file: &str) -> Vec<(String, String)> {
    let script: Vec<Vec<String>> = [
        vec!["init", "--demo"],
        vec!["list", "palantir-fdp"],
        vec!["list", "palantir-fdp", "--json"],
        vec!["due", "--within", "10"],
        vec!["show", "palantir-fdp/RJ1"],
        vec!["show", "palantir-fdp/RXA", "--json"],
        vec![
            "event",
            "palantir-fdp/RBS",
            "responded",
            "--on",
            "2026-11-20",
        ],
        vec![
            "answer",
            "palantir-fdp/RBS",
            "--question",
            "1",
            "--outcome",
            "answered",
            "--text",
            "We use the Federated Data Platform for theatre scheduling and waiting lists.",
        ],
        vec![
            "answer",
            "palantir-fdp/RBS",
            "--question",
            "5",
            "--outcome",
            "refused",
            "--exemption",
            "s43",
            "--text",
            "The contract value is commercially sensitive.",
        ],
        vec![
            "finding",
            "add",
            "palantir-fdp/RBS",
            "--question",
            "1",
            "--tag",
            "fdp/in-use",
            "--note",
            "Theatre scheduling",
            "--quote",
            "for theatre scheduling",
        ],
        vec!["finding", "list", "--json"],
        vec!["tags"],
        vec![
            "answer",
            "palantir-fdp/RBS",
            "--question",
            "2",
            "--outcome",
            "answered",
            "--text",
            "Data flows through the Café Analytics résumé service.",
        ],
        vec!["search", "sensitivity"],
        vec!["search", "cafe", "resume"],
        vec!["search", "\"waiting lists\"", "--json"],
        vec!["search", "schedul*"],
        vec!["history", "--limit", "5"],
        vec!["undo"],
        vec!["show", "palantir-fdp/RBS"],
        vec!["redo"],
        vec![
            "holidays",
            "add",
            "2026-12-29",
            "--division",
            "england-and-wales",
            "--title",
            "Proclaimed day",
        ],
        vec!["list", "palantir-fdp", "--json"],
        vec!["undo"],
        vec!["config", "convention", "next-working-day"],
        vec!["due", "--within", "10"],
        vec!["config", "convention", "ico"],
        vec!["import", "mail", &fixture("mail/plain.eml")],
        vec!["mail", "list"],
        vec![
            "import",
            "csv",
            &fixture("sheet/tracker.csv"),
            "--campaign",
            "palantir-fdp",
            "--map",
            "Date of reply=responded",
        ],
        // A second campaign, filled from WhatDoTheyKnow pages and a group's spreadsheet.
        vec!["campaign", "create", "--file", campaign_file],
        vec![
            "import",
            "wdtk",
            &fixture("wdtk/rj1.json"),
            &fixture("wdtk/rj2.json"),
            "--campaign",
            "fdp-followup",
            "--add",
        ],
        vec![
            "import",
            "csv",
            &fixture("sheet/google-sheets.csv"),
            "--campaign",
            "fdp-followup",
        ],
        vec!["list", "fdp-followup", "--json"],
        vec!["report", "fdp-followup"],
        vec!["config", "from", "Ann Example <ann@example.org>"],
        vec!["letter", "chase", "palantir-fdp/RTK"],
        vec!["send", "chase", "palantir-fdp/all", "--dry-run"],
        vec!["report", "palantir-fdp"],
        vec!["report", "palantir-fdp", "--format", "html"],
        vec!["export", "palantir-fdp", "--format", "csv"],
        vec!["export", "palantir-fdp", "--format", "json"],
        vec!["event", "palantir-fdp/NOPE", "sent", "--on", "2026-11-02"],
        vec![
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "9",
            "--outcome",
            "answered",
        ],
        vec!["history", "--limit", "100", "--json"],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(str::to_string).collect())
    .collect();
    script
        .iter()
        .map(|args| {
            let out = db.cmd().args(args).output().unwrap();
            let text = format!(
                "{}{}exit {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                out.status.code().unwrap_or(-1)
            );
            (args.join(" "), masked(&text, db))
        })
        .collect()
}

fn sorted_lines(s: &str) -> String {
    let mut lines: Vec<&str> = s.lines().collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn a_session_gives_the_same_output_on_both_engines() {
    let Some(server) = Db::postgres() else { return };
    let file = Db::new();
    let followup = file.dir.path().join("followup.txt");
    std::fs::write(
        &followup,
        "Title: FDP follow-up\nSlug: fdp-followup\n\n1. Which FDP products do you use?\n2. Who can see the data?\n",
    )
    .unwrap();
    let followup = followup.to_str().unwrap();
    let on_file = session(&file, followup);
    let on_server = session(&server, followup);
    for ((cmd, a), (_, b)) in on_file.iter().zip(&on_server) {
        // The engines rank matches each their own way (FTS5's bm25, PostgreSQL's ts_rank):
        // a search must find the same things, in whatever order.
        let (a, b) = if cmd.starts_with("search") {
            (sorted_lines(a), sorted_lines(b))
        } else {
            (a.clone(), b.clone())
        };
        if a != b {
            let first = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "`foiboard {cmd}` differs at line {first}:\nSQLite:     {}\nPostgreSQL: {}\n\nwhole SQLite output:\n{a}\n\nwhole PostgreSQL output:\n{b}",
                a.lines().nth(first).unwrap_or("<end>"),
                b.lines().nth(first).unwrap_or("<end>"),
            );
        }
    }
    // Searches found things (the same things on both, compared above): stemmed, accents
    // folded, a phrase as a phrase.
    let output = |prefix: &str| {
        on_file
            .iter()
            .find(|(c, _)| c.starts_with(prefix))
            .map(|(_, o)| o.clone())
            .unwrap()
    };
    assert!(output("search cafe resume").contains("palantir-fdp/RBS Q2"));
    assert!(output("search sensitivity").contains("RBS Q5"));
    // The session did real work on both: nothing above was an error by accident.
    for (cmd, out) in &on_file {
        // Refused on purpose: an unknown body, a question the campaign does not ask, and a
        // spreadsheet that disagrees with what the demo recorded (nothing imported).
        let expect_refusal = cmd.contains("NOPE")
            || cmd.contains("--question 9")
            || cmd.starts_with("import csv") && cmd.contains("palantir-fdp");
        assert_eq!(
            out.ends_with("exit 0"),
            !expect_refusal,
            "`foiboard {cmd}`: {out}"
        );
    }
}

/// Two members edit the same answer's text: the second save is refused with the first one's
/// words, on either engine, and nothing is overwritten.
fn colleagues_edit_one_answer(db: &Db) {
    use foiboard::store::{AnswerEdit, StoreError};
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let mut ann = common::open_store(&db.location());
    ann.set_author("ann");
    let mut bob = common::open_store(&db.location());
    bob.set_author("bob");
    let campaign = ann.campaign("palantir-fdp").unwrap();
    let rj1 = ann.request(&campaign, "RJ1").unwrap();
    let first = AnswerEdit {
        outcome: None,
        exemptions: None,
        text: Some("We use FDP."),
        text_was: Some(""),
    };
    ann.edit_answer(rj1.id, 1, &first).unwrap();
    // Both open the editor on "We use FDP."; Bob saves first.
    let bobs = AnswerEdit {
        text: Some("We use FDP for theatre lists."),
        text_was: Some("We use FDP."),
        ..first
    };
    bob.edit_answer(rj1.id, 1, &bobs).unwrap();
    let anns = AnswerEdit {
        text: Some("We use FDP in outpatients."),
        text_was: Some("We use FDP."),
        ..first
    };
    match ann.edit_answer(rj1.id, 1, &anns) {
        Err(StoreError::TextChanged { theirs, by, .. }) => {
            assert_eq!(theirs, "We use FDP for theatre lists.");
            assert_eq!(by, "bob");
        }
        other => panic!("Ann's save must be refused: {other:?}"),
    }
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["answers"][0]["text"], "We use FDP for theatre lists.");
}

#[test]
fn a_colleagues_save_is_never_overwritten_on_either_engine() {
    colleagues_edit_one_answer(&Db::new());
    if let Some(db) = Db::postgres() {
        colleagues_edit_one_answer(&db);
    }
}

/// The board's cue to reload: a colleague's commit changes it, the board's own does not (it
/// has reloaded already), on either engine.
fn only_colleagues_commits_cue_a_reload(db: &Db) {
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let mut board = common::open_store(&db.location());
    let before = board.data_version().unwrap();
    board.set_setting("convention", "ico").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(board.data_version().unwrap(), before, "its own change");
    db.ok(&["config", "convention", "next-working-day"]);
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_ne!(
        board.data_version().unwrap(),
        before,
        "a colleague's change"
    );
}

#[test]
fn only_a_colleagues_commit_cues_a_reload_on_either_engine() {
    only_colleagues_commits_cue_a_reload(&Db::new());
    if let Some(db) = Db::postgres() {
        only_colleagues_commits_cue_a_reload(&db);
    }
}
