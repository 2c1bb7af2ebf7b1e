//! The post-response law as a group sees it on the command line: each date with the rule that
//! produced it, reviews with their own outcomes, and `deadline` counting the group's way.

use crate::common;

use common::Db;

/// A Scottish board (FOISA) and an English trust (FOIA) in the campaign, both sent.
fn two_regimes() -> Db {
    let db = Db::new();
    db.ok(&[
        "bodies",
        "add",
        "SB0801",
        "--name",
        "NHS Lothian",
        "--nation",
        "Scotland",
        "--kind",
        "health-board",
    ]);
    db.ok(&["request", "add", "palantir-fdp/ods:SB0801,RJ1"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:SB0801,RJ1",
        "sent",
        "--on",
        "2026-03-02",
    ]);
    db
}

#[test]
fn show_says_which_rule_produced_each_date_after_the_response() {
    let db = two_regimes();
    db.ok(&[
        "event",
        "palantir-fdp/SB0801",
        "responded",
        "--on",
        "2026-03-20",
    ]);
    let out = db.ok(&["show", "palantir-fdp/SB0801"]);
    let line = out
        .lines()
        .find(|l| l.contains("ask for a review by"))
        .unwrap();
    assert!(line.contains("2026-05-28"), "{line}");
    assert!(line.contains("FOISA s.20(5)(a)"), "{line}");
    assert!(out.contains("s.47(1)"), "{out}");
    assert!(!out.contains("regulator complaint by"), "{out}");
    let j = db.json(&["show", "palantir-fdp/SB0801"]);
    assert_eq!(j["review_request_by"], "2026-05-28");
    assert!(j["ico_complaint_by"].is_null());
    assert!(j["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["field"] == "review_request_by"));
}

#[test]
fn review_outcomes_are_their_own_words_everywhere() {
    let db = two_regimes();
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-03-25",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-requested",
        "--on",
        "2026-04-20",
    ]);
    let before = db.state();
    for bad in ["pending", "clarification-sought", "answered"] {
        let err = db.refused(&[
            "event",
            "palantir-fdp/RJ1",
            "review-responded",
            "--on",
            "2026-05-12",
            "--outcome",
            bad,
        ]);
        assert!(
            err.contains("upheld, partly-overturned, overturned"),
            "{err}"
        );
    }
    let err = db.refused(&[
        "event",
        "palantir-fdp/RJ1",
        "acknowledged",
        "--on",
        "2026-04-21",
        "--outcome",
        "upheld",
    ]);
    assert!(err.contains("has no outcome"), "{err}");
    assert_eq!(before, db.state());
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-responded",
        "--on",
        "2026-05-12",
        "--outcome",
        "confirmed with modifications",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["review_outcome"], "partly-overturned");
    assert_eq!(show["ico_complaint_by"], "2026-06-23");
    assert!(db
        .ok(&["show", "palantir-fdp/RJ1"])
        .contains("review-responded [partly-overturned]"));
    let csv = db.ok(&["export", "palantir-fdp"]);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let head = rd.headers().unwrap().clone();
    let col = head.iter().position(|h| h == "review_outcome").unwrap();
    let row = rd
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[1] == "RJ1")
        .unwrap();
    assert_eq!(&row[col], "partly-overturned");
    // A second answer to the same review says when the first came.
    let err = db.refused(&[
        "event",
        "palantir-fdp/RJ1",
        "review-responded",
        "--on",
        "2026-05-13",
    ]);
    assert!(err.contains("already answered on 2026-05-12"), "{err}");
}

#[test]
fn the_report_counts_reviews_by_outcome_and_overdue() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT,RJ2,RJ6"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RGT,RJ2,RJ6",
        "sent",
        "--on",
        "2026-03-02",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RGT,RJ2,RJ6",
        "responded",
        "--on",
        "2026-03-25",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RGT,RJ2",
        "review-requested",
        "--on",
        "2026-04-20",
    ]);
    for (ods, outcome) in [("RJ1", "upheld"), ("RGT", "overturned")] {
        db.ok(&[
            "event",
            &format!("palantir-fdp/{ods}"),
            "review-responded",
            "--on",
            "2026-05-12",
            "--outcome",
            outcome,
        ]);
    }
    let report = db.ok(&["report", "palantir-fdp"]);
    assert!(
        report.contains("3 asked, 2 answered: 1 upheld, 1 overturned; 1 overdue"),
        "{report}"
    );
}

#[test]
fn a_late_reply_after_a_review_of_non_response_can_be_recorded() {
    let db = two_regimes();
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-requested",
        "--on",
        "2026-04-10",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-04-20",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["responded"], "2026-04-20");
    assert_eq!(show["status"], "review-overdue");
}

#[test]
fn deadline_counts_the_groups_way_unless_told_and_says_which() {
    let db = Db::new();
    // Saturday 14 March 2026: the ICO's way counts from the Saturday, the other from Monday.
    let ico = db.ok(&["deadline", "2026-03-14"]);
    db.ok(&["config", "convention", "next-working-day"]);
    let out = db.cmd().args(["deadline", "2026-03-14"]).output().unwrap();
    let group = String::from_utf8(out.stdout).unwrap();
    let note = String::from_utf8(out.stderr).unwrap();
    assert_ne!(ico, group, "the group's convention moves the date");
    assert!(
        note.contains("group's next-working-day convention"),
        "{note}"
    );
    assert_eq!(
        ico,
        db.ok(&["deadline", "2026-03-14", "--convention", "ico"])
    );
    let explained = db.ok(&["deadline", "2026-03-14", "--explain"]);
    assert!(explained.contains("next-working-day convention (the group's setting)"));
    let j = db.json(&["deadline", "2026-03-14"]);
    assert_eq!(j["convention"], "next-working-day");
    assert_eq!(j["convention_from"], "group setting");
}

#[test]
fn deadline_takes_the_words_its_message_offers() {
    let db = Db::new();
    for word in ["today", "yesterday", "-3"] {
        let out = db.ok(&["deadline", word]);
        assert_eq!(out.trim().len(), 10, "{word}: {out}");
    }
    assert_eq!(
        db.json(&["deadline", "-3"])["received"],
        "2026-11-20",
        "three days before {}",
        common::TODAY
    );
}
