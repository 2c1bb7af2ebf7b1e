//! Unsaved editor text kept beside the database, so a dropped SSH session, a closed terminal
//! or a crash loses at most the last quarter-second of typing. A draft is a small JSON file
//! per author, request and question, in a folder only its owner can read; it is removed when
//! the text is saved or discarded, and offered again when the board next starts.
//!
//! Files, not database rows: a draft written on every pause in typing would otherwise wake
//! every colleague's board to reload.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One unsaved text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub author: String,
    pub campaign: String,
    pub request_id: i64,
    pub question: u32,
    /// The stored text when editing began, to catch a colleague's save in between.
    pub was: String,
    pub text: String,
    /// When it was last kept (UTC, RFC 3339).
    pub saved_at: String,
}

/// The drafts folder of a database.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
}

/// Letters, digits, '-' and '_' only: an author name (or an ODS code, in a letter's file
/// name) becomes part of a file name.
pub fn file_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl Drafts {
    /// The drafts beside the database at `db`.
    pub fn beside(db: &Path) -> Drafts {
        Drafts {
            dir: crate::files::private::beside_db(db, "drafts"),
        }
    }

    fn file(&self, author: &str, request_id: i64, question: u32) -> PathBuf {
        self.dir.join(format!(
            "{}-{request_id}-q{question}.json",
            file_part(author)
        ))
    }

    /// Keeps `d`, replacing the author's earlier draft of the same answer.
    pub fn save(&self, d: &Draft) -> std::io::Result<()> {
        let json = serde_json::to_vec(d).map_err(std::io::Error::other)?;
        crate::files::private::write(&self.file(&d.author, d.request_id, d.question), &json)
    }

    pub fn remove(&self, author: &str, request_id: i64, question: u32) {
        let _ = std::fs::remove_file(self.file(author, request_id, question));
    }

    /// The author's drafts, oldest first; unreadable files are passed over.
    pub fn of(&self, author: &str) -> Vec<Draft> {
        let prefix = format!("{}-", file_part(author));
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<Draft> = entries
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with(&prefix) && n.ends_with(".json")
            })
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<Draft>(&b).ok())
            .filter(|d| d.author == author)
            .collect();
        out.sort_by(|a, b| a.saved_at.cmp(&b.saved_at));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_kept_found_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::beside(&dir.path().join("g.db"));
        let d = Draft {
            author: "ann/../x".into(),
            campaign: "c".into(),
            request_id: 4,
            question: 2,
            was: String::new(),
            text: "half a sentence".into(),
            saved_at: "2026-11-23T10:00:00Z".into(),
        };
        drafts.save(&d).unwrap();
        assert_eq!(drafts.of("ann/../x"), vec![d.clone()]);
        assert!(drafts.of("bob").is_empty());
        drafts.remove("ann/../x", 4, 2);
        assert!(drafts.of("ann/../x").is_empty());
    }
}
