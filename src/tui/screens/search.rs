//! Search results: where each hit is (body, question, answer or finding) and the passage,
//! with the matched words highlighted.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};
use ratatui::Frame;

use crate::store::{Hit, HitKind};
use crate::text;
use crate::tui::app::App;
use crate::tui::view::Theme;

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::app::Prompt;
use crate::tui::keymap::{self, Binding};

/// Search results across the campaign's answers, notes and quotes.
pub struct Search;

impl Screen for Search {
    fn view(&self) -> View {
        View::Search
    }

    fn name(&self) -> &'static str {
        "search"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::SEARCH, keymap::BROWSE]
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        if let Some(delta) = movement(action) {
            let n = app.search.hits.len() as i64;
            if n > 0 {
                app.search.cursor = (app.search.cursor as i64 + delta).clamp(0, n - 1) as usize;
            }
            return Ok(true);
        }
        match action {
            Action::Open => app.open_from_browse()?,
            Action::Back => app.back_from_browse(),
            Action::Search => app.ask(Prompt::Search, app.search.query.clone()),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let s = &app.search;
    let items: Vec<ListItem> = s
        .hits
        .iter()
        .map(|h| {
            let what = match (h.kind, h.finding_id) {
                (HitKind::Finding, Some(id)) => format!("finding {id}"),
                _ => "answer".into(),
            };
            let head = Line::from(vec![
                Span::styled(
                    format!("{} ", text::line(&h.ods_code)),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(format!(
                    "{} · Q{} · {what}",
                    text::line(&h.body),
                    h.question
                )),
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

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub cursor: usize,
}

/// How many hits the board shows for one search.
pub const SEARCH_LIMIT: usize = 200;

impl App {
    pub(in crate::tui) fn run_search(&mut self, text: &str) -> anyhow::Result<()> {
        let cid = self.current_campaign().map(|c| c.id);
        self.search.query = text.trim().to_string();
        self.search.hits = self.store.search(text, cid, SEARCH_LIMIT)?;
        self.search.cursor = 0;
        self.view = View::Search;
        let n = self.search.hits.len();
        self.say(
            match n {
                0 => format!("nothing found for '{}'", self.search.query),
                SEARCH_LIMIT => format!("the best {n} results: add words to narrow"),
                _ => format!("{n} result(s)"),
            },
            false,
        );
        Ok(())
    }
}
