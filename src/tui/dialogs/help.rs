//! The help screen (F1): every row of the keymap with keys, then what the counter counts
//! and what the underline marks mean. It scrolls (↑/↓, PageUp/PageDown, Home/End, the
//! wheel) and says so in its border; Esc, F1, Enter or q close it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Dialog;
use crate::tui::app::App;
use crate::tui::app::geometry::centered;
use crate::tui::app::keymap::help_rows;
use crate::tui::components::detail::position_label;
use crate::tui::components::wrap::{labeled, plain};

/// Width of the keys column.
const KEYS: usize = 30;

impl App {
    pub(crate) fn help_key(&mut self, offset: usize, key: KeyEvent) {
        let page = help_area(self.size).height.saturating_sub(3).max(1) as isize;
        let by = match key.code {
            KeyCode::Esc | KeyCode::F(1) | KeyCode::Enter | KeyCode::Char('q') => return,
            KeyCode::Up => -1,
            KeyCode::Down => 1,
            KeyCode::PageUp => -page,
            KeyCode::PageDown | KeyCode::Char(' ') => page,
            KeyCode::Home => isize::MIN,
            KeyCode::End => isize::MAX,
            _ => 0,
        };
        self.dialog = Some(Dialog::Help(self.help_scrolled(offset, by)));
    }

    /// `offset` moved by `by` rows, clamped to the help text.
    pub(crate) fn help_scrolled(&self, offset: usize, by: isize) -> usize {
        let area = help_area(self.size);
        let inner = Block::bordered().inner(area);
        let len = lines(self, inner.width as usize).len();
        let max = len.saturating_sub(inner.height as usize);
        offset.saturating_add_signed(by).min(max)
    }
}

/// The help screen's rectangle for a terminal of `size`.
fn help_area(size: (u16, u16)) -> Rect {
    centered(
        Rect::new(0, 0, size.0, size.1),
        96,
        size.1.saturating_sub(2),
    )
}

/// The rows of the help text at `width` cells.
fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = help_rows()
        .flat_map(|e| {
            labeled(
                Span::styled(format!(" {}", e.keys), bold),
                KEYS,
                vec![Span::raw(e.what)],
                width,
            )
        })
        .collect();
    lines.push(Line::from(""));
    let mut para = |s: &str| lines.extend(plain(" ", 1, s, Style::new(), width));
    if let Some(u) = app.counter.map(|c| c.unit.label()) {
        para(&format!("The counter counts {u}."));
    }
    para("Underlines: ✖ block (bold), ▲ warn, ● info. Hidden characters show as → · ⇄ ¦.");
    para("The findings list shows blocks first; the detail under it scrolls (Alt+PageDown).");
    lines.push(Line::from(""));
    lines.push(Line::styled(
        " Right-to-left text (Arabic, Hebrew, Persian…)",
        bold,
    ));
    for (keys, what) in RTL {
        lines.extend(labeled(
            Span::styled(format!(" {keys}"), bold),
            KEYS,
            vec![Span::raw(*what)],
            width,
        ));
    }
    lines
}

/// The help's section on right-to-left text: how it is shown and how the cursor moves
/// ([`crate::tui::editor::bidi`]).
const RTL: &[(&str, &str)] = &[
    (
        "Direction",
        "each line takes the direction of its first letter: a line that starts in Arabic or Hebrew is right-aligned and read from the right; Latin words and numbers inside it read left to right.",
    ),
    (
        "Left / Right",
        "move to the letter on the left / right on screen: in a right-to-left line Left goes on to the next letter, Right back.",
    ),
    ("Ctrl+Left / Ctrl+Right", "the same by words."),
    (
        "Home / End",
        "the start of the line (its right edge) / its end (past its left edge).",
    ),
    ("Up / Down", "keep the cursor's column on screen."),
    (
        "Backspace / Delete",
        "delete the letter before the cursor (on its right) / the one under it.",
    ),
    (
        "Bidi controls",
        "(U+202A–202E, U+2066–2069) show as ⇄ and never reorder the text on screen.",
    ),
];

/// Draws the help screen, scrolled `offset` rows down.
pub fn draw(frame: &mut Frame, app: &App, offset: usize) {
    let area = help_area((frame.area().width, frame.area().height));
    let mut block = Block::bordered()
        .title(" Help: keys ")
        .title_bottom(Line::from(" Esc closes ").left_aligned());
    let inner = block.inner(area);
    let all = lines(app, inner.width as usize);
    let height = inner.height as usize;
    let offset = offset.min(all.len().saturating_sub(height));
    if all.len() > height {
        let label = position_label(offset, height, all.len(), "↑/↓ PgUp/PgDn");
        block = block.title_bottom(Line::from(label).right_aligned());
    }
    let shown: Vec<Line> = all.into_iter().skip(offset).take(height).collect();
    frame.render_widget(
        Clear,
        crate::tui::app::geometry::with_margin(area, frame.area()),
    );
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
