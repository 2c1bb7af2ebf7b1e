//! The inbox in the board: unmatched mail first, a message filed by key, a suggestion
//! recorded and undone, and a response split into answers after dropping one.

use crate::board_common;

use std::path::PathBuf;

use board_common::{render, today};
use foiboard::law::EventKind;
use foiboard::model::NewEvent;
use foiboard::store::Store;
use foiboard::tui::app::App;
use foiboard::tui::effect::View;
use foiboard::tui::windows::Window;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn inbox_app(dir: &tempfile::TempDir) -> App {
    let mut store = Store::open(&dir.path().join("b.db")).unwrap();
    store.set_mail_reading(std::rc::Rc::new(foiboard::inbox::Rules));
    foiboard::seed::seed(&mut store).unwrap();
    store.set_author("tester");
    let c = store.campaign("palantir-fdp").unwrap();
    store
        .add_requests(&c, &"ods:RJ1,RJ2,RJ6,RJ7".parse().unwrap())
        .unwrap();
    let reqs = store.select_requests(&c, &"all".parse().unwrap()).unwrap();
    let sent = NewEvent::new(
        EventKind::Sent,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
    );
    store.record_event(&reqs, &sent, today()).unwrap();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    let mut mails = Vec::new();
    for f in ["plain.eml", "hostile.eml", "seven-answers.eml"] {
        mails.extend(foiboard::import::mail::read_path(&fixtures.join(f)).unwrap());
    }
    store.import_mail(&mails).unwrap();
    App::with_clock(store, today(), Some(|| "12:00:00".to_string())).unwrap()
}

fn select(a: &mut App, subject_part: &str) {
    key(a, KeyCode::Char('g'));
    for _ in 0..a.screens.inbox.messages.len() {
        if a.screens
            .inbox
            .current()
            .unwrap()
            .subject
            .contains(subject_part)
        {
            return;
        }
        key(a, KeyCode::Down);
    }
    panic!("no message with '{subject_part}'");
}

#[test]
fn the_inbox_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = inbox_app(&dir);
    key(&mut a, KeyCode::Char('I'));
    assert_eq!(a.view, View::Inbox);
    assert_eq!(a.screens.inbox.messages.len(), 3);
    // The unmatched first; its hostile subject reaches the screen escaped.
    assert!(a.screens.inbox.current().unwrap().request.is_none());
    let (screen, _) = render(&a, 140, 30, false);
    assert!(
        screen.contains("UNMATCHED") && screen.contains("\\x1b]0;owned"),
        "{screen}"
    );
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));

    // File it under RJ6 by typing the ODS code.
    key(&mut a, KeyCode::Char('a'));
    for c in "RJ6".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    assert!(
        a.sh.message
            .as_ref()
            .unwrap()
            .0
            .contains("palantir-fdp/RJ6"),
        "{:?}",
        a.sh.message
    );
    assert_eq!(
        a.screens
            .inbox
            .messages
            .iter()
            .filter(|m| m.request.is_none())
            .count(),
        0
    );

    // The acknowledgement's suggestion, recorded with one key and undone with another.
    select(&mut a, "Acknowledgement");
    key(&mut a, KeyCode::Char('y'));
    assert!(a
        .sh
        .message
        .as_ref()
        .unwrap()
        .0
        .contains("recorded 'acknowledged' on 2026-10-14"));
    let rj1 = a
        .screens
        .inbox
        .current()
        .unwrap()
        .request
        .as_ref()
        .unwrap()
        .id;
    let kinds = |a: &App| {
        a.sh.store
            .events(rj1)
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&a), vec![EventKind::Sent, EventKind::Acknowledged]);
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(kinds(&a), vec![EventKind::Sent]);

    // The response: split, Q2 dropped, the other six recorded to triage.
    select(&mut a, "FOI response");
    key(&mut a, KeyCode::Char('p'));
    match &a.window {
        Some(Window::Split(s)) => assert_eq!(s.parts.len(), 7),
        other => panic!("no split preview: {other:?}"),
    }
    let (screen, _) = render(&a, 140, 30, false);
    assert!(screen.contains("[x] Q7"), "{screen}");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Enter);
    assert!(a.window.is_none());
    let answers = a.sh.store.answers(rj1).unwrap();
    let qs: Vec<u32> = answers.iter().map(|x| x.question).collect();
    assert_eq!(qs, vec![1, 3, 4, 5, 6, 7]);
    assert!(answers
        .iter()
        .all(|x| x.outcome == foiboard::model::Outcome::Pending));

    // Enter opens the message's request.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Detail);
    assert_eq!(a.sh.selected, Some(rj1));
}

#[test]
fn the_message_pane_scrolls_to_the_end_of_a_long_reply_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = inbox_app(&dir);
    key(&mut a, KeyCode::Char('I'));
    let subject = a
        .screens
        .inbox
        .messages
        .iter()
        .find(|m| m.body.contains("7. No such assessment is held."))
        .map(|m| m.subject.clone())
        .unwrap();
    select(&mut a, &subject);
    let (before, _) = render(&a, 80, 24, false);
    assert!(
        !before.contains("No such assessment"),
        "cut at 80x24:\n{before}"
    );
    for _ in 0..4 {
        key(&mut a, KeyCode::PageDown);
        let (screen, _) = render(&a, 80, 24, false);
        if screen.contains("No such assessment") {
            // Back up returns to the top; another message starts at its top.
            key(&mut a, KeyCode::PageUp);
            key(&mut a, KeyCode::PageUp);
            key(&mut a, KeyCode::PageUp);
            key(&mut a, KeyCode::PageUp);
            assert_eq!(a.screens.inbox.scroll, 0);
            return;
        }
    }
    panic!("the end of the reply never came into view");
}

#[test]
fn a_message_is_filed_by_part_of_a_bodys_name_with_tab_completing_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = inbox_app(&dir);
    key(&mut a, KeyCode::Char('I'));
    assert!(a.screens.inbox.current().unwrap().request.is_none());
    key(&mut a, KeyCode::Char('a'));
    // Several bodies fit: they are named, and the prompt stays open to type more.
    for c in "st".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    let (said, error) = a.sh.message.clone().unwrap();
    assert!(error && said.contains("bodies fit 'st'"), "{said}");
    assert!(a.prompt.is_some());
    // Tab completes a name from its start; Enter files the message under its request.
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    for c in "croy".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Tab);
    let typed = a.prompt.as_ref().unwrap().text().to_string();
    assert!(typed.starts_with("Croydon"), "{typed}");
    key(&mut a, KeyCode::Enter);
    let said = &a.sh.message.as_ref().unwrap().0;
    assert!(said.contains("palantir-fdp/RJ6"), "{said}");
    assert!(a.screens.inbox.messages.iter().all(|m| m.request.is_some()));
}

#[test]
fn any_event_is_recorded_from_a_message_not_only_its_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = inbox_app(&dir);
    key(&mut a, KeyCode::Char('I'));
    select(&mut a, "Acknowledgement");
    let rj1 = a
        .screens
        .inbox
        .current()
        .unwrap()
        .request
        .as_ref()
        .unwrap()
        .id;
    key(&mut a, KeyCode::Char('e'));
    // The suggestion is offered; typing replaces it, Tab completes the event's word.
    assert_eq!(a.prompt.as_ref().unwrap().text(), "acknowledged");
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "clar".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Tab);
    // Two events start so: completed as far as they agree, both named.
    assert_eq!(a.prompt.as_ref().unwrap().text(), "clarifi");
    assert!(a.sh.message.as_ref().unwrap().0.contains("clarified"));
    for c in "cation-r".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Tab);
    assert_eq!(
        a.prompt.as_ref().unwrap().text(),
        "clarification-requested "
    );
    // A word that is no event: said, the prompt stays open to be corrected.
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "replied".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    let (said, error) = a.sh.message.clone().unwrap();
    assert!(error && said.contains("unknown event 'replied'"), "{said}");
    assert!(a.prompt.is_some());
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "clarification-requested 2026-10-15".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    let said = &a.sh.message.as_ref().unwrap().0;
    assert!(
        said.contains("recorded 'clarification-requested' on 2026-10-15"),
        "{said}"
    );
    let kinds: Vec<EventKind> =
        a.sh.store
            .events(rj1)
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect();
    assert_eq!(
        kinds,
        vec![EventKind::Sent, EventKind::ClarificationRequested]
    );
    key(&mut a, KeyCode::Char('u'));
    let kinds: Vec<EventKind> =
        a.sh.store
            .events(rj1)
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect();
    assert_eq!(kinds, vec![EventKind::Sent]);
}
