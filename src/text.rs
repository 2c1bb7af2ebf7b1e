//! The one sanitizer for untrusted text (response letters, emails, imported files, anything
//! another process wrote), applied where stored text becomes view text and before the command
//! line prints it.
//!
//! C0/C1 controls and DEL become visible escapes (`\x1b`), tabs become spaces, and bidi
//! overrides and zero-width characters (which can reorder or hide what a reader sees) become
//! visible `<U+202E>` markers. Newlines are kept only where the caller asks.

/// Characters that change the direction or visibility of what follows them.
fn is_invisible_or_bidi(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // isolates
        | '\u{FEFF}'              // zero-width no-break space
        | '\u{061C}'              // Arabic letter mark
        | '\u{00AD}'              // soft hyphen
        | '\u{2028}' | '\u{2029}' // line and paragraph separators
        | '\u{E0000}'..='\u{E007F}' // tag characters (hidden text)
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers (blank letters)
        | '\u{180E}'              // Mongolian vowel separator
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
    )
}

/// Whether a terminal could be made to do something, or a reader misled, by `c` inside JSON
/// text: what [`json_safe`] escapes.
fn needs_json_escape(c: char) -> bool {
    let n = c as u32;
    n == 0x7f || (0x80..0xa0).contains(&n) || is_invisible_or_bidi(c)
}

/// JSON text (as serde_json writes it) with every C1 control, DEL, bidi override and invisible
/// character written as a `\uXXXX` escape: still valid JSON that reads back to the same
/// strings, but safe to print on a terminal. serde_json already escapes C0 controls; raw
/// characters outside strings cannot occur in its output, so each one found is in a string.
pub fn json_safe(json: String) -> String {
    if !json.chars().any(needs_json_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_json_escape(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `s` is already safe to show on one line as it is: no control, tab, line break,
/// bidi override or invisible character (what [`line`] would change).
pub fn is_clean_line(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
        || s.chars().all(|c| {
            let n = c as u32;
            n >= 0x20 && n != 0x7f && !(0x80..0xa0).contains(&n) && !is_invisible_or_bidi(c)
        })
}

/// Makes `s` safe to show on one line: no control character survives.
pub fn line(s: &str) -> String {
    clean(s, false)
}

/// Makes `s` safe to show, keeping its line breaks (`\n`; `\r\n` becomes `\n`).
pub fn block(s: &str) -> String {
    clean(s, true)
}

fn clean(s: &str, keep_newlines: bool) -> String {
    // Most text is printable ASCII with nothing to change: copied as it is.
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || (keep_newlines && b == b'\n'))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines && chars.peek() == Some(&'\n') => {}
            // A lone CR is a line break too: terminals send a paste's line breaks as CR.
            '\r' if keep_newlines => out.push('\n'),
            '\n' | '\r' => out.push(' '),
            '\t' => out.push_str("    "),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c if is_invisible_or_bidi(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_sequences_become_visible() {
        let osc = "Trust\x1b]0;pwned\x07 name";
        assert_eq!(line(osc), "Trust\\x1b]0;pwned\\x07 name");
        assert_eq!(line("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(line("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(line("a\tb"), "a    b");
        assert_eq!(line("x\u{9b}y"), "x\\u{9b}y");
        assert_eq!(block("one\r\ntwo\nthree"), "one\ntwo\nthree");
        assert_eq!(block("pasted\rletter\r\rend"), "pasted\nletter\n\nend");
        assert_eq!(line("one\ntwo"), "one two");
        assert_eq!(line("a\u{2028}b"), "a<U+2028>b");
        assert_eq!(line("a\u{E0041}b"), "a<U+E0041>b");
        assert_eq!(
            line("\u{3164}\u{115F}\u{180E}\u{FFF9}"),
            "<U+3164><U+115F><U+180E><U+FFF9>"
        );
    }

    #[test]
    fn json_keeps_its_meaning_but_not_its_hidden_characters() {
        let value = serde_json::json!({
            "name": "Trust\u{9d}52;c;aGk=\u{9c} \\\u{202E}x \u{7f} \u{E0041}",
        });
        let safe = json_safe(serde_json::to_string(&value).unwrap());
        assert!(
            safe.is_ascii() || !safe.chars().any(needs_json_escape),
            "{safe}"
        );
        assert!(safe.contains("\\u009d"), "{safe}");
        assert!(safe.contains("\\udb40\\udc41"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
