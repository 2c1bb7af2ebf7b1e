//! RTF's text: groups, control words and hex escapes read, the font and colour tables,
//! pictures and other `{\*...}` destinations skipped. Linear in the input, so it reads in this
//! process.

/// Destinations whose text is not the document's.
const SKIPPED: [&str; 12] = [
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "header",
    "footer",
    "object",
    "themedata",
    "datastore",
    "listtable",
    "listoverridetable",
];

pub fn text(bytes: &[u8]) -> String {
    let mut out = String::new();
    // For each open group: whether its text is skipped.
    let mut stack: Vec<bool> = vec![false];
    let skipping = |s: &Vec<bool>| s.last().copied().unwrap_or(false);
    let mut i = 0;
    let mut unicode_skip = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                let outer = skipping(&stack);
                stack.push(outer);
                if stack.len() > 1_000 {
                    break;
                }
                i += 1;
            }
            b'}' => {
                if stack.len() > 1 {
                    stack.pop();
                }
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&c) = bytes.get(i) else { break };
                if c == b'*' {
                    if let Some(top) = stack.last_mut() {
                        *top = true;
                    }
                    i += 1;
                } else if c == b'\'' {
                    let hex = bytes.get(i + 1..i + 3).unwrap_or(b"");
                    i += 3;
                    if let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(hex), 16) {
                        if unicode_skip > 0 {
                            unicode_skip -= 1;
                        } else if !skipping(&stack) {
                            out.push_str(&encoding_rs::WINDOWS_1252.decode(&[v]).0);
                        }
                    }
                } else if c.is_ascii_alphabetic() {
                    let start = i;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    let word = String::from_utf8_lossy(&bytes[start..i]).to_string();
                    let num_start = i;
                    if i < bytes.len() && (bytes[i] == b'-' || bytes[i].is_ascii_digit()) {
                        i += 1;
                        while i < bytes.len() && bytes[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    let num: Option<i64> =
                        String::from_utf8_lossy(&bytes[num_start..i]).parse().ok();
                    if i < bytes.len() && bytes[i] == b' ' {
                        i += 1;
                    }
                    if SKIPPED.contains(&word.as_str()) {
                        if let Some(top) = stack.last_mut() {
                            *top = true;
                        }
                        continue;
                    }
                    if skipping(&stack) {
                        continue;
                    }
                    match word.as_str() {
                        "par" | "line" | "row" | "sect" | "page" => out.push('\n'),
                        "tab" => out.push('\t'),
                        "cell" => out.push_str(" | "),
                        "u" => {
                            if let Some(n) = num {
                                let n = if n < 0 { n + 65_536 } else { n };
                                if let Some(ch) = u32::try_from(n).ok().and_then(char::from_u32) {
                                    out.push(ch);
                                }
                                unicode_skip = 1;
                            }
                        }
                        "emdash" => out.push('—'),
                        "endash" => out.push('–'),
                        "lquote" => out.push('‘'),
                        "rquote" => out.push('’'),
                        "ldblquote" => out.push('“'),
                        "rdblquote" => out.push('”'),
                        "bullet" => out.push('•'),
                        _ => {}
                    }
                } else {
                    // An escaped character: \\ \{ \} or a control symbol.
                    if !skipping(&stack) && matches!(c, b'\\' | b'{' | b'}') {
                        out.push(c as char);
                    } else if !skipping(&stack) && c == b'~' {
                        out.push(' ');
                    }
                    i += 1;
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                if unicode_skip > 0 {
                    unicode_skip -= 1;
                } else if !skipping(&stack) {
                    // Plain text in RTF is 7-bit; anything else is read as Windows-1252.
                    out.push_str(&encoding_rs::WINDOWS_1252.decode(&[b]).0);
                }
                i += 1;
            }
        }
    }
    out.lines()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_paragraphs_escapes_and_skips_the_tables() {
        let rtf = br"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\colortbl;\red0;}\f0 Dear Ms Jones,\par Q1: We do not hold this information.\par Caf\'e9 \u8211? s.43\par{\*\generator Word;}}";
        let t = super::text(rtf);
        assert_eq!(
            t,
            "Dear Ms Jones,\nQ1: We do not hold this information.\nCafé – s.43\n".trim_end()
        );
    }
}
