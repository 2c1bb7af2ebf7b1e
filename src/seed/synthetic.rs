//! `foiboard demo --scale`: a deterministic synthetic history for benchmarks and trials at
//! the size a group reaches after a few years: 50 campaigns to every English body, 7 questions
//! each, answer texts of 1-4 KB, about 150,000 findings and 60,000 events over five years.
//! The same seed and date always give the same database.

use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::law::EventKind;
use crate::model::Outcome;
use crate::seed::rng::Rng;
use crate::store::{BodyFilter, BulkAnswer, BulkCampaign, BulkFinding, BulkRequest, Store};

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// One campaign to every English body: quick runs and CI.
    Campaign,
    /// 50 campaigns over five years: the benchmarks' national figures.
    National,
}

impl Scale {
    pub fn campaigns(self) -> usize {
        match self {
            Scale::Campaign => 1,
            Scale::National => 50,
        }
    }
}

/// What was generated.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub campaigns: usize,
    pub requests: usize,
    pub events: usize,
    pub answers: usize,
    pub findings: usize,
}

/// One of `list`, at random.
fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len() as u64) as usize]
}

const SENTENCES: [&str; 16] = [
    "The Trust has onboarded to the Federated Data Platform for theatre scheduling and elective recovery.",
    "We do not currently use any products supplied under the national FDP contract.",
    "Information relating to contract costs is withheld under section 43(2) of the Act.",
    "No assessment of the impact on public trust has been undertaken by the organisation.",
    "The board considered a paper on data platforms at its meeting in public last spring.",
    "A data protection impact assessment was completed and is attached to this response.",
    "We hold no recorded information falling within the scope of this part of your request.",
    "The information is reasonably accessible to you by other means and is exempt under section 21.",
    "Our records show that discussions took place with the regional team about onboarding.",
    "The organisation continues to use its existing business intelligence systems alongside FDP.",
    "Please note that some of the documents have been redacted to protect personal data under section 40.",
    "We estimate that locating and extracting this information would exceed the appropriate limit.",
    "If you are unhappy with this response you may ask for an internal review within 40 working days.",
    "The ICB has not entered into any local contract with Palantir Technologies UK Ltd.",
    "Reputational risk was recorded on the corporate risk register and reviewed quarterly.",
    "A patient and public involvement group was consulted before the platform went live.",
];

const QUESTIONS: [&str; 7] = [
    "Please confirm whether your organisation uses the platform.",
    "Please name the products in use and the date each went live.",
    "Please provide board papers that discuss the platform.",
    "Please provide any risk assessment or evaluation.",
    "Please state the costs paid or committed, by year.",
    "Please list any systems that duplicate the platform's functions.",
    "Please provide any assessment of public trust or reputational risk.",
];

const NOTES: [&str; 6] = [
    "Worth quoting in the newsletter",
    "Ask for an internal review",
    "Compare with the ICB's answer",
    "Names a product: check the contract register",
    "Contradicts the board papers",
    "Follow up after publication",
];

fn weekday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Duration::days(2),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

/// A text of 1-4 KB made of the sentences, in paragraphs.
fn letter(rng: &mut Rng) -> String {
    let target = 1024 + rng.below(3072) as usize;
    let mut s = String::with_capacity(target + 128);
    while s.len() < target {
        s.push_str(pick(rng, &SENTENCES));
        s.push(if rng.below(4) == 0 { '\n' } else { ' ' });
    }
    s.trim_end().to_string()
}

/// Generates `scale` campaigns into `store` (freshly seeded), dated up to `today`.
pub fn generate(store: &mut Store, scale: Scale, seed: u64, today: NaiveDate) -> Result<Generated> {
    let bodies: Vec<i64> = store
        .bodies(&BodyFilter::default())?
        .into_iter()
        .filter(|b| b.nation == "England")
        .take(240)
        .map(|b| b.id)
        .collect();
    let tags: Vec<i64> = store.tags()?.into_iter().map(|t| t.id).collect();
    let mut rng = Rng(seed);
    let mut g = Generated::default();
    let n = scale.campaigns();
    let first = today - Duration::days(5 * 365);
    for k in 0..n {
        let start = if n == 1 {
            today - Duration::days(70)
        } else {
            first + Duration::days((k as i64 * 5 * 365) / n as i64)
        };
        let mut c = BulkCampaign {
            slug: format!("synthetic-{:02}", k + 1),
            title: format!("Synthetic campaign {} (generated)", k + 1),
            questions: QUESTIONS.iter().map(|q| q.to_string()).collect(),
            requests: Vec::with_capacity(bodies.len()),
        };
        for body in &bodies {
            let mut events = Vec::new();
            let sent = weekday(start + Duration::days(rng.below(10) as i64));
            events.push((EventKind::Sent, sent));
            events.push((EventKind::Acknowledged, weekday(sent + Duration::days(2))));
            let mut clock = sent;
            if rng.below(100) < 35 {
                let asked = weekday(sent + Duration::days(5));
                clock = weekday(asked + Duration::days(7));
                events.push((EventKind::ClarificationRequested, asked));
                events.push((EventKind::Clarified, clock));
            }
            let responded = weekday(clock + Duration::days(14 + rng.below(32) as i64));
            let mut answers = Vec::new();
            if responded <= today {
                events.push((EventKind::Responded, responded));
                for q in 1..=7u32 {
                    let (outcome, exemptions) = match rng.below(20) {
                        0..=11 => (Outcome::Answered, ""),
                        12..=13 => (Outcome::Partial, ""),
                        14..=15 => (Outcome::Refused, "s.43"),
                        16 => (Outcome::Refused, "s.40; s.43"),
                        17 => (Outcome::NotHeld, ""),
                        18 => (Outcome::CostLimit, "s.12"),
                        _ => (Outcome::Elsewhere, "s.21"),
                    };
                    let text = letter(&mut rng);
                    let mut findings = Vec::new();
                    let count = rng.below(4) + u64::from(rng.below(10) < 3);
                    for _ in 0..count {
                        let quote = pick(&mut rng, &SENTENCES).to_string();
                        let mut t = vec![tags[rng.below(tags.len() as u64) as usize]];
                        if rng.below(2) == 0 {
                            t.push(tags[rng.below(tags.len() as u64) as usize]);
                        }
                        findings.push(BulkFinding {
                            note: pick(&mut rng, &NOTES).to_string(),
                            quote,
                            tags: t,
                        });
                    }
                    g.findings += findings.len();
                    answers.push(BulkAnswer {
                        question: q,
                        outcome,
                        exemptions: exemptions.to_string(),
                        text,
                        findings,
                    });
                }
                let roll = rng.below(100);
                let review = weekday(responded + Duration::days(10));
                if roll < 45 && review <= today {
                    events.push((EventKind::ReviewRequested, review));
                    let answered = weekday(review + Duration::days(20));
                    if answered <= today {
                        events.push((EventKind::ReviewResponded, answered));
                        let ico = weekday(answered + Duration::days(30));
                        if roll < 10 && ico <= today {
                            events.push((EventKind::IcoComplaint, ico));
                        }
                    }
                }
            }
            events.retain(|(_, d)| *d <= today);
            g.events += events.len();
            g.answers += answers.len();
            c.requests.push(BulkRequest {
                body_id: *body,
                events,
                answers,
            });
        }
        g.requests += c.requests.len();
        store.load_bulk(&c, "generator")?;
        g.campaigns += 1;
    }
    Ok(g)
}
