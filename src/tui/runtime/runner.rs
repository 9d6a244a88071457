//! The terminal side: set-up and restore (also on panic and on SIGTERM/SIGHUP), the event
//! loop, and the effects [`App::update`] asks for (save, copy via OSC 52, publish, quit).
//!
//! One channel feeds the loop: terminal events (from an input thread), check results (from
//! the [`Checker`] worker) and signals (signal-hook). The UI is drawn on stdout when it is a
//! terminal, else on `/dev/tty` (so `tact > post.txt` works). Autosave runs at most
//! [`AUTOSAVE_AFTER`] after the first unsaved change, on its own thread.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::clipboard::CopyToClipboard;
use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::style::Print;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;

use super::autosave;
use super::backend::{Backend, ColorLevel};
use super::checker::{CheckResult, Checker};
use super::events::to_action;
use super::reload::{ReloadResult, ReloadSpec, Watcher, spawn_reload};
use super::save::{Stamp, save_file};
use crate::publish::{self, Settings};
use crate::tui::app::{Action, App, Effect};
use crate::tui::editor::bidi::{EXPLICIT_MODE, IMPLICIT_MODE};
use crate::tui::ui;

/// The longest an unsaved change waits before it is autosaved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_millis(500);

/// How often the editor looks for other running editors on its file (their autosave locks),
/// so that the first one opened also learns of the second before it saves.
pub const OTHERS_EVERY: Duration = Duration::from_secs(1);

/// The terminal output: stdout when it is a terminal, else `/dev/tty`, else stderr.
pub struct TermOut(Box<dyn Write + Send>);

impl TermOut {
    /// Opens the output the UI is drawn on.
    pub fn open() -> TermOut {
        if io::stdout().is_terminal() {
            return TermOut(Box::new(io::stdout()));
        }
        match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
            Ok(f) => TermOut(Box::new(f)),
            Err(_) => TermOut(Box::new(io::stderr())),
        }
    }
}

impl Write for TermOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

type Term = Terminal<Backend<TermOut>>;

/// What the loop waits on.
enum Msg {
    Event(Event),
    Checked(CheckResult),
    Signal(i32),
    InputError(io::Error),
    /// A watched rule file or the config changed (debounced).
    RulesChanged,
    /// A reload finished.
    Reloaded(ReloadResult),
    /// The autosave of a buffer version finished.
    Autosaved(u64, Result<(), String>),
}

/// The most messages handled between two draws.
pub const BATCH_MAX: usize = 64;
/// The longest the loop handles queued messages before it draws.
pub const BATCH_TIME: Duration = Duration::from_millis(30);

/// Whether a batch of `handled` messages that took `took` must be drawn now, before more
/// queued messages are handled.
pub fn batch_full(handled: usize, took: Duration) -> bool {
    handled >= BATCH_MAX || took >= BATCH_TIME
}

/// Where the draft goes on autosave, on a signal and on panic.
#[derive(Debug, Clone)]
pub struct DraftTarget {
    /// The autosave file.
    pub path: PathBuf,
    /// The file the draft belongs to.
    pub file: Option<PathBuf>,
}

/// The latest text known to the runner, for the panic hook.
static PANIC_DRAFT: Mutex<Option<(DraftTarget, Arc<str>)>> = Mutex::new(None);

/// Performs an [`Effect::Save`] and returns the action that reports it: the file is
/// written (through a symbolic link) unless `overwrite` is false and it exists
/// ([`Action::SaveExists`]) or `expect` is given and the file no longer holds it
/// ([`Action::SaveChanged`]: another writer changed it; nothing is written).
pub fn save_action(path: PathBuf, text: &str, overwrite: bool, expect: Option<&Stamp>) -> Action {
    // The check and the write under one lock: another tact editor's save of this file
    // cannot come in between.
    super::save::in_folder_lock(&path.clone(), || {
        checked_save(path, text, overwrite, expect)
    })
}

fn checked_save(path: PathBuf, text: &str, overwrite: bool, expect: Option<&Stamp>) -> Action {
    if let Some(want) = expect {
        match Stamp::of_file(&path) {
            Ok(now) if now == *want => {}
            Ok(_) => return Action::SaveChanged(path),
            Err(e) => return Action::Saved(Err(super::plain::save_error(&path, &e))),
        }
    }
    match save_file(&path, text, overwrite) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !overwrite => {
            Action::SaveExists(path)
        }
        result => Action::Saved(
            result
                .map(|()| path.clone())
                .map_err(|e| super::plain::save_error(&path, &e)),
        ),
    }
}

/// Puts the terminal back: mouse and bracketed paste off, main screen, cooked mode, cursor
/// shown. Safe to call more than once.
pub fn restore_terminal() {
    let mut out = TermOut::open();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        Print(IMPLICIT_MODE),
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Installs a panic hook that writes the draft out and restores the terminal before the
/// panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let draft = PANIC_DRAFT.lock().ok().and_then(|g| g.clone());
        restore_terminal();
        if let Some((t, text)) = draft
            && autosave::write(&t.path, t.file.as_deref(), &text).is_ok()
        {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("tact: the draft was saved to {}", t.path.display());
            }
        }
        previous(info);
    }));
}

fn setup(level: ColorLevel) -> io::Result<Term> {
    enable_raw_mode()?;
    let mut out = TermOut::open();
    execute!(
        out,
        EnterAlternateScreen,
        Print(EXPLICIT_MODE),
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    Terminal::new(Backend::new(out, level))
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP…) asked to stop; the draft was autosaved.
    Signal(i32),
}

/// Runs `app` in the terminal until it quits or a signal arrives. The terminal is restored
/// on return, on error and on panic; the draft is autosaved to `draft` (when given) within
/// [`AUTOSAVE_AFTER`] of a change, on SIGTERM/SIGHUP and on panic. The rule folders and the
/// config of `reload` are watched; a change (or Ctrl+R) reloads the rules in the background.
///
/// # Errors
/// The terminal cannot be set up, drawn or read.
pub fn run_app(
    app: &mut App,
    settings: &Settings,
    draft: Option<DraftTarget>,
    reload: ReloadSpec,
) -> io::Result<Exit> {
    install_panic_hook();
    app.async_checks = true;
    let (tx, rx) = channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone());
    let checked = tx.clone();
    let checker = Checker::spawn(move |r| {
        let _ = checked.send(Msg::Checked(r));
    });
    let changed = tx.clone();
    let reload = Arc::new(reload);
    // Without a watcher (no inotify left…), Ctrl+R still reloads.
    let watcher = Watcher::start(reload.initial_watch(), move || {
        let _ = changed.send(Msg::RulesChanged);
    })
    .ok();
    let mut lp = Loop {
        rx,
        tx,
        reload,
        watcher,
        reloading: false,
        reload_again: false,
        checker,
        settings,
        draft,
        deadline: None,
        recheck: None,
        snapshot: None,
        saved_version: None,
        autosave_reported: 0,
        others_due: Instant::now() + OTHERS_EVERY,
        repaint: Default::default(),
        claims: Vec::new(),
    };
    lp.saved_version = Some(app.editor.buffer.version());
    let result = setup(app.theme.level).and_then(|mut t| lp.run(&mut t, app));
    restore_terminal();
    result
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::Builder::new()
        .name("tact-input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(e) => Msg::Event(e),
                    Err(e) => Msg::InputError(e),
                };
                let stop = matches!(msg, Msg::InputError(_));
                if tx.send(msg).is_err() || stop {
                    return;
                }
            }
        })
        .expect("cannot start the input thread");
}

fn spawn_signals(tx: Sender<Msg>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    std::thread::Builder::new()
        .name("tact-signals".into())
        .spawn(move || {
            for s in signals.forever() {
                if tx.send(Msg::Signal(s)).is_err() {
                    return;
                }
            }
        })
        .expect("cannot start the signal thread");
}

struct Loop<'a> {
    rx: Receiver<Msg>,
    /// For the reload thread's result.
    tx: Sender<Msg>,
    reload: Arc<ReloadSpec>,
    watcher: Option<Watcher>,
    /// A reload is running.
    reloading: bool,
    /// Another change arrived while it ran: reload once more when it ends.
    reload_again: bool,
    checker: Checker,
    settings: &'a Settings,
    draft: Option<DraftTarget>,
    /// When the pending autosave is due.
    deadline: Option<Instant>,
    /// When to check the text again because an embargo's time left changed or it lifted.
    recheck: Option<Instant>,
    /// The text at `version`, shared by the checker, the autosave and the panic hook.
    snapshot: Option<(u64, Arc<str>)>,
    /// The buffer version last autosaved (or loaded).
    saved_version: Option<u64>,
    /// The newest buffer version whose autosave result reached the app (older results that
    /// arrive late are dropped).
    autosave_reported: u64,
    /// When to look for other editors on the file again ([`OTHERS_EVERY`]).
    others_due: Instant,
    /// The rows to send whole because of flags, skin tones… ([`super::repaint`]).
    repaint: super::repaint::Repaint,
    /// Autosaves claimed while running (an unnamed draft saved under a name).
    claims: Vec<autosave::Claim>,
}

impl Loop<'_> {
    fn run(&mut self, terminal: &mut Term, app: &mut App) -> io::Result<Exit> {
        let size = terminal.size()?;
        app.update(Action::Resize(size.width, size.height));
        loop {
            self.after_batch(app);
            let repaint = &mut self.repaint;
            terminal.draw(|f| {
                ui::draw(f, app);
                repaint.mark(f.buffer_mut());
            })?;
            let others = self.draft_file().map(|_| self.others_due);
            let timeout = [self.deadline, self.recheck, others]
                .into_iter()
                .flatten()
                .min()
                .map_or(Duration::from_secs(3600), |d| {
                    d.saturating_duration_since(Instant::now())
                });
            let first = match self.rx.recv_timeout(timeout) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    self.on_timers(app);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
            };
            // The messages already queued are handled together, then drawn; a batch ends
            // after BATCH_MAX messages or BATCH_TIME, so a stream of events (mouse motion,
            // check results, file events) never holds back the drawing of a change.
            let started = Instant::now();
            let mut next = Some(first);
            let mut handled = 0;
            while let Some(msg) = next.take() {
                if let Some(exit) = self.handle(terminal, app, msg)? {
                    return Ok(exit);
                }
                handled += 1;
                if batch_full(handled, started.elapsed()) {
                    break;
                }
                next = self.rx.try_recv().ok();
            }
        }
    }

    /// One message; `Some(exit)` ends the loop.
    fn handle(&mut self, terminal: &mut Term, app: &mut App, msg: Msg) -> io::Result<Option<Exit>> {
        let action = match msg {
            Msg::Event(e) => to_action(e),
            Msg::Checked(r) => {
                // A paragraph result says nothing about embargo times.
                if r.partial.is_none() {
                    self.recheck = r.recheck_in.map(|d| Instant::now() + d);
                }
                Some(Action::Checked(r))
            }
            Msg::InputError(e) => return Err(e),
            Msg::Signal(s) => {
                self.autosave_now(app);
                return Ok(Some(Exit::Signal(s)));
            }
            Msg::RulesChanged => {
                self.start_reload();
                None
            }
            Msg::Autosaved(version, r) => {
                if version < self.autosave_reported {
                    return Ok(None);
                }
                self.autosave_reported = version;
                Some(Action::Autosaved(r))
            }
            Msg::Reloaded(r) => {
                self.reloading = false;
                if let (Ok(new), Some(w)) = (&r, &mut self.watcher) {
                    w.update(new.watch.clone());
                }
                if std::mem::take(&mut self.reload_again) {
                    self.start_reload();
                }
                Some(Action::Reloaded(r))
            }
        };
        let Some(action) = action else {
            return Ok(None);
        };
        if is_ctrl_s(&action) {
            // The count is current when a save is asked for.
            self.look_for_others(app);
        }
        let quit = self.perform(terminal, app, action);
        if quit && let Some(d) = &self.draft {
            autosave::remove(&d.path);
        }
        Ok(quit.then_some(Exit::Quit))
    }

    /// Starts a reload on its own thread (or queues one when a reload is running).
    fn start_reload(&mut self) {
        if self.reloading {
            self.reload_again = true;
            return;
        }
        self.reloading = true;
        let tx = self.tx.clone();
        spawn_reload(self.reload.clone(), move |r| {
            let _ = tx.send(Msg::Reloaded(r));
        });
    }

    /// After a batch of messages: send the check request, schedule the autosave.
    fn after_batch(&mut self, app: &mut App) {
        let version = app.editor.buffer.version();
        let text = self.snapshot(app);
        if let Some(req) = app.take_check_request(text.clone()) {
            self.checker.send(req);
        }
        if let (Some(d), Ok(mut g)) = (&self.draft, PANIC_DRAFT.lock()) {
            *g = (!app.recovery_pending()).then(|| (d.clone(), text));
        }
        if self.saved_version != Some(version) && self.deadline.is_none() {
            self.deadline = Some(Instant::now() + AUTOSAVE_AFTER);
        }
    }

    fn snapshot(&mut self, app: &App) -> Arc<str> {
        let version = app.editor.buffer.version();
        match &self.snapshot {
            Some((v, t)) if *v == version => t.clone(),
            _ => {
                let t: Arc<str> = Arc::from(app.editor.text());
                self.snapshot = Some((version, t.clone()));
                t
            }
        }
    }

    /// The timers that are due: the autosave, and the embargo re-check (the same text checked
    /// again, so that the time left stays current and a lifted embargo says so).
    fn on_timers(&mut self, app: &mut App) {
        let now = Instant::now();
        if self.others_due <= now {
            self.look_for_others(app);
        }
        if self.deadline.is_some_and(|d| d <= now) {
            self.autosave(app);
        }
        if self.recheck.is_some_and(|d| d <= now) {
            self.recheck = None;
            app.recheck();
        }
    }

    /// The autosave target, when the draft belongs to a file.
    fn draft_file(&self) -> Option<&DraftTarget> {
        self.draft.as_ref().filter(|d| d.file.is_some())
    }

    /// Counts the other running editors on this file and tells the app.
    fn look_for_others(&mut self, app: &mut App) {
        self.others_due = Instant::now() + OTHERS_EVERY;
        let Some(d) = self.draft_file() else { return };
        let (Some(dir), Some(file)) = (d.path.parent(), d.file.as_deref()) else {
            return;
        };
        let n = autosave::other_editors(dir, file, Some(&d.path));
        app.update(Action::OtherEditors(n));
    }

    /// Writes the autosave now (on its own thread) if the text changed since the last one.
    fn autosave(&mut self, app: &App) {
        self.deadline = None;
        if app.recovery_pending() {
            return;
        }
        let version = app.editor.buffer.version();
        if self.saved_version == Some(version) {
            return;
        }
        self.saved_version = Some(version);
        let Some(d) = self.draft.clone() else { return };
        let text = self.snapshot(app);
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let r = autosave::write(&d.path, d.file.as_deref(), &text)
                .map_err(|e| super::plain::autosave_error(&d.path, &e));
            let _ = tx.send(Msg::Autosaved(version, r));
        });
    }

    /// After an unnamed draft is saved as `file`: its autosave from now on belongs to that
    /// file (a fresh claim in the same folder), so after a crash `tact FILE` offers it; the
    /// unnamed autosave is removed (its text is in the file). Kept as it was when the new
    /// autosave cannot be claimed.
    fn name_draft(&mut self, file: &Path) {
        let Some(old) = self.draft.as_ref().filter(|d| d.file.is_none()) else {
            return;
        };
        let Some(dir) = old.path.parent().map(Path::to_path_buf) else {
            return;
        };
        let Ok(claim) = autosave::Claim::new(&dir, Some(file)) else {
            return;
        };
        autosave::remove(&old.path);
        self.draft = Some(DraftTarget {
            path: claim.path().to_path_buf(),
            file: Some(file.to_path_buf()),
        });
        // The lock lives as long as the editor, like the first claim.
        self.claims.push(claim);
        // The next autosave goes to the new path even if the text did not change.
        self.saved_version = None;
    }

    /// Writes the autosave synchronously (before exiting on a signal), unless a recovery
    /// offer of that autosave is still unanswered.
    fn autosave_now(&mut self, app: &App) {
        if let Some(d) = &self.draft
            && !app.recovery_pending()
            && (app.modified() || self.saved_version != Some(app.editor.buffer.version()))
        {
            let _ = autosave::write(&d.path, d.file.as_deref(), app.editor.text());
        }
    }

    /// Feeds `action` to the app and performs the effects; returns `true` to quit.
    fn perform(&mut self, terminal: &mut Term, app: &mut App, action: Action) -> bool {
        let mut next = Some(action);
        while let Some(a) = next.take() {
            next = match app.update(a) {
                Some(Effect::Quit) => return true,
                Some(Effect::Publish(req)) => match self.rules_moved_on(app, &req) {
                    Some(refusal) => Some(refusal),
                    None => self.effect(terminal, Effect::Publish(req)),
                },
                Some(effect) => self.effect(terminal, effect),
                None => None,
            };
        }
        false
    }

    /// Before a clear: the rule files are read again, so a file changed within the reload
    /// delay (or a reload still running) never lets a post clear under rules that are no
    /// longer the desk's. `None` when the rules on disk are those the findings came from
    /// (or fail to load in the way the banner already shows); else the refusal, and the
    /// new rules (or their errors) are taken at once.
    fn rules_moved_on(&mut self, app: &mut App, req: &publish::Request) -> Option<Action> {
        match self.reload.load() {
            Ok(new) if new.engine.fingerprint() == req.fingerprint => None,
            Ok(new) => {
                if let Some(w) = &mut self.watcher {
                    w.update(new.watch.clone());
                }
                app.update(Action::Reloaded(Ok(new)));
                Some(Action::Published(Err(
                    "the rule files changed on disk since this text was checked; the new rules \
                     are being applied: check the findings again, then clear"
                        .into(),
                )))
            }
            Err(f) if app.reload_error.as_ref() == Some(&f) => None,
            Err(f) => {
                let first = f.message.lines().next().unwrap_or_default().to_string();
                app.update(Action::Reloaded(Err(f)));
                Some(Action::Published(Err(format!(
                    "the rule files on disk no longer load ({first}); fix them, or clear \
                     again to clear under the last good rules shown in the banner"
                ))))
            }
        }
    }

    fn effect(&mut self, terminal: &mut Term, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Quit => None,
            Effect::Save {
                path,
                text,
                overwrite,
                expect,
            } => {
                let action = save_action(path, &text, overwrite, expect.as_ref());
                if let Action::Saved(Ok(saved)) = &action {
                    self.name_draft(saved);
                }
                Some(action)
            }
            Effect::Copy(text) => {
                let _ = execute!(
                    terminal.backend_mut(),
                    CopyToClipboard::to_clipboard_from(text)
                );
                None
            }
            Effect::Publish(req) => {
                let result = publish::clear(self.settings, &req, jiff::Timestamp::now())
                    .map_err(|e| super::plain::publish_error(&e));
                if result.is_ok() {
                    let copy = CopyToClipboard::to_clipboard_from(req.posts().join("\n\n"));
                    let _ = execute!(terminal.backend_mut(), copy);
                }
                Some(Action::Published(result))
            }
            Effect::DeclineRecovery(path) => {
                autosave::set_aside(&path, "declined");
                None
            }
            Effect::AcceptRecovery(path) => {
                if self.draft.as_ref().is_none_or(|d| d.path != path) {
                    autosave::set_aside(&path, "recovered");
                }
                None
            }
            Effect::Reload => {
                self.start_reload();
                None
            }
        }
    }
}

/// Whether `action` is the Ctrl+S key.
fn is_ctrl_s(action: &Action) -> bool {
    matches!(action, Action::Key(k) if k.code == crossterm::event::KeyCode::Char('s')
        && k.modifiers.contains(crossterm::event::KeyModifiers::CONTROL))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_drawn_after_its_limit_of_messages_or_time() {
        assert!(!batch_full(1, Duration::ZERO));
        assert!(!batch_full(BATCH_MAX - 1, BATCH_TIME / 2));
        assert!(batch_full(BATCH_MAX, Duration::ZERO));
        assert!(batch_full(1, BATCH_TIME));
    }
}
