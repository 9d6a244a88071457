//! "The file changed on disk: overwrite? (y/n)" — Ctrl+S found that another editor or
//! program wrote the file since it was opened or last saved here (as nano and vim ask).
//! "y" overwrites it; "n"/Esc keeps both: nothing is written, the text stays in the editor.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Dialog;
use crate::tui::app::geometry::centered;
use crate::tui::app::{App, Effect};
use crate::tui::components::{clean, show_path};

impl App {
    pub(crate) fn changed_key(&mut self, path: PathBuf, key: KeyEvent) -> Option<Effect> {
        match key.code {
            KeyCode::Char('y' | 'Y') => self.save_effect_full(path, true, None),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.set_error(format!(
                    "not saved: {} changed on disk; your text is still here (Ctrl+S asks again)",
                    show_path(&path)
                ));
                None
            }
            _ => {
                self.dialog = Some(Dialog::ChangedOnDisk(path));
                None
            }
        }
    }
}

/// Draws the question.
pub fn draw(frame: &mut Frame, path: &Path) {
    let area = centered(frame.area(), 64, 6);
    frame.render_widget(
        Clear,
        crate::tui::app::geometry::with_margin(area, frame.area()),
    );
    let lines = vec![
        Line::from(format!(
            " {} changed on disk since it was opened or saved here",
            clean(&show_path(path))
        )),
        Line::from(" (another editor or program wrote it)."),
        Line::from(" Overwrite it with this text? (y/n)"),
    ];
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(" File changed on disk "));
    frame.render_widget(p, area);
}
