//! Pieces the screens share: the one line editor every prompt uses.

pub mod line_editor;
