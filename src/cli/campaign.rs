//! `init`, `bodies`, `campaign`, `history`, `undo`/`redo`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;

use super::UserError;
use crate::law::Regime;
use crate::model::NewBody;
use crate::store::{BodyFilter, Store};
use crate::text;

pub fn init(store: &mut Store, demo: bool) -> Result<()> {
    let s = crate::seed::seed(store)?;
    println!(
        "database ready at {}: {} bodies, {} holidays, {} campaign(s), {} tags added",
        store.location(),
        s.bodies,
        s.holidays,
        s.campaigns,
        s.tags
    );
    if demo {
        let n = crate::seed::demo::populate(store, crate::dates::today()?)?;
        println!("demo: {n} requests of palantir-fdp at every stage; `foiboard list palantir-fdp` shows them");
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct BodiesArgs {
    #[command(subcommand)]
    cmd: Option<BodiesCmd>,
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    search: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
enum BodiesCmd {
    /// Add a body that is not in the seed (e.g. a Scottish health board, regime foisa).
    Add {
        ods: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long, default_value = "")]
        region: String,
        #[arg(long, default_value = "England")]
        nation: String,
        #[arg(long, default_value = "")]
        foi_email: String,
        #[arg(long, default_value = "")]
        wdtk: String,
        #[arg(long, help = format!("{} (default: foisa for Scotland, foia elsewhere)", crate::law::Regime::word_list()))]
        regime: Option<String>,
    },
    /// Correct a body's details (undoable): only what is given changes.
    Edit {
        ods: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        foi_email: Option<String>,
        /// Its WhatDoTheyKnow name (the part after /body/ in its page's address).
        #[arg(long)]
        wdtk: Option<String>,
    },
}

pub fn bodies(store: &mut Store, a: BodiesArgs) -> Result<()> {
    if let Some(BodiesCmd::Edit {
        ods,
        name,
        kind,
        region,
        foi_email,
        wdtk,
    }) = a.cmd
    {
        let b = store.edit_body(
            &ods,
            &crate::store::BodyEdit {
                name,
                kind,
                region,
                foi_email,
                wdtk_url_name: wdtk,
            },
        )?;
        println!(
            "{} is now: {} · {} · {} · FOI email {} · WhatDoTheyKnow {} (`foiboard undo` takes it back)",
            text::line(&b.ods_code),
            text::line(&b.name),
            text::line(&b.kind),
            text::line(&b.region),
            text::line(&b.foi_email),
            text::line(&b.wdtk_url_name)
        );
        return Ok(());
    }
    if let Some(BodiesCmd::Add {
        ods,
        name,
        kind,
        region,
        nation,
        foi_email,
        wdtk,
        regime,
    }) = a.cmd
    {
        let regime: Option<Regime> = regime.as_deref().map(str::parse).transpose()?;
        let b = store.add_body(&NewBody {
            ods_code: ods,
            name,
            kind,
            region,
            nation,
            foi_email,
            wdtk_url_name: wdtk,
            regime,
            ..Default::default()
        })?;
        println!(
            "added {} {} ({})",
            text::line(&b.ods_code),
            text::line(&b.name),
            b.regime
        );
        return Ok(());
    }
    let list = store.bodies(&BodyFilter {
        kind: a.kind,
        region: a.region,
        search: a.search,
    })?;
    if a.json {
        super::output::print_json(&list)?;
        return Ok(());
    }
    for b in &list {
        println!(
            "{:<6} {:<60} {:<13} {:<24} {}",
            text::line(&b.ods_code),
            text::line(&b.name),
            text::line(&b.kind),
            text::line(&b.region),
            b.regime
        );
    }
    eprintln!("{} bodies", list.len());
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum CampaignCmd {
    /// The campaigns and their request counts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// A campaign's questions.
    Show {
        slug: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a campaign from a file (Title:, Slug: and numbered questions).
    Create {
        #[arg(long)]
        file: std::path::PathBuf,
    },
}

pub fn campaign(store: &mut Store, c: CampaignCmd) -> Result<()> {
    match c {
        CampaignCmd::List { json } => {
            let rows = store.campaign_sizes()?;
            if json {
                let v: Vec<_> = rows
                    .iter()
                    .map(|(c, r, q)| json!({"slug": c.slug, "title": c.title, "requests": r, "questions": q}))
                    .collect();
                super::output::print_json(&v)?;
            } else {
                for (c, r, q) in rows {
                    println!(
                        "{:<20} {:>4} requests  {} questions  {}",
                        text::line(&c.slug),
                        r,
                        q,
                        text::line(&c.title)
                    );
                }
            }
        }
        CampaignCmd::Show { slug, json } => {
            let c = store.campaign(&slug)?;
            let qs = store.questions(c.id)?;
            if json {
                super::output::print_json(
                    &json!({"slug": c.slug, "title": c.title, "questions": qs}),
                )?;
            } else {
                println!("{}\n{}\n", text::line(&c.slug), text::line(&c.title));
                for q in qs {
                    println!("Q{}. {}\n", q.number, text::line(&q.text));
                }
            }
        }
        CampaignCmd::Create { file } => {
            let body = super::read_text(&file, 1, "campaign file")?;
            let f = crate::import::campaign_file::parse(&body)
                .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
            let c = store.create_campaign(&f.slug, &f.title, &f.questions)?;
            println!(
                "created campaign {} with {} questions; add requests with `foiboard request add {}/all`",
                c.slug,
                f.questions.len(),
                c.slug
            );
        }
    }
    Ok(())
}

pub fn history(store: &Store, limit: usize, json: bool) -> Result<()> {
    let h = store.history(limit)?;
    if json {
        super::output::print_json(&h)?;
        return Ok(());
    }
    for c in h {
        println!(
            "{:>5}  {}  {:<12} {}{}",
            c.id,
            text::line(&c.at),
            text::line(&c.author),
            text::line(&c.summary),
            if c.undone { "  (undone)" } else { "" }
        );
    }
    Ok(())
}

pub fn undo(store: &mut Store, id: Option<i64>, undo: bool) -> Result<()> {
    let id = match id {
        Some(id) => id,
        None => {
            let found = if undo {
                store.last_undoable()?
            } else {
                store.last_redoable()?
            };
            found.ok_or_else(|| {
                UserError(format!(
                    "nothing of yours to {}: `foiboard history` lists the changes",
                    if undo { "undo" } else { "redo" }
                ))
            })?
        }
    };
    let summary = if undo {
        store.undo(id)?
    } else {
        store.redo(id)?
    };
    println!(
        "{} change {id}: {}",
        if undo { "undid" } else { "redid" },
        text::line(&summary)
    );
    Ok(())
}
