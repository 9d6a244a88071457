//! Shared helpers for the TUI tests: a rule folder written in a temp dir, an `App` built on
//! it, and key helpers.

#![allow(dead_code)]

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tact::rules::{LoadOptions, load_engine};
use tact::tui::{Action, App, Effect, ui};
use unicode_width::UnicodeWidthStr;

pub const TERMS: &str = r#"schema = 1
[pack]
id = "terms"
version = "1"
[[rule]]
id = "kyiv"
kind = "substitute"
category = "terms"
severity = "warn"
message = "`{match}` is the Russian-derived spelling"
why = "Ukraine's government and the UN use Kyiv."
replace = { "Kiev" = "Kyiv" }
examples.flag = ["Kiev"]
examples.pass = ["Kyiv"]
"#;

pub const CLASSIFICATION: &str = r#"schema = 1
[pack]
id = "classification"
version = "1"
[[rule]]
id = "us-banner"
kind = "pattern"
category = "leak"
severity = "block"
message = "classification banner `{match}` in a public post"
why = "A banner marks a classified document; it never belongs in a public post."
patterns = ['(?m)^(?:TOP SECRET|SECRET|CONFIDENTIAL)//[A-Z]+']
examples.flag = ["SECRET//NOFORN"]
examples.pass = ["The secret of diplomacy is listening."]
"#;

pub const PLATFORMS: &str = r#"schema = 1
[pack]
id = "platforms"
version = "1"
[[rule]]
id = "x-length"
kind = "limit"
category = "platform"
severity = "block"
message = "{count}/{max} {unit} on {platform}"
why = "X rejects longer posts."
platform = "x"
platform-name = "X"
unit = "x-weighted"
max = 280
examples.flag = []
examples.pass = ["short"]
[[rule]]
id = "bluesky-length"
kind = "limit"
category = "platform"
severity = "block"
message = "{count}/{max} {unit} on {platform}"
why = "Bluesky rejects longer posts."
platform = "bluesky"
platform-name = "Bluesky"
unit = "graphemes"
max = 300
examples.flag = []
examples.pass = ["short"]
"#;

/// A temp rule folder with the three packs; keep the `TempDir` alive while using the engine.
pub fn rules_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("terms.toml"), TERMS).unwrap();
    std::fs::write(dir.path().join("classification.toml"), CLASSIFICATION).unwrap();
    std::fs::write(dir.path().join("platforms.toml"), PLATFORMS).unwrap();
    dir
}

/// An app on the test rules, `(columns, rows)` terminal, platform X.
pub fn app_with(text: &str, size: (u16, u16)) -> App {
    let dir = rules_dir();
    let engine = load_engine(&LoadOptions {
        builtin: false,
        dirs: vec![dir.path().to_path_buf()],
        ..LoadOptions::default()
    })
    .unwrap_or_else(|e| panic!("test rules failed to load:\n{e}"));
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
