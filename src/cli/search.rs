//! `foiboard search`: full-text search over answers and findings from the command line.

use anyhow::Result;
use clap::Args;

use crate::store::{Hit, HitKind, Store};
use crate::text;

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find (all must match; a word matches as a prefix; "quote a phrase").
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Only this campaign (slug).
    #[arg(long)]
    pub campaign: Option<String>,
    /// At most this many results.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

pub fn search(store: &Store, a: &SearchArgs) -> Result<()> {
    let campaign_id = a
        .campaign
        .as_deref()
        .map(|c| store.campaign(c))
        .transpose()?
        .map(|c| c.id);
    let query = a.words.join(" ");
    let hits = store.search(&query, campaign_id, a.limit)?;
    if a.json {
        let plain: Vec<Hit> = hits
            .into_iter()
            .map(|mut h| {
                h.snippet = h.plain();
                h
            })
            .collect();
        super::output::print_json(&plain)?;
        return Ok(());
    }
    if hits.is_empty() {
        println!("nothing found for {}", text::line(&query));
        return Ok(());
    }
    for h in &hits {
        let what = match (h.kind, h.finding_id) {
            (HitKind::Finding, Some(id)) => format!("finding {id}"),
            (HitKind::Message, _) => format!("reply #{}", h.message_id.unwrap_or_default()),
            _ => "answer".to_string(),
        };
        let question = if h.kind == HitKind::Message {
            String::new()
        } else {
            format!(" Q{}", h.question)
        };
        println!(
            "{}/{}{question} {what} · {}",
            text::line(&h.campaign),
            text::line(&h.ods_code),
            text::line(&h.body)
        );
        println!("    {}", marked(h, "[", "]"));
    }
    Ok(())
}

/// The snippet made safe to print, with its matched terms between `open` and `close`.
pub fn marked(hit: &Hit, open: &str, close: &str) -> String {
    hit.parts()
        .into_iter()
        .map(|(p, m)| {
            if m {
                format!("{open}{}{close}", text::line(p))
            } else {
                text::line(p)
            }
        })
        .collect()
}
