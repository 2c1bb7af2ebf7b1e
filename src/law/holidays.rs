//! The bank holidays the calendars are built from: published GOV.UK data, one-off proclamations
//! and users' own corrections, with the statutory rules filling years no data covers.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::regime::Division;
use super::rules;

/// Where a holiday came from; it decides precedence and whether a date is provisional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// From a GOV.UK `bank-holidays.json` (the shipped copy or one a user loaded).
    Published,
    /// A one-off day proclaimed after the published copy was made.
    Proclaimed,
    /// Added by a user.
    User,
    /// Generated from the statutory rules for a year no published data covers: provisional.
    Generated,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Published => "published",
            Origin::Proclaimed => "proclaimed",
            Origin::User => "user",
            Origin::Generated => "generated",
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        match s {
            "published" => Some(Origin::Published),
            "proclaimed" => Some(Origin::Proclaimed),
            "user" => Some(Origin::User),
            "generated" => Some(Origin::Generated),
            _ => None,
        }
    }
}

/// One bank holiday in one division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub division: Division,
    pub title: String,
    pub origin: Origin,
}

/// One effective holiday of a year, its title borrowed from the book or the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub division: Division,
    pub title: &'a str,
    pub origin: Origin,
}

/// Why a holidays file could not be read. Each message names what to do.
#[derive(Debug, thiserror::Error)]
pub enum HolidayDataError {
    #[error("the holidays file is not valid GOV.UK bank-holidays JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the holidays file names an unknown division '{0}' (expected england-and-wales, scotland or northern-ireland)")]
    Division(String),
    #[error("the holidays file has an invalid date '{0}' (expected YYYY-MM-DD)")]
    Date(String),
    #[error("the holidays file holds no holidays")]
    Empty,
    #[error("line {line} of the additions file is malformed: {why}")]
    Additions { line: usize, why: String },
}

#[derive(Deserialize)]
struct GovUkDivision {
    events: Vec<GovUkEvent>,
}

#[derive(Deserialize)]
struct GovUkEvent {
    title: String,
    date: String,
}

/// Parses GOV.UK's `bank-holidays.json` (`{"england-and-wales": {"events": [...]}, ...}`).
pub fn parse_govuk_json(text: &str) -> Result<Vec<Holiday>, HolidayDataError> {
    let map: BTreeMap<String, GovUkDivision> = serde_json::from_str(text)?;
    let mut out = Vec::new();
    for (key, div) in map {
        let division: Division = key
            .parse()
            .map_err(|_| HolidayDataError::Division(key.clone()))?;
        for ev in div.events {
            let date = NaiveDate::parse_from_str(&ev.date, "%Y-%m-%d")
                .map_err(|_| HolidayDataError::Date(ev.date.clone()))?;
            out.push(Holiday {
                date,
                division,
                title: normalise_title(&ev.title),
                origin: Origin::Published,
            });
        }
    }
    if out.is_empty() {
        return Err(HolidayDataError::Empty);
    }
    out.sort_by_key(|h| (h.date, h.division));
    Ok(out)
}

/// GOV.UK uses typographic apostrophes; explanations read better and compare equal with plain ones.
fn normalise_title(t: &str) -> String {
    t.replace('\u{2019}', "'").trim().to_string()
}

/// Parses the additions file: `date,division,title,source` with a header line.
pub fn parse_additions_csv(text: &str) -> Result<Vec<Holiday>, HolidayDataError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(4, ',');
        let bad = |why: &str| HolidayDataError::Additions {
            line: i + 1,
            why: why.to_string(),
        };
        let date = parts.next().ok_or_else(|| bad("no date"))?;
        let division = parts.next().ok_or_else(|| bad("no division"))?;
        let title = parts.next().ok_or_else(|| bad("no title"))?;
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| bad("the date is not YYYY-MM-DD"))?;
        let division: Division = division.parse().map_err(|_| bad("unknown division"))?;
        out.push(Holiday {
            date,
            division,
            title: normalise_title(title.trim_matches('"')),
            origin: Origin::Proclaimed,
        });
    }
    Ok(out)
}

/// The GOV.UK file shipped with the program.
pub const SHIPPED_GOVUK_JSON: &str = include_str!("../../db/seed/uk-bank-holidays-2012-2028.json");
/// One-off days proclaimed after the shipped GOV.UK copy was made.
pub const SHIPPED_ADDITIONS_CSV: &str = include_str!("../../db/seed/uk-bank-holiday-additions.csv");

/// Every source of holidays together, with their precedence applied by [`HolidayBook::year`].
#[derive(Debug, Clone, Default)]
pub struct HolidayBook {
    /// Published days by year; a year present here is covered and never generated.
    published: BTreeMap<i32, Vec<Holiday>>,
    /// Proclaimed and user days, on top of whatever the year has.
    extra: Vec<Holiday>,
    /// Days a user struck out (a wrong entry in a file).
    removed: BTreeSet<(NaiveDate, Division)>,
}

impl HolidayBook {
    pub fn new() -> Self {
        Self::default()
    }

    /// The shipped data: GOV.UK 2012-2028 and the additions proclaimed since.
    pub fn shipped() -> Result<Self, HolidayDataError> {
        let mut book = Self::new();
        book.add_published(parse_govuk_json(SHIPPED_GOVUK_JSON)?);
        for h in parse_additions_csv(SHIPPED_ADDITIONS_CSV)? {
            book.add_extra(h);
        }
        Ok(book)
    }

    /// Adds published days. Every year they touch becomes covered, replacing what an older
    /// file said about that year.
    pub fn add_published(&mut self, days: Vec<Holiday>) {
        let years: BTreeSet<i32> = days.iter().map(|h| h.date.year()).collect();
        for y in &years {
            self.published.insert(*y, Vec::new());
        }
        for h in days {
            self.published.entry(h.date.year()).or_default().push(h);
        }
    }

    /// Adds a proclaimed or user day.
    pub fn add_extra(&mut self, h: Holiday) {
        self.removed.remove(&(h.date, h.division));
        self.extra.push(h);
    }

    /// Strikes a day out of every source.
    pub fn remove(&mut self, date: NaiveDate, division: Division) {
        self.removed.insert((date, division));
        self.extra
            .retain(|h| !(h.date == date && h.division == division));
    }

    /// Whether published data covers the year (otherwise its days are generated, provisional).
    pub fn covers(&self, year: i32) -> bool {
        self.published.contains_key(&year)
    }

    /// Years covered by published data.
    pub fn covered_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.published.keys().copied()
    }

    /// The effective holidays of a year, all divisions, in date order: published or generated,
    /// plus extra days, less removed ones.
    pub fn year(&self, year: i32) -> Vec<Holiday> {
        self.days(year)
            .into_iter()
            .map(|d| Holiday {
                date: d.date,
                division: d.division,
                title: d.title.to_string(),
                origin: d.origin,
            })
            .collect()
    }

    /// [`HolidayBook::year`] without copying titles: what a calendar build walks for every
    /// year it counts. This is the one place precedence is decided.
    pub fn days(&self, year: i32) -> Vec<Day<'_>> {
        fn borrow(h: &Holiday) -> Day<'_> {
            Day {
                date: h.date,
                division: h.division,
                title: &h.title,
                origin: h.origin,
            }
        }
        let mut out: Vec<Day<'_>> = match self.published.get(&year) {
            Some(days) => days.iter().map(borrow).collect(),
            None => rules::year(year)
                .into_iter()
                .map(|r| Day {
                    date: r.date,
                    division: r.division,
                    title: r.title,
                    origin: Origin::Generated,
                })
                .collect(),
        };
        for h in self.extra.iter().filter(|h| h.date.year() == year) {
            if !out
                .iter()
                .any(|o| o.date == h.date && o.division == h.division)
            {
                out.push(borrow(h));
            }
        }
        out.retain(|h| !self.removed.contains(&(h.date, h.division)));
        out.sort_by_key(|h| (h.date, h.division));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_data_parses_and_covers_2012_to_2028() {
        let book = HolidayBook::shipped().unwrap();
        let years: Vec<i32> = book.covered_years().collect();
        assert_eq!(years, (2012..=2028).collect::<Vec<_>>());
        assert!(book
            .year(2026)
            .iter()
            .any(|h| h.date == d("2026-06-15") && h.division == Division::Scotland));
    }

    #[test]
    fn malformed_json_is_an_error_not_a_panic() {
        assert!(parse_govuk_json("{").is_err());
        assert!(parse_govuk_json("{}").is_err());
        assert!(parse_govuk_json(r#"{"mars": {"events": []}}"#).is_err());
        assert!(parse_govuk_json(
            r#"{"scotland": {"events": [{"title": "x", "date": "2026-02-30"}]}}"#
        )
        .is_err());
    }

    #[test]
    fn a_newer_file_replaces_the_years_it_covers_only() {
        let mut book = HolidayBook::shipped().unwrap();
        let newer = parse_govuk_json(
            r#"{"england-and-wales": {"events": [{"title": "Only day", "date": "2028-03-01"}]}}"#,
        )
        .unwrap();
        book.add_published(newer);
        assert_eq!(book.year(2028).len(), 1);
        assert!(book.year(2027).len() > 20);
    }

    #[test]
    fn removal_beats_every_source_and_adding_back_restores() {
        let mut book = HolidayBook::shipped().unwrap();
        book.remove(d("2026-06-15"), Division::Scotland);
        assert!(!book.year(2026).iter().any(|h| h.date == d("2026-06-15")));
        book.add_extra(Holiday {
            date: d("2026-06-15"),
            division: Division::Scotland,
            title: "World Cup bank holiday".into(),
            origin: Origin::User,
        });
        assert!(book.year(2026).iter().any(|h| h.date == d("2026-06-15")));
    }
}
