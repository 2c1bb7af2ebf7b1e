//! Finding a body as a campaigner writes it: by ODS code, by the code a body had before a
//! merger (the pre-April 2026 ICB codes), by its name however it is spelt ("&" or "and", "NHS
//! FT" or nothing), by a common short name or acronym (UCLH, GSTT, MFT, Barts), or by the start
//! of its name when only one body's name starts so ("Wrightington, Wigan & Leigh"). Anything
//! but an exact code or name is said, never guessed silently; a code or name that could be
//! several bodies is refused with the candidates.

use std::collections::HashMap;

use crate::model::name_key;
use crate::model::Body;

/// The short names and acronyms groups use, by ODS code (shipped with foiboard).
const ALIASES_CSV: &str = include_str!("../../db/seed/body_aliases.csv");

/// What a code or name was found to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Exactly this body.
    Exact(i64),
    /// This body, read a way worth saying ("'GSTT' read as ...").
    Read(i64, String),
    /// Several bodies could be meant: the sentence names them.
    Ambiguous(String),
    None,
}

pub struct BodyMatcher {
    by_ods: HashMap<String, i64>,
    /// Old code → the bodies that took it over (more than one where a body was split).
    by_predecessor: HashMap<String, Vec<i64>>,
    by_key: HashMap<String, Vec<i64>>,
    by_alias: HashMap<String, Vec<i64>>,
    keys: Vec<(Vec<String>, i64)>,
    label: HashMap<i64, String>,
}

impl BodyMatcher {
    pub fn new(bodies: &[Body]) -> BodyMatcher {
        let mut m = BodyMatcher {
            by_ods: HashMap::new(),
            by_predecessor: HashMap::new(),
            by_key: HashMap::new(),
            by_alias: HashMap::new(),
            keys: Vec::new(),
            label: HashMap::new(),
        };
        let mut by_code: HashMap<String, i64> = HashMap::new();
        for b in bodies {
            let ods = b.ods_code.to_ascii_uppercase();
            m.by_ods.insert(ods.clone(), b.id);
            by_code.insert(ods.clone(), b.id);
            m.label.insert(b.id, format!("{} ({})", b.name, b.ods_code));
            for old in b.predecessor_codes.split([';', ',']) {
                // "QM7 (part)": a body split between successors.
                let code = old
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase();
                if !code.is_empty() {
                    m.by_predecessor.entry(code).or_default().push(b.id);
                }
            }
            for n in [&b.name, &b.short_name] {
                let k = name_key(n);
                let ids = m.by_key.entry(k.clone()).or_default();
                if !ids.contains(&b.id) {
                    ids.push(b.id);
                }
            }
            m.keys.push((
                name_key(&b.name).split(' ').map(str::to_string).collect(),
                b.id,
            ));
        }
        for line in ALIASES_CSV.lines().skip(1) {
            let Some((ods, alias)) = line.split_once(',') else {
                continue;
            };
            if let Some(id) = by_code.get(&ods.trim().to_ascii_uppercase()) {
                let ids = m.by_alias.entry(name_key(alias)).or_default();
                if !ids.contains(id) {
                    ids.push(*id);
                }
            }
        }
        m
    }

    fn names(&self, ids: &[i64]) -> String {
        ids.iter()
            .filter_map(|id| self.label.get(id).cloned())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A body by its ODS code, or by a code it had before.
    pub fn by_code(&self, code: &str) -> Found {
        let code = code.trim().to_ascii_uppercase();
        if let Some(id) = self.by_ods.get(&code) {
            return Found::Exact(*id);
        }
        match self.by_predecessor.get(&code).map(Vec::as_slice) {
            Some([id]) => Found::Read(
                *id,
                format!(
                    "{code} is an earlier code of {}: filed under it",
                    self.label.get(id).cloned().unwrap_or_default()
                ),
            ),
            Some(ids) if ids.len() > 1 => Found::Ambiguous(format!(
                "{code} was split between {}: name the body or give its new code",
                self.names(ids)
            )),
            _ => Found::None,
        }
    }

    /// A body by its name as people write it.
    pub fn by_name(&self, name: &str) -> Found {
        let key = name_key(name);
        if key.is_empty() {
            return Found::None;
        }
        match self.by_key.get(&key).map(Vec::as_slice) {
            Some([id]) => return Found::Exact(*id),
            Some(ids) if ids.len() > 1 => {
                return Found::Ambiguous(format!(
                    "'{name}' could be {}: give its ODS code",
                    self.names(ids)
                ))
            }
            _ => {}
        }
        match self.by_alias.get(&key).map(Vec::as_slice) {
            Some([id]) => {
                return Found::Read(
                    *id,
                    format!(
                        "'{name}' read as {}",
                        self.label.get(id).cloned().unwrap_or_default()
                    ),
                )
            }
            Some(ids) if ids.len() > 1 => {
                return Found::Ambiguous(format!(
                    "'{name}' could be {}: give its ODS code",
                    self.names(ids)
                ))
            }
            _ => {}
        }
        // The start of one body's name, word for word ("Wrightington, Wigan & Leigh").
        let words: Vec<&str> = key.split(' ').collect();
        let starts: Vec<i64> = self
            .keys
            .iter()
            .filter(|(k, _)| k.len() > words.len() && k.iter().zip(&words).all(|(a, b)| a == b))
            .map(|(_, id)| *id)
            .collect();
        match starts.as_slice() {
            [id] if words.len() >= 2 => Found::Read(
                *id,
                format!(
                    "'{name}' read as {}",
                    self.label.get(id).cloned().unwrap_or_default()
                ),
            ),
            ids if ids.len() > 1 => Found::Ambiguous(format!(
                "'{name}' could be {}: give its ODS code",
                self.names(ids)
            )),
            _ => Found::None,
        }
    }

    /// Whether `text` names this body by an alias or an earlier code (for `bodies --search`).
    pub fn alias_or_old_code(&self, id: i64, text: &str) -> bool {
        let key = name_key(text);
        let code = text.trim().to_ascii_uppercase();
        self.by_alias.get(&key).is_some_and(|ids| ids.contains(&id))
            || self
                .by_predecessor
                .get(&code)
                .is_some_and(|ids| ids.contains(&id))
    }
}
