//! The whole frame: the header, the screen showing (which draws itself), a window over it,
//! the message line and footer, and the help. Drawing never changes state.

mod chrome;

use ratatui::layout::{Constraint, Layout};
use ratatui::Frame;

use super::app::App;
pub use super::theme::Theme;

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
    app.screen().draw(frame, body, &app.sh, theme);
    if let Some(w) = &app.window {
        w.draw(frame, body, theme);
    }
    chrome::footer(frame, footer, app, theme);
    if app.help {
        chrome::help(frame, frame.area(), app);
    }
}
