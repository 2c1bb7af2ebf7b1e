//! A whole campaign out as an [`Archive`] and back in: a handful of queries each way, and an
//! import that is one undoable change, all or nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::db::{params, params_from_iter};

use super::answers::{join_exemptions, split_exemptions};
use super::bodies::{body_values, INSERT_BODY};
use super::rows::{date, text, word};
use super::tags::check_tag_name;
use super::{Result, Store, StoreError};
use crate::law::{check_sequence, ClockEvent};
use crate::model::archive::{
    Archive, ArchiveAnswer, ArchiveCampaign, ArchiveEvent, ArchiveFinding, ArchiveQuestion,
    ArchiveRequest, ArchiveTag, FORMAT, VERSION,
};
use crate::model::{Campaign, NewBody};

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub campaign: Campaign,
    pub requests: usize,
    pub events: usize,
    pub answers: usize,
    pub findings: usize,
    pub bodies_added: usize,
    pub tags_added: usize,
}

/// A campaign slug: lower-case letters, digits and '-'.
pub fn check_slug(slug: &str) -> Result<&str> {
    let slug = slug.trim();
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(StoreError::Invalid(format!(
            "'{slug}' cannot be a campaign slug: use lower-case letters, digits and '-', e.g. palantir-fdp"
        )));
    }
    Ok(slug)
}

impl Store {
    /// Everything about `campaign`, in the archive's fixed order.
    pub fn campaign_archive(&self, campaign: &Campaign) -> Result<Archive> {
        let questions = self
            .questions(campaign.id)?
            .into_iter()
            .map(|q| ArchiveQuestion {
                number: q.number,
                text: q.text,
            })
            .collect();
        let mut requests = self.campaign_requests(campaign.id)?;
        requests.sort_by(|a, b| a.body.ods_code.cmp(&b.body.ods_code));

        let mut events: HashMap<i64, Vec<ArchiveEvent>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT e.request_id, e.kind, e.on_date, e.until_date, e.reference, e.outcome,
                        e.note, e.author, e.created_at, e.source
                 FROM events e JOIN requests r ON r.id = e.request_id
                 WHERE r.campaign_id = ?1 ORDER BY e.request_id, e.on_date, e.id",
            )?;
            let rows = stmt.query_map([campaign.id], |r| {
                let on = date(r, 2)?
                    .ok_or_else(|| super::db::conversion(2, "an event without a readable date"))?;
                Ok((
                    r.get::<i64>(0)?,
                    ArchiveEvent {
                        kind: word(r, 1)?,
                        on,
                        until: date(r, 3)?,
                        reference: text(r, 4)?,
                        outcome: text(r, 5)?,
                        note: text(r, 6)?,
                        author: text(r, 7)?,
                        created_at: text(r, 8)?,
                        source: text(r, 9)?,
                    },
                ))
            })?;
            for row in rows {
                let (id, e) = row?;
                events.entry(id).or_default().push(e);
            }
        }

        let mut findings: HashMap<i64, Vec<ArchiveFinding>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT f.answer_id, f.note, f.quote, f.author, f.created_at, f.updated_at,
                        (SELECT group_concat(t.name, ';') FROM finding_tags ft
                         JOIN tags t ON t.id = ft.tag_id WHERE ft.finding_id = f.id)
                 FROM findings f JOIN answers a ON a.id = f.answer_id
                 JOIN requests r ON r.id = a.request_id
                 WHERE r.campaign_id = ?1 ORDER BY f.id",
            )?;
            let rows = stmt.query_map([campaign.id], |r| {
                let mut tags: Vec<String> = text(r, 6)?
                    .split(';')
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect();
                tags.sort();
                Ok((
                    r.get::<i64>(0)?,
                    ArchiveFinding {
                        note: text(r, 1)?,
                        quote: text(r, 2)?,
                        tags,
                        author: text(r, 3)?,
                        created_at: text(r, 4)?,
                        updated_at: text(r, 5)?,
                    },
                ))
            })?;
            for row in rows {
                let (answer, f) = row?;
                findings.entry(answer).or_default().push(f);
            }
        }

        let mut answers: HashMap<i64, Vec<ArchiveAnswer>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.id, a.request_id, q.number, a.outcome, a.exemptions, a.text, a.author,
                        a.updated_at
                 FROM answers a JOIN questions q ON q.id = a.question_id
                 WHERE q.campaign_id = ?1 ORDER BY a.request_id, q.number",
            )?;
            let rows = stmt.query_map([campaign.id], |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<i64>(1)?,
                    ArchiveAnswer {
                        question: r.get(2)?,
                        outcome: word(r, 3)?,
                        exemptions: split_exemptions(&text(r, 4)?),
                        text: text(r, 5)?,
                        author: text(r, 6)?,
                        updated_at: text(r, 7)?,
                        findings: Vec::new(),
                    },
                ))
            })?;
            for row in rows {
                let (id, request, mut a) = row?;
                a.findings = findings.remove(&id).unwrap_or_default();
                answers.entry(request).or_default().push(a);
            }
        }

        let tags = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT t.name, t.colour, t.meaning
                 FROM tags t JOIN finding_tags ft ON ft.tag_id = t.id
                 JOIN findings f ON f.id = ft.finding_id
                 JOIN answers a ON a.id = f.answer_id
                 JOIN requests r ON r.id = a.request_id
                 WHERE r.campaign_id = ?1 ORDER BY t.name",
            )?;
            let rows = stmt.query_map([campaign.id], |r| {
                Ok(ArchiveTag {
                    name: text(r, 0)?,
                    colour: text(r, 1)?,
                    meaning: text(r, 2)?,
                })
            })?;
            rows.collect::<super::db::Result<Vec<_>>>()?
        };

        let bodies = requests.iter().map(|r| r.body.to_new()).collect();
        let created = self.request_created_at(campaign.id)?;
        let requests = requests
            .into_iter()
            .map(|r| ArchiveRequest {
                ods_code: r.body.ods_code.clone(),
                reference: r.reference.clone(),
                regime: (r.regime != r.body.regime).then_some(r.regime),
                wdtk_url: r.wdtk_url.clone(),
                created_at: created.get(&r.id).cloned().unwrap_or_default(),
                events: events.remove(&r.id).unwrap_or_default(),
                answers: answers.remove(&r.id).unwrap_or_default(),
            })
            .collect();
        Ok(Archive {
            format: FORMAT.to_string(),
            version: VERSION,
            campaign: ArchiveCampaign {
                slug: campaign.slug.clone(),
                title: campaign.title.clone(),
            },
            questions,
            bodies,
            tags,
            requests,
        })
    }

    fn request_created_at(&self, campaign_id: i64) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, created_at FROM requests WHERE campaign_id = ?1")?;
        let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, text(r, 1)?)))?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// Restores `a` as the campaign `slug`, as one change that `undo` takes back whole.
    ///
    /// Bodies and tags already here (by ODS code, by name) are kept as they are; the others are
    /// added. A campaign with this slug may exist only if it has no requests and asks the same
    /// questions word for word (as the seeded campaign of a new database does): anything else
    /// would mix two groups' records, so it is refused and `--as` offers another slug.
    pub fn import_archive(&mut self, a: &Archive, slug: &str) -> Result<Imported> {
        let slug = check_slug(slug)?.to_string();
        let plan = self.plan_import(a, &slug)?;
        let summary = format!("import campaign {slug} ({} requests)", a.requests.len());
        let counts = self.write(&summary, |w| {
            let mut bodies_added = 0;
            for b in a.bodies.iter().filter(|b| plan.new_bodies.contains(&b.ods_code)) {
                if w.insert(
                    "bodies",
                    INSERT_BODY,
                    params_from_iter(body_values(&b.ods_code, b)),
                )?
                .is_some()
                {
                    bodies_added += 1;
                }
            }
            let mut tags_added = 0;
            for t in a.tags.iter().filter(|t| plan.new_tags.contains(&t.name)) {
                if w.insert(
                    "tags",
                    "INSERT INTO tags (name, colour, meaning) VALUES (?1, ?2, ?3)
                     ON CONFLICT(name) DO NOTHING",
                    params![t.name, t.colour, t.meaning],
                )?
                .is_some()
                {
                    tags_added += 1;
                }
            }
            let campaign_id = match plan.existing {
                Some(id) => {
                    w.update(
                        "campaigns",
                        id,
                        "UPDATE campaigns SET title = ?2 WHERE id = ?1",
                        params![id, a.campaign.title],
                    )?;
                    id
                }
                None => {
                    let id = w
                        .insert(
                            "campaigns",
                            "INSERT INTO campaigns (slug, title, created_at) VALUES (?1, ?2, ?3)",
                            params![slug, a.campaign.title, super::history::now()],
                        )?
                        .ok_or_else(|| {
                            StoreError::Conflict(format!(
                                "a campaign '{slug}' was created meanwhile: import again"
                            ))
                        })?;
                    for q in &a.questions {
                        w.insert(
                            "questions",
                            "INSERT INTO questions (campaign_id, number, text) VALUES (?1, ?2, ?3)",
                            params![id, q.number, q.text],
                        )?;
                    }
                    id
                }
            };
            let question_ids: HashMap<u32, i64> = {
                let mut stmt = w
                    .tx
                    .prepare("SELECT number, id FROM questions WHERE campaign_id = ?1")?;
                let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<super::db::Result<_>>()?
            };
            let body_ids: HashMap<String, i64> = {
                let mut stmt = w.tx.prepare("SELECT ods_code, id FROM bodies")?;
                let rows = stmt.query_map([], |r| Ok((text(r, 0)?, r.get(1)?)))?;
                rows.collect::<super::db::Result<_>>()?
            };
            let tag_ids: HashMap<String, i64> = {
                let mut stmt = w.tx.prepare("SELECT name, id FROM tags")?;
                let rows = stmt.query_map([], |r| Ok((text(r, 0)?, r.get(1)?)))?;
                rows.collect::<super::db::Result<_>>()?
            };
            let missing = |what: &str, name: &str| {
                StoreError::Invalid(format!("the file names {what} '{name}' it does not describe"))
            };
            let (mut events, mut answers, mut findings) = (0, 0, 0);
            for r in &a.requests {
                let body = *body_ids
                    .get(&r.ods_code)
                    .ok_or_else(|| missing("the body", &r.ods_code))?;
                let rid = w
                    .insert(
                        "requests",
                        "INSERT INTO requests (campaign_id, body_id, reference, regime, wdtk_url, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            campaign_id,
                            body,
                            r.reference,
                            r.regime.map(|g| g.as_str()),
                            r.wdtk_url,
                            r.created_at
                        ],
                    )?
                    .ok_or_else(|| missing("a request", &r.ods_code))?;
                for e in &r.events {
                    w.insert(
                        "events",
                        "INSERT INTO events (request_id, kind, on_date, until_date, reference, outcome, note, author, created_at, source)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        params![
                            rid,
                            e.kind.as_str(),
                            e.on.to_string(),
                            e.until.map(|d| d.to_string()),
                            e.reference,
                            e.outcome,
                            e.note,
                            e.author,
                            e.created_at,
                            e.source
                        ],
                    )?;
                    events += 1;
                }
                for ans in &r.answers {
                    let qid = *question_ids
                        .get(&ans.question)
                        .ok_or_else(|| missing("question", &ans.question.to_string()))?;
                    let aid = w
                        .insert(
                            "answers",
                            "INSERT INTO answers (request_id, question_id, outcome, exemptions, text, author, updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            params![
                                rid,
                                qid,
                                ans.outcome.as_str(),
                                join_exemptions(&ans.exemptions),
                                ans.text,
                                ans.author,
                                ans.updated_at
                            ],
                        )?
                        .ok_or_else(|| missing("an answer", &ans.question.to_string()))?;
                    answers += 1;
                    for f in &ans.findings {
                        let fid = w
                            .insert(
                                "findings",
                                "INSERT INTO findings (answer_id, note, quote, author, created_at, updated_at)
                                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                params![aid, f.note, f.quote, f.author, f.created_at, f.updated_at],
                            )?
                            .ok_or_else(|| missing("a finding", &f.note))?;
                        findings += 1;
                        for t in &f.tags {
                            let tid = *tag_ids.get(t).ok_or_else(|| missing("the tag", t))?;
                            w.insert(
                                "finding_tags",
                                "INSERT INTO finding_tags (finding_id, tag_id) VALUES (?1, ?2)
                                 ON CONFLICT(finding_id, tag_id) DO NOTHING",
                                params![fid, tid],
                            )?;
                        }
                    }
                }
            }
            Ok((
                campaign_id,
                events,
                answers,
                findings,
                bodies_added,
                tags_added,
            ))
        })?;
        let (id, events, answers, findings, bodies_added, tags_added) = counts;
        Ok(Imported {
            campaign: Campaign {
                id,
                slug,
                title: a.campaign.title.clone(),
            },
            requests: a.requests.len(),
            events,
            answers,
            findings,
            bodies_added,
            tags_added,
        })
    }

    /// Checks everything an import can check before writing, and says what it will add.
    fn plan_import(&self, a: &Archive, slug: &str) -> Result<ImportPlan> {
        let bad = |why: String| StoreError::Invalid(format!("the campaign file {why}"));
        if a.questions.is_empty() {
            return Err(bad("has no questions".into()));
        }
        let numbers: BTreeSet<u32> = a.questions.iter().map(|q| q.number).collect();
        if numbers.len() != a.questions.len() || numbers.contains(&0) {
            return Err(bad("numbers its questions twice, or from 0".into()));
        }
        // Bodies: every request's body is described in the file or already here.
        let described: BTreeMap<&str, &NewBody> =
            a.bodies.iter().map(|b| (b.ods_code.as_str(), b)).collect();
        let here_bodies: BTreeSet<String> = self
            .bodies(&super::BodyFilter::default())?
            .into_iter()
            .map(|b| b.ods_code.to_ascii_uppercase())
            .collect();
        let mut new_bodies = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for r in &a.requests {
            if !seen.insert(r.ods_code.as_str()) {
                return Err(bad(format!("has two requests for {}", r.ods_code)));
            }
            if !here_bodies.contains(&r.ods_code.trim().to_ascii_uppercase()) {
                let b = described.get(r.ods_code.as_str()).ok_or_else(|| {
                    bad(format!(
                        "has a request for {} but does not describe that body",
                        r.ods_code
                    ))
                })?;
                if b.ods_code.is_empty()
                    || !b.ods_code.chars().all(|c| c.is_ascii_alphanumeric())
                    || b.name.trim().is_empty()
                {
                    return Err(bad(format!(
                        "describes a body '{}' without a valid ODS code and name",
                        b.ods_code
                    )));
                }
                new_bodies.insert(b.ods_code.clone());
            }
            let seq: Vec<ClockEvent> = r
                .events
                .iter()
                .map(|e| ClockEvent {
                    kind: e.kind,
                    on: e.on,
                    until: e.until,
                })
                .collect();
            if seq.windows(2).any(|w| w[0].on > w[1].on) {
                return Err(bad(format!(
                    "lists the events of {} out of date order",
                    r.ods_code
                )));
            }
            check_sequence(&seq).map_err(|e| {
                bad(format!(
                    "has events for {} that do not fit: {e}",
                    r.ods_code
                ))
            })?;
            let mut qs = BTreeSet::new();
            for ans in &r.answers {
                if !numbers.contains(&ans.question) || !qs.insert(ans.question) {
                    return Err(bad(format!(
                        "has an answer of {} to question {} that the campaign does not ask, or two",
                        r.ods_code, ans.question
                    )));
                }
            }
        }
        // Tags: every finding's tag is described in the file or already here.
        let here: BTreeSet<String> = self.tags()?.into_iter().map(|t| t.name).collect();
        let described: BTreeSet<&str> = a.tags.iter().map(|t| t.name.as_str()).collect();
        for t in &a.tags {
            check_tag_name(&t.name)?;
        }
        for r in &a.requests {
            for f in r.answers.iter().flat_map(|x| &x.findings) {
                if let Some(t) = f
                    .tags
                    .iter()
                    .find(|t| !here.contains(*t) && !described.contains(t.as_str()))
                {
                    return Err(bad(format!(
                        "has a finding of {} tagged '{t}', a tag it does not describe",
                        r.ods_code
                    )));
                }
            }
        }
        let new_tags = a
            .tags
            .iter()
            .filter(|t| !here.contains(&t.name))
            .map(|t| t.name.clone())
            .collect();
        // The campaign: new, or an empty one asking the same questions.
        let existing = match self.campaign(slug) {
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e),
            Ok(c) => {
                let requests = self.campaign_requests(c.id)?.len();
                if requests > 0 {
                    return Err(StoreError::Conflict(format!(
                        "this database already has a campaign '{slug}' with {requests} request(s): nothing was imported. Import it under another name with --as NEW-SLUG"
                    )));
                }
                let ours: Vec<(u32, String)> = self
                    .questions(c.id)?
                    .into_iter()
                    .map(|q| (q.number, q.text))
                    .collect();
                let theirs: Vec<(u32, String)> = a
                    .questions
                    .iter()
                    .map(|q| (q.number, q.text.clone()))
                    .collect();
                if ours != theirs {
                    return Err(StoreError::Conflict(format!(
                        "this database has a campaign '{slug}' asking other questions: nothing was imported. Import it under another name with --as NEW-SLUG"
                    )));
                }
                Some(c.id)
            }
        };
        Ok(ImportPlan {
            new_bodies,
            new_tags,
            existing,
        })
    }
}

/// What an import will add, decided before the write begins.
struct ImportPlan {
    new_bodies: BTreeSet<String>,
    new_tags: BTreeSet<String>,
    /// An empty campaign with the same questions, to fill.
    existing: Option<i64>,
}
