//! The board: one column per stage, each scrolling by itself so the selection stays visible.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::law::Status;
use crate::text;
use crate::tui::app::App;
use crate::tui::stage::Stage;
use crate::tui::view::Theme;

use super::{movement, Screen, View};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding};

/// The board: requests as cards in a column per stage.
pub struct Board;

impl Screen for Board {
    fn view(&self) -> View {
        View::Board
    }

    fn name(&self) -> &'static str {
        "board"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[keymap::LISTS, keymap::COLUMNS, keymap::REQUESTS]
    }

    fn on_action(&self, app: &mut App, action: Action) -> anyhow::Result<bool> {
        match action {
            Action::Left | Action::Right => {
                // The ends are ends: Done is not next to Not sent.
                let last = Stage::ALL.len() - 1;
                app.column = if action == Action::Left {
                    app.column.saturating_sub(1)
                } else {
                    (app.column + 1).min(last)
                };
                app.selected = None;
                app.ensure_selection();
                Ok(true)
            }
            other => list_action(app, other),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
        draw(frame, area, app, theme)
    }
}

/// What the board and the table both do: move, open, filter, mark, switch.
pub fn list_action(app: &mut App, action: Action) -> anyhow::Result<bool> {
    if let Some(d) = movement(action) {
        app.step(d);
        return Ok(true);
    }
    match action {
        Action::Open => {
            if app.selected.is_some() {
                app.enter(View::Detail)?;
                app.detail_question = 1;
            }
        }
        Action::Back => {
            if !app.filter.is_empty() {
                app.filter.clear();
                app.ensure_selection();
            } else {
                app.message = None;
            }
        }
        Action::ToggleView => app.toggle_list_view(),
        Action::Filter => app.ask(crate::tui::app::Prompt::Filter, app.filter.clone()),
        Action::ToggleMark => {
            if let Some(id) = app.selected {
                if !app.marks.remove(&id) {
                    app.marks.insert(id);
                }
                app.step(1);
            }
        }
        Action::MarkShown => {
            let shown: Vec<i64> = app.visible().iter().map(|r| r.request.id).collect();
            let what = if app.filter.trim().is_empty() {
                "every request".to_string()
            } else {
                format!(
                    "the requests '{}' shows",
                    crate::text::line(app.filter.trim())
                )
            };
            if !shown.is_empty() && shown.iter().all(|id| app.marks.contains(id)) {
                for id in &shown {
                    app.marks.remove(id);
                }
                app.say(format!("unmarked {} ({})", what, shown.len()), false);
            } else {
                app.marks.extend(shown.iter().copied());
                app.say(
                    format!(
                        "marked {what}: {} marked (an event key records on all of them; M clears)",
                        app.marks.len()
                    ),
                    false,
                );
            }
        }
        Action::ClearMarks => app.marks.clear(),
        _ => return Ok(false),
    }
    Ok(true)
}

/// "12 wd left", "due today", "3 wd late", "LONG 31 wd late" (text says what colour says).
pub fn clock_label(left: Option<i64>, status: Status) -> String {
    let base = crate::model::clock_words(left);
    match status {
        Status::LongOverdue => format!("LONG {base}"),
        Status::Clarification => "clarify".into(),
        Status::Fee => "fee owed".into(),
        _ if base.is_empty() => status.as_str().to_string(),
        _ => base,
    }
}

/// The narrowest a column may be; a narrower terminal shows fewer columns around the focused one.
const MIN_COLUMN: u16 = 18;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if app.rows.is_empty() {
        super::no_requests_yet(frame, area, app);
        return;
    }
    let [strip, area] = Layout::vertical([Constraint::Length(1), Constraint::Min(2)]).areas(area);
    let n = Stage::ALL.len();
    let shown = ((area.width / MIN_COLUMN) as usize).clamp(1, n);
    let first = app.column.saturating_sub(shown - 1).min(n - shown);
    let columns = app.columns();
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
            if i == app.column {
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
        let focused = i == app.column;
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
            .position(|r| Some(r.request.id) == app.selected && focused);
        let first = sel.map_or(0, |s| s.saturating_sub(per_page - 1));
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        for r in rows.iter().skip(first).take(per_page) {
            let mark = if app.marks.contains(&r.request.id) {
                "*"
            } else {
                ""
            };
            let is_sel = Some(r.request.id) == app.selected && focused;
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

/// Cuts `s` to `width` characters, marking the cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else if width == 0 {
        String::new()
    } else {
        let room: String = s.chars().take(width - 1).collect();
        // At the last word boundary when there is one in the second half, so a word is
        // never cut into something else ("late" into "lat"); else where the room ends.
        let ends_a_word = s.chars().nth(width - 1) == Some(' ');
        let cut = if ends_a_word {
            room.trim_end()
        } else {
            room.rfind(' ')
                .filter(|i| room[..*i].chars().count() * 2 >= width)
                .map_or(room.as_str(), |i| room[..i].trim_end())
        };
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn words_are_cut_at_their_ends_with_an_ellipsis() {
        assert_eq!(fit("LONG 23 wd late", 14), "LONG 23 wd…");
        assert_eq!(
            fit("Countess of Chester Hospital", 20),
            "Countess of Chester…"
        );
        assert_eq!(fit("Greater Manchester Mental Health", 14), "Greater…");
        // No boundary in the second half: cut where the room ends.
        assert_eq!(fit("Supercalifragilistic", 8), "Superca…");
        assert_eq!(fit("short", 14), "short");
    }
}
