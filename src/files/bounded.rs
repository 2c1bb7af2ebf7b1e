//! Reading a file the user named, never more than a limit: the size a file reports is not
//! trusted (`/dev/zero` and `/proc` files say 0 and never end), so the read itself stops one
//! byte past the limit. Only regular files are read: a FIFO would block, a device never ends.

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}. Check the file name and that you may read it")]
    Open {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a regular file (a folder, a device or a pipe): name the file itself")]
    NotRegular { path: String },
    #[error("{path} is larger than any {what} foiboard reads ({limit}): is it the right file?")]
    TooLarge {
        path: String,
        what: String,
        limit: String,
    },
}

/// "4 MB", "512 KB": a limit as people say it.
fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Reads the regular file at `path`, refusing one larger than `limit` bytes; `what` names the
/// kind of file in the message ("campaign file", "mail file").
pub fn read(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    let shown = crate::text::line(&path.display().to_string());
    let open_err = |source| ReadError::Open {
        path: shown.clone(),
        source,
    };
    let too_large = || ReadError::TooLarge {
        path: shown.clone(),
        what: what.to_string(),
        limit: size_words(limit),
    };
    // Looked at before opening: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).map_err(open_err)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: shown.clone(),
        });
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(open_err)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(open_err)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_device_that_never_ends_is_refused_before_reading() {
        let err = read(Path::new("/dev/zero"), 1024, "campaign file").unwrap_err();
        assert!(matches!(err, ReadError::NotRegular { .. }), "{err}");
    }

    #[test]
    fn a_file_past_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'x'; 2048]).unwrap();
        assert!(matches!(
            read(&p, 1024, "answer text"),
            Err(ReadError::TooLarge { .. })
        ));
        assert_eq!(read(&p, 4096, "answer text").unwrap().len(), 2048);
    }
}
