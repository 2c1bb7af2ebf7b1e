//! `init --demo`: a deterministic, realistic mid-campaign state for the seeded campaign, so a
//! newcomer sees a populated board. The same `today` always gives the same data.

use anyhow::Result;
use chrono::{Duration, NaiveDate};

use crate::law::EventKind;
use crate::model::{NewEvent, Outcome};
use crate::seed::rng::Rng;
use crate::store::{Selector, Store};

mod letters;

/// Fills the seeded campaign; returns how many requests it holds. Does nothing to a campaign
/// that already has events.
pub fn populate(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let campaign = store.campaign(crate::seed::CAMPAIGN_SLUG)?;
    store.add_requests(&campaign, &Selector::Nation("England".into()))?;
    let requests = store.select_requests(&campaign, &Selector::All)?;
    if requests.iter().try_fold(false, |any, r| -> Result<bool> {
        Ok(any || !store.events(r.id)?.is_empty())
    })? {
        return Ok(requests.len());
    }
    let previous_author = store.author().to_string();
    store.set_author("demo");
    let mut rng = Rng(0x00F0_1B0A_2D00);
    let campaign_start = today - Duration::days(70);
    let result = (|| -> Result<()> {
        for r in &requests {
            let roll = rng.below(100);
            if roll < 4 {
                continue; // not sent yet
            }
            let sent = weekday(campaign_start + Duration::days(rng.below(45) as i64));
            let one = std::slice::from_ref(r);
            let ev = |k: EventKind, d: NaiveDate| NewEvent::new(k, weekday(d).min(today));
            store.record_event(one, &ev(EventKind::Sent, sent), today)?;
            store.record_event(
                one,
                &ev(EventKind::Acknowledged, sent + Duration::days(2)),
                today,
            )?;
            match roll {
                4..=9 => {
                    store.record_event(
                        one,
                        &ev(EventKind::ClarificationRequested, sent + Duration::days(8)),
                        today,
                    )?;
                }
                10..=13 => {
                    let mut e = ev(EventKind::Extended, sent + Duration::days(20));
                    e.note = "Public interest test for Q5".into();
                    store.record_event(one, &e, today)?;
                }
                14..=49 => {} // awaiting, many of them overdue by now
                _ => {
                    let answered_on =
                        weekday(sent + Duration::days(14 + rng.below(30) as i64)).min(today);
                    let mut e = ev(EventKind::Responded, answered_on);
                    e.reference = format!("FOI-{}", 1000 + rng.below(9000));
                    store.record_event(one, &e, today)?;
                    if roll >= 60 {
                        let uses = rng.below(3) == 0;
                        for q in 1..=7u32 {
                            let (outcome, ex): (Outcome, Vec<String>) = match (q, rng.below(10)) {
                                (5, 0..=4) => (Outcome::Refused, vec!["s.43".into()]),
                                (_, 0) => (Outcome::NotHeld, vec![]),
                                (_, 1) => (Outcome::Partial, vec![]),
                                _ => (Outcome::Answered, vec![]),
                            };
                            if roll >= 90 && q > 4 {
                                break; // still being triaged
                            }
                            let text = letters::answer(q, outcome, uses);
                            store.set_answer(r.id, q, outcome, &ex, Some(text))?;
                            if let Some((tags, note)) = letters::finding(q, outcome, uses) {
                                let tags: Vec<String> =
                                    tags.iter().map(|t| t.to_string()).collect();
                                store.add_finding(
                                    r.id,
                                    q,
                                    &tags,
                                    note,
                                    letters::first_sentence(text),
                                )?;
                            }
                        }
                        if roll >= 96 {
                            let d = (answered_on + Duration::days(5)).min(today);
                            store.record_event(one, &ev(EventKind::ReviewRequested, d), today)?;
                        }
                    }
                }
            }
        }
        Ok(())
    })();
    store.set_author(&previous_author);
    result?;
    Ok(requests.len())
}

/// Authorities write on weekdays: a weekend date moves to the Monday.
fn weekday(d: NaiveDate) -> NaiveDate {
    use chrono::{Datelike, Weekday};
    match d.weekday() {
        Weekday::Sat => d + Duration::days(2),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}
