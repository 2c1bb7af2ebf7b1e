//! Public bodies: the seeded NHS trusts and ICBs, and any a user adds.

use super::db::Value;
use super::db::{params, params_from_iter, Optional, Row};

use super::rows::{text, word};
use super::{Result, Store, StoreError};
use crate::law::Regime;
use crate::model::{short_name, Body, NewBody};

pub(super) const BODY_COLUMNS: &str = "b.id, b.ods_code, b.name, b.short_name, b.kind, b.region, \
     b.nation, b.icb_code, b.icb_name, b.epr_supplier, b.foi_email, b.wdtk_url_name, \
     b.predecessor_codes, b.regime";

/// Reads a body from columns `start..start+14` laid out as [`BODY_COLUMNS`].
pub(super) fn body_from(row: &Row, start: usize) -> super::db::Result<Body> {
    Ok(Body {
        id: row.get(start)?,
        ods_code: text(row, start + 1)?,
        name: text(row, start + 2)?,
        short_name: text(row, start + 3)?,
        kind: text(row, start + 4)?,
        region: text(row, start + 5)?,
        nation: text(row, start + 6)?,
        icb_code: text(row, start + 7)?,
        icb_name: text(row, start + 8)?,
        epr_supplier: text(row, start + 9)?,
        foi_email: text(row, start + 10)?,
        wdtk_url_name: text(row, start + 11)?,
        predecessor_codes: text(row, start + 12)?,
        regime: word(row, start + 13)?,
    })
}

/// A correction to a body's details.
#[derive(Debug, Clone, Default)]
pub struct BodyEdit {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub region: Option<String>,
    pub foi_email: Option<String>,
    pub wdtk_url_name: Option<String>,
}

/// Which bodies a listing wants.
#[derive(Debug, Clone, Default)]
pub struct BodyFilter {
    pub kind: Option<String>,
    pub region: Option<String>,
    pub search: Option<String>,
}

pub(super) const INSERT_BODY: &str =
    "INSERT INTO bodies (ods_code, name, short_name, kind, region, nation,
    icb_code, icb_name, epr_supplier, foi_email, wdtk_url_name, predecessor_codes, regime)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
    ON CONFLICT(ods_code) DO NOTHING";

/// The values of [`INSERT_BODY`], in its order.
pub(super) fn body_values(ods: &str, b: &NewBody) -> Vec<Value> {
    let t = |s: &str| Value::Text(s.trim().to_string());
    vec![
        t(ods),
        t(&b.name),
        t(&short_name(&b.name)),
        t(&b.kind),
        t(&b.region),
        t(&b.nation),
        t(&b.icb_code),
        t(&b.icb_name),
        t(&b.epr_supplier),
        t(&b.foi_email),
        t(&b.wdtk_url_name),
        t(&b.predecessor_codes),
        t(regime_for(b).as_str()),
    ]
}

fn regime_for(b: &NewBody) -> Regime {
    b.regime
        .unwrap_or(if b.nation.eq_ignore_ascii_case("scotland") {
            Regime::Foisa
        } else {
            Regime::Foia
        })
}

impl Store {
    /// Inserts seed bodies that are not there yet (by ODS code); returns how many were new.
    /// Seeding is not a user change, so it is not in the undo history.
    pub fn seed_bodies(&mut self, bodies: &[NewBody]) -> Result<usize> {
        self.load(|w| {
            let mut stmt = w.tx.prepare(INSERT_BODY)?;
            let mut n = 0;
            for b in bodies {
                n += stmt.execute(params_from_iter(body_values(&b.ods_code, b)))?;
            }
            Ok(n)
        })
    }

    /// Adds a body that is not in the seed (a Scottish board, a council...).
    pub fn add_body(&mut self, b: &NewBody) -> Result<Body> {
        let ods = b.ods_code.trim().to_ascii_uppercase();
        if ods.is_empty() || !ods.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(StoreError::Invalid(format!(
                "'{}' is not an ODS code: use letters and digits only, e.g. SB0801",
                b.ods_code
            )));
        }
        if b.name.trim().is_empty() {
            return Err(StoreError::Invalid("a body needs a name (--name)".into()));
        }
        if self.body_by_ods(&ods)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "a body with ODS code {ods} already exists"
            )));
        }
        let summary = format!("add body {ods}");
        self.write(&summary, |w| {
            w.insert(
                "bodies",
                INSERT_BODY,
                params_from_iter(body_values(&ods, b)),
            )
        })?;
        self.body_by_ods(&ods)?
            .ok_or_else(|| StoreError::NotFound(format!("body {ods} vanished after it was added")))
    }

    /// Corrects a body's details as one undoable change: each `Some` replaces what is there.
    pub fn edit_body(&mut self, ods: &str, edit: &BodyEdit) -> Result<Body> {
        let ods = ods.trim().to_ascii_uppercase();
        let body = self.body_by_ods(&ods)?.ok_or_else(|| {
            StoreError::NotFound(format!(
                "no body has ODS code {ods}: `foiboard bodies --search NAME` finds it"
            ))
        })?;
        if edit.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(StoreError::Invalid("a body needs a name".into()));
        }
        if let Some(email) = edit.foi_email.as_deref().map(str::trim) {
            let plausible = email.is_empty()
                || (email.split('@').count() == 2
                    && email.split('@').all(|part| !part.is_empty())
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control()));
            if !plausible {
                return Err(StoreError::Invalid(format!(
                    "'{}' is not an email address: write it as foi@trust.nhs.uk (or nothing, to clear it)",
                    crate::text::line(email)
                )));
            }
        }
        let keep = |new: &Option<String>, old: &str| {
            new.as_deref()
                .map_or(old.to_string(), |v| v.trim().to_string())
        };
        let name = keep(&edit.name, &body.name);
        let short = if edit.name.is_some() {
            short_name(&name)
        } else {
            body.short_name.clone()
        };
        let values = (
            name,
            short,
            keep(&edit.kind, &body.kind),
            keep(&edit.region, &body.region),
            keep(&edit.foi_email, &body.foi_email),
            keep(&edit.wdtk_url_name, &body.wdtk_url_name),
        );
        self.write(&format!("edit body {ods}"), |w| {
            w.update(
                "bodies",
                body.id,
                "UPDATE bodies SET name = ?2, short_name = ?3, kind = ?4, region = ?5,
                        foi_email = ?6, wdtk_url_name = ?7 WHERE id = ?1",
                params![body.id, values.0, values.1, values.2, values.3, values.4, values.5],
            )?;
            Ok(())
        })?;
        self.body_by_ods(&ods)?
            .ok_or_else(|| StoreError::NotFound(format!("body {ods} vanished after its edit")))
    }

    pub fn body_by_ods(&self, ods: &str) -> Result<Option<Body>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {BODY_COLUMNS} FROM bodies b WHERE upper(b.ods_code) = upper(?1)"),
                [ods.trim()],
                |r| body_from(r, 0),
            )
            .optional()?)
    }

    /// Bodies matching the filter, by name.
    /// Bodies by kind and region (SQL, with only the filters given), and matching a search
    /// by name, code, ICB, a common short name or acronym, or an earlier code.
    pub fn bodies(&self, f: &BodyFilter) -> Result<Vec<Body>> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        if let Some(k) = f.kind.as_deref() {
            values.push(k.trim().to_string());
            clauses.push("lower(b.kind) = lower(?N)");
        }
        if let Some(r) = f.region.as_deref() {
            values.push(format!("%{}%", r.trim()));
            clauses.push("b.region LIKE ?N");
        }
        let mut sql = format!("SELECT {BODY_COLUMNS} FROM bodies b");
        for (i, c) in clauses.iter().enumerate() {
            sql.push_str(if i == 0 { " WHERE " } else { " AND " });
            sql.push_str(&c.replace("?N", &format!("?{}", i + 1)));
        }
        sql.push_str(" ORDER BY b.name");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(&values), |r| body_from(r, 0))?;
        let all: Vec<Body> = rows.collect::<super::db::Result<_>>()?;
        let Some(search) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(all);
        };
        let needle = search.to_lowercase();
        let matcher = super::BodyMatcher::new(&all);
        Ok(all
            .iter()
            .filter(|b| {
                [&b.name, &b.ods_code, &b.icb_name]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
                    || matcher.alias_or_old_code(b.id, search)
            })
            .cloned()
            .collect())
    }
}
