//! The editor's state and its pure update function (DESIGN §3, §11).
//!
//! [`App::update`] turns an [`Action`] into a new state and at most one [`Effect`]; the
//! runner performs effects (writing files, quitting) and reports back with actions such as
//! [`Action::Saved`]. Nothing here touches the terminal or the file system, so key sequences
//! can be tested against an `App` directly.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::engine::{Counter, Engine, Matcher, PlatformInfo};
use crate::load::config::Account;
use crate::model::{Category, Finding, Totals};
use crate::publish::{Request, Settings};

use super::autosave::Offer;
use super::checker::{CheckRequest, CheckResult, run_check};
use super::editor::Editor;
use super::editor::widget::{Mark, MarkKind};
use super::reload::{ReloadFailure, ReloadResult};
use super::theme::Theme;
use super::ui;

/// Something that happened: a key, a paste, a resize, or the result of an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A key press.
    Key(KeyEvent),
    /// Bracketed paste (raw; line ends are normalised by the app).
    Paste(String),
    /// The terminal is now `(columns, rows)`.
    Resize(u16, u16),
    /// A save finished: the path written, or an error message.
    Saved(Result<PathBuf, String>),
    /// A mouse event (click, wheel).
    Mouse(MouseEvent),
    /// The check worker finished a generation.
    Checked(CheckResult),
    /// A clear finished: the outbox file written, or an error message.
    Published(Result<PathBuf, String>),
    /// A reload of the rules finished (file change or Ctrl+R).
    Reloaded(ReloadResult),
}

/// A side effect for the runner.
#[derive(Debug, Clone, PartialEq)]
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
    /// Copy text to the system clipboard (OSC 52).
    Copy(String),
    /// Clear a post: copy it (OSC 52), write the outbox file and the audit record, then
    /// send [`Action::Published`].
    Publish(Box<Request>),
    /// The writer declined a recovery offer: put the autosave aside.
    DeclineRecovery(PathBuf),
    /// The writer accepted a recovery offer: the old autosave is no longer needed.
    AcceptRecovery(PathBuf),
    /// Load the rules again from disk (Ctrl+R), then send [`Action::Reloaded`].
    Reload,
}

/// The publish dialog's state (Ctrl+P).
#[derive(Debug, Clone)]
pub struct PublishDialog {
    /// The justification typed so far (our editor widget, multi-line).
    pub justification: Editor,
    /// The official-account confirmation step is showing.
    pub confirming: bool,
    /// Why the last attempt to clear was refused.
    pub error: Option<String>,
}

impl PartialEq for PublishDialog {
    fn eq(&self, other: &Self) -> bool {
        self.justification.text() == other.justification.text()
            && self.confirming == other.confirming
            && self.error == other.error
    }
}

/// A dialog over the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The key list.
    Help,
    /// "Save as": the file name typed so far.
    SaveAs(String),
    /// "Quit without saving? (y/n)".
    ConfirmQuit,
    /// The fixes of finding `finding` to choose from; `index` is highlighted.
    Choices {
        /// Index into the findings.
        finding: usize,
        /// Highlighted fix.
        index: usize,
    },
    /// F2: account and platform; `index` into [`App::targets`].
    Target(usize),
    /// The publish gate.
    Publish(Box<PublishDialog>),
    /// An autosave offered for recovery on start.
    Recovery(Box<Offer>),
}

/// One entry of the F2 list: an account (with its platform) or a platform alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Index into the configured accounts, if an account.
    pub account: Option<usize>,
    /// Index into the engine's platforms.
    pub platform: usize,
    /// The label shown.
    pub label: String,
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
    /// Why the last *re*load failed (the last good rules stay in force), if it did.
    pub reload_error: Option<ReloadFailure>,
    /// The platform id asked for at start (used when rules first load on a reload).
    pub(crate) platform_wanted: Option<String>,
    /// Findings of the current text, sorted by (start, end, rule).
    pub findings: Vec<Finding>,
    /// Index of the selected finding.
    pub selected: Option<usize>,
    /// Index into `engine.platforms()`.
    pub(crate) platform: Option<usize>,
    /// The main counter of the current platform (the first of `counters`).
    pub counter: Option<Counter>,
    /// Every counter of the current platform, one per limit (Bluesky: graphemes and bytes).
    pub counters: Vec<Counter>,
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
    /// Publish settings, accounts and author (from `tact.toml`).
    pub settings: Settings,
    /// Index into `settings.accounts` of the selected account.
    pub account: Option<usize>,
    /// Checks run on the worker (`true` in the terminal); `false` checks inline (tests).
    pub async_checks: bool,
    /// A check of the current text is pending ("checking…").
    pub checking: bool,
    pub(crate) check_gen: u64,
    pub(crate) check_wanted: bool,
    /// The editor's own clipboard (Ctrl+C / Ctrl+X / Ctrl+V).
    pub clipboard: String,
    /// The last cleared text (printed on exit when stdout is not a terminal).
    pub cleared: Option<String>,
    pub(crate) pending_publish: Option<String>,
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
            reload_error: None,
            platform_wanted: platform.map(str::to_string),
            findings: Vec::new(),
            selected: None,
            platform: None,
            counter: None,
            counters: Vec::new(),
            file,
            saved_text: Some(text),
            pending_save: None,
            dialog: None,
            focus: Focus::Editor,
            status: None,
            size: (100, 30),
            theme: Theme::default(),
            settings: Settings::default(),
            account: None,
            async_checks: false,
            checking: false,
            check_gen: 0,
            check_wanted: false,
            clipboard: String::new(),
            cleared: None,
            pending_publish: None,
        };
        app.pick_platform(platform);
        app.recheck();
        app.sync_view();
        app
    }

    pub(crate) fn pick_platform(&mut self, wanted: Option<&str>) {
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

    /// Whether an autosave is being offered for recovery and the writer has not answered:
    /// until then that autosave must not be overwritten (closing the terminal at the prompt
    /// must not lose the draft it offers).
    pub fn recovery_pending(&self) -> bool {
        matches!(self.dialog, Some(Dialog::Recovery(_)))
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

    /// Whether an error banner is up (rules failed to load, or a reload failed).
    pub fn banner_shown(&self) -> bool {
        self.load_error.is_some() || self.reload_error.is_some()
    }

    /// Finding counts per severity.
    pub fn totals(&self) -> Totals {
        Totals::of(&self.findings)
    }

    /// The selected finding.
    pub fn selected_finding(&self) -> Option<&Finding> {
        self.selected.and_then(|i| self.findings.get(i))
    }

    /// The spans to mark in the text: each finding underlined (a tone finding: only the
    /// words that contributed to its score), and the text beyond a platform limit
    /// highlighted as overflow.
    pub fn marks(&self) -> Vec<Mark> {
        let limits: Vec<&str> = self.engine.as_deref().map_or_else(Vec::new, |e| {
            e.rules()
                .iter()
                .filter(|r| matches!(r.matcher, Matcher::Limit(_)))
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
            Action::Mouse(m) => self.on_mouse(m),
            Action::Checked(r) => {
                self.on_checked(r);
                None
            }
            Action::Published(r) => {
                self.on_published(r);
                None
            }
            Action::Reloaded(r) => {
                self.on_reloaded(r);
                None
            }
        };
        self.sync_view();
        effect
    }

    /// Checks the current text and platform again: inline, or (with `async_checks`) by
    /// asking the runner for a worker check ([`App::take_check_request`]).
    pub fn recheck(&mut self) {
        let Some(engine) = self.engine.clone() else {
            self.findings.clear();
            self.selected = None;
            self.counter = None;
            self.counters.clear();
            return;
        };
        self.check_gen += 1;
        if self.async_checks {
            self.checking = true;
            self.check_wanted = true;
            return;
        }
        let req = CheckRequest {
            generation: self.check_gen,
            engine,
            text: Arc::from(self.editor.text()),
            platform: self.current_platform().map(|p| p.id.clone()),
        };
        self.on_checked(run_check(&req));
    }

    /// The pending worker check, if the text or platform changed since the last request.
    /// `text` is the current text (the runner shares one copy with the autosave).
    pub fn take_check_request(&mut self, text: Arc<str>) -> Option<CheckRequest> {
        if !std::mem::take(&mut self.check_wanted) {
            return None;
        }
        Some(CheckRequest {
            generation: self.check_gen,
            engine: self.engine.clone()?,
            text,
            platform: self.current_platform().map(|p| p.id.clone()),
        })
    }

    /// Takes a check result; results of an older generation are dropped (stale).
    fn on_checked(&mut self, r: CheckResult) {
        if r.generation != self.check_gen {
            return;
        }
        self.checking = false;
        let old = self.selected_finding().map(|f| (f.rule.clone(), f.start));
        self.findings = r.findings;
        self.counter = r.counters.first().copied();
        self.counters = r.counters;
        self.selected = old.and_then(|(rule, start)| {
            self.findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.rule == rule)
                .min_by_key(|(_, f)| f.start.abs_diff(start))
                .map(|(i, _)| i)
        });
    }

    /// The selected account.
    pub fn current_account(&self) -> Option<&Account> {
        self.account.and_then(|i| self.settings.accounts.get(i))
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
        let areas = ui::areas(self.size, self.banner_shown());
        self.editor.set_width(areas.text.width as usize);
        self.editor.scroll_to_cursor(areas.text.height as usize);
        let size = self.size;
        if let Some(Dialog::Publish(p)) = &mut self.dialog {
            let r = super::dialogs::justification_area(size);
            p.justification.set_width(r.width as usize);
            p.justification.scroll_to_cursor(r.height as usize);
        }
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
