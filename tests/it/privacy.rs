//! Privacy: what foiboard writes is its owner's only, and nothing leaves the machine except
//! `sync wdtk`'s requests to WhatDoTheyKnow, the letters `send` hands to the group's mail
//! server, and what the store exchanges with the group's own PostgreSQL server when `--db`
//! names one.

use crate::common;

use common::{fixture, Db};

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn the_database_attachments_and_drafts_are_the_owners_only() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ6"]);
    db.ok(&["import", "mail", &fixture("mail/pdf-attachment.eml")]);
    assert_eq!(mode(&db.path), 0o600);
    let attachments = db.dir.path().join("campaign-attachments");
    assert_eq!(mode(&attachments), 0o700);
    for dir in std::fs::read_dir(&attachments).unwrap() {
        let dir = dir.unwrap().path();
        assert_eq!(mode(&dir), 0o700);
        for f in std::fs::read_dir(&dir).unwrap() {
            assert_eq!(mode(&f.unwrap().path()), 0o600);
        }
    }
    let drafts = foiboard::files::drafts::Drafts::beside(&db.path);
    drafts
        .save(&foiboard::files::drafts::Draft {
            author: "tester".into(),
            campaign: "palantir-fdp".into(),
            request_id: 1,
            question: 1,
            was: String::new(),
            text: "private words".into(),
            saved_at: "2026-11-23T10:00:00Z".into(),
        })
        .unwrap();
    let dir = db.dir.path().join("campaign-drafts");
    assert_eq!(mode(&dir), 0o700);
    for f in std::fs::read_dir(&dir).unwrap() {
        assert_eq!(mode(&f.unwrap().path()), 0o600);
    }
}

/// Every source file that could open a connection: only `sync` (WhatDoTheyKnow pages),
/// `mailout` (the letters `send` hands to the group's mail server), the mailbox's connection
/// (the group's IMAP server, named in the member's own config) and the store's PostgreSQL
/// connection (the group's own server, named by `--db`) may.
#[test]
fn only_sync_and_mail_out_reach_the_network() {
    let src = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut users = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                if [
                    "ureq::",
                    "lettre::",
                    "std::net",
                    "TcpStream",
                    "UdpSocket",
                    "postgres::Config",
                ]
                .iter()
                .any(|w| text.contains(w))
                {
                    users.push(p.strip_prefix(&src).unwrap().display().to_string());
                }
            }
        }
    }
    users.sort();
    assert_eq!(
        users,
        vec![
            "cli/sync.rs".to_string(),
            "letters/mailout.rs".to_string(),
            "mailbox/connect.rs".to_string(),
            "store/db/address.rs".to_string()
        ]
    );
}

#[test]
fn sync_fetches_no_page_that_is_not_whatdotheyknows() {
    let db = Db::new();
    let sheet = db.dir.path().join("s.csv");
    std::fs::write(&sheet, "ODS,WDTK\nRJ1,https://evil.example/request/x\n").unwrap();
    db.ok(&[
        "import",
        "csv",
        &sheet.to_string_lossy(),
        "--campaign",
        "palantir-fdp",
    ]);
    // A listener that would see any connection: there must be none.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let out = db
        .cmd()
        .env("FOIBOARD_WDTK_BASE", &base)
        .args(["sync", "wdtk", "palantir-fdp", "--delay", "0"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a WhatDoTheyKnow request page, not fetched"),
        "{err}"
    );
    assert!(listener.accept().is_err(), "a connection was made");
}
