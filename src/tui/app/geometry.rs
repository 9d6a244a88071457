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
/// Least width of the right-hand findings pane; it takes two fifths of wider terminals
/// (80 columns at 200), so messages are not cut at every width.
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

/// The areas of a terminal of `(columns, rows)`; `banner` reserves the error banner. When
/// the findings list is above the detail, it takes no more rows than its `findings` need
/// (at most 45 %), so the detail gets the rest.
pub fn areas(size: (u16, u16), banner: bool, findings: usize) -> Areas {
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
            Layout::horizontal([Constraint::Min(0), Constraint::Length(side_width(size.0))])
                .areas(body);
        (e, s, Direction::Vertical)
    } else {
        // Half the rows: the detail must show a finding's why and fix at 80×24.
        let side_rows = (body.height / 2).max(4);
        let [e, s] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(side_rows)]).areas(body);
        (e, s, Direction::Horizontal)
    };
    let [list, detail] = if side_dir == Direction::Vertical {
        let most = side.height * 45 / 100;
        let need = u16::try_from(findings)
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let rows = need.clamp(3, most.max(3));
        Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(side)
    } else {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(side)
    };
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

/// Width of the right-hand findings pane in a terminal `columns` wide (at least [`WIDE`]).
pub fn side_width(columns: u16) -> u16 {
    (columns * 2 / 5).max(SIDE_WIDTH)
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
    size.0.saturating_sub(4).clamp(20, 100)
}

/// Most rows of the gate's instructions (with the refusal, if any), always shown.
const GATE_HELP_MAX: u16 = 6;

/// The cells the gate's and the thread preview's rows have inside their border, for a
/// terminal of `size` (what their heading and lists are wrapped to).
pub fn gate_width(size: (u16, u16)) -> usize {
    publish_width(size).saturating_sub(2) as usize
}

/// Most rows the gate's heading takes (it is wrapped, never cut; the rest is the list).
const GATE_HEADER_MAX: u16 = 3;

/// Where the publish gate's parts go: one column, top to bottom, none drawn over another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GateRects {
    /// The dialog with its border.
    pub area: Rect,
    /// "Clearing for … on …", wrapped (one to three rows).
    pub header: Rect,
    /// The post and the findings by severity (scrolls).
    pub body: Rect,
    /// The instructions and the last refusal (always visible).
    pub help: Rect,
    /// The justification box with its border (empty when none is needed).
    pub boxed: Rect,
    /// The text area inside the justification box.
    pub justification: Rect,
}

/// The gate's layout for a terminal of `size`; `needs` reserves the justification box,
/// `header_rows` and `help_rows` the rows of the heading and of the instructions (both
/// wrapped at [`gate_width`]). The same computation serves drawing, scrolling and wrapping
/// the justification.
pub fn gate_rects(
    size: (u16, u16),
    needs: bool,
    header_rows: usize,
    help_rows: usize,
) -> GateRects {
    let full = Rect::new(0, 0, size.0, size.1);
    let area = centered(full, publish_width(size), size.1.saturating_sub(2).min(40));
    let inner = Block::bordered().inner(area);
    let box_rows = if needs {
        (inner.height / 5).clamp(1, 4) + 2
    } else {
        0
    };
    let rows = |n: usize, max: u16| u16::try_from(n).unwrap_or(u16::MAX).clamp(1, max);
    let (header_rows, help_rows) = (
        rows(header_rows, GATE_HEADER_MAX),
        rows(help_rows, GATE_HELP_MAX),
    );
    let [header, body, help, boxed] = Layout::vertical([
        Constraint::Length(header_rows),
        Constraint::Min(1),
        Constraint::Length(help_rows),
        Constraint::Length(box_rows),
    ])
    .areas(inner);
    GateRects {
        area,
        header,
        body,
        help,
        boxed,
        justification: Block::bordered().inner(boxed),
    }
}

/// The text area of the justification box (cells) for a terminal of `size`, a heading of
/// `header_rows` and instructions of `help_rows`.
pub fn justification_area(size: (u16, u16), header_rows: usize, help_rows: usize) -> Rect {
    gate_rects(size, true, header_rows, help_rows).justification
}

/// The area a dialog at `area` clears in a screen `screen`: its own cells and the column
/// left and right of it, so no letter of the text under it sits against its border.
pub(crate) fn with_margin(area: Rect, screen: Rect) -> Rect {
    let x = area.x.saturating_sub(1).max(screen.x);
    let right = (area.x + area.width + 1).min(screen.x + screen.width);
    Rect::new(x, area.y, right.saturating_sub(x), area.height)
}
