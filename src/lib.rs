//! foiboard: a keyboard-driven board for UK Freedom of Information campaigns.
#![deny(clippy::unwrap_used)]

pub mod law;
