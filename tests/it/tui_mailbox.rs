//! The mailbox from the board: the header counts the mail waiting, R fetches beside the board
//! (which stays live and shows progress), the campaign is read again when it ends and u takes
//! the fetch back; Esc stops a long fetch between runs, keeping what came in.

use std::time::{Duration, Instant};

use crate::board_common::{app, render};
use crate::common::imap::{Dovecot, PASSWORD};
use crate::imap_fetch::reply;
use foiboard::tui::app::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn set_mailbox(dir: &tempfile::TempDir, server: &Dovecot) {
    let mut c = foiboard::config::LocalConfig::load_from(&dir.path().join("config.toml")).unwrap();
    c.set("imap", &server.url("ann", "plain")).unwrap();
    c.set("imap-password-command", &format!("echo {PASSWORD}"))
        .unwrap();
}

/// Runs the board's checks until the mailbox work is done.
fn settle(a: &mut App) {
    let start = Instant::now();
    while a.mail.busy() {
        a.mail_tick();
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the fetch did not end"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    a.mail_tick();
}

fn messages(a: &App) -> usize {
    a.sh.store
        .messages(&foiboard::store::MessageFilter::default())
        .unwrap()
        .len()
}

#[test]
fn r_fetches_beside_the_board_and_u_takes_it_back() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    for n in 0..3 {
        server.deliver("ann", "INBOX", &reply(n, 2));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    set_mailbox(&dir, &server);
    a.mail.check(&a.sh);
    settle(&mut a);
    let (screen, _) = render(&a, 160, 30, false);
    assert!(
        screen.contains("✉ 3 new in the mailbox (R fetches)"),
        "{screen}"
    );
    key(&mut a, KeyCode::Char('R'));
    assert!(a.mail.fetching());
    // The board answers keys while the fetch runs.
    key(&mut a, KeyCode::Char('j'));
    settle(&mut a);
    let said = a.sh.message.clone().unwrap().0;
    assert!(
        said.contains("fetched 3 new message(s)") && said.contains("(u undoes)"),
        "{said}"
    );
    assert_eq!(messages(&a), 3);
    let (screen, _) = render(&a, 160, 30, false);
    assert!(!screen.contains("new in the mailbox"), "{screen}");
    // The fetch is one change on this board's undo.
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(messages(&a), 0);
    // :fetch does the same; the mailbox is read from the start only with --again, so the
    // undone mail stays undone.
    a.update(foiboard::tui::action::Action::FetchMail);
    settle(&mut a);
    assert_eq!(messages(&a), 0);
    server.deliver("ann", "INBOX", &reply(3, 2));
    a.mail.start(&mut a.sh).unwrap();
    settle(&mut a);
    assert_eq!(messages(&a), 1);
}

#[test]
fn esc_stops_a_long_fetch_keeping_what_came_in() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    for n in 0..400 {
        server.deliver("ann", "INBOX", &reply(n, 5));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    set_mailbox(&dir, &server);
    key(&mut a, KeyCode::Char('R'));
    key(&mut a, KeyCode::Esc);
    settle(&mut a);
    let said = a.sh.message.clone().unwrap().0;
    assert!(said.contains("the fetch was stopped"), "{said}");
    assert!(messages(&a) < 400);
    // The next fetch goes on from there.
    a.mail.start(&mut a.sh).unwrap();
    settle(&mut a);
    assert_eq!(messages(&a), 400);
}

#[test]
fn without_a_mailbox_r_says_how_to_set_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    key(&mut a, KeyCode::Char('R'));
    let said = a.sh.message.clone().unwrap().0;
    assert!(said.contains("foiboard config imap"), "{said}");
    assert!(!a.mail.busy());
}

#[test]
fn mail_fetched_from_the_board_is_matched_as_the_command_line_matches_it() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let reply = "From: Guy's and St Thomas' FOI <gstt.foi@nhs.net>\r\nTo: foi-group@example.org\r\nSubject: RE: Freedom of Information request [palantir-fdp/RJ1]\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <gstt-board-1@nhs.net>\r\n\r\nDear requester,\r\n\r\nWe acknowledge receipt of your request.\r\n\r\nFOI Team\r\n";
    server.deliver("ann", "INBOX", reply.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let c = a.sh.store.campaign("palantir-fdp").unwrap();
    a.sh.store
        .add_requests(&c, &"ods:RJ1".parse().unwrap())
        .unwrap();
    a.sh.reload().unwrap();
    set_mailbox(&dir, &server);
    key(&mut a, KeyCode::Char('R'));
    settle(&mut a);
    let said = a.sh.message.clone().unwrap().0;
    assert!(said.contains("1 filed under requests"), "{said}");
    let m =
        a.sh.store
            .messages(&foiboard::store::MessageFilter::default())
            .unwrap();
    assert_eq!(m[0].request.as_ref().map(|r| r.ods.as_str()), Some("RJ1"));
}
