//! Turns crossterm events into [`Action`]s.

use crossterm::event::{Event, KeyEventKind};

use crate::tui::app::Action;

/// The action for a terminal event, or `None` for events the editor ignores (key releases,
/// focus changes, mouse moves are passed on and ignored by the app).
pub fn to_action(ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if matches!(k.kind, KeyEventKind::Press | KeyEventKind::Repeat) => {
            Some(Action::Key(k))
        }
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => Some(Action::Mouse(m)),
        _ => None,
    }
}
