//! The board's screens as a new user meets them: prompts that edit like a shell's, errors drawn
//! where the user is looking, help that scrolls and tells the truth, layouts that fit 80x24,
//! 120x40 and 200x50, and empty states that say what to do.

use crate::board_common;

use board_common::{app, mask_times, render};
use foiboard::law::EventKind;
use foiboard::tui::action::Action;
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

fn prompt_text(a: &App) -> String {
    a.prompt
        .as_ref()
        .map(|p| p.text().to_string())
        .unwrap_or_default()
}

fn screen(a: &App, w: u16, h: u16) -> String {
    mask_times(&render(a, w, h, false).0)
}

fn goto(a: &mut App, ods: &str) {
    press(a, KeyCode::Char(':'));
    ctrl(a, 'u');
    typed(a, &format!("goto {ods}"));
    press(a, KeyCode::Enter);
}

#[test]
fn a_prefilled_prompt_is_replaced_by_typing_and_edits_like_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Char('m'));
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "commercial");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Search);
    // The second search starts from the first, selected: typing replaces it.
    press(&mut a, KeyCode::Char('/'));
    assert_eq!(prompt_text(&a), "commercial");
    typed(&mut a, "withheld information");
    assert_eq!(prompt_text(&a), "withheld information");
    // Ctrl-W takes the last word, Ctrl-A/Ctrl-E move, Ctrl-U takes the line: none types a letter.
    ctrl(&mut a, 'w');
    assert_eq!(prompt_text(&a), "withheld ");
    ctrl(&mut a, 'a');
    typed(&mut a, "the ");
    ctrl(&mut a, 'e');
    typed(&mut a, "data");
    assert_eq!(prompt_text(&a), "the withheld data");
    press(&mut a, KeyCode::Home);
    press(&mut a, KeyCode::Delete);
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(prompt_text(&a), "he withheld dat");
    ctrl(&mut a, 'u');
    assert_eq!(prompt_text(&a), "");
    // ↑ brings back the earlier search.
    press(&mut a, KeyCode::Up);
    assert_eq!(prompt_text(&a), "commercial");
    press(&mut a, KeyCode::Down);
    assert_eq!(prompt_text(&a), "");
    // Ctrl-C leaves the prompt and nothing else: the board stays open.
    ctrl(&mut a, 'c');
    assert!(a.prompt.is_none());
    assert!(!a.quit, "Ctrl-C in a prompt cancels it, it does not quit");
    assert_eq!(a.view, View::Search);
}

#[test]
fn the_command_line_remembers_its_own_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    goto(&mut a, "RJ1");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "humber");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char(':'));
    ctrl(&mut a, 'u');
    press(&mut a, KeyCode::Up);
    assert_eq!(
        prompt_text(&a),
        "goto RJ1",
        "the filter is not in the command history"
    );
}

#[test]
fn a_refused_event_is_drawn_under_the_open_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    goto(&mut a, "RJ1");
    press(&mut a, KeyCode::Char('x'));
    ctrl(&mut a, 'u');
    typed(&mut a, "2026-11-20 until someday");
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_some(), "the prompt stays open to be corrected");
    let s = screen(&a, 80, 24);
    assert!(s.contains("extended on DATE"), "{s}");
    assert!(
        s.contains("someday"),
        "the error is on screen with the prompt:\n{s}"
    );
    // Correcting it records it.
    ctrl(&mut a, 'u');
    typed(&mut a, "2026-11-20 banana");
    press(&mut a, KeyCode::Enter);
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("'banana' is not something an event takes"),
        "{s}"
    );
}

#[test]
fn writing_over_a_file_needs_a_second_enter_and_the_warning_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let out = dir.path().join("report.md");
    std::fs::write(&out, "a colleague's notes").unwrap();
    press(&mut a, KeyCode::Char('w'));
    ctrl(&mut a, 'u');
    typed(&mut a, &out.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_some());
    let s = screen(&a, 200, 50);
    assert!(s.contains("exists: Enter again replaces it"), "{s}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "a colleague's notes"
    );
    // Esc keeps the file.
    press(&mut a, KeyCode::Esc);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "a colleague's notes"
    );
    // Asked again and confirmed, it is replaced.
    press(&mut a, KeyCode::Char('w'));
    ctrl(&mut a, 'u');
    typed(&mut a, &out.display().to_string());
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none());
    assert!(std::fs::read_to_string(&out).unwrap().contains("RJ1"));
}

#[test]
fn help_at_80x24_scrolls_to_every_key_and_pgdn_does_not_close_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Char('?'));
    let first = screen(&a, 80, 24);
    assert!(first.contains("on the board"), "{first}");
    let mut seen = first.clone();
    for _ in 0..12 {
        press(&mut a, KeyCode::PageDown);
        assert!(a.help, "PgDn scrolls the help, it does not close it");
        seen.push_str(&screen(&a, 80, 24));
    }
    for needle in [
        "quit",
        "undo your last change",
        "the matrix",
        "the codebook",
        "command: goto",
        "Ctrl-C",
        "Ctrl-R",
        "everywhere",
    ] {
        assert!(seen.contains(needle), "{needle} never shown:\n{seen}");
    }
    press(&mut a, KeyCode::Esc);
    assert!(!a.help);
}

#[test]
fn help_lists_each_key_once_with_what_this_screen_does_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    goto(&mut a, "RJ1");
    assert_eq!(a.view, View::Detail, ":goto opens the request");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Answer);
    let keys: Vec<&str> = foiboard::tui::keymap::visible(a.screens.get(View::Answer).bindings())
        .iter()
        .map(|b| b.label)
        .collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(keys.len(), unique.len(), "a key listed twice: {keys:?}");
    press(&mut a, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..8 {
        seen.push_str(&screen(&a, 120, 40));
        press(&mut a, KeyCode::PageDown);
    }
    assert!(seen.contains("information not held"), "{seen}");
    assert!(
        !seen.contains("next campaign"),
        "n is 'not held' here:\n{seen}"
    );
}

#[test]
fn after_goto_esc_leaves_the_keys_on_the_card_that_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "Humber");
    press(&mut a, KeyCode::Enter);
    goto(&mut a, "RJ1");
    assert_eq!(a.view, View::Detail);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.view, View::Board);
    let target = a.sh.selected.expect("a selection");
    let shown = a.screens.board.column_rows(
        &a.sh,
        foiboard::tui::stage::Stage::ALL[a.screens.board.column],
    );
    assert!(
        shown.iter().any(|r| r.request.id == target),
        "the selected card is in the focused column"
    );
    assert_eq!(
        a.sh.rows
            .iter()
            .find(|r| r.request.id == target)
            .unwrap()
            .request
            .body
            .ods_code,
        "RJ1"
    );
    press(&mut a, KeyCode::Char(' '));
    assert!(a.sh.marks.contains(&target));
    let s = screen(&a, 200, 50);
    assert!(
        s.contains("*RJ1"),
        "the marked card is the one on screen:\n{s}"
    );
}

#[test]
fn a_cell_filter_for_a_question_the_campaign_lacks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Char('m'));
    press(&mut a, KeyCode::Char('c'));
    typed(&mut a, "q9 refused");
    press(&mut a, KeyCode::Enter);
    let s = screen(&a, 120, 40);
    assert!(s.contains("q9: this campaign asks 7 question(s)"), "{s}");
    assert!(a.prompt.is_some(), "the prompt stays open to be corrected");
    ctrl(&mut a, 'u');
    typed(&mut a, "q5 refused");
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none());
}

#[test]
fn a_message_belongs_to_the_screen_it_was_said_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    a.sh.say("nothing of yours to undo", false);
    press(&mut a, KeyCode::Char('m'));
    assert!(a.sh.message.is_none());
    assert!(!screen(&a, 120, 40).contains("nothing of yours to undo"));
}

fn table_order(a: &App) -> Vec<String> {
    a.screens
        .table
        .sorted(&a.sh)
        .iter()
        .map(|r| r.request.body.ods_code.clone())
        .collect()
}

#[test]
fn the_table_sorts_every_way_including_by_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.view, View::Table);
    while foiboard::tui::screens::table::SORTS[a.screens.table.sort] != "clock" {
        press(&mut a, KeyCode::Char('o'));
    }
    let up = table_order(&a);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Clock ▲"), "{s}");
    // The most urgent first: fewest working days left (long-overdue) at the top.
    let clocks: Vec<i64> = a
        .screens
        .table
        .sorted(&a.sh)
        .iter()
        .filter_map(|r| r.working_days_left)
        .collect();
    assert_eq!(Some(&clocks[0]), clocks.iter().min(), "{clocks:?}");
    assert!(clocks.windows(2).all(|w| w[0] <= w[1]), "{clocks:?}");
    press(&mut a, KeyCode::Char('O'));
    let down = table_order(&a);
    assert!(screen(&a, 120, 40).contains("Clock ▼"));
    assert_ne!(up, down);
    assert_eq!(up.first(), down.last());
}

#[test]
fn a_filter_says_how_many_it_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let total = a.sh.rows.len();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "humber");
    press(&mut a, KeyCode::Enter);
    let matching =
        a.sh.rows
            .iter()
            .filter(|r| r.request.body.name.to_lowercase().contains("humber"))
            .count();
    assert!(matching > 0);
    let s = screen(&a, 120, 40);
    assert!(
        s.contains(&format!("filter: humber ({matching} of {total})")),
        "{s}"
    );
}

#[test]
fn the_counts_line_fits_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(&dir, true);
    let s = screen(&a, 80, 24);
    let strip = s.lines().nth(1).unwrap();
    assert!(strip.contains("Done"), "{strip}");
    assert!(!strip.contains("Revie "), "{strip}");
}

fn last_event(a: &App, id: i64, kind: EventKind) -> foiboard::model::Event {
    a.sh.store
        .events(id)
        .unwrap()
        .into_iter()
        .rfind(|e| e.kind == kind)
        .expect("the event")
}

#[test]
fn event_prompts_take_what_the_event_needs() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let awaiting =
        a.sh.rows
            .iter()
            .find(|r| r.status == foiboard::law::Status::Awaiting)
            .expect("the demo has a request awaiting its answer")
            .request
            .clone();
    goto(&mut a, &awaiting.body.ods_code);
    let id = awaiting.id;
    assert_eq!(a.sh.selected, Some(id));
    press(&mut a, KeyCode::Char('a'));
    assert!(screen(&a, 120, 40).contains("ref"));
    ctrl(&mut a, 'u');
    typed(&mut a, "2026-11-02 ref FOI/2026/1187");
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none(), "{:?}", a.sh.message);
    assert_eq!(
        last_event(&a, id, EventKind::Acknowledged).reference,
        "FOI/2026/1187"
    );
    press(&mut a, KeyCode::Char('x'));
    ctrl(&mut a, 'u');
    typed(&mut a, "2026-11-18 until 2026-12-16");
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none(), "{:?}", a.sh.message);
    assert_eq!(
        last_event(&a, id, EventKind::Extended).until,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 16)
    );
    press(&mut a, KeyCode::Char('r'));
    ctrl(&mut a, 'u');
    typed(&mut a, "2026-11-20 outcome partial");
    press(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none(), "{:?}", a.sh.message);
    assert_eq!(last_event(&a, id, EventKind::Responded).outcome, "partial");
    // Everything the prompt recorded is one change: u takes back the response.
    press(&mut a, KeyCode::Char('u'));
    assert!(a
        .sh
        .store
        .events(id)
        .unwrap()
        .iter()
        .all(|e| e.kind != EventKind::Responded));
}

#[test]
fn the_detail_says_how_late_the_answer_came() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    let late =
        a.sh.rows
            .iter()
            .find(|r| r.report.responded_days_late.is_some_and(|d| d > 0))
            .expect("the demo has a late answer")
            .clone();
    let days = late.report.responded_days_late.unwrap();
    goto(&mut a, &late.request.body.ods_code);
    assert_eq!(a.view, View::Detail);
    let s = screen(&a, 120, 40);
    assert!(s.contains(&format!("answered {days} wd late")), "{s}");
}

#[test]
fn a_first_run_says_how_to_create_requests_and_does_it_from_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, false);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("No requests in"), "{s}");
        assert!(s.contains("request nation:England"), "{s}");
        assert!(s.contains("init --demo"), "{s}");
    }
    press(&mut a, KeyCode::Tab);
    assert!(screen(&a, 120, 40).contains("No requests in"));
    press(&mut a, KeyCode::Char(':'));
    typed(&mut a, "request ods:RJ1,RGT");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.sh.rows.len(), 2, "{:?}", a.sh.message);
    assert!(screen(&a, 120, 40).contains("2 request(s) created"));
    press(&mut a, KeyCode::Char('u'));
    assert!(a.sh.rows.is_empty(), "one u takes the whole creation back");
}

#[test]
fn an_empty_inbox_says_how_mail_gets_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    press(&mut a, KeyCode::Char('I'));
    assert_eq!(a.view, View::Inbox);
    let s = screen(&a, 80, 24);
    assert!(s.contains("No mail yet"), "{s}");
    assert!(s.contains("import mail"), "{s}");
}

/// Every screen at the three sizes the layouts are made for.
#[test]
fn every_screen_at_80x24_120x40_and_200x50() {
    let mut shots: Vec<(&str, App, tempfile::TempDir)> = Vec::new();
    let steps: [(&str, &[Action]); 9] = [
        ("board", &[]),
        ("table", &[Action::ToggleView]),
        ("detail", &[Action::Open]),
        ("answer", &[Action::Open, Action::Open]),
        ("matrix", &[Action::ShowMatrix]),
        ("codebook", &[Action::ShowCodebook]),
        ("search", &[Action::ShowMatrix]),
        ("stats", &[Action::ShowStats]),
        ("inbox", &[Action::ShowInbox]),
    ];
    for (name, actions) in steps {
        let dir2 = tempfile::tempdir().unwrap();
        let mut b = app(&dir2, true);
        goto(&mut b, "RJ1");
        b.update(Action::Back);
        for act in actions {
            b.update(*act);
        }
        if name == "search" {
            press(&mut b, KeyCode::Char('/'));
            typed(&mut b, "commercial");
            press(&mut b, KeyCode::Enter);
        }
        b.sh.message = None;
        shots.push((name, b, dir2));
    }
    for (name, b, _) in &shots {
        for (w, h) in [(80u16, 24u16), (120, 40), (200, 50)] {
            let s = screen(b, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}

#[test]
fn the_answer_header_never_hides_the_outcome_of_a_long_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    goto(&mut a, "RJ1");
    press(&mut a, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut a, KeyCode::Right);
    }
    assert_eq!(a.screens.answer.pane.as_ref().unwrap().question, 5);
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("outcome"), "{w}x{h}:\n{s}");
    }
    // The strip of outcomes is right without visiting the matrix first.
    press(&mut a, KeyCode::Char('r'));
    let s = screen(&a, 120, 40);
    assert!(s.contains("Q5"), "{s}");
}
