//! A whole campaign through the real binary, checked against hand-computed dates.

use crate::common;

use common::Db;
use serde_json::Value;

fn d(v: &Value) -> &str {
    v.as_str().unwrap_or("null")
}

#[test]
fn a_whole_campaign_from_seed_to_review() {
    let db = Db::new();
    let out = db.ok(&["init"]);
    assert!(out.contains("248 bodies"), "{out}");
    let out = db.ok(&["request", "add", "palantir-fdp/nation:England"]);
    assert!(out.starts_with("238 request(s) created"), "{out}");
    let out = db.ok(&["request", "add", "palantir-fdp/kind:icb"]);
    assert!(
        out.starts_with("0 request(s) created, 36 already there"),
        "{out}"
    );

    // Every ICB sent on Thursday 1 October 2026: due Thursday 29 October, overdue by 23 November.
    db.ok(&[
        "event",
        "palantir-fdp/kind:icb",
        "sent",
        "--on",
        "2026-10-01",
    ]);
    let icbs: Vec<Value> = db
        .json(&["list", "palantir-fdp", "--status", "overdue"])
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(icbs.len(), 36);
    assert!(icbs.iter().all(|r| d(&r["due"]) == "2026-10-29"));
    // 30 Oct, 2-6, 9-13, 16-20, 23 Nov: 17 working days late.
    assert!(
        icbs.iter().all(|r| r["working_days_left"] == -17),
        "{:?}",
        icbs[0]
    );

    // Guy's and St Thomas': sent Monday 2 November; St Andrew's Day (Mon 30 Nov, Scotland) is skipped.
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-11-02"]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(d(&show["due"]), "2026-12-01");
    assert!(show["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["date"] == "2026-11-30"
            && s["reason"]
                .as_str()
                .unwrap()
                .starts_with("St Andrew's Day (Scotland)")));

    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "acknowledged",
        "--on",
        "2026-11-03",
        "--ref",
        "FOI-2611-042",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "clarification-requested",
        "--on",
        "2026-11-04",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["status"], "clarification");
    assert_eq!(show["due"], Value::Null);
    // Clarified Monday 9 November: 20 working days from then, St Andrew's Day skipped: 8 December.
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "clarified",
        "--on",
        "2026-11-09",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["status"], "awaiting");
    assert_eq!(show["reference"], "FOI-2611-042");
    assert_eq!(d(&show["received"]), "2026-11-02");
    assert_eq!(d(&show["due"]), "2026-12-08");
    // 40 working days: past Christmas (Fri 25), Boxing Day's substitute (Mon 28), New Year's
    // Day (Fri 1 Jan) and Scotland's 2 January substitute (Mon 4 Jan 2027).
    assert_eq!(d(&show["long_overdue_after"]), "2027-01-11");
    assert_eq!(show["working_days_left"], 10);

    // A public interest extension on an ICB, notified late, to a stated date beyond 40 days.
    db.ok(&[
        "event",
        "palantir-fdp/QWE",
        "extended",
        "--on",
        "2026-11-02",
        "--until",
        "2026-12-18",
    ]);
    let ext = db.json(&["show", "palantir-fdp/QWE"]);
    assert_eq!(d(&ext["statutory_due"]), "2026-10-29");
    assert_eq!(d(&ext["due"]), "2026-12-18");
    // Day 40 from 1 October is Thursday 26 November: in time on the 23rd, by the extension.
    assert_eq!(d(&ext["long_overdue_after"]), "2026-11-26");
    assert_eq!(ext["status"], "awaiting");
    let warnings = ext["warnings"].to_string();
    assert!(
        warnings.contains("after the 20-working-day deadline"),
        "{warnings}"
    );
    assert!(warnings.contains("beyond 40 working days"), "{warnings}");

    // The response, answers and findings.
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-11-20",
        "--outcome",
        "partial",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
        "--text",
        "We use FDP for theatre scheduling.",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "2",
        "--outcome",
        "not-held",
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
        "--exemption",
        "S.12",
    ]);
    db.ok(&[
        "finding",
        "add",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--tag",
        "fdp/in-use",
        "--tag",
        "quote",
        "--note",
        "Theatre scheduling",
        "--quote",
        "We use FDP for theatre scheduling.",
    ]);
    db.ok(&[
        "finding",
        "add",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--tag",
        "refusal/s43-commercial",
    ]);

    // The review: asked Monday 23 November; 20 working days is Tuesday 22 December.
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-requested",
        "--on",
        "2026-11-23",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["status"], "review");
    assert_eq!(d(&show["responded"]), "2026-11-20");
    assert_eq!(show["responded_late"], false);
    assert_eq!(d(&show["review_due"]), "2026-12-22");
    // While the review is pending there is no "complain by" date: the ICO takes a complaint
    // from the day after the review is overdue.
    assert!(show["ico_complaint_by"].is_null());
    assert_eq!(d(&show["ico_complaint_from"]), "2026-12-23");
    assert_eq!(show["events"].as_array().unwrap().len(), 6);
    let answers = show["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[2]["question"], 5);
    assert_eq!(answers[2]["outcome"], "refused");
    assert_eq!(
        answers[2]["exemptions"],
        serde_json::json!(["s.43", "s.12"])
    );
    let findings = show["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(
        findings[0]["tags"],
        serde_json::json!(["fdp/in-use", "quote"])
    );
    assert_eq!(findings[0]["quote"], "We use FDP for theatre scheduling.");
    // The request's findings are counted wherever a summary is given as JSON (text listings
    // leave that pass out: they never show the number).
    let listed = db.json(&["list", "palantir-fdp"]);
    let rj1 = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ods"] == "RJ1")
        .unwrap();
    assert_eq!(rj1["findings"], 2);

    // Listing by tag finds the finding through its parent.
    let by_parent = db.json(&["finding", "list", "palantir-fdp", "--tag", "refusal"]);
    assert_eq!(by_parent.as_array().unwrap().len(), 1);

    // The daily reminder: ICBs overdue first; RJ1 owes a review due in 21 working days, so not listed.
    let due = db.json(&["due", "--within", "5"]);
    let due = due.as_array().unwrap();
    assert_eq!(
        due.len(),
        35,
        "the extended ICB is not due within 5 working days"
    );
    assert!(due.iter().all(|r| r["kind"] == "icb"));
}

#[test]
fn init_twice_leaves_one_copy_of_everything() {
    let db = Db::new();
    let first = db.ok(&["init"]);
    assert!(
        first.contains("248 bodies, 472 holidays, 1 campaign(s), 21 tags"),
        "{first}"
    );
    let second = db.ok(&["init"]);
    assert!(
        second.contains("0 bodies, 0 holidays, 0 campaign(s), 0 tags"),
        "{second}"
    );
    assert_eq!(db.json(&["bodies"]).as_array().unwrap().len(), 248);
    assert_eq!(db.json(&["campaign", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(db.json(&["tags"]).as_array().unwrap().len(), 21);
    let c = db.json(&["campaign", "show", "palantir-fdp"]);
    assert_eq!(c["questions"].as_array().unwrap().len(), 7);
    assert_eq!(
        c["questions"][6]["text"].as_str().unwrap(),
        "How has your organisation considered the risk of reputational damage to the NHS arising from involvement with Palantir, in view of its US roles with ICE as recently reported in the BMJ (ICE and Palantir: US agents using health data to hunt illegal immigrants, Published 27 January 2026). Please provide copies of any reports or meeting minutes that record the results of such assessments."
    );
}

#[test]
fn demo_is_deterministic_and_at_every_stage() {
    let a = Db::new();
    let b = Db::new();
    a.ok(&["init", "--demo"]);
    b.ok(&["init", "--demo"]);
    let la = a.ok(&["list", "palantir-fdp", "--json"]);
    assert_eq!(la, b.ok(&["list", "palantir-fdp", "--json"]));
    let rows: Vec<Value> = serde_json::from_str(&la).unwrap();
    for status in [
        "not-sent",
        "awaiting",
        "overdue",
        "long-overdue",
        "clarification",
        "responded",
        "review",
    ] {
        assert!(
            rows.iter().any(|r| r["status"] == status),
            "no {status} in the demo"
        );
    }
    // Running it again adds nothing.
    a.ok(&["init", "--demo"]);
    assert_eq!(la, a.ok(&["list", "palantir-fdp", "--json"]));
}

#[test]
fn a_scottish_body_is_counted_under_foisa() {
    let db = Db::new();
    db.ok(&[
        "bodies",
        "add",
        "SA9",
        "--name",
        "NHS Lothian",
        "--nation",
        "Scotland",
        "--kind",
        "health_board",
    ]);
    db.ok(&["request", "add", "palantir-fdp/SA9"]);
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    // Received Thursday 12 March 2026: FOISA skips only Good Friday; FOIA also St Patrick's Day and Easter Monday.
    db.ok(&[
        "event",
        "palantir-fdp/ods:SA9,RJ1",
        "sent",
        "--on",
        "2026-03-12",
    ]);
    assert_eq!(db.json(&["show", "palantir-fdp/SA9"])["due"], "2026-04-10");
    assert_eq!(db.json(&["show", "palantir-fdp/RJ1"])["due"], "2026-04-14");
    assert_eq!(db.json(&["show", "palantir-fdp/SA9"])["regime"], "foisa");
}

#[test]
fn undo_after_deleting_a_finding_brings_it_back_with_its_tags() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
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
    ]);
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
        "--quote",
        "commercially sensitive",
    ]);
    let before = db.json(&["finding", "list"]);
    let id = before[0]["id"].as_i64().unwrap().to_string();
    db.ok(&["finding", "remove", &id]);
    assert_eq!(db.json(&["finding", "list"]).as_array().unwrap().len(), 0);
    let out = db.ok(&["undo"]);
    assert!(out.contains("delete finding"), "{out}");
    assert_eq!(db.json(&["finding", "list"]), before);
    // Redo deletes it again; undoing twice more takes back the finding's creation.
    db.ok(&["redo"]);
    assert_eq!(db.json(&["finding", "list"]).as_array().unwrap().len(), 0);
}

#[test]
fn undo_is_refused_when_a_colleague_changed_the_row_since() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
    ]);
    // A colleague changes the same answer.
    let out = db
        .cmd()
        .env("FOIBOARD_USER", "colleague")
        .args([
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            "1",
            "--outcome",
            "partial",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = db.refused(&["undo"]);
    assert!(err.contains("changed since"), "{err}");
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ1"])["answers"][0]["outcome"],
        "partial"
    );
}

#[test]
fn backup_is_a_verified_copy() {
    let db = Db::new();
    db.ok(&["init", "--demo"]);
    let copy = db.dir.path().join("copy.db");
    let out = db.ok(&["backup", copy.to_str().unwrap()]);
    assert!(out.contains("integrity check: ok"));
    let copy_db = Db {
        dir: tempfile::tempdir().unwrap(),
        path: copy,
        url: None,
    };
    assert_eq!(
        copy_db.ok(&["list", "palantir-fdp", "--json"]),
        db.ok(&["list", "palantir-fdp", "--json"])
    );
    // An existing file is never overwritten.
    db.refused(&["backup", copy_db.path.to_str().unwrap()]);
}

#[cfg(unix)]
#[test]
fn the_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    let nested = db.dir.path().join("new").join("folder").join("f.db");
    let out = db
        .cmd()
        .env("FOIBOARD_DB", &nested)
        .arg("init")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::metadata(&nested).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(nested.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
}

#[test]
fn tags_rename_with_children_and_merge() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
    ]);
    db.ok(&[
        "finding",
        "add",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--tag",
        "fdp/in-use",
        "--tag",
        "quote",
    ]);
    let out = db.ok(&["tags", "rename", "fdp", "platform"]);
    assert!(out.contains("renamed 4 tag(s)"), "{out}");
    let f = db.json(&["finding", "list"]);
    assert_eq!(
        f[0]["tags"],
        serde_json::json!(["platform/in-use", "quote"])
    );
    db.refused(&["tags", "rename", "platform/planned", "platform/in-use"]);
    db.ok(&["tags", "add", "notable", "--meaning", "worth a look"]);
    db.ok(&["tags", "merge", "quote", "notable"]);
    let f = db.json(&["finding", "list"]);
    assert_eq!(
        f[0]["tags"],
        serde_json::json!(["notable", "platform/in-use"])
    );
    assert!(!db
        .json(&["tags"])
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "quote"));
    // Undo of the merge puts the tag and its link back.
    db.ok(&["undo"]);
    let f = db.json(&["finding", "list"]);
    assert_eq!(
        f[0]["tags"],
        serde_json::json!(["platform/in-use", "quote"])
    );
}

#[test]
fn the_group_convention_moves_weekend_receipts() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-03-14"]);
    // Saturday 14 March 2026 counts like Friday 13th: St Patrick's Day, Good Friday and Easter
    // Monday skipped, due Wednesday 15 April.
    assert_eq!(db.json(&["show", "palantir-fdp/RJ1"])["due"], "2026-04-15");
    db.ok(&["config", "convention", "next-working-day"]);
    assert_eq!(db.json(&["show", "palantir-fdp/RJ1"])["due"], "2026-04-16");
    db.refused(&["config", "convention", "sometimes"]);
    db.refused(&["config", "colour", "red"]);
}
