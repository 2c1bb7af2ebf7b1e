//! Databases made by every earlier schema (fixtures under `tests/fixtures/`, each written by
//! the foiboard of its day) open in this one, upgraded in place with their records intact and
//! every newer feature working on them. A newer database is refused: see `cli_bad_input.rs`.

use crate::common;

use common::{fixture, Db};

/// A copy of the fixture database written by schema `version`.
fn old_database(version: u32) -> Db {
    let db = Db::new();
    std::fs::copy(fixture(&format!("schema-{version}.db")), &db.path).unwrap();
    db
}

fn user_version(db: &Db) -> i64 {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn every_earlier_schema_upgrades_in_place() {
    let current = {
        let db = Db::new();
        db.ok(&["init"]);
        user_version(&db)
    };
    for version in [1, 2] {
        let db = old_database(version);
        assert_eq!(user_version(&db), version as i64);
        // The records written then, read now.
        let rj1 = db.json(&["show", "palantir-fdp/RJ1"]);
        assert_eq!(user_version(&db), current, "schema {version} was upgraded");
        assert_eq!(rj1["status"], "responded", "schema {version}");
        assert_eq!(rj1["received"], "2026-10-01");
        let q5 = &rj1["answers"][0];
        assert_eq!(
            (q5["question"].as_u64(), q5["outcome"].as_str()),
            (Some(5), Some("refused"))
        );
        assert_eq!(q5["exemptions"], serde_json::json!(["s.43"]));
        assert_eq!(
            rj1["findings"][0]["tags"],
            serde_json::json!(["refusal/s43-commercial"])
        );
        assert_eq!(
            db.json(&["list", "palantir-fdp"]).as_array().unwrap().len(),
            3
        );
        // What came later works on old records: search finds them, mail goes in, the board's
        // report counts them, a backup checks out.
        let hits = db.json(&["search", "withheld"]);
        assert!(
            !hits.as_array().unwrap().is_empty(),
            "schema {version}: search found nothing"
        );
        db.ok(&["import", "mail", &fixture("mail/plain.eml")]);
        assert_eq!(db.json(&["mail", "list"])[0]["request"]["ods"], "RJ1");
        // The regime CHECKs widened in the schema's text (schema 12) take the Scottish EIRs.
        db.ok(&[
            "bodies",
            "add",
            "SEPA1",
            "--name",
            "Scottish Environment Protection Agency",
            "--kind",
            "agency",
            "--nation",
            "Scotland",
            "--regime",
            "eisr",
        ]);
        let sepa = db.json(&["bodies", "--search", "Scottish Environment"]);
        assert_eq!(sepa[0]["regime"], "eisr", "schema {version}: {sepa}");
        db.ok(&["undo"]);
        let report = db.ok(&["report", "palantir-fdp"]);
        assert!(report.contains("| refused | 1 |"), "{report}");
        // The finding made then is found by the question it is to (schema 15): the
        // spreadsheet's cell names its tag.
        let csv = db.ok(&["export", "palantir-fdp", "--format", "csv"]);
        assert!(
            csv.lines()
                .any(|l| l.contains(",RJ1,") && l.contains("refusal/s43-commercial")),
            "schema {version}: {csv}"
        );
        let backup = db.dir.path().join("backup.db");
        db.ok(&["backup", &backup.to_string_lossy()]);
        // Undo takes back the import, and still reaches a change made before the upgrade
        // (the finding, added by the fixture's author).
        db.ok(&["undo"]);
        assert!(db.json(&["mail", "list"]).as_array().unwrap().is_empty());
        let out = db
            .cmd()
            .env("FOIBOARD_USER", "fixture")
            .arg("undo")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            db.json(&["finding", "list"]).as_array().unwrap().is_empty(),
            "schema {version}"
        );
    }
}
