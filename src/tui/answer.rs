//! One answer open for triage: the question, the outcome, exemptions, the letter's text and
//! the findings on it. Setting an outcome moves to the next question in the same key press, so
//! a seven-question response takes seven keys plus the reading.

use super::app::{App, View};
use super::overlay::{Editor, ExemptionPicker, FindingForm, Overlay};
use crate::model::{Answer, Finding, Outcome, Question};
use crate::store::{AnswerEdit, FindingFilter};

/// The open answer and what was loaded for it.
#[derive(Debug, Clone)]
pub struct AnswerPane {
    pub request_id: i64,
    pub question: u32,
    /// The first line of the text shown (PgUp/PgDn).
    pub scroll: u16,
    /// The selected finding.
    pub finding: usize,
    /// Where Esc goes back to.
    pub from: View,
    pub questions: Vec<Question>,
    pub answer: Option<Answer>,
    pub findings: Vec<Finding>,
}

impl AnswerPane {
    pub fn question_text(&self) -> &str {
        self.questions
            .iter()
            .find(|q| q.number == self.question)
            .map_or("", |q| q.text.as_str())
    }

    pub fn last_question(&self) -> u32 {
        self.questions.iter().map(|q| q.number).max().unwrap_or(1)
    }

    pub fn selected_finding(&self) -> Option<&Finding> {
        self.findings.get(self.finding)
    }
}

impl App {
    /// Opens question `question` of request `request_id`, coming from `from`.
    pub fn open_answer(
        &mut self,
        request_id: i64,
        question: u32,
        from: View,
    ) -> anyhow::Result<()> {
        let questions = match self.current_campaign() {
            Some(c) => self.store.questions(c.id)?,
            None => return Ok(()),
        };
        self.selected = Some(request_id);
        self.answer = Some(AnswerPane {
            request_id,
            question,
            scroll: 0,
            finding: 0,
            from,
            questions,
            answer: None,
            findings: Vec::new(),
        });
        self.enter(View::Answer)
    }

    /// Reads the open answer and its findings again (after a change, or a colleague's).
    pub fn load_answer(&mut self) -> anyhow::Result<()> {
        let Some(p) = &self.answer else {
            return Ok(());
        };
        let (request_id, question) = (p.request_id, p.question);
        let answer = self
            .store
            .answers(request_id)?
            .into_iter()
            .find(|a| a.question == question);
        let findings = self.store.findings(&FindingFilter {
            request_id: Some(request_id),
            question: Some(question),
            ..FindingFilter::default()
        })?;
        if let Some(p) = &mut self.answer {
            p.finding = p.finding.min(findings.len().saturating_sub(1));
            p.answer = answer;
            p.findings = findings;
        }
        Ok(())
    }

    /// Moves to question `n` of the same request.
    pub fn goto_question(&mut self, n: u32) -> anyhow::Result<()> {
        if let Some(p) = &mut self.answer {
            let n = n.clamp(1, p.last_question());
            if n != p.question {
                p.question = n;
                p.scroll = 0;
                p.finding = 0;
            }
        }
        self.detail_question = n;
        self.load_answer()
    }

    /// Records `outcome` for the open question, keeping its exemptions and text, then moves on.
    pub fn set_outcome(&mut self, outcome: Outcome) -> anyhow::Result<()> {
        let Some(p) = &self.answer else {
            return Ok(());
        };
        let (request_id, q, last) = (p.request_id, p.question, p.last_question());
        self.commit(|store, _| {
            store.edit_answer(
                request_id,
                q,
                &AnswerEdit {
                    outcome: Some(outcome),
                    ..AnswerEdit::default()
                },
            )
        })?;
        if q < last {
            self.goto_question(q + 1)?;
            self.say(format!("Q{q}: {} · now Q{}", outcome.label(), q + 1), false);
        } else {
            self.load_answer()?;
            self.say(
                format!(
                    "Q{q}: {} · that was the last question (Esc returns)",
                    outcome.label()
                ),
                false,
            );
        }
        self.refresh_rows()?;
        Ok(())
    }

    pub fn pick_exemptions(&mut self) {
        if let Some(p) = &self.answer {
            let chosen = p
                .answer
                .as_ref()
                .map(|a| a.exemptions.clone())
                .unwrap_or_default();
            self.overlay = Some(Overlay::Exemptions(ExemptionPicker::new(
                p.request_id,
                p.question,
                chosen,
            )));
        }
    }

    pub fn edit_text(&mut self) {
        if let Some(p) = &self.answer {
            let text = p.answer.as_ref().map_or("", |a| a.text.as_str());
            self.overlay = Some(Overlay::Editor(Box::new(Editor::answer_text(
                p.request_id,
                p.question,
                text,
            ))));
        }
    }

    pub fn add_finding(&mut self) {
        self.finding_form(false);
    }

    pub fn edit_finding(&mut self) {
        self.finding_form(true);
    }

    /// Opens the finding form on the open answer: empty, or on the selected finding.
    fn finding_form(&mut self, edit: bool) {
        let tags = self.tag_names();
        let Some(p) = &self.answer else {
            return;
        };
        let finding = if edit {
            match p.selected_finding() {
                Some(f) => Some(f.clone()),
                None => {
                    self.say("no finding selected: + adds one", true);
                    return;
                }
            }
        } else {
            None
        };
        let text = p.answer.as_ref().map_or("", |a| a.text.as_str());
        let form = FindingForm::new(p.request_id, p.question, finding.as_ref(), text, tags);
        self.overlay = Some(Overlay::Finding(Box::new(form)));
    }

    pub fn delete_finding(&mut self) -> anyhow::Result<()> {
        let Some(f) = self.answer.as_ref().and_then(|p| p.selected_finding()) else {
            self.say("no finding selected", true);
            return Ok(());
        };
        let id = f.id;
        self.commit(|store, _| store.remove_finding(id))?;
        self.say(format!("deleted finding {id} (u undoes)"), false);
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
}
