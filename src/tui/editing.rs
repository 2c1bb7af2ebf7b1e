//! Keys inside the open window (editor, finding form, exemption picker, conflict choice) and
//! the saves they make. Pasted text goes through the sanitizer before it enters any field.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::App;
use super::overlay::{ctrl, Completion, Conflict, Editor, Field, Overlay};
use crate::store::{AnswerEdit, StoreError};
use crate::text;

impl App {
    /// A key while a window is open.
    pub fn overlay_key(&mut self, k: KeyEvent) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        let editing = match &overlay {
            Overlay::Editor(e) => Some((e.request_id, e.question)),
            Overlay::Conflict(c) => Some((c.request_id, c.question)),
            _ => None,
        };
        let result = match overlay {
            Overlay::Editor(e) => self.editor_key(e, k),
            Overlay::Finding(f) => self.finding_key(f, k),
            Overlay::Exemptions(p) => self.exemptions_key(p, k),
            Overlay::Conflict(c) => self.conflict_key(c, k),
            Overlay::Split(s) => self.split_key(s, k),
            Overlay::Letter(d) => self.letter_key(d, k),
            Overlay::Message(m) => self.message_key(m, k),
        };
        if let Err(e) = result {
            self.say(text::line(&e.to_string()), true);
        }
        // The text was saved, taken from a colleague or discarded: its draft has served.
        if let Some((request, question)) = editing {
            if !matches!(
                self.overlay,
                Some(Overlay::Editor(_) | Overlay::Conflict(_))
            ) {
                self.drop_draft(request, question);
            }
        }
    }

    /// Pasted text: sanitized, then typed into whatever has the cursor.
    pub fn paste(&mut self, pasted: &str) {
        let clean = text::block(pasted);
        match &mut self.overlay {
            Some(Overlay::Editor(e)) => {
                e.area.insert_str(&clean);
            }
            Some(Overlay::Finding(f)) => match f.field {
                Field::Note => {
                    f.note.insert_str(&clean);
                }
                Field::Quote => f.quote.push_str(&text::line(pasted)),
                Field::Tags => f.tag_input.push_str(text::line(pasted).trim()),
            },
            Some(Overlay::Exemptions(p)) => p.other.push_str(&text::line(pasted)),
            Some(Overlay::Letter(d)) => {
                if d.letters.len() == 1 {
                    d.area.insert_str(&clean);
                }
            }
            Some(Overlay::Conflict(_)) | Some(Overlay::Split(_)) | Some(Overlay::Message(_)) => {}
            None => {
                for c in text::line(pasted).chars() {
                    self.prompt_key(super::prompt::PromptKey::Char(c));
                }
            }
        }
    }

    fn editor_key(&mut self, mut e: Box<Editor>, k: KeyEvent) -> anyhow::Result<()> {
        if e.confirm_discard {
            match k.code {
                KeyCode::Char('y') => self.say("changes discarded", false),
                _ => {
                    e.confirm_discard = false;
                    self.overlay = Some(Overlay::Editor(e));
                }
            }
            return Ok(());
        }
        if ctrl(&k, 's') {
            return self.save_text(e);
        }
        if k.code == KeyCode::Esc {
            if e.modified() {
                e.confirm_discard = true;
                self.overlay = Some(Overlay::Editor(e));
            }
            return Ok(());
        }
        super::overlay::type_into(&mut e.area, k);
        self.overlay = Some(Overlay::Editor(e));
        Ok(())
    }

    /// Saves the editor's text unless a colleague saved meanwhile; then offers both.
    fn save_text(&mut self, e: Box<Editor>) -> anyhow::Result<()> {
        let mine = e.text();
        let saved = self.store.edit_answer(
            e.request_id,
            e.question,
            &AnswerEdit {
                text: Some(&mine),
                text_was: Some(&e.was),
                ..AnswerEdit::default()
            },
        );
        match saved {
            Ok(_) => {
                self.remember_change()?;
                self.reload()?;
                self.say(
                    format!("saved the text of Q{} (u undoes)", e.question),
                    false,
                );
                Ok(())
            }
            Err(StoreError::TextChanged { theirs, by, .. }) => {
                self.overlay = Some(Overlay::Conflict(Conflict {
                    request_id: e.request_id,
                    question: e.question,
                    mine,
                    theirs,
                    by,
                }));
                Ok(())
            }
            Err(other) => {
                // Keep the editor open: nothing typed is lost.
                self.overlay = Some(Overlay::Editor(e));
                Err(other.into())
            }
        }
    }

    fn conflict_key(&mut self, c: Conflict, k: KeyEvent) -> anyhow::Result<()> {
        match k.code {
            KeyCode::Char('m') => {
                // Mine, knowingly replacing theirs (their text stays in the history).
                let mut e = Box::new(Editor::answer_text(c.request_id, c.question, &c.mine));
                e.was = c.theirs;
                self.save_text(e)
            }
            KeyCode::Char('t') => {
                self.reload()?;
                self.say("kept their version; yours was discarded", false);
                Ok(())
            }
            KeyCode::Char('e') | KeyCode::Esc => {
                let both = format!(
                    "{}\n\n----- the version {} saved -----\n{}",
                    c.mine,
                    text::line(&c.by),
                    c.theirs
                );
                let mut e = Box::new(Editor::answer_text(c.request_id, c.question, &both));
                e.was = c.theirs;
                self.overlay = Some(Overlay::Editor(e));
                self.say(
                    "both versions are in the editor: Ctrl-S saves what you keep",
                    false,
                );
                Ok(())
            }
            _ => {
                self.overlay = Some(Overlay::Conflict(c));
                Ok(())
            }
        }
    }

    fn finding_key(
        &mut self,
        mut f: Box<super::overlay::FindingForm>,
        k: KeyEvent,
    ) -> anyhow::Result<()> {
        if f.confirm_discard {
            if k.code == KeyCode::Char('y') {
                self.say("finding discarded", false);
            } else {
                f.confirm_discard = false;
                self.overlay = Some(Overlay::Finding(f));
            }
            return Ok(());
        }
        if ctrl(&k, 's') {
            return self.save_finding(f);
        }
        match k.code {
            KeyCode::Esc => {
                if f.modified() {
                    f.confirm_discard = true;
                    self.overlay = Some(Overlay::Finding(f));
                }
                return Ok(());
            }
            KeyCode::Tab => f.next_field(false),
            KeyCode::BackTab => f.next_field(true),
            _ => match f.field {
                Field::Note => {
                    f.note.input(k);
                }
                Field::Quote => match k.code {
                    KeyCode::Up => f.cycle_sentence(true),
                    KeyCode::Down => f.cycle_sentence(false),
                    KeyCode::Backspace => {
                        f.quote.pop();
                    }
                    KeyCode::Char(c) => f.quote.push(c),
                    _ => {}
                },
                Field::Tags => match k.code {
                    KeyCode::Up => f.choice = f.choice.saturating_sub(1),
                    KeyCode::Down => {
                        f.choice = (f.choice + 1).min(f.completions().len().saturating_sub(1))
                    }
                    KeyCode::Backspace if f.tag_input.is_empty() => {
                        f.tags.pop();
                    }
                    KeyCode::Backspace => {
                        f.tag_input.pop();
                        f.choice = 0;
                    }
                    KeyCode::Enter => {
                        let pick = f.completions().get(f.choice).cloned();
                        match pick {
                            Some(Completion::Existing(t)) => f.tags.push(t),
                            Some(Completion::Create(t)) => {
                                self.store.add_tag(&t, "", "")?;
                                self.remember_change()?;
                                let t = crate::store::check_tag_name(&t)?;
                                f.all_tags.push(t.clone());
                                f.tags.push(t.clone());
                                self.say(format!("new tag '{t}' added to the codebook"), false);
                            }
                            None => {}
                        }
                        f.tag_input.clear();
                        f.choice = 0;
                    }
                    KeyCode::Char(c) => {
                        f.tag_input.push(c);
                        f.choice = 0;
                    }
                    _ => {}
                },
            },
        }
        self.overlay = Some(Overlay::Finding(f));
        Ok(())
    }

    fn save_finding(&mut self, f: Box<super::overlay::FindingForm>) -> anyhow::Result<()> {
        if f.tags.is_empty() {
            self.overlay = Some(Overlay::Finding(f));
            anyhow::bail!("a finding needs at least one tag: Tab to Tags, type, Enter to pick");
        }
        let note = f.note_text();
        let quote = f.quote.trim().to_string();
        let saved = self.commit(|store, _| match f.id {
            Some(id) => store.update_finding(id, &f.tags, &note, &quote),
            None => store
                .add_finding(f.request_id, f.question, &f.tags, &note, &quote)
                .map(|_| ()),
        });
        if let Err(e) = saved {
            self.overlay = Some(Overlay::Finding(f));
            return Err(e);
        }
        let warn = self
            .answer
            .as_ref()
            .and_then(|p| p.answer.as_ref())
            .is_some_and(|a| !quote.is_empty() && !a.text.contains(&quote));
        self.say(
            if warn {
                "finding saved; note: the quote is not word for word in the answer text"
            } else {
                "finding saved (u undoes)"
            },
            warn,
        );
        Ok(())
    }

    fn exemptions_key(
        &mut self,
        mut p: super::overlay::ExemptionPicker,
        k: KeyEvent,
    ) -> anyhow::Result<()> {
        let on_other = p.cursor >= p.items.len();
        match k.code {
            KeyCode::Esc => return Ok(()),
            KeyCode::Up => p.cursor = p.cursor.saturating_sub(1),
            KeyCode::Down => p.cursor = (p.cursor + 1).min(p.items.len()),
            KeyCode::Char(' ') if !on_other => p.toggle(),
            KeyCode::Enter if on_other && !p.other.trim().is_empty() => p.add_other(),
            KeyCode::Enter => {
                let chosen = p.ordered();
                self.commit(|s, _| {
                    s.edit_answer(
                        p.request_id,
                        p.question,
                        &AnswerEdit {
                            exemptions: Some(&chosen),
                            ..AnswerEdit::default()
                        },
                    )
                })?;
                self.say(
                    if chosen.is_empty() {
                        format!("Q{}: no exemption cited", p.question)
                    } else {
                        format!(
                            "Q{} cites {} (now set the outcome, e.g. r for refused)",
                            p.question,
                            chosen.join(", ")
                        )
                    },
                    false,
                );
                return Ok(());
            }
            KeyCode::Backspace if on_other => {
                p.other.pop();
            }
            KeyCode::Char(c) => {
                // Typing goes to the "other" line wherever the cursor was.
                p.cursor = p.items.len();
                p.other.push(c);
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Exemptions(p));
        Ok(())
    }

    /// The split preview: ↑/↓ choose, Space keeps or drops a question, Enter records the kept
    /// ones (to triage, never over a text already there), Esc records nothing.
    fn split_key(
        &mut self,
        mut s: super::overlay::SplitPreview,
        k: KeyEvent,
    ) -> anyhow::Result<()> {
        match k.code {
            KeyCode::Esc => {
                self.say("nothing recorded", false);
                return Ok(());
            }
            KeyCode::Up => s.cursor = s.cursor.saturating_sub(1),
            KeyCode::Down => s.cursor = (s.cursor + 1).min(s.parts.len().saturating_sub(1)),
            KeyCode::Char(' ') => {
                if let Some(p) = s.parts.get_mut(s.cursor) {
                    p.2 = !p.2;
                }
            }
            KeyCode::Enter => {
                let kept: Vec<(u32, String)> = s
                    .parts
                    .iter()
                    .filter(|p| p.2)
                    .map(|p| (p.0, p.1.clone()))
                    .collect();
                let request_id = s.request_id;
                let (written, left) =
                    self.commit(|store, _| store.record_split(request_id, &kept))?;
                let mut msg = format!(
                    "{written} answer(s) recorded on {}, to triage (u undoes)",
                    s.label
                );
                if !left.is_empty() {
                    let qs: Vec<String> = left.iter().map(|q| format!("Q{q}")).collect();
                    msg.push_str(&format!(
                        "; {} already had a text, left as is",
                        qs.join(", ")
                    ));
                }
                self.say(msg, false);
                return Ok(());
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Split(s));
        Ok(())
    }
}
