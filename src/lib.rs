//! foiboard: a keyboard-driven board for UK Freedom of Information campaigns.
#![deny(clippy::unwrap_used)]

pub mod archive;
pub mod bounded;
pub mod campaign_file;
pub mod cli;
pub mod config;
pub mod dates;
pub mod demo;
pub mod drafts;
pub mod export;
pub mod import;
pub mod law;
pub mod letters;
pub mod mailout;
pub mod model;
pub mod outbox;
pub mod outfile;
pub mod private;
pub mod report;
mod rng;
pub mod seed;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod tui;
