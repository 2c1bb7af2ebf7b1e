//! Nothing anyone recorded is lost or misfiled: files the user names never destroy anything,
//! bad input is refused at the door with one sentence, text waiting to be read is never
//! counted as answered, and what foiboard prints cannot act on the terminal.

use crate::common;

use std::path::Path;

use common::{fixture, Db};

fn seeded() -> Db {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT,RJ2"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db
}

/// The binary as a plain process, for tests that set up its standard streams themselves.
fn plain_cmd(db: &Db) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_foiboard"));
    c.env("FOIBOARD_DB", &db.path)
        .env("FOIBOARD_TODAY", common::TODAY)
        .env("FOIBOARD_USER", "tester");
    c
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

// --- `--out` never destroys anything -------------------------------------------------------

#[test]
fn out_naming_the_database_or_its_companions_is_refused() {
    let db = seeded();
    let before = bytes(&db.path);
    let db_name = db.path.to_string_lossy().into_owned();
    for target in [
        db_name.clone(),
        format!("{db_name}-wal"),
        format!("{db_name}-shm"),
        db.dir
            .path()
            .join("campaign-attachments/x.md")
            .to_string_lossy()
            .into_owned(),
        db.dir
            .path()
            .join("campaign-drafts/x.md")
            .to_string_lossy()
            .into_owned(),
        // The same file by another spelling.
        db.dir
            .path()
            .join("sub/../campaign.db")
            .to_string_lossy()
            .into_owned(),
    ] {
        if target.contains("/sub/") {
            std::fs::create_dir_all(db.dir.path().join("sub")).unwrap();
        }
        let err = db.refused(&["report", "palantir-fdp", "--out", &target, "--force"]);
        assert!(err.contains("database"), "{target}: {err}");
    }
    assert_eq!(db.ok(&["list", "palantir-fdp"]).lines().count(), 3);
    // Still the same database (WAL may have checkpointed, so compare what it holds).
    assert!(!before.is_empty());
    assert!(db.ok(&["history"]).contains("add requests"));
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_what_is_written_is_owner_only() {
    let db = seeded();
    let out = db.dir.path().join("report.md");
    std::fs::write(&out, "the group's notes").unwrap();
    let err = db.refused(&["report", "palantir-fdp", "--out", out.to_str().unwrap()]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the group's notes");
    db.ok(&[
        "report",
        "palantir-fdp",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("palantir"));
    for (args, name) in [
        (vec!["export", "palantir-fdp", "--format", "json"], "c.json"),
        (vec!["export", "palantir-fdp", "--format", "csv"], "c.csv"),
        (vec!["report", "palantir-fdp", "--format", "html"], "r.html"),
    ] {
        let p = db.dir.path().join(name);
        let mut a = args.clone();
        a.extend(["--out", p.to_str().unwrap()]);
        db.ok(&a);
        #[cfg(unix)]
        assert_eq!(mode(&p), 0o600, "{name}");
    }
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);
    // No temporary file is left beside them.
    let left: Vec<_> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn links_pipes_and_devices_are_never_written_through() {
    let db = seeded();
    let victim = db.dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // A link planted where the old code put its temporary file.
    let out = db.dir.path().join("report.md");
    std::os::unix::fs::symlink(&victim, db.dir.path().join("report.md.part")).unwrap();
    std::os::unix::fs::symlink(&victim, db.dir.path().join("report.part")).unwrap();
    db.ok(&["report", "palantir-fdp", "--out", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&out).unwrap().is_file());
    // The output itself a link: refused, even with --force.
    let link = db.dir.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let err = db.refused(&[
        "report",
        "palantir-fdp",
        "--out",
        link.to_str().unwrap(),
        "--force",
    ]);
    assert!(err.contains("link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // A FIFO stays a FIFO.
    let fifo = db.dir.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: creating a FIFO at a path we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = db.refused(&[
        "export",
        "palantir-fdp",
        "--out",
        fifo.to_str().unwrap(),
        "--force",
    ]);
    assert!(err.contains("not a regular file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    let err = db.refused(&["report", "palantir-fdp", "--out", "/dev/null", "--force"]);
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn the_written_to_message_shows_a_hostile_name_escaped() {
    let db = seeded();
    let name = db.dir.path().join("r\x1b]0;pwned\x07.md");
    let out = db
        .cmd()
        .args(["report", "palantir-fdp", "--out", name.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("written to"), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains("\\x1b"), "{err:?}");
}

#[test]
fn backup_never_leaves_a_file_that_blocks_the_next_and_refuses_sqlite_names() {
    let db = seeded();
    for bad in ["copy.db-wal", "copy.db-shm", "copy.db-journal"] {
        let p = db.dir.path().join(bad);
        let err = db.refused(&["backup", p.to_str().unwrap()]);
        assert!(err.contains("-journal, -wal, -shm"), "{err}");
        assert!(!p.exists());
    }
    // A temporary file left by an interrupted backup does not stand in the way.
    std::fs::write(db.dir.path().join(".copy.db.12345-0-0.part"), "half").unwrap();
    let copy = db.dir.path().join("copy.db");
    db.ok(&["backup", copy.to_str().unwrap()]);
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    let err = db.refused(&["backup", copy.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    let names: Vec<String> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".copy.db") && n != ".copy.db.12345-0-0.part")
        .collect();
    assert!(names.is_empty(), "{names:?}");
    let restored = Db {
        dir: tempfile::tempdir().unwrap(),
        path: copy.clone(),
        url: None,
    };
    assert_eq!(restored.ok(&["list", "palantir-fdp"]).lines().count(), 3);
}

// --- The database: only foiboard's, and only where it is ----------------------------------

#[test]
fn another_programs_database_is_refused_without_changing_a_byte() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("firefox-places.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO moz_places (url) VALUES ('https://example.org');",
        )
        .unwrap();
    }
    let before = bytes(&other);
    let db = Db {
        dir,
        path: other.clone(),
        url: None,
    };
    for args in [
        vec!["list", "palantir-fdp"],
        vec!["request", "add", "palantir-fdp/RJ1"],
        vec!["init"],
    ] {
        let err = db.refused(&args);
        assert!(err.contains("not a foiboard database"), "{err}");
        assert!(err.len() < 400, "one sentence, not a schema: {err}");
    }
    assert_eq!(before, bytes(&other));
    // Not SQLite at all.
    let text = db.dir.path().join("notes.txt");
    std::fs::write(&text, "minutes of the meeting ".repeat(200)).unwrap();
    let before = bytes(&text);
    let db = Db {
        dir: db.dir,
        path: text.clone(),
        url: None,
    };
    let err = db.refused(&["list", "palantir-fdp"]);
    assert!(err.contains("not a SQLite database"), "{err}");
    assert_eq!(before, bytes(&text));
}

#[test]
fn a_mistyped_db_on_a_command_that_only_reads_creates_nothing() {
    let db = Db::new();
    for args in [
        vec!["list", "palantir-fdp"],
        vec!["report", "palantir-fdp"],
        vec!["history"],
        vec!["undo"],
    ] {
        let err = db.refused(&args);
        assert!(err.contains("there is no foiboard database at"), "{err}");
        assert!(!db.path.exists(), "{args:?} created the database");
    }
    // A command that records something creates it, as the quick start does.
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    assert!(db.path.exists());
}

// --- Dates the calendar cannot count --------------------------------------------------------

#[test]
fn dates_outside_the_counted_years_are_refused_everywhere() {
    let db = seeded();
    let before = db.state();
    for on in ["1989-12-31", "0001-01-01", "2150-01-01"] {
        let err = db.refused(&["event", "palantir-fdp/RGT", "sent", "--on", on]);
        assert!(
            err.contains("outside the years foiboard counts") || err.contains("in the future"),
            "{on}: {err}"
        );
    }
    let err = db.refused(&[
        "event",
        "palantir-fdp/RJ1",
        "extended",
        "--on",
        "2026-10-20",
        "--until",
        "2150-01-01",
    ]);
    assert!(err.contains("outside the years"), "{err}");
    // A WhatDoTheyKnow page from 2150.
    let page = std::fs::read_to_string(fixture("wdtk/rj1-sent-only.json"))
        .unwrap()
        .replace("2026-10-01T09:12", "2150-10-01T09:12");
    let file = db.dir.path().join("future.json");
    std::fs::write(&file, page).unwrap();
    let out = db
        .cmd()
        .args([
            "import",
            "wdtk",
            file.to_str().unwrap(),
            "--campaign",
            "palantir-fdp",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    // A spreadsheet row from 1900.
    let sheet = db.dir.path().join("sheet.csv");
    std::fs::write(&sheet, "ODS code,Date sent\nRGT,01/01/1900\n").unwrap();
    let out = db
        .cmd()
        .args([
            "import",
            "csv",
            sheet.to_str().unwrap(),
            "--campaign",
            "palantir-fdp",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    assert_eq!(before, db.state());
    for args in [
        vec!["list", "palantir-fdp"],
        vec!["due"],
        vec!["report", "palantir-fdp"],
        vec!["export", "palantir-fdp"],
    ] {
        db.ok(&args);
    }
}

#[test]
fn one_unreadable_stored_row_marks_its_request_and_spares_the_rest() {
    let db = seeded();
    db.ok(&["event", "palantir-fdp/RGT", "sent", "--on", "2026-10-05"]);
    {
        // Another program writes an impossible date.
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute(
            "UPDATE events SET on_date = '2150-01-01' WHERE request_id =
               (SELECT r.id FROM requests r JOIN bodies b ON b.id = r.body_id WHERE b.ods_code = 'RGT')",
            [],
        )
        .unwrap();
    }
    let list = db.json(&["list", "palantir-fdp"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let rgt = rows.iter().find(|r| r["ods"] == "RGT").unwrap();
    assert!(
        rgt["problem"]
            .as_str()
            .unwrap()
            .contains("cannot count this request"),
        "{rgt}"
    );
    let rj1 = rows.iter().find(|r| r["ods"] == "RJ1").unwrap();
    assert!(rj1["problem"].is_null());
    assert_eq!(rj1["received"], "2026-10-01");
    assert!(db.ok(&["list", "palantir-fdp"]).contains("! "));
    for args in [
        vec!["due"],
        vec!["report", "palantir-fdp"],
        vec!["export", "palantir-fdp"],
        vec!["show", "palantir-fdp/RGT"],
    ] {
        db.ok(&args);
    }
}

// --- Bounded reads and strict sheets ---------------------------------------------------------

#[cfg(unix)]
#[test]
fn files_that_never_end_are_refused_before_reading() {
    let db = seeded();
    let err = db.refused(&["import", "json", "/dev/zero"]);
    assert!(err.contains("not a regular file"), "{err}");
    let err = db.refused(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
        "--text-file",
        "/dev/zero",
    ]);
    assert!(err.contains("not a regular file"), "{err}");
    let err = db.refused(&["import", "mail", "/dev/zero"]);
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn a_sheet_row_of_the_wrong_width_or_an_open_quote_is_refused_by_line() {
    let db = seeded();
    let before = db.state();
    let cases = [
        (
            "ODS code,Date sent,Notes\nRGT,2026-10-02,fine\nRJ2,2026-10-03,note,extra\n",
            "line 3",
            "outside every column",
        ),
        (
            "ODS code,Date sent,Notes\nRGT,2026-10-02\nRJ2,2026-10-03,ok\n",
            "line 2",
            "a cell is missing",
        ),
        (
            "ODS code,Date sent,Notes\nRGT,2026-10-02,\"chased by phone\nRJ2,2026-10-03,ok\nRJ6,2026-10-04,ok\n",
            "line 2",
            "never closed",
        ),
    ];
    for (i, (text, line, why)) in cases.iter().enumerate() {
        let sheet = db.dir.path().join(format!("s{i}.csv"));
        std::fs::write(&sheet, text).unwrap();
        let (out, _) = db.refused_listing(&[
            "import",
            "csv",
            sheet.to_str().unwrap(),
            "--campaign",
            "palantir-fdp",
        ]);
        assert!(out.contains(line), "{out}");
        assert!(out.contains(why), "{out}");
    }
    assert_eq!(before, db.state());
    // Empty cells a spreadsheet leaves after the last column are no problem.
    let sheet = db.dir.path().join("ok.csv");
    std::fs::write(&sheet, "ODS code,Date sent\nRGT,2026-10-02,,\n").unwrap();
    db.ok(&[
        "import",
        "csv",
        sheet.to_str().unwrap(),
        "--campaign",
        "palantir-fdp",
    ]);
}

// --- Text waiting to be read is not an answer -------------------------------------------------

#[test]
fn text_to_triage_is_never_counted_as_answered() {
    let db = seeded();
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-20",
    ]);
    for q in 1..=7 {
        db.ok(&[
            "answer",
            "palantir-fdp/RJ1",
            "--question",
            &q.to_string(),
            "--outcome",
            "pending",
            "--text",
            "The Trust's reply, waiting to be read.",
        ]);
    }
    let list = db.json(&["list", "palantir-fdp"]);
    let rj1 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ods"] == "RJ1")
        .unwrap();
    assert_eq!(rj1["answered"], 0, "{rj1}");
    assert_eq!(rj1["to_triage"], 7, "{rj1}");
    let line = db
        .ok(&["list", "palantir-fdp"])
        .lines()
        .find(|l| l.starts_with("RJ1"))
        .unwrap()
        .to_string();
    assert!(line.ends_with("0/7 answered, 7 to triage"), "{line}");
    let csv = db.ok(&["export", "palantir-fdp"]);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let head = rd.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let row = rd
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[1] == "RJ1")
        .unwrap();
    assert_eq!(&row[col("answered")], "0");
    assert_eq!(&row[col("to_triage")], "7");
    // Deciding one moves the count.
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
    ]);
    let list = db.json(&["list", "palantir-fdp"]);
    let rj1 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ods"] == "RJ1")
        .unwrap();
    assert_eq!(
        (rj1["answered"].clone(), rj1["to_triage"].clone()),
        (1.into(), 6.into())
    );
}

#[test]
fn an_exemption_with_a_semicolon_stays_one_exemption() {
    let db = seeded();
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--outcome",
        "refused",
        "--exemption",
        "commercial interests; and prejudice",
        "--exemption",
        "s43",
    ]);
    let ex = db.json(&["show", "palantir-fdp/RJ1"])["answers"][0]["exemptions"].clone();
    assert_eq!(ex.as_array().unwrap().len(), 2, "{ex}");
}

// --- What is printed cannot act on the terminal ---------------------------------------------

#[test]
fn json_output_carries_no_raw_control_bidi_or_invisible_characters() {
    let db = Db::new();
    let hostile = "Trust\u{9d}52;c;cHduZWQ=\u{9c} \u{202E}reversed \u{200B}\u{7f}\u{2028}\u{E0041}";
    db.ok(&["bodies", "add", "ZZ1", "--name", hostile]);
    db.ok(&["request", "add", "palantir-fdp/ZZ1"]);
    for args in [
        vec!["bodies", "--search", "reversed", "--json"],
        vec!["list", "palantir-fdp", "--json"],
        vec!["show", "palantir-fdp/ZZ1", "--json"],
        vec!["export", "palantir-fdp", "--format", "json"],
    ] {
        let out = db.ok(&args);
        for c in out.chars() {
            let n = c as u32;
            assert!(
                !(n == 0x7f
                    || (0x80..0xa0).contains(&n)
                    || matches!(n, 0x200B..=0x200F | 0x202A..=0x202E | 0x2028 | 0x2029)
                    || (0xE0000..=0xE007F).contains(&n)),
                "{args:?} printed U+{n:04X}"
            );
        }
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v.to_string().contains("reversed"), "{args:?}");
        assert!(out.contains("\\u009d"), "{args:?}: {out}");
    }
    // Escaped, the name still round-trips exactly.
    let bodies = db.json(&["bodies", "--search", "reversed"]);
    assert_eq!(bodies[0]["name"], hostile);
}

#[test]
fn a_csv_cell_that_becomes_a_formula_after_cleaning_is_neutralised() {
    let db = Db::new();
    db.ok(&["bodies", "add", "ZZ2", "--name", "A trust"]);
    db.ok(&["request", "add", "palantir-fdp/ZZ2"]);
    // The command line trims what is typed; an import or another program need not.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE bodies SET region = ?1 WHERE ods_code = 'ZZ2'",
        ["\n@SUM(1)"],
    )
    .unwrap();
    drop(conn);
    let csv = db.ok(&["export", "palantir-fdp"]);
    assert!(csv.contains("' @SUM(1)"), "{csv}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_output_ends_with_one_sentence_not_a_panic() {
    let db = seeded();
    for args in [
        vec!["list", "palantir-fdp"],
        vec!["list", "palantir-fdp", "--json"],
        vec!["report", "palantir-fdp"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = plain_cmd(&db).args(&args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("foiboard: cannot write the output"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

#[test]
fn two_imports_of_one_mailbox_at_once_both_finish() {
    let db = seeded();
    let mbox = fixture("mail/two.mbox");
    let pdf = fixture("mail/pdf-attachment.eml");
    let spawn = || {
        plain_cmd(&db)
            .args(["import", "mail", &mbox, &pdf])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = db.json(&["mail", "list"]);
    let ids: std::collections::BTreeSet<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_id"].to_string())
        .collect();
    assert_eq!(
        ids.len(),
        list.as_array().unwrap().len(),
        "no message twice"
    );
}

#[test]
fn today_is_the_london_date_whatever_the_machines_zone() {
    let db = seeded();
    let out = db
        .cmd()
        .env_remove("FOIBOARD_TODAY")
        .env("TZ", "Pacific/Kiritimati")
        .args(["deadline", "today", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let london = foiboard::dates::london_date(chrono::Utc::now()).to_string();
    assert_eq!(v["received"], london.as_str());
}

/// How many requests the campaign has, read by a new process.
fn request_count(db: &Db) -> usize {
    db.json(&["list", "palantir-fdp"]).as_array().unwrap().len()
}

#[test]
fn restore_puts_a_backup_back_while_a_board_is_open() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    let backup = db.dir.path().join("monday.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    // Work after the backup: a third request, and a board open on the database.
    db.ok(&["request", "add", "palantir-fdp/RBS"]);
    let mut board = foiboard::tui::app::App::new(
        foiboard::store::Store::open(&db.path).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    assert_eq!(board.sh.rows.len(), 3);
    // A stale -wal beside the backup (what copying a live database leaves): never read.
    std::fs::copy(
        format!("{}-wal", db.path.display()),
        format!("{}-wal", backup.display()),
    )
    .ok();
    std::fs::write(format!("{}-wal", backup.display()), b"not a wal at all").unwrap();
    let out = db.ok(&["restore", backup.to_str().unwrap()]);
    assert!(out.contains("what it held before is kept in"), "{out}");
    assert_eq!(request_count(&db), 2, "the backup's two requests");
    // The board sees it at its next check, as a colleague's change.
    assert!(board.sh.store_changed().unwrap());
    board.update(foiboard::tui::action::Action::Reload);
    assert_eq!(board.sh.rows.len(), 2);
    // The restore is taken back by restoring what was kept.
    let kept = out
        .split("kept in ")
        .nth(1)
        .unwrap()
        .split(" (")
        .next()
        .unwrap()
        .to_string();
    db.ok(&["restore", &kept]);
    assert_eq!(request_count(&db), 3);
}

#[test]
fn restore_refuses_what_is_not_a_foiboard_backup() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let other = db.dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine')")
            .unwrap();
    }
    let err = db.refused(&["restore", other.to_str().unwrap()]);
    assert!(err.contains("not a foiboard database"), "{err}");
    let text = db.dir.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    let err = db.refused(&["restore", text.to_str().unwrap()]);
    assert!(err.contains("not a SQLite database"), "{err}");
    let err = db.refused(&[
        "restore",
        db.dir.path().join("missing.db").to_str().unwrap(),
    ]);
    assert!(err.contains("no backup at"), "{err}");
    assert_eq!(request_count(&db), 1, "nothing changed");
}

#[test]
fn a_board_whose_file_is_replaced_says_so_and_reopens() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let backup = db.dir.path().join("b.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    db.ok(&["request", "add", "palantir-fdp/RGT"]);
    let mut board = foiboard::tui::app::App::new(
        foiboard::store::Store::open(&db.path).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    assert_eq!(board.sh.rows.len(), 2);
    // What people do instead of `restore`: a new file moved over the database.
    let copy = db.dir.path().join("incoming.db");
    std::fs::copy(&backup, &copy).unwrap();
    std::fs::rename(&copy, &db.path).unwrap();
    let _ = std::fs::remove_file(format!("{}-wal", db.path.display()));
    let _ = std::fs::remove_file(format!("{}-shm", db.path.display()));
    assert!(board.sh.store_changed().unwrap());
    let (msg, _) = board.sh.message.clone().unwrap();
    assert!(msg.contains("replaced by another program"), "{msg}");
    board.update(foiboard::tui::action::Action::Reload);
    assert_eq!(board.sh.rows.len(), 1, "shows what the file holds now");
}

#[test]
fn a_database_on_a_read_only_disk_can_be_read_and_says_why_it_cannot_be_changed() {
    // A read-only bind mount in a mount namespace of the test's own (root only).
    let probe = std::process::Command::new("unshare")
        .args(["-m", "true"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("unshare -m is not available here: the read-only disk test is skipped");
        return;
    }
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    let dir = db.dir.path().to_str().unwrap().to_string();
    let bin = assert_cmd::cargo::cargo_bin("foiboard");
    let run = |args: &str| {
        std::process::Command::new("unshare")
            .args(["-m", "sh", "-c"])
            .arg(format!(
                "mount --bind '{dir}' '{dir}' && mount -o remount,bind,ro '{dir}' && exec '{}' {args}",
                bin.display()
            ))
            .env("FOIBOARD_DB", &db.path)
            .env("FOIBOARD_TODAY", common::TODAY)
            .env("FOIBOARD_CONFIG", db.dir.path().join("config.toml"))
            .output()
            .unwrap()
    };
    let out = run("list palantir-fdp");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(listed.contains("RJ1") && listed.contains("RGT"), "{listed}");
    let out = run("request add palantir-fdp/RBS");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("can be read but not changed"), "{err}");
    assert_eq!(request_count(&db), 2);
}

#[test]
fn a_backup_in_a_folder_with_accents_and_spaces_is_restored() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let folder = db.dir.path().join("Café backups #1");
    std::fs::create_dir_all(&folder).unwrap();
    let backup = folder.join("monday?.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    db.ok(&["request", "add", "palantir-fdp/RGT"]);
    db.ok(&["restore", backup.to_str().unwrap()]);
    assert_eq!(request_count(&db), 1);
}
