//! `request add`, `event`, `list`, `show`, `due`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;

use super::deadline::typed_date;
use super::output::{clock_words, opt_date, summary_json, summary_line};
use super::{split_target, UserError};
use crate::dates::{parse_date, today};
use crate::law::{EventKind, Status};
use crate::model::NewEvent;
use crate::store::{FindingFilter, Findings, RequestSummary, Selector, Store};
use crate::text;

#[derive(Subcommand, Debug)]
pub enum RequestCmd {
    /// Create the campaign's requests for CAMPAIGN/SELECTOR (existing ones are skipped).
    Add { target: String },
}

pub fn request(store: &mut Store, c: RequestCmd) -> Result<()> {
    match c {
        RequestCmd::Add { target } => {
            let (slug, sel) = split_target(&target)?;
            let campaign = store.campaign(&slug)?;
            let sel: Selector = sel.parse()?;
            let (created, skipped) = store.add_requests(&campaign, &sel)?;
            println!("{created} request(s) created, {skipped} already there");
        }
    }
    Ok(())
}

#[derive(Args, Debug)]
#[command(
    after_help = "To correct a recorded event: `foiboard event edit ID [--on] [--until] [--note] [--ref] [--outcome]` \
or `foiboard event remove ID` (IDs are in `show --json`; both undoable, both refused where the \
request's events would no longer make sense)."
)]
pub struct EventArgs {
    /// CAMPAIGN/ODS or CAMPAIGN/SELECTOR (all, kind:K, region:R, nation:N, ods:A,B); or `edit`
    /// or `remove` to correct a recorded event.
    target: String,
    #[arg(help = format!("{}; after `edit` or `remove`, the event's id", crate::law::EventKind::word_list()))]
    kind: String,
    /// When it happened: YYYY-MM-DD, today, yesterday or -N days (default today).
    #[arg(long, allow_hyphen_values = true)]
    on: Option<String>,
    /// For 'extended': the date the authority stated.
    #[arg(long)]
    until: Option<String>,
    /// The authority's reference.
    #[arg(long = "ref")]
    reference: Option<String>,
    #[arg(long, help = format!(
        "For 'responded': the overall outcome ({}). For 'review-responded': {} (FOISA s.21(4): confirmed, confirmed with modifications, or a different decision substituted)",
        crate::model::Outcome::word_list(),
        crate::law::ReviewOutcome::word_list()
    ))]
    outcome: Option<String>,
    #[arg(long)]
    note: Option<String>,
}

pub fn event(store: &mut Store, a: &EventArgs) -> Result<()> {
    if matches!(a.target.as_str(), "edit" | "remove") {
        return correct_event(store, a);
    }
    let (slug, sel) = split_target(&a.target)?;
    let campaign = store.campaign(&slug)?;
    let sel: Selector = sel.parse()?;
    let kind: EventKind = a.kind.parse()?;
    let t = today()?;
    let on = typed_date(a.on.as_deref())?;
    let until = a.until.as_deref().map(|u| parse_date(u, t)).transpose()?;
    let requests = store.select_requests(&campaign, &sel)?;
    let ev = NewEvent {
        kind,
        on,
        until,
        reference: a.reference.clone().unwrap_or_default(),
        outcome: a.outcome.clone().unwrap_or_default(),
        note: a.note.clone().unwrap_or_default(),
        source: String::new(),
    };
    // The selected requests' clocks in one pass (a handful of queries), not one request at a
    // time: on a server every query is a round trip.
    let ids: Vec<i64> = requests.iter().map(|r| r.id).collect();
    let warned = |store: &Store| -> Result<Vec<Vec<String>>> {
        let mut by_id: std::collections::HashMap<i64, Vec<String>> = store
            .summaries_of(&ids, t, Findings::Skipped)?
            .into_iter()
            .map(|s| (s.request.id, s.report.warnings))
            .collect();
        Ok(requests
            .iter()
            .map(|r| by_id.remove(&r.id).unwrap_or_default())
            .collect())
    };
    let before = warned(store)?;
    let n = store.record_event(&requests, &ev, t)?;
    println!("recorded '{kind}' on {on} for {n} request(s)");
    // Accepted, but out of time or beyond what the law allows: say so now, not only in `show`.
    for ((r, was), now) in requests.iter().zip(&before).zip(warned(store)?) {
        for w in now.iter().filter(|w| !was.contains(w)) {
            eprintln!(
                "warning: {}: {}",
                text::line(&r.body.ods_code),
                text::line(w)
            );
        }
    }
    Ok(())
}

/// `event edit ID ...` and `event remove ID`.
fn correct_event(store: &mut Store, a: &EventArgs) -> Result<()> {
    let id: i64 = a.kind.trim().parse().map_err(|_| {
        UserError(format!(
            "'{}' is not an event id: `foiboard show CAMPAIGN/ODS --json` lists each event's id",
            text::line(&a.kind)
        ))
    })?;
    let t = today()?;
    if a.target == "remove" {
        let old = store.remove_event(id)?;
        println!(
            "removed event {id} ('{}' on {}); `foiboard undo` brings it back",
            old.kind, old.on
        );
        return Ok(());
    }
    let edit = crate::store::EventEdit {
        on: a.on.as_deref().map(|d| parse_date(d, t)).transpose()?,
        until: a.until.as_deref().map(|u| parse_date(u, t)).transpose()?,
        note: a.note.clone(),
        reference: a.reference.clone(),
        outcome: a.outcome.clone(),
    };
    let e = store.edit_event(id, &edit, t)?;
    println!(
        "event {id} is now '{}' on {}{}{}; `foiboard undo` takes the correction back",
        e.kind,
        e.on,
        if e.outcome.is_empty() {
            String::new()
        } else {
            format!(" [{}]", text::line(&e.outcome))
        },
        if e.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", text::line(&e.note))
        }
    );
    Ok(())
}

#[derive(Args, Debug, Default)]
pub struct ListArgs {
    /// The campaign (default: the first one).
    campaign: Option<String>,
    /// Only this status (not-sent, awaiting, overdue, long-overdue, clarification, fee, ...).
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    json: bool,
}

fn campaign_or_first(store: &Store, slug: Option<&str>) -> Result<crate::model::Campaign> {
    match slug {
        Some(s) => Ok(store.campaign(s)?),
        None => store.campaigns()?.into_iter().next().ok_or_else(|| {
            UserError(
                "there is no campaign yet: `foiboard campaign create --file FILE` makes one".into(),
            )
            .into()
        }),
    }
}

pub fn list(store: &mut Store, a: &ListArgs) -> Result<()> {
    let campaign = campaign_or_first(store, a.campaign.as_deref())?;
    let status: Option<Status> = a.status.as_deref().map(str::parse).transpose()?;
    let mut rows = store.summaries(&campaign, today()?, Findings::shown_if(a.json))?;
    if let Some(s) = status {
        // "overdue" is every late request, the long overdue among them;
        // `--status long-overdue` alone picks those out.
        rows.retain(|r| r.status == s || (s == Status::Overdue && r.status == Status::LongOverdue));
    }
    if a.json {
        let v: Vec<_> = rows.iter().map(summary_json).collect();
        super::output::print_json(&v)?;
        return Ok(());
    }
    for r in &rows {
        println!("{}", summary_line(r));
        if let Some(p) = &r.problem {
            println!("       ! {}", text::line(p));
        }
    }
    eprintln!(
        "{} request(s) in {}",
        rows.len(),
        text::line(&campaign.slug)
    );
    Ok(())
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// CAMPAIGN/ODS
    target: String,
    #[arg(long)]
    json: bool,
}

pub fn show(store: &Store, a: &ShowArgs) -> Result<()> {
    let (slug, ods) = split_target(&a.target)?;
    let campaign = store.campaign(&slug)?;
    let req = store.request(&campaign, &ods)?;
    let today = today()?;
    let summary = store.summary(&campaign, req.id, today)?;
    let events = store.events(req.id)?;
    let recorders = store.event_recorders(req.id)?;
    let answers = store.answers(req.id)?;
    let questions = store.questions(campaign.id)?;
    let findings = store.findings(&FindingFilter {
        request_id: Some(req.id),
        ..Default::default()
    })?;
    let correspondence = store.messages(&crate::store::MessageFilter {
        request_id: Some(req.id),
        ..Default::default()
    })?;
    let r = &summary.report;
    if a.json {
        let v = json!({
            "campaign": campaign.slug,
            "body": req.body,
            "reference": req.reference,
            "wdtk_url": req.wdtk_url,
            "regime": req.regime.as_str(),
            "status": summary.status.as_str(),
            "received": opt_date(r.received),
            "clock_start": opt_date(r.clock_start),
            "statutory_due": opt_date(r.statutory_due),
            "due": opt_date(r.due),
            "extended_to": opt_date(r.extended_to),
            "long_overdue_after": opt_date(r.long_overdue_after),
            "working_days_left": summary.working_days_left,
            "responded": opt_date(r.responded),
            "working_days_to_respond": r.working_days_to_respond,
            "responded_late": r.responded_late,
            "responded_days_late": r.responded_days_late,
            "review_request_by": opt_date(r.review_request_by),
            "review_due": opt_date(r.review_due),
            "review_due_exceptional": opt_date(r.review_due_exceptional),
            "ico_complaint_by": opt_date(r.ico_complaint_by),
            "ico_complaint_from": opt_date(r.ico_complaint_from),
            "ico_complaint_from_exceptional": opt_date(r.ico_complaint_from_exceptional),
            "review_requested": opt_date(r.review_requested),
            "review_responded": opt_date(r.review_responded),
            "review_outcome": summary.review_outcome,
            "fee_pay_by": opt_date(r.fee_pay_by),
            "fee_lapses_on": opt_date(r.fee_lapses_on),
            "rules": r.rules,
            "guidance": r.guidance,
            "provisional": r.provisional,
            "skipped": r.skipped,
            "moves": r.moves,
            "warnings": r.warnings,
            "problem": summary.problem,
            "events": events.iter().map(|e| {
                let mut v = serde_json::to_value(e).unwrap_or_default();
                if let (Some(m), Some(by)) = (v.as_object_mut(), recorders.get(&e.id)) {
                    m.insert("recorded_by".into(), by.clone().into());
                }
                v
            }).collect::<Vec<_>>(),
            "answers": answers,
            "findings": findings,
            "correspondence": correspondence,
        });
        super::output::print_json(&v)?;
        return Ok(());
    }
    print_detail(
        &summary, &events, &recorders, &answers, &questions, &findings,
    );
    print_correspondence(&correspondence, &events);
    Ok(())
}

/// Every message filed under the request, both ways, oldest first.
fn print_correspondence(messages: &[crate::store::Message], events: &[crate::model::Event]) {
    let l = text::line;
    println!("\nCorrespondence:");
    if messages.is_empty() {
        println!(
            "  (none: `foiboard send` sends letters, `foiboard import mail` brings replies in)"
        );
    }
    for m in messages.iter().rev() {
        let (arrow, who) = if m.direction == "sent" {
            ("→", m.recipient.as_str())
        } else {
            ("←", m.sender.as_str())
        };
        let mut extra = String::new();
        if m.direction == "sent" {
            extra.push_str(&format!(" [{} letter", l(&m.letter)));
            if m.delivery == "pending" {
                extra.push_str(", NOT CONFIRMED SENT: run the send again");
            } else if !events
                .iter()
                .any(|e| e.source == format!("letter:{}", m.message_id))
            {
                // An email cannot be unsent: the event was taken back, the letter went.
                extra.push_str(", sent; its event was undone");
            }
            extra.push(']');
        }
        if !m.attachments.is_empty() {
            let names: Vec<String> = m
                .attachments
                .iter()
                .map(|a| format!("{} {}", l(&a.name), size_words(a.size)))
                .collect();
            extra.push_str(&format!(" ({})", names.join(", ")));
        }
        println!(
            "  #{} {} {} {}  {}{extra}",
            m.id,
            m.sent_on,
            arrow,
            l(who),
            l(&m.subject)
        );
    }
    if !messages.is_empty() {
        println!("  (`foiboard mail show ID` opens one)");
    }
}

fn size_words(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} B")
    }
}

fn print_detail(
    s: &RequestSummary,
    events: &[crate::model::Event],
    recorders: &std::collections::HashMap<i64, String>,
    answers: &[crate::model::Answer],
    questions: &[crate::model::Question],
    findings: &[crate::model::Finding],
) {
    let b = &s.request.body;
    let r = &s.report;
    let l = text::line;
    println!("{} ({}) — {}", l(&b.name), l(&b.ods_code), l(&s.campaign));
    if let Some(p) = &s.problem {
        println!("! {}", l(p));
    }
    println!(
        "{} · {} · {} · {}",
        l(&b.kind),
        l(&b.region),
        l(&b.icb_name),
        s.request.regime
    );
    if !b.foi_email.is_empty() {
        println!("FOI email: {}", l(&b.foi_email));
    }
    // The request's own page when it has one; else the body's page, where one can be made.
    if !s.request.wdtk_url.is_empty() {
        println!("WhatDoTheyKnow request: {}", l(&s.request.wdtk_url));
    } else if let Some(p) = b.wdtk_page() {
        println!("WhatDoTheyKnow (the body's page): {}", l(&p));
    }
    if !s.request.reference.is_empty() {
        println!("Their reference: {}", l(&s.request.reference));
    }
    println!();
    println!("Status: {}  {}", s.status, clock_words(s.working_days_left));
    if let Some(timing) = r.response_timing() {
        println!("  {timing}");
    }
    for t in r.timetable() {
        let rule = t.rule.map_or(String::new(), |r| format!("  {r}"));
        println!(
            "  {:<26} {} ({}){rule}",
            t.label,
            t.date,
            t.date.format("%a")
        );
    }
    for g in &r.guidance {
        println!("  note: {}", l(g));
    }
    if r.provisional {
        println!("  (provisional: counts through a year whose holidays are generated)");
    }
    if !r.skipped.is_empty() {
        println!("\nDays not counted:");
        for sk in &r.skipped {
            println!("  {} {}", sk.date, l(&sk.reason));
        }
    }
    for m in &r.moves {
        println!("  moved: {} {} — {}", m.date, m.event, l(&m.effect));
    }
    for w in &r.warnings {
        println!("  warning: {}", l(w));
    }
    println!("\nTimeline:");
    if events.is_empty() {
        println!("  (nothing recorded yet)");
    }
    for e in events {
        let mut extra = String::new();
        if let Some(u) = e.until {
            extra.push_str(&format!(" until {u}"));
        }
        if !e.outcome.is_empty() {
            extra.push_str(&format!(" [{}]", l(&e.outcome)));
        }
        if !e.note.is_empty() {
            extra.push_str(&format!(" — {}", l(&e.note)));
        }
        // Which message the event came from, to find it under Correspondence.
        if let Some(id) = e.source.strip_prefix("mail:") {
            extra.push_str(&format!(" (from message #{})", l(id)));
        } else if e.source.starts_with("letter:") {
            extra.push_str(" (the letter foiboard sent)");
        }
        // An event brought in from another group's file names both.
        let who = match recorders.get(&e.id) {
            Some(by) => format!("{}, recorded here by {}", l(&e.author), l(by)),
            None => l(&e.author),
        };
        println!("  {} {}{} ({who})", e.on, e.kind, extra);
    }
    println!("\nAnswers:");
    for q in questions {
        match answers.iter().find(|a| a.question == q.number) {
            Some(a) => {
                let ex = if a.exemptions.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", l(&a.exemptions.join(", ")))
                };
                println!("  Q{} {}{}", q.number, a.outcome.label(), ex);
            }
            None => println!("  Q{} —", q.number),
        }
    }
    if !findings.is_empty() {
        println!("\nFindings:");
        for f in findings {
            println!(
                "  #{} Q{} [{}] {}",
                f.id,
                f.question,
                l(&f.tags.join(", ")),
                l(&f.note)
            );
            if !f.quote.is_empty() {
                println!("      “{}”", l(&f.quote));
            }
        }
    }
}

#[derive(Args, Debug)]
pub struct DueArgs {
    /// Include requests due within N working days.
    #[arg(long, default_value_t = 5)]
    within: i64,
    /// Only overdue requests with no chaser sent in the last 5 working days: the ones to
    /// chase now (`foiboard send chase` sends to them), most overdue first.
    #[arg(long)]
    chase: bool,
    #[arg(long)]
    json: bool,
}

pub fn due(store: &Store, a: &DueArgs) -> Result<()> {
    let t = today()?;
    let mut rows = store.due(t, a.within, Findings::shown_if(a.json))?;
    if a.chase {
        let chase = crate::letters::outbox::to_chase(store, &rows, t)?;
        rows.retain(|r| chase.contains(&r.request.id));
    }
    if a.json {
        let v: Vec<_> = rows.iter().map(summary_json).collect();
        super::output::print_json(&v)?;
        return Ok(());
    }
    if rows.is_empty() && a.chase {
        println!(
            "nothing to chase: no overdue request without a chaser in the last 5 working days"
        );
    } else if rows.is_empty() {
        println!("nothing overdue or due within {} working days", a.within);
    }
    for s in &rows {
        println!("{:<14} {}", text::line(&s.campaign), summary_line(s));
    }
    Ok(())
}
