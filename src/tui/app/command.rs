//! Key handling of [`App`]: dialogs first, then global keys, then the focused pane. Every
//! key is listed in [`KEYS`], which the help screen shows.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Dialog, Effect, Focus};
use super::editor::{EditKind, normalize_paste};

/// Every key of the editor with what it does (the help screen, F1).
pub const KEYS: &[(&str, &str)] = &[
    ("F1", "help (this screen)"),
    (
        "F2",
        "choose account and platform (the counter and limit checks follow)",
    ),
    (
        "F8 / Shift+F8",
        "next / previous finding (moves the cursor there)",
    ),
    (
        "Alt+Enter or F4",
        "apply the selected finding's fix (choice list when several)",
    ),
    (
        "Tab",
        "move focus between the text and the findings list (↑/↓, Enter there)",
    ),
    (
        "Ctrl+S",
        "save (atomic); asks for a file name for a new draft",
    ),
    (
        "Ctrl+P",
        "publish: the gate (clear to clipboard, outbox and audit log)",
    ),
    (
        "Ctrl+R",
        "reload the rules from disk (also automatic when a rule file or the config changes)",
    ),
    ("Ctrl+Q", "quit (asks when there are unsaved changes)"),
    (
        "Ctrl+Z / Ctrl+Y",
        "undo / redo (typing undoes word by word)",
    ),
    ("Arrows", "move by grapheme / visual row"),
    ("Ctrl+← / Ctrl+→", "move by word"),
    (
        "Shift+arrows",
        "select (with Ctrl: by word; Shift+Home/End too)",
    ),
    ("Ctrl+A", "select all"),
    (
        "Ctrl+C / Ctrl+X / Ctrl+V",
        "copy (also to the system clipboard) / cut / paste",
    ),
    ("Home / End", "start / end of the row, again: of the line"),
    ("Ctrl+Home / Ctrl+End", "start / end of the text"),
    ("PageUp / PageDown", "move one screen up / down"),
    (
        "Backspace / Delete",
        "delete one grapheme (or the selection)",
    ),
    (
        "Ctrl+Backspace / Ctrl+Delete",
        "delete a word left / right (also Ctrl+W, Alt+Backspace)",
    ),
    ("Enter", "new line (in the list: go to the finding)"),
    (
        "Mouse",
        "click places the cursor or selects a finding; the wheel scrolls",
    ),
    ("Esc", "close a dialog; in the list: back to the text"),
];

fn ctrl(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
}

fn alt(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::ALT)
}

fn shift(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::SHIFT)
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
            Focus::Findings => {
                self.list_key(key);
                None
            }
        }
    }

    /// Keys that work in both panes. `Some(effect)` when the key was handled.
    fn global_key(&mut self, key: KeyEvent) -> Option<Option<Effect>> {
        match key.code {
            KeyCode::F(1) => self.dialog = Some(Dialog::Help),
            KeyCode::F(2) => self.open_targets(),
            KeyCode::F(8) if shift(&key) => self.jump_finding(false),
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
            KeyCode::Char('p') if ctrl(&key) => self.open_publish(),
            KeyCode::Char('r') if ctrl(&key) => {
                self.set_status("reloading the rules…");
                return Some(Some(Effect::Reload));
            }
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
                if !matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::F(1) | KeyCode::Enter | KeyCode::Char('q')
                ) {
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
            Dialog::Choices { finding, index } => {
                self.choices_key(finding, index, key);
                None
            }
            Dialog::Target(i) => {
                self.target_key(i, key);
                None
            }
            Dialog::Publish(d) => self.publish_key(d, key),
            Dialog::Recovery(offer) => match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => {
                    self.editor
                        .buffer
                        .replace_text(offer.draft.text.clone(), usize::MAX);
                    self.edited();
                    self.set_status(format!(
                        "recovered the draft autosaved {}",
                        offer.draft.saved_at
                    ));
                    Some(Effect::AcceptRecovery(offer.path))
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    self.set_status("autosave set aside (not deleted)");
                    Some(Effect::DeclineRecovery(offer.path))
                }
                _ => {
                    self.dialog = Some(Dialog::Recovery(offer));
                    None
                }
            },
        }
    }

    fn choices_key(&mut self, finding: usize, index: usize, key: KeyEvent) {
        let Some(f) = self.findings.get(finding) else {
            return;
        };
        let n = f.fixes.len();
        let index = match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => {
                let fix = f.fixes[index.min(n - 1)].clone();
                return self.apply(&fix);
            }
            KeyCode::Up => index.saturating_sub(1),
            KeyCode::Down => (index + 1).min(n - 1),
            KeyCode::Char(c) if c.is_ascii_digit() => {
                let k = c.to_digit(10).unwrap_or(0) as usize;
                if (1..=n).contains(&k) {
                    let fix = f.fixes[k - 1].clone();
                    return self.apply(&fix);
                }
                index
            }
            _ => index,
        };
        self.dialog = Some(Dialog::Choices { finding, index });
    }

    fn target_key(&mut self, i: usize, key: KeyEvent) {
        let n = self.targets().len();
        let i = match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => return self.pick_target(i),
            KeyCode::Up => i.saturating_sub(1),
            KeyCode::Down => (i + 1).min(n.saturating_sub(1)),
            KeyCode::F(2) => (i + 1) % n.max(1),
            _ => i,
        };
        self.dialog = Some(Dialog::Target(i));
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
        match &mut self.dialog {
            Some(Dialog::SaveAs(name)) => {
                let text = normalize_paste(raw);
                let line = text.lines().next().unwrap_or("");
                name.extend(line.chars().filter(|c| !c.is_control()));
            }
            Some(Dialog::Publish(_)) => self.publish_paste(raw),
            Some(_) => {}
            None => self.paste(&normalize_paste(raw)),
        }
    }

    fn paste(&mut self, text: &str) {
        self.focus = Focus::Editor;
        self.editor.buffer.insert_str(text);
        self.edited();
    }

    /// Keys that change the text. `None` when `key` is not one of them.
    fn edit_key(&mut self, key: KeyEvent) -> Option<Option<Effect>> {
        let b = &mut self.editor.buffer;
        let changed = match key.code {
            KeyCode::Char('z') if ctrl(&key) && shift(&key) => b.redo(),
            KeyCode::Char('Z') if ctrl(&key) => b.redo(),
            KeyCode::Char('z') if ctrl(&key) => b.undo(),
            KeyCode::Char('y') if ctrl(&key) => b.redo(),
            KeyCode::Char('x') if ctrl(&key) => {
                let cut = b.selected_text().to_string();
                if cut.is_empty() {
                    false
                } else {
                    b.delete_selection();
                    self.clipboard = cut.clone();
                    self.edited();
                    self.set_status("cut");
                    return Some(Some(Effect::Copy(cut)));
                }
            }
            KeyCode::Char('v') if ctrl(&key) => {
                let clip = self.clipboard.clone();
                b.insert_str(&clip);
                true
            }
            KeyCode::Char('h' | 'w') if ctrl(&key) => b.delete_word_left(),
            KeyCode::Backspace if ctrl(&key) || alt(&key) => b.delete_word_left(),
            KeyCode::Delete if ctrl(&key) => b.delete_word_right(),
            KeyCode::Char(c) if !ctrl(&key) && !alt(&key) => {
                b.insert(c.encode_utf8(&mut [0; 4]), EditKind::Typing);
                true
            }
            KeyCode::Enter => {
                b.insert("\n", EditKind::Typing);
                true
            }
            KeyCode::Backspace => b.backspace(),
            KeyCode::Delete => b.delete(),
            _ => return None,
        };
        if changed {
            self.edited();
        }
        Some(None)
    }

    fn editor_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(effect) = self.edit_key(key) {
            return effect;
        }
        let page = self.size.1.saturating_sub(6).max(1) as isize;
        let ed = &mut self.editor;
        let vertical = matches!(
            key.code,
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown
        );
        match key.code {
            KeyCode::Char('a') if ctrl(&key) => {
                ed.buffer.select_all();
                return None;
            }
            KeyCode::Char('c') if ctrl(&key) => {
                let text = ed.buffer.selected_text().to_string();
                if text.is_empty() {
                    self.set_status("nothing selected to copy (Shift+arrows or Ctrl+A select)");
                    return None;
                }
                self.clipboard = text.clone();
                self.set_status("copied");
                return Some(Effect::Copy(text));
            }
            KeyCode::Left
            | KeyCode::Right
            | KeyCode::Up
            | KeyCode::Down
            | KeyCode::PageUp
            | KeyCode::PageDown
            | KeyCode::Home
            | KeyCode::End => ed.buffer.select(shift(&key)),
            _ => return None,
        }
        if !vertical {
            ed.reset_column();
        }
        match key.code {
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
            _ => {}
        }
        self.follow_cursor();
        None
    }

    fn list_key(&mut self, key: KeyEvent) {
        let n = self.findings.len();
        if key.code == KeyCode::Esc {
            self.focus = Focus::Editor;
        }
        if n == 0 {
            return;
        }
        let i = self.selected.unwrap_or(0).min(n - 1);
        match key.code {
            KeyCode::Up => self.selected = Some(i.saturating_sub(1)),
            KeyCode::Down => self.selected = Some((i + 1).min(n - 1)),
            KeyCode::Home => self.selected = Some(0),
            KeyCode::End => self.selected = Some(n - 1),
            KeyCode::Enter => {
                self.select_finding(i);
                self.focus = Focus::Editor;
            }
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
