//! The editor's state and its pure update function (DESIGN §3, §11).
//!
//! [`App::update`] turns an [`Action`] into a new state and at most one [`Effect`]; the
//! runner performs effects (writing files, quitting) and reports back with actions such as
//! [`Action::Saved`]. Nothing here touches the terminal or the file system, so key sequences
//! can be tested against an `App` directly.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::KeyEvent;

use crate::check::{CheckOptions, Counter, Engine, Finding, PlatformInfo, Totals};

use super::editor::Editor;
use super::editor::widget::Mark;
use super::theme::Theme;
use super::ui;

/// Something that happened: a key, a paste, a resize, or the result of an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A key press.
    Key(KeyEvent),
    /// Bracketed paste (raw; line ends are normalised by the app).
    Paste(String),
    /// The terminal is now `(columns, rows)`.
    Resize(u16, u16),
    /// A save finished: the path written, or an error message.
    Saved(Result<PathBuf, String>),
}

/// A side effect for the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write `text` to `path` atomically, then send [`Action::Saved`].
    Save {
        /// Target file.
        path: PathBuf,
        /// The text to write.
        text: String,
    },
    /// Leave the editor.
    Quit,
}

/// A dialog over the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The key list.
    Help,
    /// "Save as": the file name typed so far.
    SaveAs(String),
    /// "Quit without saving? (y/n)".
    ConfirmQuit,
}

/// Which pane gets the arrow keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The text.
    Editor,
    /// The findings list.
    Findings,
}

/// A one-line message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The message.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
}

/// The whole editor state.
#[derive(Debug)]
pub struct App {
    /// Text, cursor, wrap and scroll.
    pub editor: Editor,
    pub(crate) engine: Option<Arc<Engine>>,
    /// Why the rules failed to load (`file:line:col: message` lines), if they did.
    pub load_error: Option<String>,
    /// Findings of the current text, sorted by (start, end, rule).
    pub findings: Vec<Finding>,
    /// Index of the selected finding.
    pub selected: Option<usize>,
    /// Index into `engine.platforms()`.
    pub(crate) platform: Option<usize>,
    /// The main counter of the current platform.
    pub counter: Option<Counter>,
    /// The file being edited, if any.
    pub file: Option<PathBuf>,
    /// The text as last saved or loaded; `None` when the file on disk differs in form
    /// (line ends converted on load).
    pub(crate) saved_text: Option<String>,
    pub(crate) pending_save: Option<(PathBuf, String)>,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// Which pane has focus.
    pub focus: Focus,
    /// The status-bar message.
    pub status: Option<Status>,
    /// Terminal size `(columns, rows)`.
    pub size: (u16, u16),
    /// Colours on or off.
    pub theme: Theme,
}

impl App {
    /// A new app for `text` (already normalised), loaded from `file` if given. `engine` is
    /// the loaded rules, or the load error text. `platform` picks the initial platform by id
    /// (default: the first the rules define).
    pub fn new(
        text: String,
        file: Option<PathBuf>,
        engine: Result<Arc<Engine>, String>,
        platform: Option<&str>,
    ) -> App {
        let (engine, load_error) = match engine {
            Ok(e) => (Some(e), None),
            Err(e) => (None, Some(e)),
        };
        let mut app = App {
            editor: Editor::new(text.clone()),
            engine,
            load_error,
            findings: Vec::new(),
            selected: None,
            platform: None,
            counter: None,
            file,
            saved_text: Some(text),
            pending_save: None,
            dialog: None,
            focus: Focus::Editor,
            status: None,
            size: (100, 30),
            theme: Theme::default(),
        };
        app.pick_platform(platform);
        app.recheck();
        app.sync_view();
        app
    }

    fn pick_platform(&mut self, wanted: Option<&str>) {
        let platforms = self.platforms();
        let first = (!platforms.is_empty()).then_some(0);
        let found = wanted.map(|id| platforms.iter().position(|p| p.id == id));
        self.platform = match found {
            Some(Some(i)) => Some(i),
            Some(None) => {
                let id = wanted.unwrap_or_default();
                self.set_error(format!("unknown platform `{id}`; F2 picks one"));
                first
            }
            None => first,
        };
    }

    /// The platforms the rules define (empty without rules).
    pub fn platforms(&self) -> &[PlatformInfo] {
        self.engine.as_deref().map_or(&[], Engine::platforms)
    }

    /// The current platform.
    pub fn current_platform(&self) -> Option<&PlatformInfo> {
        self.platform.and_then(|i| self.platforms().get(i))
    }

    /// Whether the text differs from the last saved (or loaded) text.
    pub fn modified(&self) -> bool {
        self.saved_text.as_deref() != Some(self.editor.text())
    }

    /// Marks the text as different from the file on disk (its line ends were converted on
    /// load), so the title shows `*` until it is saved.
    pub fn mark_converted(&mut self) {
        self.saved_text = None;
        self.set_status("line ends converted to LF; save to keep");
    }

    /// Whether rules are loaded (no check runs without them).
    pub fn rules_loaded(&self) -> bool {
        self.engine.is_some()
    }

    /// Finding counts per severity.
    pub fn totals(&self) -> Totals {
        Totals::of(&self.findings)
    }

    /// The selected finding.
    pub fn selected_finding(&self) -> Option<&Finding> {
        self.selected.and_then(|i| self.findings.get(i))
    }

    /// The spans to underline in the text.
    pub fn marks(&self) -> Vec<Mark> {
        self.findings
            .iter()
            .map(|f| Mark {
                start: f.start,
                end: f.end,
                severity: f.severity,
            })
            .collect()
    }

    pub(crate) fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub(crate) fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Handles one action; returns the side effect the runner must perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = match action {
            Action::Key(key) => self.on_key(key),
            Action::Paste(s) => {
                self.on_paste(&s);
                None
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                None
            }
            Action::Saved(result) => {
                self.on_saved(result);
                None
            }
        };
        self.sync_view();
        effect
    }

    /// Re-runs the engine on the current text and platform and keeps the selection on the
    /// same finding when it still exists.
    pub fn recheck(&mut self) {
        let Some(engine) = self.engine.clone() else {
            self.findings.clear();
            self.selected = None;
            self.counter = None;
            return;
        };
        let old = self.selected_finding().map(|f| (f.rule.clone(), f.start));
        let platform = self.current_platform().map(|p| p.id.clone());
        let text = self.editor.text();
        let opts = CheckOptions {
            platform: platform.clone(),
        };
        self.findings = engine.check(text, &opts);
        self.counter = platform.and_then(|p| engine.counters(text, &p).into_iter().next());
        self.selected = old.and_then(|(rule, start)| {
            self.findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.rule == rule)
                .min_by_key(|(_, f)| f.start.abs_diff(start))
                .map(|(i, _)| i)
        });
    }

    /// Selects the finding under the cursor when the selection is not already there.
    pub(crate) fn follow_cursor(&mut self) {
        let c = self.editor.cursor();
        let covers = |f: &Finding| f.start <= c && c < f.end.max(f.start + 1);
        if self.selected_finding().is_some_and(covers) {
            return;
        }
        if let Some(i) = self.findings.iter().position(covers) {
            self.selected = Some(i);
        }
    }

    /// Tells the editor its pane size and keeps the cursor visible.
    pub fn sync_view(&mut self) {
        let areas = ui::areas(self.size, self.load_error.is_some());
        self.editor.set_width(areas.text.width as usize);
        self.editor.scroll_to_cursor(areas.text.height as usize);
    }

    fn on_saved(&mut self, result: Result<PathBuf, String>) {
        let pending = self.pending_save.take();
        match result {
            Ok(path) => {
                if let Some((_, text)) = pending {
                    self.saved_text = Some(text);
                }
                self.set_status(format!("saved {}", path.display()));
                self.file = Some(path);
            }
            Err(e) => self.set_error(format!("not saved: {e} (the text is still here)")),
        }
    }

    pub(crate) fn save_effect(&mut self, path: PathBuf) -> Option<Effect> {
        let text = self.editor.text().to_string();
        self.pending_save = Some((path.clone(), text.clone()));
        Some(Effect::Save { path, text })
    }
}
