//! The codebook: the tag tree with findings counted per question, and the selected tag's
//! findings with their quotes and bodies; the screen's state, its keys and its drawing.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, List, ListItem, ListState, Row, Table, TableState};
use ratatui::Frame;

use crate::text;
use crate::tui::app::App;
use crate::tui::view::Theme;

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::app::Prompt;
use crate::tui::keymap::{self, Binding};

use std::collections::HashMap;

use crate::model::{Finding, Tag};
use crate::store::TagUse;

/// The codebook: the tag tree with counts per question, and a tag's findings.
pub struct Codebook;

impl Screen for Codebook {
    fn view(&self) -> View {
        View::Codebook
    }

    fn name(&self) -> &'static str {
        "codebook"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::CODEBOOK, keymap::BROWSE]
    }

    fn load(&self, app: &mut App) -> anyhow::Result<()> {
        app.load_browse()
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        if let Some(delta) = movement(action) {
            app.codebook.step(delta);
            return Ok(true);
        }
        match action {
            Action::Open => app.open_from_browse()?,
            Action::Back => app.back_from_browse(),
            Action::SwitchFocus => app.switch_focus()?,
            Action::NewTag => app.ask(Prompt::NewTag, String::new()),
            Action::RenameTag => {
                if let Some(t) = app.codebook.selected() {
                    let name = t.name.clone();
                    app.ask(Prompt::RenameTag(name.clone()), name);
                }
            }
            Action::MergeTag => {
                if let Some(t) = app.codebook.selected() {
                    let name = t.name.clone();
                    app.ask(Prompt::MergeTag(name), String::new());
                }
            }
            Action::RetireTag => app.retire_tag()?,
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
    let cb = &app.codebook;
    let n = app.questions_count();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);

    // The tree: a header line where the first level changes, each tag indented under it.
    let mut rows = Vec::new();
    let mut selected_line = None;
    let mut group = String::new();
    for t in &cb.tags {
        let (parent, leaf) = t.name.rsplit_once('/').unwrap_or(("", t.name.as_str()));
        if !parent.is_empty() && parent != group {
            let ids: Vec<i64> = cb
                .tags
                .iter()
                .filter(|x| x.name.starts_with(&format!("{parent}/")))
                .map(|x| x.id)
                .collect();
            let mut cells = vec![Cell::from(format!("{}/", text::line(parent)))
                .style(Style::default().add_modifier(Modifier::BOLD))];
            for q in 1..=n {
                let s: u32 = ids.iter().map(|id| cb.count(*id, q)).sum();
                cells.push(Cell::from(count(s)));
            }
            let total: u32 = ids.iter().map(|id| cb.total(*id)).sum();
            cells.push(Cell::from(count(total)));
            rows.push(Row::new(cells).style(theme.fg(Color::DarkGray)));
        }
        group = parent.to_string();
        if cb.tag == Some(t.id) {
            selected_line = Some(rows.len());
        }
        let indent = if parent.is_empty() { "" } else { "  " };
        let name = format!(
            "{indent}{}{}",
            text::line(leaf),
            if t.retired { " (retired)" } else { "" }
        );
        let mut cells = vec![Cell::from(name)];
        for q in 1..=n {
            cells.push(Cell::from(count(cb.count(t.id, q))));
        }
        cells.push(
            Cell::from(count(cb.total(t.id))).style(Style::default().add_modifier(Modifier::BOLD)),
        );
        let style = if t.retired {
            theme.fg(Color::DarkGray)
        } else {
            Style::default()
        };
        rows.push(Row::new(cells).style(style));
    }
    let mut header = vec![Cell::from("tag")];
    header.extend((1..=n).map(|q| Cell::from(format!("Q{q}"))));
    header.push(Cell::from("all"));
    let mut widths = vec![Constraint::Min(18)];
    widths.extend((1..=n + 1).map(|_| Constraint::Length(4)));
    let mut state = TableState::default();
    state.select(selected_line);
    let focus_style = |f: Focus| {
        if cb.focus == f {
            theme.fg(Color::Cyan)
        } else {
            Style::default()
        }
    };
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(Style::default().add_modifier(Modifier::BOLD)))
            .row_highlight_style(theme.selected())
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(focus_style(Focus::Tags))
                    .title(" codebook: findings per question (Enter lists them) "),
            ),
        left,
        &mut state,
    );

    let title = cb.selected().map_or(" findings ".to_string(), |t| {
        format!(" {} — {} ", text::line(&t.name), text::line(&t.meaning))
    });
    let items: Vec<ListItem> = if cb.focus == Focus::Findings {
        cb.findings
            .iter()
            .map(|f| {
                let mut lines = vec![Line::from(vec![
                    Span::styled(
                        format!("{} ", text::line(&f.ods_code)),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(format!("{} · Q{}", text::line(&f.body), f.question)),
                ])];
                if !f.quote.is_empty() {
                    lines.push(Line::raw(format!("  “{}”", text::line(&f.quote))));
                }
                if !f.note.is_empty() {
                    lines.push(Line::from(Span::styled(
                        format!("  {}", text::line(&f.note)),
                        theme.fg(Color::DarkGray),
                    )));
                }
                ListItem::new(lines)
            })
            .collect()
    } else {
        vec![ListItem::new(
            "Enter or Tab lists this tag's findings; + new tag, R rename, M merge, X retire",
        )]
    };
    let mut list_state = ListState::default();
    if cb.focus == Focus::Findings && !cb.findings.is_empty() {
        list_state.select(Some(cb.finding));
    }
    frame.render_stateful_widget(
        List::new(items).highlight_symbol("▶ ").block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(focus_style(Focus::Findings))
                .title(title),
        ),
        right,
        &mut list_state,
    );
}

fn count(n: u32) -> String {
    if n == 0 {
        "·".into()
    } else {
        n.to_string()
    }
}

/// Which list of the codebook has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Tags,
    Findings,
}

#[derive(Debug, Clone, Default)]
pub struct CodebookState {
    pub tags: Vec<Tag>,
    /// Findings per (tag id, question) in the current campaign.
    pub uses: HashMap<(i64, u32), u32>,
    /// The selected tag, by id.
    pub tag: Option<i64>,
    pub focus: Focus,
    /// The selected tag's findings (and those of the levels under it).
    pub findings: Vec<Finding>,
    pub finding: usize,
}

impl CodebookState {
    pub fn load(&mut self, tags: Vec<Tag>, uses: Vec<TagUse>) {
        self.tags = tags;
        self.uses = uses
            .into_iter()
            .map(|u| ((u.tag_id, u.question), u.findings))
            .collect();
        if self
            .tag
            .is_none_or(|t| !self.tags.iter().any(|x| x.id == t))
        {
            self.tag = self.tags.first().map(|t| t.id);
        }
    }

    pub fn selected(&self) -> Option<&Tag> {
        let id = self.tag?;
        self.tags.iter().find(|t| t.id == id)
    }

    pub fn count(&self, tag_id: i64, q: u32) -> u32 {
        self.uses.get(&(tag_id, q)).copied().unwrap_or(0)
    }

    pub fn total(&self, tag_id: i64) -> u32 {
        self.uses
            .iter()
            .filter(|((t, _), _)| *t == tag_id)
            .map(|(_, n)| n)
            .sum()
    }

    /// Moves the cursor in the focused list.
    pub fn step(&mut self, delta: i64) {
        match self.focus {
            Focus::Tags => {
                if self.tags.is_empty() {
                    return;
                }
                let pos = self
                    .tag
                    .and_then(|id| self.tags.iter().position(|t| t.id == id))
                    .unwrap_or(0) as i64;
                let next = (pos + delta).clamp(0, self.tags.len() as i64 - 1) as usize;
                self.tag = Some(self.tags[next].id);
                self.findings.clear();
                self.finding = 0;
            }
            Focus::Findings => {
                let n = self.findings.len() as i64;
                if n > 0 {
                    self.finding = (self.finding as i64 + delta).clamp(0, n - 1) as usize;
                }
            }
        }
    }
}

impl App {
    pub(in crate::tui) fn switch_focus(&mut self) -> anyhow::Result<()> {
        self.codebook.focus = match self.codebook.focus {
            Focus::Tags => {
                self.load_tag_findings()?;
                Focus::Findings
            }
            Focus::Findings => Focus::Tags,
        };
        Ok(())
    }
    pub(in crate::tui) fn load_tag_findings(&mut self) -> anyhow::Result<()> {
        let Some(tag) = self.codebook.selected().map(|t| t.name.clone()) else {
            return Ok(());
        };
        self.codebook.findings = self.store.findings(&crate::store::FindingFilter {
            campaign_id: self.current_campaign().map(|c| c.id),
            tag: Some(tag),
            ..crate::store::FindingFilter::default()
        })?;
        let n = self.codebook.findings.len();
        self.codebook.finding = self.codebook.finding.min(n.saturating_sub(1));
        Ok(())
    }
    pub(in crate::tui) fn retire_tag(&mut self) -> anyhow::Result<()> {
        let Some(t) = self.codebook.selected().cloned() else {
            return Ok(());
        };
        self.commit(|s, _| s.retire_tag(&t.name, !t.retired))?;
        self.say(
            if t.retired {
                format!("{} is back in use", t.name)
            } else {
                format!(
                    "{} retired: kept on its findings, no longer offered (X again brings it back)",
                    t.name
                )
            },
            false,
        );
        Ok(())
    }
}
