//! The `:` commands on the board: Tab completes them and what they take, `:help` opens the
//! help at their list, `:goto` takes part of a body's name, and the
//! corrections a user needs without a shell (a note, a body's FOI address, mail from a file)
//! are recorded, said and undoable.

use crate::board_common;

use board_common::{app, mask_times, render};
use foiboard::law::EventKind;
use foiboard::tui::app::App;
use foiboard::tui::effect::View;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, KeyCode::Char(c));
    }
}

fn command(a: &mut App, text: &str) {
    press(a, KeyCode::Char(':'));
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(a, text);
    press(a, KeyCode::Enter);
}

fn prompt_text(a: &App) -> Option<String> {
    a.prompt.as_ref().map(|p| p.text().to_string())
}

fn message(a: &App) -> String {
    a.sh.message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default()
}

fn is_error(a: &App) -> bool {
    a.sh.message.as_ref().is_some_and(|m| m.1)
}

#[test]
fn tab_completes_commands_and_help_lists_every_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Char(':'));
    typed(&mut a, "he");
    press(&mut a, KeyCode::Tab);
    assert_eq!(prompt_text(&a).as_deref(), Some("help "));
    press(&mut a, KeyCode::Enter);
    // The help opens at its list of commands, every one on screen at 80x24.
    assert!(a.help);
    let small = mask_times(&render(&a, 80, 24, false).0);
    for c in foiboard::tui::commands::COMMANDS {
        assert!(small.contains(&format!(":{}", c.name)), "{small}");
        assert!(small.contains(c.help), "{small}");
    }
    insta::assert_snapshot!("help_command_80x24", small);
    insta::assert_snapshot!(
        "help_command_120x40",
        mask_times(&render(&a, 120, 40, false).0)
    );
    press(&mut a, KeyCode::Esc);

    // A start several commands share: completed as far as they agree, the choices said.
    press(&mut a, KeyCode::Char(':'));
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    press(&mut a, KeyCode::Tab);
    assert!(message(&a).contains("goto") && message(&a).contains("quit"));
    assert!(!is_error(&a));
    // The argument too: the campaign's ODS codes after `goto`.
    typed(&mut a, "goto rj");
    press(&mut a, KeyCode::Tab);
    assert_eq!(prompt_text(&a).as_deref(), Some("goto RJ"));
    assert!(message(&a).contains("RJ1"), "{}", message(&a));
    // What Tab completed is typed on, not replaced.
    typed(&mut a, "1");
    assert_eq!(prompt_text(&a).as_deref(), Some("goto RJ1"));
    press(&mut a, KeyCode::Esc);

    // An unknown command says where the list is, and stays open to be corrected.
    command(&mut a, "frobnicate");
    assert!(is_error(&a));
    assert!(message(&a).contains(":help"), "{}", message(&a));
    assert_eq!(prompt_text(&a).as_deref(), Some("frobnicate"));
}

#[test]
fn goto_takes_part_of_a_name_and_lists_the_bodies_when_several_fit() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    command(&mut a, "goto guy's");
    assert_eq!(a.view, View::Detail, "{}", message(&a));
    let row = a.sh.selected_row().unwrap();
    assert_eq!(row.request.body.ods_code, "RJ1");
    press(&mut a, KeyCode::Esc);
    command(&mut a, "goto hospitals");
    assert!(is_error(&a));
    let said = message(&a);
    assert!(
        said.contains("bodies fit 'hospitals'") && said.contains("type more"),
        "{said}"
    );
    assert!(a.prompt.is_some(), "the prompt stays open to type more");
    let screen = mask_times(&render(&a, 80, 24, false).0);
    assert!(
        screen.contains("type more"),
        "the whole message is on screen:\n{screen}"
    );
}

#[test]
fn a_note_and_a_bodys_address_are_recorded_from_the_board_said_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    command(&mut a, "goto RJ1");
    let id = a.sh.selected.unwrap();
    let before = a.sh.store.events(id).unwrap().len();
    command(&mut a, "note rang the FOI office, promised by Friday");
    assert!(!is_error(&a), "{}", message(&a));
    assert!(
        message(&a).contains("noted on 1 request(s)"),
        "{}",
        message(&a)
    );
    let events = a.sh.store.events(id).unwrap();
    assert_eq!(events.len(), before + 1);
    let note = events.iter().find(|e| e.kind == EventKind::Note).unwrap();
    assert_eq!(note.note, "rang the FOI office, promised by Friday");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(
        a.sh.store.events(id).unwrap().len(),
        before,
        "u takes the note back"
    );

    // A body's FOI address, corrected; a wrong one refused with the prompt left open.
    command(&mut a, "address not an address");
    assert!(is_error(&a));
    assert!(
        message(&a).contains("not an email address"),
        "{}",
        message(&a)
    );
    assert!(a.prompt.is_some());
    press(&mut a, KeyCode::Esc);
    command(&mut a, "address foi@gstt.nhs.uk");
    assert!(!is_error(&a), "{}", message(&a));
    assert!(message(&a).contains("foi@gstt.nhs.uk"));
    let body = a.sh.store.body_by_ods("RJ1").unwrap().unwrap();
    assert_eq!(body.foi_email, "foi@gstt.nhs.uk");
    press(&mut a, KeyCode::Char('u'));
    let body = a.sh.store.body_by_ods("RJ1").unwrap().unwrap();
    assert_ne!(
        body.foi_email, "foi@gstt.nhs.uk",
        "u takes the address back"
    );
}

#[test]
fn mail_is_imported_from_a_file_named_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let path = format!(
        "{}/tests/fixtures/mail/plain.eml",
        env!("CARGO_MANIFEST_DIR")
    );
    command(&mut a, &format!("import {path}"));
    assert!(!is_error(&a), "{}", message(&a));
    assert!(message(&a).contains("1 new message(s)"), "{}", message(&a));
    // Again: seen before, nothing new.
    command(&mut a, &format!("import {path}"));
    assert!(message(&a).contains("0 new message(s)") && message(&a).contains("1 seen before"));
    // A file that is not there: said, with its name, nothing written.
    command(&mut a, "import /nowhere/reply.eml");
    assert!(is_error(&a));
    assert!(
        message(&a).contains("/nowhere/reply.eml"),
        "{}",
        message(&a)
    );
}

#[test]
fn an_event_is_corrected_and_removed_from_the_board_by_its_number_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    command(&mut a, "goto RJ1");
    assert_eq!(a.view, View::Detail);
    let id = a.sh.selected.unwrap();
    let events = a.sh.store.events(id).unwrap();
    assert!(events.len() >= 2, "{events:?}");
    // The list is numbered where the user reads it.
    let screen = mask_times(&render(&a, 120, 40, false).0);
    assert!(
        screen.contains(&format!(" 1 {} sent", events[0].on)),
        "{screen}"
    );

    // Event 1's note and reference corrected; its date kept.
    command(
        &mut a,
        "event 1 ref GSTT/FOI/0192 note sent by post as well",
    );
    assert!(!is_error(&a), "{}", message(&a));
    assert!(
        message(&a).contains("event 1 is now 'sent'"),
        "{}",
        message(&a)
    );
    let first = &a.sh.store.events(id).unwrap()[0];
    assert_eq!(first.note, "sent by post as well");
    assert_eq!(first.reference, "GSTT/FOI/0192");
    assert_eq!(first.on, events[0].on);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.sh.store.events(id).unwrap()[0].note, events[0].note);

    // The last event removed, and put back by u.
    let last = events.len();
    command(&mut a, &format!("remove {last}"));
    assert!(!is_error(&a), "{}", message(&a));
    assert!(message(&a).contains("removed"), "{}", message(&a));
    assert_eq!(a.sh.store.events(id).unwrap().len(), last - 1);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.sh.store.events(id).unwrap().len(), last);

    // A number that is not in the list, and a removal the sequence forbids: said, nothing
    // changed.
    command(&mut a, "remove 99");
    assert!(
        is_error(&a) && message(&a).contains("numbered 1 to"),
        "{}",
        message(&a)
    );
    press(&mut a, KeyCode::Esc);
    command(&mut a, "remove 1");
    assert!(
        is_error(&a),
        "removing 'sent' under a later event is refused"
    );
    assert_eq!(a.sh.store.events(id).unwrap().len(), last);
    press(&mut a, KeyCode::Esc);
    // On the board, with no request open, the command says where to go.
    press(&mut a, KeyCode::Esc);
    command(&mut a, "event 1 note x");
    assert!(
        is_error(&a) && message(&a).contains("open a request first"),
        "{}",
        message(&a)
    );
}

#[test]
fn the_request_pane_scrolls_to_its_last_date_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    command(&mut a, "goto RJ1");
    let top = mask_times(&render(&a, 80, 24, false).0);
    assert!(top.contains("PgDn more"), "{top}");
    assert!(!top.contains("complain to the ICO"), "{top}");
    for _ in 0..6 {
        press(&mut a, KeyCode::PageDown);
    }
    let bottom = mask_times(&render(&a, 80, 24, false).0);
    insta::assert_snapshot!("detail_scrolled_80x24", bottom);
    assert!(bottom.contains("PgUp back"), "{bottom}");
    // The question cursor did not move: PgDn scrolls the pane only.
    assert_eq!(a.screens.detail.cursor, 1);
    press(&mut a, KeyCode::PageUp);
    assert!(mask_times(&render(&a, 80, 24, false).0).contains("PgUp/PgDn more"));
}
