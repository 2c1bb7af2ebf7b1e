//! Answers and findings in the board, driven by the keys a user presses: triage, the editor,
//! findings with tags and quotes, the matrix, the codebook and search.

use crate::board_common;

use board_common::{app as open, mask_times, one_request_sent, render, today};
use chrono::NaiveDate;
use foiboard::model::Outcome;
use foiboard::store::{AnswerEdit, FindingFilter, Store};
use foiboard::tui::app::App;
use foiboard::tui::effect::View;
use foiboard::tui::windows::Window;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A second connection, as a colleague's process would have.
fn colleague(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join("b.db")).unwrap();
    s.set_author("colleague");
    s
}

fn screen(app: &App, w: u16, h: u16) -> String {
    mask_times(&render(app, w, h, false).0)
}

fn key(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(a: &mut App, c: char) {
    a.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typ(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

/// The board with one sent-and-answered request (RJ1), its detail open.
fn responded(dir: &tempfile::TempDir) -> (App, i64) {
    let mut a = one_request_sent(dir, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    let c = a.sh.current_campaign().unwrap().clone();
    let r = a.sh.store.request(&c, "RJ1").unwrap();
    a.update(foiboard::tui::action::Action::ToggleView);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Detail);
    (a, r.id)
}

#[test]
fn a_response_is_triaged_by_keys_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    key(&mut a, KeyCode::Enter); // Q1's answer
    assert_eq!(a.view, View::Answer);
    // The text first: paste the letter's answer, save.
    key(&mut a, KeyCode::Char('t'));
    a.paste("We use the FDP for theatre scheduling. It went live in May 2024.");
    insta::assert_snapshot!("editor", screen(&a, 90, 24));
    ctrl(&mut a, 's');
    assert!(a.window.is_none(), "the editor stays open after saving");
    // One key records the outcome and moves on.
    typ(&mut a, "a");
    assert_eq!(a.screens.answer.pane.as_ref().unwrap().question, 2);
    // Q2: cite s.43 from the list, then refuse.
    typ(&mut a, "E");
    for _ in 0..11 {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Char(' ')); // s.43 is the twelfth
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "r");
    typ(&mut a, "n"); // Q3 not held
    assert_eq!(a.screens.answer.pane.as_ref().unwrap().question, 4);
    // Back to Q1 for a finding with two tags and a quote.
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Left);
    assert_eq!(a.screens.answer.pane.as_ref().unwrap().question, 1);
    typ(&mut a, "+");
    typ(&mut a, "Theatre use only, so far.");
    key(&mut a, KeyCode::Tab);
    typ(&mut a, "in-use");
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "quote");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Down); // the first sentence of the answer
    ctrl(&mut a, 's');
    assert!(a.window.is_none(), "{:?}", a.sh.message);
    insta::assert_snapshot!("answer_pane", screen(&a, 90, 24));

    let answers = a.sh.store.answers(id).unwrap();
    let got: Vec<(u32, Outcome, Vec<String>)> = answers
        .iter()
        .map(|x| (x.question, x.outcome, x.exemptions.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, Outcome::Answered, vec![]),
            (2, Outcome::Refused, vec!["s.43".to_string()]),
            (3, Outcome::NotHeld, vec![]),
        ]
    );
    assert_eq!(
        answers[0].text,
        "We use the FDP for theatre scheduling. It went live in May 2024."
    );
    let f =
        a.sh.store
            .findings(&FindingFilter {
                request_id: Some(id),
                ..FindingFilter::default()
            })
            .unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].tags, vec!["fdp/in-use", "quote"]);
    assert_eq!(f[0].quote, "We use the FDP for theatre scheduling.");
    assert_eq!(f[0].note, "Theatre use only, so far.");
    assert_eq!(f[0].author, "tester");
}

#[test]
fn deleting_a_finding_is_undone_with_its_tags() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    a.sh.store
        .set_answer(id, 1, Outcome::Answered, &[], Some("We use FDP."))
        .unwrap();
    a.sh.store
        .add_finding(
            id,
            1,
            &["fdp/in-use".into(), "quote".into()],
            "n",
            "We use FDP.",
        )
        .unwrap();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screens.answer.pane.as_ref().unwrap().findings.len(), 1);
    typ(&mut a, "d");
    assert!(a.screens.answer.pane.as_ref().unwrap().findings.is_empty());
    typ(&mut a, "u");
    let f = &a.screens.answer.pane.as_ref().unwrap().findings;
    assert_eq!(f.len(), 1, "{:?}", a.sh.message);
    assert_eq!(f[0].tags, vec!["fdp/in-use", "quote"]);
    assert_eq!(f[0].quote, "We use FDP.");
}

#[test]
fn a_finding_can_be_edited_and_a_new_tag_made_inline() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    a.sh.store
        .set_answer(id, 1, Outcome::Answered, &[], Some("Pilot only."))
        .unwrap();
    a.sh.store
        .add_finding(id, 1, &["fdp/planned".into()], "old", "")
        .unwrap();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter); // edit the selected finding
    assert!(matches!(a.window, Some(Window::Finding(_))));
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Backspace); // drops fdp/planned
    typ(&mut a, "fdp/pilot");
    // No such tag: the only offer is to create it.
    key(&mut a, KeyCode::Enter);
    ctrl(&mut a, 's');
    assert!(a.window.is_none(), "{:?}", a.sh.message);
    let f = &a.screens.answer.pane.as_ref().unwrap().findings[0];
    assert_eq!(f.tags, vec!["fdp/pilot"]);
    assert!(a
        .sh
        .store
        .tags()
        .unwrap()
        .iter()
        .any(|t| t.name == "fdp/pilot"));
}

#[test]
fn leaving_the_editor_with_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "t");
    typ(&mut a, "draft words");
    a.sh.say("an older message that no longer applies", false);
    key(&mut a, KeyCode::Esc);
    // Asked on the message line, at the foot of the screen, in place of the older message;
    // never inside the window or over a border.
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&a, w, h);
        let lines: Vec<&str> = s.lines().collect();
        let foot = lines[lines.len() - 4..].join("\n");
        assert!(foot.contains("Discard your changes?"), "{s}");
        assert!(!s.contains("an older message"), "{s}");
        assert_eq!(s.matches("Discard your changes?").count(), 1, "{s}");
        insta::assert_snapshot!(format!("discard_question_{w}x{h}"), s);
    }
    typ(&mut a, "n"); // keep editing
    assert!(matches!(a.window, Some(Window::Editor(_))));
    typ(&mut a, "!");
    key(&mut a, KeyCode::Esc);
    typ(&mut a, "y");
    assert!(a.window.is_none());
    assert!(a.sh.store.answers(id).unwrap().is_empty(), "nothing saved");
}

#[test]
fn pasted_escape_sequences_arrive_as_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "t");
    a.paste("Dear\x1b]0;pwned\x07 requester\u{202E}\r\nline two");
    ctrl(&mut a, 's');
    let text = &a.sh.store.answers(id).unwrap()[0].text;
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("\\x1b]0;pwned\\x07"));
    assert!(text.contains("<U+202E>"));
    assert!(text.contains("\nline two"));
    // Saved text without an outcome waits as "to triage", never as answered.
    assert_eq!(a.sh.store.answers(id).unwrap()[0].outcome, Outcome::Pending);
}

#[test]
fn a_pasted_letter_keeps_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "t");
    // Terminals send a paste's line breaks as CR.
    a.paste("Dear requester,\r\rQ1. Yes.\rQ2. No.\r");
    ctrl(&mut a, 's');
    let text = &a.sh.store.answers(id).unwrap()[0].text;
    assert_eq!(text, "Dear requester,\n\nQ1. Yes.\nQ2. No.\n");
}

#[test]
fn a_colleagues_save_is_never_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    a.sh.store
        .set_answer(id, 1, Outcome::Answered, &[], Some("first"))
        .unwrap();
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "t");
    key(&mut a, KeyCode::End);
    typ(&mut a, " and mine");
    colleague(&dir)
        .edit_answer(
            id,
            1,
            &AnswerEdit {
                text: Some("their rewrite"),
                ..AnswerEdit::default()
            },
        )
        .unwrap();
    ctrl(&mut a, 's');
    assert!(matches!(a.window, Some(Window::Conflict(_))));
    let s = screen(&a, 90, 24);
    assert!(s.contains("saved meanwhile by colleague"), "{s}");
    assert_eq!(a.sh.store.answers(id).unwrap()[0].text, "their rewrite");
    // Edit both together, then save: both survive in the text.
    typ(&mut a, "e");
    ctrl(&mut a, 's');
    let text = a.sh.store.answers(id).unwrap()[0].text.clone();
    assert!(text.starts_with("first and mine"), "{text}");
    assert!(text.contains("their rewrite"), "{text}");
}

/// The matrix and the export read each cell with its findings' tags in one statement; the
/// report counts the same from the findings it reads. Both say the same of every cell: an
/// answer without findings, a finding with two tags, two findings sharing a tag.
#[test]
fn a_cells_findings_and_tags_are_counted_alike_by_matrix_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    let store = &mut a.sh.store;
    store
        .set_answer(id, 1, Outcome::Answered, &[], Some("No findings here."))
        .unwrap();
    store
        .set_answer(id, 2, Outcome::Answered, &[], Some("We use FDP."))
        .unwrap();
    store
        .add_finding(
            id,
            2,
            &["fdp/in-use".into(), "quote".into()],
            "a",
            "We use FDP.",
        )
        .unwrap();
    store
        .add_finding(id, 2, &["fdp/in-use".into()], "b", "")
        .unwrap();
    let cid = a.sh.current_campaign().unwrap().id;
    let mut cells = a.sh.store.cells(cid).unwrap();
    let campaign = a.sh.current_campaign().unwrap().clone();
    let mut from_findings =
        a.sh.store
            .summaries_cells_and_findings(&campaign, today())
            .unwrap()
            .cells;
    cells.sort_by_key(|c| (c.request_id, c.question));
    from_findings.sort_by_key(|c| (c.request_id, c.question));
    assert_eq!(cells, from_findings);
    let cell = |q: u32| {
        cells
            .iter()
            .find(|c| c.request_id == id && c.question == q)
            .unwrap()
    };
    assert_eq!((cell(1).findings, cell(1).tags.len()), (0, 0));
    assert_eq!(cell(2).findings, 2);
    assert_eq!(cell(2).tags, vec!["fdp/in-use", "quote"]);
    assert_eq!(cells.len(), 2, "one cell per answer: {cells:?}");
}

/// A spreadsheet and a report count each request's outcomes from the cells they read, not
/// with a statement of their own: they must say what a listing says, which counts them
/// apart, for every outcome, text still to triage, and an outcome this version does not
/// know (written by a newer one), which a listing counts as decided and not answered.
#[test]
fn outcomes_counted_from_the_cells_are_the_listings_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    let store = &mut a.sh.store;
    for (q, outcome) in [
        (1, Outcome::Answered),
        (2, Outcome::Partial),
        (3, Outcome::Refused),
        (4, Outcome::NotHeld),
        (5, Outcome::Answered),
    ] {
        store
            .set_answer(id, q, outcome, &[], Some("A reply."))
            .unwrap();
    }
    store
        .add_finding(id, 1, &["fdp/in-use".into(), "quote".into()], "a", "")
        .unwrap();
    store
        .add_finding(id, 1, &["quote".into()], "b", "")
        .unwrap();
    store
        .set_answer(id, 6, Outcome::Pending, &[], Some("Still to read."))
        .unwrap();
    store
        .set_answer(id, 7, Outcome::Answered, &[], None)
        .unwrap();
    let db = dir.path().join("b.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE answers SET outcome = 'withheld-pending-appeal'
             WHERE request_id = ?1 AND question_id =
               (SELECT id FROM questions WHERE number = 7 AND campaign_id =
                 (SELECT campaign_id FROM requests WHERE id = ?1))",
            [id],
        )
        .unwrap();
    let store = Store::open(&db).unwrap();
    let campaign = a.sh.current_campaign().unwrap().clone();
    let listed = store
        .summaries(&campaign, today(), foiboard::store::Findings::Skipped)
        .unwrap();
    let (sheet, _, _) = store.summaries_and_cells(&campaign, today()).unwrap();
    let report = store
        .summaries_cells_and_findings(&campaign, today())
        .unwrap()
        .rows;
    let counts = |rows: &[foiboard::store::RequestSummary]| {
        rows.iter()
            .map(|r| {
                (
                    r.request.id,
                    r.answered,
                    r.decided,
                    r.to_triage,
                    r.outcomes.clone(),
                    r.answered_words(),
                )
            })
            .collect::<Vec<_>>()
    };
    let ours = counts(&listed).into_iter().find(|c| c.0 == id).unwrap();
    assert_eq!(
        (ours.1, ours.2, ours.3),
        (3, 6, 1),
        "three answered (one partly), six decided, one to triage: {ours:?}"
    );
    assert_eq!(ours.4.get("withheld-pending-appeal"), Some(&1), "{ours:?}");
    assert_eq!(counts(&sheet), counts(&listed));
    assert_eq!(counts(&report), counts(&listed));
}

#[test]
fn the_matrix_counts_what_the_database_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir, true);
    typ(&mut a, "m");
    assert_eq!(a.view, View::Matrix);
    typ(&mut a, "c");
    typ(&mut a, "q5 refused under s.43");
    key(&mut a, KeyCode::Enter);
    // The same count straight from the store.
    let cid = a.sh.current_campaign().unwrap().id;
    let expected =
        a.sh.store
            .cells(cid)
            .unwrap()
            .iter()
            .filter(|c| {
                c.question == 5
                    && c.outcome == Outcome::Refused
                    && c.exemptions.contains(&"s.43".to_string())
            })
            .count();
    assert!(expected > 3);
    let rows = a
        .screens
        .matrix
        .rows(&a.sh.rows, a.sh.questions_count())
        .len();
    assert_eq!(rows, expected);
    let s = screen(&a, 100, 30);
    assert!(s.contains(&format!("{expected} of 238 bodies")), "{s}");
    insta::assert_snapshot!("matrix", s);
    // Enter opens the answer under the cursor, Esc comes back.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Answer);
    assert_eq!(a.screens.answer.pane.as_ref().unwrap().question, 5);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.view, View::Matrix);
    // A word that is nothing known says so and keeps the prompt.
    typ(&mut a, "c");
    key(&mut a, KeyCode::Backspace);
    typ(&mut a, " banana");
    key(&mut a, KeyCode::Enter);
    assert!(a.sh.message.as_ref().unwrap().0.contains("banana"));
    assert!(a.prompt.is_some());
}

#[test]
fn the_codebook_counts_lists_and_keeps_its_tags() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir, true);
    typ(&mut a, "T");
    assert_eq!(a.view, View::Codebook);
    // Select fdp/in-use and list its findings.
    while a.screens.codebook.selected().unwrap().name != "fdp/in-use" {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    let tag_id = a.screens.codebook.selected().unwrap().id;
    let listed = a.screens.codebook.findings.len() as u32;
    assert!(listed > 0);
    assert_eq!(a.screens.codebook.total(tag_id), listed);
    insta::assert_snapshot!("codebook", screen(&a, 110, 34));
    // Enter on a finding jumps to its answer.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Answer);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc); // back to the tags
                               // Rename, then undo.
    typ(&mut a, "R");
    for _ in 0.."fdp/in-use".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, "fdp/confirmed");
    key(&mut a, KeyCode::Enter);
    assert!(a
        .sh
        .store
        .tags()
        .unwrap()
        .iter()
        .any(|t| t.name == "fdp/confirmed"));
    typ(&mut a, "u");
    assert!(a
        .sh
        .store
        .tags()
        .unwrap()
        .iter()
        .any(|t| t.name == "fdp/in-use"));
    // Retire: kept on findings, not offered in the finding form.
    typ(&mut a, "X");
    assert!(!a.sh.tag_names().contains(&"fdp/in-use".to_string()));
}

#[test]
fn search_finds_answers_and_quotes_and_opens_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir, true);
    typ(&mut a, "m/");
    typ(&mut a, "internal review");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Search);
    assert!(!a.screens.search.hits.is_empty());
    let s = screen(&a, 100, 20);
    assert!(s.contains("Ask for an internal review"), "{s}");
    insta::assert_snapshot!("search", s);
    let hit = a.screens.search.hits[0].clone();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Answer);
    let p = a.screens.answer.pane.as_ref().unwrap();
    assert_eq!((p.request_id, p.question), (hit.request_id, hit.question));
    // Text that is FTS syntax is searched for, not parsed.
    key(&mut a, KeyCode::Esc);
    typ(&mut a, "/");
    typ(&mut a, "\"AND (");
    key(&mut a, KeyCode::Enter);
    assert!(
        a.sh.message.as_ref().is_some_and(|m| !m.1),
        "{:?}",
        a.sh.message
    );
}

#[test]
fn help_lists_the_answer_screens_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = responded(&dir);
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "?");
    let s = screen(&a, 120, 40);
    for o in Outcome::ALL.iter().filter(|o| **o != Outcome::Pending) {
        assert!(s.contains(o.label()), "help lacks {}:\n{s}", o.label());
    }
}

#[test]
fn a_stored_escape_sequence_is_shown_escaped_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, id) = responded(&dir);
    // Written by another program, unsanitized.
    colleague(&dir)
        .set_answer(id, 1, Outcome::Answered, &[], Some("Dear\x1b[2J requester"))
        .unwrap();
    a.update(foiboard::tui::action::Action::Reload);
    key(&mut a, KeyCode::Enter);
    typ(&mut a, "t");
    let s = screen(&a, 90, 24);
    assert!(s.contains("Dear\\x1b[2J requester"), "{s}");
    // Nothing typed: Esc closes without asking.
    key(&mut a, KeyCode::Esc);
    assert!(a.window.is_none());
}

#[test]
fn the_matrix_tells_no_reply_from_a_reply_to_triage() {
    use foiboard::law::EventKind;
    use foiboard::model::NewEvent;
    let dir = tempfile::tempdir().unwrap();
    let mut a = board_common::app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"ods:RJ1,RGT".parse().unwrap())
        .unwrap();
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let rj1 = a.sh.store.request(&cid, "RJ1").unwrap();
    let rgt = a.sh.store.request(&cid, "RGT").unwrap();
    a.sh.store
        .record_event(
            &[rj1.clone(), rgt.clone()],
            &NewEvent::new(EventKind::Sent, day(10, 1)),
            board_common::today(),
        )
        .unwrap();
    // RJ1 replied, nothing triaged yet; RGT has not replied.
    a.sh.store
        .record_event(
            std::slice::from_ref(&rj1),
            &NewEvent::new(EventKind::Responded, day(10, 20)),
            board_common::today(),
        )
        .unwrap();
    a.update(foiboard::tui::action::Action::Reload);
    a.enter(foiboard::tui::effect::View::Matrix).unwrap();
    let (screen, _) = board_common::render(&a, 120, 40, false);
    let line = |code: &str| {
        screen
            .lines()
            .find(|l| l.contains(code))
            .unwrap_or_else(|| panic!("{code}:\n{screen}"))
            .to_string()
    };
    assert!(
        line("RJ1").contains('?') && !line("RJ1").contains('·'),
        "{screen}"
    );
    assert!(
        line("RGT").contains('·') && !line("RGT").contains('?'),
        "{screen}"
    );
    assert!(
        screen.contains("? reply to triage") || screen.contains("reply to triage"),
        "{screen}"
    );
}

#[test]
fn the_exemption_picker_names_each_exemption() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = responded(&dir);
    key(&mut a, KeyCode::Enter); // Q1's answer
    typ(&mut a, "E");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(
            s.contains("s.43") && s.contains("commercial interests"),
            "{w}x{h}:\n{s}"
        );
        assert!(
            s.contains("s.24") && s.contains("national security"),
            "{w}x{h}:\n{s}"
        );
        assert!(
            s.contains("EIR: commercial confidentiality"),
            "{w}x{h}:\n{s}"
        );
    }
}
