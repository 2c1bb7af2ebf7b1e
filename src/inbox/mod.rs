//! Reading replies and matching them to requests: the rules over a message's words, above
//! the store. The store hands them what it knows ([`MatchData`]) and files what they decide;
//! it never imports them.

pub mod suggest;

use crate::model::records::{Mail, MailReading, MatchCandidate, MatchData, Proposed};

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

/// The rules foiboard reads replies by: a reply is matched by the authority's reference recorded
/// on a request, a `campaign/ODS` token in the subject, the sender's address or a domain only
/// one body uses, then a body's name in the subject. What is not clear is not guessed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules;

impl MailReading for Rules {
    /// Finds the request a message is about: the authority's reference recorded on a
    /// request, then a `campaign/ODS` token in the subject, then the sender's address or
    /// domain, then a body's name in the subject. Returns the request, or none and why.
    fn find(&self, data: &MatchData, m: &Mail) -> (Option<i64>, String) {
        let (campaigns, bodies, all, refs) =
            (&data.campaigns, &data.bodies, &data.candidates, &data.refs);
        // 1. The authority's own reference, in the subject or the letter.
        // However it is punctuated or spaced: "FOI 26-1877" is "FOI/26/1877".
        let letter = crate::model::records::MailAttachment::readable(&m.body, &m.attachments);
        let mut by_ref: Vec<&(i64, String)> = refs
            .iter()
            .filter(|(_, r)| {
                crate::import::letter::mentions_reference(&m.subject, r)
                    || crate::import::letter::mentions_reference(&letter, r)
            })
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
                    if let Some(cand) = all.iter().find(|cand| {
                        cand.campaign == c.slug && cand.ods.eq_ignore_ascii_case(&code)
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
        let mut cands: Vec<&MatchCandidate> = all
            .iter()
            .filter(|c| c.body_id == body_id)
            .filter(|c| campaign.as_ref().is_none_or(|s| &c.campaign == s))
            .collect();
        if cands.len() > 1 {
            let open: Vec<&MatchCandidate> = cands.iter().copied().filter(|c| c.open).collect();
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

    fn reference_in(&self, subject: &str, body: &str) -> Option<String> {
        crate::import::letter::reference_in(subject, body)
    }

    fn split(&self, body: &str, questions: &[(u32, String)]) -> Vec<Proposed> {
        crate::import::split::split(body, questions)
    }
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
