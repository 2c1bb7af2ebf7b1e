//! Bank holidays as stored: published GOV.UK data, proclaimed one-offs and users' corrections.
//! The calendars built from them are cached by a version number bumped on every change, and
//! read with the group's counting convention: together, what every clock needs.

use std::rc::Rc;

use super::db::{params, Conn};
use chrono::{Datelike, NaiveDate};

use super::rows::{date, text};
use super::{Calendars, Result, Store, StoreError};
use crate::law::{Division, Holiday, HolidayBook, Origin, Policy};

pub(super) fn bump_version(conn: &Conn) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('holidays_version', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(settings.value AS INTEGER) + 1",
        [],
    )?;
    Ok(())
}

/// The holidays and the days struck out, each row with the holidays' version and the
/// group's convention.
const HOLIDAYS_SQL: &str = "SELECT date, division, title, origin,
        (SELECT value FROM settings WHERE key = 'holidays_version'),
        (SELECT value FROM settings WHERE key = 'convention')
     FROM holidays
     UNION ALL
     SELECT date, division, NULL, NULL,
        (SELECT value FROM settings WHERE key = 'holidays_version'),
        (SELECT value FROM settings WHERE key = 'convention')
     FROM holiday_removals
     ORDER BY 1, 2";

/// The holidays' version and the group's convention: whether kept calendars still hold.
const CHECK_SQL: &str = "SELECT (SELECT value FROM settings WHERE key = 'holidays_version'),
        (SELECT value FROM settings WHERE key = 'convention')";

/// The rows of [`HOLIDAYS_SQL`], sorted as they arrive.
#[derive(Default)]
pub(super) struct HolidayRows {
    published: Vec<Holiday>,
    extra: Vec<Holiday>,
    removed: Vec<(NaiveDate, Division)>,
    version: i64,
    convention: Option<Option<String>>,
}

impl HolidayRows {
    fn push(&mut self, r: &super::db::Row<'_>) -> super::db::Result<()> {
        let (d, div, title, origin) = (
            date(r, 0)?,
            text(r, 1)?,
            r.get::<Option<String>>(2)?,
            r.get::<Option<String>>(3)?,
        );
        if let Some(v) = r.get::<Option<String>>(4)?.and_then(|v| v.parse().ok()) {
            self.version = v;
        }
        // Each row carries the setting; no row (no holidays at all) leaves it unread.
        self.convention = Some(r.get::<Option<String>>(5)?);
        let (Some(d), Ok(division)) = (d, div.parse::<Division>()) else {
            return Ok(());
        };
        // A row without an origin is a day struck out.
        let Some(origin) = origin else {
            self.removed.push((d, division));
            return Ok(());
        };
        let Some(origin) = Origin::parse(&origin) else {
            return Ok(());
        };
        let h = Holiday {
            date: d,
            division,
            title: title.unwrap_or_default(),
            origin,
        };
        if origin == Origin::Published {
            self.published.push(h);
        } else {
            self.extra.push(h);
        }
        Ok(())
    }

    fn finish(self) -> ReadHolidays {
        let HolidayRows {
            published,
            mut extra,
            removed,
            version,
            convention,
        } = self;
        extra.sort_by(|a, b| (a.date, a.division.as_str()).cmp(&(b.date, b.division.as_str())));
        let years = published.iter().map(|h| h.date.year());
        let sources = HolidaySources {
            published: years.clone().min().zip(years.max()),
            added: extra.clone(),
            removed: removed.clone(),
        };
        let mut book = HolidayBook::new();
        book.add_published(published);
        for h in extra {
            book.add_extra(h);
        }
        for (d, div) in removed {
            book.remove(d, div);
        }
        ReadHolidays {
            book,
            sources,
            version,
            convention,
        }
    }
}

/// What every clock needs, read with a summary's other statements (on a server, in the
/// same round trip): the holidays when no calendars are kept, or only whether the kept ones
/// still hold. [`Store::clock_from`] makes the calendars and the policy of the rows.
pub(super) enum ClockRows {
    Check {
        kept: (i64, Rc<Calendars>),
        version: Option<String>,
        convention: Option<String>,
    },
    Full(HolidayRows),
}

impl ClockRows {
    pub(super) fn push(&mut self, r: &super::db::Row<'_>) -> super::db::Result<()> {
        match self {
            ClockRows::Check {
                version,
                convention,
                ..
            } => {
                *version = r.get(0)?;
                *convention = r.get(1)?;
                Ok(())
            }
            ClockRows::Full(rows) => rows.push(r),
        }
    }
}

/// The holidays as one statement reads them.
struct ReadHolidays {
    book: HolidayBook,
    sources: HolidaySources,
    version: i64,
    /// The `convention` setting as stored, read alongside; `None` when there was no row to
    /// carry it.
    convention: Option<Option<String>>,
}

impl Store {
    /// Loads the shipped holidays into an empty table (first run); does nothing otherwise.
    pub fn seed_holidays(&mut self, book: &[Holiday]) -> Result<usize> {
        self.load(|w| {
            let tx = w.tx;
            let have: i64 = tx.query_row("SELECT count(*) FROM holidays", [], |r| r.get(0))?;
            let mut n = 0;
            if have == 0 {
                let mut stmt = tx.prepare(
                    "INSERT INTO holidays (date, division, title, origin) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT DO NOTHING",
                )?;
                for h in book {
                    n += stmt.execute(params![
                        h.date.to_string(),
                        h.division.as_str(),
                        h.title,
                        h.origin.as_str()
                    ])?;
                }
                drop(stmt);
                bump_version(tx)?;
            }
            Ok(n)
        })
    }

    /// Every holiday source in the database, as the law module takes them.
    pub fn holiday_book(&self) -> Result<HolidayBook> {
        Ok(self.read_holidays()?.book)
    }

    /// The holidays table and the days struck out, read once (one statement, with the
    /// version they are at and the group's convention): the book the calendars count with
    /// and the sources a report names come from the same rows.
    fn read_holidays(&self) -> Result<ReadHolidays> {
        let mut rows = HolidayRows::default();
        self.conn
            .read_together(&[(HOLIDAYS_SQL, &[])], |_, r| rows.push(r))?;
        Ok(rows.finish())
    }

    /// The calendars of the three regimes, rebuilt only when the holidays changed.
    pub fn calendars(&self) -> Result<Rc<Calendars>> {
        Ok(self.calendars_and_convention()?.0)
    }

    /// What every clock needs from the database: the calendars and the group's counting
    /// policy, in one statement (on a server, one round trip rather than two; a listing,
    /// an export and each reload of the board count clocks).
    pub fn clock_setup(&self) -> Result<(Rc<Calendars>, Policy)> {
        let (calendars, convention) = self.calendars_and_convention()?;
        Ok((calendars, super::policy_from(convention)?))
    }

    /// The calendars, rebuilt only when the holidays' version moved, and the `convention`
    /// setting as stored. One statement either way: the version and the setting when the
    /// calendars are kept, the holidays with both when they are not (only a database with
    /// no holidays at all, whose rows cannot carry the setting, asks for it apart).
    fn calendars_and_convention(&self) -> Result<(Rc<Calendars>, Option<String>)> {
        let (sql, mut rows) = self.clock_statement();
        self.conn
            .read_together(&[(sql, &[])], |_, r| rows.push(r))?;
        self.calendars_of(rows)
    }

    /// The statement that brings what the clocks need, and where its rows go: the version
    /// and convention when calendars are kept, the holidays with both when not.
    pub(super) fn clock_statement(&self) -> (&'static str, ClockRows) {
        match self.calendars.borrow().clone() {
            Some(kept) => (
                CHECK_SQL,
                ClockRows::Check {
                    kept,
                    version: None,
                    convention: None,
                },
            ),
            None => (HOLIDAYS_SQL, ClockRows::Full(HolidayRows::default())),
        }
    }

    /// The calendars and the policy from the rows of [`Store::clock_statement`].
    pub(super) fn clock_from(&self, rows: ClockRows) -> Result<(Rc<Calendars>, Policy)> {
        let (calendars, convention) = self.calendars_of(rows)?;
        Ok((calendars, super::policy_from(convention)?))
    }

    /// The calendars (kept, or built and kept) and the convention as stored, from the rows of
    /// [`Store::clock_statement`]; the holidays read again only when the kept calendars are
    /// out of date, and the convention apart only when there were no holidays to carry it.
    fn calendars_of(&self, rows: ClockRows) -> Result<(Rc<Calendars>, Option<String>)> {
        let read = match rows {
            ClockRows::Check {
                kept: (v, c),
                version,
                convention,
            } => {
                if version.and_then(|v| v.parse().ok()).unwrap_or(0) == v {
                    return Ok((c, convention));
                }
                self.read_holidays()?
            }
            ClockRows::Full(rows) => rows.finish(),
        };
        let c = Rc::new(Calendars::new(read.book, read.sources));
        *self.calendars.borrow_mut() = Some((read.version, c.clone()));
        let convention = match read.convention {
            Some(convention) => convention,
            None => self.setting("convention")?,
        };
        Ok((c, convention))
    }

    /// Adds a one-off day (a new proclamation); it takes precedence over every file.
    pub fn add_holiday(&mut self, d: NaiveDate, division: Division, title: &str) -> Result<()> {
        if title.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a holiday needs a title (--title)".into(),
            ));
        }
        let summary = format!("add holiday {d} ({})", division.label());
        self.write(&summary, |w| {
            let removed: Option<i64> = {
                use super::db::Optional;
                w.tx.query_row(
                    "SELECT id FROM holiday_removals WHERE date = ?1 AND division = ?2",
                    params![d.to_string(), division.as_str()],
                    |r| r.get(0),
                )
                .optional()?
            };
            if let Some(id) = removed {
                w.delete("holiday_removals", id)?;
            }
            w.insert(
                "holidays",
                "INSERT INTO holidays (date, division, title, origin) VALUES (?1, ?2, ?3, 'user')
                 ON CONFLICT(date, division, origin) DO NOTHING",
                params![d.to_string(), division.as_str(), title.trim()],
            )?;
            bump_version(w.tx)
        })
    }

    /// Strikes a day out (a wrong entry), whatever its source.
    pub fn remove_holiday(&mut self, d: NaiveDate, division: Division) -> Result<()> {
        let book = self.holiday_book()?;
        if !book
            .year(d.year())
            .iter()
            .any(|h| h.date == d && h.division == division)
        {
            return Err(StoreError::NotFound(format!(
                "{d} is not a holiday in {}: `foiboard holidays --year {}` lists them",
                division.label(),
                d.year()
            )));
        }
        let summary = format!("remove holiday {d} ({})", division.label());
        self.write(&summary, |w| {
            let ids: Vec<i64> = {
                let mut stmt = w.tx.prepare(
                    "SELECT id FROM holidays WHERE date = ?1 AND division = ?2 AND origin <> 'published'",
                )?;
                let it = stmt.query_map(params![d.to_string(), division.as_str()], |r| r.get(0))?;
                it.collect::<super::db::Result<_>>()?
            };
            for id in ids {
                w.delete("holidays", id)?;
            }
            w.insert(
                "holiday_removals",
                "INSERT INTO holiday_removals (date, division) VALUES (?1, ?2)
                 ON CONFLICT(date, division) DO NOTHING",
                params![d.to_string(), division.as_str()],
            )?;
            bump_version(w.tx)
        })
    }

    /// Loads a newer GOV.UK file: for every year it covers, its days replace the published ones.
    /// Returns (days loaded, years covered).
    pub fn import_govuk(&mut self, days: &[Holiday]) -> Result<(usize, Vec<i32>)> {
        let mut years: Vec<i32> = days.iter().map(|h| h.date.year()).collect();
        years.sort();
        years.dedup();
        let summary = format!("load GOV.UK holidays for {} year(s)", years.len());
        let n = self.write(&summary, |w| {
            for y in &years {
                let ids: Vec<i64> = {
                    let mut stmt = w.tx.prepare(
                        "SELECT id FROM holidays WHERE origin = 'published' AND date LIKE ?1",
                    )?;
                    let it = stmt.query_map([format!("{y}-%")], |r| r.get(0))?;
                    it.collect::<super::db::Result<_>>()?
                };
                for id in ids {
                    w.delete("holidays", id)?;
                }
            }
            let mut n = 0;
            for h in days {
                if w.insert(
                    "holidays",
                    "INSERT INTO holidays (date, division, title, origin) VALUES (?1, ?2, ?3, 'published')
                     ON CONFLICT(date, division, origin) DO NOTHING",
                    params![h.date.to_string(), h.division.as_str(), h.title],
                )?
                .is_some()
                {
                    n += 1;
                }
            }
            bump_version(w.tx)?;
            Ok(n)
        })?;
        Ok((n, years))
    }
}

/// What the calendars were built from, for a report to cite.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HolidaySources {
    /// The first and last year of published (GOV.UK) data.
    pub published: Option<(i32, i32)>,
    /// Proclaimed one-offs and days users added, by date.
    pub added: Vec<Holiday>,
    /// Days struck out, by date.
    pub removed: Vec<(NaiveDate, Division)>,
}

impl Store {
    /// The sources of the holidays in use.
    pub fn holiday_sources(&self) -> Result<HolidaySources> {
        Ok(self.calendars()?.sources.clone())
    }
}
