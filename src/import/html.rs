//! HTML as text: one line per table row, paragraph, heading and list item, cells apart, so
//! numbered answers laid out as a table stay apart. Email bodies and HTML attachments both.

/// HTML to text, one line per table row and block.
pub fn lines(html: &str) -> String {
    static BLOCK: std::sync::OnceLock<Option<(regex::Regex, regex::Regex)>> =
        std::sync::OnceLock::new();
    let marked = match BLOCK.get_or_init(|| {
        Some((
            regex::Regex::new(r"(?i)</(?:tr|div|li|h[1-6]|table|p)\s*>").ok()?,
            regex::Regex::new(r"(?i)</t[dh]\s*>").ok()?,
        ))
    }) {
        Some((rows, cells)) => {
            let html = rows.replace_all(html, "$0<br>");
            // A tab the converter keeps (a plain space between tags is dropped).
            cells.replace_all(&html, "$0&#9;").into_owned()
        }
        None => html.to_string(),
    };
    mail_parser::decoders::html::html_to_text(&marked)
        .lines()
        .map(|l| {
            l.replace('\t', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .split("\n\n\n")
        .collect::<Vec<_>>()
        .join("\n\n")
}
