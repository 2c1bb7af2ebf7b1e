//! Turning a saved spreadsheet's bytes into text: UTF-8 (with or without Excel's byte-order
//! mark), UTF-16 with its byte-order mark (Excel's "Unicode Text"), and Windows-1252 (Excel's
//! plain "CSV" on Windows in the UK). Anything else gets a sentence saying how to save the
//! file as UTF-8.

/// An encoding a sheet may be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
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
        None if bytes.starts_with(b"\xFF\xFE") => Encoding::Utf16Le,
        None if bytes.starts_with(b"\xFE\xFF") => Encoding::Utf16Be,
        None if bytes.contains(&0) => {
            return Err(format!(
                "it is not text foiboard can read (it holds zero bytes, as UTF-16 without its byte-order mark does): {SAVE_AS_UTF8}"
            ))
        }
        None if std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
        None => Encoding::Windows1252,
    };
    let coder = match enc {
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
        assert!(decode(b"PK\x03\x04...", None)
            .unwrap_err()
            .contains(".xlsx"));
    }
}
