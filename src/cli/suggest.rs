//! `foiboard suggest`: a reply read for you, from a text file or an imported message: its kind,
//! the reference it gives, the date an extension states, and each question's outcome and
//! exemptions with the words they rest on. It proposes; nothing is recorded.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::inbox::suggest::{suggest as read_reply, Reply, Suggestion};
use crate::law::Regime;
use crate::store::{MessageFilter, Store};
use crate::text;

#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// A letter's text (what a reply says, as plain text).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "mail",
        required_unless_present = "mail"
    )]
    pub text_file: Option<PathBuf>,
    /// An imported message, by its number in `mail list`.
    #[arg(long, value_name = "ID")]
    pub mail: Option<i64>,
    /// The campaign whose questions the reply answers (by default the message's own).
    #[arg(long, value_name = "SLUG")]
    pub campaign: Option<String>,
    /// The regime the reply is under: foia, eir or foisa (by default the request's, or foia).
    #[arg(long)]
    pub regime: Option<Regime>,
    #[arg(long)]
    pub json: bool,
}

pub fn suggest(store: &Store, a: &SuggestArgs) -> Result<()> {
    let today = crate::dates::today()?;
    let (sender, subject, letter, campaign, regime) = match (&a.text_file, a.mail) {
        (Some(path), _) => {
            let bytes = crate::files::bounded::read(path, 8 << 20, "letter")?;
            let letter = String::from_utf8_lossy(&bytes).into_owned();
            (
                String::new(),
                String::new(),
                letter,
                a.campaign.clone(),
                a.regime,
            )
        }
        (None, Some(id)) => {
            let m = store
                .messages(&MessageFilter::default())?
                .into_iter()
                .find(|m| m.id == id)
                .ok_or_else(|| {
                    super::UserError(format!("no message {id}: `foiboard mail list` shows them"))
                })?;
            let regime = match (&a.regime, &m.request) {
                (Some(r), _) => Some(*r),
                (None, Some(r)) => store.request_by_id(r.id)?.map(|s| s.request.regime),
                (None, None) => None,
            };
            let campaign = a
                .campaign
                .clone()
                .or_else(|| m.request.as_ref().map(|r| r.campaign.clone()));
            (
                m.sender.clone(),
                m.subject.clone(),
                m.readable(),
                campaign,
                regime,
            )
        }
        (None, None) => {
            return Err(super::UserError("give --text-file FILE or --mail ID".into()).into())
        }
    };
    let Some(slug) = campaign else {
        return Err(super::UserError(
            "say which campaign's questions it answers: --campaign SLUG".into(),
        )
        .into());
    };
    let campaign = store.campaign(&slug)?;
    let questions: Vec<(u32, String)> = store
        .questions(campaign.id)?
        .into_iter()
        .map(|q| (q.number, q.text))
        .collect();
    let model = crate::inbox::suggest::apply::model(store)?;
    let s = read_reply(&Reply {
        sender: &sender,
        subject: &subject,
        text: &letter,
        questions: &questions,
        regime: regime.unwrap_or(Regime::Foia),
        today,
        model: model.as_ref(),
    });
    if a.json {
        super::output::print_json(&s)?;
    } else {
        print(&s);
    }
    Ok(())
}

fn print(s: &Suggestion) {
    println!(
        "kind: {}",
        s.kind
            .map_or("not clear".to_string(), |k| k.label().to_string())
    );
    if let Some(r) = &s.reference {
        println!("reference: {}", text::line(r));
    }
    if let Some(d) = s.extended_until {
        println!("extended until: {d}");
    }
    if let Some(o) = s.review_outcome {
        println!("review: {o}");
    }
    for a in &s.answers {
        let ex = if a.exemptions.is_empty() {
            String::new()
        } else {
            format!(" {}", a.exemptions.join(", "))
        };
        println!(
            "Q{} {}{ex} ({:.0}%): {}",
            a.question,
            a.outcome.label(),
            a.confidence * 100.0,
            text::line(&a.evidence)
        );
    }
    println!("(proposals only: nothing is recorded until you confirm an answer)");
}

/// `foiboard answer suggest CAMPAIGN/SELECTOR`: each selected request's latest reply read: its
/// answers' texts recorded to triage (never over a text already there) and each question's
/// proposal stored beside its answer, for a member to confirm on the board.
pub fn answer_suggest(store: &mut Store, selection: &str) -> Result<()> {
    let (slug, sel) = selection.split_once('/').ok_or_else(|| {
        super::UserError(format!(
            "'{}' is not CAMPAIGN/SELECTOR (e.g. palantir-fdp/all)",
            text::line(selection)
        ))
    })?;
    let campaign = store.campaign(slug)?;
    let sel: crate::store::Selector = sel.parse()?;
    let requests = store.select_requests(&campaign, &sel)?;
    let today = crate::dates::today()?;
    let done = crate::inbox::suggest::apply::read_replies(store, &campaign, &requests, today)?;
    println!(
        "{}; confirm them on the board (A walks them; y accepts)",
        done.said()
    );
    Ok(())
}
