//! What the event prompts take: a date, then "until DATE", "ref REFERENCE", "outcome WORD"
//! or "note TEXT"; read into a new event, or into a correction of one already recorded.

use super::shared::UserMessage;
use crate::dates::parse_date;
use crate::law::EventKind;
use crate::model::NewEvent;

/// An event from what the date prompt holds: the date, then what the event takes: "until
/// DATE" (extended), "ref REFERENCE" (acknowledged and any other), "outcome WORD" (responded,
/// review answered), "note TEXT".
pub fn event_from(
    kind: EventKind,
    text: &str,
    today: chrono::NaiveDate,
) -> anyhow::Result<NewEvent> {
    let text = text.trim();
    let (date, rest) = text.split_once(' ').unwrap_or((text, ""));
    let mut ev = NewEvent::new(kind, parse_date(date, today)?);
    let mut words = rest.split_whitespace().peekable();
    while let Some(key) = words.next() {
        let value: Vec<&str> = std::iter::from_fn(|| {
            words.next_if(|w| !matches!(*w, "until" | "ref" | "outcome" | "note"))
        })
        .collect();
        let value = value.join(" ");
        match key {
            "until" => ev.until = Some(parse_date(&value, today)?),
            "ref" => ev.reference = value,
            "outcome" => ev.outcome = value,
            "note" => ev.note = value,
            other => {
                return Err(UserMessage(format!(
                    "'{other}' is not something an event takes: after the date write until DATE, ref REFERENCE, outcome WORD or note TEXT"
                ))
                .into())
            }
        }
    }
    Ok(ev)
}

/// A correction from what `:event N` was given: a date first if it starts with one, then
/// what the event prompt takes (until DATE, ref REFERENCE, outcome WORD, note TEXT); what is
/// not given stays as recorded.
pub fn edit_from(text: &str, today: chrono::NaiveDate) -> anyhow::Result<crate::store::EventEdit> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UserMessage(
            "say what to correct: a date, until DATE, ref REFERENCE, outcome WORD or note TEXT"
                .into(),
        )
        .into());
    }
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let keywords = ["until", "ref", "outcome", "note"];
    let (on, rest) = if keywords.contains(&first) {
        (None, text)
    } else {
        (Some(parse_date(first, today)?), rest)
    };
    let mut edit = crate::store::EventEdit {
        on,
        ..Default::default()
    };
    let mut words = rest.split_whitespace().peekable();
    while let Some(key) = words.next() {
        let value: Vec<&str> =
            std::iter::from_fn(|| words.next_if(|w| !keywords.contains(w))).collect();
        let value = value.join(" ");
        match key {
            "until" => edit.until = Some(parse_date(&value, today)?),
            "ref" => edit.reference = Some(value),
            "outcome" => edit.outcome = Some(value),
            "note" => edit.note = Some(value),
            other => {
                return Err(UserMessage(format!(
                    "'{other}' is not something an event takes: write a date, until DATE, ref REFERENCE, outcome WORD or note TEXT"
                ))
                .into())
            }
        }
    }
    Ok(edit)
}
