//! The board's screens, each one file that owns itself (`screen.rs` says what a screen is),
//! and their registry, generated from the one list of screens in `rooms.rs`.
//!
//! How to add a screen: write `screens/NAME.rs` with a struct implementing [`Screen`] (its
//! state, key table, `load`, `on_action`, `draw`), declare it below (`pub mod NAME;`, which
//! is also how `cargo fmt` finds the file), and add its line to the list in `rooms.rs`: that
//! makes its [`View`] variant (which other screens ask for) and its place in [`Screens`]. A
//! global key or a `:` command that shows it is one more line in `keymap::GLOBAL` or
//! `commands::COMMANDS`.

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

/// Declares [`Screens`] (every screen with its state) and its two lookups from the list of
/// screens (`rooms.rs`); the matches are exhaustive over [`View`], made from the same list.
macro_rules! registry {
    ($($(#[$doc:meta])* $view:ident => $field:ident: $ty:ty,)*) => {
        /// Every screen, with its state.
        #[derive(Default)]
        pub struct Screens {
            $($(#[$doc])* pub $field: $ty,)*
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

super::rooms::with_rooms!(registry);
