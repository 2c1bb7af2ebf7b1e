//! Requests brought in from outside (WhatDoTheyKnow pages, a group's spreadsheet): each
//! import one change, all or nothing, and importing the same thing again changes nothing.

use std::collections::HashMap;

use super::db::{params, Optional};

use super::events::add_sourced;
use super::history::now;
use super::{Result, Store, StoreError, Writer};
use crate::model::records::WdtkRequest;
use crate::model::{Campaign, NewEvent};

/// What an import did to a campaign's requests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestsImported {
    pub created: usize,
    pub updated: usize,
    pub events: usize,
    pub unchanged: usize,
    /// One line per request changed, for a dry run to show.
    pub changes: Vec<String>,
    /// Events added, by kind.
    pub per_kind: std::collections::BTreeMap<String, usize>,
    /// Events an earlier import of the same source recorded and this one corrected.
    pub corrected: Vec<String>,
}

/// One request's worth of an import: the body, what to set, the events, and where it came
/// from (for errors).
#[derive(Debug, Clone, Default)]
pub struct RequestImport {
    pub body_id: i64,
    pub label: String,
    pub wdtk_url: Option<String>,
    pub reference: Option<String>,
    /// The law the request was made under, when the source says (WhatDoTheyKnow's EIR).
    pub regime: Option<crate::law::Regime>,
    pub events: Vec<NewEvent>,
}

/// What became of one WhatDoTheyKnow page: what it changed, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImported {
    pub file: String,
    pub outcome: std::result::Result<RequestsImported, String>,
}

impl Store {
    /// Records WhatDoTheyKnow pages (`(file, page)`) in `campaign`, each page its own change,
    /// all or nothing: a page that disagrees with what is recorded is refused with the reason
    /// and the others still go in. A page is filed under the campaign's request for its body
    /// (or the one carrying its address); with no such request it is refused unless `add`
    /// says to create one. A page already filed under another campaign is refused.
    pub fn import_wdtk(
        &mut self,
        campaign: &Campaign,
        pages: &[(String, WdtkRequest)],
        add: bool,
    ) -> Result<Vec<PageImported>> {
        let bodies: HashMap<String, i64> = self
            .bodies(&super::BodyFilter::default())?
            .into_iter()
            .filter(|b| !b.wdtk_url_name.is_empty())
            .map(|b| (b.wdtk_url_name.to_lowercase(), b.id))
            .collect();
        let mut out = Vec::new();
        for (file, page) in pages {
            let outcome = match self.import_wdtk_page(campaign, &bodies, file, page, add) {
                Ok(done) => Ok(done),
                Err(e) if e.is_user_error() => Err(e.to_string()),
                Err(e) => return Err(e),
            };
            out.push(PageImported {
                file: file.clone(),
                outcome,
            });
        }
        Ok(out)
    }

    fn import_wdtk_page(
        &mut self,
        campaign: &Campaign,
        bodies: &HashMap<String, i64>,
        file: &str,
        page: &WdtkRequest,
        add: bool,
    ) -> Result<RequestsImported> {
        let body_id = *bodies.get(&page.body.to_lowercase()).ok_or_else(|| {
            StoreError::Invalid(format!(
                "{file}: no body here has the WhatDoTheyKnow name '{}': check `foiboard bodies --search` and the page's authority, or set it with `foiboard bodies edit ODS --wdtk {}`",
                page.body, page.body
            ))
        })?;
        let elsewhere: Option<String> = self
            .conn
            .query_row(
                "SELECT c.slug FROM requests r JOIN campaigns c ON c.id = r.campaign_id
                 WHERE r.wdtk_url = ?1 AND r.campaign_id <> ?2 LIMIT 1",
                params![page.url, campaign.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = elsewhere {
            return Err(StoreError::Refused(format!(
                "{file}: this page is filed under the campaign '{other}' already, not '{}'",
                campaign.slug
            )));
        }
        let known: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM requests WHERE campaign_id = ?1 AND (wdtk_url = ?2 OR body_id = ?3)
                 LIMIT 1",
                params![campaign.id, page.url, body_id],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() && !add {
            return Err(StoreError::Refused(format!(
                "{file}: '{}' has no request in the campaign '{}': add --add to create one, or check that the page belongs to this campaign",
                page.body, campaign.slug
            )));
        }
        let plan = [RequestImport {
            body_id,
            label: format!("{file} ({})", page.body),
            wdtk_url: Some(page.url.clone()),
            reference: None,
            regime: page.regime,
            events: page.events.clone(),
        }];
        self.import_requests(
            campaign,
            &format!("import WhatDoTheyKnow page {}", page.url),
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
        self.apply_requests(campaign, summary, plan, false)
    }

    /// Applies `plan`, or with `dry_run` only works out what it would do.
    pub(super) fn apply_requests(
        &mut self,
        campaign: &Campaign,
        summary: &str,
        plan: &[RequestImport],
        dry_run: bool,
    ) -> Result<RequestsImported> {
        let cid = campaign.id;
        let apply = |w: &mut Writer| {
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
                if let Some(regime) = item.regime {
                    changed |= set_if_different(w, id, "regime", regime.as_str())?;
                }
                let sourced = add_sourced(w, id, &item.label, &item.events)?;
                let n = sourced.added.len();
                done.events += n;
                for k in &sourced.added {
                    *done.per_kind.entry(k.as_str().to_string()).or_default() += 1;
                }
                for c in &sourced.corrected {
                    done.corrected.push(format!("{}: {c}", item.label));
                }
                changed |= !sourced.corrected.is_empty();
                let what = match (created, changed || n > 0) {
                    (true, _) => {
                        done.created += 1;
                        "new request"
                    }
                    (false, true) => {
                        done.updated += 1;
                        "updated"
                    }
                    (false, false) => {
                        done.unchanged += 1;
                        continue;
                    }
                };
                done.changes
                    .push(format!("{}: {what}, {n} new event(s)", item.label));
            }
            Ok(done)
        };
        if dry_run {
            self.rehearse(summary, apply)
        } else {
            self.write(summary, apply)
        }
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
                |r| r.get::<i64>(0),
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
                |r| r.get::<i64>(0),
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
        "regime" => "UPDATE requests SET regime = ?2 WHERE id = ?1 AND regime IS NOT ?2",
        other => {
            return Err(StoreError::Invalid(format!(
                "an import cannot set the column '{other}'"
            )))
        }
    };
    Ok(w.update("requests", id, sql, params![id, value])? > 0)
}
