//! The mailbox and the letters: each letter foiboard sends is filed in the mailbox's Sent
//! folder (found by its flag) and the trust's reply to it, fetched, lands under its request;
//! a Sent folder that cannot be used never makes a sent letter unsent; and on a group's server
//! an attachment one member fetched opens on a colleague's laptop, its bytes checked.

use crate::common::imap::{Dovecot, PASSWORD};
use crate::common::smtp::SmtpServer;
use crate::common::{fixture, Db};

/// A member who sends through `smtp` and reads the mailbox on a new Dovecot, with a request
/// to RJ1; `None` when Dovecot is not installed.
fn member() -> Option<(Dovecot, SmtpServer, Db)> {
    let imap = Dovecot::start()?;
    let smtp = SmtpServer::start();
    let db = Db::new();
    db.ok(&["init"]);
    db.ok(&["config", "from", "FOI Group <foi-group@example.org>"]);
    db.ok(&["config", "smtp", &smtp.url()]);
    db.ok(&["config", "imap", &imap.url("ann", "plain")]);
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    Some((imap, smtp, db))
}

fn url_without_password(db: &Db) -> String {
    db.url
        .clone()
        .unwrap()
        .replacen(&format!(":{}@", crate::common::pg::PASSWORD), "@", 1)
}

fn run(db: &Db, args: &[&str]) -> String {
    let out = db
        .cmd()
        .env("FOIBOARD_IMAP_PASSWORD", PASSWORD)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "foiboard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_sent_letter_is_filed_in_sent_and_the_reply_fetched_lands_under_its_request() {
    let Some((imap, smtp, db)) = member() else {
        return;
    };
    let out = run(&db, &["send", "request", "palantir-fdp/RJ1"]);
    assert!(out.contains("filed in Sent"), "{out}");
    let sent = smtp.messages();
    assert_eq!(sent.len(), 1);
    let id = sent[0].header("Message-ID").unwrap();
    // The copy in Sent is the letter that went, marked read.
    let mut s = imap.session("ann");
    s.examine("Sent").unwrap();
    let copies = s.fetch("1:*", "(FLAGS BODY.PEEK[])").unwrap();
    assert_eq!(copies.len(), 1);
    let copy = String::from_utf8_lossy(copies.iter().next().unwrap().body().unwrap()).to_string();
    assert!(copy.contains(&format!("Message-ID: {id}")), "{copy}");
    assert!(
        format!("{:?}", copies.iter().next().unwrap().flags()).contains("Seen"),
        "filed as read"
    );
    let _ = s.logout();
    // The trust answers the letter; fetched, the reply is filed under the request.
    let reply = format!(
        "From: Guy's and St Thomas' FOI <foi@gstt.nhs.uk>\r\nTo: foi-group@example.org\r\nSubject: RE: Freedom of Information request\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <gstt-ack-1@gstt.nhs.uk>\r\nIn-Reply-To: {id}\r\nReferences: {id}\r\n\r\nDear requester,\r\n\r\nWe acknowledge receipt of your request, reference GSTT-FOI-1200.\r\n\r\nFOI Team\r\n"
    );
    imap.deliver("ann", "INBOX", reply.as_bytes());
    let out = run(&db, &["mail", "fetch"]);
    assert!(out.contains("1 filed under requests"), "{out}");
    let show = db.ok(&["show", "palantir-fdp/RJ1"]);
    assert!(show.contains("foi@gstt.nhs.uk"), "{show}");
}

#[test]
fn a_sent_folder_that_cannot_be_used_never_makes_a_sent_letter_unsent() {
    let Some((_imap, smtp, db)) = member() else {
        return;
    };
    db.ok(&["config", "imap-sent", "No Such Folder"]);
    let out = run(&db, &["send", "request", "palantir-fdp/RJ1"]);
    assert!(
        out.contains("sent the request letter") && out.contains("not filed in Sent"),
        "{out}"
    );
    assert!(out.contains("imap-sent"), "{out}");
    assert_eq!(smtp.messages().len(), 1);
    // Recorded as sent: sending again is refused as a repeat, not tried.
    let again = run(&db, &["send", "request", "palantir-fdp/RJ1"]);
    assert!(again.contains("the request went on"), "{again}");
    assert_eq!(smtp.messages().len(), 1);
    // A mailbox setting written wrong by hand: the letter still goes, and says why no copy.
    let config = db.dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}imap-auth = \"kerberos\"\n")).unwrap();
    db.ok(&["request", "add", "palantir-fdp/RJ2"]);
    let out = run(&db, &["send", "request", "palantir-fdp/RJ2"]);
    assert!(
        out.contains("sent the request letter") && out.contains("imap-auth 'kerberos'"),
        "{out}"
    );
    assert_eq!(smtp.messages().len(), 2);
}

#[test]
fn an_attachment_fetched_by_one_member_opens_on_a_colleagues_laptop() {
    let Some(imap) = Dovecot::start() else { return };
    let Some(db) = Db::postgres() else { return };
    db.ok(&["init"]);
    db.ok(&["config", "imap", &imap.url("ann", "plain")]);
    let raw = std::fs::read(fixture("mail/pdf-attachment.eml")).unwrap();
    imap.deliver("ann", "INBOX", &raw);
    let out = run(&db, &["mail", "fetch"]);
    assert!(out.contains("1 attachment(s)"), "{out}");
    let list = db.json(&["mail", "list"]);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    // A colleague: the same server, another laptop (nothing of the first one's data folder).
    let other = tempfile::tempdir().unwrap();
    let saved = other.path().join("letter.pdf");
    let out = db
        .cmd()
        .env("XDG_DATA_HOME", other.path().join("data"))
        .args(["mail", "save", &id, "1", "--to"])
        .arg(&saved)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = mail_parser::MessageParser::default()
        .parse(&raw)
        .unwrap()
        .attachment(0)
        .unwrap()
        .contents()
        .to_vec();
    assert_eq!(std::fs::read(&saved).unwrap(), expected);
    // Copied from the server into a file by that colleague, the letter comes along.
    let file = other.path().join("copy.db");
    let out = db
        .cmd()
        .env("XDG_DATA_HOME", other.path().join("data2"))
        .args(["copy", "--from", &url_without_password(&db), "--to"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = db
        .cmd()
        .env("FOIBOARD_DB", &file)
        .args(["mail", "save", &id, "1", "--to"])
        .arg(other.path().join("from-file.pdf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(other.path().join("from-file.pdf")).unwrap(),
        expected
    );
    // The server keeps bytes only under their own digest: nobody can put other bytes
    // under a letter's name.
    let mut c = crate::common::pg::server()
        .unwrap()
        .client(&db.database_name());
    let digest: String = c
        .query_one("SELECT sha256 FROM attachment_bytes", &[])
        .unwrap()
        .get(0);
    let forged = c.execute(
        "INSERT INTO attachment_bytes (sha256, bytes) VALUES ($1, $2)",
        &[&"0".repeat(64), &b"%PDF forged".to_vec()],
    );
    assert!(forged.is_err(), "bytes under another digest were taken");
    let _ = digest;
}
