//! `mail fetch`: the new messages of each folder read into the inbox, a run at a time, each
//! run stored in one transaction with the folder's mark, so an interruption (the server gone,
//! the laptop asleep, Ctrl-C) keeps what was stored and the next fetch starts after it.
//!
//! The folder is opened read-only (EXAMINE) and bodies are read with BODY.PEEK: nothing in the
//! mailbox is marked read, moved or deleted. Sizes and Message-IDs come first, without bodies,
//! so a message seen before is not downloaded again and one over the size limit is refused by
//! name without being loaded.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::store::{FolderMark, MailImported, MarkFolder, Store};

use super::connect::{self, Session};
use super::settings::Settings;
use super::{utf7, MailboxError, Result};

/// How a fetch runs.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Messages stored per transaction: less to read again after an interruption.
    pub batch: usize,
    /// Read every folder from the start (what is here already is still not imported twice).
    pub again: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            batch: 50,
            again: false,
        }
    }
}

/// Bytes of message bodies asked for at once, whatever the batch: a run of large letters is
/// split so memory stays bounded.
const RUN_BYTES: u64 = 64 * 1024 * 1024;

/// What a fetch reports as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// A folder was opened: `new` messages arrived since it was last read.
    Folder { folder: String, new: usize },
    /// `done` of the folder's `of` new messages are stored.
    Read {
        folder: String,
        done: usize,
        of: usize,
    },
}

/// What one folder gave.
#[derive(Debug, Clone, Default)]
pub struct FolderReport {
    pub folder: String,
    /// Messages that arrived since the last fetch.
    pub new: usize,
    pub imported: MailImported,
    /// Messages refused by name (too large, or not readable as mail), with why.
    pub refused: Vec<String>,
    /// The server numbered the folder anew (its UIDVALIDITY changed): it was read again from
    /// the start, nothing imported twice.
    pub renumbered: bool,
    /// Dates that could not be used as given, as `import mail` reports them.
    pub date_notes: Vec<String>,
    /// The changes that stored its messages, oldest first: what undo takes back.
    pub changes: Vec<i64>,
}

/// What a fetch gave, folder by folder.
#[derive(Debug, Clone, Default)]
pub struct FetchReport {
    pub folders: Vec<FolderReport>,
}

impl FetchReport {
    /// Messages stored by this fetch, all folders.
    pub fn imported(&self) -> usize {
        self.folders.iter().map(|f| f.imported.new).sum()
    }

    /// What a board says when the fetch is done.
    pub fn said(&self) -> String {
        let sum = |f: fn(&FolderReport) -> usize| self.folders.iter().map(f).sum::<usize>();
        let mut out = format!(
            "fetched {} new message(s): {} filed under requests, {} unmatched (I shows them); {} seen before",
            self.imported(),
            sum(|f| f.imported.matched),
            sum(|f| f.imported.unmatched),
            sum(|f| f.imported.known)
        );
        let refused: Vec<&String> = self.folders.iter().flat_map(|f| &f.refused).collect();
        if !refused.is_empty() {
            out.push_str(&format!(
                "; {} not imported: {}",
                refused.len(),
                refused
                    .iter()
                    .map(|r| crate::text::line(r))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        out
    }
}

/// One new message as the server describes it before its body is read.
struct Meta {
    uid: u32,
    size: u64,
    message_id: Option<String>,
    subject: String,
    from: String,
}

/// Fetches every configured folder into `store`. `stop` is looked at between runs.
pub fn fetch(
    store: &mut Store,
    s: &Settings,
    opts: &FetchOptions,
    progress: &mut dyn FnMut(Progress),
    stop: &AtomicBool,
) -> Result<FetchReport> {
    let secret = s.secret()?;
    let mut session = connect::open(s, &secret)?;
    let account = s.account();
    if opts.again {
        store.forget_folder_marks(&account)?;
    }
    let mut report = FetchReport::default();
    for folder in &s.folders {
        let r = fetch_folder(
            store,
            s,
            &mut session,
            &account,
            folder,
            opts,
            progress,
            stop,
        )
        .map_err(|e| match e {
            MailboxError::Connect(why) => MailboxError::Connect(format!(
                "{why}; what was fetched is kept, and the next fetch goes on from there"
            )),
            other => other,
        })?;
        report.folders.push(r);
    }
    let _ = session.logout();
    Ok(report)
}

/// How many messages arrived in each folder since it was last read, without reading them
/// (STATUS): what the board's header shows.
pub fn waiting(store: &Store, s: &Settings) -> Result<usize> {
    let secret = s.secret()?;
    let mut session = connect::open(s, &secret)?;
    let account = s.account();
    let mut total = 0;
    for folder in &s.folders {
        let status = session
            .status(utf7::encode(folder), "(UIDNEXT UIDVALIDITY MESSAGES)")
            .map_err(|e| folder_error(s, folder, e))?;
        let mark = store.folder_mark(&account, folder)?;
        let next = status.uid_next.unwrap_or(0);
        total += match mark {
            Some(m) if Some(m.uidvalidity) == status.uid_validity => {
                next.saturating_sub(m.last_uid + 1) as usize
            }
            _ => status.exists as usize,
        };
    }
    let _ = session.logout();
    Ok(total)
}

fn folder_error(s: &Settings, folder: &str, e: imap::Error) -> MailboxError {
    match e {
        imap::Error::No(_) | imap::Error::Bad(_) => MailboxError::Setup(format!(
            "the mailbox {} has no folder '{}' that can be read: check imap-folders (`foiboard mail folders` lists them)",
            crate::text::line(&s.user),
            crate::text::line(folder)
        )),
        other => connect::gone(s, &other),
    }
}

#[allow(clippy::too_many_arguments)]
fn fetch_folder(
    store: &mut Store,
    s: &Settings,
    session: &mut Session,
    account: &str,
    folder: &str,
    opts: &FetchOptions,
    progress: &mut dyn FnMut(Progress),
    stop: &AtomicBool,
) -> Result<FolderReport> {
    let shown = crate::text::line(folder);
    let mut rep = FolderReport {
        folder: folder.to_string(),
        ..FolderReport::default()
    };
    // Read-only: the server may not change a flag, whatever is asked later.
    let mailbox = session
        .examine(utf7::encode(folder))
        .map_err(|e| folder_error(s, folder, e))?;
    let validity = mailbox.uid_validity.ok_or_else(|| {
        MailboxError::Server(format!(
            "the folder '{shown}' has no UIDVALIDITY, so its messages cannot be told apart from one fetch to the next"
        ))
    })?;
    let before = store.folder_mark(account, folder)?;
    let from = match before {
        Some(m) if m.uidvalidity == validity => m.last_uid.saturating_add(1),
        Some(_) => {
            rep.renumbered = true;
            1
        }
        None => 1,
    };
    let mark = |last_uid: u32| MarkFolder {
        account: account.to_string(),
        folder: folder.to_string(),
        mark: FolderMark {
            uidvalidity: validity,
            last_uid,
        },
    };
    let metas = if mailbox.exists == 0 {
        Vec::new()
    } else {
        new_messages(s, session, from)?
    };
    rep.new = metas.len();
    progress(Progress::Folder {
        folder: folder.to_string(),
        new: metas.len(),
    });
    if metas.is_empty() {
        store.mark_folder(&mark(from.saturating_sub(1)))?;
        return Ok(rep);
    }
    let ids: Vec<&str> = metas
        .iter()
        .filter_map(|m| m.message_id.as_deref())
        .collect();
    let known = store.known_message_ids(&ids)?;
    let mut done = 0;
    for run in runs(&metas, opts.batch.max(1), s.max_size) {
        if stop.load(Ordering::Relaxed) {
            return Err(MailboxError::Stopped);
        }
        let mut wanted = Vec::new();
        for m in run {
            if m.message_id.as_ref().is_some_and(|id| known.contains(id)) {
                rep.imported.known += 1;
            } else if m.size > s.max_size {
                rep.refused.push(format!(
                    "{} ({} MB, over the {} MB limit): save it from your mail program and `foiboard import mail FILE`, or raise imap-max-size",
                    describe(m),
                    m.size.div_ceil(1024 * 1024),
                    s.max_size / (1024 * 1024)
                ));
            } else {
                wanted.push(m);
            }
        }
        let mut mails = Vec::new();
        if !wanted.is_empty() {
            let uids: Vec<u32> = wanted.iter().map(|m| m.uid).collect();
            let bodies = session
                .uid_fetch(uid_set(&uids), "(UID BODY.PEEK[])")
                .map_err(|e| connect::gone(s, &e))?;
            let mut got: HashSet<u32> = HashSet::new();
            for f in bodies.iter() {
                let (Some(uid), Some(raw)) = (f.uid, f.body()) else {
                    continue;
                };
                let Some(m) = wanted.iter().find(|m| m.uid == uid) else {
                    continue;
                };
                got.insert(uid);
                match crate::import::mail::parse(raw, &format!("imap:{shown} uid {uid}")) {
                    Ok(mut mail) => {
                        if let Some(n) = &mail.date_note {
                            rep.date_notes.push(format!("{}: {n}", describe(m)));
                        }
                        crate::import::mail::read_attachments(&mut mail);
                        mails.push(mail);
                    }
                    Err(why) => rep.refused.push(format!("{}: {why}", describe(m))),
                }
            }
            for m in wanted.iter().filter(|m| !got.contains(&m.uid)) {
                // Removed from the mailbox between the two questions: nothing to read.
                rep.refused.push(format!(
                    "{}: gone from the mailbox before it was read",
                    describe(m)
                ));
            }
        }
        let last = run.last().map_or(from, |m| m.uid);
        let imported = store.import_mail_marked(&mails, Some(&mark(last)))?;
        rep.changes.extend(store.last_change());
        add(&mut rep.imported, &imported);
        done += run.len();
        progress(Progress::Read {
            folder: folder.to_string(),
            done,
            of: metas.len(),
        });
    }
    Ok(rep)
}

/// The messages from UID `from` on: sizes, Message-IDs and who sent what, no bodies.
fn new_messages(s: &Settings, session: &mut Session, from: u32) -> Result<Vec<Meta>> {
    let fetched = session
        .uid_fetch(format!("{from}:*"), "(UID RFC822.SIZE ENVELOPE)")
        .map_err(|e| connect::gone(s, &e))?;
    let mut out: Vec<Meta> = fetched
        .iter()
        // "N:*" always names the last message, even when it is older than N.
        .filter_map(|f| {
            let uid = f.uid.filter(|u| *u >= from)?;
            let env = f.envelope();
            let text = |b: Option<&[u8]>| b.map(|b| String::from_utf8_lossy(b).into_owned());
            let message_id = env
                .and_then(|e| text(e.message_id.as_deref()))
                .map(|id| {
                    id.trim()
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                })
                .filter(|id| !id.is_empty());
            let subject = env
                .and_then(|e| text(e.subject.as_deref()))
                .map(|s| decode_header(&s))
                .unwrap_or_default();
            let from = env
                .and_then(|e| e.from.as_ref())
                .and_then(|a| a.first())
                .map(|a| {
                    format!(
                        "{}@{}",
                        text(a.mailbox.as_deref()).unwrap_or_default(),
                        text(a.host.as_deref()).unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            Some(Meta {
                uid,
                size: u64::from(f.size.unwrap_or(0)),
                message_id,
                subject,
                from,
            })
        })
        .collect();
    out.sort_by_key(|m| m.uid);
    out.dedup_by_key(|m| m.uid);
    Ok(out)
}

/// A subject as sent (`=?utf-8?q?...?=` words decoded).
fn decode_header(raw: &str) -> String {
    let msg = format!("Subject: {raw}\r\n\r\n");
    mail_parser::MessageParser::default()
        .parse_headers(msg.as_bytes())
        .and_then(|m| m.subject().map(str::to_string))
        .unwrap_or_else(|| raw.to_string())
}

/// A message named for the member: its subject and sender.
fn describe(m: &Meta) -> String {
    format!(
        "'{}' from {}",
        crate::text::line(if m.subject.is_empty() {
            "(no subject)"
        } else {
            &m.subject
        }),
        crate::text::line(&m.from)
    )
}

/// The new messages in runs of at most `batch` messages and (bodies to read) `RUN_BYTES`.
fn runs(metas: &[Meta], batch: usize, max_size: u64) -> Vec<&[Meta]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, m) in metas.iter().enumerate() {
        let read = if m.size <= max_size { m.size } else { 0 };
        if i > start && (i - start >= batch || bytes + read > RUN_BYTES) {
            out.push(&metas[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += read;
    }
    if start < metas.len() {
        out.push(&metas[start..]);
    }
    out
}

/// UIDs as IMAP writes a set: runs as `first:last`.
fn uid_set(uids: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < uids.len() {
        let mut j = i;
        while j + 1 < uids.len() && uids[j + 1] == uids[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            uids[i].to_string()
        } else {
            format!("{}:{}", uids[i], uids[j])
        });
        i = j + 1;
    }
    parts.join(",")
}

fn add(total: &mut MailImported, one: &MailImported) {
    total.new += one.new;
    total.known += one.known;
    total.matched += one.matched;
    total.unmatched += one.unmatched;
    total.attachments += one.attachments;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(uid: u32, size: u64) -> Meta {
        Meta {
            uid,
            size,
            message_id: None,
            subject: String::new(),
            from: String::new(),
        }
    }

    #[test]
    fn uid_sets_are_written_as_runs() {
        assert_eq!(uid_set(&[1, 2, 3, 5, 7, 8]), "1:3,5,7:8");
        assert_eq!(uid_set(&[42]), "42");
    }

    #[test]
    fn runs_are_bounded_by_count_and_bytes() {
        let metas: Vec<Meta> = (1..=7).map(|u| meta(u, 1)).collect();
        let sizes: Vec<usize> = runs(&metas, 3, 100).iter().map(|r| r.len()).collect();
        assert_eq!(sizes, vec![3, 3, 1]);
        let big: Vec<Meta> = (1..=3).map(|u| meta(u, 40 * 1024 * 1024)).collect();
        let sizes: Vec<usize> = runs(&big, 50, u64::MAX).iter().map(|r| r.len()).collect();
        assert_eq!(sizes, vec![1, 1, 1]);
        // A message refused for its size costs nothing to read.
        let sizes: Vec<usize> = runs(&big, 50, 1).iter().map(|r| r.len()).collect();
        assert_eq!(sizes, vec![3]);
    }
}
