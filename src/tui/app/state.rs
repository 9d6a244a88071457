//! The editor's state ([`App`]) and its queries. [`App::update`] (in [`super::update`])
//! changes it; the components draw from it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::engine::{Counter, Engine, PlatformInfo};
use crate::load::config::Account;
use crate::model::{Finding, Totals};
use crate::publish::Settings;
use crate::tui::LineEnds;
use crate::tui::components::status::Status;
use crate::tui::dialogs::Dialog;
use crate::tui::editor::Editor;
use crate::tui::runtime::reload::ReloadFailure;
use crate::tui::runtime::save::Stamp;
use crate::tui::theme::Theme;

/// Which pane gets the arrow keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The text.
    Editor,
    /// The findings list.
    Findings,
    /// The selected finding's detail (arrows scroll it).
    Detail,
}

/// The rules in force and the platform chosen among theirs (a reload replaces both).
#[derive(Debug, Default)]
pub(crate) struct Rules {
    /// The compiled rules; `None` while they failed to load.
    pub(crate) engine: Option<Arc<Engine>>,
    /// Index into `engine.platforms()` of the current platform.
    pub(crate) platform: Option<usize>,
    /// The platform id asked for at start (used when rules first load on a reload).
    pub(crate) platform_wanted: Option<String>,
}

/// Check generations: results of an older generation than `generation` are stale.
#[derive(Debug, Default)]
pub(crate) struct Checks {
    /// Increases with every change of the text, platform or rules.
    pub(crate) generation: u64,
    /// The worker must be asked for `generation` ([`App::take_check_request`]).
    pub(crate) wanted: bool,
    /// The generation of the findings shown (they are moved along with later edits).
    pub(crate) shown: u64,
    /// The requests sent and not answered yet, with the edits made since
    /// ([`super::stale`]).
    pub(crate) tracked: Vec<super::stale::Tracked>,
    /// The edits made since the text of the findings shown, as one region: what a partial
    /// (paragraph) check must cover ([`crate::tui::runtime::quick`]).
    pub(crate) unchecked: Option<crate::tui::editor::buffer::Dirty>,
}

/// What the file on disk holds, as far as the editor knows.
#[derive(Debug, Default)]
pub(crate) struct Saved {
    /// The text as last saved or loaded; `None` when the file on disk differs in form
    /// (line ends converted on load).
    pub(crate) text: Option<String>,
    /// The save under way: its path and text (the text becomes `text` when it succeeds).
    pub(crate) pending: Option<(PathBuf, String)>,
    /// The "Save as" dialog the pending save came from (opened again if it fails).
    pub(crate) asked: Option<crate::tui::dialogs::save_as::SaveAs>,
    /// What the file held when it was opened or last saved here: a save over it first checks
    /// that nobody else changed it since ([`App::set_disk_stamp`]).
    pub(crate) disk: Option<(PathBuf, Stamp)>,
}

/// The whole editor state.
#[derive(Debug)]
pub struct App {
    /// Text, cursor, wrap and scroll.
    pub editor: Editor,
    /// The rules in force and the platform chosen among theirs.
    pub(crate) rules: Rules,
    /// Why the rules failed to load (`file:line:col: message` lines), if they did.
    pub load_error: Option<String>,
    /// Why the last *re*load failed (the last good rules stay in force), if it did.
    pub reload_error: Option<ReloadFailure>,
    /// Why the last autosave failed, until one succeeds again (shown in the banner: the
    /// draft is then only in memory).
    pub autosave_error: Option<String>,
    /// Findings of the current text, sorted by (start, end, rule).
    pub findings: Vec<Finding>,
    /// Index of the selected finding.
    pub selected: Option<usize>,
    /// The findings in the order the list shows them: blocks first, then by position.
    pub(crate) order: Vec<usize>,
    /// The next check result selects the finding nearest the cursor (set by a fix).
    pub(crate) select_near_cursor: bool,
    /// How far the detail pane is scrolled.
    pub detail_scroll: crate::tui::components::detail::DetailScroll,
    /// The main counter of the current platform (the first of `counters`).
    pub counter: Option<Counter>,
    /// Every counter of the current platform, one per limit (Bluesky: graphemes and bytes).
    pub counters: Vec<Counter>,
    /// The file being edited, if any.
    pub file: Option<PathBuf>,
    /// The line ends of the file on disk (CR LF is written back as CR LF).
    pub line_ends: LineEnds,
    /// What the file on disk holds, and the save under way.
    pub(crate) saved: Saved,
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
    /// The zone times are shown in (the system's; tests fix it).
    pub time_zone: jiff::tz::TimeZone,
    /// Publish settings, accounts and author (from `tact.toml`).
    pub settings: Settings,
    /// Index into `settings.accounts` of the selected account.
    pub account: Option<usize>,
    /// Checks run on the worker (`true` in the terminal); `false` checks inline (tests).
    pub async_checks: bool,
    /// A check of the current text is pending ("checking…").
    pub checking: bool,
    /// Other running editors on this file ([`App::set_other_editors`]).
    pub(crate) others: super::update::Others,
    /// The largest text (bytes) checked at all ([`crate::tui::app::EDITOR_CHECK_MAX`]; tests
    /// lower it).
    pub check_max: usize,
    /// The status has said once that the draft is too large to check inline.
    pub(crate) large_noted: bool,
    /// The generation of the newest check, and whether the worker must be asked.
    pub(crate) checks: Checks,
    /// The left button went down in the text: a drag selects.
    pub(crate) dragging: bool,
    /// The editor's own clipboard (Ctrl+C / Ctrl+X / Ctrl+V).
    pub clipboard: String,
    /// The last cleared text (printed on exit when stdout is not a terminal).
    pub cleared: Option<String>,
    /// The text of the clear under way (becomes `cleared` when it succeeds).
    pub(crate) pending_publish: Option<String>,
    /// Why the last clearing was refused (shown whole in the detail pane until the next
    /// clearing succeeds), with the justification that was typed for it (offered again).
    pub refused: Option<Refusal>,
    /// The justification of the clearing in flight.
    pub(crate) attempted_justification: String,
    /// How many parts the clear under way has (0: a single post).
    pub(crate) pending_parts: usize,
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
        App::build(text, file, engine, platform, false)
    }

    /// As [`App::new`], with checks on the worker ([`App::async_checks`]) from the start:
    /// the first check is only requested ([`App::take_check_request`]), so opening a large
    /// draft draws at once (the terminal editor opens this way).
    pub fn new_async(
        text: String,
        file: Option<PathBuf>,
        engine: Result<Arc<Engine>, String>,
        platform: Option<&str>,
    ) -> App {
        App::build(text, file, engine, platform, true)
    }

    fn build(
        text: String,
        file: Option<PathBuf>,
        engine: Result<Arc<Engine>, String>,
        platform: Option<&str>,
        async_checks: bool,
    ) -> App {
        let (engine, load_error) = match engine {
            Ok(e) => (Some(e), None),
            Err(e) => (None, Some(e)),
        };
        let mut app = App {
            editor: Editor::new(text.clone()),
            rules: Rules {
                engine,
                platform: None,
                platform_wanted: platform.map(str::to_string),
            },
            load_error,
            reload_error: None,
            autosave_error: None,
            findings: Vec::new(),
            selected: None,
            order: Vec::new(),
            select_near_cursor: false,
            detail_scroll: Default::default(),
            counter: None,
            counters: Vec::new(),
            file,
            line_ends: LineEnds::Lf,
            saved: Saved {
                text: Some(text),
                pending: None,
                asked: None,
                disk: None,
            },
            dialog: None,
            focus: Focus::Editor,
            status: None,
            size: (100, 30),
            theme: Theme::default(),
            time_zone: jiff::tz::TimeZone::system(),
            settings: Settings::default(),
            account: None,
            async_checks,
            checking: false,
            others: Default::default(),
            check_max: super::update::EDITOR_CHECK_MAX,
            large_noted: false,
            checks: Checks::default(),
            dragging: false,
            clipboard: String::new(),
            cleared: None,
            pending_publish: None,
            refused: None,
            attempted_justification: String::new(),
            pending_parts: 0,
        };
        app.pick_platform(platform);
        app.recheck();
        // In the terminal the first resize lays the text out at the real width: laying out
        // a large draft twice would delay the first frame.
        if !async_checks {
            app.fit_view();
        }
        app
    }

    pub(crate) fn pick_platform(&mut self, wanted: Option<&str>) {
        let platforms = self.platforms();
        let first = (!platforms.is_empty()).then_some(0);
        let found = wanted.map(|id| platforms.iter().position(|p| p.id == id));
        self.rules.platform = match found {
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
        self.rules.engine.as_deref().map_or(&[], Engine::platforms)
    }

    /// The current platform.
    pub fn current_platform(&self) -> Option<&PlatformInfo> {
        self.rules.platform.and_then(|i| self.platforms().get(i))
    }

    /// Whether an autosave is being offered for recovery and the writer has not answered:
    /// until then that autosave must not be overwritten (closing the terminal at the prompt
    /// must not lose the draft it offers).
    pub fn recovery_pending(&self) -> bool {
        matches!(self.dialog, Some(Dialog::Recovery(_)))
    }

    /// Whether the text differs from the last saved (or loaded) text.
    pub fn modified(&self) -> bool {
        self.saved.text.as_deref() != Some(self.editor.text())
    }

    /// Takes the line ends the file had on disk: CR LF is kept on save (the file is not
    /// modified by opening it); a mix or lone CRs were converted to LF, so the title shows
    /// `*` until it is saved.
    pub fn set_line_ends(&mut self, ends: LineEnds) {
        self.line_ends = ends;
        match ends {
            LineEnds::Lf => {}
            LineEnds::Crlf => self.set_status("Windows line ends (CR LF): kept when saved"),
            LineEnds::Mixed => {
                self.saved.text = None;
                self.set_status("mixed line ends converted to LF; save to keep");
            }
        }
    }

    /// `text` as it goes to the file: with CR LF line ends when the file had them.
    pub(crate) fn disk_text(&self, text: &str) -> String {
        match self.line_ends {
            LineEnds::Crlf => text.replace('\n', "\r\n"),
            LineEnds::Lf | LineEnds::Mixed => text.to_string(),
        }
    }

    /// Whether rules are loaded (no check runs without them).
    pub fn rules_loaded(&self) -> bool {
        self.rules.engine.is_some()
    }

    /// Whether an error banner is up (rules failed to load, a reload failed, or autosaving
    /// fails).
    pub fn banner_shown(&self) -> bool {
        self.load_error.is_some() || self.reload_error.is_some() || self.autosave_error.is_some()
    }

    /// Records what `path` held on disk when it was opened (`stamp`): saving over it later
    /// asks first when it changed in between (another editor or program wrote it).
    pub fn set_disk_stamp(&mut self, path: PathBuf, stamp: Stamp) {
        self.saved.disk = Some((path, stamp));
    }

    /// Finding counts per severity (of the parts while a thread is previewed or cleared).
    pub fn totals(&self) -> Totals {
        match self.active_thread() {
            Some(t) => Totals::of_all(&t.findings()),
            None => Totals::of_all(&self.findings),
        }
    }

    /// The thread being previewed or cleared (the preview, or the gate of a thread): while
    /// one is, the title and the findings list show the parts' findings, not the unsplit
    /// text's (whose length finding the thread resolves).
    pub fn active_thread(&self) -> Option<&crate::tui::dialogs::thread_view::Thread> {
        match &self.dialog {
            Some(crate::tui::app::Dialog::Thread(v)) => Some(&v.thread),
            Some(crate::tui::app::Dialog::Publish(d)) => d.thread.as_ref(),
            _ => None,
        }
    }

    /// The selected finding.
    pub fn selected_finding(&self) -> Option<&Finding> {
        self.selected.and_then(|i| self.findings.get(i))
    }

    /// The selected account.
    pub fn current_account(&self) -> Option<&Account> {
        self.account.and_then(|i| self.settings.accounts.get(i))
    }
}

/// A clearing that was refused after the gate closed (a full disk, a signing key not
/// allowed): the reason and the justification that was typed.
#[derive(Debug, Clone, Default)]
pub struct Refusal {
    /// The whole reason.
    pub reason: String,
    /// The justification of that attempt (empty when none was needed).
    pub justification: String,
}
