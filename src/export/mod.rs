//! Formats out: each behind one function that takes what the store read and writes bytes.

pub mod csv;
pub mod ics;
