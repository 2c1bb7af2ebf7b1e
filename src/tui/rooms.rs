//! The list of the board's screens, written once: [`View`](super::effect::View) (which screen
//! shows) and the registry of screens with their state (`screens/mod.rs`) are both generated
//! from it, so registering a screen is its line here.

/// Calls `$then!` with every screen: its variant of `View` (with the doc it carries), its
/// field in the registry, and its type under `screens/`.
macro_rules! with_rooms {
    ($then:ident) => {
        $then! {
            /// The requests as cards in a column per stage.
            Board => board: board::Board,
            /// One row per request, sortable.
            Table => table: table::Table,
            /// One request: its dates, timeline, answers and mail.
            Detail => detail: detail::Detail,
            /// One answer open for triage.
            Answer => answer: answer::Answer,
            /// Every body's answers: bodies down, questions across.
            Matrix => matrix: matrix::Matrix,
            /// The tags, their counts per question and their findings.
            Codebook => codebook: codebook::Codebook,
            /// Search results across answers, notes and quotes.
            Search => search: search::Search,
            /// Charts of the campaign: statuses, outcomes per question, tags, responses per week.
            Stats => stats: stats::Stats,
            /// Imported mail: the unmatched first, then suggestions waiting for a decision.
            Inbox => inbox: inbox::Inbox,
        }
    };
}

pub(crate) use with_rooms;
