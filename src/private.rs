//! Files and folders only their owner can read: the database, its attachments, drafts and
//! backups hold a group's work and sometimes personal data. One place, so every writer gets
//! the same modes (0700 folders, 0600 files on Unix).

use std::io::Write;
use std::path::Path;

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

/// Opens a file for writing, owner-only: a new one (`create_new`), or truncating one.
fn open(path: &Path, create_new: bool) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true);
    if create_new {
        o.create_new(true);
    } else {
        o.create(true).truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Creates an empty file that must not exist yet.
pub fn create_new(path: &Path) -> std::io::Result<()> {
    open(path, true).map(|_| ())
}

/// Writes `bytes` to `path` whole or not at all (a `.part` file beside it, synced, then
/// renamed), creating its folder; owner-only.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    let tmp = path.with_extension("part");
    {
        let mut f = open(&tmp, false)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}
