//! The board's side of drafts: the open editor's text kept while it changes (on the loop's
//! tick and on any way out), dropped once saved or discarded, reopened with `D`.

use super::app::{App, View};
use super::overlay::{Editor, Overlay};
use super::UserMessage;
use crate::files::drafts::Draft;

impl App {
    /// Keeps the open editor's text if it differs from what it started with and from the
    /// draft last kept. Failing to keep it is said, never fatal.
    pub fn keep_draft(&mut self) {
        let Some(Overlay::Editor(e)) = &self.overlay else {
            return;
        };
        let text = e.text();
        if !e.modified() || self.kept_draft.as_deref() == Some(text.as_str()) {
            return;
        }
        let d = Draft {
            author: self.store.author().to_string(),
            campaign: self
                .current_campaign()
                .map(|c| c.slug.clone())
                .unwrap_or_default(),
            request_id: e.request_id,
            question: e.question,
            was: e.was.clone(),
            text: text.clone(),
            saved_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        match self.drafts.save(&d) {
            Ok(()) => self.kept_draft = Some(text),
            Err(err) => self.say(
                format!("your text could not be kept as a draft ({err}): save it with Ctrl-S"),
                true,
            ),
        }
    }

    pub(super) fn drop_draft(&mut self, request_id: i64, question: u32) {
        self.drafts
            .remove(self.store.author(), request_id, question);
        self.kept_draft = None;
    }

    /// Opens the latest kept draft in the editor, over its answer.
    pub(super) fn reopen_draft(&mut self) -> anyhow::Result<()> {
        let Some(d) = self.drafts.of(self.store.author()).pop() else {
            return Err(UserMessage("no unsaved text was kept".into()).into());
        };
        if let Some(i) = self.campaigns.iter().position(|c| c.slug == d.campaign) {
            if i != self.campaign {
                self.campaign = i;
                self.marks.clear();
                self.reload()?;
            }
        }
        if !self.rows.iter().any(|r| r.request.id == d.request_id) {
            return Err(UserMessage(
                "the request of the kept text is gone (undone or removed): its draft stays in the drafts folder beside the database".into(),
            )
            .into());
        }
        self.open_answer(d.request_id, d.question, View::Detail)?;
        self.overlay = Some(Overlay::Editor(Box::new(Editor::resume(
            d.request_id,
            d.question,
            &d.was,
            &d.text,
        ))));
        self.kept_draft = Some(d.text);
        self.say(
            format!(
                "your unsaved text of Q{} from {}: Ctrl-S saves it",
                d.question, d.saved_at
            ),
            false,
        );
        Ok(())
    }
}
