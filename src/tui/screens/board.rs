//! The board: one column per stage, each scrolling by itself so the selection stays visible;
//! the columns that do not fit a narrow terminal are counted in the strip above them.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::lists::{
    clock_label, ensure, filter_submitted, filter_typed, list_action, no_requests_yet,
};
use crate::law::Status;
use crate::store::RequestSummary;
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, View};
use crate::tui::keymap::{bind, Binding, LISTS, REQUESTS};
use crate::tui::prompt::Prompt;
use crate::tui::screen::Screen;
use crate::tui::shared::Shared;
use crate::tui::stage::Stage;
use crate::tui::theme::{fit, Theme};

use KeyCode::Char as C;

/// The board's columns.
#[rustfmt::skip]
const COLUMNS: &[Binding] = &[
    bind(&[KeyCode::Left, C('h')], "←/h", Action::Left, "previous column", false),
    bind(&[KeyCode::Right, C('l')], "→/l", Action::Right, "next column", false),
];

/// The narrowest a column may be; a narrower terminal shows fewer columns around the focused one.
const MIN_COLUMN: u16 = 18;

/// The board: requests as cards in a column per stage.
#[derive(Debug, Default)]
pub struct Board {
    /// The focused column, as an index into [`Stage::ALL`].
    pub column: usize,
}

impl Board {
    /// The requests the filter leaves, split into the board's columns, most urgent first in
    /// each: one pass over the rows.
    pub fn columns<'a>(&self, sh: &'a Shared) -> Vec<Vec<&'a RequestSummary>> {
        let mut cols: Vec<Vec<&RequestSummary>> = Stage::ALL.iter().map(|_| Vec::new()).collect();
        for r in sh.shown() {
            let i = Stage::ALL
                .iter()
                .position(|s| *s == Stage::of(r))
                .unwrap_or(0);
            cols[i].push(r);
        }
        for c in &mut cols {
            c.sort_by(|a, b| {
                let key = |r: &RequestSummary| r.working_days_left.unwrap_or(i64::MAX);
                key(a)
                    .cmp(&key(b))
                    .then_with(|| a.request.body.name.cmp(&b.request.body.name))
            });
        }
        cols
    }

    /// The requests of one column, in the board's order.
    pub fn column_rows<'a>(&self, sh: &'a Shared, stage: Stage) -> Vec<&'a RequestSummary> {
        let i = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.columns(sh).swap_remove(i)
    }

    /// The list the cursor moves in: the focused column.
    fn cursor_list(&self, sh: &Shared) -> Vec<i64> {
        self.column_rows(sh, Stage::ALL[self.column])
            .iter()
            .map(|r| r.request.id)
            .collect()
    }

    fn ensure(&self, sh: &mut Shared) {
        let list = self.cursor_list(sh);
        ensure(sh, &list);
    }

    fn draw_board(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        if sh.rows.is_empty() {
            no_requests_yet(frame, area, sh);
            return;
        }
        let [strip, area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(2)]).areas(area);
        let n = Stage::ALL.len();
        let shown = ((area.width / MIN_COLUMN) as usize).clamp(1, n);
        let first = self.column.saturating_sub(shown - 1).min(n - shown);
        let columns = self.columns(sh);
        // Every stage's count, the shown ones bracketed, the focused one highlighted.
        // Full titles when they fit on the line, short ones when they do not.
        let full: usize = Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, st)| st.title().chars().count() + columns[i].len().to_string().len() + 4)
            .sum();
        let short = full > strip.width as usize;
        let spans: Vec<Span> = Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, st)| {
                let title = if short { st.short() } else { st.title() };
                let label = format!(" {} {} ", title, columns[i].len());
                let label = if (first..first + shown).contains(&i) {
                    format!("[{}]", label.trim())
                } else {
                    label
                };
                if i == self.column {
                    Span::styled(format!("{label} "), theme.selected())
                } else {
                    Span::raw(format!("{label} "))
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(Line::from(spans)), strip);
        let cols =
            Layout::horizontal((0..shown).map(|_| Constraint::Ratio(1, shown as u32))).split(area);
        for (slot, (i, stage)) in Stage::ALL
            .iter()
            .enumerate()
            .skip(first)
            .take(shown)
            .enumerate()
        {
            let area_i = cols[slot];
            let rows = &columns[i];
            let focused = i == self.column;
            let title = format!("{} {}", stage.title(), rows.len());
            let mut block = Block::default().borders(Borders::ALL).title(title);
            if focused {
                block = block.border_style(theme.fg(Color::Cyan).add_modifier(Modifier::BOLD));
            }
            let inner = block.inner(area_i);
            frame.render_widget(block, area_i);
            // Each card is two lines: name, then ODS code and clock.
            let per_page = (inner.height / 2).max(1) as usize;
            let sel = rows
                .iter()
                .position(|r| Some(r.request.id) == sh.selected && focused);
            let first = sel.map_or(0, |s| s.saturating_sub(per_page - 1));
            let width = inner.width as usize;
            let mut lines: Vec<Line> = Vec::new();
            for r in rows.iter().skip(first).take(per_page) {
                let mark = if sh.marks.contains(&r.request.id) {
                    "*"
                } else {
                    ""
                };
                let is_sel = Some(r.request.id) == sh.selected && focused;
                let name_style = if is_sel {
                    theme.selected()
                } else {
                    Default::default()
                };
                let ods = format!("{mark}{} ", text::line(&r.request.body.ods_code));
                let name = fit(
                    &text::line(&r.request.body.short_name),
                    width.saturating_sub(ods.chars().count()),
                );
                lines.push(Line::from(vec![
                    Span::styled(ods, name_style.patch(theme.fg(Color::DarkGray))),
                    Span::styled(name, name_style),
                ]));
                let clock = match r.status {
                    _ if r.problem.is_some() => "! cannot count: see detail".to_string(),
                    Status::Responded => {
                        let timing = match r.report.responded_days_late {
                            Some(0) | None => "on time".to_string(),
                            Some(n) => format!("{n} wd late"),
                        };
                        let (count, short) = if r.to_triage > 0 {
                            (
                                format!("{} to triage", r.to_triage),
                                format!("{} triage", r.to_triage),
                            )
                        } else {
                            let c = format!("{}/{}", r.answered, r.questions);
                            match r.review_to_consider {
                                Some(by) => (
                                    format!("{c} · review by {}", by.format("%-d %b")),
                                    format!("{c} review?"),
                                ),
                                None => (c.clone(), c),
                            }
                        };
                        // The count matters more than the timing: a narrow column
                        // keeps it whole and lets the timing go first.
                        let room = width.saturating_sub(2);
                        [
                            format!("{count} · {timing}"),
                            format!("{short} · {timing}"),
                            count,
                        ]
                        .into_iter()
                        .find(|c| c.chars().count() <= room)
                        .unwrap_or(short)
                    }
                    _ => {
                        let label = clock_label(r.working_days_left, r.status);
                        match r.last_chased {
                            // In a narrow column whether it was chased matters more than by how
                            // much it is late: the column says it is late.
                            Some(d) => {
                                let on = d.format("%-d %b");
                                [format!("{label} · chased {on}"), format!("chased {on}")]
                                    .into_iter()
                                    .find(|c| c.chars().count() <= width.saturating_sub(2))
                                    .unwrap_or(label)
                            }
                            None => label,
                        }
                    }
                };
                let urgency = theme.urgency(r.working_days_left, r.status == Status::LongOverdue);
                lines.push(Line::from(Span::styled(
                    fit(&format!("  {clock}"), width),
                    urgency,
                )));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

impl Screen for Board {
    fn name(&self) -> &'static str {
        "board"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[LISTS, COLUMNS, REQUESTS]
    }

    /// A selection gone with the campaign's reload (undone, another campaign) moves to the
    /// first request shown; one still there stays, even where it no longer shows.
    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        if sh.selected.is_none() {
            self.ensure(sh);
        }
        Ok(())
    }

    /// Shown again (from the table, a request, another screen): the column of the selected
    /// request, so the keys act on the card the user was on.
    fn enter(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        if let Some(r) = sh.selected_row() {
            let stage = Stage::of(r);
            self.column = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        }
        self.ensure(sh);
        Ok(())
    }

    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        let effect = match action {
            Action::Left | Action::Right => {
                // The ends are ends: Done is not next to Not sent.
                let last = Stage::ALL.len() - 1;
                self.column = if action == Action::Left {
                    self.column.saturating_sub(1)
                } else {
                    (self.column + 1).min(last)
                };
                sh.selected = None;
                Effect::Done
            }
            Action::ToggleView => Effect::Enter(View::Table),
            other => list_action(sh, &self.cursor_list(sh), other)?,
        };
        if !matches!(effect, Effect::Pass) {
            self.ensure(sh);
        }
        Ok(effect)
    }

    fn on_prompt(
        &mut self,
        sh: &mut Shared,
        prompt: &Prompt,
        text: &str,
    ) -> anyhow::Result<Effect> {
        let effect = filter_submitted(sh, prompt, text)?;
        self.ensure(sh);
        Ok(effect)
    }

    fn on_typing(&mut self, sh: &mut Shared, prompt: &Prompt, text: &str) {
        filter_typed(sh, prompt, text);
        self.ensure(sh);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme) {
        self.draw_board(frame, area, sh, theme)
    }
}
