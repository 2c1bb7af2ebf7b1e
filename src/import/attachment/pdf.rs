//! A PDF's text: its text layer, read with `pdf-extract`; a page with no text layer is a scan,
//! and its pictures (JPEG, as scanners write them) go to Tesseract.

use super::{ocr, Reading};

/// Fewer letters than this on a page and it is taken for a scan (a page of a letter has
/// hundreds; a scan's text layer is empty or a stray page number).
const LETTERS_PER_PAGE: usize = 40;

pub fn read(bytes: &[u8]) -> Reading {
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            return Reading::note(format!(
                "not read: the PDF cannot be opened ({e}); open the file itself"
            ))
        }
    };
    let pages = doc.get_pages().len().max(1);
    // pdf-extract opens an encrypted file with the empty password, as readers do; one locked
    // with a real password cannot be read.
    let text = match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes)) {
        Ok(Ok(t)) => t,
        Ok(Err(_)) | Err(_) if doc.is_encrypted() => return Reading::note(
            "not read: the PDF is locked with a password; ask the authority for a copy without one",
        ),
        Ok(Err(e)) => {
            return Reading::note(format!(
                "not read: the PDF's text cannot be read ({e}); open the file itself"
            ))
        }
        Err(_) => return Reading::note(
            "not read: the PDF is damaged in a way its reader cannot follow; open the file itself",
        ),
    };
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= LETTERS_PER_PAGE * pages / 2 {
        return Reading::text(tidy(&text));
    }
    // A scan: its pages' pictures, read by Tesseract.
    let mut jpegs = Vec::new();
    for (_, page) in doc.get_pages() {
        if let Ok(images) = doc.get_page_images(page) {
            for im in images {
                let jpeg = im
                    .filters
                    .as_ref()
                    .is_some_and(|f| f.iter().any(|f| f == "DCTDecode"));
                if jpeg {
                    jpegs.push(im.content.to_vec());
                }
            }
        }
    }
    if jpegs.is_empty() {
        return Reading::note(
            "not read: the PDF has no text layer and no scanned pages foiboard can pass to OCR; open the file itself",
        );
    }
    ocr::pages(&jpegs, "a scanned PDF")
}

/// pdf-extract's text with its runs of blank lines closed up and trailing spaces gone.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}
