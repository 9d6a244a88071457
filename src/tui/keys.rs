//! Key handling of [`App`]: dialogs first, then global keys, then the focused pane. Every
//! key is listed in [`KEYS`], which the help screen shows.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Dialog, Effect, Focus};
use super::editor::normalize_paste;

/// Every key of the editor with what it does (the help screen, F1).
pub const KEYS: &[(&str, &str)] = &[
    ("F1", "help (this screen)"),
    ("F2", "next platform (the counter and limit checks follow)"),
    (
        "F8 / Shift+F8",
        "next / previous finding (moves the cursor there)",
    ),
    ("Alt+Enter or F4", "apply the selected finding's safe fix"),
    ("Tab", "move focus between the text and the findings list"),
    (
        "Ctrl+S",
        "save (atomic); asks for a file name for a new draft",
    ),
    ("Ctrl+Q", "quit (asks when there are unsaved changes)"),
    ("Arrows", "move by grapheme / visual row"),
    ("Ctrl+← / Ctrl+→", "move by word"),
    ("Home / End", "start / end of the row, again: of the line"),
    ("Ctrl+Home / Ctrl+End", "start / end of the text"),
    ("PageUp / PageDown", "move one screen up / down"),
    ("Backspace / Delete", "delete one grapheme"),
    ("Enter", "new line (in the list: go to the finding)"),
    ("Esc", "close a dialog"),
];

fn ctrl(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
}

fn alt(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::ALT)
}

impl App {
    pub(crate) fn on_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(dialog) = self.dialog.take() {
            return self.dialog_key(dialog, key);
        }
        if let Some(effect) = self.global_key(key) {
            return effect;
        }
        match self.focus {
            Focus::Editor => self.editor_key(key),
            Focus::Findings => self.list_key(key),
        }
        None
    }

    /// Keys that work in both panes. `Some(effect)` when the key was handled.
    fn global_key(&mut self, key: KeyEvent) -> Option<Option<Effect>> {
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::F(1) => self.dialog = Some(Dialog::Help),
            KeyCode::F(2) => self.cycle_platform(),
            KeyCode::F(8) if shift => self.jump_finding(false),
            KeyCode::F(8) => self.jump_finding(true),
            KeyCode::F(20) => self.jump_finding(false),
            KeyCode::F(4) => self.apply_fix(),
            KeyCode::Enter if alt(&key) => self.apply_fix(),
            KeyCode::Tab | KeyCode::BackTab => {
                self.focus = match self.focus {
                    Focus::Editor => Focus::Findings,
                    Focus::Findings => Focus::Editor,
                };
            }
            KeyCode::Char('s') if ctrl(&key) => return Some(self.save()),
            KeyCode::Char('q') if ctrl(&key) => return Some(self.quit()),
            _ => return None,
        }
        Some(None)
    }

    fn save(&mut self) -> Option<Effect> {
        match self.file.clone() {
            Some(path) => self.save_effect(path),
            None => {
                self.dialog = Some(Dialog::SaveAs(String::new()));
                None
            }
        }
    }

    fn quit(&mut self) -> Option<Effect> {
        if self.modified() {
            self.dialog = Some(Dialog::ConfirmQuit);
            None
        } else {
            Some(Effect::Quit)
        }
    }

    fn dialog_key(&mut self, dialog: Dialog, key: KeyEvent) -> Option<Effect> {
        match dialog {
            Dialog::Help => {
                if !matches!(key.code, KeyCode::Esc | KeyCode::F(1) | KeyCode::Enter)
                    && !matches!(key.code, KeyCode::Char('q'))
                {
                    self.dialog = Some(Dialog::Help);
                }
                None
            }
            Dialog::ConfirmQuit => match key.code {
                KeyCode::Char('y' | 'Y') => Some(Effect::Quit),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    self.set_status("not quitting");
                    None
                }
                _ => {
                    self.dialog = Some(Dialog::ConfirmQuit);
                    None
                }
            },
            Dialog::SaveAs(name) => self.save_as_key(name, key),
        }
    }

    fn save_as_key(&mut self, mut name: String, key: KeyEvent) -> Option<Effect> {
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
            KeyCode::Char(c) if !ctrl(&key) && !alt(&key) && !c.is_control() => name.push(c),
            _ => {}
        }
        self.dialog = Some(Dialog::SaveAs(name));
        None
    }

    pub(crate) fn on_paste(&mut self, raw: &str) {
        let text = normalize_paste(raw);
        match &mut self.dialog {
            Some(Dialog::SaveAs(name)) => {
                let line = text.lines().next().unwrap_or("");
                name.extend(line.chars().filter(|c| !c.is_control()));
            }
            Some(_) => {}
            None => {
                self.focus = Focus::Editor;
                self.editor.buffer.insert_str(&text);
                self.edited();
            }
        }
    }

    fn editor_key(&mut self, key: KeyEvent) {
        let ed = &mut self.editor;
        let page = self.size.1.saturating_sub(6).max(1) as isize;
        let vertical = matches!(
            key.code,
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown
        );
        if !vertical {
            ed.reset_column();
        }
        match key.code {
            KeyCode::Char(c) if !ctrl(&key) && !alt(&key) => {
                ed.buffer.insert_str(c.encode_utf8(&mut [0; 4]));
                return self.edited();
            }
            KeyCode::Enter => {
                ed.buffer.insert_str("\n");
                return self.edited();
            }
            KeyCode::Backspace => {
                if ed.buffer.backspace() {
                    self.edited();
                }
                return;
            }
            KeyCode::Delete => {
                if ed.buffer.delete() {
                    self.edited();
                }
                return;
            }
            KeyCode::Left if ctrl(&key) => ed.buffer.word_left(),
            KeyCode::Right if ctrl(&key) => ed.buffer.word_right(),
            KeyCode::Left => ed.buffer.left(),
            KeyCode::Right => ed.buffer.right(),
            KeyCode::Up => ed.move_rows(-1),
            KeyCode::Down => ed.move_rows(1),
            KeyCode::PageUp => ed.move_rows(-page),
            KeyCode::PageDown => ed.move_rows(page),
            KeyCode::Home if ctrl(&key) => ed.buffer.set_cursor(0),
            KeyCode::End if ctrl(&key) => ed.buffer.set_cursor(usize::MAX),
            KeyCode::Home => ed.home(),
            KeyCode::End => ed.end(),
            _ => return,
        }
        self.follow_cursor();
    }

    fn list_key(&mut self, key: KeyEvent) {
        let n = self.findings.len();
        if n == 0 {
            return;
        }
        let i = self.selected.unwrap_or(0);
        match key.code {
            KeyCode::Up => self.selected = Some(i.saturating_sub(1)),
            KeyCode::Down => self.selected = Some((i + 1).min(n - 1)),
            KeyCode::Home => self.selected = Some(0),
            KeyCode::End => self.selected = Some(n - 1),
            KeyCode::Enter => {
                self.select_finding(i);
                self.focus = Focus::Editor;
            }
            KeyCode::Esc => self.focus = Focus::Editor,
            _ => {}
        }
    }

    /// After any change of the text: re-check, forget the preferred column, follow the cursor.
    pub(crate) fn edited(&mut self) {
        self.editor.reset_column();
        self.recheck();
        self.follow_cursor();
    }
}
