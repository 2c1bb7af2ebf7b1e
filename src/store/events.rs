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
            "SELECT id, kind, on_date, until_date, reference, outcome, note, author, created_at
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
                    "INSERT INTO events (request_id, kind, on_date, until_date, reference, outcome, note, author, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        r.id,
                        ev.kind.as_str(),
                        ev.on.to_string(),
                        ev.until.map(|d| d.to_string()),
                        ev.reference.trim(),
                        ev.outcome.trim(),
                        ev.note,
                        author,
                        now()
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
