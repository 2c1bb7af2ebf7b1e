//! Recording events: refused with the reason when they make no sense where a request stands.

use chrono::NaiveDate;
use rusqlite::params;

use super::history::now;
use super::requests::RequestRef;
use super::rows::{date, text, word};
use super::{Result, Store, StoreError};
use crate::law::{check_sequence, ClockEvent, EventKind};
use crate::model::{Event, NewEvent};

impl Store {
    /// A request's events in date order (same-day events in the order recorded).
    pub fn events(&self, request_id: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, on_date, until_date, reference, outcome, note, author, created_at,
                    source
             FROM events WHERE request_id = ?1 ORDER BY on_date, id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok(Event {
                id: r.get(0)?,
                kind: word(r, 1)?,
                on: date(r, 2)?.unwrap_or_default(),
                until: date(r, 3)?,
                reference: text(r, 4)?,
                outcome: text(r, 5)?,
                note: text(r, 6)?,
                author: text(r, 7)?,
                created_at: text(r, 8)?,
                source: text(r, 9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records one event on every given request, all or nothing: if it makes no sense for any
    /// one of them, nothing is written and the error names that body.
    pub fn record_event(
        &mut self,
        requests: &[RequestRef],
        ev: &NewEvent,
        today: NaiveDate,
    ) -> Result<usize> {
        if ev.on > today {
            return Err(StoreError::Invalid(format!(
                "{} is in the future (today is {today}): record events when they happen",
                ev.on
            )));
        }
        let outcome = ev.checked_outcome().map_err(StoreError::Invalid)?;
        if ev.until.is_some() && ev.kind != EventKind::Extended {
            return Err(StoreError::Invalid(
                "--until goes with 'extended' only (the date the authority stated)".into(),
            ));
        }
        for r in requests {
            let mut seq: Vec<ClockEvent> = self
                .events(r.id)?
                .into_iter()
                .map(|e| ClockEvent {
                    kind: e.kind,
                    on: e.on,
                    until: e.until,
                })
                .collect();
            let pos = seq.iter().position(|e| e.on > ev.on).unwrap_or(seq.len());
            seq.insert(
                pos,
                ClockEvent {
                    kind: ev.kind,
                    on: ev.on,
                    until: ev.until,
                },
            );
            check_sequence(&seq).map_err(|e| {
                StoreError::Refused(format!(
                    "{} ({}): {e}. Nothing was recorded",
                    r.body.name, r.body.ods_code
                ))
            })?;
        }
        let summary = if requests.len() == 1 {
            format!("{} {}", ev.kind, requests[0].body.ods_code)
        } else {
            format!("{} on {} requests", ev.kind, requests.len())
        };
        let author = self.author.clone();
        self.write(&summary, |w| {
            for r in requests {
                w.insert(
                    "events",
                    "INSERT INTO events (request_id, kind, on_date, until_date, reference, outcome, note, author, created_at, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        r.id,
                        ev.kind.as_str(),
                        ev.on.to_string(),
                        ev.until.map(|d| d.to_string()),
                        ev.reference.trim(),
                        outcome,
                        ev.note,
                        author,
                        now(),
                        ev.source
                    ],
                )?;
                if !ev.reference.trim().is_empty() {
                    w.update(
                        "requests",
                        r.id,
                        "UPDATE requests SET reference = ?2 WHERE id = ?1",
                        params![r.id, ev.reference.trim()],
                    )?;
                }
            }
            Ok(requests.len())
        })
    }
}

/// Adds events an importer found to one request, inside the importer's write: events whose
/// source the request already has are left out, so importing the same thing again changes
/// nothing; the rest must fit the request's sequence, or the whole import is refused with
/// `label` (the body, the file and line) named. Returns how many were added.
pub(super) fn add_sourced(
    w: &mut super::Writer,
    request_id: i64,
    label: &str,
    new: &[NewEvent],
) -> Result<usize> {
    let (mut seq, sources) = {
        let mut stmt = w.tx.prepare_cached(
            "SELECT kind, on_date, until_date, source FROM events WHERE request_id = ?1
             ORDER BY on_date, id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok((
                word::<EventKind>(r, 0)?,
                date(r, 1)?,
                date(r, 2)?,
                text(r, 3)?,
            ))
        })?;
        let mut seq = Vec::new();
        let mut sources = std::collections::HashSet::new();
        for row in rows {
            let (kind, on, until, source) = row?;
            if let Some(on) = on {
                seq.push(ClockEvent { kind, on, until });
            }
            if !source.is_empty() {
                sources.insert(source);
            }
        }
        (seq, sources)
    };
    // Already there: the same source, or the same kind on the same day (typed by someone
    // before the import, or brought by another importer).
    let fresh: Vec<&NewEvent> = new
        .iter()
        .filter(|e| e.source.is_empty() || !sources.contains(&e.source))
        .filter(|e| !seq.iter().any(|x| x.kind == e.kind && x.on == e.on))
        .collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    for e in &fresh {
        let pos = seq.iter().position(|x| x.on > e.on).unwrap_or(seq.len());
        seq.insert(
            pos,
            ClockEvent {
                kind: e.kind,
                on: e.on,
                until: e.until,
            },
        );
    }
    check_sequence(&seq)
        .map_err(|e| StoreError::Refused(format!("{label}: {e}. Nothing was imported")))?;
    let author = w.author().to_string();
    for e in &fresh {
        let outcome = e
            .checked_outcome()
            .map_err(|why| StoreError::Refused(format!("{label}: {why}. Nothing was imported")))?;
        w.insert(
            "events",
            "INSERT INTO events (request_id, kind, on_date, until_date, reference, outcome, note, author, created_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
            params![
                request_id,
                e.kind.as_str(),
                e.on.to_string(),
                e.until.map(|d| d.to_string()),
                e.reference.trim(),
                outcome,
                e.note,
                author,
                now(),
                e.source
            ],
        )?;
    }
    Ok(fresh.len())
}

/// A correction to a recorded event: each `Some` replaces what was recorded.
#[derive(Debug, Clone, Default)]
pub struct EventEdit {
    pub on: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub note: Option<String>,
    pub reference: Option<String>,
    pub outcome: Option<String>,
}

impl Store {
    /// The request an event belongs to, and the event.
    fn event_by_id(&self, id: i64) -> Result<(i64, Event)> {
        use rusqlite::OptionalExtension;
        let request: i64 = self
            .conn
            .query_row("SELECT request_id FROM events WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "no event {id}: `foiboard show CAMPAIGN/ODS --json` lists a request's events with their ids"
                ))
            })?;
        let ev = self
            .events(request)?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("no event {id}")))?;
        Ok((request, ev))
    }

    /// Checks that a request's events, with `id` replaced by `with` (or left out when `None`),
    /// still make a sequence the law recognises.
    fn check_without(&self, request: i64, id: i64, with: Option<ClockEvent>) -> Result<()> {
        let mut seq: Vec<(NaiveDate, i64, ClockEvent)> = self
            .events(request)?
            .into_iter()
            .filter(|e| e.id != id)
            .map(|e| {
                (
                    e.on,
                    e.id,
                    ClockEvent {
                        kind: e.kind,
                        on: e.on,
                        until: e.until,
                    },
                )
            })
            .collect();
        if let Some(c) = with {
            seq.push((c.on, id, c));
        }
        seq.sort_by_key(|(on, id, _)| (*on, *id));
        let events: Vec<ClockEvent> = seq.into_iter().map(|(_, _, c)| c).collect();
        check_sequence(&events).map_err(|e| {
            StoreError::Refused(format!(
                "that would break the request's sequence: {e}. Nothing was changed"
            ))
        })
    }

    /// Corrects a recorded event (its date, note, reference or outcome), as one undoable
    /// change; refused where the request's sequence would no longer make sense.
    pub fn edit_event(&mut self, id: i64, edit: &EventEdit, today: NaiveDate) -> Result<Event> {
        let (request, old) = self.event_by_id(id)?;
        let mut new = NewEvent::new(old.kind, edit.on.unwrap_or(old.on));
        new.until = edit.until.or(old.until);
        new.note = edit.note.clone().unwrap_or(old.note.clone());
        new.reference = edit.reference.clone().unwrap_or(old.reference.clone());
        new.outcome = edit.outcome.clone().unwrap_or(old.outcome.clone());
        if new.on > today {
            return Err(StoreError::Invalid(format!(
                "{} is in the future (today is {today}): record events when they happen",
                new.on
            )));
        }
        let outcome = new.checked_outcome().map_err(StoreError::Invalid)?;
        self.check_without(
            request,
            id,
            Some(ClockEvent {
                kind: new.kind,
                on: new.on,
                until: new.until,
            }),
        )?;
        self.write(&format!("edit event {id} ({})", old.kind), |w| {
            w.update(
                "events",
                id,
                "UPDATE events SET on_date = ?2, until_date = ?3, note = ?4, reference = ?5,
                        outcome = ?6 WHERE id = ?1",
                params![
                    id,
                    new.on.to_string(),
                    new.until.map(|d| d.to_string()),
                    new.note,
                    new.reference.trim(),
                    outcome
                ],
            )?;
            Ok(())
        })?;
        Ok(self.event_by_id(id)?.1)
    }

    /// Removes a recorded event, as one undoable change; refused where the events left would
    /// not make sense (a response left without the request being sent).
    pub fn remove_event(&mut self, id: i64) -> Result<Event> {
        let (request, old) = self.event_by_id(id)?;
        self.check_without(request, id, None)?;
        self.write(&format!("remove event {id} ({})", old.kind), |w| {
            w.delete("events", id)
        })?;
        Ok(old)
    }
}
