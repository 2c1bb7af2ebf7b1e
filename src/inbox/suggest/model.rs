//! A small model of the group's own answers: multinomial naive Bayes over the words (and pairs
//! of words) of the answers members have confirmed, trained on this machine each time it is
//! needed (a campaign's answers train in milliseconds). It learns what the rules cannot: how a
//! body words its habits, the group's own corrections. No network, nothing downloaded, and
//! the same answers always give the same model.

use std::collections::{BTreeMap, HashMap};

use crate::model::Outcome;

/// Fewer confirmed answers than this and the model says nothing.
pub const MIN_EXAMPLES: usize = 20;

#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Per outcome: its log prior, the log likelihood of each word, and of a word it never saw.
    classes: Vec<(Outcome, f64, HashMap<String, f64>, f64)>,
    pub examples: usize,
}

/// A text's words, lower-case, and each pair of neighbouring words.
fn tokens(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_matches('.').to_string())
        .filter(|w| w.len() > 1)
        .collect();
    let mut out = words.clone();
    out.extend(words.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    out
}

impl Model {
    /// Trains on `(answer text, outcome confirmed)`; `None` with too few examples or one
    /// outcome only (nothing to tell apart).
    pub fn train(examples: &[(String, Outcome)]) -> Option<Model> {
        let examples: Vec<&(String, Outcome)> = examples
            .iter()
            .filter(|(t, o)| !t.trim().is_empty() && *o != Outcome::Pending)
            .collect();
        if examples.len() < MIN_EXAMPLES {
            return None;
        }
        let mut counts: BTreeMap<Outcome, (usize, HashMap<String, usize>, usize)> = BTreeMap::new();
        let mut vocabulary: HashMap<String, ()> = HashMap::new();
        for (text, outcome) in &examples {
            let entry = counts.entry(*outcome).or_default();
            entry.0 += 1;
            for t in tokens(text) {
                *entry.1.entry(t.clone()).or_default() += 1;
                entry.2 += 1;
                vocabulary.insert(t, ());
            }
        }
        if counts.len() < 2 {
            return None;
        }
        let v = vocabulary.len() as f64;
        let n = examples.len() as f64;
        let classes = counts
            .into_iter()
            .map(|(o, (docs, words, total))| {
                let denom = total as f64 + v;
                let likelihood = words
                    .into_iter()
                    .map(|(w, c)| (w, ((c as f64 + 1.0) / denom).ln()))
                    .collect();
                (o, (docs as f64 / n).ln(), likelihood, (1.0 / denom).ln())
            })
            .collect();
        Some(Model {
            classes,
            examples: examples.len(),
        })
    }

    /// The likeliest outcome of `text`, its probability, and the words that weighed most.
    pub fn classify(&self, text: &str) -> Option<(Outcome, f32, Vec<String>)> {
        let toks = tokens(text);
        if toks.is_empty() {
            return None;
        }
        let scores: Vec<(Outcome, f64)> = self
            .classes
            .iter()
            .map(|(o, prior, like, unseen)| {
                let s = prior
                    + toks
                        .iter()
                        .map(|t| like.get(t).copied().unwrap_or(*unseen))
                        .sum::<f64>();
                (*o, s)
            })
            .collect();
        let max = scores
            .iter()
            .map(|(_, s)| *s)
            .fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = scores.iter().map(|(_, s)| (s - max).exp()).sum();
        let (best, score) = scores.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
        let probability = ((score - max).exp() / total) as f32;
        // The words most particular to the outcome chosen, for the evidence.
        let (_, _, like, _) = self.classes.iter().find(|(o, ..)| *o == best)?;
        let mut weighed: Vec<(&String, f64)> = toks
            .iter()
            .filter(|t| !t.contains(' '))
            .filter_map(|t| like.get(t).map(|l| (t, *l)))
            .collect();
        weighed.sort_by(|a, b| b.1.total_cmp(&a.1));
        weighed.dedup_by(|a, b| a.0 == b.0);
        let words = weighed
            .into_iter()
            .take(4)
            .map(|(t, _)| t.clone())
            .collect();
        Some((best, probability, words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_bodys_own_wording() {
        let mut ex = Vec::new();
        for i in 0..15 {
            ex.push((
                format!("We can confirm the figure for year {i} is attached."),
                Outcome::Answered,
            ));
            ex.push((
                format!("This falls outside the Trust's remit {i}; please contact NHS England."),
                Outcome::NotHeld,
            ));
        }
        let m = Model::train(&ex).expect("enough examples");
        let (o, p, words) = m
            .classify("This is outside the Trust's remit; contact NHS England.")
            .unwrap();
        assert_eq!(o, Outcome::NotHeld);
        assert!(p > 0.9, "{p}");
        assert!(!words.is_empty());
        assert!(Model::train(&ex[..5]).is_none(), "too few to learn from");
    }
}
