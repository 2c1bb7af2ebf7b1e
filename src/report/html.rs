//! The report as one self-contained HTML file: styles inline, no script, nothing fetched (a
//! content security policy says so to the browser too), and print styles so it prints as a
//! clean document. Every piece of stored text is made visible by the sanitizer and escaped.

use super::doc::{numeric_column, Block, Doc, Inline, Line};

/// Text as HTML shows it literally.
pub fn escape(s: &str) -> String {
    escape_raw(&crate::text::line(s))
}

fn escape_raw(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn inline(line: &Line) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(s) => escape(s),
            Inline::Strong(s) => format!("<strong>{}</strong>", escape(s)),
            Inline::Muted(s) if s.is_empty() => String::new(),
            Inline::Muted(s) => format!("<span class=\"muted\">{}</span>", escape(s)),
            // A list longer than a glance folds: its count shows, the names on a click (and
            // in print).
            Inline::Bodies(n, s) if *n > FOLD_AFTER => format!(
                "<details><summary>{n} bodies</summary><span class=\"muted\">{}</span></details>",
                escape(s)
            ),
            Inline::Bodies(_, s) => format!("<span class=\"muted\">{}</span>", escape(s)),
            Inline::TagRef(t) => format!(
                "<a class=\"muted\" href=\"#{}\">({})</a>",
                super::doc::anchor(t),
                escape(t)
            ),
        })
        .collect()
}

/// Lists of more bodies than this fold into a `<details>` element.
const FOLD_AFTER: usize = 6;

const STYLE: &str = "
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a;
       max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n, th.n { text-align: right; white-space: nowrap; }
.muted { color: #555; font-size: .9em; }
details summary { cursor: pointer; color: #333; }
figure { margin: 1rem 0 .3rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9em; color: #333; }
blockquote { margin: .6rem 0; padding: .3rem .9rem; border-left: 4px solid #999; background: #fafafa; }
blockquote p { margin: .2rem 0; white-space: pre-wrap; }
blockquote footer { font-size: .9em; color: #333; }
@page { margin: 15mm; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; }
  h2, h3 { break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
  th { background: none; }
  details summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
}
";

/// The whole report as an HTML page.
pub fn render(doc: &Doc) -> String {
    let mut out = String::with_capacity(doc.text_len() * 2);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&doc.title)));
    out.push_str(&format!(
        "<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    ));
    for b in &doc.blocks {
        match b {
            Block::Heading(level, s) => {
                let l = (*level).clamp(1, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", escape(s)));
            }
            Block::Para(l) => out.push_str(&format!("<p>{}</p>\n", inline(l))),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for l in items {
                    out.push_str(&format!("<li>{}</li>\n", inline(l)));
                }
                out.push_str("</ul>\n");
            }
            Block::Anchor(t) => {
                out.push_str(&format!("<span id=\"{}\"></span>\n", super::doc::anchor(t)))
            }
            Block::Chart(c) => out.push_str(&format!(
                "<figure>{}<figcaption>{}</figcaption></figure>\n",
                super::chart::svg(c),
                escape(&c.title)
            )),
            Block::Table { head, rows } => {
                let numeric: Vec<bool> = (0..head.len()).map(|c| numeric_column(rows, c)).collect();
                let class = |c: usize| if numeric[c] { " class=\"n\"" } else { "" };
                out.push_str("<table>\n<thead><tr>");
                for (c, h) in head.iter().enumerate() {
                    out.push_str(&format!("<th{}>{}</th>", class(c), escape(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in 0..head.len() {
                        let cell = r.get(c).map(inline).unwrap_or_default();
                        out.push_str(&format!("<td{}>{cell}</td>", class(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Quote { text, by } => {
                out.push_str("<blockquote>\n");
                for p in crate::text::block(text).split("\n\n") {
                    out.push_str(&format!("<p>{}</p>\n", escape_raw(p.trim_matches('\n'))));
                }
                if !by.is_empty() {
                    out.push_str(&format!("<footer>— {}</footer>\n", inline(by)));
                }
                out.push_str("</blockquote>\n");
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\x1b]0;t\x07b"), "a\\x1b]0;t\\x07b");
    }
}
