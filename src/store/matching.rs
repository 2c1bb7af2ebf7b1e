//! What matching a message to its request reads (every request with its reference, read
//! once), and filing the messages the rules handed to the store
//! ([`Store::set_mail_reading`]) can match once a reference is recorded. The rules themselves
//! live above the store, in `inbox`.

use super::rows::text;
use super::{Result, Store};
use crate::model::records::{Mail, MatchCandidate, MatchData};

impl Store {
    /// Reads what matching needs: campaigns, bodies, and every request with its reference.
    pub fn match_data(&self) -> Result<MatchData> {
        let campaigns = self.campaigns()?;
        let bodies = self.bodies(&super::BodyFilter::default())?;
        // All requests with what matching needs, in one query.
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, c.slug, r.body_id, r.reference, b.ods_code,
                    (SELECT count(*) FROM events e WHERE e.request_id = r.id
                     AND e.kind IN ('withdrawn', 'ico-decision', 'review-responded'))
             FROM requests r JOIN campaigns c ON c.id = r.campaign_id
             JOIN bodies b ON b.id = r.body_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<i64>(0)?,
                text(r, 1)?,
                r.get::<i64>(2)?,
                text(r, 3)?,
                text(r, 4)?,
                r.get::<i64>(5)? == 0,
            ))
        })?;
        let mut data = MatchData {
            campaigns,
            bodies,
            ..Default::default()
        };
        for row in rows {
            let (request, campaign, body_id, reference, ods, open) = row?;
            if reference.trim().len() >= 3 {
                data.refs.push((request, reference.trim().to_string()));
            }
            data.candidates.push(MatchCandidate {
                request,
                campaign,
                body_id,
                ods,
                open,
            });
        }
        Ok(data)
    }

    /// The request the rules handed to this store match `mail` to, from `data`; none (and
    /// why) when no rules were handed over.
    pub(super) fn find_request_for(&self, data: &MatchData, mail: &Mail) -> (Option<i64>, String) {
        match &self.reading {
            Some(rules) => rules.find(data, mail),
            None => (None, "no rules to match mail by were given".into()),
        }
    }
}

/// Messages to file: (message, request, how it was matched).
pub(super) type Rematch = Vec<(i64, i64, String)>;

impl Store {
    /// The messages still unmatched that can be matched now, with `extra` references
    /// (request, reference) counted as recorded: what a write about to record them should file.
    pub(super) fn rematch_plan(&self, extra: &[(i64, String)]) -> Result<Rematch> {
        let unmatched = self.messages(&super::MessageFilter {
            unmatched_only: true,
            ..Default::default()
        })?;
        if unmatched.is_empty() {
            return Ok(Vec::new());
        }
        if self.reading.is_none() {
            return Ok(Vec::new());
        }
        let mut data = self.match_data()?;
        data.refs.extend(extra.iter().cloned());
        Ok(unmatched
            .iter()
            .filter_map(|m| {
                let mail = Mail {
                    message_id: m.message_id.clone(),
                    sender: m.sender.clone(),
                    sender_name: m.sender_name.clone(),
                    subject: m.subject.clone(),
                    sent_on: m.sent_on,
                    sent_at: String::new(),
                    body: m.body.clone(),
                    attachments: Vec::new(),
                    source: String::new(),
                    replies_to: Vec::new(),
                    date_note: None,
                    proposed: None,
                };
                match self.find_request_for(&data, &mail) {
                    (Some(request), how) => Some((m.id, request, how)),
                    (None, _) => None,
                }
            })
            .collect())
    }

    /// Files the messages still unmatched that can be matched now (a reference was just
    /// recorded on a request, say), as one change. Returns how many were filed.
    pub fn rematch_unmatched(&mut self) -> Result<usize> {
        let plan = self.rematch_plan(&[])?;
        if plan.is_empty() {
            return Ok(0);
        }
        self.write(
            &format!("file {} message(s) matched since they arrived", plan.len()),
            |w| apply_rematch(w, &plan),
        )?;
        Ok(plan.len())
    }
}

/// Files the planned messages, inside a write.
pub(super) fn apply_rematch(w: &mut super::Writer, plan: &Rematch) -> Result<()> {
    for (id, request, how) in plan {
        w.update(
            "messages",
            *id,
            "UPDATE messages SET request_id = ?2, matched_by = ?3 WHERE id = ?1",
            super::db::params![id, request, how],
        )?;
    }
    Ok(())
}
