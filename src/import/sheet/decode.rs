//! Turning a saved spreadsheet's bytes into text: UTF-8 (with or without Excel's byte-order
//! mark), UTF-16 and UTF-32 with their byte-order marks (Excel's "Unicode Text"; some tools'
//! "UTF-32"), and Windows-1252 (Excel's plain "CSV" on Windows in the UK). Anything else gets
//! a sentence naming what the bytes look like and saying how to save the file as UTF-8.

/// An encoding a sheet may be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf32Le => "UTF-32LE",
            Encoding::Utf32Be => "UTF-32BE",
        }
    }

    /// `--encoding` as a user writes it.
    pub fn named(s: &str) -> Option<Encoding> {
        Some(
            match s
                .trim()
                .to_ascii_lowercase()
                .replace(['-', '_'], "")
                .as_str()
            {
                "utf8" => Encoding::Utf8,
                "windows1252" | "cp1252" | "latin1" | "iso88591" | "ansi" => Encoding::Windows1252,
                "utf16" | "utf16le" | "unicode" => Encoding::Utf16Le,
                "utf16be" => Encoding::Utf16Be,
                "utf32" | "utf32le" => Encoding::Utf32Le,
                "utf32be" => Encoding::Utf32Be,
                _ => return None,
            },
        )
    }
}

/// What to tell someone whose file cannot be read.
const SAVE_AS_UTF8: &str = "save it as UTF-8 CSV (Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\"; Google Sheets: File > Download > Comma-separated values), or say how it is written with --encoding windows-1252 or --encoding utf-16";

/// The text of `bytes`, and the encoding it was read in: `given`, else what the bytes say.
pub fn decode(bytes: &[u8], given: Option<Encoding>) -> Result<(String, Encoding), String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(format!(
            "it is an Excel workbook (.xlsx), not a CSV file: {SAVE_AS_UTF8}"
        ));
    }
    let enc = match given {
        Some(e) => e,
        // UTF-32's marks first: UTF-32LE's begins as UTF-16LE's does.
        None if bytes.starts_with(b"\xFF\xFE\x00\x00") => Encoding::Utf32Le,
        None if bytes.starts_with(b"\x00\x00\xFE\xFF") => Encoding::Utf32Be,
        None if bytes.starts_with(b"\xFF\xFE") => Encoding::Utf16Le,
        None if bytes.starts_with(b"\xFE\xFF") => Encoding::Utf16Be,
        None if bytes.contains(&0) => {
            // Without a mark: three zero bytes in four is UTF-32, one in two UTF-16.
            let zeros = bytes.iter().filter(|b| **b == 0).count() * 4 / bytes.len().max(1);
            let looks = if zeros >= 3 { "UTF-32" } else { "UTF-16" };
            return Err(format!(
                "it is not text foiboard can read as it is: it holds zero bytes, as {looks} without its byte-order mark does; say so with --encoding {} or {SAVE_AS_UTF8}",
                looks.to_lowercase()
            ));
        }
        None if std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
        None => Encoding::Windows1252,
    };
    if let Encoding::Utf32Le | Encoding::Utf32Be = enc {
        return utf32(bytes, enc).map(|t| (t, enc));
    }
    let coder = match enc {
        // Read above; UTF-8 stands in so the match names every encoding.
        Encoding::Utf32Le | Encoding::Utf32Be => encoding_rs::UTF_8,
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
    };
    // The byte-order mark, if any, is taken off by the decoder.
    let (text, _, malformed) = coder.decode(bytes);
    if malformed {
        return Err(format!(
            "it is not valid {} text: {SAVE_AS_UTF8}",
            enc.name()
        ));
    }
    Ok((text.trim_start_matches('\u{FEFF}').to_string(), enc))
}

/// UTF-32 text (which the decoding library leaves out, as browsers do): four bytes a
/// character.
fn utf32(bytes: &[u8], enc: Encoding) -> Result<String, String> {
    let bad = || format!("it is not valid {} text: {SAVE_AS_UTF8}", enc.name());
    if !bytes.len().is_multiple_of(4) {
        return Err(bad());
    }
    let mut text = String::with_capacity(bytes.len() / 4);
    for w in bytes.chunks_exact(4) {
        let word = [w[0], w[1], w[2], w[3]];
        let n = match enc {
            Encoding::Utf32Be => u32::from_be_bytes(word),
            _ => u32::from_le_bytes(word),
        };
        text.push(char::from_u32(n).ok_or_else(bad)?);
    }
    Ok(text.trim_start_matches('\u{FEFF}').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_and_google_encodings() {
        let (t, e) = decode(b"\xEF\xBB\xBFTrust,Sent\n", None).unwrap();
        assert_eq!((t.as_str(), e), ("Trust,Sent\n", Encoding::Utf8));
        let (t, e) = decode(b"Guy\x92s,01/10/2026\n", None).unwrap();
        assert_eq!(
            (t.as_str(), e),
            ("Guy\u{2019}s,01/10/2026\n", Encoding::Windows1252)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Trust\tSent\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let (t, e) = decode(&utf16, None).unwrap();
        assert_eq!((t.as_str(), e), ("Trust\tSent\n", Encoding::Utf16Le));
        let no_bom: Vec<u8> = "Trust"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(decode(&no_bom, None).unwrap_err().contains("CSV UTF-8"));
        // UTF-32, with its mark either way round, is read; without one it is named.
        for (mark, be) in [
            (vec![0xFF, 0xFE, 0, 0], false),
            (vec![0, 0, 0xFE, 0xFF], true),
        ] {
            let bytes: Vec<u8> = mark
                .into_iter()
                .chain(
                    "Trust,Sent\nGuy\u{2019}s,01/10/2026\n"
                        .chars()
                        .flat_map(|c| {
                            if be {
                                (c as u32).to_be_bytes()
                            } else {
                                (c as u32).to_le_bytes()
                            }
                        }),
                )
                .collect();
            let (t, _) = decode(&bytes, None).unwrap();
            assert_eq!(t, "Trust,Sent\nGuy\u{2019}s,01/10/2026\n");
        }
        let bare: Vec<u8> = "Trust,Sent\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let e = decode(&bare, None).unwrap_err();
        assert!(
            e.contains("UTF-32") && e.contains("--encoding utf-32"),
            "{e}"
        );
        assert!(decode(b"PK\x03\x04...", None)
            .unwrap_err()
            .contains(".xlsx"));
    }
}
