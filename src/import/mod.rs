//! Formats in: each reads files into plain records (no SQL); the store matches and writes them.

pub mod attachment;
pub mod campaign_file;
pub mod html;
pub mod kind;
pub mod letter;
pub mod mail;
pub mod sheet;
pub mod split;
pub mod wdtk;
