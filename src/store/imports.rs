//! Requests brought in from outside (WhatDoTheyKnow pages, a group's spreadsheet): each
//! import one change, all or nothing, and importing the same thing again changes nothing.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::events::add_sourced;
use super::history::now;
use super::{Result, Store, StoreError, Writer};
use crate::import::wdtk::WdtkRequest;
use crate::model::{Campaign, NewEvent};

/// What an import did to a campaign's requests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestsImported {
    pub created: usize,
    pub updated: usize,
    pub events: usize,
    pub unchanged: usize,
}

/// One request's worth of an import: the body, what to set, the events, and where it came
/// from (for errors).
#[derive(Debug, Clone, Default)]
pub struct RequestImport {
    pub body_id: i64,
    pub label: String,
    pub wdtk_url: Option<String>,
    pub reference: Option<String>,
    pub events: Vec<NewEvent>,
}

impl Store {
    /// Records WhatDoTheyKnow pages (`(file, page)`) in `campaign`: each page's body found by
    /// its WhatDoTheyKnow name, its request created if need be, its URL stored, its events
    /// added.
    pub fn import_wdtk(
        &mut self,
        campaign: &Campaign,
        pages: &[(String, WdtkRequest)],
    ) -> Result<RequestsImported> {
        let bodies: HashMap<String, i64> = self
            .bodies(&super::BodyFilter::default())?
            .into_iter()
            .filter(|b| !b.wdtk_url_name.is_empty())
            .map(|b| (b.wdtk_url_name.to_lowercase(), b.id))
            .collect();
        let mut plan = Vec::new();
        for (file, page) in pages {
            let body_id = *bodies.get(&page.body.to_lowercase()).ok_or_else(|| {
                StoreError::Invalid(format!(
                    "{file}: no body here has the WhatDoTheyKnow name '{}': check `foiboard bodies --search` and the page's authority. Nothing was imported",
                    page.body
                ))
            })?;
            plan.push(RequestImport {
                body_id,
                label: format!("{file} ({})", page.body),
                wdtk_url: Some(page.url.clone()),
                reference: None,
                events: page.events.clone(),
            });
        }
        self.import_requests(
            campaign,
            &format!("import {} WhatDoTheyKnow page(s)", pages.len()),
            &plan,
        )
    }

    /// Applies `plan` to `campaign` as one change.
    pub fn import_requests(
        &mut self,
        campaign: &Campaign,
        summary: &str,
        plan: &[RequestImport],
    ) -> Result<RequestsImported> {
        let cid = campaign.id;
        self.write(summary, |w| {
            let mut done = RequestsImported::default();
            for item in plan {
                let (id, created) = request_for(w, cid, item)?;
                let mut changed = created;
                if let Some(url) = item.wdtk_url.as_deref().filter(|u| !u.is_empty()) {
                    changed |= set_if_different(w, id, "wdtk_url", url)?;
                }
                if let Some(r) = item.reference.as_deref().filter(|r| !r.trim().is_empty()) {
                    changed |= set_if_different(w, id, "reference", r.trim())?;
                }
                let n = add_sourced(w, id, &item.label, &item.events)?;
                done.events += n;
                if created {
                    done.created += 1;
                } else if changed || n > 0 {
                    done.updated += 1;
                } else {
                    done.unchanged += 1;
                }
            }
            Ok(done)
        })
    }
}

/// The campaign's request for the body (or the one carrying the same WhatDoTheyKnow page),
/// created if there is none; and whether it was created.
fn request_for(w: &mut Writer, campaign: i64, item: &RequestImport) -> Result<(i64, bool)> {
    let by_url = match item.wdtk_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => {
            w.tx.query_row(
                "SELECT id FROM requests WHERE campaign_id = ?1 AND wdtk_url = ?2",
                params![campaign, url],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        }
        None => None,
    };
    let existing = match by_url {
        Some(id) => Some(id),
        None => {
            w.tx.query_row(
                "SELECT id FROM requests WHERE campaign_id = ?1 AND body_id = ?2",
                params![campaign, item.body_id],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        }
    };
    if let Some(id) = existing {
        return Ok((id, false));
    }
    let id = w
        .insert(
            "requests",
            "INSERT INTO requests (campaign_id, body_id, created_at) VALUES (?1, ?2, ?3)",
            params![campaign, item.body_id, now()],
        )?
        .ok_or_else(|| {
            StoreError::Conflict(format!("{}: the request could not be created", item.label))
        })?;
    Ok((id, true))
}

/// Sets a text column of a request when it differs; whether it did.
fn set_if_different(w: &mut Writer, id: i64, column: &str, value: &str) -> Result<bool> {
    let sql = match column {
        "wdtk_url" => "UPDATE requests SET wdtk_url = ?2 WHERE id = ?1 AND wdtk_url <> ?2",
        "reference" => "UPDATE requests SET reference = ?2 WHERE id = ?1 AND reference <> ?2",
        other => {
            return Err(StoreError::Invalid(format!(
                "an import cannot set the column '{other}'"
            )))
        }
    };
    Ok(w.update("requests", id, sql, params![id, value])? > 0)
}
