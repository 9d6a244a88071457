//! The main screen: the components drawn where [`geometry`](crate::tui::app::geometry)
//! puts them, then the open dialog on top. Drawing reads the app and never changes it.

use ratatui::Frame;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::app::geometry::{MIN_SIZE, areas, too_small};
use super::components::{detail, editor, findings, hints, status, title};
use super::dialogs::{self, Dialog};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let size = (frame.area().width, frame.area().height);
    if too_small(size) {
        let quit = if matches!(app.dialog, Some(Dialog::ConfirmQuit)) {
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
    let a = areas(size, app.banner_shown(), app.findings.len());
    title::draw(frame, a.title, app);
    title::banner(frame, a.banner, app);
    editor::draw(frame, a.editor, a.text, app);
    findings::draw(frame, a.list, app);
    detail::draw(frame, a.detail, app);
    status::draw(frame, a.status, app);
    hints::draw(frame, a.hints, app);
    dialogs::draw(frame, app);
}
