//! Word (.docx) and OpenDocument (.odt) letters: zip files of XML. Every entry is read through
//! a bounded reader, so a zip bomb (a small file that inflates to gigabytes) is refused when
//! it passes the bound, whatever sizes its directory claims.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::Kind;

/// The most any one entry may inflate to.
const MAX_ENTRY: u64 = 64 << 20;
/// The most entries a document may have (a letter has a few dozen).
const MAX_ENTRIES: usize = 5_000;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<Archive<'_>, String> {
    let z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("a damaged zip ({e})"))?;
    if z.len() > MAX_ENTRIES {
        return Err(format!("{} entries is more than a document has", z.len()));
    }
    Ok(z)
}

/// One entry's bytes, refused past [`MAX_ENTRY`] once inflated.
pub fn entry(z: &mut Archive<'_>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let f = match z.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be read ({e})")),
    };
    let mut out = Vec::new();
    f.take(MAX_ENTRY + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name} cannot be inflated ({e})"))?;
    if out.len() as u64 > MAX_ENTRY {
        return Err(format!(
            "{name} inflates past {} MiB: a zip bomb, or no letter",
            MAX_ENTRY >> 20
        ));
    }
    Ok(Some(out))
}

/// Which document a zip is, from the entries it holds.
pub fn zip_kind(bytes: &[u8], ext: &str) -> Kind {
    let Ok(mut z) = open(bytes) else {
        return Kind::Other;
    };
    let has = |z: &Archive<'_>, n: &str| z.index_for_name(n).is_some();
    if has(&z, "word/document.xml") {
        return Kind::Docx;
    }
    if has(&z, "xl/workbook.xml") {
        return Kind::Workbook;
    }
    if has(&z, "content.xml") {
        let mime = entry(&mut z, "mimetype")
            .ok()
            .flatten()
            .map(|m| String::from_utf8_lossy(&m).to_string())
            .unwrap_or_default();
        if mime.contains("opendocument.spreadsheet") || ext == "ods" {
            return Kind::Workbook;
        }
        if mime.contains("opendocument.text") || ext == "odt" {
            return Kind::Odt;
        }
    }
    Kind::Other
}

/// The words of a Word document's body: paragraphs on lines, table rows on lines with their
/// cells between " | ".
pub fn docx(bytes: &[u8]) -> Result<String, String> {
    let mut z = open(bytes)?;
    let xml = entry(&mut z, "word/document.xml")?.ok_or("no word/document.xml: not a Word file")?;
    walk(
        &xml,
        &Names {
            paragraph: &[b"w:p"],
            text: Some(b"w:t"),
            tab: b"w:tab",
            breaks: &[b"w:br", b"w:cr"],
            space: None,
            cell: b"w:tc",
            row: b"w:tr",
        },
    )
}

/// The words of an OpenDocument text: as [`docx`].
pub fn odt(bytes: &[u8]) -> Result<String, String> {
    let mut z = open(bytes)?;
    let xml = entry(&mut z, "content.xml")?.ok_or("no content.xml: not an OpenDocument file")?;
    walk(
        &xml,
        &Names {
            paragraph: &[b"text:p", b"text:h"],
            text: None,
            tab: b"text:tab",
            breaks: &[b"text:line-break"],
            space: Some(b"text:s"),
            cell: b"table:table-cell",
            row: b"table:table-row",
        },
    )
}

/// What a format calls its parts.
struct Names {
    paragraph: &'static [&'static [u8]],
    /// The element text must be inside to count (Word's `w:t`); `None`: any text.
    text: Option<&'static [u8]>,
    tab: &'static [u8],
    breaks: &'static [&'static [u8]],
    /// OpenDocument's run of spaces (`text:s`, with `text:c` for how many).
    space: Option<&'static [u8]>,
    cell: &'static [u8],
    row: &'static [u8],
}

fn walk(xml: &[u8], n: &Names) -> Result<String, String> {
    let mut r = Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = n.text.is_none();
    let mut cells = 0usize;
    let mut buf = Vec::new();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| format!("its XML is damaged ({e})"))?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                if Some(name.as_ref()) == n.text {
                    in_text = true;
                } else if name.as_ref() == n.cell {
                    cells += 1;
                }
            }
            Event::Empty(e) => {
                let name = e.name();
                let name = name.as_ref();
                if name == n.tab {
                    out.push('\t');
                } else if n.breaks.contains(&name) {
                    out.push('\n');
                } else if Some(name) == n.space {
                    let count = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| String::from_utf8_lossy(&a.value).parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(100);
                    out.push_str(&" ".repeat(count));
                } else if n.paragraph.contains(&name) {
                    out.push(if cells > 0 { ' ' } else { '\n' });
                }
            }
            Event::Text(t) if in_text => {
                let t = t
                    .unescape()
                    .map_err(|e| format!("its XML is damaged ({e})"))?;
                out.push_str(&t);
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if Some(name) == n.text {
                    in_text = false;
                } else if n.paragraph.contains(&name) {
                    out.push(if cells > 0 { ' ' } else { '\n' });
                } else if name == n.cell {
                    cells = cells.saturating_sub(1);
                    out.push_str(" | ");
                } else if name == n.row {
                    let trimmed = out.trim_end_matches([' ', '|']).len();
                    out.truncate(trimmed);
                    out.push('\n');
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        if out.len() > super::MAX_TEXT * 2 {
            break;
        }
    }
    Ok(out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n"))
}
