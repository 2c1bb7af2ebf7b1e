//! WhatDoTheyKnow pages shaped as Alaveteli's `json_for_api` writes them (fixtures in
//! `tests/fixtures/wdtk/real/`): classifications on `status_update` events, responses with only
//! a calculated state, an answer awaiting classification, a bounce and a resend, an EIR
//! request, and the chatter that means nothing for the clock. Each page is its own change.

use crate::common;

use common::Db;

fn real(name: &str) -> String {
    common::fixture(&format!("wdtk/real/{name}"))
}

/// (kind, day, outcome) of a request's events.
fn timeline(db: &Db, target: &str) -> Vec<(String, String, String)> {
    db.json(&["show", target])["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["on"].as_str().unwrap().to_string(),
                e["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn t(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    v.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn import(db: &Db, files: &[&str], extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import".to_string(), "wdtk".to_string()];
    args.extend(files.iter().map(|f| real(f)));
    args.extend(["--campaign".to_string(), "palantir-fdp".to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    db.cmd().args(&args).output().unwrap()
}

fn campaign_with(ods: &str) -> Db {
    let db = Db::new();
    db.ok(&["request", "add", &format!("palantir-fdp/ods:{ods}")]);
    db
}

#[test]
fn an_answer_awaiting_classification_is_a_response_to_triage_not_an_acknowledgement() {
    let db = campaign_with("RGT");
    let out = import(&db, &["awaiting-classification.json"], &[]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("awaits classification"), "{said}");
    assert_eq!(
        timeline(&db, "palantir-fdp/RGT"),
        t(&[
            ("sent", "2026-09-01", ""),
            ("acknowledged", "2026-09-01", ""),
            ("responded", "2026-09-29", ""),
        ])
    );
    let show = db.json(&["show", "palantir-fdp/RGT"]);
    assert_eq!(show["status"], "responded", "not long overdue: it answered");
    assert_eq!(show["responded_late"], false);
}

#[test]
fn classifications_carry_the_outcome_and_chatter_is_counted_in_one_line() {
    let db = campaign_with("RJ6");
    let out = import(&db, &["classified-with-chatter.json"], &[]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        timeline(&db, "palantir-fdp/RJ6"),
        t(&[
            ("sent", "2026-09-01", ""),
            ("acknowledged", "2026-09-02", ""),
            ("responded", "2026-10-19", "answered"),
        ])
    );
    let quiet = said
        .lines()
        .find(|l| l.contains("no meaning for the clock"))
        .unwrap();
    for part in [
        "6 event(s)",
        "2 status update",
        "1 comment",
        "1 overdue notice",
        "1 follow-up (chaser)",
        "1 edit",
    ] {
        assert!(quiet.contains(part), "{part}: {quiet}");
    }
    assert!(
        !said.contains("left out"),
        "chatter is not an error: {said}"
    );
}

#[test]
fn a_resend_after_a_bounce_moves_the_receipt_and_law_used_eir_makes_it_eir() {
    let db = campaign_with("RTH");
    let out = import(&db, &["bounced-resent-eir-review.json"], &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        timeline(&db, "palantir-fdp/RTH"),
        t(&[
            ("sent", "2026-09-03", ""),
            ("responded", "2026-09-30", "partial"),
            ("review-requested", "2026-10-02", ""),
            ("review-responded", "2026-11-20", "upheld"),
        ])
    );
    let show = db.json(&["show", "palantir-fdp/RTH"]);
    assert_eq!(show["regime"], "eir");
    assert_eq!(show["received"], "2026-09-03");
    assert_eq!(show["review_outcome"], "upheld");
    assert_eq!(
        show["wdtk_url"],
        "https://www.whatdotheyknow.com/request/fdp_air_quality_data_oxford"
    );
    assert!(db
        .ok(&["show", "palantir-fdp/RTH"])
        .contains("WhatDoTheyKnow request: https://www.whatdotheyknow.com/request/fdp_air_quality_data_oxford"));
}

#[test]
fn a_status_update_is_never_replayed_as_a_review_request() {
    let db = campaign_with("RJZ");
    let out = import(&db, &["review-classified-only.json"], &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        timeline(&db, "palantir-fdp/RJZ"),
        t(&[
            ("sent", "2026-09-01", ""),
            ("responded", "2026-09-28", "refused"),
        ])
    );
}

#[test]
fn each_page_is_its_own_change_and_a_refused_page_says_why() {
    // RJ6 was recorded as sent on another day; RTH has no request in the campaign.
    let db = campaign_with("RJ6,RGT");
    db.ok(&["event", "palantir-fdp/RJ6", "sent", "--on", "2026-08-28"]);
    let before_rj6 = timeline(&db, "palantir-fdp/RJ6");
    let out = import(
        &db,
        &[
            "classified-with-chatter.json",
            "awaiting-classification.json",
            "bounced-resent-eir-review.json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("refused:") && said.contains("already sent on 2026-08-28"),
        "{said}"
    );
    assert!(
        said.contains("has no request in the campaign 'palantir-fdp': add --add"),
        "{said}"
    );
    assert!(err.contains("2 of 3 page(s) refused"), "{err}");
    // The page that agreed went in; the others changed nothing.
    assert_eq!(timeline(&db, "palantir-fdp/RGT").len(), 3);
    assert_eq!(timeline(&db, "palantir-fdp/RJ6"), before_rj6);
    assert!(db.refused(&["show", "palantir-fdp/RTH"]).contains("RTH"));
    // --add creates the missing request.
    let out = import(&db, &["bounced-resent-eir-review.json"], &["--add"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(timeline(&db, "palantir-fdp/RTH").len(), 4);
}

#[test]
fn a_page_filed_under_another_campaign_is_refused() {
    let db = campaign_with("RGT");
    let file = db.dir.path().join("second.md");
    std::fs::write(
        &file,
        "Title: A second campaign\nSlug: second\n\n1. Do you use the Federated Data Platform?\n",
    )
    .unwrap();
    db.ok(&["campaign", "create", "--file", file.to_str().unwrap()]);
    let out = import(&db, &["awaiting-classification.json"], &[]);
    assert!(out.status.success());
    let out = db
        .cmd()
        .args([
            "import",
            "wdtk",
            &real("awaiting-classification.json"),
            "--campaign",
            "second",
            "--add",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("filed under the campaign 'palantir-fdp'"),
        "{said}"
    );
}

#[test]
fn a_body_and_an_event_are_corrected_undoably_and_never_into_nonsense() {
    let db = campaign_with("RJ1");
    db.ok(&[
        "bodies",
        "edit",
        "RJ1",
        "--foi-email",
        "foi@gstt.example.nhs.uk",
        "--wdtk",
        "guys_and_st_thomas",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["body"]["foi_email"], "foi@gstt.example.nhs.uk");
    assert_eq!(show["body"]["wdtk_url_name"], "guys_and_st_thomas");
    db.ok(&["undo"]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["body"]["foi_email"], "gstt.foi@nhs.net");

    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    let events = db.json(&["show", "palantir-fdp/RJ1"])["events"].clone();
    let sent = events[0]["id"].to_string();
    let responded = events[1]["id"].to_string();
    db.ok(&[
        "event",
        "edit",
        &sent,
        "--on",
        "2026-10-02",
        "--note",
        "by email",
    ]);
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ1"])["received"],
        "2026-10-02"
    );
    db.ok(&[
        "event",
        "edit",
        &responded,
        "--outcome",
        "refused",
        "--ref",
        "FOI/26/1877",
    ]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["events"][1]["outcome"], "refused");
    assert_eq!(show["events"][1]["reference"], "FOI/26/1877");
    let before = db.state();
    // Never into nonsense: a response before the request was sent; removing the sending.
    let err = db.refused(&["event", "edit", &responded, "--on", "2026-09-20"]);
    assert!(err.contains("before the request was sent"), "{err}");
    let err = db.refused(&["event", "remove", &sent]);
    assert!(err.contains("record 'sent' first"), "{err}");
    let err = db.refused(&["event", "edit", &sent, "--outcome", "upheld"]);
    assert!(err.contains("has no outcome"), "{err}");
    assert_eq!(before, db.state());
    db.ok(&["event", "remove", &responded]);
    assert_eq!(db.json(&["show", "palantir-fdp/RJ1"])["status"], "overdue");
    db.ok(&["undo"]);
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ1"])["status"],
        "responded"
    );
    let err = db.refused(&["event", "remove", "99999"]);
    assert!(err.contains("no event 99999"), "{err}");
}
