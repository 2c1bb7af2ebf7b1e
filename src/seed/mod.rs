//! First-run data: the NHS bodies, the bank holidays, and the first campaign with its codebook.
//! Every step is idempotent, so `init` twice leaves one copy of everything.

pub mod demo;
mod rng;
pub mod synthetic;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::import::campaign_file;
use crate::law::holidays::{
    parse_additions_csv, parse_govuk_json, SHIPPED_ADDITIONS_CSV, SHIPPED_GOVUK_JSON,
};
use crate::model::NewBody;
use crate::store::Store;

const ENGLAND_CSV: &str = include_str!("../../db/seed/nhs_bodies_england.csv");
const WALES_CSV: &str = include_str!("../../db/seed/nhs_bodies_wales_partial.csv");
/// The first campaign, in the users' own words.
/// The slug of the seeded campaign.
pub const CAMPAIGN_SLUG: &str = "palantir-fdp";
pub const CAMPAIGN_FILE: &str = include_str!("../../db/seed/campaign-palantir-fdp.md");

#[derive(Deserialize)]
struct EnglandRow {
    ods_code: String,
    name: String,
    kind: String,
    region: String,
    icb_code: String,
    icb_name: String,
    epr_supplier_2024: String,
    foi_email: String,
    wdtk_url_name: String,
    predecessor_codes: String,
}

#[derive(Deserialize)]
struct WalesRow {
    ods_code: String,
    name: String,
    kind: String,
    nation: String,
}

/// The seeded bodies.
pub fn bodies() -> Result<Vec<NewBody>> {
    let mut out = Vec::new();
    let mut rd = csv::Reader::from_reader(ENGLAND_CSV.as_bytes());
    for row in rd.deserialize::<EnglandRow>() {
        let r = row.context("the shipped list of English NHS bodies is malformed")?;
        out.push(NewBody {
            ods_code: r.ods_code,
            name: r.name,
            kind: r.kind,
            region: r.region,
            nation: "England".into(),
            icb_code: r.icb_code,
            icb_name: r.icb_name,
            epr_supplier: r.epr_supplier_2024,
            foi_email: r.foi_email,
            wdtk_url_name: r.wdtk_url_name,
            predecessor_codes: r.predecessor_codes,
            regime: None,
        });
    }
    let mut rd = csv::Reader::from_reader(WALES_CSV.as_bytes());
    for row in rd.deserialize::<WalesRow>() {
        let r = row.context("the shipped list of Welsh NHS bodies is malformed")?;
        out.push(NewBody {
            ods_code: r.ods_code,
            name: r.name,
            kind: r.kind,
            nation: r.nation,
            ..Default::default()
        });
    }
    Ok(out)
}

/// A colour per top-level tag family, so related tags read alike on screen.
fn colour_for(tag: &str) -> &'static str {
    match tag.split('/').next().unwrap_or("") {
        "fdp" => "cyan",
        "product" => "blue",
        "docs" => "green",
        "overlap" => "magenta",
        "trust" | "reputation" => "yellow",
        "refusal" => "red",
        _ => "white",
    }
}

/// What seeding added (all zero on a database already seeded).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    pub bodies: usize,
    pub holidays: usize,
    pub campaigns: usize,
    pub tags: usize,
}

/// Seeds what is missing.
pub fn seed(store: &mut Store) -> Result<Seeded> {
    let mut s = Seeded {
        bodies: store.seed_bodies(&bodies()?)?,
        ..Default::default()
    };
    let mut days = parse_govuk_json(SHIPPED_GOVUK_JSON).context("shipped holidays")?;
    days.extend(parse_additions_csv(SHIPPED_ADDITIONS_CSV).context("shipped holiday additions")?);
    s.holidays = store.seed_holidays(&days)?;
    let file = campaign_file::parse(CAMPAIGN_FILE).context("the shipped campaign file")?;
    if store.campaign(&file.slug).is_err() && store.setting("seeded_campaign")?.is_none() {
        store.seed_campaign(&file.slug, &file.title, &file.questions)?;
        s.campaigns = 1;
    }
    store.seed_setting("seeded_campaign", &file.slug)?;
    let tags: Vec<(String, String, String)> = file
        .tags
        .iter()
        .map(|(n, m)| (n.clone(), m.clone(), colour_for(n).to_string()))
        .collect();
    s.tags = store.seed_tags(&tags)?;
    Ok(s)
}
