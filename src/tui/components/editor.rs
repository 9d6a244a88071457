//! The text pane: its commands (typing, deleting, moving, the editor's clipboard), mouse
//! clicks and the wheel, and its drawing (the frame with the counters, the text with the
//! findings underlined, the terminal cursor). The buffer, wrap and widget are in
//! [`crate::tui::editor`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::pane_block;
use super::title::{counter_label, over_limit};
use crate::model::Category;
use crate::tui::app::{App, Effect, Focus};
use crate::tui::editor::widget::{EditorView, Mark, MarkKind, cursor_position};
use crate::tui::editor::{EditKind, normalize_paste};

/// A cursor move; with Shift held it extends the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// One grapheme left.
    Left,
    /// One grapheme right.
    Right,
    /// One word left.
    WordLeft,
    /// One word right.
    WordRight,
    /// One visual row up.
    Up,
    /// One visual row down.
    Down,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// Start of the visual row, again: of the line.
    Home,
    /// End of the visual row, again: of the line.
    End,
    /// Start of the text.
    TextStart,
    /// End of the text.
    TextEnd,
}

impl Motion {
    /// Up/Down moves keep the preferred column.
    fn vertical(self) -> bool {
        matches!(
            self,
            Motion::Up | Motion::Down | Motion::PageUp | Motion::PageDown
        )
    }
}

/// A command of the text pane (bound in [`crate::tui::app::keymap::KEYMAP`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorCommand {
    /// Insert the typed character.
    Type,
    /// Insert a line break.
    NewLine,
    /// Delete the grapheme left of the cursor (or the selection).
    Backspace,
    /// Delete the grapheme right of the cursor (or the selection).
    Delete,
    /// Delete the word left of the cursor.
    DeleteWordLeft,
    /// Delete the word right of the cursor.
    DeleteWordRight,
    /// Undo one step.
    Undo,
    /// Redo one step.
    Redo,
    /// Cut the selection (also to the system clipboard).
    Cut,
    /// Copy the selection (also to the system clipboard).
    Copy,
    /// Paste the editor's clipboard.
    Paste,
    /// Select the whole text.
    SelectAll,
    /// Move the cursor.
    Move(Motion),
}

impl App {
    /// Runs a command of the text pane; `key` is the key that asked for it (the typed
    /// character, Shift for the selection).
    pub(crate) fn editor_command(&mut self, c: EditorCommand, key: &KeyEvent) -> Option<Effect> {
        let b = &mut self.editor.buffer;
        let changed = match c {
            EditorCommand::Type => {
                let KeyCode::Char(ch) = key.code else {
                    return None;
                };
                b.insert(ch.encode_utf8(&mut [0; 4]), EditKind::Typing);
                true
            }
            EditorCommand::NewLine => {
                b.insert("\n", EditKind::Typing);
                true
            }
            EditorCommand::Backspace => b.backspace(),
            EditorCommand::Delete => b.delete(),
            EditorCommand::DeleteWordLeft => b.delete_word_left(),
            EditorCommand::DeleteWordRight => b.delete_word_right(),
            EditorCommand::Undo => b.undo(),
            EditorCommand::Redo => b.redo(),
            EditorCommand::Paste => {
                let clip = self.clipboard.clone();
                b.insert_str(&clip);
                true
            }
            EditorCommand::Cut => return self.cut(),
            EditorCommand::Copy => return self.copy(),
            EditorCommand::SelectAll => {
                b.select_all();
                return None;
            }
            EditorCommand::Move(m) => {
                self.move_cursor(m, key.modifiers.contains(KeyModifiers::SHIFT));
                return None;
            }
        };
        if changed {
            self.edited();
        }
        None
    }

    fn cut(&mut self) -> Option<Effect> {
        let b = &mut self.editor.buffer;
        let cut = b.selected_text().to_string();
        if cut.is_empty() {
            return None;
        }
        b.delete_selection();
        self.clipboard = cut.clone();
        self.edited();
        self.set_status("cut");
        Some(Effect::Copy(cut))
    }

    fn copy(&mut self) -> Option<Effect> {
        let text = self.editor.buffer.selected_text().to_string();
        if text.is_empty() {
            self.set_status("nothing selected to copy (Shift+arrows or Ctrl+A select)");
            return None;
        }
        self.clipboard = text.clone();
        self.set_status("copied");
        Some(Effect::Copy(text))
    }

    fn move_cursor(&mut self, m: Motion, extend: bool) {
        let page = self.size.1.saturating_sub(6).max(1) as isize;
        let ed = &mut self.editor;
        ed.buffer.select(extend);
        if !m.vertical() {
            ed.reset_column();
        }
        match m {
            Motion::WordLeft => ed.word_left(),
            Motion::WordRight => ed.word_right(),
            Motion::Left => ed.left(),
            Motion::Right => ed.right(),
            Motion::Up => ed.move_rows(-1),
            Motion::Down => ed.move_rows(1),
            Motion::PageUp => ed.move_rows(-page),
            Motion::PageDown => ed.move_rows(page),
            Motion::TextStart => ed.buffer.set_cursor(0),
            Motion::TextEnd => ed.buffer.set_cursor(usize::MAX),
            Motion::Home => ed.home(),
            Motion::End => ed.end(),
        }
        self.follow_cursor();
    }

    /// A paste into the text (already normalised): one undo step.
    pub(crate) fn paste(&mut self, raw: &str) {
        self.focus = Focus::Editor;
        self.editor.buffer.insert_str(&normalize_paste(raw));
        self.edited();
    }

    /// A click at `(row, col)` of the text area: the cursor goes there.
    pub(crate) fn click_text(&mut self, row: usize, col: usize) {
        let pos = self.editor.offset_at(row, col);
        self.editor.buffer.select(false);
        self.editor.buffer.set_cursor(pos);
        self.editor.reset_column();
        self.focus = Focus::Editor;
        self.follow_cursor();
    }

    /// A drag to `(row, col)` of the text area: the selection runs from where the button
    /// went down to there.
    pub(crate) fn drag_text(&mut self, row: usize, col: usize) {
        let pos = self.editor.offset_at(row, col);
        self.editor.buffer.select(true);
        self.editor.buffer.set_cursor(pos);
        self.editor.reset_column();
    }

    /// Scrolls the text by `rows`; the cursor moves along so it stays in view.
    pub(crate) fn wheel(&mut self, rows: isize, height: usize) {
        self.editor.buffer.select(false);
        self.editor.scroll_by(rows, height);
        self.editor.move_rows(rows);
    }

    /// After any change of the text: re-check, forget the preferred column, follow the cursor.
    pub(crate) fn edited(&mut self) {
        self.editor.reset_column();
        self.recheck();
        self.follow_cursor();
    }

    /// The spans to mark in the text: each finding underlined (a tone finding: only the
    /// words that contributed to its score), and the text beyond a platform limit
    /// highlighted as overflow.
    pub fn marks(&self) -> Vec<Mark> {
        let limits: Vec<&str> = self.rules.engine.as_deref().map_or_else(Vec::new, |e| {
            e.rules()
                .iter()
                .filter(|r| r.matcher.is_whole_text())
                .map(|r| r.id.as_str())
                .collect()
        });
        let mut out = Vec::with_capacity(self.findings.len());
        for f in &self.findings {
            let mark = |start, end, kind| Mark {
                start,
                end,
                severity: f.severity,
                kind,
            };
            match &f.tone {
                Some(t) if !t.contributions.is_empty() => out.extend(
                    t.contributions
                        .iter()
                        .map(|c| mark(c.start, c.end, MarkKind::Finding)),
                ),
                _ => out.push(mark(f.start, f.end, MarkKind::Finding)),
            }
            if f.category == Category::Platform && limits.contains(&f.rule.as_str()) {
                out.push(mark(f.start, f.end, MarkKind::Overflow));
            }
        }
        out
    }
}

/// The editor frame, the text and the terminal cursor.
pub fn draw(frame: &mut Frame, area: Rect, text_area: Rect, app: &App) {
    let focused = app.focus == Focus::Editor && app.dialog.is_none();
    // The cursor's line and column on the left of the bottom border, the counter on the
    // right: every limit with its unit if that fits, else without the position, else the
    // main limit alone.
    let mut pos = Some(format!(" {} ", super::status::position_label(app)));
    let mut block = pane_block(" Draft ", focused);
    if !app.counters.is_empty() {
        let width = area.width as usize;
        let len = |s: &str| s.chars().count();
        let full = format!(" {} ", counter_label(app, true, true));
        let label = match pos.as_deref().map_or(0, len) {
            p if len(&full) + p + 4 <= width => full,
            _ if len(&full) + 4 <= width => {
                pos = None;
                full
            }
            _ => format!(" {} ", counter_label(app, true, false)),
        };
        let style = if over_limit(app) {
            app.theme.error()
        } else {
            Style::new()
        };
        block = block.title_bottom(Line::styled(label, style).right_aligned());
    }
    if let Some(p) = pos {
        block = block.title_bottom(Line::from(p));
    }
    frame.render_widget(block, area);
    let layout = app.editor.layout();
    let marks = app.marks();
    let text = app.editor.text();
    let view = EditorView {
        text,
        layout,
        scroll: app.editor.scroll(),
        marks: &marks,
        selection: app.editor.buffer.selection(),
        styles: app.theme.editor(),
    };
    frame.render_widget(view, text_area);
    if focused
        && let Some(pos) = cursor_position(
            text,
            layout,
            app.editor.scroll(),
            app.editor.cursor(),
            text_area,
        )
    {
        frame.set_cursor_position(pos);
    }
}
