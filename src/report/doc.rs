//! A report as a document of plain parts (headings, paragraphs, lists, tables, quotes), so the
//! wording is written once and each format only decides how to write the parts and escape text.

/// A run of text within a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// Secondary text: sources, notes.
    Muted(String),
    /// The bodies behind a count: how many, and their names. A long list folds in HTML.
    Bodies(usize, String),
    /// A tag's name, pointing (in HTML) to the tag's quotes further down.
    TagRef(String),
}

/// One line of runs.
pub type Line = Vec<Inline>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 to 3.
    Heading(u8, String),
    /// Where a tag's quotes begin: what a [`Inline::TagRef`] points to (HTML only).
    Anchor(String),
    /// A chart (drawn in HTML; Markdown shows the table that always follows it).
    Chart(super::chart::Chart),
    Para(Line),
    List(Vec<Line>),
    /// A header row and rows of cells; columns after the first that hold only numbers are
    /// right-aligned.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<Line>>,
    },
    /// A quotation (its line breaks kept) and who said it.
    Quote {
        text: String,
        by: Line,
    },
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// The length of the document's text, for a writer to size its output once (a national
    /// campaign's report is half a megabyte; growing to it copies it several times over).
    pub fn text_len(&self) -> usize {
        let line = |l: &Line| -> usize {
            l.iter()
                .map(|i| match i {
                    Inline::Text(s)
                    | Inline::Strong(s)
                    | Inline::Muted(s)
                    | Inline::Bodies(_, s)
                    | Inline::TagRef(s) => s.len() + 4,
                })
                .sum()
        };
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Heading(_, s) | Block::Anchor(s) => s.len() + 8,
                Block::Chart(_) => 0,
                Block::Para(l) => line(l) + 2,
                Block::List(items) => items.iter().map(|l| line(l) + 4).sum(),
                Block::Table { head, rows } => {
                    head.iter().map(|h| h.len() + 8).sum::<usize>()
                        + rows
                            .iter()
                            .flat_map(|r| r.iter().map(|l| line(l) + 3))
                            .sum::<usize>()
                }
                Block::Quote { text, by } => text.len() + line(by) + 8,
            })
            .sum()
    }
}

/// The anchor of a tag's quotes: letters, digits and '-' only ("tag-fdp-in-use").
pub fn anchor(tag: &str) -> String {
    let mut s = String::from("tag-");
    for c in tag.chars() {
        s.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '-'
        });
    }
    s
}

pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

pub fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

pub fn muted(s: impl Into<String>) -> Inline {
    Inline::Muted(s.into())
}

/// Whether every cell of column `col` is a number (for right alignment).
pub fn numeric_column(rows: &[Vec<Line>], col: usize) -> bool {
    col > 0
        && !rows.is_empty()
        && rows.iter().all(|r| {
            r.get(col).is_some_and(|cell| {
                cell.iter().all(|i| match i {
                    Inline::Text(s)
                    | Inline::Strong(s)
                    | Inline::Muted(s)
                    | Inline::Bodies(_, s)
                    | Inline::TagRef(s) => {
                        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
                    }
                })
            })
        })
}
