//! Replies whose letter is an attachment: PDF, Word, OpenDocument, RTF, HTML and spreadsheets
//! read into text at import, on the real binary; and hostile files (a zip bomb, a PDF stream
//! made to inflate past memory, a locked PDF, a damaged one, a scan with no OCR installed) read
//! within bounds or refused with the reason, the message imported all the same.

use std::io::Write;

use crate::common::Db;
use foiboard::import::attachment::{read, Kind};

/// A one-page PDF with Helvetica text, one line per entry, as a letter's PDF export is.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 10 Tf 14 TL 50 800 Td\n");
    for l in lines {
        let l = l
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        content.push_str(&format!("({l}) Tj T*\n"));
    }
    content.push_str("ET");
    pdf_with_stream(
        &format!("<< /Length {} >>", content.len()),
        content.as_bytes(),
        "",
    )
}

/// A PDF whose page content is `stream` under `dict`; `extra` goes in the trailer.
fn pdf_with_stream(dict: &str, stream: &[u8], extra: &str) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        [dict.as_bytes(), b"\nstream\n", stream, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {extra}>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A zip of `(name, bytes)` entries, deflated.
fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, bytes) in entries {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(if *name == "mimetype" {
                    zip::CompressionMethod::Stored
                } else {
                    zip::CompressionMethod::Deflated
                })
                .large_file(bytes.len() > u32::MAX as usize / 2);
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// A Word letter: paragraphs, then a table of questions and answers.
pub fn docx(paragraphs: &[&str], table: &[(&str, &str)]) -> Vec<u8> {
    let p = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
    let mut body: String = paragraphs.iter().map(|t| p(t)).collect();
    if !table.is_empty() {
        body.push_str("<w:tbl>");
        for (a, b) in table {
            body.push_str(&format!(
                "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                p(a),
                p(b)
            ));
        }
        body.push_str("</w:tbl>");
    }
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zipped(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
        ("word/document.xml", doc.as_bytes()),
    ])
}

fn odt(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|t| format!("<text:p>{t}</text:p>"))
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zipped(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
    ])
}

/// An Excel workbook of one sheet, its cells as inline strings.
fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            sheet.push_str(&format!(
                "<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>",
                r + 1
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    zipped(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"),
        ("_rels/.rels", b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ("xl/workbook.xml", b"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Contracts\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// An email as an NHS trust's FOI team sends it from Outlook: two lines of text and the
/// letter attached.
pub fn eml(subject: &str, name: &str, content_type: &str, attachment: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(attachment);
    let wrapped: Vec<&str> = b64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "From: \"FOI Team (GUY'S AND ST THOMAS' NHS FOUNDATION TRUST)\" <gstt.foi@nhs.net>\r\n\
         To: fdp.campaign@example.org\r\n\
         Subject: {subject}\r\n\
         Date: Mon, 16 Nov 2026 10:12:00 +0000\r\n\
         Message-ID: <{}@gstt.nhs.uk>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Dear Requester,\r\n\r\nPlease find attached our response to your request.\r\n\r\nKind regards,\r\nFOI Team\r\n\
         --b1\r\nContent-Type: {content_type}; name=\"{name}\"\r\n\
         Content-Disposition: attachment; filename=\"{name}\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
        subject.len() * 7 + attachment.len(),
        wrapped.join("\r\n")
    )
    .into_bytes()
}

/// The letter a trust sends for the seven questions, as its lines.
const LETTER: [&str; 16] = [
    "Freedom of Information Request FOI/26/1877",
    "1. Does the Trust use the Federated Data Platform?",
    "Yes. The Trust went live with the FDP in May 2024.",
    "2. Which products are in use?",
    "Theatre scheduling and care coordination.",
    "3. Board papers?",
    "The papers are published on our website.",
    "4. Risk assessments?",
    "A DPIA was completed in April 2024.",
    "5. Contract value?",
    "This information is exempt under section 43(2) of the Act.",
    "6. Public trust?",
    "The information is not held.",
    "7. Reputational risk?",
    "The information is not held.",
    "If you are dissatisfied you may ask for an internal review.",
];

#[test]
fn a_reply_with_its_letter_as_a_pdf_is_read_shown_and_split_without_leaving_foiboard() {
    let db = Db::new();
    db.ok(&["request", "add", "palantir-fdp/ods:RJ1"]);
    db.ok(&["event", "palantir-fdp/RJ1", "sent", "--on", "2026-10-01"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reply.eml");
    std::fs::write(
        &path,
        eml(
            "FOI/26/1877 response [palantir-fdp/RJ1]",
            "FOI 26-1877 response.pdf",
            "application/pdf",
            &pdf(&LETTER),
        ),
    )
    .unwrap();
    db.ok(&["import", "mail", path.to_str().unwrap()]);
    let list = db.json(&["mail", "list"]);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    // The letter's words are in `mail show`, under the attachment's name.
    let show = db.ok(&["mail", "show", &id]);
    assert!(
        show.contains("----- FOI 26-1877 response.pdf -----"),
        "{show}"
    );
    assert!(show.contains("exempt under section 43(2)"), "{show}");
    // What it proposes rests on the letter: a response, not the two-line email.
    assert_eq!(list[0]["proposed"], "responded", "{list}");
    // And it splits into the seven questions.
    let split = db.ok(&["mail", "split", &id]);
    assert_eq!(split.matches("--- Q").count(), 7, "{split}");
    assert!(split.contains("went live with the FDP"), "{split}");
}

#[test]
fn word_opendocument_rtf_html_and_spreadsheets_are_read_as_text() {
    let letter: Vec<&str> = LETTER.to_vec();
    let d = read(
        "response.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &docx(
            &letter[..3],
            &[("Q5", "Withheld under s.43"), ("Q6", "Not held")],
        ),
    );
    assert!(d.note.is_empty(), "{d:?}");
    assert!(
        d.text.contains("went live with the FDP in May 2024"),
        "{d:?}"
    );
    assert!(
        d.text.contains("Q5 | Withheld under s.43\nQ6 | Not held"),
        "{d:?}"
    );

    let o = read(
        "response.odt",
        "application/octet-stream",
        &odt(&letter[..4]),
    );
    assert_eq!(o.text.lines().count(), 4, "{o:?}");
    assert!(o.text.contains("Which products are in use?"), "{o:?}");

    let r = read(
        "response.rtf",
        "application/rtf",
        br"{\rtf1\ansi{\fonttbl{\f0 Calibri;}}\f0 1. Does the Trust use the FDP?\par Yes, since May 2024.\par}",
    );
    assert_eq!(
        r.text, "1. Does the Trust use the FDP?\nYes, since May 2024.",
        "{r:?}"
    );

    let h = read(
        "response.html",
        "text/html",
        b"<html><body><p>1. Does the Trust use the FDP?</p><table><tr><td>Q5</td><td>Exempt, s.43</td></tr></table></body></html>",
    );
    assert!(h.text.contains("1. Does the Trust use the FDP?"), "{h:?}");
    assert!(h.text.contains("Q5 Exempt, s.43"), "{h:?}");

    let x = read(
        "contracts.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &xlsx(&[&["Supplier", "Value"], &["Palantir", "£330m"]]),
    );
    assert!(x.note.is_empty(), "{x:?}");
    assert!(
        x.text
            .contains("[Contracts]\nSupplier | Value\nPalantir | £330m"),
        "{x:?}"
    );

    let c = read(
        "costs.csv",
        "text/csv",
        b"Item,Cost\r\nLicences,\"1,200\"\r\n",
    );
    assert_eq!(c.text, "Item | Cost\nLicences | 1,200", "{c:?}");

    let old = read(
        "response.doc",
        "application/msword",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    );
    assert!(old.note.contains("save it as .docx or PDF"), "{old:?}");
}

#[test]
fn a_zip_bomb_is_refused_at_its_bound_and_says_so() {
    // 80 MiB of zeros deflate to a few hundred KiB: a Word file that would fill memory.
    let zeros = vec![b' '; 80 << 20];
    let bomb = zipped(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1 << 20);
    assert_eq!(Kind::of("letter.docx", "", &bomb), Kind::Docx);
    let r = read("letter.docx", "", &bomb);
    assert!(r.text.is_empty());
    assert!(r.note.contains("inflates past"), "{r:?}");
}

#[test]
fn a_locked_a_damaged_and_an_oversized_pdf_are_refused_with_the_reason() {
    let locked = pdf_with_stream(
        "<< /Length 10 >>",
        b"BT (x) Tj ET",
        "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -44 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    );
    let r = read("locked.pdf", "application/pdf", &locked);
    assert!(r.text.is_empty(), "{r:?}");
    assert!(r.note.starts_with("not read:"), "{r:?}");

    let mut damaged = pdf(&LETTER);
    let cut = damaged.len() / 2;
    damaged.truncate(cut);
    damaged.extend_from_slice(b"\x00\xff garbage");
    let r = read("damaged.pdf", "application/pdf", &damaged);
    assert!(
        r.note.starts_with("not read:") || !r.text.is_empty(),
        "{r:?}"
    );

    let big = vec![b'%'; foiboard::import::attachment::MAX_BYTES + 1];
    let r = read("huge.pdf", "application/pdf", &big);
    assert!(r.note.contains("more than the"), "{r:?}");
}

#[test]
fn a_pdf_stream_made_to_inflate_past_memory_ends_the_reader_not_the_import() {
    // 2 GiB of zeros behind FlateDecode: the child reading it runs out of the memory it
    // allowed itself; the message is imported, its attachment kept, the note says why.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..2048 {
        z.write_all(&chunk).unwrap();
    }
    let stream = z.finish().unwrap();
    let bomb = pdf_with_stream(
        &format!("<< /Length {} /Filter /FlateDecode >>", stream.len()),
        &stream,
        "",
    );
    let db = Db::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.eml");
    std::fs::write(
        &path,
        eml("Your request", "response.pdf", "application/pdf", &bomb),
    )
    .unwrap();
    let out = db.ok(&["import", "mail", path.to_str().unwrap()]);
    assert!(out.contains("1 new"), "{out}");
    let m = &db.json(&["mail", "list"])[0];
    let show = db.json(&["mail", "show", &m["id"].to_string()]);
    let a = &show["attachments"][0];
    assert_eq!(a["text"], "", "{a}");
    assert!(
        a["text_note"].as_str().unwrap().starts_with("not read:"),
        "{a}"
    );
    assert!(a["size"].as_i64().unwrap() > 1000, "the file is kept");
}

#[test]
fn a_scan_without_tesseract_says_how_to_read_it_and_mail_read_reads_it_again() {
    // A scanned page: a JPEG image XObject and no text layer.
    let jpeg: Vec<u8> = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[0u8; 64], &[0xFF, 0xD9]].concat();
    let mut scan = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        "<< /Length 29 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream".to_string(),
    ];
    for (i, o) in objs.iter().enumerate() {
        offsets.push(scan.len());
        scan.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let mut bytes = scan.into_bytes();
    offsets.push(bytes.len());
    bytes.extend_from_slice(
        format!(
            "5 0 obj\n<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
            jpeg.len()
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(&jpeg);
    bytes.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = bytes.len();
    bytes.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        bytes.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    bytes.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );

    let db = Db::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.eml");
    std::fs::write(
        &path,
        eml("Your request", "scan.pdf", "application/pdf", &bytes),
    )
    .unwrap();
    // No Tesseract on this PATH: the note says how to install it.
    let out = db
        .cmd()
        .env("PATH", "/nonexistent")
        .args(["import", "mail", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = db.json(&["mail", "list"])[0]["id"].to_string();
    let show = db.ok(&["mail", "show", &id]);
    assert!(show.contains("Tesseract is not installed"), "{show}");
    assert!(show.contains("apt install tesseract-ocr"), "{show}");
    // `mail read` reads it again, as one undoable change (here the picture is no page, so the
    // note changes to what OCR made of it, or stays when nothing changed).
    let again = db.ok(&["mail", "read"]);
    assert!(again.contains("attachment(s) read anew"), "{again}");
}

#[test]
fn every_format_is_read_within_its_bounds() {
    // OpenDocument and Excel files are zips too: the same bound refuses their bombs.
    let zeros = vec![b' '; 80 << 20];
    let odt_bomb = zipped(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", &zeros),
    ]);
    let r = read("letter.odt", "", &odt_bomb);
    assert!(r.note.contains("inflates past"), "{r:?}");
    let mut sheet = b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".to_vec();
    sheet.extend(std::iter::repeat_n(b' ', 300 << 20));
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let xlsx_bomb = zipped(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &sheet),
    ]);
    let r = read("figures.xlsx", "", &xlsx_bomb);
    assert!(r.text.len() < 1 << 20, "{}", r.text.len());
    assert!(r.note.starts_with("not read:"), "{r:?}");
    // A damaged zip, damaged XML: said, not a crash.
    let r = read("letter.docx", "", b"PK\x03\x04 not a zip at all");
    assert!(r.note.starts_with("not read:"), "{r:?}");
    let r = read(
        "letter.docx",
        "",
        &zipped(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
    );
    assert!(
        r.note.is_empty() || r.note.starts_with("not read:"),
        "{r:?}"
    );
    // RTF nested ten thousand groups deep, and a megabyte of text: linear, bounded output.
    let mut rtf = b"{\\rtf1 ".to_vec();
    rtf.extend(std::iter::repeat_n(b'{', 10_000));
    rtf.extend(std::iter::repeat_n(b'x', 1 << 20));
    let r = read("letter.rtf", "application/rtf", &rtf);
    assert!(
        r.text.len() <= foiboard::import::attachment::MAX_TEXT,
        "{}",
        r.text.len()
    );
    // A huge HTML page and CSV: the text kept is cut at the bound and says so.
    let html = format!("<p>{}</p>", "word ".repeat(400_000));
    let r = read("reply.html", "text/html", html.as_bytes());
    assert!(r.text.len() <= foiboard::import::attachment::MAX_TEXT);
    assert!(r.note.contains("first"), "{}", r.note);
    let csv = "a,b,c\n".repeat(200_000);
    let r = read("big.csv", "text/csv", csv.as_bytes());
    assert!(r.text.len() <= foiboard::import::attachment::MAX_TEXT);
    // Text that is not UTF-8 is read as Windows-1252, as Windows programs in the UK save it.
    let r = read("note.txt", "text/plain", b"Caf\xe9 \x96 s.43");
    assert_eq!(r.text, "Café – s.43");
}

/// A reply's attached letter is found by search on the file and on a server: its words are
/// indexed with the message, and `mail read` keeps the index in step.
#[test]
fn search_finds_the_words_of_an_attached_letter_on_both_engines() {
    let mut dbs = vec![Db::new()];
    dbs.extend(Db::postgres());
    for db in dbs {
        db.ok(&["request", "add", "palantir-fdp/ods:RJ1"]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reply.eml");
        std::fs::write(
            &path,
            eml(
                "FOI/26/1877 response [palantir-fdp/RJ1]",
                "response.docx",
                "application/octet-stream",
                &docx(
                    &["The Trust went live with the Federated Data Platform in May 2024."],
                    &[],
                ),
            ),
        )
        .unwrap();
        db.ok(&["import", "mail", path.to_str().unwrap()]);
        let found = db.ok(&["search", "went live"]);
        assert!(found.contains("reply #"), "{found}");
        assert!(
            found.contains("[went] [live]") || found.contains("[went live]"),
            "{found}"
        );
        let one = db.ok(&["search", "Federated", "--campaign", "palantir-fdp"]);
        assert!(one.contains("reply #"), "{one}");
        // Undone, the message and its words go.
        db.ok(&["undo"]);
        let gone = db.ok(&["search", "went live"]);
        assert!(gone.contains("nothing found"), "{gone}");
    }
}

/// A grayscale PNG of `text` in a blocky 5x7 capital font, as a photographed or scanned page
/// would arrive (built here: no image library is needed for black letters on white).
fn png_of(text: &str) -> Vec<u8> {
    let font = |c: char| -> [&str; 7] {
        match c {
            'T' => [
                "11111", "00100", "00100", "00100", "00100", "00100", "00100",
            ],
            'H' => [
                "10001", "10001", "10001", "11111", "10001", "10001", "10001",
            ],
            'E' => [
                "11111", "10000", "10000", "11110", "10000", "10000", "11111",
            ],
            'I' => [
                "11111", "00100", "00100", "00100", "00100", "00100", "11111",
            ],
            'N' => [
                "10001", "11001", "10101", "10011", "10001", "10001", "10001",
            ],
            'F' => [
                "11111", "10000", "10000", "11110", "10000", "10000", "10000",
            ],
            'O' => [
                "01110", "10001", "10001", "10001", "10001", "10001", "01110",
            ],
            'R' => [
                "11110", "10001", "10001", "11110", "10100", "10010", "10001",
            ],
            'M' => [
                "10001", "11011", "10101", "10101", "10001", "10001", "10001",
            ],
            'A' => [
                "01110", "10001", "10001", "11111", "10001", "10001", "10001",
            ],
            'S' => [
                "01111", "10000", "10000", "01110", "00001", "00001", "11110",
            ],
            'L' => [
                "10000", "10000", "10000", "10000", "10000", "10000", "11111",
            ],
            'D' => [
                "11100", "10010", "10001", "10001", "10001", "10010", "11100",
            ],
            _ => ["00000"; 7],
        }
    };
    let (scale, margin) = (14usize, 30usize);
    let n = text.chars().count();
    let (w, h) = (margin * 2 + n * 6 * scale, margin * 2 + 7 * scale);
    let mut img = vec![vec![255u8; w]; h];
    for (i, c) in text.chars().enumerate() {
        for (y, row) in font(c).iter().enumerate() {
            for (x, bit) in row.chars().enumerate() {
                if bit == '1' {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            img[margin + y * scale + dy][margin + (i * 6 + x) * scale + dx] = 0;
                        }
                    }
                }
            }
        }
    }
    let raw: Vec<u8> = img
        .iter()
        .flat_map(|r| std::iter::once(0).chain(r.iter().copied()))
        .collect();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let crc = |bytes: &[u8]| -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in bytes {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    };
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let body = [kind, data].concat();
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(w as u32).to_be_bytes());
    ihdr.extend_from_slice(&(h as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_photographed_letter_is_read_by_tesseract_and_says_so() {
    let installed = std::process::Command::new("tesseract")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        eprintln!("skipped: Tesseract is not installed (sudo apt install tesseract-ocr)");
        return;
    }
    let png = png_of("THE INFORMATION IS NOT HELD");
    assert_eq!(Kind::of("scan.png", "image/png", &png), Kind::Image);
    let r = read("scan.png", "image/png", &png);
    assert!(r.note.contains("read by OCR (Tesseract)"), "{r:?}");
    // OCR of a drawn font is not exact everywhere; the words it is sure of are there.
    assert!(r.text.contains("THE"), "{r:?}");
    assert!(
        r.text.contains("INFORMATION") || r.text.contains("HELD"),
        "{r:?}"
    );
}
