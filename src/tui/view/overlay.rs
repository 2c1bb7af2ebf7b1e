//! The windows drawn over a screen: the text editor, the finding form, the exemption picker
//! and the choice between two versions of a text.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::text;
use crate::tui::app::App;
use crate::tui::overlay::{Completion, Field, Overlay};

/// A window: the whole of `area` (the screen between the header and the message line),
/// cleared. Nothing of the screen under it shows around its edges, so no line of a window
/// ever runs into another box's border or text.
fn window(frame: &mut Frame, area: Rect) -> Rect {
    frame.render_widget(Clear, area);
    area
}

pub(super) fn block(title: String, active: bool, theme: Theme) -> Block<'static> {
    let b = Block::default().borders(Borders::ALL).title(title);
    if active {
        b.border_style(theme.fg(Color::Cyan))
    } else {
        b
    }
}

/// A window's foot line while it asks something: the question itself is on the message line.
const ASKING: &str = "answer the question on the message line below";

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(o) = &app.overlay else {
        return;
    };
    let win = window(frame, area);
    match o {
        Overlay::Letter(d) => super::letter::draw_letter(frame, win, d, theme),
        Overlay::Message(m) => super::letter::draw_message(frame, win, m, theme),
        Overlay::Editor(e) => {
            let [edit, foot] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(win);
            let mut area = e.area.clone();
            area.set_block(block(
                format!(
                    " Q{} answer text · Ctrl-S saves · Esc closes{} ",
                    e.question,
                    if e.modified() { " · modified" } else { "" }
                ),
                true,
                theme,
            ));
            frame.render_widget(&area, edit);
            let hint = if e.confirm_discard {
                Span::styled(ASKING, theme.fg(Color::Yellow))
            } else {
                Span::raw("paste a letter in; arrows move, Ctrl-Z/Ctrl-Y undo and redo typing")
            };
            frame.render_widget(Paragraph::new(Line::from(hint)), foot);
        }
        Overlay::Finding(f) => {
            let completions = f.completions();
            let [note, tags, quote, foot] = Layout::vertical([
                Constraint::Min(4),
                Constraint::Length(3 + completions.len().min(9) as u16),
                Constraint::Length(3),
                Constraint::Length(1),
            ])
            .areas(win);
            let title = match f.id {
                Some(id) => format!(" finding {id} on Q{}: note ", f.question),
                None => format!(" new finding on Q{}: note ", f.question),
            };
            let mut area = f.note.clone();
            area.set_block(block(title, f.field == Field::Note, theme));
            if f.field != Field::Note {
                area.set_cursor_style(Style::default());
            }
            frame.render_widget(&area, note);

            let mut lines = vec![Line::from(vec![
                Span::styled(
                    f.tags
                        .iter()
                        .map(|t| format!("[{}] ", text::line(t)))
                        .collect::<String>(),
                    theme.fg(Color::Cyan),
                ),
                Span::raw(text::line(&f.tag_input)),
                Span::raw(if f.field == Field::Tags { "▏" } else { "" }),
            ])];
            for (i, c) in completions.iter().take(9).enumerate() {
                let label = match c {
                    Completion::Existing(t) => format!("  {}", text::line(t)),
                    Completion::Create(t) => format!("  + create tag '{}'", text::line(t)),
                };
                let style = if i == f.choice {
                    theme.selected()
                } else {
                    Style::default()
                };
                lines.push(Line::from(Span::styled(label, style)));
            }
            frame.render_widget(
                Paragraph::new(lines).block(block(
                    " tags: type, ↑/↓, Enter picks; Backspace removes the last ".into(),
                    f.field == Field::Tags,
                    theme,
                )),
                tags,
            );
            frame.render_widget(
                Paragraph::new(format!(
                    "{}{}",
                    text::line(&f.quote),
                    if f.field == Field::Quote { "▏" } else { "" }
                ))
                .block(block(
                    " quote (optional): type or paste; ↑/↓ offer the answer's sentences ".into(),
                    f.field == Field::Quote,
                    theme,
                )),
                quote,
            );
            let hint = if f.confirm_discard {
                Span::styled(ASKING, theme.fg(Color::Yellow))
            } else {
                Span::raw("Tab next field · Ctrl-S saves · Esc cancels")
            };
            frame.render_widget(Paragraph::new(Line::from(hint)), foot);
        }
        Overlay::Exemptions(p) => {
            let mut lines: Vec<Line> = p
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let mark = if p.chosen.contains(item) {
                        "[x]"
                    } else {
                        "[ ]"
                    };
                    let style = if i == p.cursor {
                        theme.selected()
                    } else {
                        Style::default()
                    };
                    let name = crate::model::exemption_name(item)
                        .map(|n| format!("  {n}"))
                        .unwrap_or_default();
                    Line::from(Span::styled(
                        format!(" {mark} {:<13}{name}", text::line(item)),
                        style,
                    ))
                })
                .collect();
            let other_style = if p.cursor >= p.items.len() {
                theme.selected()
            } else {
                Style::default()
            };
            lines.push(Line::from(Span::styled(
                format!(" other: {}▏", text::line(&p.other)),
                other_style,
            )));
            frame.render_widget(
                Paragraph::new(lines).block(block(
                    format!(
                        " Q{} exemptions · Space ticks · type another + Enter adds · Enter saves · Esc cancels ",
                        p.question
                    ),
                    true,
                    theme,
                )),
                win,
            );
        }
        Overlay::Split(sp) => {
            let [list, text_area] =
                Layout::horizontal([Constraint::Length(36), Constraint::Min(10)]).areas(win);
            let lines: Vec<Line> = sp
                .parts
                .iter()
                .enumerate()
                .map(|(i, (q, t, keep))| {
                    let first = text::line(t.lines().next().unwrap_or(""));
                    let mark = if *keep { "[x]" } else { "[ ]" };
                    let style = if i == sp.cursor {
                        theme.selected()
                    } else {
                        Style::default()
                    };
                    Line::from(Span::styled(format!(" {mark} Q{q}  {first}"), style))
                })
                .collect();
            frame.render_widget(
                Paragraph::new(lines).block(block(
                    format!(" answers for {} ", text::line(&sp.label)),
                    true,
                    theme,
                )),
                list,
            );
            let shown = sp
                .parts
                .get(sp.cursor)
                .map_or(String::new(), |p| text::block(&p.1));
            frame.render_widget(
                Paragraph::new(shown).wrap(Wrap { trim: false }).block(block(
                    " ↑/↓ choose · Space keeps or drops · Enter records the kept ones, to triage · Esc records nothing ".into(),
                    false,
                    theme,
                )),
                text_area,
            );
        }
        Overlay::Conflict(c) => {
            let [panes, foot] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(win);
            let [mine, theirs] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(panes);
            frame.render_widget(
                Paragraph::new(text::block(&c.mine))
                    .wrap(Wrap { trim: false })
                    .block(block(" your version ".into(), true, theme)),
                mine,
            );
            frame.render_widget(
                Paragraph::new(text::block(&c.theirs))
                    .wrap(Wrap { trim: false })
                    .block(block(
                        format!(" saved meanwhile by {} ", text::line(&c.by)),
                        false,
                        theme,
                    )),
                theirs,
            );
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from(Span::styled(
                        format!("Q{}'s text changed while you edited it.", c.question),
                        theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                    )),
                    Line::raw("m keeps yours (theirs stays in the history) · t takes theirs · e edits both together"),
                ]),
                foot,
            );
        }
    }
}
