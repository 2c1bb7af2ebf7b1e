//! The text of an attachment: a PDF's text layer (or its scanned pages through Tesseract), a
//! Word or OpenDocument letter, RTF, HTML, a spreadsheet as a text table, plain text. Most
//! replies are a two-line email with the letter attached: this is how foiboard reads the letter.
//!
//! Attachments are hostile input: a PDF can hold a stream that inflates to gigabytes, a DOCX
//! is a zip that can be a zip bomb, a malformed file can send a parser round in circles. The
//! formats that need a parser of someone else's are read in a child process of foiboard itself
//! (`foiboard __read-attachment`) that limits its own memory and processor time, and is killed
//! when it overruns its time; whatever happens, the message is imported and the note says why
//! its attachment has no text.

mod ocr;
mod office;
mod pdf;
mod rtf;
mod sheets;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The largest attachment read; a larger one is kept as a file and not read.
pub const MAX_BYTES: usize = 32 << 20;
/// The most text kept of one attachment (a letter is a few pages; a 10,000-row spreadsheet is
/// not one to read on a board).
pub const MAX_TEXT: usize = 512 << 10;
/// How long one attachment may take to read, OCR included.
const TIME: Duration = Duration::from_secs(60);
/// The memory the reading child may map.
const MEMORY: u64 = 1 << 30;
/// The argument that runs foiboard as an attachment reader.
pub const CHILD_ARG: &str = "__read-attachment";

/// What reading an attachment gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The text, as plain lines (tables as cells separated by " | ").
    pub text: String,
    /// How it was read or why it was not, for a person: empty when the text is simply there.
    pub note: String,
}

impl Reading {
    fn text(text: String) -> Reading {
        let mut text = text.trim().to_string();
        let note = if text.len() > MAX_TEXT {
            let mut cut = MAX_TEXT;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            format!("only the first {} KiB of its text are kept", MAX_TEXT >> 10)
        } else {
            String::new()
        };
        Reading { text, note }
    }

    fn note(note: impl Into<String>) -> Reading {
        Reading {
            text: String::new(),
            note: note.into(),
        }
    }
}

/// What an attachment is, from its first bytes, then its name and declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    /// Word 2007 and later.
    Docx,
    /// OpenDocument text.
    Odt,
    /// Excel 2007 and later, or OpenDocument spreadsheet.
    Workbook,
    Rtf,
    Html,
    Csv,
    Text,
    /// A photograph or scan of a page.
    Image,
    /// A format foiboard does not read (old Word .doc, a zip of several files, ...).
    Other,
}

impl Kind {
    pub fn of(name: &str, content_type: &str, bytes: &[u8]) -> Kind {
        let name = name.to_ascii_lowercase();
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        let ct = content_type.to_ascii_lowercase();
        if bytes.starts_with(b"%PDF") || (bytes.len() < 1024 && find(bytes, b"%PDF").is_some()) {
            return Kind::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return office::zip_kind(bytes, ext);
        }
        if bytes.starts_with(b"{\\rtf") {
            return Kind::Rtf;
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF])
            || bytes.starts_with(b"\x89PNG")
            || bytes.starts_with(b"II*\0")
            || bytes.starts_with(b"MM\0*")
        {
            return Kind::Image;
        }
        if ct.contains("html") || matches!(ext, "html" | "htm") {
            return Kind::Html;
        }
        if ct.contains("csv") || ext == "csv" {
            return Kind::Csv;
        }
        if ct.starts_with("text/") || ext == "txt" {
            return Kind::Text;
        }
        Kind::Other
    }

    /// Whether reading it runs a parser that hostile bytes could make run away.
    fn needs_a_cage(self) -> bool {
        match self {
            Kind::Pdf | Kind::Docx | Kind::Odt | Kind::Workbook | Kind::Image => true,
            Kind::Rtf | Kind::Html | Kind::Csv | Kind::Text | Kind::Other => false,
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads the text of one attachment, within bounded time and memory. Never fails: what cannot
/// be read says why in the note.
pub fn read(name: &str, content_type: &str, bytes: &[u8]) -> Reading {
    if bytes.len() > MAX_BYTES {
        return Reading::note(format!(
            "not read: {} MiB is more than the {} MiB foiboard reads; open the file itself",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        ));
    }
    let kind = Kind::of(name, content_type, bytes);
    if kind == Kind::Other {
        return Reading::note(other_note(name));
    }
    if kind.needs_a_cage() {
        return match reader_exe() {
            Some(exe) => read_in_child(&exe, kind, bytes),
            None => read_on_a_thread(kind, bytes),
        };
    }
    reading(kind, bytes)
}

/// Where no foiboard program can be run as the reader (a library used from another program):
/// read on a thread of this process, given up after [`TIME`]. Bounded in time only; the
/// child process is what bounds memory too.
fn read_on_a_thread(kind: Kind, bytes: &[u8]) -> Reading {
    let (tx, rx) = std::sync::mpsc::channel();
    let bytes = bytes.to_vec();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(|| reading(kind, &bytes)));
    });
    match rx.recv_timeout(TIME) {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => Reading::note(
            "not read: the file is damaged in a way its reader cannot follow; open the file itself",
        ),
        Err(_) => Reading::note(format!(
            "not read: reading it took longer than {} s (a damaged or deliberately slow file?); open the file itself",
            TIME.as_secs()
        )),
    }
}

fn other_note(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".doc") {
        "not read: an old Word (.doc) file; save it as .docx or PDF to have it read".into()
    } else if lower.ends_with(".xls") {
        "not read: an old Excel (.xls) file; save it as .xlsx to have it read".into()
    } else {
        "not read: not a format foiboard reads (PDF, Word, OpenDocument, RTF, HTML, spreadsheets, text, scans)".into()
    }
}

/// Reads `bytes` as `kind` here, in this process.
fn reading(kind: Kind, bytes: &[u8]) -> Reading {
    let got = match kind {
        Kind::Pdf => return pdf::read(bytes),
        Kind::Image => return ocr::image(bytes),
        Kind::Docx => office::docx(bytes),
        Kind::Odt => office::odt(bytes),
        Kind::Workbook => sheets::workbook(bytes),
        Kind::Rtf => Ok(rtf::text(bytes)),
        Kind::Html => Ok(super::html::lines(&String::from_utf8_lossy(bytes))),
        Kind::Csv => sheets::csv(bytes),
        Kind::Text => Ok(decode(bytes)),
        Kind::Other => Err("not a format foiboard reads".into()),
    };
    match got {
        Ok(t) => Reading::text(t),
        Err(why) => Reading::note(format!("not read: {why}")),
    }
}

/// Text in UTF-8, or Windows-1252 when it is not (what Windows programs in the UK save).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The foiboard program that reads attachments in a child process: this program when it is
/// foiboard, else the foiboard built beside it (tests and benches run from `target/*/deps`).
fn reader_exe() -> Option<std::path::PathBuf> {
    let me = std::env::current_exe().ok()?;
    let named = |p: &std::path::Path| {
        p.file_stem()
            .is_some_and(|s| s.to_string_lossy() == "foiboard")
    };
    if named(&me) {
        return Some(me);
    }
    let dir = me.parent()?;
    [dir.join("foiboard"), dir.parent()?.join("foiboard")]
        .into_iter()
        .find(|p| p.is_file())
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Pdf => "pdf",
        Kind::Docx => "docx",
        Kind::Odt => "odt",
        Kind::Workbook => "workbook",
        Kind::Rtf => "rtf",
        Kind::Html => "html",
        Kind::Csv => "csv",
        Kind::Text => "text",
        Kind::Image => "image",
        Kind::Other => "other",
    }
}

fn kind_from_word(w: &str) -> Kind {
    match w {
        "pdf" => Kind::Pdf,
        "docx" => Kind::Docx,
        "odt" => Kind::Odt,
        "workbook" => Kind::Workbook,
        "rtf" => Kind::Rtf,
        "html" => Kind::Html,
        "csv" => Kind::Csv,
        "text" => Kind::Text,
        "image" => Kind::Image,
        _ => Kind::Other,
    }
}

/// Reads in a child: the bytes on its standard input, the text on its standard output, the
/// note on its standard error. Killed when it takes longer than [`TIME`].
fn read_in_child(exe: &std::path::Path, kind: Kind, bytes: &[u8]) -> Reading {
    let child = Command::new(exe)
        .arg(CHILD_ARG)
        .arg(kind_word(kind))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(_) => return read_on_a_thread(kind, bytes),
    };
    // Fed and drained on threads of their own, so neither side waits on a full pipe.
    let feed = child.stdin.take().map(|mut stdin| {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>, cap: usize| {
        pipe.map(move |p| {
            std::thread::spawn(move || {
                let mut out = Vec::new();
                let _ = p.take(cap as u64).read_to_end(&mut out);
                out
            })
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        MAX_TEXT * 2,
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        4096,
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > TIME => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    if let Some(f) = feed {
        let _ = f.join();
    }
    let out = out.and_then(|t| t.join().ok()).unwrap_or_default();
    let err = err.and_then(|t| t.join().ok()).unwrap_or_default();
    let note = String::from_utf8_lossy(&err).trim().to_string();
    match status {
        None => Reading::note(format!(
            "not read: reading it took longer than {} s (a damaged or deliberately slow file?); open the file itself",
            TIME.as_secs()
        )),
        Some(s) if s.success() => Reading {
            text: String::from_utf8_lossy(&out).into_owned(),
            note,
        },
        // Ended by a limit (an allocation refused, the processor time spent) or a crash: what
        // it printed then is the runtime's, not a note for people.
        Some(_) => Reading::note(
            "not read: reading it needed more memory or time than foiboard allows (a damaged file, or one made to expand?); open the file itself",
        ),
    }
}

/// The child's side: `foiboard __read-attachment KIND`, the bytes on standard input. It limits
/// its own memory and processor time first, so a file made to expand or to loop ends it, not
/// the machine. Returns the exit code.
pub fn child_main(kind: &str) -> i32 {
    limit_self();
    let mut bytes = Vec::new();
    if std::io::stdin()
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return 2;
    }
    let r = reading(kind_from_word(kind), &bytes);
    let _ = std::io::stdout().write_all(r.text.as_bytes());
    let _ = std::io::stderr().write_all(r.note.as_bytes());
    0
}

#[cfg(unix)]
fn limit_self() {
    let limit = |what, value: u64| {
        let l = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and changes only this process's
        // limits; a failure leaves them as they were, and the parent's timeout still holds.
        unsafe { libc::setrlimit(what, &l) };
    };
    limit(libc::RLIMIT_AS, MEMORY);
    limit(libc::RLIMIT_CPU, TIME.as_secs());
}

#[cfg(not(unix))]
fn limit_self() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_bytes_before_the_name() {
        assert_eq!(
            Kind::of("letter.txt", "text/plain", b"%PDF-1.4\n"),
            Kind::Pdf
        );
        assert_eq!(Kind::of("x.rtf", "", b"{\\rtf1\\ansi hi}"), Kind::Rtf);
        assert_eq!(
            Kind::of("scan.bin", "", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Kind::Image
        );
        assert_eq!(Kind::of("a.htm", "", b"<p>hi</p>"), Kind::Html);
        assert_eq!(
            Kind::of("a.csv", "application/octet-stream", b"a,b"),
            Kind::Csv
        );
        assert_eq!(
            Kind::of("old.doc", "application/msword", b"\xD0\xCF\x11\xE0"),
            Kind::Other
        );
    }

    #[test]
    fn text_past_the_limit_is_cut_at_a_character_and_said() {
        let r = Reading::text("é".repeat(MAX_TEXT));
        assert!(r.text.len() <= MAX_TEXT);
        assert!(r.note.contains("first"));
    }
}
