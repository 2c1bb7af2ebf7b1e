//! The statistics screen: requests by status, outcomes per question as stacked bars, the most
//! frequent tags and first responses per week. Every bar carries its number, and the stacked
//! bars are drawn in the outcome's key letter when there is no colour, so nothing depends on
//! colour alone. The numbers are the campaign's report, counted when the screen opens and on
//! each reload while it shows (never per frame).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};
use ratatui::Frame;

use super::answer::glyph;
use crate::law::Status;
use crate::model::Outcome;
use crate::report::Report;
use crate::text;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::Binding;
use crate::tui::screen::Screen;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;

/// The campaign's statistics as charts.
#[derive(Debug, Default)]
pub struct Stats {
    /// The campaign's numbers, while the screen shows.
    pub report: Option<Report>,
}

impl Screen for Stats {
    fn name(&self) -> &'static str {
        "statistics"
    }

    fn bindings(&self) -> &'static [&'static [Binding]] {
        &[]
    }

    fn load(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        self.report = match sh.current_campaign() {
            Some(c) => Some(crate::export::report(&sh.store, c, sh.today)?),
            None => None,
        };
        Ok(())
    }

    fn leave(&mut self) {
        self.report = None;
    }

    fn on_action(&mut self, _sh: &mut Shared, action: Action) -> anyhow::Result<Effect> {
        Ok(match action {
            Action::Back => Effect::Lists,
            _ => Effect::Pass,
        })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _sh: &Shared, theme: Theme) {
        let Some(r) = &self.report else {
            frame.render_widget(Paragraph::new("no campaign"), area);
            return;
        };
        let [summary, top, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Percentage(45),
            Constraint::Min(6),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(summary_line(r, summary.width)), summary);
        let [status, weekly] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let [outcomes, tags] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(bottom);
        statuses(frame, status, r, theme);
        responses(frame, weekly, r, theme);
        stacked(frame, outcomes, r, theme);
        top_tags(frame, tags, r, theme);
    }
}

/// The campaign in one line, its parts dropped from the end when the screen is narrow so what
/// shows is whole.
fn summary_line(r: &Report, width: u16) -> Line<'static> {
    let overdue = r
        .awaited
        .iter()
        .filter(|(_, l)| l.is_some_and(|l| l < 0))
        .count();
    let median = r.median_days.map_or("no responses yet".into(), |m| {
        format!("median {m} wd to respond")
    });
    let parts = [
        format!("{} bodies", r.requests),
        format!("{} sent", r.sent),
        format!(
            "{} responded ({} on time, {} late)",
            r.responded,
            r.on_time.len(),
            r.late.len()
        ),
        format!("{} awaited ({overdue} overdue)", r.awaited.len()),
        median,
    ];
    let mut line = String::new();
    for p in parts {
        let next = if line.is_empty() {
            format!(" {p}")
        } else {
            format!("{line} · {p}")
        };
        if next.chars().count() > width as usize {
            break;
        }
        line = next;
    }
    Line::from(line)
}

fn boxed(title: &str) -> Block<'_> {
    Block::default().borders(Borders::ALL).title(title)
}

/// The colour of a status: the board's urgency colours.
fn status_style(theme: Theme, s: Status) -> Style {
    match s {
        Status::LongOverdue => theme.fg(Color::Red).add_modifier(Modifier::BOLD),
        Status::Overdue | Status::ReviewOverdue | Status::Lapsed => theme.fg(Color::Red),
        Status::Awaiting | Status::Review => theme.fg(Color::Yellow),
        Status::Clarification | Status::Fee | Status::Ico => theme.fg(Color::Magenta),
        Status::Responded | Status::ReviewAnswered | Status::Closed => theme.fg(Color::Green),
        Status::NotSent | Status::Withdrawn => theme.fg(Color::DarkGray),
    }
}

/// One horizontal bar: a label, the bar scaled to `max`, and the number.
fn bar_line(
    label: &str,
    label_w: usize,
    n: usize,
    max: usize,
    width: u16,
    style: Style,
) -> Line<'static> {
    let room = (width as usize).saturating_sub(label_w + 6).max(1);
    let len = if max == 0 {
        0
    } else {
        (n * room).div_ceil(max)
    };
    Line::from(vec![
        Span::raw(format!("{:<label_w$}", clip(label, label_w - 1))),
        Span::styled("█".repeat(len), style),
        Span::raw(format!(" {n}")),
    ])
}

/// At most `n` characters of `s`, with "…" when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn statuses(frame: &mut Frame, area: Rect, r: &Report, theme: Theme) {
    let block = boxed(" requests by status ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let max = r.by_status.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    let lines: Vec<Line> = r
        .by_status
        .iter()
        .map(|(s, b)| {
            bar_line(
                s.as_str(),
                16,
                b.len(),
                max,
                inner.width,
                status_style(theme, *s),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn responses(frame: &mut Frame, area: Rect, r: &Report, theme: Theme) {
    let block = boxed(" first responses per week ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if r.weekly.is_empty() {
        frame.render_widget(Paragraph::new("nothing sent yet"), inner);
        return;
    }
    // The most recent weeks that fit, each bar 5 wide (its label dd/mm) with a gap of 1.
    let fit = (inner.width as usize / 6).max(1);
    let weeks = &r.weekly[r.weekly.len().saturating_sub(fit)..];
    let bars: Vec<Bar> = weeks
        .iter()
        .map(|(w, n)| {
            Bar::default()
                .value(*n as u64)
                .label(Line::from(w.format("%d/%m").to_string()))
                .style(theme.fg(Color::Green))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(5)
        .bar_gap(1)
        .value_style(theme.selected());
    frame.render_widget(chart, inner);
}

/// Splits `width` cells among `counts` in proportion to `total`, largest remainders first, so
/// the segments always add up to the share of the whole that they are.
pub fn shares(counts: &[usize], total: usize, width: usize) -> Vec<usize> {
    if total == 0 {
        return vec![0; counts.len()];
    }
    let exact: Vec<f64> = counts
        .iter()
        .map(|c| *c as f64 * width as f64 / total as f64)
        .collect();
    let mut out: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let target = (counts.iter().sum::<usize>() * width)
        .div_ceil(total)
        .min(width);
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|a, b| {
        let ra = exact[*a] - exact[*a].floor();
        let rb = exact[*b] - exact[*b].floor();
        rb.total_cmp(&ra)
    });
    let mut i = 0;
    while out.iter().sum::<usize>() < target && !order.is_empty() {
        out[order[i % order.len()]] += 1;
        i += 1;
    }
    out
}

fn stacked(frame: &mut Frame, area: Rect, r: &Report, theme: Theme) {
    let block = boxed(" outcomes per question (share of all requests) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = (inner.width as usize).saturating_sub(5);
    let mut lines: Vec<Line> = Vec::new();
    for q in &r.questions {
        let mut counts: Vec<usize> = q.outcomes.iter().map(|(_, b)| b.len()).collect();
        counts.push(q.unrecorded.len());
        let cells = shares(&counts, r.requests, width);
        let mut spans = vec![Span::raw(format!("Q{:<3} ", q.number))];
        for ((o, _), n) in q.outcomes.iter().zip(&cells) {
            let fill = if theme.colour { "█" } else { glyph(*o) };
            spans.push(Span::styled(fill.repeat(*n), theme.outcome(*o)));
        }
        if let Some(n) = cells.last() {
            spans.push(Span::styled("·".repeat(*n), theme.fg(Color::DarkGray)));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let mut legend: Vec<Span> = Vec::new();
    for o in Outcome::ALL {
        if theme.colour {
            legend.push(Span::styled("█ ", theme.outcome(o)));
        }
        legend.push(Span::raw(format!("{} {}  ", glyph(o), o.as_str())));
    }
    legend.push(Span::raw("· no answer recorded"));
    lines.push(Line::from(legend));
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

fn top_tags(frame: &mut Frame, area: Rect, r: &Report, theme: Theme) {
    let block = boxed(" most frequent tags (findings) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut tags: Vec<(&str, usize)> = r
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.findings.len()))
        .collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    tags.truncate(inner.height as usize);
    if tags.is_empty() {
        frame.render_widget(Paragraph::new("no findings yet"), inner);
        return;
    }
    let max = tags.first().map_or(0, |t| t.1);
    let longest = tags.iter().map(|t| t.0.chars().count()).max().unwrap_or(0);
    let label_w = (longest + 1).clamp(8, (inner.width as usize / 2).max(8));
    let lines: Vec<Line> = tags
        .iter()
        .map(|(name, n)| {
            bar_line(
                &text::line(name),
                label_w,
                *n,
                max,
                inner.width,
                theme.fg(Color::Cyan),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn shares_add_up_to_the_part_of_the_whole() {
        assert_eq!(shares(&[1, 1, 1], 3, 10).iter().sum::<usize>(), 10);
        assert_eq!(shares(&[5, 5], 20, 10), vec![3, 2]);
        assert_eq!(shares(&[0, 0], 0, 10), vec![0, 0]);
        let s = shares(&[2, 1, 0], 3, 30);
        assert_eq!(s, vec![20, 10, 0]);
    }
}
