//! Mouse routing of [`App`]: the event goes to the component under the pointer (by the
//! screen [`geometry`]): a click in the text places the cursor (a drag selects), a click
//! on a finding
//! selects it (and moves the cursor there), the wheel scrolls the pane under the pointer
//! (or the help screen and the publish gate when they are open).

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::geometry;
use super::state::App;
use super::update::Effect;

/// Rows the wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

impl App {
    pub(crate) fn on_mouse(&mut self, m: MouseEvent) -> Option<Effect> {
        if geometry::too_small(self.size) {
            return None;
        }
        let wheel = match m.kind {
            MouseEventKind::ScrollUp => -WHEEL_ROWS,
            MouseEventKind::ScrollDown => WHEEL_ROWS,
            _ => 0,
        };
        if self.dialog.is_some() {
            // The wheel scrolls the help screen and the gate; other dialogs ignore the mouse.
            if wheel != 0 {
                self.dialog_wheel(wheel);
            }
            return None;
        }
        let a = geometry::areas(self.size, self.banner_shown(), self.findings.len());
        let at = Position::new(m.column, m.row);
        if let MouseEventKind::Down(_) = m.kind {
            // Only a press in the text starts a drag selection.
            self.dragging = a.text.contains(at);
        }
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if a.text.contains(at) => {
                let row = (m.row - a.text.y) as usize;
                let col = (m.column - a.text.x) as usize;
                self.click_text(row, col);
            }
            MouseEventKind::Drag(MouseButton::Left) if self.dragging => {
                // Dragging selects from where the button went down; past the pane's edge
                // it keeps to the nearest row and column.
                let row = m.row.clamp(a.text.y, a.text.bottom().saturating_sub(1)) - a.text.y;
                let col = m.column.clamp(a.text.x, a.text.right().saturating_sub(1)) - a.text.x;
                self.drag_text(row as usize, col as usize);
            }
            MouseEventKind::Down(MouseButton::Left) if a.list.contains(at) => {
                self.click_list(a.list, m.row);
            }
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown if a.detail.contains(at) => {
                self.scroll_detail(wheel);
            }
            MouseEventKind::ScrollUp if a.list.contains(at) => self.scroll_list(-1),
            MouseEventKind::ScrollDown if a.list.contains(at) => self.scroll_list(1),
            MouseEventKind::ScrollUp => self.wheel(-WHEEL_ROWS, a.text.height as usize),
            MouseEventKind::ScrollDown => self.wheel(WHEEL_ROWS, a.text.height as usize),
            _ => {}
        }
        None
    }
}
