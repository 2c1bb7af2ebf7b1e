//! Search results: where each hit is (body, question, answer or finding) and the passage,
//! with the matched words highlighted. `/` searches from here, the matrix and the codebook.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};
use ratatui::Frame;

use crate::store::{Hit, HitKind};
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::keymap::bind;
use crate::tui::keymap::{Binding, BROWSE};
use crate::tui::prompt::Prompt;
use crate::tui::screen::{movement, Screen};
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

/// Search results.
#[rustfmt::skip]
const SEARCH: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "open the answer", true),
];

/// How many hits the board shows for one search.
pub const SEARCH_LIMIT: usize = 200;

/// Search results across the campaign's answers, notes and quotes.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    pub cursor: usize,
}

impl Search {
    /// The search prompt, on the last query (selected, so typing replaces it).
    pub fn ask(&self) -> Effect {
        Effect::Ask(Prompt::Search, self.query.clone())
    }

    fn run(&mut self, sh: &mut Shared, text: &str) -> anyhow::Result<()> {
        let cid = sh.current_campaign().map(|c| c.id);
        self.query = text.trim().to_string();
        self.hits = sh.store.search(text, cid, SEARCH_LIMIT)?;
        self.cursor = 0;
        let n = self.hits.len();
        sh.say(
            match n {
                0 => format!("nothing found for '{}'", self.query),
                SEARCH_LIMIT => format!("the best {n} results: add words to narrow"),
                _ => format!("{n} result(s)"),
            },
            false,
        );
        Ok(())
    }

    fn draw_search(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let s = self;
        let items: Vec<ListItem> = s
            .hits
            .iter()
            .map(|h| {
                let what = match (h.kind, h.finding_id) {
                    (HitKind::Finding, Some(id)) => format!("finding {id}"),
                    (HitKind::Message, _) => format!("reply #{}", h.message_id.unwrap_or_default()),
                    _ => "answer".into(),
                };
                let head = Line::from(vec![
                    Span::styled(
                        format!("{} ", text::line(&h.ods_code)),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(if h.kind == HitKind::Message {
                        format!("{} · {what}", text::line(&h.body))
                    } else {
                        format!("{} · Q{} · {what}", text::line(&h.body), h.question)
                    }),
                ]);
                let mut passage = vec![Span::raw("    ")];
                for (part, matched) in h.parts() {
                    let style = if matched {
                        theme.fg(Color::Yellow).add_modifier(Modifier::BOLD)
                    } else {
                        Style::default()
                    };
                    passage.push(Span::styled(text::line(part), style));
                }
                ListItem::new(vec![head, Line::from(passage)])
            })
            .collect();
        let mut state = ListState::default();
        state.select((!s.hits.is_empty()).then_some(s.cursor));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_symbol("▶ ")
                .highlight_style(Style::default().add_modifier(Modifier::BOLD))
                .block(Block::default().borders(Borders::ALL).title(format!(
                    " search: {} ({} result(s); Enter opens, / searches again) ",
                    text::line(&s.query),
                    s.hits.len()
                ))),
            area,
            &mut state,
        );
    }
}

impl Screen for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[SEARCH, BROWSE]
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        if let Some(delta) = movement(action) {
            let n = self.hits.len() as i64;
            if n > 0 {
                self.cursor = (self.cursor as i64 + delta).clamp(0, n - 1) as usize;
            }
            return Ok(Effect::Done);
        }
        Ok(match action {
            Action::Open => match self.hits.get(self.cursor) {
                // A reply: its request, where the correspondence lists it.
                Some(h) if h.kind == HitKind::Message => Effect::OpenRequest {
                    request: h.request_id,
                    question: 1,
                },
                Some(h) if sh.rows.iter().any(|r| r.request.id == h.request_id) => {
                    Effect::OpenAnswer {
                        request: h.request_id,
                        question: h.question,
                        from: View::Search,
                        queue: false,
                    }
                }
                _ => Effect::Done,
            },
            Action::Back => Effect::Lists,
            Action::Search => self.ask(),
            _ => Effect::Pass,
        })
    }

    /// A search submitted here, from the matrix or from the codebook: its results show here.
    fn on_prompt(
        &mut self,
        sh: &mut Shared,
        prompt: &Prompt,
        text: &str,
    ) -> anyhow::Result<Effect> {
        if *prompt != Prompt::Search {
            return Ok(Effect::Pass);
        }
        self.run(sh, text)?;
        Ok(Effect::Enter(View::Search))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _sh: &Shared, theme: Theme) {
        self.draw_search(frame, area, theme)
    }
}
