//! Views only render: they read `&App` and draw; they never change state.

mod board;
mod chrome;
mod detail;
mod table;

use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::Frame;

use super::app::{App, View};

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
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(frame.area());
    chrome::header(frame, header, app, theme);
    match app.view {
        View::Board => board::draw(frame, body, app, theme),
        View::Table => table::draw(frame, body, app, theme),
        View::Detail => detail::draw(frame, body, app, theme),
    }
    chrome::footer(frame, footer, app, theme);
    if app.help {
        chrome::help(frame, frame.area(), app);
    }
}
