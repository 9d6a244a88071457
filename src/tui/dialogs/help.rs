//! The help screen (F1): every row of the keymap with keys, then what the counter counts
//! and what the underline marks mean. Esc, F1, Enter or q close it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Dialog;
use crate::tui::app::App;
use crate::tui::app::geometry::centered;
use crate::tui::app::keymap::help_rows;

impl App {
    pub(crate) fn help_key(&mut self, key: KeyEvent) {
        if !matches!(
            key.code,
            KeyCode::Esc | KeyCode::F(1) | KeyCode::Enter | KeyCode::Char('q')
        ) {
            self.dialog = Some(Dialog::Help);
        }
    }
}

/// Draws the help screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let mut lines: Vec<Line> = help_rows()
        .map(|e| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<29}", e.keys),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(e.what),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    if let Some(u) = app.counter.map(|c| c.unit.label()) {
        lines.push(Line::from(format!(" The counter counts {u}.")));
    }
    lines.push(Line::from(
        " Underlines: ✖ block (bold), ▲ warn, ● info. Hidden characters show as → · ⇄ ¦.",
    ));
    lines.push(Line::from(" Esc or F1 closes this screen."));
    let h = lines.len() as u16 + 2;
    let area = centered(frame.area(), 96, h);
    frame.render_widget(Clear, area);
    let p = Paragraph::new(lines)
        .block(Block::bordered().title(" Help: keys "))
        .wrap(Wrap { trim: false });
    frame.render_widget(p, area);
}
