//! Crash safety: a process killed (SIGKILL, no chance to clean up) in the middle of a large
//! import leaves the database as it was before the command, and whole.

use crate::common;

use std::time::{Duration, Instant};

use common::Db;

#[cfg(unix)]
#[test]
fn a_kill_in_the_middle_of_an_import_leaves_the_database_as_it_was() {
    // A whole generated campaign (238 requests, their events, answers and findings) as a file.
    let source = Db::new();
    source.ok(&["demo", "--scale", "campaign"]);
    let file = source.dir.path().join("campaign.json");
    source.ok(&[
        "export",
        "synthetic-01",
        "--format",
        "json",
        "--out",
        &file.to_string_lossy(),
    ]);

    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let before = db.state();
    let campaigns = db.ok(&["campaign", "list"]);
    let wal = format!("{}-wal", db.path.display());
    let wal_size = || std::fs::metadata(&wal).map_or(0, |m| m.len());
    let start_size = wal_size();

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_foiboard"))
        .env("FOIBOARD_DB", &db.path)
        .env("FOIBOARD_TODAY", common::TODAY)
        .env("FOIBOARD_USER", "tester")
        .args(["import", "json", &file.to_string_lossy()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import's transaction has written a good part of its pages, then kill.
    let started = Instant::now();
    while wal_size() < start_size + 2 * 1024 * 1024 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be interrupted: make the campaign larger"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the import never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished");

    // Nothing of the import is there; the database opens, checks and works as before.
    assert_eq!(campaigns, db.ok(&["campaign", "list"]));
    assert_eq!(before, db.state());
    let store = foiboard::store::Store::open(&db.path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    // And the same import, run to the end, goes in whole.
    db.ok(&["import", "json", &file.to_string_lossy()]);
    assert_eq!(
        db.json(&["list", "synthetic-01"]).as_array().unwrap().len(),
        238
    );
}
