//! Shared helpers for the TUI tests: the editor's rule folder, an `App` built on it, key
//! helpers and the screen as text.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tact::tui::{Action, App, Effect, ui};
use unicode_width::UnicodeWidthStr;

use super::rules::{fixture, fixture_copy, load, only};

/// A temp copy of the editor's rule folder (`tests/fixtures/editor`: a substitute, a
/// pattern and two limit rules), for tests that change rule files; keep the `TempDir` alive.
pub fn rules_dir() -> tempfile::TempDir {
    fixture_copy("editor")
}

/// An app on the editor's test rules (`tests/fixtures/editor`), `(columns, rows)` terminal,
/// platform X.
pub fn app_with(text: &str, size: (u16, u16)) -> App {
    let engine = load(&only(&[&fixture("editor")]));
    let mut app = App::new(text.into(), None, Ok(Arc::new(engine)), Some("x"));
    app.update(Action::Resize(size.0, size.1));
    app
}

pub fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn key_mod(code: KeyCode, mods: KeyModifiers) -> Action {
    Action::Key(KeyEvent::new(code, mods))
}

pub fn ctrl(c: char) -> Action {
    key_mod(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Types `s` key by key (`\n` as Enter).
pub fn type_str(app: &mut App, s: &str) -> Vec<Effect> {
    s.chars()
        .filter_map(|c| {
            let k = if c == '\n' {
                key(KeyCode::Enter)
            } else {
                key(KeyCode::Char(c))
            };
            app.update(k)
        })
        .collect()
}

/// Draws `app` into a TestBackend of its size.
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The screen as text; the cell hidden behind a wide character is skipped.
pub fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let s = buf[(x, y)].symbol();
                line.push_str(s);
                skip = s.width().saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen's words in order, borders dropped: a sentence wrapped over rows of one pane
/// reads whole (when nothing is beside it).
pub fn words(screen: &str) -> String {
    screen
        .replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `(x, y)` of the first cell of `needle` on row `y` (columns, not bytes).
pub fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let cells: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let first: Vec<String> = needle.chars().map(String::from).collect();
        for x in 0..cells.len().saturating_sub(first.len()) {
            if cells[x..x + first.len()]
                .iter()
                .zip(&first)
                .all(|(a, b)| *a == b)
            {
                return (x as u16, y);
            }
        }
    }
    panic!("{needle:?} not on screen:\n{}", screen(buf));
}
