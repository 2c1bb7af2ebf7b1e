//! The board driven by actions, rendered into a test buffer: what a user would see.

use crate::board_common;

use board_common::{app, render, today};
use chrono::NaiveDate;
use foiboard::law::EventKind;
use foiboard::store::Store;
use foiboard::tui::action::Action;
use foiboard::tui::app::{App, PromptKey};
use foiboard::tui::effect::View;
use foiboard::tui::view::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;

fn screen(app: &App, w: u16, h: u16) -> (String, ratatui::buffer::Buffer) {
    render(app, w, h, true)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.prompt_key(PromptKey::Char(c));
    }
}

#[test]
fn board_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.update(Action::Right);
    a.update(Action::Right);
    insta::assert_snapshot!(screen(&a, 80, 24).0);
}

#[test]
fn board_wide_shows_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(&dir, true);
    let (s, _) = screen(&a, 140, 30);
    for title in [
        "Not sent",
        "Awaiting",
        "Overdue",
        "Waiting on us",
        "To triage",
        "Review / ICO",
        "Done",
    ] {
        assert!(s.contains(&format!("┌{title}")), "{title} missing:\n{s}");
    }
    insta::assert_snapshot!(s);
}

#[test]
fn overdue_is_red_and_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.update(Action::Right);
    a.update(Action::Right);
    let (s, buf) = screen(&a, 140, 30);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("LONG 30 wd late"))
        .unwrap();
    // The screen column of the clock text (characters, not bytes: the borders are multi-byte).
    let x = line[..line.find("LONG").unwrap()].chars().count();
    assert_eq!(buf[(x as u16, y as u16)].fg, Color::Red);
    // Without colour the words carry it.
    let mut t = Terminal::new(TestBackend::new(140, 30)).unwrap();
    t.draw(|f| draw(f, &a, Theme { colour: false })).unwrap();
    assert_eq!(t.backend().buffer()[(x as u16, y as u16)].fg, Color::Reset);
}

/// The board opens without counting findings (a pass over every finding of the campaign that
/// its cards never show); the table, which shows them, has them counted when first shown, and
/// every load after that counts them too.
#[test]
fn the_table_counts_findings_the_board_opens_without() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    assert!(a.sh.rows.iter().all(|r| r.findings.is_none()));
    let campaign = a.sh.current_campaign().unwrap().id;
    let stored =
        a.sh.store
            .findings(&foiboard::store::FindingFilter {
                campaign_id: Some(campaign),
                ..Default::default()
            })
            .unwrap();
    assert!(!stored.is_empty(), "the demo has findings");
    let count = |a: &App| -> u32 { a.sh.rows.iter().map(|r| r.findings.unwrap()).sum() };
    a.update(Action::ToggleView);
    assert_eq!(a.view, View::Table);
    assert_eq!(count(&a), stored.len() as u32);
    // The last column shows the request's number.
    let most = a.sh.rows.iter().max_by_key(|r| r.findings).unwrap();
    let (ods, most_n) = (most.request.body.ods_code.clone(), most.findings.unwrap());
    assert!(most_n > 0);
    a.update(Action::Filter);
    type_text(&mut a, &ods);
    a.prompt_key(PromptKey::Submit);
    let (screen, _) = render(&a, 140, 12, false);
    let line = screen
        .lines()
        .find(|l| l.contains(&ods) && !l.contains("filter"))
        .unwrap();
    assert!(
        line.trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with(&most_n.to_string()),
        "{line}"
    );
    // Back on the board and after a reload, still counted.
    a.update(Action::Back);
    a.update(Action::ToggleView);
    a.update(Action::Reload);
    assert_eq!(count(&a), stored.len() as u32);
}

#[test]
fn table_filter_detail_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.update(Action::ToggleView);
    assert_eq!(a.view, View::Table);
    a.update(Action::Filter);
    type_text(&mut a, "humber");
    a.prompt_key(PromptKey::Submit);
    assert_eq!(a.sh.shown().len(), 4);
    insta::assert_snapshot!("table_filtered", screen(&a, 100, 12).0);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.view, View::Detail);
    insta::assert_snapshot!("detail", screen(&a, 100, 24).0);
    a.update(Action::Help);
    let (help, _) = screen(&a, 100, 40);
    insta::assert_snapshot!("help", help);
    // Help is generated from the keymap: every binding's words are there, scrolling down.
    let mut all = help.clone();
    for _ in 0..4 {
        a.update(Action::PageDown);
        all.push_str(&screen(&a, 100, 40).0);
    }
    for b in foiboard::tui::keymap::visible(a.screens.get(View::Detail).bindings()) {
        assert!(all.contains(b.help), "help lacks '{}'", b.help);
    }
    a.update(Action::Top);
    a.update(Action::Back); // closes help
    a.update(Action::Back); // back to the table
    a.update(Action::Back); // clears the filter
    assert_eq!(a.view, View::Table);
    assert!(a.sh.filter.is_empty());
}

#[test]
fn recording_an_event_by_keyboard_with_marks_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"ods:RJ1,RJ2,RJ6".parse().unwrap())
        .unwrap();
    a.update(Action::Reload);
    assert_eq!(
        a.screens
            .board
            .column_rows(&a.sh, foiboard::tui::stage::Stage::NotSent)
            .len(),
        3
    );
    a.update(Action::ToggleMark);
    a.update(Action::ToggleMark);
    assert_eq!(a.sh.marks.len(), 2);
    a.update(Action::Record(EventKind::Sent));
    type_text(&mut a, "-3");
    a.prompt_key(PromptKey::Submit);
    let msg = a.sh.message.clone().unwrap();
    assert!(msg.0.contains("for 2 request(s)"), "{msg:?}");
    assert!(a.sh.marks.is_empty());
    assert_eq!(
        a.screens
            .board
            .column_rows(&a.sh, foiboard::tui::stage::Stage::Awaiting)
            .len(),
        2
    );
    a.update(Action::Undo);
    assert_eq!(
        a.screens
            .board
            .column_rows(&a.sh, foiboard::tui::stage::Stage::NotSent)
            .len(),
        3
    );
    a.update(Action::Redo);
    assert_eq!(
        a.screens
            .board
            .column_rows(&a.sh, foiboard::tui::stage::Stage::Awaiting)
            .len(),
        2
    );
    // A bad date keeps the prompt open and says why.
    a.update(Action::Record(EventKind::Sent));
    type_text(&mut a, "2026-02-30");
    a.prompt_key(PromptKey::Submit);
    assert!(a.prompt.is_some());
    assert!(a.sh.message.clone().unwrap().0.contains("is not a date"));
}

#[test]
fn hostile_text_cannot_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    a.sh.store
        .add_body(&foiboard::model::NewBody {
            ods_code: "X1".into(),
            name: "Evil\u{1b}]0;pwned\u{7}\tTrust\u{202e}".into(),
            kind: "acute".into(),
            nation: "England".into(),
            ..Default::default()
        })
        .unwrap();
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"X1".parse().unwrap())
        .unwrap();
    a.update(Action::Reload);
    let (s, _) = screen(&a, 100, 10);
    assert!(
        !s.contains('\u{1b}')
            && !s.contains('\u{7}')
            && !s.contains('\u{202e}')
            && !s.contains('\t')
    );
    insta::assert_snapshot!(s);
}

#[test]
fn a_change_by_another_process_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.update(Action::ToggleView);
    a.update(Action::Down);
    a.update(Action::Down);
    let selected = a.sh.selected;
    let before = a.sh.store.data_version().unwrap();
    // A colleague's connection writes.
    let mut other = Store::open(&dir.path().join("b.db")).unwrap();
    let c = other.campaign("palantir-fdp").unwrap();
    let req = other.request(&c, "RJ1").unwrap();
    other
        .set_answer(req.id, 7, foiboard::model::Outcome::NotHeld, &[], None)
        .unwrap();
    assert_ne!(a.sh.store.data_version().unwrap(), before);
    a.update(Action::Reload);
    assert_eq!(a.sh.selected, selected);
}

#[test]
fn a_newcomer_finds_every_overdue_request_with_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let late =
        a.sh.rows
            .iter()
            .filter(|r| {
                matches!(
                    r.status,
                    foiboard::law::Status::Overdue | foiboard::law::Status::LongOverdue
                )
            })
            .count();
    assert!(late > 0);
    a.update(Action::Filter);
    type_text(&mut a, "overdue");
    a.prompt_key(PromptKey::Submit);
    assert_eq!(a.sh.shown().len(), late);
}

#[test]
fn every_table_column_that_matters_sorts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.update(Action::ToggleView);
    for _ in 0..foiboard::tui::screens::table::SORTS.len() {
        a.update(Action::SortNext);
        assert_eq!(a.sh.shown().len(), 238);
    }
    while foiboard::tui::screens::table::SORTS[a.screens.table.sort] != "due" {
        a.update(Action::SortNext);
    }
    let v = a.screens.table.sorted(&a.sh);
    let lefts: Vec<i64> = v.iter().filter_map(|r| r.working_days_left).collect();
    assert!(lefts.windows(2).all(|w| w[0] <= w[1]), "most urgent first");
}

#[test]
fn u_takes_back_this_boards_change_not_a_colleagues_under_the_same_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"ods:RJ1,RGT".parse().unwrap())
        .unwrap();
    a.update(Action::Reload);
    let rj1 = a.sh.store.request(&cid, "RJ1").unwrap();
    a.sh.selected = Some(rj1.id);
    a.update(Action::Record(EventKind::Sent));
    type_text(&mut a, "2026-10-01");
    a.prompt_key(PromptKey::Submit);
    // A colleague logged in under the same name records something later, elsewhere.
    let mut other = Store::open(&dir.path().join("b.db")).unwrap();
    other.set_author("tester");
    let rgt = other.request(&cid, "RGT").unwrap();
    other
        .record_event(
            std::slice::from_ref(&rgt),
            &foiboard::model::NewEvent::new(
                EventKind::Sent,
                NaiveDate::from_ymd_opt(2026, 10, 2).unwrap(),
            ),
            today(),
        )
        .unwrap();
    a.update(Action::Reload);
    a.update(Action::Undo);
    let msg = a.sh.message.clone().unwrap();
    assert!(!msg.1, "{msg:?}");
    // The colleague's event stays; this board's own is gone.
    assert!(other.events(rj1.id).unwrap().is_empty(), "{msg:?}");
    assert_eq!(other.events(rgt.id).unwrap().len(), 1, "{msg:?}");
}

#[test]
fn answers_waiting_to_be_read_keep_the_card_in_to_triage() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"ods:RJ1".parse().unwrap())
        .unwrap();
    let rj1 = a.sh.store.request(&cid, "RJ1").unwrap();
    for (kind, day) in [(EventKind::Sent, 1), (EventKind::Responded, 20)] {
        a.sh.store
            .record_event(
                std::slice::from_ref(&rj1),
                &foiboard::model::NewEvent::new(
                    kind,
                    NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
                ),
                today(),
            )
            .unwrap();
    }
    for q in 1..=7 {
        a.sh.store
            .set_answer(
                rj1.id,
                q,
                foiboard::model::Outcome::Pending,
                &[],
                Some("The reply, not read yet."),
            )
            .unwrap();
    }
    a.update(Action::Reload);
    use foiboard::tui::stage::Stage;
    assert_eq!(a.screens.board.column_rows(&a.sh, Stage::Triage).len(), 1);
    assert!(a.screens.board.column_rows(&a.sh, Stage::Done).is_empty());
    let (s, _) = screen(&a, 200, 30);
    assert!(s.contains("7 to triage · on time"), "{s}");
    // A narrow column keeps the count whole and lets the timing go.
    let (s, _) = screen(&a, 140, 30);
    assert!(
        s.contains("7 triage · on time") || s.contains("7 to triage"),
        "{s}"
    );
    assert!(!s.contains("triage · o…"), "{s}");
}

#[test]
fn the_detail_says_which_rule_produced_each_date_after_the_response() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"ods:RJ1".parse().unwrap())
        .unwrap();
    let rj1 = a.sh.store.request(&cid, "RJ1").unwrap();
    for (kind, on) in [
        (EventKind::Sent, "2026-03-02"),
        (EventKind::Responded, "2026-03-25"),
    ] {
        a.sh.store
            .record_event(
                std::slice::from_ref(&rj1),
                &foiboard::model::NewEvent::new(kind, on.parse().unwrap()),
                today(),
            )
            .unwrap();
    }
    a.update(Action::Reload);
    a.sh.selected = Some(rj1.id);
    a.update(Action::Open);
    assert_eq!(a.view, View::Detail);
    let (s, _) = screen(&a, 160, 40);
    assert!(s.contains("ask for a review by"), "{s}");
    assert!(s.contains("s.45 Code of Practice"), "{s}");
    assert!(
        s.contains("ICO normally wants an internal review first"),
        "{s}"
    );
}

#[test]
fn a_card_counts_questions_answered_and_says_when_it_was_chased() {
    use foiboard::model::{NewEvent, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"ods:RJ1,RGT".parse().unwrap())
        .unwrap();
    let rj1 = a.sh.store.request(&cid, "RJ1").unwrap();
    let rgt = a.sh.store.request(&cid, "RGT").unwrap();
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    for (req, sent) in [(&rj1, day(10, 1)), (&rgt, day(10, 1))] {
        a.sh.store
            .record_event(
                std::slice::from_ref(req),
                &NewEvent::new(EventKind::Sent, sent),
                today(),
            )
            .unwrap();
    }
    a.sh.store
        .record_event(
            std::slice::from_ref(&rj1),
            &NewEvent::new(EventKind::Responded, day(10, 20)),
            today(),
        )
        .unwrap();
    // 3 answered (one partly), 1 refused, 3 not answered: "3/7", not "7/7".
    for (q, o) in [
        (1, Outcome::Answered),
        (2, Outcome::Answered),
        (3, Outcome::Partial),
        (4, Outcome::Refused),
        (5, Outcome::NotAnswered),
        (6, Outcome::NotAnswered),
        (7, Outcome::NotAnswered),
    ] {
        a.sh.store.set_answer(rj1.id, q, o, &[], None).unwrap();
    }
    // RGT is late and was chased by hand on 16 November (the .eml sent from a mail program).
    a.sh.store
        .set_setting("from", "Ann <ann@example.org>")
        .unwrap();
    let run = foiboard::letters::outbox::Run::new(
        &a.sh.store,
        &cid,
        foiboard::letters::Kind::Chase,
        false,
        today(),
    )
    .unwrap();
    foiboard::letters::outbox::mark_sent(&mut a.sh.store, &run, &rgt, day(11, 16))
        .unwrap()
        .unwrap();
    a.update(Action::Reload);
    for (w, h) in [(120, 40), (80, 24)] {
        let (screen, _) = render(&a, w, h, false);
        assert!(screen.contains("chased 16 Nov"), "{w}x{h}:\n{screen}");
        assert!(!screen.contains("7/7"), "{w}x{h}:\n{screen}");
        if w >= 120 {
            assert!(screen.contains("3/7 review?"), "{w}x{h}:\n{screen}");
        }
        insta::assert_snapshot!(format!("card_counts_{w}x{h}"), screen);
    }
    // The table says the same at 80 columns.
    a.enter(View::Table).unwrap();
    let (screen, _) = render(&a, 80, 24, false);
    assert!(screen.contains("3/7"), "{screen}");
    // Triaged with questions unanswered and the review window open: not Done.
    let rj1_row = a.sh.rows.iter().find(|r| r.request.id == rj1.id).unwrap();
    assert_eq!(
        foiboard::tui::stage::Stage::of(rj1_row),
        foiboard::tui::stage::Stage::Review
    );
    // L offers the letter that fits: a review for RJ1, a chaser for the late RGT.
    for (req, kind) in [(&rj1, "review"), (&rgt, "chase")] {
        a.enter(View::Table).unwrap();
        a.sh.selected = Some(req.id);
        a.key(ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('L'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ));
        let (screen, _) = render(&a, 120, 40, false);
        let prompt = screen.lines().rev().take(3).collect::<Vec<_>>().join("\n");
        assert!(
            prompt.contains(&format!("complaint): {kind}")),
            "{kind}: {prompt}"
        );
        a.key(ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Esc,
            ratatui::crossterm::event::KeyModifiers::NONE,
        ));
    }
}

#[test]
fn columns_stop_at_the_ends_and_the_detail_says_each_thing_once() {
    use foiboard::model::{NewEvent, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"RJ1".parse().unwrap())
        .unwrap();
    let req = a.sh.store.request(&cid, "RJ1").unwrap();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    a.sh.store
        .record_event(
            std::slice::from_ref(&req),
            &NewEvent::new(EventKind::Sent, day(10, 1)),
            today(),
        )
        .unwrap();
    let mut responded = NewEvent::new(EventKind::Responded, day(10, 20));
    responded.reference = "FOI-2026-0417".into();
    a.sh.store
        .record_event(std::slice::from_ref(&req), &responded, today())
        .unwrap();
    for q in 1..=7 {
        a.sh.store
            .set_answer(req.id, q, Outcome::Answered, &[], None)
            .unwrap();
    }
    a.update(Action::Reload);
    // Left from the first column stays there; Right from the last too.
    a.screens.board.column = 0;
    a.update(Action::Left);
    assert_eq!(a.screens.board.column, 0);
    for _ in 0..20 {
        a.update(Action::Right);
    }
    assert_eq!(
        a.screens.board.column,
        foiboard::tui::stage::Stage::ALL.len() - 1
    );
    a.update(Action::Right);
    assert_eq!(
        a.screens.board.column,
        foiboard::tui::stage::Stage::ALL.len() - 1,
        "no wrap to Not sent"
    );
    // The detail: the status once, what was answered beside it, their reference.
    a.sh.selected = Some(req.id);
    a.enter(View::Detail).unwrap();
    for (w, h) in [(80, 24), (120, 40)] {
        let (screen, _) = render(&a, w, h, false);
        assert!(!screen.contains("responded  responded"), "{screen}");
        assert!(screen.contains("7/7 answered"), "{screen}");
        assert!(screen.contains("FOI-2026-0417"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn a_long_message_wraps_and_is_never_cut() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.sh.say(
        "no sender is set: run `foiboard config from \"Your Name <you@example.org>\"` and send the letters again",
        true,
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let (screen, _) = render(&a, w, h, false);
        let joined: String = screen
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            joined.contains(
                "foiboard config from \"Your Name <you@example.org>\"` and send the letters again"
            ),
            "{w}x{h}:\n{screen}"
        );
    }
}

#[test]
fn a_refused_event_closes_its_prompt_and_a_bad_date_keeps_it() {
    use foiboard::model::NewEvent;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"RJ1".parse().unwrap())
        .unwrap();
    let req = a.sh.store.request(&cid, "RJ1").unwrap();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    for (kind, on) in [
        (EventKind::Sent, day(10, 1)),
        (EventKind::Responded, day(10, 20)),
    ] {
        a.sh.store
            .record_event(
                std::slice::from_ref(&req),
                &NewEvent::new(kind, on),
                today(),
            )
            .unwrap();
    }
    a.update(Action::Reload);
    a.sh.selected = Some(req.id);
    // A date foiboard cannot read: editing fixes it, so the prompt stays open.
    a.update(Action::Record(EventKind::Responded));
    type_text(&mut a, "31/02/2026");
    a.prompt_key(PromptKey::Submit);
    assert!(a.prompt.is_some(), "a bad date stays to be corrected");
    // The law refuses a second reply: no editing fixes that, so it closes and says why.
    a.prompt_key(PromptKey::Cancel);
    a.update(Action::Record(EventKind::Responded));
    type_text(&mut a, "2026-11-02");
    a.prompt_key(PromptKey::Submit);
    assert!(a.prompt.is_none(), "the refusal closed the prompt");
    let (msg, error) = a.sh.message.clone().unwrap();
    assert!(
        error && msg.contains("already answered on 2026-10-20"),
        "{msg}"
    );
    // The next keys are keys again, not more date.
    a.update(Action::CommandLine);
    assert!(matches!(
        a.prompt.as_ref().map(|p| &p.kind),
        Some(foiboard::tui::prompt::Prompt::Command)
    ));
}

#[test]
fn star_marks_what_the_filter_shows_and_again_unmarks() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let all = a.sh.rows.len();
    a.update(Action::MarkShown);
    assert_eq!(a.sh.marks.len(), all, "no filter: every request");
    a.update(Action::MarkShown);
    assert!(a.sh.marks.is_empty(), "again: unmarked");
    // With a filter, only what it shows.
    a.update(Action::Filter);
    type_text(&mut a, "icb");
    a.prompt_key(PromptKey::Submit);
    let shown = a.sh.shown().len();
    assert!(shown > 0 && shown < all, "{shown} of {all}");
    a.key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('*'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(a.sh.marks.len(), shown);
    let (msg, _) = a.sh.message.clone().unwrap();
    assert!(msg.contains("marked the requests 'icb' shows"), "{msg}");
    // The help lists the key with what it does.
    a.update(Action::Help);
    let (screen, _) = render(&a, 120, 40, false);
    assert!(screen.contains("mark all the filter shows"), "{screen}");
}
