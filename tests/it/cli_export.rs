//! `foiboard export --format csv` on the real binary: every count matches the database, and
//! no cell can run as a spreadsheet formula.

use crate::common;

use common::Db;

fn records(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn the_csv_holds_what_the_database_holds() {
    let db = Db::new();
    db.ok(&[
        "bodies",
        "add",
        "ZZ1",
        "--name",
        "=HYPERLINK(\"http://evil\")\x1b[2J Trust",
        "--kind",
        "acute",
    ]);
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2,ZZ1"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2",
        "sent",
        "--on",
        "2026-10-01",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    for (q, outcome, ex) in [(1, "answered", None), (5, "refused", Some("s43"))] {
        let mut args = vec![
            "answer".to_string(),
            "palantir-fdp/RJ1".into(),
            "--question".into(),
            q.to_string(),
            "--outcome".into(),
            outcome.into(),
        ];
        if let Some(e) = ex {
            args.extend(["--exemption".into(), e.into()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        db.ok(&args);
    }
    db.ok(&[
        "finding",
        "add",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--tag",
        "refusal/s43-commercial",
        "--tag",
        "follow-up",
    ]);
    let out = db.ok(&["export", "palantir-fdp", "--format", "csv"]);
    let (header, rows) = records(&out);
    // 18 columns, one count per outcome (11, "to triage" among the 18), 3 per question.
    assert_eq!(header.len(), 18 + 11 + 7 * 3);
    assert_eq!(rows.len(), 3, "one row per request");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |ods: &str| rows.iter().find(|r| r[col("ods_code")] == ods).unwrap();

    // Statuses and due dates agree with `list --json`.
    let list = db.json(&["list", "palantir-fdp"]);
    for item in list.as_array().unwrap() {
        let r = row(item["ods"].as_str().unwrap());
        assert_eq!(r[col("status")], item["status"].as_str().unwrap());
    }
    // The answered body: outcomes, exemptions and tags per question; Q2 left unanswered.
    let rj1 = row("RJ1");
    assert_eq!(rj1[col("q1_outcome")], "answered");
    assert_eq!(rj1[col("q5_outcome")], "refused");
    assert_eq!(rj1[col("q5_exemptions")], "s.43");
    assert_eq!(rj1[col("q5_tags")], "follow-up; refusal/s43-commercial");
    assert_eq!(rj1[col("q2_outcome")], "");
    assert_eq!(rj1[col("responded")], "2026-10-20");
    assert_eq!(
        rj1[col("answered")],
        "1",
        "one answered, one refused: not 2"
    );
    assert_eq!(rj1[col("outcome_refused")], "1");
    // No response yet, and not even sent.
    assert_eq!(row("RJ2")[col("q1_outcome")], "");
    assert_eq!(row("RJ2")[col("responded")], "");
    let hostile = &row("ZZ1")[col("body")];
    assert!(hostile.starts_with("'="), "{hostile}");
    assert!(
        !hostile.contains('\x1b') && hostile.contains("\\x1b[2J"),
        "{hostile}"
    );
}

#[test]
fn a_campaign_not_yet_sent_exports_its_questions_columns() {
    let db = Db::new();
    db.ok(&["init"]);
    let (header, rows) = records(&db.ok(&["export", "palantir-fdp", "--format", "csv"]));
    assert!(rows.is_empty());
    assert_eq!(header.len(), 18 + 11 + 7 * 3, "{header:?}");
    assert_eq!(header.last().map(String::as_str), Some("q7_tags"));
}

#[test]
fn out_writes_a_file_and_an_unknown_campaign_is_refused() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1"]);
    let path = db.path.with_file_name("out.csv");
    db.ok(&["export", "palantir-fdp", "--out", path.to_str().unwrap()]);
    let (_, rows) = records(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(rows.len(), 1);
    let err = db.refused(&["export", "nope"]);
    assert!(err.contains("campaign list"), "{err}");
}

/// The events of an iCalendar file, parsed back by the iCalendar crate: (UID, start date).
fn ics_events(text: &str) -> Vec<(String, String)> {
    use icalendar::{Component, DatePerhapsTime};
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the file parses as iCalendar");
    let cal: icalendar::Calendar = parsed.into();
    cal.events()
        .map(|e| {
            let start = match e.get_start() {
                Some(DatePerhapsTime::Date(d)) => d.to_string(),
                other => panic!("not an all-day event: {other:?}"),
            };
            (e.get_uid().unwrap().to_string(), start)
        })
        .collect()
}

#[test]
fn the_calendar_parses_and_keeps_its_identifiers() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2,RJ6"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2",
        "sent",
        "--on",
        "2026-11-02",
    ]);
    let first = ics_events(&db.ok(&["export", "palantir-fdp", "--format", "ics"]));
    // RJ6 was never sent: nothing is owed, no event.
    assert_eq!(first.len(), 2);
    let list = db.json(&["list", "palantir-fdp"]);
    for item in list.as_array().unwrap() {
        let ods = item["ods"].as_str().unwrap();
        let uid = format!("palantir-fdp-{}-response@foiboard", ods.to_lowercase());
        let found = first.iter().find(|(u, _)| *u == uid);
        match item["due"].as_str() {
            Some(due) => assert_eq!(found.unwrap().1, due),
            None => assert!(found.is_none()),
        }
    }
    // A clarification moves RJ1's date: the same UID carries the new date.
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "clarification-requested",
        "--on",
        "2026-11-05",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "clarified",
        "--on",
        "2026-11-10",
    ]);
    let second = ics_events(&db.ok(&["export", "palantir-fdp", "--format", "ics"]));
    let uids = |v: &[(String, String)]| v.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&second));
    let rj1 = |v: &[(String, String)]| {
        v.iter()
            .find(|(u, _)| u.contains("-rj1-"))
            .unwrap()
            .1
            .clone()
    };
    assert_ne!(rj1(&first), rj1(&second));
}

#[test]
fn all_campaigns_in_one_csv_or_calendar() {
    let db = Db::new();
    let file = db.dir.path().join("second.md");
    std::fs::write(
        &file,
        "Title: A second campaign\nSlug: second\n\n1. One question?\n",
    )
    .unwrap();
    db.ok(&["campaign", "create", "--file", &file.to_string_lossy()]);
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2"]);
    db.ok(&["request", "add", "second/ods:RJ1"]);
    db.ok(&["event", "second/RJ1", "sent", "--on", "2026-11-02"]);
    db.ok(&["event", "palantir-fdp/RJ2", "sent", "--on", "2026-11-03"]);
    let (header, rows) = records(&db.ok(&["export", "--all"]));
    assert_eq!(rows.len(), 3);
    let campaigns: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(campaigns.iter().filter(|c| **c == "second").count(), 1);
    // As many question columns as the longest campaign asks.
    assert!(header.contains(&"q7_outcome".to_string()));
    let ics = db.ok(&["export", "--all", "--format", "ics"]);
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("second-rj1-response@foiboard"));
    let err = db.refused(&["export", "--all", "--format", "json"]);
    assert!(err.contains("one campaign at a time"), "{err}");
    let err = db.cmd().args(["export"]).output().unwrap();
    assert_eq!(err.status.code(), Some(2), "a campaign or --all is needed");
}

/// RJ1 replied: 3 questions answered (one partly), 1 refused under s.43, 3 not answered.
fn three_of_seven(db: &Db) {
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    for (q, outcome) in [
        ("1", "answered"),
        ("2", "answered"),
        ("3", "partial"),
        ("4", "refused"),
        ("5", "not-answered"),
        ("6", "not-answered"),
        ("7", "not-answered"),
    ] {
        let mut args = vec![
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            q,
            "--outcome",
            outcome,
        ];
        if outcome == "refused" {
            args.extend(["--exemption", "s43"]);
        }
        db.ok(&args);
    }
}

#[test]
fn three_answered_of_seven_reads_as_three_everywhere() {
    let db = Db::new();
    three_of_seven(&db);
    let list = db.ok(&["list", "palantir-fdp"]);
    assert!(
        list.contains("3/7 answered, 1 refused, 3 not answered"),
        "{list}"
    );
    assert!(!list.contains("7/7"), "{list}");
    let json = db.json(&["list", "palantir-fdp"]);
    let row = &json.as_array().unwrap()[0];
    assert_eq!(row["answered"], 3);
    assert_eq!(row["outcomes"]["answered"], 2);
    assert_eq!(row["outcomes"]["partial"], 1);
    assert_eq!(row["outcomes"]["refused"], 1);
    assert_eq!(row["outcomes"]["not-answered"], 3);
    // Still inside the review window, with questions unanswered: a review to consider.
    assert!(row["review_to_consider"].is_string(), "{row}");
    let col = |name: &str| cell(&db, "RJ1", name);
    assert_eq!(col("answered"), "3");
    assert_eq!(col("outcome_refused"), "1");
    assert_eq!(col("outcome_not-answered"), "3");
    assert_eq!(col("outcome_partial"), "1");
}

#[test]
fn overdue_includes_the_long_overdue_and_long_overdue_picks_them_out() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    // RJ1 sent in June: long overdue by November; RGT due at the end of October.
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-06-01"]);
    db.ok(&["event", "palantir-fdp/RGT", "sent", "--on", "2026-10-01"]);
    let ods = |args: &[&str]| -> Vec<String> {
        db.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["ods"].as_str().unwrap().to_string())
            .collect()
    };
    let late = ods(&["list", "palantir-fdp", "--status", "overdue"]);
    assert_eq!(late.len(), 2, "{late:?}");
    assert_eq!(
        ods(&["list", "palantir-fdp", "--status", "long-overdue"]),
        ["RJ1"]
    );
}

#[test]
fn a_second_reply_is_refused_with_the_day_the_first_was_recorded() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-09-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-09-20",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-requested",
        "--on",
        "2026-09-25",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-responded",
        "--on",
        "2026-10-10",
        "--outcome",
        "upheld",
    ]);
    // Whether the new one is dated before or after the recorded one, the recorded day.
    for on in ["2026-10-05", "2026-11-23"] {
        let err = db.refused(&[
            "event",
            "palantir-fdp/RJ1",
            "review-responded",
            "--on",
            on,
            "--outcome",
            "upheld",
        ]);
        assert!(
            err.contains("already answered on 2026-10-10"),
            "{on}: {err}"
        );
    }
    let err = db.refused(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-09-10",
    ]);
    assert!(err.contains("already answered on 2026-09-20"), "{err}");
}

#[test]
fn the_calendar_names_foiboard_and_the_author_falls_back_to_the_login_name() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-11-02"]);
    let ics = db.ok(&["export", "palantir-fdp", "--format", "ics"]);
    assert!(
        ics.contains(&format!(
            "PRODID:-//foiboard//foiboard {}//EN",
            env!("CARGO_PKG_VERSION")
        )),
        "{ics}"
    );
    assert!(!ics.contains("ICALENDAR-RS"), "{ics}");
    // No $USER, $LOGNAME or FOIBOARD_USER (a cron job): the system's name for this user.
    let out = db
        .cmd()
        .env_remove("FOIBOARD_USER")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .args([
            "event",
            "palantir-fdp/RJ1",
            "note",
            "--on",
            "2026-11-03",
            "--note",
            "x",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let login = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let login = String::from_utf8_lossy(&login.stdout).trim().to_string();
    let history = db.ok(&["history", "--json"]);
    assert!(
        history.contains(&format!("\"author\": \"{login}\"")),
        "{history}"
    );
    assert!(!history.contains("unknown"), "{history}");
}

/// A cell of the campaign's spreadsheet: row `ods`, column `column`.
fn cell(db: &Db, ods: &str, column: &str) -> String {
    let csv = db.ok(&["export", "palantir-fdp", "--format", "csv"]);
    common::csv_cell(&csv, ods, column)
}

/// A finding is read into its cell by the question its answer is to, which the database keeps
/// on the finding and its tags: right after it is added, after an undo brings it back, and
/// after the row is edited by hand to name another question.
#[test]
fn a_finding_stays_in_its_answers_cell_through_undo_and_hand_edits() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    for q in ["1", "5"] {
        db.ok(&[
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            q,
            "--outcome",
            "answered",
        ]);
    }
    db.ok(&[
        "finding",
        "add",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--tag",
        "fdp/in-use",
    ]);
    assert_eq!(cell(&db, "RJ1", "q5_tags"), "fdp/in-use");
    let id = db.json(&["finding", "list"])[0]["id"].as_i64().unwrap();
    db.ok(&["finding", "remove", &id.to_string()]);
    assert_eq!(cell(&db, "RJ1", "q5_tags"), "");
    db.ok(&["undo"]);
    assert_eq!(cell(&db, "RJ1", "q5_tags"), "fdp/in-use");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch(
        "UPDATE findings SET question_id = (SELECT min(id) FROM questions);
         UPDATE finding_tags SET question_id = (SELECT min(id) FROM questions);",
    )
    .unwrap();
    drop(conn);
    assert_eq!(
        (cell(&db, "RJ1", "q1_tags"), cell(&db, "RJ1", "q5_tags")),
        (String::new(), "fdp/in-use".to_string())
    );
    // Redo removes it again, undo brings it back: the row is the change's either way.
    db.ok(&["redo"]);
    assert_eq!(cell(&db, "RJ1", "q5_tags"), "");
    db.ok(&["undo"]);
    assert_eq!(cell(&db, "RJ1", "q5_tags"), "fdp/in-use");
}
