//! The statutory rules that generate a year's bank holidays when no published data covers it.
//!
//! Published data (GOV.UK) always wins: royal proclamations move days at short notice (2020-05-08,
//! 2022-06-02/03, 2022-09-19, 2023-05-08, 2026-06-15), so every date produced here is marked
//! provisional by the calendar.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::regime::Division;

/// One generated holiday: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHoliday {
    pub date: NaiveDate,
    pub division: Division,
    pub title: &'static str,
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known as
/// Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Good Friday of a year: two days before Easter Sunday.
pub fn good_friday(year: i32) -> Option<NaiveDate> {
    easter_sunday(year).map(|d| d - Duration::days(2))
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut d = first_next - Duration::days(1);
    while d.weekday() != Weekday::Mon {
        d -= Duration::days(1);
    }
    Some(d)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The holidays of one division in one year, in calendar order.
///
/// A fixed-date day that falls on a weekend moves to the next weekday that is not already a
/// holiday, taken in calendar order: so Boxing Day moves past a substituted Christmas, and in
/// Scotland 2 January moves past a substituted New Year's Day.
pub fn division_year(division: Division, year: i32) -> Vec<RuleHoliday> {
    use Division::*;
    // (date, title, is fixed-date and so substitutable)
    let mut days: Vec<(Option<NaiveDate>, &'static str, bool)> = Vec::new();
    let ymd = NaiveDate::from_ymd_opt;
    days.push((ymd(year, 1, 1), "New Year's Day", true));
    if division == Scotland {
        days.push((ymd(year, 1, 2), "2nd January", true));
    }
    if division == NorthernIreland {
        days.push((ymd(year, 3, 17), "St Patrick's Day", true));
    }
    days.push((good_friday(year), "Good Friday", false));
    if division != Scotland {
        days.push((
            easter_sunday(year).map(|d| d + Duration::days(1)),
            "Easter Monday",
            false,
        ));
    }
    days.push((first_monday(year, 5), "Early May bank holiday", false));
    days.push((last_monday(year, 5), "Spring bank holiday", false));
    if division == NorthernIreland {
        days.push((
            ymd(year, 7, 12),
            "Battle of the Boyne (Orangemen's Day)",
            true,
        ));
    }
    if division == Scotland {
        days.push((first_monday(year, 8), "Summer bank holiday", false));
    } else {
        days.push((last_monday(year, 8), "Summer bank holiday", false));
    }
    if division == Scotland {
        days.push((ymd(year, 11, 30), "St Andrew's Day", true));
    }
    days.push((ymd(year, 12, 25), "Christmas Day", true));
    days.push((ymd(year, 12, 26), "Boxing Day", true));

    // Movable days (Mondays, Good Friday) never fall on weekends; place them first so that
    // substitutes step around them.
    let mut taken: Vec<NaiveDate> = days
        .iter()
        .filter(|(_, _, fixed)| !fixed)
        .filter_map(|(d, _, _)| *d)
        .collect();
    let mut out = Vec::with_capacity(days.len());
    for (date, title, fixed) in days {
        let Some(mut date) = date else { continue };
        if fixed {
            while is_weekend(date) || taken.contains(&date) {
                date += Duration::days(1);
            }
            taken.push(date);
        }
        out.push(RuleHoliday {
            date,
            division,
            title,
        });
    }
    proclaimed(year, division, &mut out);
    out.sort_by_key(|h| h.date);
    out
}

/// The days moved or added by proclamation in the years before the published data, so that
/// generated years match what was observed (still provisional, as every generated day is):
/// 8 May 1995 (the early May bank holiday moved for VE Day's 50th anniversary), 31 December
/// 1999 (the Millennium), 3 and 4 June 2002 (the Golden Jubilee, with the spring bank holiday
/// moved from 27 May to 4 June), 29 April 2011 (the Royal Wedding). UK-wide, every division.
fn proclaimed(year: i32, division: Division, days: &mut Vec<RuleHoliday>) {
    let ymd = NaiveDate::from_ymd_opt;
    let mut moved = |title: &str, to: Option<NaiveDate>| {
        if let (Some(h), Some(to)) = (days.iter_mut().find(|h| h.title == title), to) {
            h.date = to;
        }
    };
    let extra: &[(u32, u32, &'static str)] = match year {
        1995 => {
            moved("Early May bank holiday", ymd(1995, 5, 8));
            &[]
        }
        1999 => &[(12, 31, "Millennium Day")],
        2002 => {
            moved("Spring bank holiday", ymd(2002, 6, 4));
            &[(6, 3, "Golden Jubilee of Elizabeth II")]
        }
        2011 => &[(4, 29, "Wedding of Prince William and Catherine Middleton")],
        _ => &[],
    };
    for (month, day, title) in extra {
        if let Some(date) = ymd(year, *month, *day) {
            days.push(RuleHoliday {
                date,
                division,
                title,
            });
        }
    }
}

/// The holidays of every division in one year.
pub fn year(year: i32) -> Vec<RuleHoliday> {
    Division::ALL
        .iter()
        .flat_map(|d| division_year(*d, year))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_known_years() {
        assert_eq!(easter_sunday(2009), Some(d("2009-04-12")));
        assert_eq!(easter_sunday(2019), Some(d("2019-04-21")));
        assert_eq!(easter_sunday(2024), Some(d("2024-03-31")));
        assert_eq!(easter_sunday(2038), Some(d("2038-04-25")));
        assert_eq!(easter_sunday(2008), Some(d("2008-03-23")));
    }

    #[test]
    fn boxing_day_moves_past_substituted_christmas() {
        // 2021: Christmas Saturday -> Monday 27; Boxing Day Sunday -> Tuesday 28.
        let ew = division_year(Division::EnglandAndWales, 2021);
        let xmas: Vec<_> = ew.iter().filter(|h| h.date.month() == 12).collect();
        assert_eq!(xmas[0].date, d("2021-12-27"));
        assert_eq!(xmas[1].date, d("2021-12-28"));
    }

    #[test]
    fn scottish_new_year_pair_substitutes_in_order() {
        // 2022: 1 Jan Saturday, 2 Jan Sunday -> Monday 3 and Tuesday 4.
        let sc = division_year(Division::Scotland, 2022);
        assert_eq!(sc[0].date, d("2022-01-03"));
        assert_eq!(sc[1].date, d("2022-01-04"));
        assert_eq!(sc[1].title, "2nd January");
    }

    #[test]
    fn st_andrews_day_on_a_weekend_moves_to_monday() {
        // 30 November 2007 was a Friday; 2008 a Sunday -> Monday 1 December.
        let sc = division_year(Division::Scotland, 2008);
        assert!(sc.iter().any(|h| h.date == d("2008-12-01")));
        let sc = division_year(Division::Scotland, 2007);
        assert!(sc.iter().any(|h| h.date == d("2007-11-30")));
    }
}
