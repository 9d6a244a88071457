//! The pure update function (DESIGN §3, §11): [`App::update`] turns an [`Action`] into a
//! new state and at most one [`Effect`]; the runner performs effects (writing files,
//! quitting) and reports back with actions such as [`Action::Saved`]. Nothing here
//! touches the terminal or the file system, so key sequences can be tested against an
//! `App` directly.
//!
//! Keys go through the keymap ([`super::command`]) to the component that owns them.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyEvent, MouseEvent};

use super::geometry;
use super::state::App;
use crate::publish::Request;
use crate::tui::components::show_path;
use crate::tui::dialogs::Dialog;
use crate::tui::runtime::checker::{CheckRequest, CheckResult, run_check};
use crate::tui::runtime::reload::ReloadResult;
use crate::tui::runtime::save::Stamp;

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
    /// A save that must not overwrite found the file already there (nothing written).
    SaveExists(PathBuf),
    /// A save found that the file changed on disk since it was opened or last saved here
    /// (nothing written): the app asks whether to overwrite it.
    SaveChanged(PathBuf),
    /// An autosave finished: `Err` holds why it failed (in plain words).
    Autosaved(Result<(), String>),
    /// A mouse event (click, wheel).
    Mouse(MouseEvent),
    /// The check worker finished a generation.
    Checked(CheckResult),
    /// A clear finished: the outbox file written, or an error message.
    Published(Result<PathBuf, String>),
    /// A reload of the rules finished (file change or Ctrl+R).
    Reloaded(ReloadResult),
    /// How many other running tact editors have this file open now (the runner polls their
    /// autosave locks, [`crate::tui::runtime::autosave::other_editors`]).
    OtherEditors(usize),
}

/// The list order of `findings`: blocks first, then warnings, then info; by position
/// within a severity.
pub(crate) fn list_order(findings: &[crate::model::Finding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(findings[i].severity),
            findings[i].start,
            i,
        )
    });
    order
}

/// Bytes between offset `at` and the span `start..end` (0 inside it).
fn distance(start: usize, end: usize, at: usize) -> usize {
    if at < start {
        start - at
    } else {
        at.saturating_sub(end.max(start + 1) - 1)
    }
}

/// The largest text (in bytes) checked on the calling thread when checks are inline
/// ([`App::async_checks`] off); a larger one is only ever checked on the worker, and the
/// status says so.
pub const CHECK_INLINE_MAX: usize = 1_000_000;

/// The largest text (in bytes) the editor checks at all. A larger draft is kept, edited,
/// saved and autosaved as usual but not checked: its only finding is
/// [`Finding::too_large`](crate::model::Finding::too_large), so the gate refuses it, and the
/// status says to split it.
pub const EDITOR_CHECK_MAX: usize = 64_000_000;

/// "another tact editor", or "N other tact editors".
fn others_label(n: usize) -> String {
    if n == 1 {
        "another tact editor".to_string()
    } else {
        format!("{n} other tact editors")
    }
}

/// Other editors seen on this file.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Others {
    /// How many other running editors have it open.
    pub count: usize,
    /// The user has been warned at a Ctrl+S since the count last grew.
    pub acknowledged: bool,
}

/// A side effect for the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write `text` to `path` atomically, then send [`Action::Saved`].
    Save {
        /// Target file.
        path: PathBuf,
        /// The text to write, with the file's line ends (CR LF when it had them).
        text: String,
        /// Replace an existing file; when false and the file exists, nothing is written
        /// and [`Action::SaveExists`] comes back.
        overwrite: bool,
        /// What the file must still hold for the save to go ahead; when it holds something
        /// else, nothing is written and [`Action::SaveChanged`] comes back. `None`: no check.
        expect: Option<Stamp>,
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

impl App {
    /// Handles one action; returns the side effect the runner must perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = match action {
            // A terminal too small to draw the editor takes only Ctrl+Q and the answer to the
            // quit question: nothing is typed or changed blind.
            Action::Key(key) if self.blind() && !self.quit_key(&key) => None,
            Action::Paste(_) if self.blind() => None,
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
            Action::SaveExists(path) => {
                self.saved.pending = None;
                self.save_as_failed(path, true, "");
                None
            }
            Action::SaveChanged(path) => {
                self.saved.pending = None;
                self.dialog = Some(Dialog::ChangedOnDisk(path));
                None
            }
            Action::Autosaved(r) => {
                self.on_autosaved(r);
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
            Action::OtherEditors(n) => {
                self.set_other_editors(n);
                None
            }
        };
        self.refresh_thread();
        self.fit_view();
        self.follow_edits();
        effect
    }

    /// Whether the terminal is too small to draw the editor ([`geometry::too_small`]).
    fn blind(&self) -> bool {
        geometry::too_small(self.size)
    }

    /// Ctrl+Q, or any key while the quit question is open (its y/n/Esc).
    fn quit_key(&self, key: &crossterm::event::KeyEvent) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        matches!(
            self.dialog,
            Some(super::super::dialogs::Dialog::ConfirmQuit)
        ) || (key.code == KeyCode::Char('q') && key.modifiers.contains(KeyModifiers::CONTROL))
    }

    /// Checks the current text and platform again: inline, or (with `async_checks`) by
    /// asking the runner for a worker check ([`App::take_check_request`]).
    pub fn recheck(&mut self) {
        // The findings shown (of an older text) move with the edits first.
        self.follow_edits();
        let Some(engine) = self.rules.engine.clone() else {
            self.findings.clear();
            self.order.clear();
            self.selected = None;
            self.counter = None;
            self.counters.clear();
            return;
        };
        self.checks.generation += 1;
        let len = self.editor.text().len();
        let max = self.check_max;
        if len > max {
            self.set_status(format!(
                "draft too large to check ({:.1} MB, the most is {:.1} MB): it is kept and saved, but cannot be cleared; split it",
                len as f64 / 1e6,
                max as f64 / 1e6
            ));
            self.checks.wanted = false;
            self.on_checked(CheckResult {
                generation: self.checks.generation,
                findings: vec![crate::model::Finding::too_large(len, max)],
                counters: Vec::new(),
                recheck_in: None,
                partial: None,
            });
            return;
        }
        let large = len > CHECK_INLINE_MAX;
        if large && !self.large_noted {
            self.large_noted = true;
            self.set_status(format!(
                "large draft (over {:.1} MB): checked in the background, findings may lag behind typing",
                CHECK_INLINE_MAX as f64 / 1e6
            ));
        }
        if self.async_checks || large {
            self.checking = true;
            self.checks.wanted = true;
            return;
        }
        let req = CheckRequest {
            generation: self.checks.generation,
            engine,
            text: Arc::from(self.editor.text()),
            platform: self.current_platform().map(|p| p.id.clone()),
            quick: None,
        };
        self.on_checked(run_check(&req));
    }

    /// The pending worker check, if the text or platform changed since the last request.
    /// `text` is the current text (the runner shares one copy with the autosave).
    pub fn take_check_request(&mut self, text: Arc<str>) -> Option<CheckRequest> {
        if !std::mem::take(&mut self.checks.wanted) {
            return None;
        }
        let req = CheckRequest {
            generation: self.checks.generation,
            engine: self.rules.engine.clone()?,
            quick: self.quick_range(&text),
            text,
            platform: self.current_platform().map(|p| p.id.clone()),
        };
        self.track(req.generation, req.platform.clone(), req.engine.clone());
        Some(req)
    }

    /// Takes a check result. A result of the latest text ends "checking…"; one of an older
    /// text is taken only when it is newer than the findings shown, its spans moved onto
    /// the text on screen ([`super::stale`]), and "checking…" stays; else it is dropped.
    fn on_checked(&mut self, r: CheckResult) {
        self.follow_edits();
        if let Some(range) = &r.partial {
            // The paragraphs around the edit, of the text on screen: shown at once;
            // "checking…" stays until the whole text reports.
            if r.generation != self.checks.generation {
                return;
            }
            let old = self.selected_finding().map(|f| (f.rule.clone(), f.start));
            self.findings = self.with_partial(range, r.findings);
            self.order = list_order(&self.findings);
            self.checks.shown = r.generation;
            self.checks.unchecked = None;
            self.selected = old.and_then(|(rule, start)| {
                self.findings
                    .iter()
                    .position(|f| f.rule == rule && f.start == start)
            });
            if self.selected.is_none() {
                self.follow_cursor();
            }
            return;
        }
        let findings = if r.generation == self.checks.generation {
            self.checks.tracked.retain(|t| t.generation > r.generation);
            self.checking = false;
            self.checks.unchecked = None;
            r.findings
        } else {
            match self.catch_up(r.generation, r.findings) {
                Some(f) => f,
                None => return,
            }
        };
        self.checks.shown = r.generation;
        let old = self.selected_finding().map(|f| (f.rule.clone(), f.start));
        self.findings = findings;
        self.order = list_order(&self.findings);
        self.counter = r.counters.first().copied();
        self.counters = r.counters;
        let cur = self.editor.cursor();
        self.selected = if std::mem::take(&mut self.select_near_cursor) {
            // After a fix: the finding at or nearest the cursor, not another occurrence of
            // the same rule elsewhere.
            self.findings
                .iter()
                .enumerate()
                .min_by_key(|(_, f)| distance(f.start, f.end, cur))
                .map(|(i, _)| i)
        } else {
            old.clone().and_then(|(rule, start)| {
                self.findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.rule == rule)
                    .min_by_key(|(_, f)| f.start.abs_diff(start))
                    .map(|(i, _)| i)
            })
        };
        if self.selected.is_none() {
            self.follow_cursor();
        }
        // The detail starts at its top for another finding (the index alone may now name a
        // different finding), and keeps its place when the same one is still selected.
        let now = self.selected_finding().map(|f| (f.rule.clone(), f.start));
        if now != old {
            self.detail_scroll = Default::default();
        }
    }

    /// Fits the editors to the screen geometry: wraps the text at its pane's width and
    /// keeps the cursor in view (also in the publish dialog's justification box).
    pub fn fit_view(&mut self) {
        let areas = geometry::areas(self.size, self.banner_shown(), self.findings.len());
        self.editor.set_width(areas.text.width as usize);
        self.editor.scroll_to_cursor(areas.text.height as usize);
        let size = self.size;
        let rows = match &self.dialog {
            Some(Dialog::Publish(p)) => self.gate_text_rows(p),
            _ => (1, 1),
        };
        if let Some(Dialog::Publish(p)) = &mut self.dialog {
            let r = geometry::justification_area(size, rows.0, rows.1);
            p.justification.set_width(r.width as usize);
            p.justification.scroll_to_cursor(r.height as usize);
        }
    }

    /// A paste: into the open dialog, if any, else into the text.
    fn on_paste(&mut self, raw: &str) {
        if self.dialog.is_some() {
            self.dialog_paste(raw);
        } else {
            self.paste(raw);
        }
    }

    /// Takes the number of other editors on this file: when it grows, the status says so at
    /// once, and the next Ctrl+S asks first ([`App::save_warned`]).
    pub fn set_other_editors(&mut self, n: usize) {
        if n > self.others.count
            && let Some(f) = &self.file
        {
            self.set_error(format!(
                "{} is also open in {}: saving asks first",
                show_path(f),
                others_label(n)
            ));
            self.others.acknowledged = false;
        }
        self.others.count = n;
    }

    /// Ctrl+S while another editor has the file open: the first press only warns (once per
    /// newly seen editor); `true` when the save may go ahead.
    pub(crate) fn save_warned(&mut self) -> bool {
        if self.others.count == 0 || self.others.acknowledged {
            return true;
        }
        self.others.acknowledged = true;
        let f = self.file.as_deref().map(show_path).unwrap_or_default();
        self.set_error(format!(
            "{f} is also open in {}: its changes may be overwritten; Ctrl+S again saves",
            others_label(self.others.count)
        ));
        false
    }

    fn on_saved(&mut self, result: Result<PathBuf, String>) {
        let pending = self.saved.pending.take();
        match result {
            Ok(path) => {
                if let Some((_, text)) = pending {
                    let stamp = Stamp::of_bytes(self.disk_text(&text).as_bytes());
                    self.saved.disk = Some((path.clone(), stamp));
                    self.saved.text = Some(text);
                }
                self.saved.asked = None;
                self.set_status(format!("saved {}", show_path(&path)));
                self.file = Some(path);
            }
            Err(e) => {
                if let Some((path, _)) = pending {
                    if self.saved.asked.is_none() {
                        // A named file that cannot be written: offer another place.
                        let name = path.display().to_string();
                        self.saved.asked =
                            Some(crate::tui::dialogs::save_as::SaveAs::with_name(&name));
                    }
                    self.save_as_failed(path, false, &e);
                }
                self.set_error(format!("not saved: {e} (the text is still here)"));
            }
        }
    }

    /// An autosave result: a failure puts up the banner until an autosave succeeds again.
    fn on_autosaved(&mut self, r: Result<(), String>) {
        match r {
            Ok(()) => {
                if self.autosave_error.take().is_some() {
                    self.set_status("autosave works again: the draft is safe on disk");
                }
            }
            Err(e) => self.autosave_error = Some(e),
        }
    }

    /// Saves the open file (replacing it), unless it changed on disk since it was opened or
    /// last saved here (then [`Action::SaveChanged`] comes back and the app asks).
    pub(crate) fn save_effect(&mut self, path: PathBuf) -> Option<Effect> {
        let expect = match &self.saved.disk {
            Some((p, stamp)) if *p == path => Some(stamp.clone()),
            _ => None,
        };
        self.save_effect_full(path, true, expect)
    }

    /// Saves to `path`; `overwrite` false refuses to replace an existing file.
    pub(crate) fn save_effect_with(&mut self, path: PathBuf, overwrite: bool) -> Option<Effect> {
        self.save_effect_full(path, overwrite, None)
    }

    /// Saves to `path` with the checks `overwrite` and `expect` ([`Effect::Save`]).
    pub(crate) fn save_effect_full(
        &mut self,
        path: PathBuf,
        overwrite: bool,
        expect: Option<Stamp>,
    ) -> Option<Effect> {
        let text = self.editor.text().to_string();
        let on_disk = self.disk_text(&text);
        self.saved.pending = Some((path.clone(), text));
        Some(Effect::Save {
            path,
            text: on_disk,
            overwrite,
            expect,
        })
    }
}
