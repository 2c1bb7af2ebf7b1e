//! The one way a letter goes out, for `send` and the board alike: decide whether the request
//! should have it, then hand it to the transport with the store told before and after, so an
//! interruption at any point leaves either a letter marked pending (sent again, with the same
//! Message-ID, by the next run) or a letter sent and its event recorded.

use chrono::NaiveDate;

use crate::config::LocalConfig;
use crate::letters::mailout::{self, MailOutError, Transport};
use crate::letters::{self, Kind, Letter, LetterError, Template};
use crate::mailbox::sent::SentFolder;
use crate::model::Campaign;
use crate::store::{Outgoing, RequestRef, Store};
use crate::text;

/// Letters refused one after another before a run stops: the server or the network is gone,
/// and trying the rest would only wait out a timeout for each.
pub const GIVE_UP_AFTER: usize = 3;

/// What became of one request's letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The server took it; the event is recorded.
    Sent { to: String, filed: Filing },
    /// Written as an `.eml` file (nothing recorded).
    Written { to: String },
    /// This one could not go; the next run tries again.
    Failed(String),
}

/// Whether a sent letter's copy is in the mailbox's Sent folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filing {
    /// No mailbox is set (`config imap`): nothing to file in.
    NoMailbox,
    /// Filed in this folder.
    In(String),
    /// The letter went, but its copy could not be filed: why.
    Failed(String),
}

/// Where a run's letters go: the transport, and the mailbox's Sent folder a copy of each is
/// filed in when the member has set up the group's mailbox.
pub struct Outbox {
    pub transport: Transport,
    sent: Option<SentFolder>,
    /// Why filing stopped for this run (said once, not tried for every letter).
    filing_failed: Option<String>,
}

impl Outbox {
    /// The member's own way of sending and their mailbox, from their config file.
    pub fn configured(local: &LocalConfig) -> anyhow::Result<Outbox> {
        let transport = configured_transport(local)?;
        // A mailbox set up wrong costs the copies in Sent, never the letters.
        let (sent, filing_failed) = match crate::mailbox::Settings::from_config(local) {
            Ok(settings) => (settings.map(SentFolder::new), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Ok(Outbox {
            transport,
            sent,
            filing_failed,
        })
    }

    /// Letters written as `.eml` files into `dir`: nothing goes, nothing is filed.
    pub fn files(dir: std::path::PathBuf, db: std::path::PathBuf) -> Outbox {
        Outbox {
            transport: Transport::Files { dir, db },
            sent: None,
            filing_failed: None,
        }
    }

    fn file(&mut self, bytes: &[u8]) -> Filing {
        if let Some(why) = &self.filing_failed {
            return Filing::Failed(why.clone());
        }
        let Some(sent) = self.sent.as_mut() else {
            return Filing::NoMailbox;
        };
        match sent.file(bytes) {
            Ok(folder) => Filing::In(folder),
            Err(e) => {
                let why = e.to_string();
                self.filing_failed = Some(why.clone());
                Filing::Failed(why)
            }
        }
    }
}

/// This member's way of sending mail, from their own config file: SMTP, else a sendmail
/// command. Never from the database: a setting a colleague could change must not choose a
/// command to run on this laptop or a server to hand this member's password to.
fn configured_transport(local: &LocalConfig) -> anyhow::Result<Transport> {
    if let Some(url) = local.get("smtp") {
        let password = mailout::password(local.get("smtp-password-command"))?;
        return Ok(mailout::smtp(url, password)?);
    }
    if let Some(cmd) = local.get("sendmail") {
        return Ok(Transport::Sendmail(mailout::split_command(cmd)?));
    }
    Err(MailOutError::Setup(
        "no way to send mail is set: `foiboard config smtp smtp://you@mail.example.org:587`, or `foiboard config sendmail \"msmtp -t\"` (kept in your own config file); or write the letters as .eml files".into(),
    )
    .into())
}

/// The sender (`config from`), or what to do when there is none.
pub fn sender(store: &Store) -> anyhow::Result<String> {
    match store.setting("from")?.filter(|s| !s.trim().is_empty()) {
        Some(f) => Ok(f),
        None => Err(MailOutError::Setup(
            "who signs the letters? `foiboard config from \"Your Name <you@example.org>\"`".into(),
        )
        .into()),
    }
}

/// "Guy's and St Thomas' NHS Foundation Trust (RJ1)".
pub fn who(req: &RequestRef) -> String {
    format!(
        "{} ({})",
        text::line(&req.body.name),
        text::line(&req.body.ods_code)
    )
}

/// One run of letters of one kind for one campaign: what every letter shares, read once.
pub struct Run {
    pub campaign: Campaign,
    pub kind: Kind,
    pub template: Template,
    pub basis: crate::store::LetterBasis,
    /// Send even to a request that had this letter before.
    pub again: bool,
    pub today: NaiveDate,
}

impl Run {
    pub fn new(
        store: &Store,
        campaign: &Campaign,
        kind: Kind,
        again: bool,
        today: NaiveDate,
    ) -> anyhow::Result<Run> {
        Ok(Run {
            campaign: campaign.clone(),
            kind,
            template: store.letter_template(kind)?.0,
            basis: store.letter_basis(campaign)?,
            again,
            today,
        })
    }
}

/// The letter this request should have now, or why it should not have one.
pub fn prepare(
    store: &Store,
    run: &Run,
    req: &RequestRef,
) -> anyhow::Result<Result<Letter, String>> {
    let (kind, template, again, today) = (run.kind, &run.template, run.again, run.today);
    let facts = store.letter_facts_with(&run.basis, &run.campaign, req, today)?;
    let letter = match letters::write(kind, template, &facts) {
        Ok(l) => l,
        Err(LetterError::NotFor { reason, .. }) => return Ok(Err(reason)),
        Err(e) => return Err(e.into()),
    };
    if let Some(why) = already(store, req.id, kind, &facts, again, today)? {
        return Ok(Err(why));
    }
    if letter.to.trim().is_empty() {
        return Ok(Err(if kind == Kind::Complaint {
            "no address to send to; set where complaints go: `foiboard config commissioner-email ADDRESS`".to_string()
        } else {
            format!(
                "no address to send to; record it: `foiboard bodies edit {} --foi-email ADDRESS`",
                text::line(&req.body.ods_code)
            )
        }));
    }
    Ok(Ok(letter))
}

/// Hands `letter` to the outbox's transport and, once it went and is recorded, files a copy
/// in the mailbox's Sent folder. A setup problem (no such server, a bad sender) is an
/// error for the whole run; a letter the server refused is [`Delivery::Failed`].
pub fn deliver(
    store: &mut Store,
    outbox: &mut Outbox,
    campaign: &Campaign,
    req: &RequestRef,
    letter: Letter,
    from: &str,
    today: NaiveDate,
) -> anyhow::Result<Delivery> {
    let before = store.sent_before(req.id, letter.kind)?;
    let out = Outgoing {
        request_id: req.id,
        message_id: before
            .pending
            .unwrap_or_else(|| mailout::new_message_id(from, req.id)),
        from: from.to_string(),
        letter,
    };
    let to = text::line(&out.letter.to);
    let file_name = format!(
        "{}-{}-{}.eml",
        crate::files::drafts::file_part(&campaign.slug),
        crate::files::drafts::file_part(&req.body.ods_code),
        out.letter.kind
    );
    if let Transport::Files { .. } = outbox.transport {
        // One bad address is that letter's problem: the others are still written.
        return match outbox.transport.send(&out, &file_name) {
            Ok(_) => Ok(Delivery::Written { to }),
            Err(e @ MailOutError::Setup(_)) => Err(e.into()),
            Err(MailOutError::Send(why)) => Ok(Delivery::Failed(why)),
        };
    }
    store.letter_pending(&out, today)?;
    match outbox.transport.send(&out, &file_name) {
        Ok(bytes) => {
            store.letter_sent(&out, &who(req), today)?;
            // Recorded first: a copy that cannot be filed never makes a sent letter unsent.
            let filed = outbox.file(&bytes);
            Ok(Delivery::Sent { to, filed })
        }
        Err(e @ MailOutError::Setup(_)) => Err(e.into()),
        Err(MailOutError::Send(why)) => Ok(Delivery::Failed(why)),
    }
}

/// Records `req`'s letter of the run as sent by other means `on` that day (the member sent
/// the `.eml` file from their own mail program): the letter kept in the correspondence and
/// the event it means recorded, as if foiboard had sent it. Returns who it went to, or why
/// this request should not have it.
pub fn mark_sent(
    store: &mut Store,
    run: &Run,
    req: &RequestRef,
    on: NaiveDate,
) -> anyhow::Result<Result<String, String>> {
    let letter = match prepare(store, run, req)? {
        Ok(l) => l,
        Err(why) => return Ok(Err(why)),
    };
    let from = store.setting("from")?.unwrap_or_default();
    let out = Outgoing {
        request_id: req.id,
        message_id: mailout::new_message_id(&from, req.id),
        from,
        letter,
    };
    store.letter_sent_by_hand(&out, &who(req), on)?;
    Ok(Ok(text::line(&out.letter.to)))
}

/// Why this request should not have this letter again, if it should not.
fn already(
    store: &Store,
    request_id: i64,
    kind: Kind,
    facts: &letters::Facts,
    again: bool,
    today: NaiveDate,
) -> anyhow::Result<Option<String>> {
    let before = store.sent_before(request_id, kind)?;
    if before.pending.is_some() || again {
        return Ok(None);
    }
    let day = letters::people_date;
    Ok(match kind {
        Kind::Request => match (before.last_sent, facts.report.received) {
            (Some(d), _) => Some(format!(
                "the request went on {} (--again sends it once more)",
                day(d)
            )),
            (None, Some(d)) => Some(format!(
                "the request is recorded as sent on {} (--again sends it anyway)",
                day(d)
            )),
            (None, None) => None,
        },
        Kind::Chase => match before.last_sent {
            Some(d) if chased_recently(store, facts.regime, d, today)? => Some(format!(
                "chased on {}, less than 5 working days ago",
                day(d)
            )),
            _ => None,
        },
        Kind::Review | Kind::Complaint => before.last_sent.map(|d| {
            format!(
                "the {kind} letter went on {} (--again sends it once more)",
                day(d)
            )
        }),
    })
}

/// The requests among `rows` to chase now: late, unanswered, and not chased in the last 5
/// working days. What `due --chase` lists and the board's `to-chase` filter shows.
pub fn to_chase(
    store: &Store,
    rows: &[crate::store::RequestSummary],
    today: NaiveDate,
) -> anyhow::Result<std::collections::HashSet<i64>> {
    let late: Vec<&crate::store::RequestSummary> = rows
        .iter()
        .filter(|r| r.report.responded.is_none() && r.working_days_left.is_some_and(|d| d < 0))
        .collect();
    let ids: Vec<i64> = late.iter().map(|r| r.request.id).collect();
    let chased = store.last_sent_letters(&ids, Kind::Chase)?;
    let mut out = std::collections::HashSet::new();
    for r in late {
        let recent = match chased.get(&r.request.id) {
            Some(d) => chased_recently(store, r.request.regime, *d, today)?,
            None => false,
        };
        if !recent {
            out.insert(r.request.id);
        }
    }
    Ok(out)
}

/// A chaser sent on `on` is recent when fewer than 5 working days have passed since.
pub fn chased_recently(
    store: &Store,
    regime: crate::law::Regime,
    on: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<bool> {
    Ok(store
        .calendars()?
        .get(regime)
        .working_days_in(on, today)
        .is_ok_and(|n| n < 5))
}
