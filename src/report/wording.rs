//! The report's words: its numbers laid out as a [`Doc`], every count followed by the bodies
//! behind it, so a reader can check any number against the requests.

use super::chart::Chart;
use super::doc::{muted, strong, text, Block, Doc, Line};
use super::{BodyRef, GroupTally, Report};
use crate::model::clock_words;

/// "Leeds Teaching Hospitals (RR8)".
fn body(b: &BodyRef) -> String {
    let mut s = String::with_capacity(b.name.len() + b.ods.len() + 3);
    push_body(&mut s, b);
    s
}

/// "Guy's and St Thomas' (RJ1)", appended.
fn push_body(s: &mut String, b: &BodyRef) {
    s.push_str(&b.name);
    s.push_str(" (");
    s.push_str(&b.ods);
    s.push(')');
}

/// The bodies behind a count, as one run ("" when none).
fn which(bodies: &[BodyRef]) -> Line {
    if bodies.is_empty() {
        return vec![muted("")];
    }
    let mut s = String::with_capacity(bodies.len() * 32);
    for (i, b) in bodies.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        push_body(&mut s, b);
    }
    vec![super::doc::Inline::Bodies(bodies.len(), s)]
}

fn count(n: usize) -> Line {
    vec![text(n.to_string())]
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report as a document. Takes the report whole so that its quotes move into the document rather than being copied
/// (a campaign's findings are most of a report's text).
pub fn document(mut report: Report) -> Doc {
    let r = &report;
    let mut b = Vec::new();
    b.push(Block::Heading(1, format!("{}: campaign report", r.title)));
    b.push(Block::Para(vec![muted(format!(
        "Campaign {} · made on {} with foiboard",
        r.slug, r.made_on
    ))]));
    b.push(Block::Para(sources(r)));

    key_findings(r, &mut b);
    overview(r, &mut b);
    questions(r, &mut b);
    tags(std::mem::take(&mut report.tags), &mut b);
    let r = &report;
    b.push(Block::Heading(2, "By kind of body".into()));
    chart(&mut b, timeliness_chart("kind of body", &r.by_kind));
    b.push(groups("kind", &r.by_kind));
    b.push(Block::Heading(2, "By region".into()));
    chart(&mut b, timeliness_chart("region", &r.by_region));
    b.push(groups("region", &r.by_region));
    if !r.weekly.is_empty() {
        b.push(Block::Heading(2, "Responses per week".into()));
        chart(
            &mut b,
            Chart {
                title: "First responses per week (week of)".into(),
                series: vec!["first responses".into()],
                rows: r
                    .weekly
                    .iter()
                    .map(|(w, n)| (w.to_string(), vec![*n]))
                    .collect(),
            },
        );
    }
    Doc {
        title: format!("{}: campaign report", r.title),
        blocks: b,
    }
}

/// Tags that track the group's own work, not what the answers say: never a headline unless
/// the group pins them.
const WORKING_TAGS: [&str; 2] = ["follow-up", "quote"];

/// The story first: what the answers say (the most-found tags, or the ones the group pinned),
/// how timely the bodies were, and the exemptions most cited.
fn key_findings(r: &Report, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, "Key findings".into()));
    let mut items: Vec<Line> = Vec::new();
    let bodies_of = |t: &super::TagQuotes| {
        let mut v: Vec<&BodyRef> = t.findings.iter().map(|f| &f.body).collect();
        v.sort();
        v.dedup();
        v.len()
    };
    let mut chosen: Vec<&super::TagQuotes> = if r.pinned.is_empty() {
        let mut v: Vec<&super::TagQuotes> = r
            .tags
            .iter()
            .filter(|t| !t.findings.is_empty() && !WORKING_TAGS.contains(&t.name.as_str()))
            .collect();
        v.sort_by_key(|t| std::cmp::Reverse(bodies_of(t)));
        v.truncate(5);
        v
    } else {
        r.pinned
            .iter()
            .filter_map(|p| r.tags.iter().find(|t| &t.name == p))
            .collect()
    };
    chosen.retain(|t| !t.findings.is_empty());
    for t in chosen {
        let what = if t.meaning.trim().is_empty() {
            t.name.clone()
        } else {
            t.meaning.trim().to_string()
        };
        items.push(vec![
            strong(format!("{} of {}", bodies_of(t), r.responded)),
            text(format!(" responding bodies: {what} ")),
            super::doc::Inline::TagRef(t.name.clone()),
        ]);
    }
    let overdue = r
        .awaited
        .iter()
        .filter(|(_, l)| l.is_some_and(|l| l < 0))
        .count();
    items.push(vec![
        strong(format!("{} of {}", r.on_time.len(), r.responded)),
        text(format!(
            " responses came on time and {} late; {} requests are overdue ({} long overdue); {}",
            r.late.len(),
            overdue,
            r.long_overdue.len(),
            r.median_days.map_or("no responses yet".to_string(), |m| {
                format!("the median reply took {m} working days")
            })
        )),
    ]);
    let mut cited: std::collections::BTreeMap<
        &str,
        (std::collections::BTreeSet<&BodyRef>, Vec<u32>),
    > = std::collections::BTreeMap::new();
    for q in &r.questions {
        for (e, bodies) in &q.exemptions {
            let entry = cited.entry(e.as_str()).or_default();
            entry.0.extend(bodies.iter());
            entry.1.push(q.number);
        }
    }
    let mut cited: Vec<_> = cited.into_iter().collect();
    cited.sort_by_key(|(e, (bodies, _))| (std::cmp::Reverse(bodies.len()), *e));
    for (e, (bodies, qs)) in cited.into_iter().take(3) {
        let qs: Vec<String> = qs.iter().map(|q| format!("Q{q}")).collect();
        items.push(vec![
            strong(e.to_string()),
            text(format!(
                " cited by {} ({})",
                plural(bodies.len(), "body", "bodies"),
                qs.join(", ")
            )),
        ]);
    }
    b.push(Block::List(items));
}

/// How the deadlines were counted, and from which holiday data.
fn sources(r: &Report) -> Line {
    let mut s = String::from(
        "Deadlines are counted in working days from the day of receipt (day 0), leaving out \
         weekends and the bank holidays of every UK nation (FOIA s.10(6)). Bank holidays: ",
    );
    match r.holidays.published {
        Some((a, z)) => s.push_str(&format!("GOV.UK data for {a}-{z}")),
        None => s.push_str("no published data"),
    }
    if r.holidays.added.is_empty() {
        s.push_str("; no days added");
    } else {
        let added: Vec<String> = r
            .holidays
            .added
            .iter()
            .map(|h| format!("{} {} ({})", h.date, h.title, h.division.label()))
            .collect();
        s.push_str(&format!("; added: {}", added.join(", ")));
    }
    if !r.holidays.removed.is_empty() {
        let removed: Vec<String> = r
            .holidays
            .removed
            .iter()
            .map(|(d, div)| format!("{d} ({})", div.label()))
            .collect();
        s.push_str(&format!("; removed: {}", removed.join(", ")));
    }
    s.push_str(". Other years are generated from the statutory rules.");
    if r.provisional {
        s.push_str(
            " Some deadlines here fall in such a year and may move if a holiday is proclaimed.",
        );
    }
    vec![muted(s)]
}

/// "Internal reviews: 12 asked, 9 answered: 6 upheld, 2 partly overturned, 1 overturned; 3
/// overdue".
fn reviews_line(t: &super::ReviewTally) -> Line {
    let mut s = format!("{} asked, {} answered", t.asked, t.answered);
    let mut parts: Vec<String> = t
        .outcomes
        .iter()
        .map(|(o, n)| format!("{n} {}", o.words()))
        .collect();
    if t.unrecorded > 0 {
        parts.push(format!("{} with no outcome recorded", t.unrecorded));
    }
    if !parts.is_empty() {
        s.push_str(&format!(": {}", parts.join(", ")));
    }
    s.push_str(&format!("; {} overdue", t.overdue.len()));
    let mut line = vec![text("Internal reviews: "), strong(s)];
    if !t.overdue.is_empty() {
        line.push(text(" "));
        line.extend(which(&t.overdue));
    }
    line
}

fn overview(r: &Report, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, "Overview".into()));
    let overdue = r
        .awaited
        .iter()
        .filter(|(_, l)| l.is_some_and(|l| l < 0))
        .count();
    let median = r
        .median_days
        .map_or("none yet".to_string(), |m| format!("{m} working days"));
    b.push(Block::List(vec![
        vec![strong(plural(r.requests, "body", "bodies")), text(" asked")],
        vec![strong(r.sent.to_string()), text(" requests sent")],
        vec![
            strong(r.responded.to_string()),
            text(format!(
                " responded: {} on time, {} late",
                r.on_time.len(),
                r.late.len()
            )),
        ],
        vec![
            strong(r.awaited.len().to_string()),
            text(format!(
                " still awaited: {overdue} overdue, {} long overdue (past 40 working days)",
                r.long_overdue.len()
            )),
        ],
        vec![text("Median time to respond: "), strong(median)],
        reviews_line(&r.reviews),
    ]));
    b.push(Block::Heading(3, "Requests by status".into()));
    b.push(Block::Table {
        head: vec!["status".into(), "requests".into(), "bodies".into()],
        rows: r
            .by_status
            .iter()
            .map(|(s, bodies)| vec![vec![text(s.as_str())], count(bodies.len()), which(bodies)])
            .collect(),
    });
    if !r.late_by.is_empty() {
        b.push(Block::Heading(3, "Responded late".into()));
        b.push(Block::Table {
            head: vec!["body".into(), "ODS".into(), "working days late".into()],
            rows: r
                .late_by
                .iter()
                .map(|(body, days)| {
                    vec![
                        vec![text(&*body.name)],
                        vec![text(&*body.ods)],
                        count(*days as usize),
                    ]
                })
                .collect(),
        });
    }
    if !r.awaited.is_empty() {
        b.push(Block::Heading(3, "Still awaited".into()));
        b.push(Block::Table {
            head: vec!["body".into(), "ODS".into(), "clock".into()],
            rows: r
                .awaited
                .iter()
                .map(|(body, left)| {
                    vec![
                        vec![text(&*body.name)],
                        vec![text(&*body.ods)],
                        vec![text(clock_words(*left))],
                    ]
                })
                .collect(),
        });
    }
}

/// A chart, then the same numbers as a table.
fn chart(b: &mut Vec<Block>, c: Chart) {
    let (head, rows) = c.table();
    b.push(Block::Chart(c));
    b.push(Block::Table {
        head,
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(|cell| vec![text(cell)]).collect())
            .collect(),
    });
}

/// Outcomes per question as stacked bars: every outcome recorded, then no answer.
fn outcomes_chart(r: &Report) -> Chart {
    let mut series: Vec<crate::model::Outcome> = Vec::new();
    for o in crate::model::Outcome::ALL {
        if r.questions
            .iter()
            .any(|q| q.outcomes.iter().any(|(x, _)| *x == o))
        {
            series.push(o);
        }
    }
    Chart {
        title: "Outcomes per question (requests)".into(),
        series: series
            .iter()
            .map(|o| o.label().to_string())
            .chain(std::iter::once("no answer recorded".to_string()))
            .collect(),
        rows: r
            .questions
            .iter()
            .map(|q| {
                let mut v: Vec<usize> = series
                    .iter()
                    .map(|o| {
                        q.outcomes
                            .iter()
                            .find(|(x, _)| x == o)
                            .map_or(0, |(_, b)| b.len())
                    })
                    .collect();
                v.push(q.unrecorded.len());
                (format!("Q{}", q.number), v)
            })
            .collect(),
    }
}

/// On time, late, overdue and still in time, per kind of body or region.
fn timeliness_chart(what: &str, g: &[GroupTally]) -> Chart {
    Chart {
        title: format!("Timeliness by {what} (requests)"),
        series: ["on time", "late", "overdue now", "awaited, in time"]
            .map(String::from)
            .to_vec(),
        rows: g
            .iter()
            .map(|t| {
                (
                    t.key.clone(),
                    vec![
                        t.on_time,
                        t.late,
                        t.overdue,
                        t.awaited.saturating_sub(t.overdue),
                    ],
                )
            })
            .collect(),
    }
}

fn questions(r: &Report, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, "Question by question".into()));
    if !r.questions.is_empty() {
        chart(b, outcomes_chart(r));
    }
    for q in &r.questions {
        b.push(Block::Heading(3, format!("Q{}", q.number)));
        b.push(Block::Quote {
            text: q.text.clone(),
            by: vec![],
        });
        let mut rows: Vec<Vec<Line>> = q
            .outcomes
            .iter()
            .map(|(o, bodies)| vec![vec![text(o.label())], count(bodies.len()), which(bodies)])
            .collect();
        if !q.unrecorded.is_empty() {
            rows.push(vec![
                vec![text("no answer recorded")],
                count(q.unrecorded.len()),
                which(&q.unrecorded),
            ]);
        }
        b.push(Block::Table {
            head: vec!["outcome".into(), "bodies".into(), "which".into()],
            rows,
        });
        if !q.exemptions.is_empty() {
            b.push(Block::Para(vec![strong(format!(
                "Exemptions cited on Q{}",
                q.number
            ))]));
            b.push(Block::Table {
                head: vec!["exemption".into(), "bodies".into(), "which".into()],
                rows: q
                    .exemptions
                    .iter()
                    .map(|(e, bodies)| {
                        vec![vec![text(e.clone())], count(bodies.len()), which(bodies)]
                    })
                    .collect(),
            });
        }
        if !q.tags.is_empty() {
            b.push(Block::Para(vec![strong(format!(
                "Findings on Q{}, by tag",
                q.number
            ))]));
            b.push(Block::Table {
                head: vec!["tag".into(), "bodies".into(), "which".into()],
                rows: q
                    .tags
                    .iter()
                    .map(|(t, bodies)| {
                        vec![vec![text(t.clone())], count(bodies.len()), which(bodies)]
                    })
                    .collect(),
            });
        }
    }
}

fn tags(quotes: Vec<super::TagQuotes>, b: &mut Vec<Block>) {
    if quotes.is_empty() {
        return;
    }
    b.push(Block::Heading(2, "Findings by tag".into()));
    for t in quotes {
        let bodies = {
            let mut v: Vec<&BodyRef> = t.findings.iter().map(|f| &f.body).collect();
            v.sort();
            v.dedup();
            v.len()
        };
        b.push(Block::Anchor(t.name.clone()));
        b.push(Block::Heading(3, t.name.clone()));
        let mut line = vec![text(format!(
            "{}, {}",
            plural(t.findings.len(), "finding", "findings"),
            plural(bodies, "body", "bodies")
        ))];
        if !t.meaning.trim().is_empty() {
            line.push(muted(format!(" · {}", t.meaning)));
        }
        b.push(Block::Para(line));
        let mut notes = Vec::new();
        for f in t.findings {
            let by = format!("{}, Q{}", body(&f.body), f.question);
            if f.quote.trim().is_empty() {
                let mut l = vec![strong(by), text(": ")];
                l.push(text(f.note));
                notes.push(l);
            } else {
                let mut l = vec![text(by)];
                if !f.note.trim().is_empty() {
                    l.push(muted(format!(" · {}", f.note)));
                }
                b.push(Block::Quote {
                    text: f.quote,
                    by: l,
                });
            }
        }
        if !notes.is_empty() {
            b.push(Block::List(notes));
        }
    }
}

fn groups(what: &str, g: &[GroupTally]) -> Block {
    Block::Table {
        head: [
            what,
            "requests",
            "responded",
            "on time",
            "late",
            "awaited",
            "overdue now",
            "any question refused",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: g
            .iter()
            .map(|t| {
                vec![
                    vec![text(t.key.clone())],
                    count(t.requests),
                    count(t.responded),
                    count(t.on_time),
                    count(t.late),
                    count(t.awaited),
                    count(t.overdue),
                    count(t.refused_any),
                ]
            })
            .collect(),
    }
}
