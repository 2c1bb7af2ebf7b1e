//! Requests (one per campaign and body) and the selectors that name many at once.

use std::str::FromStr;

use super::db::{params, Optional};
use serde::Serialize;

use super::bodies::{body_from, BODY_COLUMNS};
use super::history::now;
use super::rows::text;
use super::{Result, Store, StoreError};
use crate::law::Regime;
use crate::model::{Body, Campaign};

/// Which bodies, or which of a campaign's requests, a command means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    Kind(String),
    Region(String),
    Nation(String),
    Ods(Vec<String>),
}

impl FromStr for Selector {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        let bad = || {
            StoreError::Invalid(format!(
                "'{s}' is not a selector: use all, kind:K, region:R, nation:N, ods:A,B or one ODS code"
            ))
        };
        if s.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some((k, v)) = s.split_once(':') {
            let v = v.trim();
            if v.is_empty() {
                return Err(bad());
            }
            return match k.trim().to_ascii_lowercase().as_str() {
                "kind" => Ok(Selector::Kind(v.to_string())),
                "region" => Ok(Selector::Region(v.to_string())),
                "nation" => Ok(Selector::Nation(v.to_string())),
                "ods" => {
                    let codes: Vec<String> = v
                        .split(',')
                        .map(|c| c.trim().to_ascii_uppercase())
                        .filter(|c| !c.is_empty())
                        .collect();
                    if codes.is_empty()
                        || codes
                            .iter()
                            .any(|c| !c.chars().all(|ch| ch.is_ascii_alphanumeric()))
                    {
                        Err(bad())
                    } else {
                        Ok(Selector::Ods(codes))
                    }
                }
                _ => Err(bad()),
            };
        }
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(Selector::Ods(vec![s.to_ascii_uppercase()]));
        }
        Err(bad())
    }
}

impl Selector {
    fn matches(&self, b: &Body) -> bool {
        match self {
            Selector::All => true,
            Selector::Kind(k) => b.kind.eq_ignore_ascii_case(k),
            Selector::Region(r) => b.region.eq_ignore_ascii_case(r),
            Selector::Nation(n) => b.nation.eq_ignore_ascii_case(n),
            Selector::Ods(codes) => codes.iter().any(|c| c.eq_ignore_ascii_case(&b.ods_code)),
        }
    }

    /// Filters `bodies`; an ODS code that names nothing, or a selector that matches nothing,
    /// is an error (a typo must not silently do nothing).
    fn pick(&self, bodies: Vec<Body>, what: &str) -> Result<Vec<Body>> {
        if let Selector::Ods(codes) = self {
            for c in codes {
                if !bodies.iter().any(|b| b.ods_code.eq_ignore_ascii_case(c)) {
                    return Err(StoreError::NotFound(format!(
                        "no {what} for ODS code {c}: `foiboard bodies --search` finds a body's code"
                    )));
                }
            }
        }
        let out: Vec<Body> = bodies.into_iter().filter(|b| self.matches(b)).collect();
        if out.is_empty() {
            let hint = match self {
                Selector::Kind(_) => " (kinds: acute, ambulance, community, icb, mental_health, specialist, other, health_board, trust)",
                Selector::Region(_) => " (regions: London, South East, South West, Midlands, East of England, North West, North East and Yorkshire)",
                Selector::Nation(_) => " (nations: England, Wales, Scotland, Northern Ireland)",
                _ => "",
            };
            return Err(StoreError::NotFound(format!(
                "no {what} matches that selector{hint}"
            )));
        }
        Ok(out)
    }
}

/// A request and its body, as selectors resolve them.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRef {
    pub id: i64,
    pub body: Body,
    pub reference: String,
    pub regime: Regime,
    pub wdtk_url: String,
}

/// Everything about one request.
#[derive(Debug, Clone)]
pub struct RequestDetail {
    pub campaign: Campaign,
    pub request: RequestRef,
}

impl Store {
    /// Creates the campaign's requests for the selected bodies; existing ones are skipped.
    /// Returns (created, skipped).
    pub fn add_requests(&mut self, campaign: &Campaign, sel: &Selector) -> Result<(usize, usize)> {
        let bodies = sel.pick(self.bodies(&Default::default())?, "body")?;
        let summary = format!("add requests to {}", campaign.slug);
        self.write(&summary, |w| {
            let (mut created, mut skipped) = (0, 0);
            for b in &bodies {
                match w.insert(
                    "requests",
                    "INSERT INTO requests (campaign_id, body_id, created_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(campaign_id, body_id) DO NOTHING",
                    params![campaign.id, b.id, now()],
                )? {
                    Some(_) => created += 1,
                    None => skipped += 1,
                }
            }
            Ok((created, skipped))
        })
    }

    /// The campaign's requests for the selected bodies, by body name.
    pub fn select_requests(&self, campaign: &Campaign, sel: &Selector) -> Result<Vec<RequestRef>> {
        let all = self.campaign_requests(campaign.id)?;
        if let Selector::Ods(codes) = sel {
            for c in codes {
                if !all.iter().any(|r| r.body.ods_code.eq_ignore_ascii_case(c)) {
                    return Err(match self.body_by_ods(c)? {
                        Some(_) => StoreError::NotFound(format!(
                            "{c} has no request in {}: `foiboard request add {}/{c}` creates it",
                            campaign.slug, campaign.slug
                        )),
                        None => StoreError::NotFound(format!(
                            "no body has ODS code {c}: `foiboard bodies --search` finds a body's code"
                        )),
                    });
                }
            }
        }
        let out: Vec<RequestRef> = all.into_iter().filter(|r| sel.matches(&r.body)).collect();
        if out.is_empty() {
            return Err(StoreError::NotFound(format!(
                "no request of {} matches that selector",
                campaign.slug
            )));
        }
        Ok(out)
    }

    /// One request by campaign and ODS code.
    pub fn request(&self, campaign: &Campaign, ods: &str) -> Result<RequestRef> {
        let mut v = self.select_requests(
            campaign,
            &Selector::Ods(vec![ods.trim().to_ascii_uppercase()]),
        )?;
        v.pop()
            .ok_or_else(|| StoreError::NotFound(format!("no request for {ods}")))
    }

    pub fn request_by_id(&self, id: i64) -> Result<Option<RequestDetail>> {
        let row: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT c.id, c.slug, c.title FROM requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = ?1",
                [id],
                |r| Ok((r.get(0)?, text(r, 1)?, text(r, 2)?)),
            )
            .optional()?;
        let Some((cid, slug, title)) = row else {
            return Ok(None);
        };
        let campaign = Campaign {
            id: cid,
            slug,
            title,
        };
        let request = self
            .campaign_requests(cid)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("request {id} vanished")))?;
        Ok(Some(RequestDetail { campaign, request }))
    }

    /// All requests of a campaign with their bodies, by body name.
    pub fn campaign_requests(&self, campaign_id: i64) -> Result<Vec<RequestRef>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.id, r.reference, r.regime, r.wdtk_url, {BODY_COLUMNS}
             FROM requests r JOIN bodies b ON b.id = r.body_id
             WHERE r.campaign_id = ?1 ORDER BY b.name"
        ))?;
        let rows = stmt.query_map([campaign_id], |r| {
            let body = body_from(r, 4)?;
            let regime = text(r, 2)?.parse().unwrap_or(body.regime);
            Ok(RequestRef {
                id: r.get(0)?,
                reference: text(r, 1)?,
                regime,
                wdtk_url: text(r, 3)?,
                body,
            })
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// Sets the regime a request is answered under (EIR when the information is environmental).
    pub fn set_request_regime(&mut self, request_id: i64, regime: Regime) -> Result<()> {
        self.write(&format!("set regime {regime}"), |w| {
            w.update(
                "requests",
                request_id,
                "UPDATE requests SET regime = ?2 WHERE id = ?1",
                params![request_id, regime.as_str()],
            )
        })?;
        Ok(())
    }
}
