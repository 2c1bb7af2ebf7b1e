//! Replies read for a campaign's requests: each request's newest reply that answers questions
//! is split into its answers' texts (recorded to triage, never over a text already there) and
//! its proposals stored beside the answers, for a member to confirm. Used by `foiboard answer
//! suggest` and the board's `:suggest`.

use chrono::NaiveDate;

use super::{suggest, Model, Reply};
use crate::model::Campaign;
use crate::store::{MessageFilter, Proposal, RepliesRead, RequestRef, Store, StoreError};

/// What a run read and stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Read {
    /// Requests looked at.
    pub requests: usize,
    /// Requests whose reply was read.
    pub read: usize,
    /// Proposals stored.
    pub proposed: usize,
    /// Answer texts recorded to triage.
    pub texts: usize,
}

impl Read {
    /// What it did, in a sentence.
    pub fn said(&self) -> String {
        format!(
            "{} of {} request(s) had a reply to read: {} proposal(s) stored, {} answer text(s) recorded to triage",
            self.read, self.requests, self.proposed, self.texts
        )
    }
}

/// The group's decided answers, as a model to propose from; none before there are enough.
pub fn model(store: &Store) -> Result<Option<Model>, StoreError> {
    Ok(Model::train(&store.decided_answers(5_000)?))
}

/// Reads the newest reply of each of `requests` (of `campaign`) that answers questions, and
/// stores what they give in one change (`u` takes the whole run back).
pub fn read_replies(
    store: &mut Store,
    campaign: &Campaign,
    requests: &[RequestRef],
    today: NaiveDate,
) -> Result<Read, StoreError> {
    let questions: Vec<(u32, String)> = store
        .questions(campaign.id)?
        .into_iter()
        .map(|q| (q.number, q.text))
        .collect();
    let model = model(store)?;
    let mut done = Read {
        requests: requests.len(),
        ..Read::default()
    };
    let mut read = Vec::new();
    // The campaign's replies in one query, newest first, then each request's own.
    let mut by_request: std::collections::HashMap<i64, Vec<crate::store::Message>> =
        std::collections::HashMap::new();
    for m in store.messages(&MessageFilter {
        campaign_id: Some(campaign.id),
        received_only: true,
        ..MessageFilter::default()
    })? {
        if let Some(r) = &m.request {
            by_request.entry(r.id).or_default().push(m);
        }
    }
    for req in requests {
        let replies = by_request.remove(&req.id).unwrap_or_default();
        // The newest reply that answers questions: a response or a review's outcome.
        let found = replies.iter().find_map(|m| {
            let letter = m.readable();
            let s = suggest(&Reply {
                sender: &m.sender,
                subject: &m.subject,
                text: &letter,
                questions: &questions,
                regime: req.regime,
                today,
                model: model.as_ref(),
            });
            (!s.answers.is_empty()).then_some((m.id, s))
        });
        let Some((message_id, s)) = found else {
            continue;
        };
        done.read += 1;
        read.push(RepliesRead {
            request_id: req.id,
            message_id: Some(message_id),
            parts: s
                .answers
                .iter()
                .filter(|a| !a.text.trim().is_empty())
                .map(|a| (a.question, a.text.clone()))
                .collect(),
            proposals: s
                .answers
                .iter()
                .map(|a| Proposal {
                    question: a.question,
                    outcome: a.outcome,
                    exemptions: a.exemptions.clone(),
                    evidence: a.evidence.clone(),
                    confidence: f64::from(a.confidence),
                    message_id: Some(message_id),
                })
                .collect(),
        });
    }
    (done.texts, done.proposed) = store.record_replies(&read)?;
    Ok(done)
}
