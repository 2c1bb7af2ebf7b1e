//! Recording events: refused with the reason when they make no sense where a request stands.

use super::db::params;
use chrono::NaiveDate;

use super::history::now;
use super::requests::RequestRef;
use super::rows::{date, text, word};
use super::{Result, Store, StoreError};
use crate::law::{check_sequence, ClockEvent, EventKind};
use crate::model::{Event, NewEvent};

impl Store {
    /// Who recorded each of the request's events, where the history says and it is not the
    /// event's own author: an event imported from another group's file keeps the author
    /// who wrote it, and this names the member who brought it in. By event id.
    pub fn event_recorders(
        &self,
        request_id: i64,
    ) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, c.author FROM events e
             JOIN change_rows cr ON cr.tbl = 'events' AND cr.row_id = e.id AND cr.before IS NULL
             JOIN changes c ON c.id = cr.change_id
             WHERE e.request_id = ?1 AND c.author <> e.author
             ORDER BY cr.change_id",
        )?;
        let rows = stmt.query_map([request_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }
}

impl Store {
    /// A request's events in date order (same-day events in the order recorded).
    pub fn events(&self, request_id: i64) -> Result<Vec<Event>> {
        Ok(self
            .events_of(&[request_id])?
            .remove(&request_id)
            .unwrap_or_default())
    }

    /// The events of several requests in one query (a bulk event checks each request's
    /// sequence; one query per request is a round trip each on a server), by request.
    pub fn events_of(
        &self,
        request_ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, Vec<Event>>> {
        let ids = serde_json::to_string(request_ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, on_date, until_date, reference, outcome, note, author, created_at,
                    source, request_id
             FROM events WHERE request_id IN (SELECT value FROM json_each(?1))
             ORDER BY request_id, on_date, id",
        )?;
        let rows = stmt.query_map([ids], |r| {
            Ok((
                r.get::<i64>(10)?,
                Event {
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
                },
            ))
        })?;
        let mut out: std::collections::HashMap<i64, Vec<Event>> = Default::default();
        for row in rows {
            let (request, event) = row?;
            out.entry(request).or_default().push(event);
        }
        Ok(out)
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
        let ids: Vec<i64> = requests.iter().map(|r| r.id).collect();
        let mut existing = self.events_of(&ids)?;
        for r in requests {
            let mut seq: Vec<ClockEvent> = existing
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|e| ClockEvent {
                    kind: e.kind,
                    on: e.on,
                    until: e.until,
                })
                .collect();
            // Said with the day it was recorded on, whichever day the new one carries (the
            // clock meets an earlier-dated new one first).
            let refused = |e: String| {
                StoreError::Refused(format!(
                    "{} ({}): {e}. Nothing was recorded",
                    r.body.name, r.body.ods_code
                ))
            };
            if let Some(why) = seq
                .iter()
                .find(|e| e.kind == ev.kind)
                .and_then(|e| crate::law::events::already_recorded_once(ev.kind, e.on))
            {
                return Err(refused(why));
            }
            let pos = seq.iter().position(|e| e.on > ev.on).unwrap_or(seq.len());
            seq.insert(
                pos,
                ClockEvent {
                    kind: ev.kind,
                    on: ev.on,
                    until: ev.until,
                },
            );
            check_sequence(&seq).map_err(|e| refused(e.to_string()))?;
        }
        let summary = if requests.len() == 1 {
            format!("{} {}", ev.kind, requests[0].body.ods_code)
        } else {
            format!("{} on {} requests", ev.kind, requests.len())
        };
        let author = self.author.clone();
        // Messages waiting unmatched that the reference will file: filed in the same change.
        let reference = ev.reference.trim();
        let rematch = if reference.is_empty() {
            Vec::new()
        } else {
            let extra: Vec<(i64, String)> = requests
                .iter()
                .map(|r| (r.id, reference.to_string()))
                .collect();
            self.rematch_plan(&extra)?
        };
        self.write(&summary, |w| {
            super::matching::apply_rematch(w, &rematch)?;
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

/// What an importer's events did to one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Sourced {
    /// The kinds of the events added.
    pub added: Vec<EventKind>,
    /// Events an earlier import of the same source recorded, corrected to what the source
    /// says now ("sent 2026-10-01 → 2026-10-02").
    pub corrected: Vec<String>,
}

/// Adds events an importer found to one request, inside the importer's write. An event whose
/// source the request already has is the same event: left alone when unchanged, corrected when
/// the source now says otherwise (a date fixed in the group's sheet). An event of the same kind
/// on the same day, typed by someone or brought by another importer, is not added again. The
/// result must fit the request's sequence, or the whole import is refused with `label` (the
/// body, the file and line) named.
pub(super) fn add_sourced(
    w: &mut super::Writer,
    request_id: i64,
    label: &str,
    new: &[NewEvent],
) -> Result<Sourced> {
    struct Known {
        id: i64,
        kind: EventKind,
        on: NaiveDate,
        until: Option<NaiveDate>,
        source: String,
        outcome: String,
        note: String,
    }
    let known: Vec<Known> = {
        let mut stmt = w.tx.prepare_cached(
            "SELECT id, kind, on_date, until_date, source, outcome, note FROM events
             WHERE request_id = ?1 ORDER BY on_date, id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok((
                r.get::<i64>(0)?,
                word::<EventKind>(r, 1)?,
                date(r, 2)?,
                date(r, 3)?,
                text(r, 4)?,
                text(r, 5)?,
                text(r, 6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, on, until, source, outcome, note) = row?;
            if let Some(on) = on {
                out.push(Known {
                    id,
                    kind,
                    on,
                    until,
                    source,
                    outcome,
                    note,
                });
            }
        }
        out
    };
    let mut done = Sourced::default();
    let mut updates: Vec<(i64, &NewEvent)> = Vec::new();
    let mut fresh: Vec<&NewEvent> = Vec::new();
    for e in new {
        let same = (!e.source.is_empty())
            .then(|| known.iter().find(|k| k.source == e.source))
            .flatten();
        match same {
            Some(k) => {
                if k.on != e.on
                    || k.until != e.until
                    || k.note != e.note
                    || k.outcome != e.outcome.trim()
                {
                    updates.push((k.id, e));
                    let mut what = vec![];
                    if k.on != e.on {
                        what.push(format!("{} → {}", k.on, e.on));
                    }
                    if k.outcome != e.outcome.trim() {
                        what.push(format!("outcome '{}' → '{}'", k.outcome, e.outcome.trim()));
                    }
                    if k.note != e.note {
                        what.push("note edited".to_string());
                    }
                    done.corrected
                        .push(format!("{} {}", k.kind, what.join(", ")));
                }
            }
            None if known.iter().any(|k| k.kind == e.kind && k.on == e.on) => {}
            None if fresh.iter().any(|f| f.kind == e.kind && f.on == e.on) => {}
            None => fresh.push(e),
        }
    }
    if fresh.is_empty() && updates.is_empty() {
        return Ok(done);
    }
    // The request's events as they will be, in date order, checked as a whole.
    let mut seq: Vec<(NaiveDate, i64, ClockEvent)> = known
        .iter()
        .map(|k| {
            let (on, until) = updates
                .iter()
                .find(|(id, _)| *id == k.id)
                .map_or((k.on, k.until), |(_, e)| (e.on, e.until));
            (
                on,
                k.id,
                ClockEvent {
                    kind: k.kind,
                    on,
                    until,
                },
            )
        })
        .collect();
    for e in &fresh {
        seq.push((
            e.on,
            i64::MAX,
            ClockEvent {
                kind: e.kind,
                on: e.on,
                until: e.until,
            },
        ));
    }
    seq.sort_by_key(|(on, id, _)| (*on, *id));
    let events: Vec<ClockEvent> = seq.into_iter().map(|(_, _, c)| c).collect();
    check_sequence(&events)
        .map_err(|e| StoreError::Refused(format!("{label}: {e}. Nothing was imported")))?;
    let refuse = |why: String| StoreError::Refused(format!("{label}: {why}. Nothing was imported"));
    for (id, e) in &updates {
        let outcome = e.checked_outcome().map_err(refuse)?;
        w.update(
            "events",
            *id,
            "UPDATE events SET on_date = ?2, until_date = ?3, note = ?4, outcome = ?5 WHERE id = ?1",
            params![
                id,
                e.on.to_string(),
                e.until.map(|d| d.to_string()),
                e.note,
                outcome
            ],
        )?;
    }
    let author = w.author().to_string();
    for e in &fresh {
        let outcome = e.checked_outcome().map_err(refuse)?;
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
        done.added.push(e.kind);
    }
    Ok(done)
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
        use super::db::Optional;
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
        let rematch = if new.reference.trim().is_empty() || new.reference.trim() == old.reference {
            Vec::new()
        } else {
            self.rematch_plan(&[(request, new.reference.trim().to_string())])?
        };
        self.write(&format!("edit event {id} ({})", old.kind), |w| {
            super::matching::apply_rematch(w, &rematch)?;
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
            if edit
                .reference
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty())
            {
                w.update(
                    "requests",
                    request,
                    "UPDATE requests SET reference = ?2 WHERE id = ?1",
                    params![request, new.reference.trim()],
                )?;
            }
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
