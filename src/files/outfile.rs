//! Files the user names (`--out`, `backup`, the board's `w`): written so that a slip of the
//! keyboard never destroys anything. Refused: the database itself and its companions (`-wal`,
//! `-shm`, `-journal`, the attachments and drafts folders), anything that is not a regular
//! file (a link, a FIFO, a device, a folder), and an existing file unless the user said to
//! replace it. Written through a temporary file created exclusively beside the target (never
//! following a link), owner-only, synced and renamed, so a reader never sees half a file.

use std::path::{Path, PathBuf};

use crate::text;

/// Why a file was not written: one sentence saying what to do instead.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OutRefused(pub String);

/// The path as the user should see it in a message: sanitized, never raw.
pub fn shown(path: &Path) -> String {
    text::line(&path.display().to_string())
}

/// The database's own files and folders, which nothing foiboard writes for the user may touch.
fn companions(db: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let db = canonical(db);
    let mut files = vec![db.clone()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        files.push(PathBuf::from(s));
    }
    let dirs = vec![
        crate::files::private::beside_db(&db, "attachments"),
        crate::files::private::beside_db(&db, "drafts"),
    ];
    (files, dirs)
}

/// `path` with its folder resolved (links and `..` followed), the file name as given: what the
/// name would really refer to once written.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let parent = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// Checks that `path` may be written, given the database at `db`; `replace` is the user's
/// word (`--force`, a second Enter) that an existing regular file may be replaced.
pub fn check(path: &Path, db: &Path, replace: bool) -> Result<(), OutRefused> {
    let name = shown(path);
    let target = canonical(path);
    let (files, dirs) = companions(db);
    if files.contains(&target) || dirs.iter().any(|d| target.starts_with(d)) {
        return Err(OutRefused(format!(
            "{name} is the group's database or one of its own files: choose another name for what you are writing"
        )));
    }
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutRefused(format!(
            "cannot look at {name}: {e}. Choose another name"
        ))),
        Ok(m) if m.file_type().is_symlink() => Err(OutRefused(format!(
            "{name} is a link: foiboard does not write through links. Name the real file, or another name"
        ))),
        Ok(m) if !m.is_file() => Err(OutRefused(format!(
            "{name} is not a regular file (a folder, a device or a pipe): choose a file name"
        ))),
        Ok(_) if !replace => Err(OutRefused(format!(
            "{name} exists already: add --force to replace it, or choose another name"
        ))),
        Ok(_) => Ok(()),
    }
}

/// Writes `bytes` to `path` after [`check`]: whole or not at all, owner-only.
pub fn write(path: &Path, bytes: &[u8], db: &Path, replace: bool) -> anyhow::Result<()> {
    check(path, db, replace)?;
    crate::files::private::write_no_mkdir(path, bytes).map_err(|e| {
        OutRefused(format!(
            "cannot write {}: {e}. Check the folder exists and you may write there",
            shown(path)
        ))
    })?;
    Ok(())
}
