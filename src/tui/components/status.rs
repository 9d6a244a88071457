//! The status line: the last message (an error in the error style), on a row of its own.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::clean;
use crate::tui::app::App;

/// A one-line message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The message.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
    /// A shorter form, shown when `text` does not fit the row (the parts that matter, such
    /// as a command to run, kept whole).
    pub short: Option<String>,
}

impl App {
    /// Shows `text` in the status line.
    pub(crate) fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            short: None,
        });
    }

    /// Shows `text` in the status line, or `short` where `text` does not fit.
    pub(crate) fn set_status_or(&mut self, text: impl Into<String>, short: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            short: Some(short.into()),
        });
    }

    /// Shows `text` in the status line as an error, or `short` where `text` does not fit.
    pub(crate) fn set_error_or(&mut self, text: impl Into<String>, short: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
            short: Some(short.into()),
        });
    }

    /// Shows `text` in the status line as an error.
    pub(crate) fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
            short: None,
        });
    }
}

/// `Ln 2, Col 11`: the cursor's line and column, 1-based; the column counts characters as
/// the user sees them (grapheme clusters, UAX #29: 🏳️‍🌈 or 👍🏽 is one).
pub fn position_label(app: &App) -> String {
    use unicode_segmentation::UnicodeSegmentation as _;
    let text = app.editor.text();
    let before = &text[..app.editor.cursor()];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].graphemes(true).count() + 1;
    format!("Ln {line}, Col {col}")
}

/// `s` cut to at most `width` cells, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// The status line: the last message on the whole row (its short form, or cut with `…`, when
/// longer; the
/// cursor's line and column are on the editor's frame).
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    if let Some(s) = &app.status {
        let style = if s.error {
            app.theme.error()
        } else {
            Style::new()
        };
        let width = area.width as usize;
        let full = format!(" {}", clean(&s.text));
        let msg = match &s.short {
            Some(short) if full.width() > width => fit(&format!(" {}", clean(short)), width),
            _ => fit(&full, width),
        };
        frame.render_widget(Paragraph::new(msg).style(style), area);
    }
}
