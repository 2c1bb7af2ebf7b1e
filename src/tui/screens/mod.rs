//! The board's screens, each one file that owns itself (`screen.rs` says what a screen is),
//! and their registry: one field and one match arm per screen, which the compiler checks
//! against [`View`].
//!
//! How to add a screen: write `screens/NAME.rs` with a struct implementing [`Screen`] (its
//! state, key table, `load`, `on_action`, `draw`), add its variant to [`View`] (in
//! `effect.rs`, so other screens can ask for it), and register it below in one line of
//! `registry!`. Until that line is written the program does not compile. A global key or a `:` command that shows it is one more line in
//! `keymap::GLOBAL` or `commands::COMMANDS`.

pub mod answer;
pub mod board;
pub mod codebook;
pub mod detail;
pub mod inbox;
pub mod lists;
pub mod matrix;
pub mod search;
pub mod stats;
pub mod table;

use super::effect::View;
use super::screen::Screen;

/// Declares [`Screens`] (every screen with its state) and its two lookups from one list, so a
/// screen is registered in one line and a [`View`] without its line does not compile (the
/// matches are exhaustive).
macro_rules! registry {
    ($($view:ident => $field:ident: $ty:ty),* $(,)?) => {
        /// Every screen, with its state.
        #[derive(Default)]
        pub struct Screens {
            $(pub $field: $ty,)*
        }

        impl Screens {
            /// The screen that shows `view`.
            pub fn get_mut(&mut self, view: View) -> &mut dyn Screen {
                match view {
                    $(View::$view => &mut self.$field,)*
                }
            }

            /// The screen that shows `view`, to read or draw.
            pub fn get(&self, view: View) -> &dyn Screen {
                match view {
                    $(View::$view => &self.$field,)*
                }
            }
        }
    };
}

registry! {
    Board => board: board::Board,
    Table => table: table::Table,
    Detail => detail: detail::Detail,
    Answer => answer: answer::Answer,
    Matrix => matrix: matrix::Matrix,
    Codebook => codebook: codebook::Codebook,
    Search => search: search::Search,
    Stats => stats: stats::Stats,
    Inbox => inbox: inbox::Inbox,
}
