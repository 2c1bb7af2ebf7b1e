//! The statistics screen and writing the campaign to a file from the board.

use crate::board_common;

use board_common::{app, render};
use foiboard::tui::app::App;
use foiboard::tui::effect::View;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_keys(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn clear_prompt(a: &mut App) {
    for _ in 0..200 {
        key(a, KeyCode::Backspace);
    }
}

#[test]
fn statistics_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    key(&mut a, KeyCode::Char('S'));
    assert_eq!(a.view, View::Stats);
    let (s, _) = render(&a, 140, 40, false);
    // The numbers on screen are the report's.
    let r = a.screens.stats.report.as_ref().unwrap();
    assert!(
        s.contains(&format!("{} bodies · {} sent", r.requests, r.sent)),
        "{s}"
    );
    for (status, bodies) in &r.by_status {
        let line = s
            .lines()
            .find(|l| l.contains(&format!("│{:<16}", status.as_str())));
        let line = line.unwrap_or_else(|| panic!("{status} missing:\n{s}"));
        assert!(line.contains(&format!(" {} ", bodies.len())), "{line}");
    }
    insta::assert_snapshot!(s);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.view, View::Board);
    assert!(
        a.screens.stats.report.is_none(),
        "the numbers are dropped when the screen closes"
    );
}

#[test]
fn w_writes_the_campaign_to_a_file_named_by_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir, true);
    key(&mut a, KeyCode::Char('w'));
    let state = a.prompt.clone().unwrap();
    let (kind, text) = (state.kind.clone(), state.text().to_string());
    assert!(matches!(kind, foiboard::tui::prompt::Prompt::Export(None)));
    assert_eq!(text, "palantir-fdp-2026-11-23.md", "a name to accept");

    let csv = dir.path().join("fdp.csv");
    clear_prompt(&mut a);
    type_keys(&mut a, &csv.to_string_lossy());
    key(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none(), "{:?}", a.sh.message);
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.starts_with("campaign,ods_code,"), "{written}");
    assert_eq!(written.lines().count(), 239, "a header and 238 requests");
    assert!(a.sh.message.as_ref().unwrap().0.contains("fdp.csv"));

    // The same name again: asked first, replaced on the second Enter.
    std::fs::write(&csv, "keep me").unwrap();
    key(&mut a, KeyCode::Char('w'));
    clear_prompt(&mut a);
    type_keys(&mut a, &csv.to_string_lossy());
    key(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_some(), "still asking");
    assert!(a.sh.message.as_ref().unwrap().0.contains("exists"));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "keep me");
    key(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_none());
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .starts_with("campaign,"));

    // An unknown extension is refused and the prompt stays to fix it.
    key(&mut a, KeyCode::Char('w'));
    clear_prompt(&mut a);
    type_keys(&mut a, &dir.path().join("fdp.docx").to_string_lossy());
    key(&mut a, KeyCode::Enter);
    let (msg, error) = a.sh.message.clone().unwrap();
    assert!(
        error && msg.contains(".md, .html, .csv, .json, .ics"),
        "{msg}"
    );
    assert!(a.prompt.is_some());
    key(&mut a, KeyCode::Esc);

    // `:export` does the same from any screen; the report in HTML.
    let html = dir.path().join("report.html");
    key(&mut a, KeyCode::Char(':'));
    type_keys(&mut a, &format!("export {}", html.to_string_lossy()));
    key(&mut a, KeyCode::Enter);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<h1>") && page.contains("Question by question"));
}

#[test]
fn the_board_opens_on_the_newest_campaign_with_requests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    {
        let mut store = foiboard::store::Store::open(&path).unwrap();
        foiboard::seed::seed(&mut store).unwrap();
        foiboard::seed::demo::populate(&mut store, board_common::today()).unwrap();
        store
            .create_campaign("later", "A later campaign", &[(1, "Q?".into())])
            .unwrap();
        store
            .create_campaign("empty", "Not started", &[(1, "Q?".into())])
            .unwrap();
        let later = store.campaign("later").unwrap();
        store
            .add_requests(&later, &"ods:RJ1".parse().unwrap())
            .unwrap();
    }
    let store = foiboard::store::Store::open(&path).unwrap();
    let a = App::new(store, board_common::today()).unwrap();
    assert_eq!(a.sh.current_campaign().unwrap().slug, "later");
    assert_eq!(a.sh.rows.len(), 1);
}
