//! The status line: the last message (an error in the error style), and the cursor's
//! line and column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use super::clean;
use crate::tui::app::App;

/// A one-line message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The message.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
}

impl App {
    /// Shows `text` in the status line.
    pub(crate) fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Shows `text` in the status line as an error.
    pub(crate) fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}

/// The status line: the last message, and the cursor's line and column.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let text = app.editor.text();
    let cur = app.editor.cursor();
    let before = &text[..cur];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    let pos = format!("Ln {line}, Col {col} ");
    let msg_width = area.width.saturating_sub(pos.len() as u16);
    let [msg_area, pos_area] =
        Layout::horizontal([Constraint::Length(msg_width), Constraint::Min(0)]).areas(area);
    if let Some(s) = &app.status {
        let style = if s.error {
            app.theme.error()
        } else {
            Style::new()
        };
        frame.render_widget(
            Paragraph::new(format!(" {}", clean(&s.text))).style(style),
            msg_area,
        );
    }
    frame.render_widget(Paragraph::new(pos).style(app.theme.dim()), pos_area);
}
