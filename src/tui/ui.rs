//! Screen geometry and the top-level draw function.
//!
//! At 100 columns and up the findings list and detail sit right of the editor; narrower,
//! below it. Below [`MIN_SIZE`] only an "enlarge the terminal" message is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::App;
use super::{dialogs, panes};

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

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let size = (frame.area().width, frame.area().height);
    if too_small(size) {
        let quit = if matches!(app.dialog, Some(super::app::Dialog::ConfirmQuit)) {
            "Unsaved changes: quit without saving? (y/n)"
        } else {
            "Ctrl+Q quits."
        };
        let msg = format!(
            "Terminal too small ({}×{}).\nEnlarge it to at least {}×{}.\n{quit}",
            size.0, size.1, MIN_SIZE.0, MIN_SIZE.1
        );
        let p = Paragraph::new(msg)
            .style(app.theme.error())
            .wrap(Wrap { trim: true });
        frame.render_widget(p, frame.area());
        return;
    }
    let a = areas(size, app.banner_shown());
    panes::title(frame, a.title, app);
    panes::banner(frame, a.banner, app);
    panes::editor(frame, a.editor, a.text, app);
    panes::findings(frame, a.list, app);
    panes::detail(frame, a.detail, app);
    panes::status(frame, a.status, app);
    panes::hints(frame, a.hints, app);
    dialogs::draw(frame, app);
}
