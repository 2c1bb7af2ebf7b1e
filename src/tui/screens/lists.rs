//! What the board and the table share: the same requests (the filter's), the same keys to
//! move, open, filter and mark, the clock's words, and what shows before there are requests.

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::law::Status;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::prompt::Prompt;
use crate::tui::screen::movement;
use crate::tui::shared::Shared;

/// Moves the selection by `delta` in `list` (the screen's order), staying at the ends.
pub fn step(sh: &mut Shared, list: &[i64], delta: i64) {
    if list.is_empty() {
        return;
    }
    let pos = sh
        .selected
        .and_then(|s| list.iter().position(|x| *x == s))
        .unwrap_or(0) as i64;
    let next = (pos + delta).clamp(0, list.len() as i64 - 1) as usize;
    sh.selected = Some(list[next]);
}

/// Keeps the selection in `list`, or takes its first request.
pub fn ensure(sh: &mut Shared, list: &[i64]) {
    if sh.selected.is_none_or(|s| !list.contains(&s)) {
        sh.selected = list.first().copied();
    }
}

/// What the board and the table both do with an action: move, open, filter, mark. `list` is
/// the requests in the screen's order. The caller keeps the selection in its list after.
pub fn list_action(sh: &mut Shared, list: &[i64], action: Action) -> anyhow::Result<Effect> {
    if let Some(d) = movement(action) {
        step(sh, list, d);
        return Ok(Effect::Done);
    }
    match action {
        Action::Open => {
            if let Some(id) = sh.selected {
                return Ok(Effect::OpenRequest {
                    request: id,
                    question: 1,
                });
            }
        }
        Action::Back => {
            if !sh.filter.is_empty() {
                sh.filter.clear();
            } else {
                sh.message = None;
            }
        }
        Action::Filter => return Ok(Effect::Ask(Prompt::Filter, sh.filter.clone())),
        Action::ToggleMark => {
            if let Some(id) = sh.selected {
                if !sh.marks.remove(&id) {
                    sh.marks.insert(id);
                }
                step(sh, list, 1);
            }
        }
        Action::MarkShown => {
            let shown: Vec<i64> = sh.shown().iter().map(|r| r.request.id).collect();
            let what = if sh.filter.trim().is_empty() {
                "every request".to_string()
            } else {
                format!(
                    "the requests '{}' shows",
                    crate::text::line(sh.filter.trim())
                )
            };
            if !shown.is_empty() && shown.iter().all(|id| sh.marks.contains(id)) {
                for id in &shown {
                    sh.marks.remove(id);
                }
                sh.say(format!("unmarked {} ({})", what, shown.len()), false);
            } else {
                sh.marks.extend(shown.iter().copied());
                let n = sh.marks.len();
                sh.say(
                    format!(
                        "marked {what}: {n} marked (an event key records on all of them; M clears)"
                    ),
                    false,
                );
            }
        }
        Action::ClearMarks => sh.marks.clear(),
        _ => return Ok(Effect::Pass),
    }
    Ok(Effect::Done)
}

/// The filter prompt, as it is typed and when it is submitted: the lists show what it
/// leaves at once.
pub fn filter_typed(sh: &mut Shared, prompt: &Prompt, text: &str) {
    if *prompt == Prompt::Filter {
        sh.filter = text.to_string();
    }
}

/// The filter submitted: the `to-chase` word needs the chasers worked out.
pub fn filter_submitted(sh: &mut Shared, prompt: &Prompt, text: &str) -> anyhow::Result<Effect> {
    if *prompt != Prompt::Filter {
        return Ok(Effect::Pass);
    }
    sh.filter = text.to_string();
    if sh.filter.contains("to-chase") {
        sh.load_to_chase()?;
    }
    Ok(Effect::Done)
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

/// What a campaign with no requests shows on the board and the table: how to create them.
pub fn no_requests_yet(frame: &mut Frame, area: Rect, sh: &Shared) {
    let slug = sh
        .current_campaign()
        .map_or("the campaign".to_string(), |c| crate::text::line(&c.slug));
    let text = format!(
        "No requests in {slug} yet.\n\n\
         Create one per body from here: press : and type\n\n\
         \x20 request nation:England        every NHS trust and ICB in England\n\
         \x20 request kind:icb              every ICB\n\
         \x20 request ods:RJ1,RGT           two bodies by their ODS codes\n\n\
         or from the command line: foiboard request add {slug}/nation:England\n\n\
         To look around first, make a database with a campaign under way:\n\
         \x20 foiboard --db demo.db init --demo   then   foiboard --db demo.db"
    );
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" getting started "),
        ),
        area,
    );
}
