//! The board's screens, each in its own file: its key bindings (one table, or a few shared
//! ones, per screen; the global table is `keymap::GLOBAL`), what it loads from the store, the
//! actions it handles and how it draws. Help and the footer are made from exactly the bindings
//! a screen dispatches, so they cannot disagree.
//!
//! How to add a screen: write `screens/NAME.rs` with a unit struct implementing [`Screen`]
//! (its bindings, `load`, `on_action`, `draw`), add a variant to [`View`] and the struct to
//! [`SCREENS`]. Nothing else needs to know about it; a global key (or a `:` command) that
//! shows it is one more line in `keymap::GLOBAL`.

pub mod answer;
pub mod board;
pub mod codebook;
pub mod detail;
pub mod inbox;
pub mod matrix;
pub mod search;
pub mod stats;
pub mod table;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::action::Action;
use super::app::App;
use super::keymap::Binding;
use super::view::Theme;

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Table,
    Detail,
    Answer,
    Matrix,
    Codebook,
    Search,
    /// Charts of the campaign: statuses, outcomes per question, tags, responses per week.
    Stats,
    /// Imported mail: the unmatched first, then suggestions waiting for a decision.
    Inbox,
}

/// One screen of the board.
pub trait Screen: Sync {
    /// Which screen this is.
    fn view(&self) -> View;

    /// Its name, as the header and help say it.
    fn name(&self) -> &'static str;

    /// Its own key bindings, in the order help lists them; they win over a global binding
    /// with the same key.
    fn bindings(&self) -> &'static [&'static [Binding]];

    /// Reads what it shows from the store: when it opens, and on every reload while it shows.
    fn load(&self, _app: &mut App) -> anyhow::Result<()> {
        Ok(())
    }

    /// Handles an action while it shows; `false` leaves the action to the board's global
    /// handling.
    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool>;

    /// Draws it into `area` (the header, footer, prompts and help are drawn around it).
    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme);
}

/// How far a movement action moves a cursor: ↑/↓ one, PgUp/PgDn ten, g/G to an end.
pub fn movement(action: Action) -> Option<i64> {
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        Action::Top => i64::MIN / 2,
        Action::Bottom => i64::MAX / 2,
        _ => return None,
    })
}

/// What a campaign with no requests shows on the board and the table: how to create them.
pub fn no_requests_yet(frame: &mut Frame, area: Rect, app: &App) {
    use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
    let slug = app
        .current_campaign()
        .map_or("the campaign".to_string(), |c| crate::text::line(&c.slug));
    let text = format!(
        "No requests in {slug} yet.\n\n\
         Create one per body from here: press : and type\n\n\
         \x20 request nation:England        every NHS trust and ICB in England\n\
         \x20 request kind:icb              every ICB\n\
         \x20 request ods:RJ1,RGT           two bodies by their ODS codes\n\n\
         or from the command line: foiboard request add {slug}/nation:England\n\n\
         To look around first, make a database with a campaign under way:\n\
         \x20 foiboard --db demo.db init --demo   then   foiboard --db demo.db"
    );
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" getting started "),
        ),
        area,
    );
}

/// Every screen, once.
pub static SCREENS: [&dyn Screen; 9] = [
    &board::Board,
    &table::Table,
    &detail::Detail,
    &answer::Answer,
    &matrix::Matrix,
    &codebook::Codebook,
    &search::Search,
    &stats::Stats,
    &inbox::Inbox,
];

/// The screen that shows `view`.
pub fn screen(view: View) -> &'static dyn Screen {
    SCREENS
        .iter()
        .copied()
        .find(|s| s.view() == view)
        .unwrap_or(SCREENS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_one_screen() {
        for v in [
            View::Board,
            View::Table,
            View::Detail,
            View::Answer,
            View::Matrix,
            View::Codebook,
            View::Search,
            View::Stats,
            View::Inbox,
        ] {
            assert_eq!(SCREENS.iter().filter(|s| s.view() == v).count(), 1, "{v:?}");
            assert_eq!(screen(v).view(), v);
        }
    }
}
