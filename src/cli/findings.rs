//! `answer`, `finding`, `tags`.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::split_target;
use crate::model::Outcome;
use crate::store::{FindingFilter, Store};
use crate::text;

#[derive(Args, Debug)]
pub struct AnswerArgs {
    /// CAMPAIGN/ODS; or `suggest`, then CAMPAIGN/SELECTOR: read each selected request's
    /// latest reply and store what it proposes for each question (and its answers' texts).
    target: String,
    /// With `suggest`: CAMPAIGN/SELECTOR (all, ods:RJ1,RGT, kind:icb, ...).
    selection: Option<String>,
    #[arg(long)]
    question: Option<u32>,
    #[arg(long, help = crate::model::Outcome::word_list())]
    outcome: Option<String>,
    /// An exemption cited (s43, s.12, reg 12(5)(e)...); repeat for several.
    #[arg(long = "exemption")]
    exemptions: Vec<String>,
    #[arg(long, conflicts_with = "text_file")]
    text: Option<String>,
    #[arg(long)]
    text_file: Option<std::path::PathBuf>,
}

/// Answer texts larger than this are refused: a letter is kilobytes, not megabytes.
const MAX_TEXT: u64 = 4 * 1024 * 1024;

pub fn answer(store: &mut Store, a: &AnswerArgs) -> Result<()> {
    if a.target == "suggest" {
        let Some(selection) = &a.selection else {
            return Err(super::UserError(
                "say which requests: foiboard answer suggest CAMPAIGN/SELECTOR (e.g. palantir-fdp/all)".into(),
            )
            .into());
        };
        return super::suggest::answer_suggest(store, selection);
    }
    let (Some(question), Some(outcome)) = (a.question, &a.outcome) else {
        return Err(super::UserError(
            "an answer needs --question N and --outcome WORD (or: foiboard answer suggest CAMPAIGN/SELECTOR)".into(),
        )
        .into());
    };
    let (slug, ods) = split_target(&a.target)?;
    let campaign = store.campaign(&slug)?;
    let req = store.request(&campaign, &ods)?;
    let outcome: Outcome = outcome.parse()?;
    let body = match (&a.text, &a.text_file) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(f)) => {
            let bytes = super::read_file(f, MAX_TEXT / (1024 * 1024), "answer text")?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        (None, None) => None,
    };
    store.set_answer(req.id, question, outcome, &a.exemptions, body.as_deref())?;
    println!(
        "Q{} of {}: {}",
        question,
        text::line(&req.body.ods_code),
        outcome.label()
    );
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum FindingCmd {
    /// Tag what an answer reveals.
    Add {
        /// CAMPAIGN/ODS
        target: String,
        #[arg(long)]
        question: u32,
        #[arg(long = "tag", required = true)]
        tags: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        quote: String,
    },
    /// Findings, optionally of one campaign, tag (and its children) or question.
    List {
        campaign: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        question: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a finding (undo brings it back with its tags).
    Remove { id: i64 },
}

pub fn finding(store: &mut Store, c: FindingCmd) -> Result<()> {
    match c {
        FindingCmd::Add {
            target,
            question,
            tags,
            note,
            quote,
        } => {
            let (slug, ods) = split_target(&target)?;
            let campaign = store.campaign(&slug)?;
            let req = store.request(&campaign, &ods)?;
            let id = store.add_finding(req.id, question, &tags, &note, &quote)?;
            println!(
                "finding #{id} on Q{question} of {}",
                text::line(&req.body.ods_code)
            );
        }
        FindingCmd::List {
            campaign,
            tag,
            question,
            json,
        } => {
            let campaign_id = campaign
                .map(|c| store.campaign(&c))
                .transpose()?
                .map(|c| c.id);
            let list = store.findings(&FindingFilter {
                campaign_id,
                tag,
                question,
                request_id: None,
                id: None,
            })?;
            if json {
                super::output::print_json(&list)?;
                return Ok(());
            }
            for f in &list {
                println!(
                    "#{:<5} {:<6} Q{} [{}] {}",
                    f.id,
                    text::line(&f.ods_code),
                    f.question,
                    text::line(&f.tags.join(", ")),
                    text::line(&f.note)
                );
                if !f.quote.is_empty() {
                    println!("       “{}”", text::line(&f.quote));
                }
            }
            eprintln!("{} finding(s)", list.len());
        }
        FindingCmd::Remove { id } => {
            store.remove_finding(id)?;
            println!("deleted finding #{id}; `foiboard undo` brings it back");
        }
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct TagsArgs {
    #[command(subcommand)]
    cmd: Option<TagsCmd>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
enum TagsCmd {
    Add {
        name: String,
        #[arg(long, default_value = "")]
        meaning: String,
        #[arg(long, default_value = "")]
        colour: String,
    },
    /// Rename a tag (its children follow).
    Rename { old: String, new: String },
    /// Move FROM's findings onto INTO and delete FROM.
    Merge { from: String, into: String },
    /// Stop offering a tag for new findings.
    Retire { name: String },
}

pub fn tags(store: &mut Store, a: TagsArgs) -> Result<()> {
    match a.cmd {
        Some(TagsCmd::Add {
            name,
            meaning,
            colour,
        }) => {
            store.add_tag(&name, &meaning, &colour)?;
            println!("added tag {}", name.trim().to_ascii_lowercase());
        }
        Some(TagsCmd::Rename { old, new }) => {
            let n = store.rename_tag(&old, &new)?;
            println!("renamed {n} tag(s)");
        }
        Some(TagsCmd::Merge { from, into }) => {
            let n = store.merge_tags(&from, &into)?;
            println!("merged {from} into {into} ({n} finding(s) moved)");
        }
        Some(TagsCmd::Retire { name }) => {
            store.retire_tag(&name, true)?;
            println!("retired {name}");
        }
        None => {
            let tags = store.tags()?;
            let counts = store.tag_counts()?;
            if a.json {
                let v: Vec<_> = tags
                    .iter()
                    .map(|t| {
                        let n = counts.iter().find(|(id, _)| *id == t.id).map_or(0, |c| c.1);
                        serde_json::json!({"name": t.name, "meaning": t.meaning, "colour": t.colour, "retired": t.retired, "findings": n})
                    })
                    .collect();
                super::output::print_json(&v)?;
                return Ok(());
            }
            for t in tags {
                let n = counts.iter().find(|(id, _)| *id == t.id).map_or(0, |c| c.1);
                println!(
                    "{:<28} {:>4}  {}{}",
                    text::line(&t.name),
                    n,
                    text::line(&t.meaning),
                    if t.retired { " (retired)" } else { "" }
                );
            }
        }
    }
    Ok(())
}
