//! The campaign report: the numbers a group publishes, each with the bodies behind it.
//!
//! [`Report::build`] counts from what the store read (no SQL, no I/O), so the same numbers
//! feed the Markdown and HTML reports and the board's statistics screen. [`document`] words
//! them as a [`doc::Doc`], which [`markdown`] and [`html`] render, each escaping every piece
//! of stored text for its format.

pub mod chart;
pub mod doc;
pub mod html;
pub mod markdown;
mod wording;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate};

use crate::law::{Phase, ReviewOutcome, Status};
use crate::model::{Campaign, Finding, Outcome, Question, Tag};
use crate::store::{Cell, HolidaySources, RequestSummary};

pub use wording::document;

/// A body as a report names it: its short name and ODS code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BodyRef {
    /// Shared: a report names each body in many lists.
    pub name: std::rc::Rc<str>,
    pub ods: std::rc::Rc<str>,
}

/// A count and the bodies behind it (sorted by name).
pub type Bodies = Vec<BodyRef>;

/// What a report says about one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionTally {
    pub number: u32,
    pub text: String,
    /// Outcomes recorded, in the order of [`Outcome::ALL`]; only those with bodies.
    pub outcomes: Vec<(Outcome, Bodies)>,
    /// Requests with no answer recorded to this question.
    pub unrecorded: Bodies,
    /// Exemptions cited, most cited first.
    pub exemptions: Vec<(String, Bodies)>,
    /// Tags of the findings on this question, by the number of bodies, most first.
    pub tags: Vec<(String, Bodies)>,
}

/// One finding under its tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Quoted {
    pub body: BodyRef,
    pub question: u32,
    pub quote: String,
    pub note: String,
}

/// A tag with the findings that carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct TagQuotes {
    pub name: String,
    pub meaning: String,
    pub findings: Vec<Quoted>,
}

/// The requests of one kind of body or one region.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupTally {
    pub key: String,
    pub requests: usize,
    pub responded: usize,
    pub on_time: usize,
    pub late: usize,
    /// Sent and not answered yet (the clock running).
    pub awaited: usize,
    /// Of those, past the deadline today.
    pub overdue: usize,
    /// Requests with at least one question refused.
    pub refused_any: usize,
}

/// Everything a campaign report says.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub slug: String,
    pub title: String,
    pub made_on: NaiveDate,
    pub holidays: HolidaySources,
    /// Some date the clocks counted lies in a year whose holidays were generated.
    pub provisional: bool,
    pub requests: usize,
    pub sent: usize,
    /// Statuses today, in the order of [`Status::ALL`]; only those with bodies.
    pub by_status: Vec<(Status, Bodies)>,
    pub responded: usize,
    pub on_time: Bodies,
    pub late: Bodies,
    /// The late responses with how many working days late each came, most late first.
    pub late_by: Vec<(BodyRef, u32)>,
    /// Awaited with working days left (negative: late), most late first.
    pub awaited: Vec<(BodyRef, Option<i64>)>,
    pub long_overdue: Bodies,
    /// Median working days from receipt to the first response.
    pub median_days: Option<f64>,
    pub questions: Vec<QuestionTally>,
    pub tags: Vec<TagQuotes>,
    pub by_kind: Vec<GroupTally>,
    pub by_region: Vec<GroupTally>,
    /// First responses per week (weeks starting on Monday), from the first request sent.
    pub weekly: Vec<(NaiveDate, usize)>,
    pub reviews: ReviewTally,
    /// Tags the group chose to lead the report with, in its order (`config report-headlines`).
    pub pinned: Vec<String>,
}

/// Internal reviews: how many were asked for, answered (by outcome) and overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewTally {
    pub asked: usize,
    pub answered: usize,
    /// Answered reviews by what they decided, in the order of [`ReviewOutcome::ALL`].
    pub outcomes: Vec<(ReviewOutcome, usize)>,
    /// Answered with no outcome recorded.
    pub unrecorded: usize,
    pub overdue: Bodies,
}

impl ReviewTally {
    fn of(rows: &[RequestSummary], refs: &Refs) -> ReviewTally {
        let mut t = ReviewTally::default();
        let mut counts: BTreeMap<ReviewOutcome, usize> = BTreeMap::new();
        for r in rows {
            if r.report.review_requested.is_none() {
                continue;
            }
            t.asked += 1;
            if r.report.review_responded.is_some() {
                t.answered += 1;
                match r.review_outcome {
                    Some(o) => *counts.entry(o).or_default() += 1,
                    None => t.unrecorded += 1,
                }
            } else if r.status == Status::ReviewOverdue {
                t.overdue.push(refs.get(r));
            }
        }
        t.outcomes = ReviewOutcome::ALL
            .iter()
            .filter_map(|o| counts.get(o).map(|n| (*o, *n)))
            .collect();
        t.overdue.sort();
        t
    }
}

/// What a report is counted from: one campaign as the store read it.
/// The tags of the `report-headlines` setting, in order (commas or spaces between them).
pub fn headline_tags(setting: &str) -> Vec<String> {
    setting
        .split([',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub struct Inputs<'a> {
    pub campaign: &'a Campaign,
    pub questions: &'a [Question],
    pub rows: &'a [RequestSummary],
    pub cells: &'a [Cell],
    /// Owned: their quotes and notes move into the report.
    pub findings: Vec<Finding>,
    pub tags: &'a [Tag],
    pub holidays: HolidaySources,
    pub today: NaiveDate,
    /// Tags to lead with, in order; empty lets the report choose.
    pub headlines: &'a [String],
}

fn body_of(r: &RequestSummary) -> BodyRef {
    BodyRef {
        name: r.request.body.short_name.as_str().into(),
        ods: r.request.body.ods_code.as_str().into(),
    }
}

/// Each request's [`BodyRef`], made once and shared by every list that names it.
struct Refs(HashMap<i64, BodyRef>);

impl Refs {
    fn of(rows: &[RequestSummary]) -> Refs {
        Refs(rows.iter().map(|r| (r.request.id, body_of(r))).collect())
    }

    fn get(&self, r: &RequestSummary) -> BodyRef {
        self.0
            .get(&r.request.id)
            .cloned()
            .unwrap_or_else(|| body_of(r))
    }
}

/// Sorted and without repeats.
fn sorted(mut v: Bodies) -> Bodies {
    v.sort();
    v.dedup();
    v
}

/// Groups of bodies, most bodies first, then by key.
fn by_count(m: BTreeMap<&str, BTreeSet<BodyRef>>) -> Vec<(String, Bodies)> {
    let mut v: Vec<(String, Bodies)> = m
        .into_iter()
        .map(|(k, s)| (k.to_string(), s.into_iter().collect()))
        .collect();
    v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The median of `v` (sorted here), or `None` when empty.
pub fn median(mut v: Vec<u32>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0
    })
}

/// The Monday of `d`'s week.
fn week_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

impl Report {
    pub fn build(i: Inputs) -> Report {
        let rows = i.rows;
        let refs = Refs::of(rows);
        let reviews = ReviewTally::of(rows, &refs);
        let by_id: HashMap<i64, &RequestSummary> = rows.iter().map(|r| (r.request.id, r)).collect();

        let mut by_status: BTreeMap<Status, Bodies> = BTreeMap::new();
        let (mut on_time, mut late, mut long_overdue) = (Vec::new(), Vec::new(), Vec::new());
        let mut awaited = Vec::new();
        let mut late_by = Vec::new();
        let mut days = Vec::new();
        for r in rows {
            by_status.entry(r.status).or_default().push(refs.get(r));
            match r.report.responded_late {
                Some(false) => on_time.push(refs.get(r)),
                Some(true) => {
                    late.push(refs.get(r));
                    late_by.push((refs.get(r), r.report.responded_days_late.unwrap_or(0)));
                }
                None => {}
            }
            if r.status == Status::LongOverdue {
                long_overdue.push(refs.get(r));
            }
            if r.report.phase == Phase::Running {
                awaited.push((refs.get(r), r.working_days_left));
            }
            if let Some(d) = r.report.working_days_to_respond {
                days.push(d);
            }
        }
        awaited.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        late_by.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

        let questions = i
            .questions
            .iter()
            .map(|q| question_tally(q, rows, &by_id, &refs, i.cells, &i.findings))
            .collect();

        let meaning: HashMap<&str, &str> = i
            .tags
            .iter()
            .map(|t| (t.name.as_str(), t.meaning.as_str()))
            .collect();
        let mut tag_map: BTreeMap<String, Vec<Quoted>> = BTreeMap::new();
        for mut f in i.findings {
            let Some(r) = by_id.get(&f.request_id) else {
                continue;
            };
            // The last tag takes the quote itself; the others a copy.
            let mut tags = std::mem::take(&mut f.tags);
            while let Some(t) = tags.pop() {
                let (quote, note) = if tags.is_empty() {
                    (std::mem::take(&mut f.quote), std::mem::take(&mut f.note))
                } else {
                    (f.quote.clone(), f.note.clone())
                };
                let quoted = Quoted {
                    body: refs.get(r),
                    question: f.question,
                    quote,
                    note,
                };
                match tag_map.get_mut(&t) {
                    Some(list) => list.push(quoted),
                    None => {
                        tag_map.insert(t, vec![quoted]);
                    }
                }
            }
        }
        let tags = tag_map
            .into_iter()
            .map(|(name, mut findings)| {
                findings.sort_by(|a, b| a.body.cmp(&b.body).then(a.question.cmp(&b.question)));
                TagQuotes {
                    meaning: meaning.get(name.as_str()).unwrap_or(&"").to_string(),
                    name,
                    findings,
                }
            })
            .collect();

        let refused: BTreeSet<i64> = i
            .cells
            .iter()
            .filter(|c| c.outcome == Outcome::Refused)
            .map(|c| c.request_id)
            .collect();
        let group = |key: &dyn Fn(&RequestSummary) -> &str| {
            let mut m: BTreeMap<&str, GroupTally> = BTreeMap::new();
            for r in rows {
                let k = key(r);
                let k = if k.trim().is_empty() {
                    "(not recorded)"
                } else {
                    k
                };
                let g = m.entry(k).or_insert_with(|| GroupTally {
                    key: k.to_string(),
                    ..GroupTally::default()
                });
                g.requests += 1;
                if r.report.responded.is_some() {
                    g.responded += 1;
                }
                match r.report.responded_late {
                    Some(false) => g.on_time += 1,
                    Some(true) => g.late += 1,
                    None => {}
                }
                if r.report.phase == Phase::Running {
                    g.awaited += 1;
                    if r.status.is_late() {
                        g.overdue += 1;
                    }
                }
                if refused.contains(&r.request.id) {
                    g.refused_any += 1;
                }
            }
            m.into_values().collect::<Vec<_>>()
        };
        let by_kind = group(&|r| r.request.body.kind.as_str());
        let by_region = group(&|r| r.request.body.region.as_str());

        let weekly = weekly(rows, i.today);

        Report {
            slug: i.campaign.slug.clone(),
            title: i.campaign.title.clone(),
            made_on: i.today,
            holidays: i.holidays,
            provisional: rows.iter().any(|r| r.report.provisional),
            requests: rows.len(),
            sent: rows.iter().filter(|r| r.report.received.is_some()).count(),
            by_status: by_status.into_iter().map(|(s, b)| (s, sorted(b))).collect(),
            responded: rows.iter().filter(|r| r.report.responded.is_some()).count(),
            on_time: sorted(on_time),
            late: sorted(late),
            late_by,
            awaited,
            long_overdue: sorted(long_overdue),
            median_days: median(days),
            questions,
            tags,
            by_kind,
            by_region,
            weekly,
            reviews,
            pinned: i.headlines.to_vec(),
        }
    }
}

fn question_tally(
    q: &Question,
    rows: &[RequestSummary],
    by_id: &HashMap<i64, &RequestSummary>,
    refs: &Refs,
    cells: &[Cell],
    findings: &[Finding],
) -> QuestionTally {
    let mut outcomes: BTreeMap<Outcome, Bodies> = BTreeMap::new();
    let mut exemptions: BTreeMap<&str, BTreeSet<BodyRef>> = BTreeMap::new();
    let mut answered = BTreeSet::new();
    for c in cells.iter().filter(|c| c.question == q.number) {
        let Some(r) = by_id.get(&c.request_id) else {
            continue;
        };
        answered.insert(c.request_id);
        outcomes.entry(c.outcome).or_default().push(refs.get(r));
        for e in &c.exemptions {
            exemptions.entry(e).or_default().insert(refs.get(r));
        }
    }
    let mut tags: BTreeMap<&str, BTreeSet<BodyRef>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.question == q.number) {
        if let Some(r) = by_id.get(&f.request_id) {
            for t in &f.tags {
                tags.entry(t).or_default().insert(refs.get(r));
            }
        }
    }
    let unrecorded = rows
        .iter()
        .filter(|r| !answered.contains(&r.request.id))
        .map(|r| refs.get(r))
        .collect();
    QuestionTally {
        number: q.number,
        text: q.text.clone(),
        outcomes: Outcome::ALL
            .iter()
            .filter_map(|o| outcomes.remove(o).map(|b| (*o, sorted(b))))
            .collect(),
        unrecorded: sorted(unrecorded),
        exemptions: by_count(exemptions),
        tags: by_count(tags),
    }
}

/// First responses per week, every week from the first request sent to this week (or the last
/// response, if later), weeks with none included so a chart shows the gaps.
fn weekly(rows: &[RequestSummary], today: NaiveDate) -> Vec<(NaiveDate, usize)> {
    let Some(first) = rows.iter().filter_map(|r| r.report.received).min() else {
        return Vec::new();
    };
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in rows.iter().filter_map(|r| r.report.responded) {
        *counts.entry(week_of(d)).or_default() += 1;
    }
    let last = counts
        .keys()
        .next_back()
        .copied()
        .map_or(week_of(today), |w| w.max(week_of(today)));
    let mut out = Vec::new();
    let mut w = week_of(first);
    while w <= last {
        out.push((w, counts.get(&w).copied().unwrap_or(0)));
        w += Duration::days(7);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![20, 3, 7]), Some(7.0));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
    }

    #[test]
    fn weeks_start_on_monday() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(week_of(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(week_of(d("2026-11-29")), d("2026-11-23"));
        assert_eq!(week_of(d("2026-11-22")), d("2026-11-16"));
    }
}
