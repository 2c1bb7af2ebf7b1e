//! The letter window (to adjust and send) and the message window (to read one).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::overlay::block;
use super::Theme;
use crate::text;
use crate::tui::letters::{LetterDraft, MessageView};

pub fn draw_letter(frame: &mut Frame, win: Rect, d: &LetterDraft, theme: Theme) {
    let skipped = if d.skipped.is_empty() { 0 } else { 2 };
    let [head, body, note, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(skipped),
        Constraint::Length(1),
    ])
    .areas(win);
    let first = &d.letters[0].1;
    let to = if d.letters.len() == 1 {
        text::line(&first.to)
    } else {
        format!("{} bodies: {}", d.letters.len(), d.recipients())
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!(" To: {to}")),
            Line::from(format!(" Subject: {}", text::line(&first.subject))),
        ]),
        head,
    );
    let mut area = d.area.clone();
    let title = if d.letters.len() == 1 {
        format!(" the {} letter · edit it here before it goes ", d.kind)
    } else {
        format!(
            " the {} letter to {} (the first shown; each is written for its own request) ",
            d.kind,
            text::line(&d.letters[0].0.body.short_name)
        )
    };
    area.set_block(block(title, true, theme));
    frame.render_widget(&area, body);
    if skipped > 0 {
        frame.render_widget(
            Paragraph::new(format!(
                " no letter for {} request(s): {}",
                d.skipped.len(),
                text::line(&d.skipped.join("; "))
            ))
            .wrap(Wrap { trim: true })
            .style(theme.fg(Color::Yellow)),
            note,
        );
    }
    // A question (send? record?) is asked on the message line, not here.
    let hint = if d.saved_in.is_some() || d.confirm {
        Span::styled(
            " answer the question on the message line below ",
            theme.fg(Color::Yellow),
        )
    } else {
        Span::raw(" Ctrl-S sends (asks first) · Ctrl-O saves as .eml here · Esc sends nothing ")
    };
    frame.render_widget(Paragraph::new(Line::from(hint)), foot);
}

pub fn draw_message(frame: &mut Frame, win: Rect, m: &MessageView, theme: Theme) {
    frame.render_widget(
        Paragraph::new(m.text.as_str())
            .wrap(Wrap { trim: false })
            .scroll((m.scroll, 0))
            .block(block(m.title.clone(), true, theme)),
        win,
    );
}
