//! The board on a temporary database, rendered into a test buffer: shared by the board's tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use foiboard::store::Store;
use foiboard::tui::app::App;
use foiboard::tui::view::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A seeded board (with the demo campaign's data if `demo`), author "tester", the "updated"
/// time fixed so snapshots are stable.
pub fn app(dir: &tempfile::TempDir, demo: bool) -> App {
    let mut store = Store::open(&dir.path().join("b.db")).unwrap();
    foiboard::seed::seed(&mut store).unwrap();
    if demo {
        foiboard::seed::demo::populate(&mut store, today()).unwrap();
    }
    store.set_author("tester");
    let mut app = App::with_clock(store, today(), Some(|| "12:00:00".to_string())).unwrap();
    // This test's own settings file, never the config of whoever runs the tests.
    app.sh.config_path = Some(dir.path().join("config.toml"));
    app
}

/// A board (no demo data) whose campaign has one request, RJ1, sent on `sent`, loaded.
pub fn one_request_sent(dir: &tempfile::TempDir, sent: NaiveDate) -> App {
    let mut a = app(dir, false);
    let cid = a.sh.current_campaign().unwrap().clone();
    a.sh.store
        .add_requests(&cid, &"RJ1".parse().unwrap())
        .unwrap();
    let req = a.sh.store.request(&cid, "RJ1").unwrap();
    a.sh.store
        .record_event(
            &[req],
            &foiboard::model::NewEvent::new(foiboard::law::EventKind::Sent, sent),
            today(),
        )
        .unwrap();
    a.update(foiboard::tui::action::Action::Reload);
    a
}

/// The screen as text (one line per row) and as the buffer, for colours.
pub fn render(app: &App, w: u16, h: u16, colour: bool) -> (String, Buffer) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, Theme { colour })).unwrap();
    let buf = t.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    (s, buf)
}

/// Replaces stored timestamps (`2026-11-23T16:32:08Z`, wall-clock) with a fixed mark of the
/// same width, so snapshots do not depend on when the test ran.
pub fn mask_times(s: &str) -> String {
    let shape = "dddd-dd-ddTdd:dd:ddZ";
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let fits = i + shape.len() <= chars.len()
            && shape.chars().zip(&chars[i..]).all(|(p, c)| match p {
                'd' => c.is_ascii_digit(),
                p => p == *c,
            });
        if fits {
            out.push_str("[stored timestamp]  ");
            i += shape.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}
