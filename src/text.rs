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
    )
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
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines && chars.peek() == Some(&'\n') => {}
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
        assert_eq!(line("one\ntwo"), "one two");
    }
}
