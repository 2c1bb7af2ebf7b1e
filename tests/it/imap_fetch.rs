//! `mail fetch` against a real IMAP server (Dovecot on loopback): each message imported once
//! however often fetch runs, only new mail read, the mailbox left as it was, a renumbered
//! folder read again without duplicates, a fetch cut off by the server's death resumed, a
//! message too large refused by name, hostile folder names, a wrong password, OAuth, TLS
//! checked, and letters filed in the Sent folder.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::imap::{Dovecot, PASSWORD};
use crate::common::{fixture, Db};

const REPLIES: [&str; 4] = [
    "refusal-s43.eml",
    "ack-gmail-style.eml",
    "html-table-response.eml",
    "response-numbered-rights-footer.eml",
];

fn eml(name: &str) -> Vec<u8> {
    std::fs::read(fixture(&format!("mail/nhs/{name}"))).unwrap()
}

/// A trust's reply as Outlook sends one, numbered `n` (its own Message-ID).
pub fn reply(n: usize, padding: usize) -> Vec<u8> {
    format!(
        "From: FOI Team <foi.team{n}@nhs.net>\r\nTo: foi-group@example.org\r\nSubject: RE: Freedom of Information request FOI-{n:05}\r\nDate: Tue, 10 Nov 2026 09:{:02}:00 +0000\r\nMessage-ID: <reply-{n}@nhs.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear requester,\r\n\r\nThank you for your request FOI-{n:05}. The Trust holds the information.\r\n{}\r\nYours sincerely,\r\nFOI Team\r\n",
        n % 60,
        "Palantir's Federated Data Platform is in use at this Trust. ".repeat(padding)
    )
    .into_bytes()
}

fn db_for(server: &Dovecot, user: &str, how: &str) -> Db {
    let db = Db::new();
    db.ok(&["init"]);
    db.ok(&["config", "imap", &server.url(user, how)]);
    if how != "plain" {
        db.ok(&["config", "imap-ca-file", server.ca.to_str().unwrap()]);
    }
    db
}

fn fetch_cmd(db: &Db, args: &[&str]) -> assert_cmd::Command {
    let mut c = db.cmd();
    c.env("FOIBOARD_IMAP_PASSWORD", PASSWORD)
        .args(["mail", "fetch"])
        .args(args);
    c
}

fn fetch(db: &Db) -> String {
    let out = fetch_cmd(db, &[]).output().unwrap();
    assert!(
        out.status.success(),
        "mail fetch failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stored(db: &Db) -> Vec<String> {
    let list = db.json(&["mail", "list"]);
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Every message's flags in `folder`, as the server keeps them.
fn flags(server: &Dovecot, user: &str, folder: &str) -> Vec<String> {
    let mut s = server.session(user);
    s.examine(folder).unwrap();
    let f = s.fetch("1:*", "FLAGS").unwrap();
    let out = f.iter().map(|m| format!("{:?}", m.flags())).collect();
    let _ = s.logout();
    out
}

#[test]
fn fetching_twice_imports_once_reads_only_new_mail_and_leaves_the_mailbox_as_it_was() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    for r in REPLIES {
        server.deliver("ann", "INBOX", &eml(r));
    }
    let db = db_for(&server, "ann", "plain");
    let out = fetch(&db);
    assert!(out.contains("INBOX: 4 new message(s)"), "{out}");
    assert_eq!(stored(&db).len(), 4);
    // Again: nothing new, nothing read again, nothing stored twice.
    let out = fetch(&db);
    assert!(
        out.contains("INBOX: 0 new message(s)") && out.contains("0 seen before"),
        "{out}"
    );
    assert_eq!(stored(&db).len(), 4);
    // One more arrives: only it is read.
    server.deliver("ann", "INBOX", &reply(1, 1));
    let out = fetch(&db);
    assert!(
        out.contains("INBOX: 1 new message(s)") && out.contains("0 seen before"),
        "{out}"
    );
    assert_eq!(stored(&db).len(), 5);
    // The mailbox: all five still there, none marked read, answered or deleted.
    let f = flags(&server, "ann", "INBOX");
    assert_eq!(f.len(), 5, "{f:?}");
    assert!(f.iter().all(|f| f == "[]" || f == "[Recent]"), "{f:?}");
    // The replies are in the inbox, their words searchable.
    let found = db.ok(&["search", "commercial"]);
    assert!(found.contains("commercial"), "{found}");
}

#[test]
fn a_renumbered_folder_is_read_again_without_duplicates() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    for n in 0..3 {
        server.deliver("ann", "INBOX", &reply(n, 1));
    }
    let db = db_for(&server, "ann", "plain");
    fetch(&db);
    server.renumber("ann", "INBOX", 4242);
    server.deliver("ann", "INBOX", &reply(3, 1));
    let out = fetch(&db);
    assert!(out.contains("numbered this folder anew"), "{out}");
    assert!(
        out.contains("1 new message(s)") && out.contains("3 seen before"),
        "{out}"
    );
    assert_eq!(stored(&db).len(), 4);
}

/// `mail fetch --batch 5` started as its own process, once its first run of `of` messages is
/// stored (its progress line read): the child, and the rest of what it says.
// The child is handed back running: each caller waits for it.
#[allow(clippy::zombie_processes)]
fn fetch_under_way(
    db: &Db,
    of: usize,
) -> (std::process::Child, BufReader<std::process::ChildStderr>) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_foiboard"))
        .envs(
            db.cmd()
                .get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
        )
        .env("FOIBOARD_IMAP_PASSWORD", PASSWORD)
        .args(["mail", "fetch", "--batch", "5"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        if err.read_line(&mut line).unwrap_or(0) == 0 {
            let status = child.wait();
            panic!("no progress shown before the fetch ended: {status:?}");
        }
        if line.contains(&format!(" of {of} read")) {
            return (child, err);
        }
    }
}

#[test]
fn ctrl_c_stops_a_fetch_between_runs_and_the_next_one_goes_on() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    for n in 0..150 {
        server.deliver("ann", "INBOX", &reply(n, 20));
    }
    let db = db_for(&server, "ann", "plain");
    let (mut child, mut err) = fetch_under_way(&db, 150);
    // SAFETY: signals the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    assert_eq!(status.code(), Some(2), "{rest}");
    assert!(
        rest.contains("the fetch was stopped; what it had imported is kept"),
        "{rest}"
    );
    let kept = stored(&db).len();
    assert!((5..150).contains(&kept), "{kept} kept");
    let out = fetch(&db);
    assert!(
        out.contains(&format!("{} new message(s)", 150 - kept)),
        "{out}"
    );
    assert_eq!(stored(&db).len(), 150);
}

#[test]
fn a_fetch_cut_off_by_the_server_keeps_what_it_stored_and_the_next_one_finishes() {
    let Some(mut server) = Dovecot::start() else {
        return;
    };
    for n in 0..150 {
        server.deliver("ann", "INBOX", &reply(n, 20));
    }
    let db = db_for(&server, "ann", "plain");
    let (mut child, mut err) = fetch_under_way(&db, 150);
    // The server freezes mid-fetch, then dies.
    server.signal(libc::SIGSTOP);
    server.kill();
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    assert!(
        !status.success(),
        "the fetch finished before the server died: {rest}"
    );
    assert!(
        rest.contains("closed the connection") || rest.contains("stopped answering"),
        "{rest}"
    );
    assert!(rest.contains("what was fetched is kept"), "{rest}");
    let kept = stored(&db).len();
    assert!((5..150).contains(&kept), "{kept} kept");
    // Back up: the next fetch reads what is left, each message once.
    server.run();
    let out = fetch(&db);
    assert!(
        out.contains(&format!("{} new message(s)", 150 - kept)),
        "{out}"
    );
    let ids = stored(&db);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!((ids.len(), unique.len()), (150, 150));
}

#[test]
fn a_message_over_the_size_limit_is_refused_by_name_and_the_rest_imported() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    server.deliver("ann", "INBOX", &eml("refusal-s43.eml"));
    // A 50 MB reply: a scanned bundle of minutes.
    let mut big = b"From: Records <records@nhs.net>\r\nTo: foi-group@example.org\r\nSubject: FOI-77 board minutes (scanned)\r\nDate: Tue, 10 Nov 2026 09:00:00 +0000\r\nMessage-ID: <big-77@nhs.net>\r\n\r\n".to_vec();
    let line = [b'A'; 76];
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(&line);
        big.extend_from_slice(b"\r\n");
    }
    server.deliver("ann", "INBOX", &big);
    server.deliver("ann", "INBOX", &eml("ack-gmail-style.eml"));
    let db = db_for(&server, "ann", "plain");
    let out = fetch(&db);
    assert!(
        out.contains("not imported: 'FOI-77 board minutes (scanned)' from records@nhs.net (51 MB, over the 25 MB limit)"),
        "{out}"
    );
    assert!(out.contains("2 new message(s)"), "{out}");
    assert_eq!(stored(&db).len(), 2);
    // The limit is the member's: a 2 MB letter refused under a 1 MB limit is let in once it
    // is raised, on a fetch from the start (the 50 MB one still refused, still not loaded).
    let mut letter = reply(9, 0);
    letter.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    server.deliver("ann", "INBOX", &letter);
    db.ok(&["config", "imap-max-size", "1"]);
    let out = fetch(&db);
    assert!(out.contains("(3 MB, over the 1 MB limit)"), "{out}");
    db.ok(&["config", "imap-max-size", "3"]);
    let out = fetch_cmd(&db, &["--again"]).output().unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("1 new message(s)") && out.contains("2 seen before"),
        "{out}"
    );
    assert!(out.contains("'FOI-77 board minutes (scanned)'"), "{out}");
}

#[test]
fn hostile_folder_names_are_read_and_shown_safely() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let name = "Réponses \"FOI\" \\ 50% & *";
    server.create("ann", &foiboard::mailbox::utf7::encode(name));
    server.deliver(
        "ann",
        &foiboard::mailbox::utf7::encode(name),
        &eml("refusal-s43.eml"),
    );
    let db = db_for(&server, "ann", "plain");
    db.ok(&["config", "imap-folders", &format!("INBOX, {name}")]);
    let out = fetch(&db);
    assert!(out.contains(&format!("{name}: 1 new message(s)")), "{out}");
    let listed = {
        let out = fetch_cmd(&db, &[]).args(["--quiet"]).output().unwrap();
        assert!(out.status.success());
        let mut c = db.cmd();
        c.env("FOIBOARD_IMAP_PASSWORD", PASSWORD)
            .args(["mail", "folders"]);
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    assert!(
        listed.contains(&format!("{name}  (read for replies)")),
        "{listed}"
    );
    assert!(listed.contains("Sent  (flagged Sent)"), "{listed}");
    // A name that would end the command early is refused before anything connects.
    let e = db.refused(&["config", "imap-folders", "INBOX\r\nA1 DELETE INBOX"]);
    assert!(e.contains("line break"), "{e}");
    // A folder that is not there is named.
    db.ok(&["config", "imap-folders", "Nowhere"]);
    let out = fetch_cmd(&db, &[]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("has no folder 'Nowhere'"), "{err}");
}

#[test]
fn a_wrong_password_is_one_sentence_that_never_repeats_it() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let db = db_for(&server, "ann", "starttls");
    let out = db
        .cmd()
        .env("FOIBOARD_IMAP_PASSWORD", "hunter2-wrong")
        .args(["mail", "fetch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("refused the sign-in for ann"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    // Without any password: what to set.
    let out = db.cmd().args(["mail", "fetch"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("FOIBOARD_IMAP_PASSWORD"), "{err}");
}

#[test]
fn tls_is_checked_and_oauth_signs_in_with_a_token_command() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    server.deliver("bob", "INBOX", &eml("refusal-s43.eml"));
    // imaps without the group's authority: the certificate is not trusted, and it says how.
    let db = Db::new();
    db.ok(&["init"]);
    db.ok(&["config", "imap", &server.url("bob", "tls")]);
    let out = fetch_cmd(&db, &[]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("TLS with the mail server localhost failed") && err.contains("imap-ca-file"),
        "{err}"
    );
    assert_eq!(stored(&db).len(), 0);
    // With it, and signing in with XOAUTH2, the token from a command.
    db.ok(&["config", "imap-ca-file", server.ca.to_str().unwrap()]);
    db.ok(&["config", "imap-auth", "xoauth2"]);
    db.ok(&["config", "imap-token-command", &format!("echo {PASSWORD}")]);
    let out = db.cmd().args(["mail", "fetch"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stored(&db).len(), 1);
    assert!(server.log().contains("method=XOAUTH2"), "{}", server.log());
    // OAUTHBEARER over STARTTLS.
    db.ok(&["config", "imap", &server.url("bob", "starttls")]);
    db.ok(&["config", "imap-auth", "oauthbearer"]);
    let out = db
        .cmd()
        .args(["mail", "fetch", "--again"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        server.log().contains("method=OAUTHBEARER"),
        "{}",
        server.log()
    );
    // Plain IMAP to another machine is refused before anything connects.
    let e = db.refused(&["config", "imap", "imap+plain://bob@192.0.2.7:143"]);
    assert!(e.contains("unencrypted"), "{e}");
}
