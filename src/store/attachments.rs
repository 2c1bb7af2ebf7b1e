//! Attachments: their records, the folder beside the database their files are kept in and,
//! on a group's server, their bytes in the database (named by their digest, which the server
//! checks), so a member on another laptop opens the letter a colleague fetched.

use std::path::PathBuf;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::db::{params, Backend, Optional};
use super::{Result, Store, StoreError};
use crate::model::records::hex;

/// The largest attachment file `share_attachment_bytes` reads into memory (as mail files are
/// bounded on import).
const MAX_ATTACHMENT: u64 = 512 * 1024 * 1024;

/// One stored attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// Relative to [`Store::attachments_dir`].
    pub path: String,
    /// Its text as read at import, empty when none.
    pub text: String,
    /// How the text was read, or why there is none.
    pub text_note: String,
}

impl Store {
    /// The folder beside the database where attachments are kept.
    pub fn attachments_dir(&self) -> PathBuf {
        crate::files::private::beside_db(self.path(), "attachments")
    }

    /// The attachment's file on this machine: kept beside the database, or, on a group's
    /// server, written there from the bytes a colleague's import stored (checked against
    /// their digest first). `None` when neither has it (an import from before the bytes
    /// were kept on the server, on another laptop).
    pub fn attachment_file(&self, a: &Attachment) -> Result<Option<PathBuf>> {
        if a.path.is_empty() {
            return Ok(None);
        }
        let path = self.attachments_dir().join(&a.path);
        if path.exists() {
            return Ok(Some(path));
        }
        if self.backend() != Backend::Postgres {
            return Ok(None);
        }
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT bytes FROM attachment_bytes WHERE sha256 = ?1",
                [&a.sha256],
                |r| r.get(0),
            )
            .optional()?;
        let Some(bytes) = bytes else { return Ok(None) };
        if hex(&Sha256::digest(&bytes)) != a.sha256 {
            return Err(StoreError::Invalid(format!(
                "the server's copy of the attachment {} does not match its digest: it was not written; ask the host to check the database",
                crate::text::line(&a.name)
            )));
        }
        crate::files::private::write(&path, &bytes).map_err(|e| {
            StoreError::Invalid(format!(
                "cannot save the attachment {} in {}: {e}",
                crate::text::line(&a.name),
                self.attachments_dir().display()
            ))
        })?;
        Ok(Some(path))
    }
}

impl Store {
    /// On a server, keeps the bytes of every attachment it lists but does not hold, read from
    /// the files in `dir` (a file database's attachments folder, after `copy`): a colleague's
    /// laptop opens them then. A file whose bytes do not match its digest is left out. Returns
    /// how many were added.
    pub fn share_attachment_bytes(&mut self, dir: &std::path::Path) -> Result<usize> {
        if self.backend() != Backend::Postgres {
            return Ok(0);
        }
        let missing: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT DISTINCT a.sha256, a.path FROM attachments a
                 WHERE a.path <> '' AND NOT EXISTS
                     (SELECT 1 FROM attachment_bytes b WHERE b.sha256 = a.sha256)",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<super::db::Result<_>>()?
        };
        let mut added = 0;
        for (digest, rel) in missing {
            let Ok(bytes) =
                crate::files::bounded::read(&dir.join(&rel), MAX_ATTACHMENT, "attachment")
            else {
                continue;
            };
            if hex(&Sha256::digest(&bytes)) != digest {
                continue;
            }
            let tx = self.conn.begin(super::db::Begin::Write)?;
            keep_bytes(&tx, &digest, &bytes)?;
            tx.commit()?;
            added += 1;
        }
        Ok(added)
    }

    /// On a server, writes every attachment the database holds into this machine's
    /// attachments folder (before `copy` takes a server's database into a file, whose
    /// attachments live in files). Returns how many were written.
    pub fn fetch_attachment_files(&self) -> Result<usize> {
        if self.backend() != Backend::Postgres {
            return Ok(0);
        }
        let all: Vec<Attachment> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, name, content_type, size, sha256, path FROM attachments WHERE path <> ''",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Attachment {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    content_type: r.get(2)?,
                    size: r.get(3)?,
                    sha256: r.get(4)?,
                    path: r.get(5)?,
                    text: String::new(),
                    text_note: String::new(),
                })
            })?;
            rows.collect::<super::db::Result<_>>()?
        };
        let mut written = 0;
        for a in &all {
            if !self.attachments_dir().join(&a.path).exists() && self.attachment_file(a)?.is_some()
            {
                written += 1;
            }
        }
        Ok(written)
    }
}

/// Keeps an attachment's bytes in a server's database (nothing on a file, which keeps them
/// in its data folder): stored once per digest, never replaced.
pub(super) fn keep_bytes(tx: &super::db::Tx<'_>, sha256: &str, bytes: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO attachment_bytes (sha256, bytes) VALUES (?1, ?2) ON CONFLICT (sha256) DO NOTHING",
        params![sha256, bytes.to_vec()],
    )?;
    Ok(())
}
