//! `due` reads only the requests that can still be due, and must agree with what `list` says
//! of every request in every campaign: the prefilter may skip work, never a request.

use crate::common;

use common::Db;

#[test]
fn due_agrees_with_every_campaigns_list() {
    let db = Db::new();
    let file = db.dir.path().join("second.md");
    std::fs::write(
        &file,
        "Title: A second campaign\nSlug: second\n\n1. Do you use the Federated Data Platform?\n",
    )
    .unwrap();
    db.ok(&["campaign", "create", "--file", file.to_str().unwrap()]);
    let ods = [
        "RJ1", "RJ2", "RJ6", "RJ7", "RGT", "RTH", "RJZ", "RRV", "R1H", "RYJ", "RAL", "R0A",
    ];
    for c in ["palantir-fdp", "second"] {
        db.ok(&["request", "add", &format!("{c}/ods:{}", ods.join(","))]);
        db.ok(&[
            "event",
            &format!("{c}/ods:{}", ods[..11].join(",")),
            "sent",
            "--on",
            "2026-09-01",
        ]);
    }
    let ev = |target: &str, kind: &str, on: &str| {
        db.ok(&["event", target, kind, "--on", on]);
    };
    for c in ["palantir-fdp", "second"] {
        let t = |o: &str| format!("{c}/{o}");
        ev(&t("RJ2"), "responded", "2026-09-20");
        ev(&t("RJ6"), "responded", "2026-09-20");
        ev(&t("RJ6"), "review-requested", "2026-10-01");
        ev(&t("RJ7"), "responded", "2026-09-20");
        ev(&t("RJ7"), "review-requested", "2026-10-01");
        ev(&t("RJ7"), "review-responded", "2026-10-20");
        ev(&t("RGT"), "clarification-requested", "2026-09-05");
        ev(&t("RTH"), "clarification-requested", "2026-09-05");
        ev(&t("RTH"), "clarified", "2026-11-10");
        ev(&t("RJZ"), "withdrawn", "2026-09-10");
        ev(&t("RRV"), "extended", "2026-09-25");
        ev(&t("R1H"), "fee-notice", "2026-09-10");
        ev(&t("RYJ"), "review-requested", "2026-10-20");
        ev(&t("RAL"), "responded", "2026-10-30");
        ev(&t("RAL"), "review-requested", "2026-11-02");
        ev(&t("RAL"), "ico-complaint", "2026-11-20");
    }
    for within in ["0", "5", "30", "400"] {
        let due = db.json(&["due", "--within", within]);
        let mut from_due: Vec<(String, String)> = due
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["campaign"].to_string(), r["ods"].to_string()))
            .collect();
        let mut from_list = Vec::new();
        for c in ["palantir-fdp", "second"] {
            for r in db.json(&["list", c]).as_array().unwrap() {
                if r["working_days_left"]
                    .as_i64()
                    .is_some_and(|left| left <= within.parse::<i64>().unwrap())
                {
                    from_list.push((r["campaign"].to_string(), r["ods"].to_string()));
                }
            }
        }
        from_due.sort();
        from_list.sort();
        assert_eq!(from_due, from_list, "within {within}");
        if within == "400" {
            assert!(from_due.len() >= 10, "{from_due:?}");
        }
    }
}
