//! The group's mailbox from the board: a fetch (R, `:fetch`, or every `imap-interval` minutes)
//! runs on a thread of its own with its own connection to the database, so the board stays
//! live; its progress shows in the header, Esc stops it between runs (what was stored stays),
//! and when it ends the board reads the campaign again and `u` can take each run back. At
//! start, the header shows how much new mail waits in the mailbox.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::LocalConfig;
use crate::mailbox::{FetchOptions, FetchReport, Progress, Settings};

use super::shared::Shared;

/// What the thread says.
enum Said {
    Progress(Progress),
    Waiting(Result<usize, String>),
    Done(Result<FetchReport, String>),
}

/// The running job, if any.
struct Job {
    rx: Receiver<Said>,
    stop: Arc<AtomicBool>,
    fetching: bool,
}

/// The mailbox as the board sees it.
#[derive(Default)]
pub struct MailFetch {
    job: Option<Job>,
    /// New messages waiting in the mailbox, as last counted.
    pub waiting: Option<usize>,
    /// The fetch's progress, while one runs: "INBOX 150 of 2000".
    pub progress: Option<String>,
    /// When the next automatic fetch is due (`imap-interval`).
    next_auto: Option<Instant>,
}

/// The board's database opened again on the fetch's thread, reading and matching replies by
/// the same rules as the board (a store without them matches nothing).
fn open(db: &crate::store::Reopen) -> Result<crate::store::Store, String> {
    let mut store = db.open().map_err(|e| e.to_string())?;
    store.set_mail_reading(std::rc::Rc::new(crate::inbox::Rules));
    Ok(store)
}

/// The mailbox settings from the member's own config file: `Ok(None)` when none is set.
fn settings(sh: &Shared) -> anyhow::Result<Option<Settings>> {
    let local = match &sh.config_path {
        Some(path) => LocalConfig::load_from(path)?,
        None => LocalConfig::default(),
    };
    Ok(Settings::from_config(&local)?)
}

impl MailFetch {
    /// The next automatic fetch, `imap-interval` minutes from now (none when it is unset).
    fn schedule(&mut self, s: &Settings) {
        self.next_auto = s
            .interval
            .map(|min| Instant::now() + Duration::from_secs(u64::from(min) * 60));
    }

    /// Whether the mailbox is being counted or fetched.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Whether a fetch is running.
    pub fn fetching(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.fetching)
    }

    /// Counts the new mail waiting, in the background (at the board's start). Nothing when
    /// no mailbox is set.
    pub fn check(&mut self, sh: &Shared) {
        let Ok(Some(s)) = settings(sh) else { return };
        if self.job.is_some() {
            return;
        }
        self.schedule(&s);
        let db = sh.store.reopener();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let n = open(&db).and_then(|store| {
                crate::mailbox::fetch::waiting(&store, &s).map_err(|e| e.to_string())
            });
            let _ = tx.send(Said::Waiting(n));
        });
        self.job = Some(Job {
            rx,
            stop: Arc::new(AtomicBool::new(false)),
            fetching: false,
        });
    }

    /// Starts a fetch, saying why when it cannot.
    pub fn start(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        if self.fetching() {
            sh.say("the mailbox is being fetched already: Esc stops it", false);
            return Ok(());
        }
        let Some(s) = settings(sh)? else {
            sh.say(
                "no mailbox is set: `foiboard config imap imaps://you@imap.example.org` (and the password in FOIBOARD_IMAP_PASSWORD or imap-password-command)",
                true,
            );
            return Ok(());
        };
        let db = sh.store.reopener();
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let mut progress = move |p: Progress| {
                let _ = progress_tx.send(Said::Progress(p));
            };
            let done = open(&db).and_then(|mut store| {
                crate::mailbox::fetch(
                    &mut store,
                    &s,
                    &FetchOptions::default(),
                    &mut progress,
                    &flag,
                )
                .map_err(|e| e.to_string())
            });
            let _ = tx.send(Said::Done(done));
        });
        // A count in flight is dropped: the fetch says more.
        self.job = Some(Job {
            rx,
            stop,
            fetching: true,
        });
        self.progress = Some("connecting".into());
        sh.say(
            "fetching the mailbox (Esc stops; the board stays yours)",
            false,
        );
        Ok(())
    }

    /// Esc while fetching: stops after the run being stored. Whether there was one to stop.
    pub fn stop(&mut self) -> bool {
        match &self.job {
            Some(j) if j.fetching => {
                j.stop.store(true, Ordering::Relaxed);
                self.progress = Some("stopping".into());
                true
            }
            _ => false,
        }
    }

    /// What the thread said since last asked, applied to the board: called by the loop at
    /// each check. Whether anything changed on screen.
    pub fn tick(&mut self, sh: &mut Shared) -> bool {
        let mut changed = false;
        if self.job.is_none() {
            if self.next_auto.is_some_and(|t| Instant::now() >= t) {
                self.next_auto = None;
                if let Err(e) = self.start(sh) {
                    sh.say(crate::text::line(&e.to_string()), true);
                }
                return true;
            }
            return false;
        }
        loop {
            let said = match self.job.as_ref().map(|j| j.rx.try_recv()) {
                Some(Ok(s)) => s,
                Some(Err(TryRecvError::Empty)) | None => break,
                Some(Err(TryRecvError::Disconnected)) => {
                    self.job = None;
                    self.progress = None;
                    break;
                }
            };
            changed = true;
            match said {
                Said::Progress(Progress::Folder { folder, new }) => {
                    self.progress = Some(format!("{} {new} new", crate::text::line(&folder)));
                }
                Said::Progress(Progress::Read { folder, done, of }) => {
                    self.progress = Some(format!("{} {done} of {of}", crate::text::line(&folder)));
                }
                Said::Waiting(Ok(n)) => {
                    self.waiting = Some(n);
                    self.job = None;
                }
                // Counting is a courtesy: a mailbox out of reach is said when fetching.
                Said::Waiting(Err(_)) => self.job = None,
                Said::Done(done) => {
                    self.job = None;
                    self.progress = None;
                    self.finished(sh, done);
                }
            }
        }
        changed
    }

    fn finished(&mut self, sh: &mut Shared, done: Result<FetchReport, String>) {
        if let Ok(Some(s)) = settings(sh) {
            self.schedule(&s);
        }
        match done {
            Ok(report) => {
                self.waiting = Some(0);
                let changes: Vec<i64> = report
                    .folders
                    .iter()
                    .flat_map(|f| f.changes.iter().copied())
                    .collect();
                if !changes.is_empty() {
                    sh.undo.extend(changes);
                    sh.redo.clear();
                }
                if let Err(e) = sh.reload() {
                    sh.say(crate::text::line(&e.to_string()), true);
                    return;
                }
                let undo = if report.imported() > 0 {
                    " (u undoes)"
                } else {
                    ""
                };
                sh.say(format!("{}{undo}", report.said()), false);
            }
            Err(why) => sh.say(crate::text::line(&why), true),
        }
    }
}

/// The header's word on the mailbox: a fetch's progress, or the mail waiting.
pub fn header(m: &MailFetch) -> Option<String> {
    if let Some(p) = &m.progress {
        return Some(format!("  fetching: {p} (Esc stops)"));
    }
    match m.waiting {
        Some(n) if n > 0 => Some(format!("  ✉ {n} new in the mailbox (R fetches)")),
        _ => None,
    }
}
