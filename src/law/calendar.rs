//! A working-day calendar for one regime, precomputed so that counting is a table walk.
//!
//! Built once from a [`HolidayBook`]; every lookup afterwards is an index into a byte per day,
//! never a parse or a search (a year of deadlines takes microseconds).

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::holidays::HolidayBook;
use super::regime::{Convention, Division, Regime};
use super::rules;

/// The first and last years a calendar can count in.
pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

const HOLIDAY: u8 = 1;
const PROVISIONAL: u8 = 2;

/// A day the count passed over, with the reason a person reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub date: NaiveDate,
    /// "weekend" is not allocated for every weekend of every request a listing counts.
    pub reason: std::borrow::Cow<'static, str>,
}

/// Whether `d` may be the date of an event: inside the calendar's years, with the last year
/// left free so that every deadline counted from it still falls inside them.
pub fn is_countable(d: NaiveDate) -> bool {
    (FIRST_YEAR..LAST_YEAR).contains(&chrono::Datelike::year(&d))
}

/// A date the calendar cannot count.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is outside the years the calendar counts ({FIRST_YEAR} to {LAST_YEAR})")]
pub struct OutOfRange(pub NaiveDate);

/// The result of counting working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// The day counted as day 0 (the receipt date, or under the next-working-day convention the
    /// first working day from it).
    pub day0: NaiveDate,
    /// The Nth working day after day 0.
    pub due: NaiveDate,
    /// Whether any day from day 0 to the due date lies in a year whose holidays were generated
    /// from the rules rather than published.
    pub provisional: bool,
}

/// An inclusive range of days that do not count (a fee pause).
pub type Pause = (NaiveDate, NaiveDate);

/// Non-working days of one regime.
#[derive(Debug, Clone)]
pub struct Calendar {
    regime: Regime,
    first: NaiveDate,
    flags: Vec<u8>,
    /// The book the days came from, kept to word a day's reason when one is asked for: most
    /// counts never ask, and copying every holiday's title of 111 years costs more than
    /// counting.
    book: Arc<HolidayBook>,
}

impl Calendar {
    /// Builds the calendar of `regime` from every year of the book.
    pub fn new(book: impl Into<Arc<HolidayBook>>, regime: Regime) -> Calendar {
        Calendar::build(book.into(), regime)
    }

    /// This calendar for `regime`, when that regime counts the same days (EIR counts the
    /// days FOIA does): a copy instead of building it again.
    pub fn same_days_for(&self, regime: Regime) -> Option<Calendar> {
        (regime.divisions() == self.regime.divisions()).then(|| Calendar {
            regime,
            ..self.clone()
        })
    }

    fn build(book: Arc<HolidayBook>, regime: Regime) -> Calendar {
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX);
        let len = (last - first).num_days() as usize + 1;
        let mut flags = vec![0u8; len];
        let divisions = regime.divisions();
        for year in FIRST_YEAR..=LAST_YEAR {
            if !book.covers(year) {
                let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(first);
                let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(last);
                let (a, b) = ((start - first).num_days(), (end - first).num_days());
                for f in &mut flags[a as usize..=b as usize] {
                    *f |= PROVISIONAL;
                }
            }
            for h in book.days(year) {
                if divisions.contains(&h.division) {
                    flags[(h.date - first).num_days() as usize] |= HOLIDAY;
                }
            }
            // Christmas Day and Good Friday are named in the Acts themselves: non-working
            // whatever a holidays file says.
            for date in acts_days(year).into_iter().filter(|d| !is_weekend(*d)) {
                flags[(date - first).num_days() as usize] |= HOLIDAY;
            }
        }
        Calendar {
            regime,
            first,
            flags,
            book,
        }
    }

    pub fn regime(&self) -> Regime {
        self.regime
    }

    fn index(&self, d: NaiveDate) -> Result<usize, OutOfRange> {
        let i = (d - self.first).num_days();
        if i < 0 || i as usize >= self.flags.len() {
            Err(OutOfRange(d))
        } else {
            Ok(i as usize)
        }
    }

    /// Whether `d` is a working day (not a weekend, not a holiday of this regime).
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, OutOfRange> {
        let i = self.index(d)?;
        Ok(!is_weekend(d) && self.flags[i] & HOLIDAY == 0)
    }

    /// Whether `d` lies in a year whose holidays were generated, not published.
    pub fn is_provisional(&self, d: NaiveDate) -> Result<bool, OutOfRange> {
        Ok(self.flags[self.index(d)?] & PROVISIONAL != 0)
    }

    /// Why `d` is not a working day, or `None` when it is one.
    pub fn reason(&self, d: NaiveDate) -> Option<std::borrow::Cow<'static, str>> {
        if is_weekend(d) {
            return Some(std::borrow::Cow::Borrowed("weekend"));
        }
        if !self.is_working_day(d).unwrap_or(true) {
            let divisions = self.regime.divisions();
            let mut list: Vec<(&str, Division)> = self
                .book
                .days(d.year())
                .into_iter()
                .filter(|h| h.date == d && divisions.contains(&h.division))
                .map(|h| (h.title, h.division))
                .collect();
            if list.is_empty() && acts_days(d.year()).contains(&d) {
                let title = if d.month() == 12 {
                    "Christmas Day"
                } else {
                    "Good Friday"
                };
                list.push((title, divisions[0]));
            }
            return (!list.is_empty()).then(|| std::borrow::Cow::Owned(describe(&list, divisions)));
        }
        None
    }

    /// The first working day on or after `d`.
    pub fn on_or_after(&self, mut d: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        while !self.is_working_day(d)? {
            d += Duration::days(1);
        }
        Ok(d)
    }

    /// Counts `n` working days after `from`, skipping the days of `pauses`.
    ///
    /// The day of receipt is day 0; day 1 is the first working day after it, whether or not
    /// the day of receipt was itself a working day (the ICO convention). Under the
    /// next-working-day convention a receipt on a non-working day first moves to the next
    /// working day, which then is day 0.
    pub fn count(
        &self,
        from: NaiveDate,
        n: u32,
        convention: Convention,
        pauses: &[Pause],
    ) -> Result<Counted, OutOfRange> {
        let day0 = match convention {
            Convention::Ico => from,
            Convention::NextWorkingDay => self.on_or_after(from)?,
        };
        let mut i = self.index(day0)?;
        let mut provisional = self.flags[i] & PROVISIONAL != 0;
        let mut date = day0;
        let mut counted = 0;
        let mut weekday = day0.weekday().num_days_from_monday();
        while counted < n {
            i += 1;
            date += Duration::days(1);
            weekday = (weekday + 1) % 7;
            let f = *self.flags.get(i).ok_or(OutOfRange(date))?;
            provisional |= f & PROVISIONAL != 0;
            if weekday < 5 && f & HOLIDAY == 0 && !in_pauses(date, pauses) {
                counted += 1;
            }
        }
        Ok(Counted {
            day0,
            due: date,
            provisional,
        })
    }

    /// The days after `day0` up to `due` that were not counted, each with its reason.
    pub fn skipped(&self, day0: NaiveDate, due: NaiveDate, pauses: &[Pause]) -> Vec<Skipped> {
        let mut out = Vec::new();
        let mut d = day0 + Duration::days(1);
        while d < due {
            if let Some(reason) = self.reason(d) {
                let reason = match self.is_provisional(d) {
                    Ok(true) if reason != "weekend" => format!("{reason} [provisional]").into(),
                    _ => reason,
                };
                out.push(Skipped { date: d, reason });
            } else if let Some((a, b)) = pauses.iter().find(|(a, b)| *a <= d && d <= *b) {
                out.push(Skipped {
                    date: d,
                    reason: format!("fee pause (notice {a}, paid {b})").into(),
                });
            }
            d += Duration::days(1);
        }
        out
    }

    /// Working days from `today` to `due`: positive while time is left, 0 on the day itself,
    /// negative once late (at least -1 on any day after the due date, so a weekend after a
    /// Friday deadline still reads as late).
    pub fn working_days_left(&self, today: NaiveDate, due: NaiveDate) -> Result<i64, OutOfRange> {
        if due >= today {
            Ok(self.working_days_in(today, due)? as i64)
        } else {
            Ok(-(self.working_days_in(due, today)?.max(1) as i64))
        }
    }

    /// The number of working days in `(a, b]`.
    pub fn working_days_in(&self, a: NaiveDate, b: NaiveDate) -> Result<u32, OutOfRange> {
        self.index(a)?;
        self.index(b)?;
        let mut n = 0;
        let mut d = a + Duration::days(1);
        while d <= b {
            if self.is_working_day(d)? {
                n += 1;
            }
            d += Duration::days(1);
        }
        Ok(n)
    }
}

fn in_pauses(d: NaiveDate, pauses: &[Pause]) -> bool {
    pauses.iter().any(|(a, b)| *a <= d && d <= *b)
}

/// Christmas Day and Good Friday of `year`: named in FOIA s.10(6) (which EIR reg 2(1) adopts);
/// FOISA s.73 names Christmas Day, and Good Friday is a Scottish bank holiday.
fn acts_days(year: i32) -> Vec<NaiveDate> {
    [
        NaiveDate::from_ymd_opt(year, 12, 25),
        rules::good_friday(year),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// "St Patrick's Day (Northern Ireland)", "Christmas Day (all UK)", "Spring bank holiday (all UK)
/// [provisional]"; several different days on one date are joined with "; ".
fn describe(list: &[(&str, Division)], regime_divisions: &[Division]) -> String {
    let mut by_title: Vec<(&str, Vec<Division>)> = Vec::new();
    for (title, div) in list {
        match by_title.iter_mut().find(|(t, _)| t == title) {
            Some((_, divs)) => {
                if !divs.contains(div) {
                    divs.push(*div)
                }
            }
            None => by_title.push((title, vec![*div])),
        }
    }
    by_title
        .into_iter()
        .map(|(title, mut divs)| {
            divs.sort();
            let wher = if regime_divisions.len() == 3 {
                divisions_label(&divs)
            } else {
                divs.iter()
                    .map(|d| d.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{title} ({wher})")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "all UK" when every division has the day, else their names: "Scotland", "England and
/// Wales, Northern Ireland".
pub fn divisions_label(divs: &[Division]) -> String {
    if Division::ALL.iter().all(|d| divs.contains(d)) {
        "all UK".to_string()
    } else {
        divs.iter()
            .map(|d| d.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
