//! Colours and what they carry. Colours carry urgency, and the text always says the same
//! thing, so `NO_COLOR` (or a monochrome terminal) loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Outcome;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    /// The style of a clock: red when late, bold red past 40 working days, yellow within 5.
    pub fn urgency(&self, left: Option<i64>, long: bool) -> Style {
        match left {
            _ if long => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(n) if n < 0 => self.fg(Color::Red),
            Some(n) if n <= 5 => self.fg(Color::Yellow),
            Some(_) => self.fg(Color::Green),
            None => Style::default(),
        }
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The colour of an outcome; the glyph says the same without colour.
    pub fn outcome(&self, o: Outcome) -> Style {
        self.fg(match o {
            Outcome::Answered => Color::Green,
            Outcome::Partial | Outcome::ClarificationSought => Color::Yellow,
            Outcome::Refused | Outcome::Vexatious | Outcome::CostLimit => Color::Red,
            Outcome::NotHeld => Color::Blue,
            Outcome::Ncnd => Color::Magenta,
            Outcome::Elsewhere | Outcome::FuturePublication => Color::Cyan,
            Outcome::NotAnswered | Outcome::Pending => Color::DarkGray,
        })
    }
}

/// Cuts `s` to `width` characters, marking the cut with an ellipsis: at the last word
/// boundary when there is one in the second half, so a word is never cut into something
/// else ("late" into "lat"); else where the room ends.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else if width == 0 {
        String::new()
    } else {
        let room: String = s.chars().take(width - 1).collect();
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
