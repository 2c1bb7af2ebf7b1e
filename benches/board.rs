//! The board's speed on the benchmark dataset, drawn into a 200x60 test terminal. Targets
//! (national scale and speed): open to first frame 150 ms; a key press to its frame 16 ms;
//! reload after another process's change 50 ms.
//!
//! `FOIBOARD_BENCH_SCALE=national cargo bench --bench board` for the national figures. The
//! real binary's start-up in a pseudo-terminal is measured by the `startup` bench.

mod common;

use foiboard::store::Store;
use foiboard::tui::action::Action;
use foiboard::tui::app::App;
use foiboard::tui::view::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn main() {
    divan::main();
}

const THEME: Theme = Theme { colour: true };

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 60)).expect("a test terminal")
}

fn board() -> App {
    App::new(common::open(), common::today()).expect("the board opens")
}

fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Database open, the current campaign loaded with every clock, the first frame drawn.
#[divan::bench(sample_count = 20)]
fn open_to_first_frame(b: divan::Bencher) {
    let path = common::dataset_path();
    b.bench_local(|| {
        let store = Store::open(&path).expect("open");
        let app = App::new(store, common::today()).expect("the board opens");
        let mut t = terminal();
        t.draw(|f| draw(f, &app, THEME)).expect("draw");
    });
}

/// ↓ then ↑ on the board (two key presses, two frames).
#[divan::bench]
fn move_on_the_board(b: divan::Bencher) {
    let mut app = board();
    let mut t = terminal();
    b.bench_local(|| {
        for code in [KeyCode::Down, KeyCode::Up] {
            press(&mut app, code);
            t.draw(|f| draw(f, &app, THEME)).expect("draw");
        }
    });
}

/// ↓ then ↑ in the table view.
#[divan::bench]
fn move_in_the_table(b: divan::Bencher) {
    let mut app = board();
    press(&mut app, KeyCode::Tab);
    let mut t = terminal();
    b.bench_local(|| {
        for code in [KeyCode::Down, KeyCode::Up] {
            press(&mut app, code);
            t.draw(|f| draw(f, &app, THEME)).expect("draw");
        }
    });
}

/// A letter typed into the filter then taken back (two keystrokes, two frames): the filter
/// applies as it is typed.
#[divan::bench]
fn filter_keystroke(b: divan::Bencher) {
    let mut app = board();
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('a'));
    let mut t = terminal();
    b.bench_local(|| {
        for code in [KeyCode::Char('n'), KeyCode::Backspace] {
            press(&mut app, code);
            t.draw(|f| draw(f, &app, THEME)).expect("draw");
        }
    });
}

/// What the loop does when another process committed: reload and draw.
#[divan::bench]
fn reload_after_outside_change(b: divan::Bencher) {
    let mut app = board();
    let mut t = terminal();
    b.bench_local(|| {
        app.update(Action::Reload);
        t.draw(|f| draw(f, &app, THEME)).expect("draw");
    });
}
