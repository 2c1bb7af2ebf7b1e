//! What a screen asks of the app: the screens it can ask for ([`View`]) and what it cannot do
//! itself ([`Effect`]): show another screen, open a prompt or a window, quit. Screens return
//! these instead of reaching into the app, so no screen depends on the app or on another
//! screen's state.

use super::prompt::Prompt;
use super::windows::Window;

/// Declares [`View`] from the list of screens (`rooms.rs`).
macro_rules! declare_view {
    ($($(#[$doc:meta])* $view:ident => $field:ident: $ty:path,)*) => {
        /// The screens.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum View {
            $($(#[$doc])* $view,)*
        }
    };
}

super::rooms::with_rooms!(declare_view);

/// What a screen's handling asks the app to do next.
#[derive(Debug)]
pub enum Effect {
    /// Not this screen's: the app's handling for every screen takes it.
    Pass,
    /// Handled; nothing more to do.
    Done,
    /// Show this screen (it reads what it shows).
    Enter(View),
    /// Back to the board or the table, whichever the user came from.
    Lists,
    /// A request's detail, with the cursor on this question.
    OpenRequest {
        request: i64,
        question: u32,
    },
    /// One answer for triage; Esc comes back to `from`. With `queue`, deciding the last
    /// waiting question of a request moves on to the next request with answers waiting.
    OpenAnswer {
        request: i64,
        question: u32,
        from: View,
        queue: bool,
    },
    /// Open the prompt, prefilled with this text.
    Ask(Prompt, String),
    /// Open a window over the screen; it takes every key until it closes.
    Open(Window),
    /// The help, scrolled to its list of `:` commands.
    HelpCommands,
    /// Fetch the group's mailbox in the background.
    FetchMail,
    Quit,
}
