//! The key-hint bar: built from the rows of [`KEYMAP`](crate::tui::app::keymap::KEYMAP)
//! that have a [`Hint`], in the longest form that fits the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::app::keymap::{Hint, hint_rows};

/// The forms of the bar, widest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Every hint with its full keys (`F8/⇧F8 finding`).
    Full,
    /// Every hint with its short keys (`F8 finding`).
    Medium,
    /// The hints with a compact word (`F8 next`), one space apart.
    Compact,
    /// The hints marked minimal.
    Minimal,
}

impl Form {
    /// Every form, widest first.
    pub const ALL: [Form; 4] = [Form::Full, Form::Medium, Form::Compact, Form::Minimal];
}

/// The text of the bar in `form`.
pub fn line(hints: &[Hint], form: Form) -> String {
    let part = |h: &Hint| -> Option<String> {
        match form {
            Form::Full => Some(format!("{} {}", h.keys, h.word)),
            Form::Medium => Some(format!("{} {}", h.short_keys, h.word)),
            Form::Compact => h.compact.map(|w| format!("{} {w}", h.short_keys)),
            Form::Minimal => h
                .compact
                .filter(|_| h.minimal)
                .map(|w| format!("{} {w}", h.short_keys)),
        }
    };
    let sep = match form {
        Form::Full | Form::Medium => "  ",
        Form::Compact | Form::Minimal => " ",
    };
    let parts: Vec<String> = hints.iter().filter_map(part).collect();
    format!(" {}", parts.join(sep))
}

/// The offer shown first in the bar while the post is over the platform's limit.
pub const THREAD_OFFER: &str = " ^T thread: over the limit ";

/// The key-hint bar: the longest form that fits the width (in cells). While the post is
/// over the platform's limit, it starts with the offer to split it into a thread
/// ([`THREAD_OFFER`], Ctrl+T).
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let hints = hint_rows();
    // Not while a dialog is open: the thread preview (or the gate's own offer) is there.
    let offer = (app.dialog.is_none() && app.thread_offered()).then_some(THREAD_OFFER);
    let width = (area.width as usize).saturating_sub(offer.map_or(0, |o| o.width()));
    let hint = Form::ALL
        .into_iter()
        .map(|f| line(&hints, f))
        .find(|l| l.width() <= width)
        .unwrap_or_else(|| line(&hints, Form::Minimal));
    let mut spans = Vec::new();
    if let Some(o) = offer {
        spans.push(Span::styled(
            o,
            Style::new()
                .remove_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
        ));
    }
    spans.push(Span::raw(hint));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(app.theme.bar()),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_read_as_before() {
        let h = hint_rows();
        assert_eq!(
            line(&h, Form::Full),
            " F1 help  F2 account  F8/⇧F8 finding  Alt+Enter/F4 fix  Alt+PgUp/PgDn detail  Tab list  ^Z undo  ^S save  ^P publish  ^R reload  ^Q quit"
        );
        assert_eq!(
            line(&h, Form::Medium),
            " F1 help  F2 account  F8 finding  F4 fix  Alt+PgDn detail  Tab list  ^Z undo  ^S save  ^P publish  ^R reload  ^Q quit"
        );
        // The compact form fits 80 columns, with the detail's scroll key.
        assert_eq!(
            line(&h, Form::Compact),
            " F1 help F2 acct F8 next F4 fix Alt+PgDn detail ^S save ^P publish ^Q quit"
        );
        assert!(line(&h, Form::Compact).chars().count() <= 80);
        assert_eq!(
            line(&h, Form::Minimal),
            " F1 help F8 next F4 fix ^S save ^P publish ^Q quit"
        );
    }
}
