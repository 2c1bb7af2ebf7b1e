//! The codebook: the tag tree with findings counted per question, and the selected tag's
//! findings with their quotes and bodies.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, List, ListItem, ListState, Row, Table, TableState};
use ratatui::Frame;

use crate::text;
use crate::tui::app::App;
use crate::tui::codebook::Focus;
use crate::tui::view::Theme;

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::app::Prompt;
use crate::tui::keymap::{self, Binding};

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
