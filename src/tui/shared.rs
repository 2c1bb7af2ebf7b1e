//! What every screen of the board shares, and the one way the board writes.
//!
//! A screen reads the campaign, its requests, the selection and the marks here, says things on
//! the message line, and changes the record only through [`Shared::commit`]: write, put the
//! change on this board's undo stack, read the campaign again. What a screen cannot do itself
//! (show another screen, open a prompt or a window, quit) it asks for with an
//! [`Effect`](super::effect::Effect); nothing here knows the screens.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::stage::Stage;
use crate::model::{Campaign, Question};
use crate::store::{Findings, RequestRef, RequestSummary, Store, StoreError};

/// A sentence for the user, shown as an error on the message line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserMessage(pub String);

/// Shorthand for a user-facing refusal as an `anyhow` error.
pub fn refuse<T>(said: impl Into<String>) -> anyhow::Result<T> {
    Err(UserMessage(said.into()).into())
}

pub struct Shared {
    pub store: Store,
    /// Where this member's own settings are (how they send mail): read when a letter goes.
    pub config_path: Option<std::path::PathBuf>,
    /// Where Ctrl-O writes letters as `.eml` files: the folder the board was started in
    /// when not set.
    pub eml_dir: Option<std::path::PathBuf>,
    pub today: NaiveDate,
    pub campaigns: Vec<Campaign>,
    /// The campaign on the board, as an index into `campaigns`.
    pub campaign: usize,
    /// Every request of the campaign, by body name.
    pub rows: Vec<RequestSummary>,
    /// Whether loads count each request's findings: only the table shows them, so the board
    /// opens without that pass and the table asks for it when first shown.
    pub count_findings: bool,
    /// The current campaign's questions.
    pub questions: Vec<Question>,
    /// The selected request, by primary key: survives reloads and filters.
    pub selected: Option<i64>,
    pub marks: HashSet<i64>,
    /// The board's and the table's filter (the header counts what it leaves).
    pub filter: String,
    /// Overdue requests not chased in the last 5 working days (the `to-chase` filter word),
    /// worked out when that filter is in use.
    pub to_chase: HashSet<i64>,
    /// The message line: what was said, and whether it is an error.
    pub message: Option<(String, bool)>,
    /// How many times something was said: the app keeps what a handler said about a prompt
    /// it opens in the same step.
    pub said: u64,
    pub undo: Vec<i64>,
    pub redo: Vec<i64>,
    pub data_version: i64,
    /// When this board last saw the data change (HH:MM:SS, local).
    pub changed_at: String,
    /// The wall-clock time shown as "updated", injectable so snapshots are deterministic.
    pub time_of_day: fn() -> String,
    /// Unsaved editor text, kept beside the database.
    pub drafts: crate::files::drafts::Drafts,
    /// The text last kept as a draft, so an unchanged editor is not written again.
    pub kept_draft: Option<String>,
    /// The campaign was read again: the screen showing reads what it shows again too.
    pub stale: bool,
}

/// Whether a request passes a filter: every word must match the body's name, ODS code, kind
/// or region, or the request's status.
pub fn matches_filter(r: &RequestSummary, filter: &str) -> bool {
    let f = filter.to_lowercase();
    f.split_whitespace().all(|w| {
        let b = &r.request.body;
        b.name.to_lowercase().contains(w)
            || b.ods_code.to_lowercase() == w
            || b.kind.to_lowercase().contains(w)
            || b.region.to_lowercase().contains(w)
            || r.status.as_str().contains(w)
    })
}

impl Shared {
    /// The board's shared state on `store`, on the campaign the group is working on.
    pub fn open(
        mut store: Store,
        today: NaiveDate,
        time_of_day: Option<fn() -> String>,
    ) -> anyhow::Result<Shared> {
        // The board reads and matches replies by foiboard's rules, however the store was
        // opened.
        store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
        let drafts = crate::files::drafts::Drafts::beside(store.path());
        let mut sh = Shared {
            // Taken by the first load, before it reads (a server connection starts listening
            // for colleagues' changes there).
            data_version: 0,
            config_path: crate::config::LocalConfig::default_path().ok(),
            eml_dir: None,
            store,
            today,
            campaigns: Vec::new(),
            campaign: 0,
            rows: Vec::new(),
            count_findings: false,
            questions: Vec::new(),
            selected: None,
            marks: HashSet::new(),
            filter: String::new(),
            to_chase: HashSet::new(),
            message: None,
            said: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            changed_at: String::new(),
            time_of_day: time_of_day
                .unwrap_or(|| chrono::Local::now().format("%H:%M:%S").to_string()),
            drafts,
            kept_draft: None,
            stale: false,
        };
        let (campaigns, latest) = sh.store.campaigns_and_latest()?;
        sh.campaigns = campaigns;
        if let Some(latest) = latest {
            sh.campaign = sh
                .campaigns
                .iter()
                .position(|c| c.id == latest)
                .unwrap_or(0);
        }
        sh.load()?;
        Ok(sh)
    }

    pub fn current_campaign(&self) -> Option<&Campaign> {
        self.campaigns.get(self.campaign)
    }

    /// How many questions the current campaign asks.
    pub fn questions_count(&self) -> u32 {
        self.questions.len() as u32
    }

    /// Reads the campaigns and the current campaign's requests again, keeping the selection
    /// and the marks by primary key (a request gone since loses them).
    pub fn reload(&mut self) -> anyhow::Result<()> {
        self.campaigns = self.store.campaigns()?;
        self.load()
    }

    /// Reads the current campaign's requests and questions (the campaigns list as it is).
    fn load(&mut self) -> anyhow::Result<()> {
        if self.campaign >= self.campaigns.len() {
            self.campaign = 0;
        }
        // Taken before reading, so a colleague's commit that lands while the campaign is read
        // makes the next look read it again rather than count as seen.
        self.data_version = self.store.data_version()?;
        (self.rows, self.questions) = match self.campaigns.get(self.campaign) {
            Some(c) => self.store.summaries_and_questions(
                c,
                self.today,
                Findings::shown_if(self.count_findings),
            )?,
            None => (Vec::new(), Vec::new()),
        };
        self.changed_at = (self.time_of_day)();
        let ids: HashSet<i64> = self.rows.iter().map(|r| r.request.id).collect();
        self.marks.retain(|m| ids.contains(m));
        if self.selected.is_some_and(|s| !ids.contains(&s)) {
            self.selected = None;
        }
        if self.filter.contains("to-chase") {
            self.load_to_chase()?;
        }
        self.stale = true;
        Ok(())
    }

    /// Shows campaign number `i`: no marks or selection carried over from another campaign.
    pub fn switch_campaign(&mut self, i: usize) -> anyhow::Result<()> {
        if i != self.campaign {
            self.campaign = i;
            self.marks.clear();
            self.selected = None;
        }
        self.reload()
    }

    /// Whether the database changed since the last load: another process committed, or the
    /// file was replaced on disk (a backup copied over it), when the board reopens it and
    /// says so rather than show what is no longer there.
    pub fn store_changed(&mut self) -> anyhow::Result<bool> {
        if self.store.replaced_on_disk() {
            let author = self.store.author().to_string();
            let mut store = Store::open(self.store.path())?;
            store.set_author(&author);
            store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
            self.store = store;
            self.say(
                "the database file was replaced by another program (a backup copied over it?): reopened, showing what it holds now. Restore backups with `foiboard restore`",
                true,
            );
            return Ok(true);
        }
        Ok(self.store.data_version()? != self.data_version)
    }

    /// The one write of the board: do `write` on the store, put the change it made on this
    /// board's undo stack, read the campaign again (a connection does not see its own
    /// commits in `data_version`). The caller says what happened.
    pub fn commit<T>(
        &mut self,
        write: impl FnOnce(&mut Store, NaiveDate) -> Result<T, StoreError>,
    ) -> anyhow::Result<T> {
        let out = write(&mut self.store, self.today)?;
        self.remember_change();
        self.reload()?;
        Ok(out)
    }

    /// Puts the change just made by this board on its undo stack: the id the store's write
    /// returned, so `u` takes back this board's own change and never a colleague's.
    pub fn remember_change(&mut self) {
        if let Some(id) = self.store.last_change() {
            if self.undo.last() != Some(&id) {
                self.undo.push(id);
            }
            self.redo.clear();
        }
    }

    pub fn say(&mut self, msg: impl Into<String>, error: bool) {
        self.message = Some((msg.into(), error));
        self.said += 1;
    }

    /// The requests the filter leaves, by body name.
    pub fn shown(&self) -> Vec<&RequestSummary> {
        // `to-chase` is a word of its own: overdue and not chased in 5 working days.
        let chase = self.filter.split_whitespace().any(|w| w == "to-chase");
        let rest: String = self
            .filter
            .split_whitespace()
            .filter(|w| *w != "to-chase")
            .collect::<Vec<_>>()
            .join(" ");
        self.rows
            .iter()
            .filter(|r| {
                (!chase || self.to_chase.contains(&r.request.id)) && matches_filter(r, &rest)
            })
            .collect()
    }

    pub fn selected_row(&self) -> Option<&RequestSummary> {
        let id = self.selected?;
        self.rows.iter().find(|r| r.request.id == id)
    }

    /// What an event, a note or a letter acts on: the marked requests, or the selected one.
    pub fn targets(&self) -> Vec<RequestRef> {
        let ids: Vec<i64> = if self.marks.is_empty() {
            self.selected.into_iter().collect()
        } else {
            self.marks.iter().copied().collect()
        };
        self.rows
            .iter()
            .filter(|r| ids.contains(&r.request.id))
            .map(|r| r.request.clone())
            .collect()
    }

    /// Overdue requests of the campaign not chased in the last 5 working days: the board's
    /// `to-chase` filter.
    pub fn load_to_chase(&mut self) -> anyhow::Result<()> {
        self.to_chase = crate::letters::outbox::to_chase(&self.store, &self.rows, self.today)?;
        Ok(())
    }

    /// The names of the tags a finding may be given (retired ones are not offered).
    pub fn tag_names(&self) -> Vec<String> {
        self.store
            .tags()
            .map(|t| {
                t.into_iter()
                    .filter(|t| !t.retired)
                    .map(|t| t.name)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The request of this campaign `typed` names: its body's ODS code, or a part of its
    /// name that only one body has. Several bodies fit: they are listed, to type more.
    pub fn find_request(&self, typed: &str) -> anyhow::Result<(i64, Stage)> {
        let typed = typed.trim();
        if typed.is_empty() {
            return refuse("type an ODS code or part of a body's name (Tab completes)");
        }
        if let Some(r) = self
            .rows
            .iter()
            .find(|r| r.request.body.ods_code.eq_ignore_ascii_case(typed))
        {
            return Ok((r.request.id, Stage::of(r)));
        }
        let wanted = typed.to_lowercase();
        let fits: Vec<_> = self
            .rows
            .iter()
            .filter(|r| {
                r.request.body.name.to_lowercase().contains(&wanted)
                    || r.request.body.short_name.to_lowercase().contains(&wanted)
            })
            .collect();
        match fits.as_slice() {
            [one] => Ok((one.request.id, Stage::of(one))),
            [] => refuse(format!(
                "no request in this campaign for '{}' (an ODS code or part of a body's name; Tab completes)",
                crate::text::line(typed)
            )),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .take(5)
                    .map(|r| format!("{} ({})", r.request.body.name, r.request.body.ods_code))
                    .collect();
                let more = many.len().saturating_sub(names.len());
                refuse(format!(
                    "{} bodies fit '{}': {}{}; type more of the name, or its ODS code",
                    many.len(),
                    crate::text::line(typed),
                    crate::text::line(&names.join(", ")),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ))
            }
        }
    }

    /// What Tab offers after a command's name, or in a prompt that names a request.
    pub fn choices_for(&self, command: &str) -> Vec<String> {
        match command {
            "goto" => {
                let mut v: Vec<String> = self
                    .rows
                    .iter()
                    .map(|r| r.request.body.ods_code.clone())
                    .collect();
                v.extend(self.rows.iter().map(|r| r.request.body.name.clone()));
                v
            }
            "campaign" => self.campaigns.iter().map(|c| c.slug.clone()).collect(),
            "request" | "suggest" => ["all", "nation:", "kind:", "region:", "ods:"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            _ => Vec::new(),
        }
    }
}
