//! NHS mail as it arrives (fixtures in `tests/fixtures/mail/nhs/`): Outlook and Gmail
//! acknowledgements with the usual "if we need any clarification" line and NHSmail's
//! disclaimer, clarification requests, responses ending with the internal review and ICO
//! paragraph, refusals, review outcomes, an HTML table of answers, replies forwarded inline
//! and as attachments, and an mbox whose letter has an unescaped "From " line.

use crate::common;

use common::Db;
use foiboard::import::mail::{parse, propose, read_path};
use foiboard::law::EventKind;

fn fixture(name: &str) -> String {
    common::fixture(&format!("mail/nhs/{name}"))
}

fn read(name: &str) -> foiboard::model::records::Mail {
    let bytes = std::fs::read(fixture(name)).unwrap();
    parse(&bytes, name).unwrap()
}

/// The corpus, each letter with the event a careful colleague would record from it.
const CORPUS: [(&str, Option<EventKind>); 11] = [
    (
        "ack-outlook-clarification-boilerplate.eml",
        Some(EventKind::Acknowledged),
    ),
    ("ack-gmail-style.eml", Some(EventKind::Acknowledged)),
    (
        "clarification-request.eml",
        Some(EventKind::ClarificationRequested),
    ),
    (
        "response-numbered-rights-footer.eml",
        Some(EventKind::Responded),
    ),
    ("refusal-s43.eml", Some(EventKind::Responded)),
    ("review-outcome.eml", Some(EventKind::ReviewResponded)),
    ("review-acknowledgement.eml", Some(EventKind::Acknowledged)),
    ("html-table-response.eml", Some(EventKind::Responded)),
    ("forwarded-inline-gmail.eml", Some(EventKind::Responded)),
    ("forwarded-as-attachment.eml", Some(EventKind::Responded)),
    ("response-other-address.eml", Some(EventKind::Responded)),
];

#[test]
fn suggestions_come_from_the_letters_own_words_across_the_corpus() {
    let mut wrong = Vec::new();
    let mut table = String::from("letter | expected | suggested\n");
    for (name, expected) in CORPUS {
        let m = read(name);
        let got = propose(&m.subject, &m.body);
        table.push_str(&format!("{name} | {expected:?} | {got:?}\n"));
        if got != expected {
            wrong.push(name);
        }
    }
    println!("{table}");
    println!(
        "{} of {} suggestions right",
        CORPUS.len() - wrong.len(),
        CORPUS.len()
    );
    assert!(wrong.is_empty(), "wrong suggestions: {wrong:?}\n{table}");
}

#[test]
fn the_standard_paragraphs_do_not_decide_the_suggestion() {
    // An acknowledgement that mentions clarification only as a possibility.
    assert_eq!(
        propose(
            "Your FOI request",
            "We acknowledge receipt of your request. If we need any clarification we will contact you.",
        ),
        Some(EventKind::Acknowledged)
    );
    // A response whose last paragraph speaks of internal reviews and the ICO.
    assert_eq!(
        propose(
            "FOI response",
            "Please find our response below.\n\n1. Yes.\n2. No.\n\nIf you are not content with the outcome of the internal review, you may apply to the ICO.",
        ),
        Some(EventKind::Responded)
    );
    // The quoted request below a reply does not speak for the reply.
    assert_eq!(
        propose(
            "RE: request",
            "Thank you, we have logged this and will respond within 20 working days.\n\nOn Mon, 2 Mar 2026 at 10:02, A <a@example.org> wrote:\n> Could you please clarify your policy? Internal review outcome upheld.",
        ),
        Some(EventKind::Acknowledged)
    );
}

#[test]
fn a_forwarded_reply_is_the_original_senders_on_the_original_day() {
    let m = read("forwarded-inline-gmail.eml");
    assert_eq!(m.sender, "ch-tr.foi@nhs.net");
    assert_eq!(m.sent_on.to_string(), "2026-03-25");
    assert!(m.body.contains("1. Yes, the Trust uses"), "{}", m.body);
    assert!(m
        .body
        .starts_with("[Forwarded by ann.volunteer@example.org"));
    let m = read("forwarded-as-attachment.eml");
    assert_eq!(m.sender, "foi.lg@nhs.net");
    assert_eq!(m.sent_on.to_string(), "2026-03-24");
    assert!(m.body.contains("does not use the Federated Data Platform"));
}

#[test]
fn an_html_table_of_answers_keeps_a_line_per_row_and_no_sign_off_is_an_answer() {
    let m = read("html-table-response.eml");
    let lines: Vec<&str> = m.body.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("1.") && l.contains("Yes, since June 2024")),
        "{}",
        m.body
    );
    let questions: Vec<(u32, String)> = (1..=7).map(|n| (n, format!("Question {n}"))).collect();
    let parts = foiboard::import::split::split(&m.body, &questions);
    assert_eq!(parts.len(), 7, "{parts:?}");
    assert!(parts[6].text.contains("Not held"), "{:?}", parts[6]);
    for p in &parts {
        let t = p.text.to_lowercase();
        assert!(
            !t.contains("kind regards") && !t.contains("information rights team"),
            "a sign-off proposed as an answer: {p:?}"
        );
    }
    // The numbered letter with its rights paragraph: Q7 stops before it.
    let m = read("response-numbered-rights-footer.eml");
    let parts = foiboard::import::split::split(&m.body, &questions);
    assert_eq!(parts.len(), 7);
    assert!(!parts[6].text.contains("internal review"), "{:?}", parts[6]);
    assert!(!parts[6].text.contains("Yours sincerely"));
}

#[test]
fn an_unescaped_from_line_in_a_letter_does_not_split_the_mailbox() {
    let mails = read_path(std::path::Path::new(&fixture("unescaped-from.mbox"))).unwrap();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails[0].body.contains("From the Trust's point of view"));
    assert!(mails[0]
        .body
        .contains("From: a line that looks like a header"));
    assert_eq!(mails[1].subject, "FOI 26-0451 - Response");
}

#[test]
fn an_acknowledgements_reference_is_recorded_and_waiting_mail_filed_by_it() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RGT,RJ6,RJ2"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RGT,RJ6,RJ2",
        "sent",
        "--on",
        "2026-03-02",
    ]);
    // The follow-up from another address arrives unmatched: no reference is known yet.
    db.ok(&["import", "mail", &fixture("response-other-address.eml")]);
    let unmatched = db.json(&["mail", "list", "--unmatched"]);
    assert_eq!(unmatched.as_array().unwrap().len(), 1);
    db.ok(&[
        "import",
        "mail",
        &fixture("ack-outlook-clarification-boilerplate.eml"),
    ]);
    let list = db.json(&["mail", "list"]);
    let ack = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains("Ref: FOI/2026/1234")
        })
        .unwrap();
    assert_eq!(ack["proposed"], "acknowledged", "not a clarification");
    let said = db.ok(&["mail", "accept", &ack["id"].to_string()]);
    assert!(said.contains("reference FOI/2026/1234"), "{said}");
    assert!(
        said.contains("1 message(s) waiting unmatched are now filed"),
        "{said}"
    );
    assert_eq!(
        db.json(&["show", "palantir-fdp/RGT"])["reference"],
        "FOI/2026/1234"
    );
    assert!(db
        .json(&["mail", "list", "--unmatched"])
        .as_array()
        .unwrap()
        .is_empty());
    // One undo takes the acknowledgement, the reference and the filing back together.
    db.ok(&["undo"]);
    assert_eq!(db.json(&["show", "palantir-fdp/RGT"])["reference"], "");
    assert_eq!(
        db.json(&["mail", "list", "--unmatched"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // A reference typed by hand files it too, however it is punctuated.
    db.ok(&[
        "event",
        "palantir-fdp/RGT",
        "acknowledged",
        "--on",
        "2026-03-03",
        "--ref",
        "FOI-2026-1234",
    ]);
    assert!(db
        .json(&["mail", "list", "--unmatched"])
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn forwarded_replies_are_filed_and_dated_as_the_originals_and_a_date_can_be_corrected() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ6,RJ2"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ6,RJ2",
        "sent",
        "--on",
        "2026-03-02",
    ]);
    db.ok(&[
        "import",
        "mail",
        &fixture("forwarded-inline-gmail.eml"),
        &fixture("forwarded-as-attachment.eml"),
    ]);
    let list = db.json(&["mail", "list"]);
    for m in list.as_array().unwrap() {
        assert!(!m["request"].is_null(), "filed by the original sender: {m}");
        assert_eq!(m["proposed"], "responded");
        let id = m["id"].to_string();
        db.ok(&["mail", "accept", &id]);
    }
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ6"])["responded"],
        "2026-03-25"
    );
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ2"])["responded"],
        "2026-03-24"
    );
    // The day can be corrected: accepting again with --on moves the recorded event.
    let rj2 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["sender"] == "foi.lg@nhs.net")
        .unwrap()["id"]
        .to_string();
    let said = db.ok(&["mail", "accept", &rj2, "--on", "2026-03-23"]);
    assert!(said.contains("on 2026-03-23"), "{said}");
    assert_eq!(
        db.json(&["show", "palantir-fdp/RJ2"])["responded"],
        "2026-03-23"
    );
}
