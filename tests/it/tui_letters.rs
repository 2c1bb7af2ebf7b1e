//! Letters from the board: the to-chase filter, `L` to write, adjust and send a chaser to an
//! SMTP server on loopback, and the request's correspondence opened from its detail.

use crate::board_common;
use crate::common::smtp;

use board_common::{app, render};
use foiboard::law::EventKind;
use foiboard::model::NewEvent;
use foiboard::tui::app::App;
use foiboard::tui::effect::View;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(a: &mut App, c: char) {
    a.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, KeyCode::Char(c));
    }
}

fn screen(a: &App) -> String {
    render(a, 160, 45, false).0
}

#[test]
fn a_late_request_is_found_chased_from_the_board_and_its_letter_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let server = smtp::SmtpServer::start();
    let mut a = app(&dir, false);
    let c = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&c, &"ods:RJ1,RGT".parse().unwrap())
        .unwrap();
    let reqs =
        a.sh.store
            .select_requests(&c, &"all".parse().unwrap())
            .unwrap();
    let (rj1, rgt): (Vec<_>, Vec<_>) = reqs.into_iter().partition(|r| r.body.ods_code == "RJ1");
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    a.sh.store
        .record_event(
            &rj1,
            &NewEvent::new(EventKind::Sent, day(10, 1)),
            day(11, 23),
        )
        .unwrap();
    a.sh.store
        .record_event(
            &rgt,
            &NewEvent::new(EventKind::Sent, day(11, 16)),
            day(11, 23),
        )
        .unwrap();
    a.sh.store
        .set_setting("from", "Ann Example <ann@campaign.example.org>")
        .unwrap();
    let config = a.sh.store.path().with_file_name("config.toml");
    foiboard::config::LocalConfig::load_from(&config)
        .unwrap()
        .set("smtp", &server.url())
        .unwrap();
    a.sh.config_path = Some(config);
    a.update(foiboard::tui::action::Action::Reload);

    // The to-chase filter: RJ1 is late and never chased; RGT is not late.
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "to-chase");
    press(&mut a, KeyCode::Enter);
    let shown: Vec<_> = a
        .screens
        .table
        .sorted(&a.sh)
        .iter()
        .map(|r| r.request.body.ods_code.clone())
        .collect();
    assert_eq!(shown, vec!["RJ1".to_string()]);
    assert!(
        screen(&a).contains("filter: to-chase (1 of 2)"),
        "{}",
        screen(&a)
    );
    a.sh.selected = Some(rj1[0].id);

    // L, chase: the letter shows, with who it goes to, to adjust.
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(s.contains("To: gstt.foi@nhs.net"), "{s}");
    assert!(s.contains("Subject: Overdue"), "{s}");
    assert!(s.contains("17 working days"), "{s}");
    typed(&mut a, "Sent by the Southwark group. ");
    ctrl(&mut a, 's');
    let s = screen(&a);
    assert!(
        s.contains("Send the chase letter to gstt.foi@nhs.net? y sends"),
        "{s}"
    );
    assert!(server.messages().is_empty(), "nothing goes before y");
    press(&mut a, KeyCode::Char('y'));
    let got = server.messages();
    assert_eq!(got.len(), 1, "{:?}", a.sh.message);
    assert!(
        got[0].text().contains("Sent by the Southwark group."),
        "the adjusted text went"
    );
    assert!(a
        .sh
        .message
        .as_ref()
        .unwrap()
        .0
        .contains("sent 1 chase letter"));
    // Chased: off the to-chase list, and a note on the timeline.
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "to-chase");
    press(&mut a, KeyCode::Enter);
    assert!(a.sh.shown().is_empty());
    let events = a.sh.store.events(rj1[0].id).unwrap();
    assert!(events
        .iter()
        .any(|e| e.kind == EventKind::Note && e.note.contains("chaser sent")));

    // The detail lists the letter; Enter on it opens it.
    press(&mut a, KeyCode::Esc);
    a.sh.selected = Some(rj1[0].id);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Detail);
    let s = screen(&a);
    assert!(s.contains("→ gstt.foi@nhs.net Overdue"), "{s}");
    for _ in 0..7 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(
        s.contains("To: gstt.foi@nhs.net") && s.contains("Southwark group"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.window.is_none());

    // u takes back the chaser's note (and the clock with it); the chaser went, so a second
    // L, chase does not send the trust another copy.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('u'));
    assert!(!a
        .sh
        .store
        .events(rj1[0].id)
        .unwrap()
        .iter()
        .any(|e| e.note.contains("chaser sent")));
    a.sh.selected = Some(rj1[0].id);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(s.contains("chased on"), "{s}");
    if a.window.is_some() {
        ctrl(&mut a, 's');
        press(&mut a, KeyCode::Char('y'));
    }
    assert_eq!(server.messages().len(), 1, "the chaser went once");
}

#[test]
fn a_letter_that_does_not_fit_says_why_and_nothing_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let c = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&c, &"ods:RJ1".parse().unwrap())
        .unwrap();
    a.update(foiboard::tui::action::Action::Reload);
    press(&mut a, KeyCode::Char('L'));
    ctrl(&mut a, 'u');
    typed(&mut a, "chase");
    press(&mut a, KeyCode::Enter);
    assert!(a.window.is_none());
    let s = screen(&a);
    assert!(s.contains("the request has not been sent"), "{s}");
    // With no sender set, the letter says what to set.
    ctrl(&mut a, 'u');
    typed(&mut a, "request");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&a).contains("config from"), "{}", screen(&a));
    press(&mut a, KeyCode::Esc);
    a.sh.store
        .set_setting("from", "Ann <ann@example.org>")
        .unwrap();
    // Esc on a written letter sends nothing.
    press(&mut a, KeyCode::Char('L'));
    ctrl(&mut a, 'u');
    typed(&mut a, "request");
    press(&mut a, KeyCode::Enter);
    assert!(a.window.is_some(), "{:?}", a.sh.message);
    press(&mut a, KeyCode::Esc);
    assert!(a.window.is_none());
    assert!(a.sh.message.as_ref().unwrap().0.contains("no letter sent"));
}

#[test]
fn letters_saved_as_files_are_recorded_as_sent_when_the_member_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    a.sh.eml_dir = Some(dir.path().join("out"));
    let c = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&c, &"ods:RJ1".parse().unwrap())
        .unwrap();
    a.sh.store
        .set_setting("from", "Ann <ann@example.org>")
        .unwrap();
    a.update(foiboard::tui::action::Action::Reload);
    let rj1 = a.sh.store.request(&c, "RJ1").unwrap();
    a.sh.selected = Some(rj1.id);
    press(&mut a, KeyCode::Char('L'));
    ctrl(&mut a, 'u');
    typed(&mut a, "request");
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'o');
    let s = screen(&a);
    assert!(s.contains("Record them as sent today"), "{s}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        1,
        "the .eml file is written"
    );
    assert!(
        a.sh.store.events(rj1.id).unwrap().is_empty(),
        "nothing recorded yet"
    );
    press(&mut a, KeyCode::Char('y'));
    let events = a.sh.store.events(rj1.id).unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].kind, EventKind::Sent);
    let (msg, _) = a.sh.message.clone().unwrap();
    assert!(
        msg.contains("recorded 1 request letter(s) as sent today"),
        "{msg}"
    );
}
