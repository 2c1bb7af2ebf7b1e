//! One answer open for triage: the question word for word, a strip of every question's
//! outcome, the outcome and exemptions, the letter's text (scrolling) and the findings on it.
//! Setting an outcome moves to the next question in the same key press, so a seven-question
//! response takes seven keys plus the reading.

mod draw;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::Frame;

use crate::model::{Answer as AnswerRecord, Finding, Outcome, Question};
use crate::store::{AnswerEdit, FindingFilter, Proposal};
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::keymap::{bind, Binding};
use crate::tui::screen::{movement, Screen};
use crate::tui::shared::{refuse, Shared};
use crate::tui::theme::Theme;
use crate::tui::windows::editor::Editor;
use crate::tui::windows::exemptions::ExemptionPicker;
use crate::tui::windows::finding::FindingForm;
use crate::tui::windows::Window;

use KeyCode::Char as C;

/// One answer: outcome, exemptions, text and findings.
#[rustfmt::skip]
pub const ANSWER: &[Binding] = &[
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous question", false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next question", false),
    bind(&[C('a')], "a", Action::SetOutcome(Outcome::Answered), "outcome: answered, then next question", true),
    bind(&[C('p')], "p", Action::SetOutcome(Outcome::Partial), "outcome: partially answered, then next question", false),
    bind(&[C('r')], "r", Action::SetOutcome(Outcome::Refused), "outcome: refused, then next question", true),
    bind(&[C('n')], "n", Action::SetOutcome(Outcome::NotHeld), "outcome: information not held, then next question", false),
    bind(&[C('N')], "N", Action::SetOutcome(Outcome::Ncnd), "outcome: neither confirm nor deny, then next question", false),
    bind(&[C('e')], "e", Action::SetOutcome(Outcome::Elsewhere), "outcome: accessible elsewhere (s.21), then next question", false),
    bind(&[C('f')], "f", Action::SetOutcome(Outcome::FuturePublication), "outcome: future publication (s.22), then next question", false),
    bind(&[C('c')], "c", Action::SetOutcome(Outcome::CostLimit), "outcome: cost limit (s.12), then next question", false),
    bind(&[C('v')], "v", Action::SetOutcome(Outcome::Vexatious), "outcome: vexatious/repeated (s.14), then next question", false),
    bind(&[C('x')], "x", Action::SetOutcome(Outcome::NotAnswered), "outcome: not answered, then next question", false),
    bind(&[C('C')], "C", Action::SetOutcome(Outcome::ClarificationSought), "outcome: clarification sought, then next question", false),
    bind(&[C('y')], "y", Action::AcceptProposal, "accept what the reply proposes, then next", false),
    bind(&[C('E')], "E", Action::PickExemptions, "exemptions cited", true),
    bind(&[C('t')], "t", Action::EditText, "edit the answer text", true),
    bind(&[C('+')], "+", Action::AddFinding, "add a finding", true),
    bind(&[KeyCode::Enter], "Enter", Action::Open, "edit the selected finding", false),
    bind(&[C('d'), KeyCode::Delete], "d", Action::DeleteFinding, "delete the selected finding (u undoes)", false),
];

/// The key that sets an outcome in the answer screen.
pub fn outcome_key(o: Outcome) -> Option<&'static str> {
    ANSWER
        .iter()
        .find(|b| b.action == Action::SetOutcome(o))
        .map(|b| b.label)
}

/// An outcome's glyph: the key that sets it here (so the matrix reads in the same letters the
/// user types), or "…" for a text still to triage.
pub fn glyph(o: Outcome) -> &'static str {
    outcome_key(o).unwrap_or("…")
}

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
    pub answer: Option<AnswerRecord>,
    /// Every answer of the request, for the strip of outcomes.
    pub all: Vec<AnswerRecord>,
    pub findings: Vec<Finding>,
    /// What the reply proposes for this question, not yet decided.
    pub proposal: Option<Proposal>,
    /// Opened from the triage queue: deciding moves on to the next answer waiting.
    pub queue: bool,
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

/// The answer screen: one answer open for triage, or nothing.
#[derive(Debug, Default)]
pub struct Answer {
    pub pane: Option<AnswerPane>,
    /// This session's decisions on proposals: taken as proposed, and changed.
    pub accepted: u32,
    pub changed: u32,
}

impl Answer {
    /// Opens question `question` of request `request_id`, coming from `from`.
    pub fn open(
        &mut self,
        sh: &Shared,
        request_id: i64,
        question: u32,
        from: View,
        queue: bool,
    ) -> anyhow::Result<()> {
        self.pane = Some(AnswerPane {
            request_id,
            question,
            scroll: 0,
            finding: 0,
            from,
            questions: sh.questions.clone(),
            answer: None,
            all: Vec::new(),
            findings: Vec::new(),
            proposal: None,
            queue,
        });
        Ok(())
    }

    /// Moves to question `n` of the same request.
    fn goto_question(&mut self, sh: &mut Shared, n: u32) -> anyhow::Result<()> {
        if let Some(p) = &mut self.pane {
            let n = n.clamp(1, p.last_question());
            if n != p.question {
                p.question = n;
                p.scroll = 0;
                p.finding = 0;
            }
        }
        self.load(sh)
    }

    /// Records `outcome` for the open question (with `exemptions` when given, else keeping
    /// them) and its text, then moves on: to the next question, or in the triage queue to the
    /// next answer waiting.
    fn set_outcome(
        &mut self,
        sh: &mut Shared,
        outcome: Outcome,
        exemptions: Option<&[String]>,
    ) -> anyhow::Result<()> {
        let Some(p) = &self.pane else {
            return Ok(());
        };
        let (request_id, q, last, queue) = (p.request_id, p.question, p.last_question(), p.queue);
        // Against what the reply proposed: taken as it was, or changed.
        let tally = match &p.proposal {
            Some(pr) if pr.outcome == outcome && exemptions.is_none_or(|e| e == pr.exemptions) => {
                self.accepted += 1;
                true
            }
            Some(_) => {
                self.changed += 1;
                true
            }
            None => false,
        };
        sh.commit(|store, _| {
            store.edit_answer(
                request_id,
                q,
                &AnswerEdit {
                    outcome: Some(outcome),
                    exemptions,
                    ..AnswerEdit::default()
                },
            )
        })?;
        let tally = if tally || self.accepted + self.changed > 0 {
            format!(" · {} accepted · {} changed", self.accepted, self.changed)
        } else {
            String::new()
        };
        let said = format!("Q{q}: {}", outcome.label());
        if queue {
            return self.next_waiting(sh, request_id, q, &said, &tally);
        }
        if q < last {
            self.goto_question(sh, q + 1)?;
            sh.say(format!("{said} · now Q{}{tally}", q + 1), false);
        } else {
            self.load(sh)?;
            sh.say(
                format!("{said} · that was the last question (Esc returns){tally}"),
                false,
            );
        }
        Ok(())
    }

    /// In the triage queue: the next answer waiting after question `q` of `request`, body by
    /// body, question by question.
    fn next_waiting(
        &mut self,
        sh: &mut Shared,
        request: i64,
        q: u32,
        said: &str,
        tally: &str,
    ) -> anyhow::Result<()> {
        let Some(cid) = sh.current_campaign().map(|c| c.id) else {
            return Ok(());
        };
        // The decided answer has left the queue; what comes after it is the next question of
        // this request still waiting, else the first waiting of a body after this one.
        let waiting = sh.store.waiting(cid)?;
        let place = |id: i64| sh.rows.iter().position(|r| r.request.id == id);
        let here = place(request);
        let after = waiting
            .iter()
            .find(|w| w.0 == request && w.1 > q)
            .or_else(|| waiting.iter().find(|w| w.0 != request && place(w.0) > here))
            .or_else(|| waiting.first())
            .copied();
        match after {
            Some((next_request, next_q)) => {
                if next_request != request {
                    let from = self.pane.as_ref().map_or(View::Board, |p| p.from);
                    sh.selected = Some(next_request);
                    self.open(sh, next_request, next_q, from, true)?;
                    self.load(sh)?;
                } else {
                    self.goto_question(sh, next_q)?;
                }
                let body = sh
                    .rows
                    .iter()
                    .find(|r| r.request.id == next_request)
                    .map_or(String::new(), |r| {
                        crate::text::line(&r.request.body.short_name)
                    });
                sh.say(
                    format!(
                        "{said} · now {body} Q{next_q} · {} waiting{tally}",
                        waiting.len()
                    ),
                    false,
                );
            }
            None => {
                self.load(sh)?;
                sh.say(
                    format!("{said} · nothing else waiting: the queue is done{tally}"),
                    false,
                );
            }
        }
        Ok(())
    }

    /// The finding form on the open answer: empty, or on the selected finding.
    fn finding_form(&self, sh: &Shared, edit: bool) -> anyhow::Result<Effect> {
        let Some(p) = &self.pane else {
            return Ok(Effect::Done);
        };
        let finding = match (edit, p.selected_finding()) {
            (false, _) => None,
            (true, Some(f)) => Some(f),
            (true, None) => return refuse("no finding selected: + adds one"),
        };
        let text = p.answer.as_ref().map_or("", |a| a.text.as_str());
        let form = FindingForm::new(p.request_id, p.question, finding, text, sh.tag_names());
        Ok(Effect::Open(Window::Finding(Box::new(form))))
    }
}

impl Screen for Answer {
    fn name(&self) -> &'static str {
        "answer"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[ANSWER]
    }

    /// Reads the open answer, its request's other answers and its findings again.
    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        let Some(p) = &mut self.pane else {
            return Ok(());
        };
        let all = sh.store.answers(p.request_id)?;
        let findings = sh.store.findings(&FindingFilter {
            request_id: Some(p.request_id),
            question: Some(p.question),
            ..FindingFilter::default()
        })?;
        p.finding = p.finding.min(findings.len().saturating_sub(1));
        p.proposal = sh
            .store
            .proposals(p.request_id)?
            .into_iter()
            .find(|pr| pr.question == p.question);
        p.answer = all.iter().find(|a| a.question == p.question).cloned();
        p.all = all;
        p.findings = findings;
        Ok(())
    }

    fn leave(&mut self) {
        self.pane = None;
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        if let Some(delta) = movement(action) {
            if let Some(p) = &mut self.pane {
                if delta.abs() >= 10 {
                    // Page through the letter.
                    let by = delta.clamp(-10_000, 10_000);
                    p.scroll = (p.scroll as i64 + by).clamp(0, u16::MAX as i64) as u16;
                } else {
                    let n = p.findings.len() as i64;
                    if n > 0 {
                        p.finding = (p.finding as i64 + delta).clamp(0, n - 1) as usize;
                    }
                }
            }
            return Ok(Effect::Done);
        }
        let Some(p) = &self.pane else {
            return Ok(Effect::Pass);
        };
        let (request, question) = (p.request_id, p.question);
        match action {
            Action::Left | Action::Right => {
                let next = if action == Action::Left {
                    question.saturating_sub(1).max(1)
                } else {
                    question + 1
                };
                self.goto_question(sh, next)?;
            }
            Action::Open => return self.finding_form(sh, true),
            Action::AddFinding => return self.finding_form(sh, false),
            // Back where the answer was opened from: the request's detail on this question.
            Action::Back => {
                return Ok(match p.from {
                    View::Detail => Effect::OpenRequest { request, question },
                    from => Effect::Enter(from),
                })
            }
            Action::SetOutcome(o) => self.set_outcome(sh, o, None)?,
            Action::AcceptProposal => match p.proposal.clone() {
                Some(pr) => self.set_outcome(sh, pr.outcome, Some(&pr.exemptions))?,
                None => {
                    sh.say(
                        "nothing proposed for this question (`foiboard answer suggest CAMPAIGN/all` reads the replies)",
                        true,
                    );
                }
            },
            Action::PickExemptions => {
                let chosen = p
                    .answer
                    .as_ref()
                    .map(|a| a.exemptions.clone())
                    .unwrap_or_default();
                return Ok(Effect::Open(Window::Exemptions(ExemptionPicker::new(
                    request, question, chosen,
                ))));
            }
            Action::EditText => {
                let text = p.answer.as_ref().map_or("", |a| a.text.as_str());
                return Ok(Effect::Open(Window::Editor(Box::new(Editor::answer_text(
                    request, question, text,
                )))));
            }
            Action::DeleteFinding => {
                let Some(id) = p.selected_finding().map(|f| f.id) else {
                    return refuse("no finding selected");
                };
                sh.commit(|store, _| store.remove_finding(id))?;
                sh.say(format!("deleted finding {id} (u undoes)"), false);
            }
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        self.draw_answer(frame, area, sh, theme)
    }
}
