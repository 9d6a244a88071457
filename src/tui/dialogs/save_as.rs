//! "Save as" (Ctrl+S on a new draft), like nano: a one-line file name with a cursor
//! (Left/Right/Home/End, Backspace/Delete), `~` expanded to the home folder, the target
//! folder shown. Enter saves without overwriting; when the file exists it asks first
//! ("y" overwrites, "n"/Esc goes back to the name). After an error the name is kept.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Dialog;
use crate::tui::app::geometry::centered;
use crate::tui::app::{App, Effect};
use crate::tui::components::clean;
use crate::tui::editor::normalize_paste;

/// The state of the "Save as" dialog.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SaveAs {
    /// The name typed so far.
    pub name: String,
    /// Cursor position in `name`, in chars (0..=chars).
    pub cursor: usize,
    /// `Some(path)` while asking whether to overwrite the existing file `path`.
    pub confirm: Option<PathBuf>,
    /// The last error for this name, shown in the dialog.
    pub error: Option<String>,
}

impl SaveAs {
    /// A dialog holding `name`, the cursor at its end.
    pub fn with_name(name: &str) -> Self {
        SaveAs {
            name: name.to_string(),
            cursor: name.chars().count(),
            ..SaveAs::default()
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.name
            .char_indices()
            .nth(chars)
            .map_or(self.name.len(), |(i, _)| i)
    }

    fn insert(&mut self, s: &str) {
        let at = self.byte_at(self.cursor);
        self.name.insert_str(at, s);
        self.cursor += s.chars().count();
    }

    /// Edits the name for `key`; returns false when the key is not an editing key.
    fn edit(&mut self, key: KeyEvent) -> bool {
        let len = self.name.chars().count();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = len,
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.name.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.name.remove(at);
            }
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => {
                self.insert(c.encode_utf8(&mut [0; 4]));
            }
            _ => return false,
        }
        true
    }
}

/// The path the name stands for: trimmed, a leading `~` or `~/` replaced by `home`.
pub fn resolve(name: &str, home: Option<&Path>) -> PathBuf {
    let name = name.trim();
    match (name.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(&rest[1..]),
        _ => PathBuf::from(name),
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// The folder the file will be written to, absolute when the current folder is known.
pub fn folder_of(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.is_absolute() {
        return dir;
    }
    match std::env::current_dir() {
        Ok(cwd) if dir == Path::new(".") => cwd,
        Ok(cwd) => cwd.join(dir),
        Err(_) => dir,
    }
}

impl App {
    pub(crate) fn save_as_key(&mut self, mut d: SaveAs, key: KeyEvent) -> Option<Effect> {
        if let Some(path) = d.confirm.take() {
            match key.code {
                KeyCode::Char('y' | 'Y') => return self.save_as_effect(d, path, true),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {}
                _ => d.confirm = Some(path),
            }
            self.dialog = Some(Dialog::SaveAs(d));
            return None;
        }
        match key.code {
            KeyCode::Esc => {
                self.set_status("not saved");
                return None;
            }
            KeyCode::Enter if !d.name.trim().is_empty() => {
                let path = resolve(&d.name, home().as_deref());
                return self.save_as_effect(d, path, false);
            }
            _ => {
                if d.edit(key) {
                    d.error = None;
                }
            }
        }
        self.dialog = Some(Dialog::SaveAs(d));
        None
    }

    fn save_as_effect(&mut self, mut d: SaveAs, path: PathBuf, overwrite: bool) -> Option<Effect> {
        d.error = None;
        self.saved.asked = Some(d);
        self.save_effect_with(path, overwrite)
    }

    /// After a failed save from this dialog: open it again with the name kept, asking to
    /// overwrite when the file `exists`, or showing `error`.
    pub(crate) fn save_as_failed(&mut self, path: PathBuf, exists: bool, error: &str) {
        let Some(mut d) = self.saved.asked.take() else {
            return;
        };
        if exists {
            d.confirm = Some(path);
        } else {
            d.error = Some(error.to_string());
        }
        self.dialog = Some(Dialog::SaveAs(d));
    }
}

/// A paste into the file name at the cursor: its first line, without control characters.
pub(crate) fn paste(d: &mut SaveAs, raw: &str) {
    let text = normalize_paste(raw);
    let line: String = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    d.insert(&line);
}

/// Draws the dialog: the name with its cursor, the folder it goes to, and the question
/// or error.
pub fn draw(frame: &mut Frame, app: &App, d: &SaveAs) {
    let area = centered(frame.area(), 70, 8);
    frame.render_widget(
        Clear,
        crate::tui::app::geometry::with_margin(area, frame.area()),
    );
    let at = d.byte_at(d.cursor);
    let path = resolve(&d.name, home().as_deref());
    let mut lines = vec![
        Line::from(format!(
            " File name: {}▏{}",
            clean(&d.name[..at]),
            clean(&d.name[at..])
        )),
        Line::from(format!(
            " Folder: {}",
            clean(&folder_of(&path).display().to_string())
        )),
    ];
    // The error style of the theme: no colour with NO_COLOR.
    let red = app.theme.error();
    if let Some(p) = &d.confirm {
        let name = p
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        lines.push(Line::styled(
            format!(" {} already exists.", clean(&name)),
            red,
        ));
        lines.push(Line::styled(
            " Overwrite it? y = overwrite, n = change the name",
            red,
        ));
    } else {
        if let Some(e) = &d.error {
            lines.push(Line::styled(format!(" Not saved: {}", clean(e)), red));
        }
        lines.push(Line::from(
            " Enter saves, Esc cancels; ←/→ Home End move; ~ is your home folder.",
        ));
    }
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(" Save as "));
    frame.render_widget(p, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilde_is_the_home_folder() {
        let h = Path::new("/home/ana");
        assert_eq!(resolve("~/post.txt", Some(h)), h.join("post.txt"));
        assert_eq!(resolve(" ~ ", Some(h)), h.to_path_buf());
        assert_eq!(resolve("~bob/x", Some(h)), PathBuf::from("~bob/x"));
        assert_eq!(resolve("~/x", None), PathBuf::from("~/x"));
        assert_eq!(resolve("a/b.txt", Some(h)), PathBuf::from("a/b.txt"));
    }

    #[test]
    fn cursor_edits_in_the_middle() {
        let mut d = SaveAs::with_name("pst.txt");
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        d.edit(k(KeyCode::Home));
        d.edit(k(KeyCode::Right));
        d.edit(k(KeyCode::Char('o')));
        assert_eq!(d.name, "post.txt");
        d.edit(k(KeyCode::End));
        d.edit(k(KeyCode::Left));
        d.edit(k(KeyCode::Backspace));
        assert_eq!(d.name, "post.tt");
        d.edit(k(KeyCode::Delete));
        assert_eq!(d.name, "post.t");
        paste(&mut d, "é\nignored");
        assert_eq!((d.name.as_str(), d.cursor), ("post.té", 7));
    }
}
