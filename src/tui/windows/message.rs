//! One message of a request's correspondence, opened from its detail to read.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::text::block;
use crate::store::Message;
use crate::text;
use crate::tui::theme::Theme;

#[derive(Debug)]
pub struct MessageView {
    pub title: String,
    pub text: String,
    pub scroll: u16,
}

impl MessageView {
    pub fn of(m: &Message, attachments_dir: &std::path::Path) -> MessageView {
        let l = text::line;
        let mut t = String::new();
        if m.direction == "sent" {
            t.push_str(&format!("To: {}\n", l(&m.recipient)));
            t.push_str(&format!("Sent: {}\n", m.sent_on));
            if m.delivery == "pending" {
                t.push_str("NOT CONFIRMED SENT: the sending was interrupted; `foiboard send` sends it again\n");
            }
        } else {
            t.push_str(&format!("From: {} <{}>\n", l(&m.sender_name), l(&m.sender)));
            t.push_str(&format!("Received: {}\n", m.sent_on));
            t.push_str(&format!("Filed by: {}\n", l(&m.matched_by)));
        }
        t.push_str(&format!("Subject: {}\n", l(&m.subject)));
        for a in &m.attachments {
            t.push_str(&format!(
                "Attachment: {} ({} bytes) {}\n",
                l(&a.name),
                a.size,
                crate::files::private::where_kept(attachments_dir, &a.path)
            ));
        }
        t.push('\n');
        t.push_str(&text::block(&m.readable()));
        MessageView {
            title: format!(" message #{} · ↑/↓ PgUp/PgDn scroll · Esc closes ", m.id),
            text: t,
            scroll: 0,
        }
    }

    /// A key in the window; `None` once it closed.
    pub fn key(mut self, k: KeyEvent) -> Option<Self> {
        match k.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => return None,
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll = self.scroll.saturating_add(1),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            _ => {}
        }
        Some(self)
    }

    pub fn draw(&self, frame: &mut Frame, win: Rect, theme: Theme) {
        frame.render_widget(
            Paragraph::new(self.text.as_str())
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(block(self.title.clone(), true, theme)),
            win,
        );
    }
}
