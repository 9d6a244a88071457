//! Mouse handling of [`App`]: a click in the text places the cursor, a click on a finding
//! selects it (and moves the cursor there), the wheel scrolls the pane under the pointer.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, Effect, Focus};
use super::ui;

/// Rows the wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

impl App {
    pub(crate) fn on_mouse(&mut self, m: MouseEvent) -> Option<Effect> {
        if self.dialog.is_some() || ui::too_small(self.size) {
            return None;
        }
        let a = ui::areas(self.size, self.banner_shown());
        let at = Position::new(m.column, m.row);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if a.text.contains(at) => {
                let row = (m.row - a.text.y) as usize;
                let col = (m.column - a.text.x) as usize;
                let pos = self.editor.offset_at(row, col);
                self.editor.buffer.select(false);
                self.editor.buffer.set_cursor(pos);
                self.editor.reset_column();
                self.focus = Focus::Editor;
                self.follow_cursor();
            }
            MouseEventKind::Down(MouseButton::Left) if a.list.contains(at) => {
                if let Some(i) = self.list_index_at(a.list, m.row) {
                    self.select_finding(i);
                }
            }
            MouseEventKind::ScrollUp if a.list.contains(at) => self.scroll_list(-1),
            MouseEventKind::ScrollDown if a.list.contains(at) => self.scroll_list(1),
            MouseEventKind::ScrollUp => self.wheel(-WHEEL_ROWS, a.text.height as usize),
            MouseEventKind::ScrollDown => self.wheel(WHEEL_ROWS, a.text.height as usize),
            _ => {}
        }
        None
    }

    /// The finding shown on screen row `y` of the list pane `list` (with its border).
    fn list_index_at(&self, list: Rect, y: u16) -> Option<usize> {
        let inner = list.height.saturating_sub(2) as usize;
        let dy = y.checked_sub(list.y + 1)? as usize;
        if dy >= inner {
            return None;
        }
        let offset = list_offset(self.selected, inner);
        let i = offset + dy;
        (i < self.findings.len()).then_some(i)
    }

    /// Scrolls the text by `rows`; the cursor moves along so it stays in view.
    fn wheel(&mut self, rows: isize, height: usize) {
        self.editor.buffer.select(false);
        self.editor.scroll_by(rows, height);
        self.editor.move_rows(rows);
    }

    fn scroll_list(&mut self, by: isize) {
        let n = self.findings.len();
        if n > 0 {
            let i = self
                .selected
                .unwrap_or(0)
                .saturating_add_signed(by)
                .min(n - 1);
            self.selected = Some(i);
        }
    }
}

/// The first list row shown when `selected` must be visible in `height` rows (what the
/// list widget does with a fresh state each frame).
pub(crate) fn list_offset(selected: Option<usize>, height: usize) -> usize {
    selected.map_or(0, |s| (s + 1).saturating_sub(height.max(1)))
}
