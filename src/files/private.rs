//! Files and folders only their owner can read: the database, its attachments, drafts,
//! backups and everything foiboard writes for the user hold a group's work and sometimes
//! personal data. One place, so every writer gets the same modes (0700 folders, 0600 files on
//! Unix) and the same care: a temporary file with a name no other process uses, created
//! exclusively (so a planted link is never followed), synced, then renamed into place.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Creates `dir` and any missing parents, owner-only.
#[cfg(unix)]
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates a new owner-only file that must not exist yet. `create_new` is `O_CREAT|O_EXCL`,
/// which refuses an existing name even when it is a link, so nothing is written through one.
fn open_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Creates an empty file that must not exist yet.
pub fn create_new(path: &Path) -> std::io::Result<()> {
    open_new(path).map(|_| ())
}

/// A folder kept beside the database: `<stem>-attachments`, `<stem>-drafts`.
pub fn beside_db(db: &Path, what: &str) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "foiboard".into());
    db.parent()
        .unwrap_or(Path::new("."))
        .join(format!("{stem}-{what}"))
}

/// A new, empty temporary file in the folder of `path`, with a name unique to this process
/// and call (two imports at once never share one).
pub fn temp_beside(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "foiboard".into());
    let mut last = None;
    for _ in 0..64 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = dir.join(format!(
            ".{name}.{}-{n}-{nanos:08x}.part",
            std::process::id()
        ));
        match open_new(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

/// Writes `bytes` to `path` whole or not at all (a temporary file beside it, synced, then
/// renamed), creating its folder; owner-only.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    write_no_mkdir(path, bytes)
}

/// As [`write`], into a folder that must exist (a file the user named: a mistyped folder is
/// an error, not a new folder).
pub fn write_no_mkdir(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (tmp, mut f) = temp_beside(path)?;
    let done = f
        .write_all(bytes)
        .and_then(|_| f.sync_all())
        .and_then(|_| std::fs::rename(&tmp, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// Where a saved attachment is, as a message's reader is told: "saved at PATH", or, when
/// the file is not on this machine (a colleague imported the mail on their own laptop and the
/// group shares a server), who has it.
pub fn where_kept(attachments_dir: &Path, relative: &str) -> String {
    let path = attachments_dir.join(relative);
    if path.is_file() {
        format!(
            "saved at {}",
            crate::text::line(&path.display().to_string())
        )
    } else {
        "not on this machine: it was imported on another laptop before the group's database kept attachments (ask whoever imported it for the file)"
            .to_string()
    }
}
