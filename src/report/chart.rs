//! Charts for the HTML report as inline SVG: no script, nothing fetched, so the page keeps its
//! content security policy. Colours are the Okabe-Ito palette (told apart by colour-blind
//! readers), and every other series is hatched so a greyscale print still tells them apart.
//! Each chart in the document is followed by a table of the same numbers, for screen readers
//! and for Markdown, which shows only the table.

use std::fmt::Write;

/// Okabe and Ito's colour-blind-safe palette.
const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999",
];

/// A bar chart: one bar per row, each stacked from its series' values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    /// The series' names, in stacking order (the legend).
    pub series: Vec<String>,
    /// Each bar's label and its value per series.
    pub rows: Vec<(String, Vec<usize>)>,
}

impl Chart {
    /// The same numbers as a table's head and rows: the label, then each series.
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut head = vec![String::new()];
        head.extend(self.series.iter().cloned());
        let rows = self
            .rows
            .iter()
            .map(|(label, values)| {
                let mut r = vec![label.clone()];
                r.extend(values.iter().map(usize::to_string));
                r
            })
            .collect();
        (head, rows)
    }
}

fn xml(s: &str) -> String {
    crate::text::line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart as an SVG element (horizontal stacked bars, a legend below).
pub fn svg(c: &Chart) -> String {
    let (label_w, bar_w, row_h, gap) = (170.0, 430.0, 20.0, 6.0);
    let max = c
        .rows
        .iter()
        .map(|(_, v)| v.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let legend_rows = c.series.len().div_ceil(3);
    let height = c.rows.len() as f64 * (row_h + gap) + 12.0 + legend_rows as f64 * 20.0;
    let width = label_w + bar_w + 50.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>{}</title>",
        xml(&c.title)
    );
    s.push_str("<defs>");
    for (i, colour) in PALETTE.iter().enumerate() {
        let _ = write!(
            s,
            "<pattern id=\"p{i}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{colour}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"2\"/></pattern>"
        );
    }
    s.push_str("</defs>");
    let fill = |i: usize| {
        let k = i % PALETTE.len();
        if i % 2 == 1 {
            format!("url(#p{k})")
        } else {
            PALETTE[k].to_string()
        }
    };
    for (r, (label, values)) in c.rows.iter().enumerate() {
        let y = r as f64 * (row_h + gap);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + row_h * 0.7,
            xml(label)
        );
        let mut x = label_w;
        for (i, v) in values.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            let w = *v as f64 / max * bar_w;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{row_h}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.5\" data-row=\"{}\" data-series=\"{}\" data-value=\"{v}\"><title>{}: {}: {v}</title></rect>",
                fill(i),
                xml(label),
                xml(&c.series[i]),
                xml(label),
                xml(&c.series[i])
            );
            x += w;
        }
        let total: usize = values.iter().sum();
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" fill=\"#333\">{total}</text>",
            x + 4.0,
            y + row_h * 0.7
        );
    }
    let top = c.rows.len() as f64 * (row_h + gap) + 8.0;
    for (i, name) in c.series.iter().enumerate() {
        let (col, line) = (i % 3, i / 3);
        let (x, y) = (label_w + col as f64 * 150.0, top + line as f64 * 20.0);
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\" stroke=\"#333\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            fill(i),
            x + 16.0,
            y + 10.0,
            xml(name)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_a_bar_with_its_number_and_hostile_labels_stay_text() {
        let c = Chart {
            title: "t".into(),
            series: vec!["a".into(), "b<script>".into()],
            rows: vec![("Q1 & Q2".into(), vec![3, 0]), ("Q3".into(), vec![1, 2])],
        };
        let s = svg(&c);
        assert_eq!(s.matches("data-value=").count(), 3);
        assert!(s.contains("data-value=\"2\""));
        assert!(!s.contains("<script>"));
        assert!(s.contains("Q1 &amp; Q2"));
        let (head, rows) = c.table();
        assert_eq!(head, ["", "a", "b<script>"]);
        assert_eq!(rows[1], ["Q3", "1", "2"]);
    }
}
