//! "Quit without saving? (y/n)" (Ctrl+Q with unsaved changes).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Dialog;
use crate::tui::app::geometry::centered;
use crate::tui::app::{App, Effect};

impl App {
    pub(crate) fn confirm_quit_key(&mut self, key: KeyEvent) -> Option<Effect> {
        match key.code {
            KeyCode::Char('y' | 'Y') => Some(Effect::Quit),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.set_status("not quitting");
                None
            }
            _ => {
                self.dialog = Some(Dialog::ConfirmQuit);
                None
            }
        }
    }
}

/// Draws the question.
pub fn draw(frame: &mut Frame) {
    let area = centered(frame.area(), 50, 4);
    frame.render_widget(
        Clear,
        crate::tui::app::geometry::with_margin(area, frame.area()),
    );
    let lines = vec![
        Line::from(" There are unsaved changes."),
        Line::from(" Quit without saving? (y/n)"),
    ];
    let p = Paragraph::new(lines).block(Block::bordered().title(" Quit "));
    frame.render_widget(p, area);
}
