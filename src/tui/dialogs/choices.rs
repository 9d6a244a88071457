//! The fix choice list (Alt+Enter / F4 on a finding with several fixes): ↑/↓ or 1-9
//! choose, Enter applies, Esc cancels.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;

use super::Dialog;
use crate::tui::app::App;

impl App {
    pub(crate) fn choices_key(&mut self, finding: usize, index: usize, key: KeyEvent) {
        let Some(f) = self.findings.get(finding) else {
            return;
        };
        let n = f.fixes.len();
        let index = match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => {
                let fix = f.fixes[index.min(n - 1)].clone();
                return self.apply(finding, &fix);
            }
            KeyCode::Up => index.saturating_sub(1),
            KeyCode::Down => (index + 1).min(n - 1),
            KeyCode::Char(c) if c.is_ascii_digit() => {
                let k = c.to_digit(10).unwrap_or(0) as usize;
                if (1..=n).contains(&k) {
                    let fix = f.fixes[k - 1].clone();
                    return self.apply(finding, &fix);
                }
                index
            }
            _ => index,
        };
        self.dialog = Some(Dialog::Choices { finding, index });
    }
}

/// Draws the fixes of finding `finding` with `index` highlighted.
pub fn draw(frame: &mut Frame, app: &App, finding: usize, index: usize) {
    let items = app
        .findings
        .get(finding)
        .map(|f| {
            f.fixes
                .iter()
                .map(|x| {
                    if app.fix_keeps_text(x) {
                        format!("{}: keep it as it is, on purpose", x.label())
                    } else {
                        x.label_in(app.editor.text())
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    super::list::draw(
        frame,
        " Choose a fix ",
        items,
        index,
        "↑/↓ and Enter, or a digit 1-9: apply that fix; Esc cancels.",
    );
}
