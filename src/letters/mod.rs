//! Letters from the clock: the request itself, a chaser, an internal review request and a
//! complaint to the Commissioner, each filled from what is recorded on the request. Pure: the
//! caller gathers the facts from the store; nothing here reads a database or sends anything.
//!
//! A letter is a template with named placeholders (`{body}`, `{due_on}`...). The built-in
//! templates are letters a group would send unchanged; a group's own, kept in the database,
//! replace them. A placeholder with no value for a request (a chase of a request that is not
//! late) refuses the letter and says why, rather than sending a letter with a gap in it.

mod facts;
pub mod mailout;
pub mod outbox;
mod templates;

use std::fmt;
use std::str::FromStr;

pub use facts::{people_date, Facts, PLACEHOLDERS};
pub use templates::builtin;

/// The letters foiboard writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The campaign's questions, to one body.
    Request,
    /// A reminder to a body past its due date.
    Chase,
    /// A request for an internal review of a reply.
    Review,
    /// A complaint to the Information Commissioner (or the Scottish Information Commissioner).
    Complaint,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Request, Kind::Chase, Kind::Review, Kind::Complaint];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Chase => "chase",
            Kind::Review => "review",
            Kind::Complaint => "complaint",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A letter kind nobody knows.
#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a letter: choose request, chase, review or complaint")]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// A template: the subject line and the text, each with `{name}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

impl Template {
    /// A template as a group writes it in a file: the first line `Subject: ...`, a blank line,
    /// then the letter.
    pub fn parse(text: &str) -> Result<Template, LetterError> {
        let text = text.replace("\r\n", "\n");
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let subject = first
            .strip_prefix("Subject:")
            .ok_or_else(|| {
                LetterError::Template(
                    "the first line must be 'Subject: ...', then a blank line, then the letter"
                        .into(),
                )
            })?
            .trim()
            .to_string();
        let body = rest.trim_start_matches('\n').trim_end().to_string() + "\n";
        let t = Template { subject, body };
        t.check()?;
        Ok(t)
    }

    /// The file form of [`Template::parse`].
    pub fn to_text(&self) -> String {
        format!("Subject: {}\n\n{}", self.subject, self.body)
    }

    /// Every placeholder is one foiboard knows, and every brace is closed.
    pub fn check(&self) -> Result<(), LetterError> {
        for part in [&self.subject, &self.body] {
            for name in placeholders(part)? {
                if !facts::PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
                    return Err(LetterError::Template(format!(
                        "{{{name}}} is not a placeholder foiboard fills; the placeholders are {}",
                        facts::PLACEHOLDERS
                            .iter()
                            .map(|(p, _)| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
        }
        Ok(())
    }
}

/// The names of the placeholders in `text`, in order.
fn placeholders(text: &str) -> Result<Vec<String>, LetterError> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let end = after
            .find('}')
            .ok_or_else(|| LetterError::Template("a '{' is never closed with '}'".to_string()))?;
        out.push(after[..end].trim().to_string());
        rest = &after[end + 1..];
    }
    Ok(out)
}

/// A letter ready to send: to whom, the subject and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub kind: Kind,
    /// The body's FOI address (or the Commissioner's, for a complaint); empty when unknown.
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LetterError {
    /// The request does not have what this letter needs.
    #[error("{body} ({ods}): no {kind} letter: {reason}")]
    NotFor {
        body: String,
        ods: String,
        kind: Kind,
        reason: String,
    },
    #[error("the letter template is not usable: {0}")]
    Template(String),
}

/// Fills `template` for the request described by `facts`.
pub fn write(kind: Kind, template: &Template, facts: &Facts) -> Result<Letter, LetterError> {
    template.check()?;
    if let Some(reason) = facts.refuses(kind) {
        return Err(facts.not_for(kind, reason));
    }
    let fill = |text: &str| -> Result<String, LetterError> {
        let mut out = String::with_capacity(text.len() * 2);
        let mut rest = text;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let end = after
                .find('}')
                .ok_or_else(|| LetterError::Template("a '{' is never closed".into()))?;
            let name = after[..end].trim();
            match facts.value(name) {
                Some(v) => out.push_str(&v),
                None => return Err(facts.not_for(kind, facts::missing(name))),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    };
    // A subject is one line whatever the names in it hold: a newline in a body's name never
    // starts a header of its own.
    let subject = crate::text::line(&fill(&template.subject)?)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = fill(&template.body)?;
    Ok(Letter {
        kind,
        to: facts.recipient(kind),
        subject,
        body,
    })
}

#[cfg(test)]
mod tests;
