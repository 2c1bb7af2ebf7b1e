//! What every screen draws around it: the header, the footer, prompts and windows, help; and
//! the theme. Each screen draws itself (`screens/`); drawing never changes state.

mod chrome;
pub use chrome::help_lines;
mod letter;
mod overlay;

use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::Frame;

use super::app::App;
use crate::model::Outcome;

/// Colours carry urgency, and the text always says the same thing, so `NO_COLOR` (or a
/// monochrome terminal) loses nothing.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    /// The style of a clock: red when late, bold red past 40 working days, yellow within 5.
    pub fn urgency(&self, left: Option<i64>, long: bool) -> Style {
        match left {
            _ if long => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(n) if n < 0 => self.fg(Color::Red),
            Some(n) if n <= 5 => self.fg(Color::Yellow),
            Some(_) => self.fg(Color::Green),
            None => Style::default(),
        }
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The colour of an outcome; the glyph says the same without colour.
    pub fn outcome(&self, o: Outcome) -> Style {
        self.fg(match o {
            Outcome::Answered => Color::Green,
            Outcome::Partial | Outcome::ClarificationSought => Color::Yellow,
            Outcome::Refused | Outcome::Vexatious | Outcome::CostLimit => Color::Red,
            Outcome::NotHeld => Color::Blue,
            Outcome::Ncnd => Color::Magenta,
            Outcome::Elsewhere | Outcome::FuturePublication => Color::Cyan,
            Outcome::NotAnswered | Outcome::Pending => Color::DarkGray,
        })
    }
}

/// An outcome's glyph: the key that sets it in the answer screen (so the matrix reads in the
/// same letters the user types), or "…" for a text still to triage.
pub fn glyph(o: Outcome) -> &'static str {
    super::keymap::outcome_key(o).unwrap_or("…")
}

/// The legend of the glyphs, from the keymap, and the two marks of a cell with no answer.
pub fn legend() -> String {
    let mut parts: Vec<String> = Outcome::ALL
        .iter()
        .map(|o| format!("{} {}", glyph(*o), o.as_str()))
        .collect();
    parts.push("? reply to triage".into());
    parts.push("· no reply yet".into());
    parts.join(" · ")
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    // The message gets the lines it needs (up to a third of the screen): a command the user
    // must type is never cut at the edge.
    let area = frame.area();
    let message = chrome::message_lines(app, area.width, area.height);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(message + 1),
    ])
    .areas(area);
    chrome::header(frame, header, app, theme);
    super::screens::screen(app.view).draw(frame, body, app, theme);
    if app.overlay.is_some() {
        overlay::draw(frame, body, app, theme);
    }
    chrome::footer(frame, footer, app, theme);
    if app.help {
        chrome::help(frame, frame.area(), app);
    }
}
