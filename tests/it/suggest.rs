//! The reply read for you, measured: every letter of the labelled set (`fixtures/replies/`,
//! each with what a careful member would record) is read as plain text and again as a PDF,
//! Word and HTML attachment, and the proposals are compared with the labels. The figures are
//! printed per label, and the test fails below the floors the README states.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use foiboard::inbox::suggest::{suggest, Reply, Suggestion};
use foiboard::law::Regime;

use crate::common::{self, Db};

struct Labelled {
    name: String,
    kind: String,
    regime: Regime,
    sender: String,
    subject: String,
    reference: Option<String>,
    extended_until: Option<NaiveDate>,
    review: Option<String>,
    /// Question, outcome, exemptions.
    answers: Vec<(u32, String, Vec<String>)>,
    text: String,
}

fn labelled_set() -> Vec<Labelled> {
    letters_in("replies")
}

/// Letters written after the rules were, and never used to shape them: the honest measure.
fn held_out() -> Vec<Labelled> {
    letters_in("replies/held-out")
}

fn letters_in(folder: &str) -> Vec<Labelled> {
    let dir = common::fixture(folder);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let raw = std::fs::read_to_string(&p).unwrap();
            let (head, text) = raw.split_once("\n---\n").expect("a header, ---, a letter");
            let field = |k: &str| {
                head.lines()
                    .find_map(|l| l.strip_prefix(&format!("{k}: ")))
                    .map(|v| v.trim().to_string())
            };
            let answers = field("answers")
                .map(|a| {
                    a.split(';')
                        .map(|one| {
                            let words: Vec<&str> = one.split_whitespace().collect();
                            let mut ex = Vec::new();
                            let mut i = 2;
                            while i < words.len() {
                                if words[i] == "reg" {
                                    ex.push(format!("reg {}", words[i + 1]));
                                    i += 2;
                                } else {
                                    ex.push(words[i].to_string());
                                    i += 1;
                                }
                            }
                            (words[0].parse().unwrap(), words[1].to_string(), ex)
                        })
                        .collect()
                })
                .unwrap_or_default();
            Labelled {
                name: p.file_name().unwrap().to_string_lossy().into_owned(),
                kind: field("kind").unwrap(),
                regime: field("regime").unwrap().parse().unwrap(),
                sender: field("sender").unwrap_or_default(),
                subject: field("subject").unwrap_or_default(),
                reference: field("reference"),
                extended_until: field("extended-until").map(|d| d.parse().unwrap()),
                review: field("review"),
                answers,
                text: text.to_string(),
            }
        })
        .collect()
}

fn questions() -> Vec<(u32, String)> {
    let db = Db::new();
    db.ok(&["campaign", "list"]);
    let store = common::open_store(&db.location());
    let c = store.campaign("palantir-fdp").unwrap();
    store
        .questions(c.id)
        .unwrap()
        .into_iter()
        .map(|q| (q.number, q.text))
        .collect()
}

fn read(l: &Labelled, text: &str, questions: &[(u32, String)]) -> Suggestion {
    suggest(&Reply {
        sender: &l.sender,
        subject: &l.subject,
        text,
        questions,
        regime: l.regime,
        today: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        model: None,
    })
}

/// Counts for one label: right, proposed, labelled.
#[derive(Default)]
struct Tally(BTreeMap<String, (usize, usize, usize)>);

impl Tally {
    fn add(&mut self, want: &str, got: &str) {
        let w = self.0.entry(want.to_string()).or_default();
        w.2 += 1;
        if want == got {
            w.0 += 1;
        }
        self.0.entry(got.to_string()).or_default().1 += 1;
    }

    fn print(&self, what: &str) -> f64 {
        println!("{what}: label | precision | recall | labelled");
        let (mut right, mut all) = (0, 0);
        for (label, (r, p, l)) in &self.0 {
            let precision = if *p == 0 { 1.0 } else { *r as f64 / *p as f64 };
            let recall = if *l == 0 { 1.0 } else { *r as f64 / *l as f64 };
            println!("  {label:<22} | {precision:.2} | {recall:.2} | {l}");
            right += r;
            all += l;
        }
        let accuracy = right as f64 / all.max(1) as f64;
        println!(
            "  {what} right: {right} of {all} ({:.0}%)",
            accuracy * 100.0
        );
        accuracy
    }
}

#[test]
fn the_labelled_set_is_read_as_a_careful_member_would_above_the_floors() {
    let set = labelled_set();
    assert!(set.len() >= 24, "the labelled set is there");
    measure(&set, 0.95, 0.9, 0.9);
}

#[test]
fn letters_never_used_to_shape_the_rules_are_read_above_their_floors() {
    let set = held_out();
    assert!(set.len() >= 6, "the held-out letters are there");
    measure(&set, 0.8, 0.8, 0.8);
}

/// Reads every letter of `set`, prints the figures per label, and holds them to the floors.
fn measure(set: &[Labelled], kind_floor: f64, outcome_floor: f64, f1_floor: f64) {
    let questions = questions();
    let (mut kinds, mut outcomes) = (Tally::default(), Tally::default());
    let (mut refs_right, mut refs) = (0, 0);
    let (mut ex_right, mut ex_proposed, mut ex_labelled) = (0, 0, 0);
    let mut wrong = Vec::new();
    for l in set {
        let s = read(l, &l.text, &questions);
        let kind = s
            .kind
            .map_or("none".to_string(), |k| k.as_str().to_string());
        kinds.add(&l.kind, &kind);
        if kind != l.kind {
            wrong.push(format!("{}: kind {kind}, labelled {}", l.name, l.kind));
        }
        if let Some(r) = &l.reference {
            refs += 1;
            if s.reference.as_deref() == Some(r.as_str()) {
                refs_right += 1;
            } else {
                wrong.push(format!(
                    "{}: reference {:?}, labelled {r}",
                    l.name, s.reference
                ));
            }
        }
        if s.extended_until != l.extended_until {
            wrong.push(format!(
                "{}: extended until {:?}, labelled {:?}",
                l.name, s.extended_until, l.extended_until
            ));
        }
        if l.review.as_deref() != s.review_outcome.map(|o| o.as_str()) {
            wrong.push(format!(
                "{}: review {:?}, labelled {:?}",
                l.name, s.review_outcome, l.review
            ));
        }
        for (q, outcome, exemptions) in &l.answers {
            let got = s.answers.iter().find(|a| a.question == *q);
            let got_outcome = got.map_or("none".to_string(), |a| a.outcome.as_str().to_string());
            outcomes.add(outcome, &got_outcome);
            if &got_outcome != outcome {
                wrong.push(format!(
                    "{} Q{q}: {got_outcome}, labelled {outcome}",
                    l.name
                ));
            }
            let mut got_ex: Vec<String> = got.map(|a| a.exemptions.clone()).unwrap_or_default();
            got_ex.sort();
            let mut exemptions = exemptions.clone();
            exemptions.sort();
            ex_labelled += exemptions.len();
            ex_proposed += got_ex.len();
            ex_right += got_ex.iter().filter(|e| exemptions.contains(e)).count();
            if got_ex != exemptions {
                wrong.push(format!(
                    "{} Q{q}: cites {got_ex:?}, labelled {exemptions:?}",
                    l.name
                ));
            }
        }
    }
    let kind_accuracy = kinds.print("kinds");
    let outcome_accuracy = outcomes.print("outcomes");
    let p = ex_right as f64 / ex_proposed.max(1) as f64;
    let r = ex_right as f64 / ex_labelled.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::EPSILON);
    println!("exemptions: precision {p:.2}, recall {r:.2}, F1 {f1:.2} ({ex_labelled} labelled)");
    let ref_accuracy = refs_right as f64 / refs.max(1) as f64;
    println!("references: {refs_right} of {refs} right");
    println!("differences from the labels:\n  {}", wrong.join("\n  "));
    assert!(ref_accuracy >= 0.8, "references {ref_accuracy:.2}");
    assert!(kind_accuracy >= kind_floor, "kinds {kind_accuracy:.2}");
    assert!(
        outcome_accuracy >= outcome_floor,
        "outcomes {outcome_accuracy:.2}"
    );
    assert!(f1 >= f1_floor, "exemptions F1 {f1:.2}");
}

#[test]
fn a_letter_reads_the_same_as_a_pdf_a_word_file_and_html() {
    use foiboard::import::attachment::read as read_attachment;
    let questions = questions();
    for l in labelled_set().iter().filter(|l| l.kind == "response") {
        let plain = read(l, &l.text, &questions);
        let lines: Vec<&str> = l.text.lines().filter(|x| !x.trim().is_empty()).collect();
        let html: String = lines.iter().map(|x| format!("<p>{x}</p>")).collect();
        for (name, ct, bytes) in [
            (
                "reply.pdf",
                "application/pdf",
                crate::attachments::pdf(&lines),
            ),
            (
                "reply.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                crate::attachments::docx(&lines, &[]),
            ),
            ("reply.html", "text/html", html.into_bytes()),
        ] {
            let got = read_attachment(name, ct, &bytes);
            assert!(got.note.is_empty(), "{} as {name}: {}", l.name, got.note);
            let as_file = read(l, &got.text, &questions);
            let outcomes = |s: &Suggestion| -> Vec<(u32, String)> {
                s.answers
                    .iter()
                    .map(|a| (a.question, a.outcome.as_str().to_string()))
                    .collect()
            };
            assert_eq!(as_file.kind, plain.kind, "{} as {name}", l.name);
            assert_eq!(outcomes(&as_file), outcomes(&plain), "{} as {name}", l.name);
        }
    }
}

#[test]
fn suggest_prints_the_json_the_readme_shows_and_records_nothing() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1"]);
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("reply.txt");
    let raw =
        std::fs::read_to_string(common::fixture("replies/01-foia-mixed-response.txt")).unwrap();
    std::fs::write(&letter, raw.split_once("\n---\n").unwrap().1).unwrap();
    let before = db.state();
    let j = db.json(&[
        "suggest",
        "--text-file",
        letter.to_str().unwrap(),
        "--campaign",
        "palantir-fdp",
    ]);
    assert_eq!(j["kind"], "response");
    assert_eq!(j["reference"], "FOI/26/0412");
    let q5 = &j["answers"][4];
    assert_eq!(q5["question"], 5);
    assert_eq!(q5["outcome"], "refused");
    assert_eq!(q5["exemptions"][0], "s.43(2)");
    assert!(q5["evidence"].as_str().unwrap().contains("section 43(2)"));
    assert!(q5["confidence"].as_f64().unwrap() > 0.5);
    assert_eq!(db.state(), before, "a suggestion records nothing");
    let err = db.refused(&["suggest", "--text-file", letter.to_str().unwrap()]);
    assert!(err.contains("--campaign"), "{err}");
}

/// Two replies read with `answer suggest`, then confirmed on the board through the triage
/// queue: `y` takes a proposal, an outcome key overrides it, the tally says which, and
/// nothing counted a proposal before a member decided.
#[test]
fn proposals_count_for_nothing_until_confirmed_one_key_at_a_time_in_the_triage_queue() {
    use foiboard::tui::action::Action;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1,RGT"]);
    let dir = tempfile::tempdir().unwrap();
    let raw =
        std::fs::read_to_string(common::fixture("replies/01-foia-mixed-response.txt")).unwrap();
    let letter: Vec<&str> = raw.split_once("\n---\n").unwrap().1.lines().collect();
    for (ods, name) in [("RJ1", "reply.pdf"), ("RGT", "reply.docx")] {
        let bytes = if name.ends_with("pdf") {
            crate::attachments::pdf(&letter)
        } else {
            crate::attachments::docx(&letter, &[])
        };
        let eml = crate::attachments::eml(
            &format!("FOI response [palantir-fdp/{ods}]"),
            name,
            "application/octet-stream",
            &bytes,
        );
        let path = dir.path().join(format!("{ods}.eml"));
        std::fs::write(&path, eml).unwrap();
        db.ok(&["import", "mail", path.to_str().unwrap()]);
    }
    let said = db.ok(&["answer", "suggest", "palantir-fdp/all"]);
    assert!(
        said.contains("2 of 2 request(s) had a reply to read: 14 proposal(s)"),
        "{said}"
    );
    // The whole run is one change: one undo takes every request's texts and proposals back.
    db.ok(&["undo"]);
    for ods in ["RJ1", "RGT"] {
        let show = db.json(&["show", &format!("palantir-fdp/{ods}")]);
        assert!(show["answers"].as_array().unwrap().is_empty(), "{show}");
    }
    db.ok(&["answer", "suggest", "palantir-fdp/all"]);
    // Stored as proposals: every answer is still to triage, nothing counted as decided.
    for ods in ["RJ1", "RGT"] {
        let show = db.json(&["show", &format!("palantir-fdp/{ods}")]);
        let answers = show["answers"].as_array().unwrap();
        assert_eq!(answers.len(), 7, "{show}");
        assert!(answers.iter().all(|a| a["outcome"] == "pending"), "{show}");
    }

    // The board, on the same database: A walks the queue.
    let mut store = foiboard::store::Store::open(&db.path).unwrap();
    store.set_author("tester");
    let mut a = foiboard::tui::app::App::with_clock(
        store,
        crate::board_common::today(),
        Some(|| "12:00:00".to_string()),
    )
    .unwrap();
    let key = |a: &mut foiboard::tui::app::App, c: char| {
        a.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    };
    a.update(Action::Triage);
    assert_eq!(a.view, foiboard::tui::effect::View::Answer);
    let (screen, _) = crate::board_common::render(&a, 100, 30, false);
    assert!(screen.contains("proposed:"), "{screen}");
    // The proposal and its words at both sizes, nothing cut or drawn over a border.
    for (w, h) in [(80, 24), (120, 40)] {
        let s = crate::board_common::mask_times(&crate::board_common::render(&a, w, h, false).0);
        insta::assert_snapshot!(format!("triage_proposal_{w}x{h}"), s);
    }
    // Body order: Cambridge (RGT) before Guy's (RJ1).
    let first = a.screens.answer.pane.as_ref().unwrap().request_id;
    assert_eq!(
        a.sh.rows
            .iter()
            .find(|r| r.request.id == first)
            .unwrap()
            .request
            .body
            .ods_code,
        "RGT"
    );
    key(&mut a, 'y'); // Q1 answered, as proposed
    key(&mut a, 'y'); // Q2 answered
    key(&mut a, 'p'); // Q3 proposed partial: taken as partial
    key(&mut a, 'r'); // Q4 proposed not held: changed to refused
    let msg = a.sh.message.clone().unwrap().0;
    assert!(msg.contains("3 accepted · 1 changed"), "{msg}");
    for _ in 0..3 {
        key(&mut a, 'y');
    }
    // Cambridge done: the queue moved on to Guy's.
    let next = a.screens.answer.pane.as_ref().unwrap().request_id;
    assert_eq!(
        a.sh.rows
            .iter()
            .find(|r| r.request.id == next)
            .unwrap()
            .request
            .body
            .ods_code,
        "RJ1"
    );
    for _ in 0..7 {
        key(&mut a, 'y');
    }
    let msg = a.sh.message.clone().unwrap().0;
    assert!(msg.contains("nothing else waiting"), "{msg}");
    assert!(msg.contains("13 accepted · 1 changed"), "{msg}");

    let rgt = db.json(&["show", "palantir-fdp/RGT"]);
    let outcome = |q: usize| {
        rgt["answers"][q - 1]["outcome"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(outcome(4), "refused", "the member's key, not the proposal");
    assert_eq!(outcome(5), "refused");
    assert_eq!(rgt["answers"][4]["exemptions"][0], "s.43(2)");
    // The history says who confirmed.
    let history = db.ok(&["history", "--limit", "3"]);
    assert!(history.contains("tester"), "{history}");
}

#[test]
fn the_inbox_proposes_the_event_each_kind_means() {
    use foiboard::law::EventKind;
    let cases = [
        ("12-extension-pit.txt", Some(EventKind::Extended)),
        ("14-fee-notice.txt", Some(EventKind::FeeNotice)),
        ("07-ack-outlook.txt", Some(EventKind::Acknowledged)),
        ("15-review-upheld.txt", Some(EventKind::ReviewResponded)),
        ("18-auto-reply.txt", None),
        ("19-bounce.txt", None),
    ];
    for (name, want) in cases {
        let l = labelled_set().into_iter().find(|l| l.name == name).unwrap();
        let raw = format!(
            "From: <{}>\r\nTo: fdp.campaign@example.org\r\nSubject: {}\r\nDate: Mon, 16 Mar 2026 10:00:00 +0000\r\nMessage-ID: <{name}@example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}",
            l.sender,
            l.subject,
            l.text.replace('\n', "\r\n")
        );
        let m = foiboard::import::mail::parse(raw.as_bytes(), name).unwrap();
        assert_eq!(m.proposed, want, "{name}");
    }
}

#[test]
fn the_board_reads_the_replies_with_suggest_and_walks_them_with_a() {
    use foiboard::tui::action::Action;
    use foiboard::tui::app::PromptKey;

    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1"]);
    let dir = tempfile::tempdir().unwrap();
    let raw =
        std::fs::read_to_string(common::fixture("replies/22-response-short-answers.txt")).unwrap();
    let letter: Vec<&str> = raw.split_once("\n---\n").unwrap().1.lines().collect();
    let path = dir.path().join("reply.eml");
    std::fs::write(
        &path,
        crate::attachments::eml(
            "FOI 5583 response [palantir-fdp/RJ1]",
            "reply.pdf",
            "application/pdf",
            &crate::attachments::pdf(&letter),
        ),
    )
    .unwrap();
    db.ok(&["import", "mail", path.to_str().unwrap()]);

    let mut store = foiboard::store::Store::open(&db.path).unwrap();
    store.set_author("tester");
    let mut a = foiboard::tui::app::App::with_clock(
        store,
        crate::board_common::today(),
        Some(|| "12:00:00".to_string()),
    )
    .unwrap();
    a.update(Action::CommandLine);
    for c in "suggest".chars() {
        a.prompt_key(PromptKey::Char(c));
    }
    a.prompt_key(PromptKey::Submit);
    let msg = a.sh.message.clone().unwrap().0;
    assert!(
        msg.contains("1 of 1 request(s) had a reply to read: 7 proposal(s)"),
        "{msg}"
    );
    a.update(Action::Triage);
    assert_eq!(a.view, foiboard::tui::effect::View::Answer);
    let pane = a.screens.answer.pane.as_ref().unwrap();
    assert_eq!(pane.question, 1);
    assert_eq!(pane.proposal.as_ref().unwrap().outcome.as_str(), "answered");
}
