//! Matching a message to the request it is about: the authority's reference recorded on a
//! request, a `campaign/ODS` token in the subject, the sender's address or a domain only one
//! body uses, then a body's name in the subject. What is not clear is not guessed.

use super::rows::text;
use super::{Result, Store};
use crate::import::letter::mentions_reference;
use crate::import::mail::Mail;

/// Domains many bodies share: a sender there says nothing about which body wrote.
const SHARED_DOMAINS: [&str; 6] = [
    "nhs.net",
    "nhs.uk",
    "gmail.com",
    "outlook.com",
    "hotmail.com",
    "whatdotheyknow.com",
];

/// Letters and digits only, lower-case: "NHS FT" and "nhs-ft" compare equal.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `needle` occurs in `hay` as a whole word (not inside a longer word or number).
fn has_token(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let hay = hay.to_lowercase();
    let needle = needle.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(&needle).any(|(i, _)| {
        !word(hay[..i].chars().next_back()) && !word(hay[i + needle.len()..].chars().next())
    })
}

struct Candidate {
    request: i64,
    campaign: String,
    body_id: i64,
    open: bool,
}

/// What matching reads, read once for a whole import rather than once per message.
pub struct Matcher {
    campaigns: Vec<crate::model::Campaign>,
    bodies: Vec<crate::model::Body>,
    all: Vec<(Candidate, String)>,
    refs: Vec<(i64, String)>,
}

impl Store {
    /// Reads what matching needs: campaigns, bodies, and every request with its reference.
    pub fn matcher(&self) -> Result<Matcher> {
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
        let mut all = Vec::new();
        let mut refs = Vec::new();
        for row in rows {
            let (request, campaign, body_id, reference, ods, open) = row?;
            if reference.trim().len() >= 3 {
                refs.push((request, reference.trim().to_string()));
            }
            all.push((
                Candidate {
                    request,
                    campaign,
                    body_id,
                    open,
                },
                ods,
            ));
        }
        Ok(Matcher {
            campaigns,
            bodies,
            all,
            refs,
        })
    }
}

impl Matcher {
    /// Finds the request a message is about: the authority's reference recorded on a
    /// request, then a `campaign/ODS` token in the subject, then the sender's address or
    /// domain, then a body's name in the subject. Returns the request, or none and why.
    pub fn find(&self, m: &Mail) -> (Option<i64>, String) {
        let (campaigns, bodies, all, refs) = (&self.campaigns, &self.bodies, &self.all, &self.refs);
        // 1. The authority's own reference, in the subject or the letter.
        // However it is punctuated or spaced: "FOI 26-1877" is "FOI/26/1877".
        let mut by_ref: Vec<&(i64, String)> = refs
            .iter()
            .filter(|(_, r)| mentions_reference(&m.subject, r) || mentions_reference(&m.body, r))
            .collect();
        by_ref.dedup_by_key(|(id, _)| *id);
        if let [(id, r)] = by_ref.as_slice() {
            return (Some(*id), format!("reference {r}"));
        }
        // 2. The campaign's token, `slug/ODS`, in the subject; a bare slug narrows the campaign.
        let subject = m.subject.to_lowercase();
        let mut campaign: Option<String> = None;
        for c in campaigns {
            let slug = c.slug.to_lowercase();
            for (i, _) in subject.match_indices(&slug) {
                let rest = &subject[i + slug.len()..];
                if let Some(code) = rest.strip_prefix('/') {
                    let code: String = code
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect();
                    if let Some((cand, _)) = all.iter().find(|(cand, ods)| {
                        cand.campaign == c.slug && ods.eq_ignore_ascii_case(&code)
                    }) {
                        return (
                            Some(cand.request),
                            format!("token {}/{}", c.slug, code.to_uppercase()),
                        );
                    }
                }
                if has_token(&subject, &slug) {
                    campaign = Some(c.slug.clone());
                }
            }
        }
        // 3. The sender: the body's FOI address, or a domain only one body uses.
        let sender = m.sender.to_lowercase();
        let domain = sender
            .rsplit_once('@')
            .map(|(_, d)| d.to_string())
            .unwrap_or_default();
        let mut body: Option<(i64, String)> = bodies
            .iter()
            .find(|b| !b.foi_email.is_empty() && b.foi_email.eq_ignore_ascii_case(&sender))
            .map(|b| (b.id, format!("sender {}", m.sender)));
        if body.is_none() && !domain.is_empty() && !SHARED_DOMAINS.contains(&domain.as_str()) {
            let same: Vec<_> = bodies
                .iter()
                .filter(|b| {
                    b.foi_email
                        .rsplit_once('@')
                        .is_some_and(|(_, d)| d.eq_ignore_ascii_case(&domain))
                })
                .collect();
            if let [b] = same.as_slice() {
                body = Some((b.id, format!("sender's domain {domain}")));
            }
        }
        // 4. A body's name in the subject (the longest that fits, so "Leeds Teaching
        // Hospitals" wins over "Leeds").
        if body.is_none() {
            let subj = squash(&m.subject);
            let mut best: Option<(&crate::model::Body, usize)> = None;
            for b in bodies {
                for name in [&b.name, &b.short_name] {
                    let n = squash(name);
                    if n.len() >= 6 && subj.contains(&n) && best.is_none_or(|(_, l)| n.len() > l) {
                        best = Some((b, n.len()));
                    }
                }
            }
            body = best.map(|(b, _)| (b.id, format!("name {} in the subject", b.short_name)));
        }
        let Some((body_id, how)) = body else {
            return (None, "no reference, token, sender or name matched".into());
        };
        let mut cands: Vec<&Candidate> = all
            .iter()
            .map(|(c, _)| c)
            .filter(|c| c.body_id == body_id)
            .filter(|c| campaign.as_ref().is_none_or(|s| &c.campaign == s))
            .collect();
        if cands.len() > 1 {
            let open: Vec<&Candidate> = cands.iter().copied().filter(|c| c.open).collect();
            if !open.is_empty() {
                cands = open;
            }
        }
        match cands.as_slice() {
            [c] => (Some(c.request), how),
            [] => (None, format!("{how}, but that body has no request here")),
            many => (
                None,
                format!(
                    "{how}, but that body has requests in {} campaigns: assign it",
                    many.len()
                ),
            ),
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
        let mut matcher = self.matcher()?;
        matcher.refs.extend(extra.iter().cloned());
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
                };
                match matcher.find(&mail) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_whole_words() {
        assert!(has_token("Your ref FOI-123 reply", "foi-123"));
        assert!(!has_token("Your ref FOI-1234 reply", "FOI-123"));
        assert!(has_token("FOI-123", "FOI-123"));
    }
}
