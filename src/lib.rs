//! foiboard: a keyboard-driven board for UK Freedom of Information campaigns.
#![deny(clippy::unwrap_used)]

pub mod cli;
pub mod config;
pub mod dates;
pub mod export;
pub mod files;
pub mod import;
pub mod inbox;
pub mod law;
pub mod letters;
pub mod mailbox;
pub mod model;
pub mod report;
pub mod seed;
pub mod store;
pub mod text;
pub mod tui;
