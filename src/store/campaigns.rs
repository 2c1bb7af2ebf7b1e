//! Campaigns and their numbered questions.

use super::db::{params, Optional};

use super::history::now;
use super::rows::text;
use super::{Result, Store, StoreError};
use crate::model::{Campaign, Question};

/// A campaign from the first three columns of a row: id, slug, title.
fn campaign_from(r: &super::db::Row<'_>) -> super::db::Result<Campaign> {
    Ok(Campaign {
        id: r.get(0)?,
        slug: text(r, 1)?,
        title: text(r, 2)?,
    })
}

/// A campaign's questions, in order.
pub(super) const QUESTIONS_SQL: &str =
    "SELECT id, number, text FROM questions WHERE campaign_id = ?1 ORDER BY number";

/// A question from a row of [`QUESTIONS_SQL`].
pub(super) fn question_from(r: &super::db::Row<'_>) -> super::db::Result<Question> {
    Ok(Question {
        id: r.get(0)?,
        number: r.get(1)?,
        text: text(r, 2)?,
    })
}

impl Store {
    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, slug, title FROM campaigns ORDER BY id")?;
        let rows = stmt.query_map([], campaign_from)?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// Every campaign, and the newest that has requests (the one a group is most likely
    /// working on, where the board opens), in one statement: on a server, one round trip.
    pub fn campaigns_and_latest(&self) -> Result<(Vec<Campaign>, Option<i64>)> {
        let mut stmt = self.conn.prepare(
            "SELECT id, slug, title, (SELECT max(campaign_id) FROM requests)
             FROM campaigns ORDER BY id",
        )?;
        let mut latest = None;
        let rows = stmt.query_map([], |r| {
            latest = r.get::<Option<i64>>(3)?;
            campaign_from(r)
        })?;
        let campaigns = rows.collect::<super::db::Result<_>>()?;
        Ok((campaigns, latest))
    }

    /// Every campaign with how many requests and questions it has, in one statement that
    /// counts by index (the campaign list reads no request's body).
    pub fn campaign_sizes(&self) -> Result<Vec<(Campaign, usize, usize)>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.slug, c.title,
                    (SELECT count(*) FROM requests r WHERE r.campaign_id = c.id),
                    (SELECT count(*) FROM questions q WHERE q.campaign_id = c.id)
             FROM campaigns c ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                campaign_from(r)?,
                usize::try_from(r.get::<i64>(3)?).unwrap_or(0),
                usize::try_from(r.get::<i64>(4)?).unwrap_or(0),
            ))
        })?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// The campaign with this slug, or an error that says how to find the right one.
    pub fn campaign(&self, slug: &str) -> Result<Campaign> {
        self.conn
            .query_row(
                "SELECT id, slug, title FROM campaigns WHERE slug = ?1",
                [slug.trim()],
                campaign_from,
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "no campaign '{slug}': `foiboard campaign list` shows the campaigns"
                ))
            })
    }

    pub fn questions(&self, campaign_id: i64) -> Result<Vec<Question>> {
        let mut stmt = self.conn.prepare_cached(QUESTIONS_SQL)?;
        let rows = stmt.query_map([campaign_id], question_from)?;
        Ok(rows.collect::<super::db::Result<_>>()?)
    }

    /// Creates a campaign with its questions (numbered as given), in one change.
    pub fn create_campaign(
        &mut self,
        slug: &str,
        title: &str,
        questions: &[(u32, String)],
    ) -> Result<Campaign> {
        let slug = self.check_new_campaign(slug, questions)?;
        let summary = format!("create campaign {slug}");
        self.write(&summary, |w| insert_campaign(w, slug, title, questions))?;
        self.campaign(slug)
    }

    /// Creates the campaign shipped with foiboard on first run: seeding, not anyone's change.
    pub fn seed_campaign(
        &mut self,
        slug: &str,
        title: &str,
        questions: &[(u32, String)],
    ) -> Result<Campaign> {
        let slug = self.check_new_campaign(slug, questions)?;
        self.load(|w| insert_campaign(w, slug, title, questions))?;
        self.campaign(slug)
    }

    fn check_new_campaign<'s>(
        &self,
        slug: &'s str,
        questions: &[(u32, String)],
    ) -> Result<&'s str> {
        let slug = super::archive::check_slug(slug)?;
        if questions.is_empty() {
            return Err(StoreError::Invalid(
                "a campaign needs at least one numbered question".into(),
            ));
        }
        if self.campaign(slug).is_ok() {
            return Err(StoreError::Invalid(format!(
                "a campaign '{slug}' already exists"
            )));
        }
        Ok(slug)
    }
}

fn insert_campaign(
    w: &mut super::Writer,
    slug: &str,
    title: &str,
    questions: &[(u32, String)],
) -> Result<()> {
    let id = w
        .insert(
            "campaigns",
            "INSERT INTO campaigns (slug, title, created_at) VALUES (?1, ?2, ?3)",
            params![slug, title.trim(), now()],
        )?
        .ok_or_else(|| StoreError::Invalid(format!("a campaign '{slug}' already exists")))?;
    for (n, q) in questions {
        w.insert(
            "questions",
            "INSERT INTO questions (campaign_id, number, text) VALUES (?1, ?2, ?3)",
            params![id, n, q],
        )?;
    }
    Ok(())
}
