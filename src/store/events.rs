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
