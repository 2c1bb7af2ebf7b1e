//! The codebook: the tag tree with findings counted per question, and the selected tag's
//! findings with their quotes and bodies; tags are created, renamed, merged and retired here.

use std::collections::HashMap;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, List, ListItem, ListState, Row, Table, TableState};
use ratatui::Frame;

use crate::model::{Finding, Tag};
use crate::store::FindingFilter;
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::keymap::{bind, Binding, BROWSE};
use crate::tui::prompt::Prompt;
use crate::tui::screen::{movement, Screen};
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

use KeyCode::Char as C;

/// The codebook of tags.
#[rustfmt::skip]
const CODEBOOK: &[Binding] = &[
    bind(&[KeyCode::Enter], "Enter", Action::Open, "list the tag's findings / open the answer", true),
    bind(&[KeyCode::Tab], "Tab", Action::SwitchFocus, "between tags and findings", false),
    bind(&[C('+')], "+", Action::NewTag, "new tag", false),
    bind(&[C('R')], "R", Action::RenameTag, "rename the tag", false),
    bind(&[C('M')], "M", Action::MergeTag, "merge the tag into another", false),
    bind(&[C('X')], "X", Action::RetireTag, "retire the tag (or bring it back)", false),
];

/// Which list of the codebook has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Tags,
    Findings,
}

/// The codebook: the tag tree with counts per question, and a tag's findings.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
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

impl Codebook {
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

    fn switch_focus(&mut self, sh: &Shared) -> anyhow::Result<()> {
        self.focus = match self.focus {
            Focus::Tags => {
                self.load_tag_findings(sh)?;
                Focus::Findings
            }
            Focus::Findings => Focus::Tags,
        };
        Ok(())
    }

    fn load_tag_findings(&mut self, sh: &Shared) -> anyhow::Result<()> {
        let Some(tag) = self.selected().map(|t| t.name.clone()) else {
            return Ok(());
        };
        self.findings = sh.store.findings(&FindingFilter {
            campaign_id: sh.current_campaign().map(|c| c.id),
            tag: Some(tag),
            ..FindingFilter::default()
        })?;
        let n = self.findings.len();
        self.finding = self.finding.min(n.saturating_sub(1));
        Ok(())
    }

    fn retire_tag(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        let Some(t) = self.selected().cloned() else {
            return Ok(());
        };
        sh.commit(|s, _| s.retire_tag(&t.name, !t.retired))?;
        sh.say(
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

    fn draw_codebook(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        let cb = self;
        let n = sh.questions_count();
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);

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
                Cell::from(count(cb.total(t.id)))
                    .style(Style::default().add_modifier(Modifier::BOLD)),
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
}

impl Screen for Codebook {
    fn name(&self) -> &'static str {
        "codebook"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[CODEBOOK, BROWSE]
    }

    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        let Some(cid) = sh.current_campaign().map(|c| c.id) else {
            return Ok(());
        };
        self.tags = sh.store.tags()?;
        self.uses = sh
            .store
            .tag_uses(cid)?
            .into_iter()
            .map(|u| ((u.tag_id, u.question), u.findings))
            .collect();
        if self
            .tag
            .is_none_or(|t| !self.tags.iter().any(|x| x.id == t))
        {
            self.tag = self.tags.first().map(|t| t.id);
        }
        if self.focus == Focus::Findings {
            self.load_tag_findings(sh)?;
        }
        Ok(())
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        if let Some(delta) = movement(action) {
            self.step(delta);
            return Ok(Effect::Done);
        }
        match action {
            Action::Open if self.focus == Focus::Tags => self.switch_focus(sh)?,
            Action::Open => {
                if let Some(f) = self.findings.get(self.finding) {
                    if sh.rows.iter().any(|r| r.request.id == f.request_id) {
                        return Ok(Effect::OpenAnswer {
                            request: f.request_id,
                            question: f.question,
                            from: View::Codebook,
                            queue: false,
                        });
                    }
                }
            }
            Action::Back if self.focus == Focus::Findings => self.focus = Focus::Tags,
            Action::Back => return Ok(Effect::Lists),
            Action::SwitchFocus => self.switch_focus(sh)?,
            Action::NewTag => return Ok(Effect::Ask(Prompt::NewTag, String::new())),
            Action::RenameTag => {
                if let Some(t) = self.selected() {
                    let name = t.name.clone();
                    return Ok(Effect::Ask(Prompt::RenameTag(name.clone()), name));
                }
            }
            Action::MergeTag => {
                if let Some(t) = self.selected() {
                    return Ok(Effect::Ask(Prompt::MergeTag(t.name.clone()), String::new()));
                }
            }
            Action::RetireTag => self.retire_tag(sh)?,
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn on_prompt(
        &mut self,
        sh: &mut Shared,
        prompt: &Prompt,
        text: &str,
    ) -> anyhow::Result<Effect> {
        match prompt {
            Prompt::NewTag => {
                sh.commit(|s, _| s.add_tag(text, "", ""))?;
                sh.say(format!("tag '{}' added", text.trim()), false);
            }
            Prompt::RenameTag(old) => {
                let n = sh.commit(|s, _| s.rename_tag(old, text))?;
                sh.say(
                    format!("renamed {old} to {} ({n} tag(s); u undoes)", text.trim()),
                    false,
                );
            }
            Prompt::MergeTag(from) => {
                let n = sh.commit(|s, _| s.merge_tags(from, text))?;
                sh.say(
                    format!(
                        "merged {from} into {} ({n} finding(s) moved; u undoes)",
                        text.trim()
                    ),
                    false,
                );
            }
            _ => return Ok(Effect::Pass),
        }
        Ok(Effect::Done)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        self.draw_codebook(frame, area, sh, theme)
    }
}

fn count(n: u32) -> String {
    if n == 0 {
        "·".into()
    } else {
        n.to_string()
    }
}
