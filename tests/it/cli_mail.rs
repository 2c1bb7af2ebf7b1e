//! `foiboard import mail` and `foiboard mail` on the real binary, with the fixture messages in
//! `tests/fixtures/mail/`: each kind of message is read and matched, re-importing changes
//! nothing, a cut-short mailbox writes nothing, and a seven-answer response splits in seven.

use crate::common;

use common::Db;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn fixture(name: &str) -> String {
    common::fixture(&format!("mail/{name}"))
}

const ALL: [&str; 9] = [
    "plain.eml",
    "html-only.eml",
    "quoted-printable.eml",
    "pdf-attachment.eml",
    "latin1.eml",
    "hostile.eml",
    "seven-answers.eml",
    "two.mbox",
    "maildir",
];

/// Requests to RJ1, RJ2, RJ6 and RJ7, sent on 1 October; RJ2's reference is FOI-1234.
fn campaign() -> Db {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RJ2,RJ6,RJ7"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RJ2,RJ6,RJ7",
        "sent",
        "--on",
        "2026-10-01",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ2",
        "acknowledged",
        "--on",
        "2026-10-02",
        "--ref",
        "FOI-1234",
    ]);
    db
}

fn import_all(db: &Db) -> String {
    let mut args = vec!["import".to_string(), "mail".to_string()];
    args.extend(ALL.iter().map(|f| fixture(f)));
    db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The stored message with this Message-ID.
fn message(list: &Value, id: &str) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|m| m["message_id"] == id)
        .unwrap_or_else(|| panic!("no message {id}"))
        .clone()
}

fn filed(m: &Value) -> String {
    match &m["request"] {
        Value::Null => "unmatched".into(),
        r => format!(
            "{}/{}",
            r["campaign"].as_str().unwrap(),
            r["ods"].as_str().unwrap()
        ),
    }
}

#[test]
fn every_kind_of_message_is_read_and_matched() {
    let db = campaign();
    let said = import_all(&db);
    assert!(
        said.starts_with("11 new message(s): 8 filed under requests, 3 unmatched"),
        "{said}"
    );
    assert!(said.contains("1 attachment(s)"), "{said}");
    let list = db.json(&["mail", "list"]);

    // Plain text from the body's own FOI address; 23:30 UTC in October is the next day in London.
    let m = message(&list, "ack-rj1-0001@gstt.nhs.uk");
    assert_eq!(filed(&m), "palantir-fdp/RJ1");
    assert!(m["matched_by"].as_str().unwrap().starts_with("sender"));
    assert_eq!(m["sent_on"], "2026-10-14");
    assert_eq!(m["proposed"], "acknowledged");

    // HTML only: converted to text; the token in the subject names the request.
    let m = message(&list, "resp-rj2-0002@lg.nhs.uk");
    assert_eq!(filed(&m), "palantir-fdp/RJ2");
    assert!(m["matched_by"].as_str().unwrap().starts_with("token"));
    let body = m["body"].as_str().unwrap();
    assert!(
        body.contains("Please find our response below.") && !body.contains("<p>"),
        "{body}"
    );
    assert_eq!(m["proposed"], "responded");

    // Quoted-printable, matched by the reference recorded on the request.
    let m = message(&list, "qp-0003@example-trust.nhs.uk");
    assert_eq!(filed(&m), "palantir-fdp/RJ2");
    assert_eq!(m["matched_by"], "reference FOI-1234");
    assert!(m["body"].as_str().unwrap().contains("We’re writing about request FOI-1234. Could you please clarify which period you mean – the calendar"));
    assert_eq!(m["proposed"], "clarification-requested");

    // A base64 PDF, saved beside the database under its digest; the body's name in the subject.
    let m = message(&list, "pdf-0004@example.org");
    assert_eq!(filed(&m), "palantir-fdp/RJ6");
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let a = &m["attachments"][0];
    assert_eq!(a["name"], "Response letter.pdf");
    assert_eq!(a["content_type"], "application/pdf");
    assert_eq!(a["size"], pdf.len());
    let digest: String = Sha256::digest(pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(a["sha256"], digest.as_str());
    let saved = db
        .dir
        .path()
        .join("campaign-attachments")
        .join(a["path"].as_str().unwrap());
    assert_eq!(std::fs::read(&saved).unwrap(), pdf);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "attachments are the owner's only");
    }

    // ISO-8859-1 text and an encoded-word subject; a domain only one body uses.
    let m = message(&list, "latin1-0005@stgeorges.nhs.uk");
    assert_eq!(filed(&m), "palantir-fdp/RJ7");
    assert_eq!(m["subject"], "Réponse FOI");
    assert!(m["body"]
        .as_str()
        .unwrap()
        .contains("£250,000 (café costs excluded)"));

    // The hostile subject is unmatched, stored as sent, and printed harmless.
    let m = message(&list, "hostile-0006@unknown.example");
    assert_eq!(filed(&m), "unmatched");
    let printed = db.ok(&["mail", "list", "--unmatched"]);
    assert!(
        !printed.contains('\x1b') && !printed.contains('\u{202e}'),
        "{printed:?}"
    );
    assert!(
        printed.contains("\\x1b]0;owned\\x07\\x1b[2J<U+202E>evil subject"),
        "{printed}"
    );
    let shown = db.ok(&["mail", "show", &m["id"].to_string()]);
    assert!(
        !shown.contains('\x1b') && shown.contains("\\x1b[31mred"),
        "{shown}"
    );

    // The mbox: two messages, the quoted ">From" line given back; the maildir: two, the
    // hidden file skipped.
    let m = message(&list, "mbox-a-0008@gstt.nhs.uk");
    assert_eq!(filed(&m), "palantir-fdp/RJ1");
    assert!(m["body"].as_str().unwrap().contains("\nFrom the panel."));
    assert_eq!(m["proposed"], "review-responded");
    assert_eq!(
        filed(&message(&list, "mbox-b-0009@unknown.example")),
        "unmatched"
    );
    assert_eq!(
        filed(&message(&list, "maildir-new-0010@gstt.nhs.uk")),
        "palantir-fdp/RJ1"
    );
    assert_eq!(
        filed(&message(&list, "maildir-cur-0011@unknown.example")),
        "unmatched"
    );
    assert_eq!(list.as_array().unwrap().len(), 11);

    // The same files again: recognised by Message-ID, nothing changes.
    let before = db.ok(&["mail", "list", "--json"]);
    let history = db.ok(&["history", "--json"]);
    let again = import_all(&db);
    assert!(
        again.starts_with("0 new message(s)") && again.contains("11 seen before"),
        "{again}"
    );
    assert_eq!(before, db.ok(&["mail", "list", "--json"]));
    assert_eq!(history, db.ok(&["history", "--json"]));
}

#[test]
fn a_cut_short_mailbox_is_refused_by_file_and_line_and_nothing_is_written() {
    let db = campaign();
    let before = db.state();
    let err = db.refused(&[
        "import",
        "mail",
        &fixture("plain.eml"),
        &fixture("truncated.mbox"),
    ]);
    assert!(err.contains("truncated.mbox, line 9"), "{err}");
    assert!(err.contains("cut short"), "{err}");
    assert_eq!(before, db.state());
    assert!(db.ok(&["mail", "list"]).starts_with("no messages"));
    let err = db.refused(&["import", "mail", "/no/such/file.eml"]);
    assert!(err.contains("/no/such/file.eml"), "{err}");
}

#[test]
fn suggestions_assignments_and_a_response_split_into_seven_answers() {
    let db = campaign();
    import_all(&db);
    let list = db.json(&["mail", "list"]);
    let id = |mid: &str| message(&list, mid)["id"].to_string();

    // The acknowledgement, confirmed: recorded once, however often it is confirmed.
    let ack = id("ack-rj1-0001@gstt.nhs.uk");
    let said = db.ok(&["mail", "accept", &ack]);
    assert!(
        said.contains("recorded 'acknowledged' on 2026-10-14"),
        "{said}"
    );
    db.ok(&["mail", "accept", &ack]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    let acks = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "acknowledged")
        .count();
    assert_eq!(acks, 1);

    // The clarification request stops RJ2's clock.
    db.ok(&["mail", "accept", &id("qp-0003@example-trust.nhs.uk")]);
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ2"])["status"],
        "clarification"
    );

    // An unmatched message cannot be accepted until it is filed.
    let hostile = id("hostile-0006@unknown.example");
    let err = db.refused(&["mail", "accept", &hostile, "--as", "responded"]);
    assert!(err.contains("assign it first"), "{err}");
    db.ok(&["mail", "assign", &hostile, "palantir-fdp/RJ6"]);
    let m = db.json(&["mail", "show", &hostile]);
    assert_eq!(filed(&m), "palantir-fdp/RJ6");
    assert_eq!(m["matched_by"], "assigned by tester");

    // A response to seven numbered questions becomes seven proposed answers.
    let seven = id("seven-0007@gstt.nhs.uk");
    let preview = db.ok(&["mail", "split", &seven]);
    assert_eq!(preview.matches("--- Q").count(), 7, "{preview}");
    assert!(preview.contains("add --apply"));
    assert!(db.json(&["show", "palantir-fdp/RJ1"])["answers"]
        .as_array()
        .unwrap()
        .is_empty());
    db.ok(&["mail", "split", &seven, "--apply"]);
    let answers = db.json(&["show", "palantir-fdp/RJ1"])["answers"].clone();
    let texts: Vec<(u64, String, String)> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["question"].as_u64().unwrap(),
                a["outcome"].as_str().unwrap().to_string(),
                a["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        "Yes, the Trust uses the FDP for theatre scheduling.",
        "We hold two board papers, attached.",
        "a) Theatre scheduling is in use. b) None in development.",
        "Our business intelligence system overlaps with FDP products.",
        "This information is withheld under section 43(2).",
        "No evaluation of public trust has been made.",
        "No such assessment is held.",
    ];
    assert_eq!(texts.len(), 7, "{texts:?}");
    for (i, (q, outcome, text)) in texts.iter().enumerate() {
        assert_eq!(*q, i as u64 + 1);
        assert_eq!(outcome, "pending", "to triage, never counted as answered");
        assert_eq!(text, want[i], "Q{q}");
    }
    // Applying again overwrites nothing; undo takes the split back whole.
    let again = db.ok(&["mail", "split", &seven, "--apply"]);
    assert!(
        again.contains("0 answer text(s)") && again.contains("left as they are"),
        "{again}"
    );
    db.ok(&["undo"]);
    db.ok(&["undo"]);
    assert!(db.json(&["show", "palantir-fdp/RJ1"])["answers"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_mail_dated_year_9999_is_flagged_and_filed_under_the_day_it_was_read() {
    let db = campaign();
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read_to_string(fixture("plain.eml")).unwrap();
    let odd = plain
        .replace(
            "Tue, 13 Oct 2026 23:30:00 +0000",
            "Fri, 31 Dec 9999 12:00:00 +0000",
        )
        .replace("ack-rj1-0001", "ack-rj1-9999");
    let path = dir.path().join("future.eml");
    std::fs::write(&path, odd).unwrap();
    let out = db.ok(&["import", "mail", path.to_str().unwrap()]);
    assert!(
        out.contains("dated 9999-12-31 by its Date header, which cannot be right"),
        "{out}"
    );
    let list = db.json(&["mail", "list"]);
    let m = &list.as_array().unwrap()[0];
    let day = m["sent_on"].as_str().unwrap_or_default();
    assert!(day.starts_with("20"), "filed under a real day: {m}");
    assert!(!day.starts_with("9999"), "{m}");
}
