//! `foiboard deadline` and `foiboard holidays`: the calendar, with its working shown.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde_json::json;

use super::UserError;
use crate::dates::{parse_date, today};
use crate::law::{holidays::parse_govuk_json, Convention, Division, Regime};
use crate::store::Store;
use crate::text;

#[derive(Args, Debug)]
pub struct DeadlineArgs {
    /// The date the authority received the request (YYYY-MM-DD, today, yesterday or -N).
    #[arg(allow_hyphen_values = true)]
    received: String,
    #[arg(long, default_value = "foia")]
    regime: String,
    /// Working days to count (1 to 365).
    #[arg(long, default_value_t = 20, allow_negative_numbers = true)]
    days: i64,
    /// ico or next-working-day; without it, the group's setting (`foiboard config convention`).
    #[arg(long)]
    convention: Option<String>,
    /// List the days skipped and why.
    #[arg(long)]
    explain: bool,
    #[arg(long)]
    json: bool,
}

pub fn deadline(store: &Store, a: &DeadlineArgs) -> Result<()> {
    let received = parse_date(&a.received, today()?)?;
    let regime: Regime = a.regime.parse()?;
    // The group's convention unless the user asked for another: the same count `show` makes.
    let (convention, whose): (Convention, &str) = match &a.convention {
        Some(c) => (c.parse()?, "asked for"),
        None => (store.policy()?.convention, "the group's setting"),
    };
    if !(1..=365).contains(&a.days) {
        return Err(UserError(format!(
            "--days {} is out of range: count between 1 and 365 working days",
            a.days
        ))
        .into());
    }
    let cals = store.calendars()?;
    let cal = cals.get(regime);
    let counted = cal.count(received, a.days as u32, convention, &[])?;
    let skipped = cal.skipped(counted.day0, counted.due, &[]);
    if a.json {
        let v = json!({
            "received": received.to_string(),
            "due": counted.due.to_string(),
            "regime": regime.as_str(),
            "working_days": a.days,
            "convention": convention.as_str(),
            "convention_from": if a.convention.is_some() { "option" } else { "group setting" },
            "day0": counted.day0.to_string(),
            "provisional": counted.provisional,
            "skipped": skipped.iter().map(|s| json!({"date": s.date.to_string(), "reason": s.reason})).collect::<Vec<_>>(),
        });
        super::output::print_json(&v)?;
        return Ok(());
    }
    println!("{}", counted.due);
    if a.convention.is_none() && convention != Convention::default() && !a.explain {
        eprintln!(
            "note: counted with the group's {} convention (`--convention ico` counts the ICO's way)",
            convention.as_str()
        );
    }
    if a.explain {
        println!(
            "{} working days under {regime} from receipt on {} ({}), {} convention ({whose})",
            a.days,
            received,
            received.format("%A"),
            convention.as_str()
        );
        if counted.day0 != received {
            println!("counted from {} (the next working day)", counted.day0);
        }
        for s in &skipped {
            println!(
                "  skipped {} {} ({})",
                s.date,
                s.reason,
                s.date.format("%a")
            );
        }
        println!("due {} ({})", counted.due, counted.due.format("%A"));
        let rule = match regime {
            Regime::Foia => "FOIA s.10(1): 20 working days after receipt; s.10(6): a working day is not a weekend, Christmas Day, Good Friday or a bank holiday anywhere in the UK",
            Regime::Eir => "EIR reg 5(2): 20 working days after receipt; reg 2(1): working days as in FOIA s.10(6)",
            Regime::Foisa => "FOISA s.10(1): 20 working days after receipt; s.73: a working day is not a weekend, Christmas Day or a Scottish bank holiday",
            Regime::Eisr => "EISR reg 5(2)(a): 20 working days after receipt; reg 2(1): working days as in FOISA s.73 (Scottish bank holidays)",
        };
        if a.days == 20 {
            println!("rule: {rule}");
        }
    }
    if counted.provisional {
        eprintln!("note: this count crosses a year with no published holidays; its holidays were generated from the rules and may change by proclamation (provisional)");
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct HolidaysArgs {
    #[command(subcommand)]
    cmd: Option<HolidaysCmd>,
    #[arg(long)]
    year: Option<i32>,
    /// Only the holidays that count under this regime.
    #[arg(long)]
    regime: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
enum HolidaysCmd {
    /// Add a one-off day (a new proclamation).
    Add {
        date: String,
        #[arg(long)]
        division: String,
        #[arg(long)]
        title: String,
    },
    /// Strike out a wrong day.
    Remove {
        date: String,
        #[arg(long)]
        division: String,
    },
    /// Load a newer GOV.UK bank-holidays.json; its years replace the published ones.
    Import { file: std::path::PathBuf },
}

fn strict_date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| crate::dates::BadDate::Unreadable(s.to_string()))?)
}

pub fn holidays(store: &mut Store, a: HolidaysArgs) -> Result<()> {
    match a.cmd {
        Some(HolidaysCmd::Add {
            date,
            division,
            title,
        }) => {
            let d = strict_date(&date)?;
            let div: Division = division.parse()?;
            store.add_holiday(d, div, &title)?;
            println!(
                "added {d} {} ({}); deadlines are recomputed with it",
                text::line(title.trim()),
                div.label()
            );
        }
        Some(HolidaysCmd::Remove { date, division }) => {
            let d = strict_date(&date)?;
            let div: Division = division.parse()?;
            store.remove_holiday(d, div)?;
            println!(
                "removed {d} ({}); `foiboard undo` brings it back",
                div.label()
            );
        }
        Some(HolidaysCmd::Import { file }) => {
            let body = super::read_text(&file, 16, "holiday file")?;
            let days = parse_govuk_json(&body)
                .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
            let (n, years) = store.import_govuk(&days)?;
            println!(
                "loaded {n} holidays for {} to {} from {}",
                years.first().copied().unwrap_or_default(),
                years.last().copied().unwrap_or_default(),
                file.display()
            );
        }
        None => list(store, a.year, a.regime.as_deref(), a.json)?,
    }
    Ok(())
}

fn list(store: &Store, year: Option<i32>, regime: Option<&str>, json: bool) -> Result<()> {
    let year = match year {
        Some(y) => y,
        None => today()?.year(),
    };
    if !(crate::law::calendar::FIRST_YEAR..=crate::law::calendar::LAST_YEAR).contains(&year) {
        return Err(UserError(format!("--year {year} is outside 1990 to 2100")).into());
    }
    let regime: Option<Regime> = regime.map(str::parse).transpose()?;
    let book = store.holiday_book()?;
    let mut days = book.year(year);
    if let Some(r) = regime {
        days.retain(|h| r.divisions().contains(&h.division));
    }
    // One line per date, listing its divisions.
    let mut grouped: Vec<(NaiveDate, String, Vec<Division>, &'static str)> = Vec::new();
    for h in &days {
        match grouped
            .iter_mut()
            .find(|(d, t, _, _)| *d == h.date && *t == h.title)
        {
            Some((_, _, divs, _)) => divs.push(h.division),
            None => grouped.push((h.date, h.title.clone(), vec![h.division], h.origin.as_str())),
        }
    }
    if json {
        let v: Vec<_> = grouped
            .iter()
            .map(|(d, t, divs, o)| json!({"date": d.to_string(), "title": t, "divisions": divs.iter().map(|d| d.as_str()).collect::<Vec<_>>(), "origin": o}))
            .collect();
        super::output::print_json(&v)?;
        return Ok(());
    }
    if !book.covers(year) {
        println!("{year}: no published data; generated from the statutory rules (provisional)");
    }
    for (d, t, divs, origin) in grouped {
        let wher = crate::law::calendar::divisions_label(&divs);
        let mark = if origin == "published" {
            String::new()
        } else {
            format!(" [{origin}]")
        };
        println!(
            "{d} {:<3} {}  ({wher}){mark}",
            d.format("%a"),
            text::line(&t)
        );
    }
    Ok(())
}

/// Used by other commands that take a typed date.
pub fn typed_date(s: Option<&str>) -> Result<NaiveDate> {
    let t = today()?;
    Ok(match s {
        Some(s) => parse_date(s, t)?,
        None => t,
    })
}
