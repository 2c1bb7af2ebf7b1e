//! What a screen of the board is: a room that owns its state, its keys, its loading, its
//! handling and its drawing. It sees what every screen shares through [`Shared`] and asks the
//! app for the rest by returning an [`Effect`]. The registry of screens is `screens/mod.rs`.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::action::Action;
use super::effect::Effect;
use super::keymap::Binding;
use super::prompt::Prompt;
use super::shared::Shared;
use super::theme::Theme;

pub trait Screen {
    /// Its name, as the header and help say it.
    fn name(&self) -> &'static str;

    /// Its own key bindings, in the order help lists them; they win over a global binding
    /// with the same key.
    fn bindings(&self) -> &'static [&'static [Binding]];

    /// Reads what it shows from the store: when it is entered, and whenever the campaign was
    /// read again while it shows (a change of this board's, or a colleague's).
    fn load(&mut self, _sh: &mut Shared) -> anyhow::Result<()> {
        Ok(())
    }

    /// It is being shown (from another screen): by default, it reads what it shows.
    fn enter(&mut self, sh: &mut Shared) -> anyhow::Result<()> {
        self.load(sh)
    }

    /// Another screen is shown: what it loaded only to show can go.
    fn leave(&mut self) {}

    /// An action while it shows; [`Effect::Pass`] leaves it to the app.
    fn on_action(&mut self, sh: &mut Shared, action: Action) -> anyhow::Result<Effect>;

    /// A prompt it asked for was submitted with `text`.
    fn on_prompt(
        &mut self,
        _sh: &mut Shared,
        _prompt: &Prompt,
        _text: &str,
    ) -> anyhow::Result<Effect> {
        Ok(Effect::Pass)
    }

    /// The text of a prompt it asked for changed (a filter applies as it is typed); `""`
    /// when the prompt was cancelled.
    fn on_typing(&mut self, _sh: &mut Shared, _prompt: &Prompt, _text: &str) {}

    /// A `:` command; [`Effect::Pass`] leaves it to the commands every screen has.
    fn on_command(&mut self, _sh: &mut Shared, _name: &str, _arg: &str) -> anyhow::Result<Effect> {
        Ok(Effect::Pass)
    }

    /// Draws it into `area` (the header, footer, prompts, windows and help are drawn around
    /// and over it). Drawing never changes what it shows.
    fn draw(&self, frame: &mut Frame, area: Rect, sh: &Shared, theme: Theme);
}

/// How far a movement action moves a cursor: ↑/↓ one, PgUp/PgDn ten, g/G to an end.
pub fn movement(action: Action) -> Option<i64> {
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        Action::Top => i64::MIN / 2,
        Action::Bottom => i64::MAX / 2,
        _ => return None,
    })
}
