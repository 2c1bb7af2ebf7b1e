//! The report in Markdown, for newsletters and websites. Stored text is made visible by the
//! sanitizer, then every character Markdown would read as markup is escaped, so a body name
//! or a quote holding `<script>`, `*` or `[link](...)` reads exactly as written.

use super::doc::{numeric_column, Block, Doc, Inline, Line};

/// Text as Markdown shows it literally: on one line, markup characters escaped, and a start
/// that would open a heading, list or rule escaped too.
pub fn escape(s: &str) -> String {
    let s = crate::text::line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
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

fn inline(line: &Line) -> String {
    let mut out = String::new();
    for i in line {
        match i {
            Inline::Text(s) => out.push_str(&escape(s)),
            Inline::Strong(s) if !s.trim().is_empty() => {
                out.push_str(&format!("**{}**", escape(s)))
            }
            Inline::Muted(s) if !s.trim().is_empty() => out.push_str(&format!("*{}*", escape(s))),
            Inline::Strong(_) | Inline::Muted(_) => {}
        }
    }
    out
}

/// The whole report as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(level, s) => {
                out.push_str(&"#".repeat((*level).clamp(1, 6) as usize));
                out.push(' ');
                out.push_str(&escape(s));
                out.push('\n');
            }
            Block::Para(l) => {
                out.push_str(inline(l).trim_start());
                out.push('\n');
            }
            Block::List(items) => {
                for l in items {
                    out.push_str("- ");
                    out.push_str(inline(l).trim_start());
                    out.push('\n');
                }
            }
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
                        let cell = r.get(c).map(inline).unwrap_or_default();
                        out.push_str(&format!(" {cell} |"));
                    }
                    out.push('\n');
                }
            }
            Block::Quote { text, by } => {
                for l in crate::text::block(text).lines() {
                    let l = escape(l);
                    let l = l.trim_start();
                    if l.is_empty() {
                        out.push_str(">\n");
                    } else {
                        out.push_str(&format!("> {l}\n"));
                    }
                }
                if !by.is_empty() {
                    out.push_str(&format!(">\n> — {}\n", inline(by)));
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
    }
}
