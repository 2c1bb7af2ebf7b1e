//! `foiboard sync wdtk CAMPAIGN`: fetches the WhatDoTheyKnow page of every request that has
//! one, politely (one at a time, a pause between), and records what is new. The only command
//! that uses the network, and only to WhatDoTheyKnow.

use std::time::Duration;

use anyhow::Result;
use clap::Subcommand;

use crate::import::wdtk::{self, SITE};
use crate::store::Store;

#[derive(Subcommand, Debug)]
pub enum SyncCmd {
    /// Fetch every request's WhatDoTheyKnow page in CAMPAIGN and record new events.
    Wdtk {
        campaign: String,
        /// Seconds to wait between two pages (be kind to a volunteer-run site).
        #[arg(long, default_value_t = 2.0)]
        delay: f64,
    },
}

/// Where pages are fetched from: WhatDoTheyKnow, or `FOIBOARD_WDTK_BASE` in tests (a local
/// server standing in for the site; nothing else is ever contacted).
fn base() -> String {
    std::env::var("FOIBOARD_WDTK_BASE")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| SITE.to_string())
}

pub fn sync(store: &mut Store, cmd: SyncCmd) -> Result<()> {
    let SyncCmd::Wdtk { campaign, delay } = cmd;
    if !(0.0..=600.0).contains(&delay) {
        return Err(super::UserError("--delay is in seconds, from 0 to 600".into()).into());
    }
    let campaign = store.campaign(&campaign)?;
    let requests: Vec<_> = store
        .campaign_requests(campaign.id)?
        .into_iter()
        .filter(|r| !r.wdtk_url.is_empty())
        .collect();
    if requests.is_empty() {
        println!(
            "no request in {} has a WhatDoTheyKnow page yet: `foiboard import wdtk FILE --campaign {}` records one",
            campaign.slug, campaign.slug
        );
        return Ok(());
    }
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!(
            "foiboard/",
            env!("CARGO_PKG_VERSION"),
            " (FOI campaign tracker)"
        ))
        .build();
    let prefix = format!("{SITE}/request/");
    let mut pages = Vec::new();
    let mut failed = Vec::new();
    for (i, r) in requests.iter().enumerate() {
        // A request page's title is letters, digits, '_' and '-': anything else is not one of
        // the site's pages and is never put into an address.
        let title = r.wdtk_url.strip_prefix(&prefix).filter(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        let Some(title) = title else {
            failed.push(format!(
                "{}: '{}' is not a WhatDoTheyKnow request page, not fetched",
                r.body.ods_code, r.wdtk_url
            ));
            continue;
        };
        if i > 0 && delay > 0.0 {
            std::thread::sleep(Duration::from_secs_f64(delay));
        }
        let url = format!("{}/request/{title}.json", base());
        match agent.get(&url).call() {
            // A page that cannot be read is passed over like a missing one: the others still go in.
            Ok(resp) => match resp.into_string() {
                Ok(text) => match wdtk::parse(&url, &text) {
                    Ok(page) => pages.push((format!("{} ({})", url, r.body.ods_code), page)),
                    Err(e) => failed.push(format!(
                        "{}: the page is not what WhatDoTheyKnow sends (line {}: {})",
                        r.body.ods_code, e.line, e.why
                    )),
                },
                Err(e) => failed.push(format!(
                    "{}: the page could not be read ({e})",
                    r.body.ods_code
                )),
            },
            Err(ureq::Error::Status(code, _)) => failed.push(format!(
                "{}: WhatDoTheyKnow answered {code} for {url}",
                r.body.ods_code
            )),
            Err(ureq::Error::Transport(t)) => {
                return Err(anyhow::anyhow!(
                    "cannot reach WhatDoTheyKnow ({t}): check the internet connection and try again. Nothing was changed"
                ))
            }
        }
    }
    let results = store.import_wdtk(&campaign, &pages, false)?;
    let (done, refused) = super::import::tally(&results);
    println!(
        "{} page(s) fetched: {} new event(s), {} request(s) updated, {} unchanged",
        pages.len() - refused,
        done.events,
        done.updated,
        done.unchanged
    );
    for f in &failed {
        // Addresses and messages here come from stored records and the site: sanitized.
        eprintln!("not synced: {}", crate::text::line(f));
    }
    super::import::explain_pages(&pages, &results)
}
