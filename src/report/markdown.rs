//! The report in Markdown, for newsletters and websites. Stored text is made visible by the
//! sanitizer, then every character Markdown would read as markup is escaped, so a body name
//! or a quote holding `<script>`, `*` or `[link](...)` reads exactly as written.

use super::doc::{numeric_column, Block, Doc, Inline, Line};

/// Whether `c` is a character Markdown reads as markup.
fn is_markup(c: u8) -> bool {
    matches!(
        c,
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'&' | b'#'
    )
}

/// Text as Markdown shows it literally: on one line, markup characters escaped, and a start
/// that would open a heading, list or rule escaped too.
pub fn escape(s: &str) -> String {
    let ascii = s.bytes().all(|b| (0x20..0x7f).contains(&b));
    let s: std::borrow::Cow<str> = if ascii {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(crate::text::line(s))
    };
    let markup = |c: char| u8::try_from(c).is_ok_and(is_markup);
    let mut out = if s.contains(markup) {
        let mut out = String::with_capacity(s.len() + s.len() / 8 + 8);
        for c in s.chars() {
            if markup(c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    } else {
        s.into_owned()
    };
    // A leading "-", "+", "=" or "1." / "1)" would start a list or an underline if this run
    // began a line (leading spaces are dropped where a line starts).
    let lead = out.len() - out.trim_start().len();
    let rest = &out[lead..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(rest[digits..].chars().next(), Some('.' | ')')) {
        out.insert(lead + digits, '\\');
    } else if rest.starts_with(['-', '+', '=']) {
        out.insert(lead, '\\');
    }
    out
}

/// Whether `s` can go into Markdown as it is: nothing the sanitizer would change, no markup
/// character, and no start that would open a list or an underline. Most of a report's text
/// is like this (curly quotes and accented names included).
fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    let lead = b.iter().take_while(|c| **c == b' ').count();
    let digits = b[lead..].iter().take_while(|c| c.is_ascii_digit()).count();
    let starts_markup = match b.get(lead) {
        Some(b'-' | b'+' | b'=') => true,
        Some(c) if c.is_ascii_digit() => matches!(b.get(lead + digits), Some(b'.' | b')')),
        _ => false,
    };
    // One pass over the bytes: printable ASCII that is not markup (most text), else the
    // full check of what the sanitizer would change.
    !starts_markup
        && if b.iter().all(|c| (0x20..0x7f).contains(c) && !is_markup(*c)) {
            true
        } else {
            crate::text::is_clean_line(s) && !b.iter().any(|c| is_markup(*c))
        }
}

/// Appends `s` escaped (see [`escape`]).
fn escape_into(out: &mut String, s: &str) {
    if plain(s) {
        out.push_str(s);
    } else {
        out.push_str(&escape(s));
    }
}

/// Appends a line's runs, escaped, with its leading spaces dropped (a line start).
fn line_into(out: &mut String, line: &Line) {
    let start = out.len();
    inline_into(out, line);
    let spaces = out[start..].len() - out[start..].trim_start().len();
    out.drain(start..start + spaces);
}

fn inline_into(out: &mut String, line: &Line) {
    for i in line {
        match i {
            Inline::Text(s) => escape_into(out, s),
            Inline::Strong(s) if !s.trim().is_empty() => emphasis_into(out, s, "**"),
            Inline::Muted(s) if !s.trim().is_empty() => emphasis_into(out, s, "*"),
            Inline::Bodies(_, s) if !s.trim().is_empty() => emphasis_into(out, s, "*"),
            Inline::TagRef(s) => emphasis_into(out, &format!("({s})"), "*"),
            Inline::Strong(_) | Inline::Muted(_) | Inline::Bodies(..) => {}
        }
    }
}

/// `s` between `marker`s, its surrounding spaces kept outside them: Markdown opens emphasis
/// only on a marker followed by a non-space (`* meaning*` shows its asterisks).
fn emphasis_into(out: &mut String, s: &str, marker: &str) {
    // A leading separator (" · ") stays outside too: it joins, it is not emphasised.
    let rest = s.trim_start_matches([' ', '·']);
    let lead = &s[..s.len() - rest.len()];
    let inner = rest.trim_end();
    let trail = &rest[inner.len()..];
    out.push_str(lead);
    out.push_str(marker);
    escape_into(out, inner);
    out.push_str(marker);
    out.push_str(trail);
}

/// The whole report as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::with_capacity(doc.text_len() + doc.text_len() / 8);
    for b in &doc.blocks {
        match b {
            Block::Heading(level, s) => {
                out.push_str(&"#".repeat((*level).clamp(1, 6) as usize));
                out.push(' ');
                out.push_str(&escape(s));
                out.push('\n');
            }
            Block::Para(l) => {
                line_into(&mut out, l);
                out.push('\n');
            }
            Block::List(items) => {
                for l in items {
                    out.push_str("- ");
                    line_into(&mut out, l);
                    out.push('\n');
                }
            }
            // The table after it carries the same numbers.
            Block::Chart(_) | Block::Anchor(_) => {}
            Block::Table { head, rows } => {
                let cols = head.len();
                out.push('|');
                for h in head {
                    out.push_str(&format!(" {} |", escape(h)));
                }
                out.push_str("\n|");
                for c in 0..cols {
                    out.push_str(if numeric_column(rows, c) {
                        " ---: |"
                    } else {
                        " --- |"
                    });
                }
                out.push('\n');
                for r in rows {
                    out.push('|');
                    for c in 0..cols {
                        out.push(' ');
                        if let Some(cell) = r.get(c) {
                            inline_into(&mut out, cell);
                        }
                        out.push_str(" |");
                    }
                    out.push('\n');
                }
            }
            Block::Quote { text, by } => {
                for l in crate::text::block(text).lines() {
                    let l = l.trim_start();
                    if l.is_empty() {
                        out.push_str(">\n");
                    } else {
                        out.push_str("> ");
                        escape_into(&mut out, l);
                        out.push('\n');
                    }
                }
                if !by.is_empty() {
                    out.push_str(">\n> — ");
                    inline_into(&mut out, by);
                    out.push('\n');
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape("<b>x</b>"), "\\<b\\>x\\</b\\>");
        assert_eq!(escape("[a](javascript:b)"), "\\[a\\](javascript:b)");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("x\x1b[2Jy"), "x\\\\x1b\\[2Jy");
        assert_eq!(escape("Guy's and St Thomas'"), "Guy's and St Thomas'");
        assert_eq!(escape(" asked"), " asked");
        assert_eq!(escape("  - x"), "  \\- x");
        for s in [
            "plain words",
            "Guy's",
            "2 bodies",
            "- x",
            "a*b",
            "\u{e9}t\u{e9}",
        ] {
            let mut out = String::new();
            super::escape_into(&mut out, s);
            assert_eq!(out, escape(s), "{s}");
        }
    }

    #[test]
    fn emphasis_opens_and_closes_on_words_not_spaces() {
        use crate::report::doc::Inline;
        let mut out = String::new();
        super::inline_into(
            &mut out,
            &vec![
                Inline::Text("3 findings, 3 bodies".into()),
                Inline::Muted(" · body says no such documents exist".into()),
                Inline::Strong(" 31 ".into()),
            ],
        );
        assert_eq!(
            out,
            "3 findings, 3 bodies · *body says no such documents exist* **31** "
        );
    }
}
