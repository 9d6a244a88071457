//! "Save as" (Ctrl+S on a new draft): a one-line file name; Enter saves, Esc cancels.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Dialog;
use crate::tui::app::geometry::centered;
use crate::tui::app::{App, Effect};
use crate::tui::components::clean;
use crate::tui::editor::normalize_paste;

impl App {
    pub(crate) fn save_as_key(&mut self, mut name: String, key: KeyEvent) -> Option<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => {
                self.set_status("not saved");
                return None;
            }
            KeyCode::Enter if !name.trim().is_empty() => {
                return self.save_effect(name.trim().into());
            }
            KeyCode::Backspace => {
                name.pop();
            }
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => name.push(c),
            _ => {}
        }
        self.dialog = Some(Dialog::SaveAs(name));
        None
    }
}

/// A paste into the file name: its first line, without control characters.
pub(crate) fn paste(name: &mut String, raw: &str) {
    let text = normalize_paste(raw);
    let line = text.lines().next().unwrap_or("");
    name.extend(line.chars().filter(|c| !c.is_control()));
}

/// Draws the dialog with the name typed so far.
pub fn draw(frame: &mut Frame, name: &str) {
    let area = centered(frame.area(), 60, 5);
    frame.render_widget(Clear, area);
    let lines = vec![
        Line::from(format!(" File name: {}▏", clean(name))),
        Line::from(" Enter saves, Esc cancels."),
    ];
    let p = Paragraph::new(lines).block(Block::bordered().title(" Save as "));
    frame.render_widget(p, area);
}
