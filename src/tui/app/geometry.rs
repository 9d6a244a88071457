//! Screen geometry, a pure function of the terminal size (and whether the error banner
//! shows): where each pane and dialog goes. Both sides read it: [`App::update`] to wrap
//! the text at the pane's width and keep the cursor in view, and to hit-test clicks;
//! the drawing in [`crate::tui::ui`] to put each component in place. It draws nothing and
//! handles no input.
//!
//! At 100 columns and up the findings list and detail sit right of the editor; narrower,
//! below it. Below [`MIN_SIZE`] only an "enlarge the terminal" message is drawn.
//!
//! [`App::update`]: super::App::update

use ratatui::layout::{Constraint, Direction, Flex, Layout, Rect};
use ratatui::widgets::Block;

/// The smallest usable terminal, `(columns, rows)`.
pub const MIN_SIZE: (u16, u16) = (60, 15);
/// From this width on, the findings pane is on the right.
pub const WIDE: u16 = 100;
/// Width of the right-hand findings pane.
const SIDE_WIDTH: u16 = 42;
/// Rows of the rule-load error banner.
const BANNER_ROWS: u16 = 2;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// Title bar (one row).
    pub title: Rect,
    /// Rule-load error banner (empty when rules loaded).
    pub banner: Rect,
    /// The editor pane with its border.
    pub editor: Rect,
    /// The text area inside the editor border.
    pub text: Rect,
    /// Findings list with its border.
    pub list: Rect,
    /// Selected finding's detail with its border.
    pub detail: Rect,
    /// Status line.
    pub status: Rect,
    /// Key-hint bar.
    pub hints: Rect,
}

/// Whether a terminal of `size` is too small to draw the editor.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// The areas of a terminal of `(columns, rows)`; `banner` reserves the error banner.
pub fn areas(size: (u16, u16), banner: bool) -> Areas {
    let full = Rect::new(0, 0, size.0, size.1);
    let banner_rows = if banner { BANNER_ROWS } else { 0 };
    let [title, banner, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner_rows),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(full);
    let (editor, side, side_dir) = if size.0 >= WIDE {
        let [e, s] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(SIDE_WIDTH)]).areas(body);
        (e, s, Direction::Vertical)
    } else {
        let side_rows = (body.height * 2 / 5).max(4);
        let [e, s] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(side_rows)]).areas(body);
        (e, s, Direction::Horizontal)
    };
    let [list, detail] = Layout::default()
        .direction(side_dir)
        .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
        .areas(side);
    Areas {
        title,
        banner,
        editor,
        text: Block::bordered().inner(editor),
        list,
        detail,
        status,
        hints,
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Width of the publish dialog for a terminal of `size`.
fn publish_width(size: (u16, u16)) -> u16 {
    size.0.saturating_sub(4).clamp(20, 90)
}

/// The publish dialog's rectangle and the justification box inside it, for a terminal of
/// `size` (the same computation for drawing and for wrapping the justification).
pub(crate) fn publish_rects(size: (u16, u16)) -> (Rect, Rect) {
    let full = Rect::new(0, 0, size.0, size.1);
    let area = centered(full, publish_width(size), size.1.saturating_sub(2).min(24));
    let inner = Block::bordered().inner(area);
    let boxh = (inner.height / 3).clamp(3, 6);
    let boxr = Rect::new(
        inner.x + 1,
        (inner.y + inner.height).saturating_sub(boxh + 2),
        inner.width.saturating_sub(2),
        boxh,
    );
    (area, Block::bordered().inner(boxr))
}

/// The text area of the justification box (cells) for a terminal of `size`.
pub fn justification_area(size: (u16, u16)) -> Rect {
    publish_rects(size).1
}
