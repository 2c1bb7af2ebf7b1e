//! What the store keeps of the group's mailbox: how far each folder has been read (its
//! UIDVALIDITY and the last UID imported), so the next fetch reads only what came after.

use super::db::{params, Optional};
use super::history::now;
use super::{Result, Store};

/// How far one folder of one mailbox has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderMark {
    /// The folder's UIDVALIDITY when it was read: a different one means its UIDs were
    /// numbered anew and the folder is read again from the start.
    pub uidvalidity: u32,
    /// The highest UID read (imported, seen before, or refused by name).
    pub last_uid: u32,
}

/// A folder's mark to store with a run of imported messages, in the same transaction: an
/// interrupted fetch keeps exactly what it marked.
#[derive(Debug, Clone)]
pub struct MarkFolder {
    pub account: String,
    pub folder: String,
    pub mark: FolderMark,
}

impl Store {
    /// How far `folder` of the mailbox `account` has been read, if ever.
    pub fn folder_mark(&self, account: &str, folder: &str) -> Result<Option<FolderMark>> {
        Ok(self
            .conn
            .query_row(
                "SELECT uidvalidity, last_uid FROM mail_folders WHERE account = ?1 AND folder = ?2",
                params![account, folder],
                |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)),
            )
            .optional()?
            .map(|(v, u)| FolderMark {
                uidvalidity: u32::try_from(v).unwrap_or(0),
                last_uid: u32::try_from(u).unwrap_or(0),
            }))
    }

    /// Records how far a folder has been read (when a run imported nothing).
    pub fn mark_folder(&mut self, mark: &MarkFolder) -> Result<()> {
        let tx = self.conn.begin(super::db::Begin::Write)?;
        write_mark(&tx, mark)?;
        Ok(tx.commit()?)
    }

    /// Forgets how far the mailbox `account` was read: the next fetch reads every folder from
    /// the start, importing only what is not here already. The marks are set back, not
    /// removed: on a group's server members may move them but never delete them.
    pub fn forget_folder_marks(&mut self, account: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE mail_folders SET last_uid = 0 WHERE account = ?1",
            [account],
        )?)
    }

    /// Which of these Message-IDs are stored already: asked a hundred at a time (a first
    /// fetch of thousands is tens of statements, not thousands of round trips), each run the
    /// same statement, its unused places filled with the run's first id.
    pub fn known_message_ids(&self, ids: &[&str]) -> Result<std::collections::HashSet<String>> {
        const AT_ONCE: usize = 100;
        let places: Vec<String> = (1..=AT_ONCE).map(|i| format!("?{i}")).collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT message_id FROM messages WHERE message_id IN ({})",
            places.join(", ")
        ))?;
        let mut known = std::collections::HashSet::new();
        for run in ids.chunks(AT_ONCE) {
            let values = (0..AT_ONCE).map(|i| run.get(i).unwrap_or(&run[0]).to_string());
            let rows =
                stmt.query_map(super::db::params_from_iter(values), |r| r.get::<String>(0))?;
            for id in rows {
                known.insert(id?);
            }
        }
        Ok(known)
    }
}

/// Stores a folder's mark inside a transaction already open.
pub(super) fn write_mark(tx: &super::db::Tx<'_>, mark: &MarkFolder) -> Result<()> {
    tx.execute(
        "INSERT INTO mail_folders (account, folder, uidvalidity, last_uid, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity,
             last_uid = excluded.last_uid, fetched_at = excluded.fetched_at",
        params![
            mark.account,
            mark.folder,
            i64::from(mark.mark.uidvalidity),
            i64::from(mark.mark.last_uid),
            now()
        ],
    )?;
    Ok(())
}
