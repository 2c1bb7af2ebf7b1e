//! Letters written from the clock and sent to a real SMTP server on loopback: the campaign's
//! requests in bulk, an interrupted run resumed, the events recorded, a threaded reply filed
//! under its request, chasers for the late ones, and no header injection from hostile names.

use crate::common;

use common::smtp::SmtpServer;
use common::{Db, TODAY};

fn with_server() -> (Db, SmtpServer) {
    let db = Db::new();
    let server = SmtpServer::start();
    db.ok(&["config", "from", "Ann Example <ann@campaign.example.org>"]);
    db.ok(&["config", "smtp", &server.url()]);
    (db, server)
}

/// The London bodies of the seed, with their FOI addresses (empty when the seed has none).
fn london(db: &Db) -> Vec<(String, String)> {
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("db/seed/nhs_bodies_england.csv"),
    )
    .unwrap();
    let mut rows = csv_rows(&seed);
    rows.remove(0);
    rows.into_iter()
        .filter(|r| r[3] == "London")
        .map(|r| (r[0].clone(), r[7].clone()))
        .collect()
}

/// The seed's rows (its fields hold no quoted commas in the columns read here).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| {
            let mut fields = Vec::new();
            let mut cur = String::new();
            let mut quoted = false;
            for c in l.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut cur)),
                    c => cur.push(c),
                }
            }
            fields.push(cur);
            fields
        })
        .collect()
}

fn events_of(db: &Db, ods: &str) -> Vec<serde_json::Value> {
    db.json(&["show", &format!("palantir-fdp/{ods}")])["events"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_campaign_goes_out_one_letter_per_body_and_each_is_recorded_as_sent() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    let out = db.ok(&["send", "request", "palantir-fdp/region:London"]);
    let got = server.messages();
    // Two London bodies have no FOI address in the seed: said, not silently dropped.
    assert!(
        out.contains("skipped") && out.contains("no address to send to"),
        "{out}"
    );
    assert!(got.len() >= 30, "{} sent\n{out}", got.len());
    assert!(out.contains(&format!("{} sent", got.len())), "{out}");
    let mut ids = std::collections::HashSet::new();
    for m in &got {
        let subject = m.header("Subject").unwrap();
        assert!(subject.contains("[palantir-fdp/"), "{subject}");
        assert!(
            ids.insert(m.header("Message-ID").unwrap()),
            "one Message-ID per letter"
        );
        assert_eq!(m.from, "<ann@campaign.example.org>");
        let text = m.text();
        assert!(text.contains("Freedom of Information Act 2000"), "{text}");
        for n in 1..=7 {
            assert!(
                text.contains(&format!("\n{n}. ")),
                "question {n} missing: {text}"
            );
        }
        assert!(text.contains("Please confirm whether you are or are not utilising any aspects of the Federated Data Platform (FDP) in your organisation."));
        assert!(text.contains("Ann Example"));
    }
    // RJ1 is in London: sent today, the letter on its request both ways.
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    let sent: Vec<_> = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "sent")
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["on"], TODAY);
    let letters = show["correspondence"].as_array().unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["direction"], "sent");
    assert_eq!(letters[0]["delivery"], "sent");
    assert_eq!(letters[0]["recipient"], "gstt.foi@nhs.net");
    let text = db.ok(&["show", "palantir-fdp/RJ1"]);
    assert!(
        text.contains("Correspondence:") && text.contains("→ gstt.foi@nhs.net"),
        "{text}"
    );
    assert!(text.contains("(the letter foiboard sent)"), "{text}");

    // The same command again sends nothing twice.
    let again = db.ok(&["send", "request", "palantir-fdp/region:London"]);
    assert!(again.contains("0 sent"), "{again}");
    assert!(again.contains("--again sends it once more"), "{again}");
    assert_eq!(server.messages().len(), got.len());
}

#[test]
fn an_interrupted_bulk_send_resumes_and_sends_only_what_did_not_go() {
    let (db, server) = with_server();
    let bodies = london(&db);
    let with_address = bodies.iter().filter(|(_, e)| !e.is_empty()).count();
    server
        .fail_after
        .store(5, std::sync::atomic::Ordering::SeqCst);
    let out = db
        .cmd()
        .args(["send", "request", "palantir-fdp/region:London"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("run the same command again"), "{stderr}");
    assert!(stdout.contains("NOT SENT"), "{stdout}");
    assert_eq!(server.messages().len(), 5);
    // Exactly the five that went are recorded as sent.
    let list = db.json(&["list", "palantir-fdp"]);
    let sent = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] != "not-sent")
        .count();
    assert_eq!(sent, 5);

    // The network is back: the rest go, none twice.
    server
        .fail_after
        .store(usize::MAX, std::sync::atomic::Ordering::SeqCst);
    let out = db.ok(&["send", "request", "palantir-fdp/region:London"]);
    assert!(out.contains("skipped"), "{out}");
    let got = server.messages();
    assert_eq!(got.len(), with_address, "{out}");
    let mut to: Vec<_> = got.iter().map(|m| m.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), got.len(), "no body had the request twice");
    let list = db.json(&["list", "palantir-fdp"]);
    let sent = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] != "not-sent")
        .count();
    assert_eq!(sent, with_address);
}

#[test]
fn a_reply_to_a_sent_letter_is_filed_under_its_request_whoever_sends_it() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["send", "request", "palantir-fdp/RJ1"]);
    let sent = server.messages();
    let mid = sent[0].header("Message-ID").unwrap();
    let reply = format!(
        "From: \"Information Governance\" <ig.team@somewhere-else.example>\r\n\
         To: ann@campaign.example.org\r\n\
         Subject: RE: your email\r\n\
         Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\
         Message-ID: <reply-1@somewhere-else.example>\r\n\
         In-Reply-To: {mid}\r\n\
         References: {mid}\r\n\
         \r\n\
         Thank you for your request, which we have logged.\r\n"
    );
    let file = db.dir.path().join("reply.eml");
    std::fs::write(&file, reply).unwrap();
    db.ok(&["import", "mail", file.to_str().unwrap()]);
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    let msgs = show["correspondence"].as_array().unwrap();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    let received = msgs.iter().find(|m| m["direction"] == "received").unwrap();
    assert_eq!(received["matched_by"], "reply to a letter foiboard sent");
    // The inbox lists what came in, not what went out.
    let list = db.json(&["mail", "list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["direction"], "received");
}

#[test]
fn late_requests_are_chased_once_with_the_dates_set_out() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&["event", "palantir-fdp/RGT", "sent", "--on", "2026-11-16"]);
    let letter = db.ok(&["letter", "chase", "palantir-fdp/RJ1"]);
    assert!(letter.contains("1 October 2026"), "{letter}");
    assert!(letter.contains("29 October 2026"), "{letter}");
    assert!(
        letter.contains("section 10(1) of the Freedom of Information Act 2000"),
        "{letter}"
    );
    assert!(letter.contains("working days late"), "{letter}");
    assert!(
        letter.starts_with("To: gstt.foi@nhs.net\nSubject: Overdue"),
        "{letter}"
    );
    let err = db.refused(&["letter", "chase", "palantir-fdp/RGT"]);
    assert!(err.contains("not late"), "{err}");

    let due = db.ok(&["due", "--chase"]);
    assert!(due.contains("RJ1") && !due.contains("RGT"), "{due}");
    let out = db.ok(&["send", "chase", "palantir-fdp/all"]);
    assert!(out.contains("1 sent"), "{out}");
    assert!(out.contains("skipped Cambridge"), "{out}");
    assert_eq!(server.messages().len(), 1);
    let notes: Vec<_> = events_of(&db, "RJ1")
        .into_iter()
        .filter(|e| e["kind"] == "note")
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["note"].as_str().unwrap().contains("chaser sent"));
    // Chased today: not on the list again, and a second run sends nothing.
    assert!(!db.ok(&["due", "--chase"]).contains("RJ1"));
    let out = db.ok(&["send", "chase", "palantir-fdp/all"]);
    assert!(out.contains("less than 5 working days ago"), "{out}");
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn the_review_names_what_was_refused_and_records_the_review_request() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-10-27",
        "--ref",
        "FOI-2291",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--outcome",
        "refused",
        "--exemption",
        "s.43",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "1",
        "--outcome",
        "answered",
    ]);
    let letter = db.ok(&["letter", "review", "palantir-fdp/RJ1"]);
    assert!(
        letter.contains("- Question 5: refused, citing s.43"),
        "{letter}"
    );
    assert!(!letter.contains("Question 1:"), "{letter}");
    assert!(
        letter.contains("27 October 2026 (your reference FOI-2291)")
            || letter
                .replace('\n', " ")
                .contains("27 October 2026 (your reference FOI-2291)"),
        "{letter}"
    );
    db.ok(&["send", "review", "palantir-fdp/RJ1"]);
    assert_eq!(server.messages().len(), 1);
    assert!(events_of(&db, "RJ1")
        .iter()
        .any(|e| e["kind"] == "review-requested" && e["on"] == TODAY));
    // The complaint waits for the review's deadline.
    let err = db.refused(&["letter", "complaint", "palantir-fdp/RJ1"]);
    assert!(err.contains("review"), "{err}");
}

#[test]
fn a_hostile_name_never_starts_a_header() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&[
        "bodies",
        "edit",
        "RJ1",
        "--name",
        "Evil Trust\r\nBcc: everyone@example.org\r\nX-Injected: yes",
    ]);
    db.ok(&["send", "request", "palantir-fdp/RJ1"]);
    let got = server.messages();
    assert_eq!(got.len(), 1);
    let names = got[0].header_names();
    assert!(
        !names.iter().any(|n| n.eq_ignore_ascii_case("bcc")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.eq_ignore_ascii_case("x-injected")),
        "{names:?}"
    );
    assert_eq!(got[0].to, vec!["<gstt.foi@nhs.net>".to_string()]);
}

#[test]
fn a_groups_own_template_replaces_the_built_in_one_for_everyone_and_is_undoable() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    let file = db.dir.path().join("chase.txt");
    std::fs::write(
        &file,
        "Subject: Still waiting {token}\n\nDear {body},\n\nYou are {days_late} late.\n\n{sender}\n",
    )
    .unwrap();
    db.ok(&["config", "from", "Ann <ann@example.org>"]);
    db.ok(&[
        "letter",
        "template",
        "edit",
        "chase",
        "--file",
        file.to_str().unwrap(),
    ]);
    let letter = db.ok(&["letter", "chase", "palantir-fdp/RJ1"]);
    assert!(
        letter.contains("Subject: Still waiting [palantir-fdp/RJ1]"),
        "{letter}"
    );
    assert!(letter.contains("You are 17 working days late."), "{letter}");
    let shown = db.ok(&["letter", "template", "show", "chase"]);
    assert!(shown.contains("group's own"), "{shown}");
    db.ok(&["undo"]);
    let letter = db.ok(&["letter", "chase", "palantir-fdp/RJ1"]);
    assert!(letter.contains("Subject: Overdue"), "{letter}");
    std::fs::write(&file, "Subject: x\n\nDear {bdy}\n").unwrap();
    let err = db.refused(&[
        "letter",
        "template",
        "edit",
        "chase",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert!(err.contains("{bdy}"), "{err}");
}

#[test]
fn sending_without_settings_says_what_to_set_and_sends_nothing() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    let err = db.refused(&["send", "request", "palantir-fdp/RJ1"]);
    assert!(err.contains("config from"), "{err}");
    db.ok(&["config", "from", "Ann <ann@example.org>"]);
    let err = db.refused(&["send", "request", "palantir-fdp/RJ1"]);
    assert!(err.contains("config smtp"), "{err}");
    let err = db.refused(&["config", "smtp", "smtp+plain://mail.example.org:25"]);
    assert!(err.contains("only for this machine"), "{err}");
    // A dry run and .eml files need no server and record nothing.
    let out = db.ok(&["send", "request", "palantir-fdp/RJ1", "--dry-run"]);
    assert!(
        out.contains("would send the request letter to gstt.foi@nhs.net"),
        "{out}"
    );
    let dir = db.dir.path().join("out");
    db.ok(&[
        "send",
        "request",
        "palantir-fdp/RJ1",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let eml = std::fs::read_to_string(dir.join("palantir-fdp-RJ1-request.eml")).unwrap();
    assert!(
        eml.contains("Subject: Freedom of Information request"),
        "{eml}"
    );
    assert!(events_of(&db, "RJ1").is_empty());
}

#[test]
fn a_letter_left_pending_by_a_killed_run_goes_again_with_its_own_message_id() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    // A run killed after marking the letter pending, before the server took it: the state a
    // SIGKILL between the two leaves.
    {
        use foiboard::letters::{builtin, write, Kind};
        let mut store = foiboard::store::Store::open(&db.path).unwrap();
        let c = store.campaign("palantir-fdp").unwrap();
        let req = store.request(&c, "RJ1").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let facts = store.letter_facts(&c, &req, today).unwrap();
        let letter = write(Kind::Request, &builtin(Kind::Request), &facts).unwrap();
        let out = foiboard::store::Outgoing {
            request_id: req.id,
            message_id: "foiboard.killed.1@campaign.example.org".into(),
            from: "Ann Example <ann@campaign.example.org>".into(),
            letter,
        };
        store.letter_pending(&out, today).unwrap();
    }
    let text = db.ok(&["show", "palantir-fdp/RJ1"]);
    assert!(text.contains("NOT CONFIRMED SENT"), "{text}");
    assert!(
        events_of(&db, "RJ1").is_empty(),
        "nothing recorded as sent yet"
    );
    db.ok(&["send", "request", "palantir-fdp/RJ1"]);
    let got = server.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].header("Message-ID").unwrap(),
        "<foiboard.killed.1@campaign.example.org>"
    );
    assert!(events_of(&db, "RJ1").iter().any(|e| e["kind"] == "sent"));
    let show = db.json(&["show", "palantir-fdp/RJ1"]);
    assert_eq!(show["correspondence"].as_array().unwrap().len(), 1);
    assert_eq!(show["correspondence"][0]["delivery"], "sent");
}

#[test]
fn a_run_stops_when_the_server_takes_nothing_and_the_next_run_sends_all() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/region:London"]);
    server
        .fail_after
        .store(0, std::sync::atomic::Ordering::SeqCst);
    let out = db
        .cmd()
        .args(["send", "request", "palantir-fdp/region:London"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("NOT SENT").count(), 3, "{stdout}");
    assert!(
        stdout.contains("stopped: 3 letters in a row did not go"),
        "{stdout}"
    );
    server
        .fail_after
        .store(usize::MAX, std::sync::atomic::Ordering::SeqCst);
    let out = db.ok(&["send", "request", "palantir-fdp/region:London"]);
    assert!(out.contains(", 0 not sent"), "{out}");
    assert!(server.messages().len() >= 30);
}

#[test]
fn mail_settings_an_older_foiboard_kept_in_the_database_move_to_your_own_file() {
    let db = Db::new();
    db.ok(&["tags"]);
    // What an older foiboard stored in the database itself.
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute_batch(
            "INSERT INTO settings (key, value) VALUES ('sendmail', 'msmtp -t'),
                    ('smtp', 'smtp://ann@mail.example.org:587'), ('from', 'Ann <ann@example.org>')",
        )
        .unwrap();
    }
    let out = db.cmd().args(["config"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("moved smtp, sendmail from the database to your own config file"),
        "{err}"
    );
    assert!(shown.contains("# your own settings"), "{shown}");
    let mine = std::fs::read_to_string(db.dir.path().join("config.toml")).unwrap();
    assert!(
        mine.contains("msmtp -t") && mine.contains("mail.example.org"),
        "{mine}"
    );
    // The group's setting stays with the group; the moved ones are gone from the database.
    assert_eq!(db.ok(&["config", "from"]).trim(), "Ann <ann@example.org>");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM settings WHERE key IN ('smtp', 'sendmail')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    // Said once: the next run moves nothing.
    let out = db.cmd().args(["tags"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("moved"));
    // A setting of your own says where it went.
    let said = db.ok(&["config", "sendmail", "sendmail -t"]);
    assert!(said.contains("your own setting, in"), "{said}");
    let said = db.ok(&["config", "commissioner-email", "casework@ico.org.uk"]);
    assert!(said.contains("the group's setting, in"), "{said}");
}

#[test]
fn a_letter_undone_is_not_sent_again() {
    let (db, server) = with_server();
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["send", "request", "palantir-fdp/RJ1"]);
    assert_eq!(server.messages().len(), 1);
    assert_eq!(
        events_of(&db, "RJ1").len(),
        1,
        "the request is recorded as sent"
    );
    // Undo takes back the event, and with it the clock...
    db.ok(&["undo"]);
    assert!(events_of(&db, "RJ1").is_empty());
    // ...but the letter went: a second send is refused, and the trust gets one copy.
    let out = db.ok(&["send", "request", "palantir-fdp/RJ1"]);
    assert!(out.contains("--again"), "{out}");
    assert_eq!(server.messages().len(), 1, "sent once, whatever was undone");
    let show = db.ok(&["show", "palantir-fdp/RJ1"]);
    assert!(
        show.contains("[request letter, sent; its event was undone]"),
        "{show}"
    );
    assert!(!show.contains("NOT CONFIRMED"), "{show}");
    // Only --again sends it once more.
    db.ok(&["send", "request", "palantir-fdp/RJ1", "--again"]);
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn a_chaser_sent_by_hand_is_recorded_and_due_chase_moves_on() {
    let db = Db::new();
    db.ok(&["config", "from", "Ann <ann@example.org>"]);
    db.ok(&["request", "add", "palantir-fdp/RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    assert!(db.ok(&["due", "--chase"]).contains("RJ1"));
    // No SMTP account: the group writes the chaser as a file and sends it itself.
    let dir = db.dir.path().join("out");
    db.ok(&[
        "send",
        "chase",
        "palantir-fdp/RJ1",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        db.ok(&["due", "--chase"]).contains("RJ1"),
        "a file is not a letter sent"
    );
    let out = db.ok(&[
        "letter",
        "mark-sent",
        "chase",
        "palantir-fdp/RJ1",
        "--on",
        "2026-11-20",
    ]);
    assert!(
        out.contains("recorded the chase letter to gstt.foi@nhs.net") && out.contains("2026-11-20"),
        "{out}"
    );
    assert!(
        !db.ok(&["due", "--chase"]).contains("RJ1"),
        "chased: off the list"
    );
    let show = db.ok(&["show", "palantir-fdp/RJ1"]);
    assert!(show.contains("chaser sent to gstt.foi@nhs.net"), "{show}");
    let json = db.json(&["list", "palantir-fdp"]);
    assert_eq!(json[0]["last_chased"], "2026-11-20");
    // Recorded once: a second mark-sent is refused as too soon.
    let again = db.ok(&["letter", "mark-sent", "chase", "palantir-fdp/RJ1"]);
    assert!(
        again.contains("chased on") && again.contains("0 recorded"),
        "{again}"
    );
    // A day to come is refused.
    let err = db.refused(&[
        "letter",
        "mark-sent",
        "chase",
        "palantir-fdp/RJ1",
        "--on",
        "2026-12-25",
    ]);
    assert!(err.contains("after today"), "{err}");
}

#[test]
fn escalation_letters_go_without_a_reference_and_the_chaser_quotes_one() {
    let db = Db::new();
    db.ok(&["config", "from", "Ann <ann@example.org>"]);
    db.ok(&["config", "commissioner-email", "casework@ico.org.uk"]);
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    db.ok(&[
        "event",
        "palantir-fdp/ods:RJ1,RGT",
        "sent",
        "--on",
        "2026-09-01",
    ]);
    // RJ1 replied without giving a reference and refused Q5.
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "responded",
        "--on",
        "2026-09-20",
    ]);
    db.ok(&[
        "answer",
        "palantir-fdp/RJ1",
        "--question",
        "5",
        "--outcome",
        "refused",
        "--exemption",
        "s43",
    ]);
    let review = db.ok(&["letter", "review", "palantir-fdp/RJ1"]);
    assert!(
        review.contains("of your reply of 20 September 2026 to my request"),
        "{review}"
    );
    assert!(!review.contains("reference"), "{review}");
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-requested",
        "--on",
        "2026-09-25",
    ]);
    db.ok(&[
        "event",
        "palantir-fdp/RJ1",
        "review-responded",
        "--on",
        "2026-10-20",
        "--outcome",
        "upheld",
    ]);
    let complaint = db.ok(&["letter", "complaint", "palantir-fdp/RJ1"]);
    assert!(
        complaint.contains("(no reference was given)"),
        "{complaint}"
    );
    // RGT acknowledged with a reference and never replied: the chaser quotes it.
    db.ok(&[
        "event",
        "palantir-fdp/RGT",
        "acknowledged",
        "--on",
        "2026-09-02",
        "--ref",
        "FOI-2026-0417",
    ]);
    let chase = db.ok(&["letter", "chase", "palantir-fdp/RGT"]);
    assert!(chase.contains("(your reference FOI-2026-0417)"), "{chase}");
}

#[test]
fn a_long_title_folds_and_one_bad_address_leaves_the_other_letters_written() {
    let db = Db::new();
    db.ok(&["config", "from", "Ann <ann@example.org>"]);
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT,RBS"]);
    let title = "Federated-Data-Platform-".repeat(84); // 2,016 characters, no space to fold at
    {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute("UPDATE campaigns SET title = ?1", [&title])
            .unwrap();
        c.execute(
            "UPDATE bodies SET foi_email = 'not an address' WHERE ods_code = 'RGT'",
            [],
        )
        .unwrap();
    }
    let dir = db.dir.path().join("out");
    let out = db
        .cmd()
        .args(["send", "request", "palantir-fdp/ods:RJ1,RGT,RBS", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("NOT WRITTEN") && said.contains("RGT"),
        "{said}"
    );
    assert!(said.contains("2 written as .eml files"), "{said}");
    let written: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    for path in written {
        let raw = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&raw);
        for line in text.split("\r\n") {
            assert!(line.len() <= 998, "a line of {} characters", line.len());
        }
        let headers = text.split("\r\n\r\n").next().unwrap();
        assert!(
            headers.split("\r\n").all(|l| l.len() <= 78),
            "every header line folded: {headers}"
        );
        // A mail reader shows the whole title.
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert!(
            parsed.subject().unwrap().contains(&title),
            "{:?}",
            parsed.subject()
        );
    }
}
