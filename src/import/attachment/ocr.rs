//! Pictures of pages read with Tesseract (Debian's `tesseract-ocr`), run as a program: what a
//! scanner made has no text until something reads the picture. Without Tesseract the note says
//! how to install it; with it, the note says the text was read by OCR, to be checked against
//! the original.

use std::io::Read;
use std::process::{Command, Stdio};

use super::Reading;

/// The program, as installed by `apt install tesseract-ocr`.
const TESSERACT: &str = "tesseract";

/// A picture attachment (a photographed or scanned letter).
pub fn image(bytes: &[u8]) -> Reading {
    pages(&[bytes.to_vec()], "a picture")
}

/// Each picture read in turn, its text one page after another.
pub fn pages(pictures: &[Vec<u8>], what: &str) -> Reading {
    let mut text = String::new();
    for (i, p) in pictures.iter().enumerate() {
        match read_one(p) {
            Ok(t) => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(t.trim());
            }
            Err(Missing) => {
                return Reading::note(format!(
                    "not read: {what} needs OCR, and Tesseract is not installed (sudo apt install tesseract-ocr; then `foiboard mail read` reads it)"
                ))
            }
            Err(Failed(why)) => {
                return Reading::note(format!("not read: OCR of page {} failed ({why})", i + 1))
            }
        }
    }
    let mut r = Reading::text(text);
    if r.note.is_empty() {
        r.note = format!("{what}, read by OCR (Tesseract): check quotes against the original");
    }
    r
}

enum OcrError {
    Missing,
    Failed(String),
}
use OcrError::{Failed, Missing};

/// One picture through `tesseract FILE stdout`, the picture in a private temporary file.
fn read_one(picture: &[u8]) -> Result<String, OcrError> {
    let dir = std::env::temp_dir().join(format!(
        "foiboard-ocr-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    crate::files::private::create_dir(&dir).map_err(|e| Failed(e.to_string()))?;
    let file = dir.join("page");
    let result = (|| {
        crate::files::private::write(&file, picture).map_err(|e| Failed(e.to_string()))?;
        let child = Command::new(TESSERACT)
            .arg(&file)
            .arg("stdout")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match child {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Missing),
            Err(e) => return Err(Failed(e.to_string())),
        };
        let mut out = Vec::new();
        if let Some(o) = child.stdout.take() {
            let _ = o.take((super::MAX_TEXT * 2) as u64).read_to_end(&mut out);
        }
        let status = child.wait().map_err(|e| Failed(e.to_string()))?;
        if !status.success() {
            return Err(Failed("Tesseract could not read the picture".into()));
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
