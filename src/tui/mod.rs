//! The drafting editor (DESIGN §11): `tact [FILE]`.
//!
//! Layers, each using only those above it in this list:
//! - [`editor`]: our own grapheme-correct editor (buffer, soft-wrap layout, widget);
//! - [`app`]: the state, the named commands with the one keymap table, the pure
//!   `update(Action) -> Option<Effect>` and the screen geometry — testable without a
//!   terminal;
//! - [`components`]: the panes (editor, findings, detail, title, hints, status), each
//!   owning its drawing and the commands and clicks it handles; [`dialogs`]: one file per
//!   dialog, the same way; [`ui`] puts them on screen; [`theme`]: colours and `NO_COLOR`;
//! - [`runtime`]: the crossterm loop, terminal set-up and restore (also on panic), and the
//!   effects (atomic save, autosave, OSC 52, publishing), the check worker and rule reload.
//!
//! Only this module depends on ratatui and crossterm. Items only tests use are behind the
//! `test-hooks` feature (on for this package's own tests).

pub mod app;
pub mod components;
pub mod dialogs;
pub mod editor;
mod error;
pub mod runtime;
pub mod theme;
pub mod ui;

#[cfg(test)]
mod layers_test;

use std::path::PathBuf;
use std::sync::Arc;

pub use error::TuiError;

use crate::engine::load_engine;
use crate::load::LoadOptions;
use runtime::{autosave, reload, runner};

pub use app::{Action, App, Effect};
pub use runtime::reload::ConfigSource;

/// What to open.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// The file to edit; created on the first save if it does not exist. `None`: a new draft.
    pub file: Option<PathBuf>,
    /// The initial platform id (`x`, `bluesky`…); default: the first the rules define.
    pub platform: Option<String>,
    /// Which rules to load.
    pub load: LoadOptions,
    /// Re-read this config on every reload (`None`: reloads reuse `load`). The rule
    /// folders of `load` (and of the config) are watched either way.
    pub config: Option<ConfigSource>,
    /// Publish settings, accounts and author (from `tact.toml`).
    pub settings: crate::publish::Settings,
    /// Where autosaves go; `None`: the user state directory ([`autosave::drafts_dir`]).
    pub drafts: Option<PathBuf>,
}

/// How the editor ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutcome {
    /// The text at exit.
    pub text: String,
    /// The file the text belongs to (after a "save as", the new name).
    pub file: Option<PathBuf>,
    /// Whether the text at exit differs from the last saved version (the user confirmed
    /// quitting without saving, or a signal stopped the editor).
    pub unsaved: bool,
    /// The last text cleared at the publish gate (printed on exit when stdout is not a
    /// terminal).
    pub cleared: Option<String>,
    /// The signal that stopped the editor (the draft was autosaved first).
    pub signal: Option<i32>,
}

/// The line ends a file had on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnds {
    /// `\n` only (or no line break at all).
    #[default]
    Lf,
    /// Every line break was CR LF (Windows): the editor works in LF and saves CR LF again.
    Crlf,
    /// Lone CRs or a mix: converted to LF on load, saved as LF (the file shows as modified).
    Mixed,
}

/// Reads `path` as UTF-8 (a missing file is a new, empty draft) and converts CR LF and lone
/// CR line ends to LF. Returns the text and the line ends the file had.
///
/// # Errors
/// The file cannot be read, or is not UTF-8 (the message gives the byte offset).
pub fn read_draft(path: &std::path::Path) -> Result<(String, LineEnds), TuiError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((String::new(), LineEnds::Lf));
        }
        Err(cause) => {
            return Err(TuiError::Read {
                path: path.to_path_buf(),
                cause,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| TuiError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if !text.contains('\r') {
        return Ok((text, LineEnds::Lf));
    }
    let crs = text.matches('\r').count();
    let crlfs = text.matches("\r\n").count();
    let lfs = text.matches('\n').count();
    let ends = if crs == crlfs && crlfs == lfs {
        LineEnds::Crlf
    } else {
        LineEnds::Mixed
    };
    Ok((text.replace("\r\n", "\n").replace('\r', "\n"), ends))
}

/// Opens the editor in the terminal and runs it until the user quits.
///
/// Rule-load errors do not stop the editor: it opens, shows the error in a banner and
/// reports "NOT checked" instead of "no findings".
///
/// # Errors
/// The file cannot be read or is not UTF-8 (before the terminal is touched), or the
/// terminal cannot be used.
pub fn run(opts: TuiOptions) -> Result<RunOutcome, TuiError> {
    // The stamp is taken before reading: a change in between shows as a change on save
    // (a question too many, never a lost change).
    let stamp = opts
        .file
        .as_deref()
        .map(|p| runtime::save::Stamp::of_file(p).map(|s| (p.to_path_buf(), s)));
    let (text, ends) = match &opts.file {
        Some(p) => read_draft(p)?,
        None => (String::new(), LineEnds::Lf),
    };
    let engine = load_engine(&opts.load)
        .map(Arc::new)
        .map_err(|e| e.to_string());
    // Cells as this terminal gives them (before any text is laid out).
    editor::glyph::set_cell_model(editor::glyph::CellModel::detect());
    // The first check runs on the worker: the first frame never waits for it.
    let mut app = App::new_async(text, opts.file.clone(), engine, opts.platform.as_deref());
    if let Some(Ok((p, s))) = stamp {
        app.set_disk_stamp(p, s);
    }
    if let Some(p) = &opts.file {
        // Copies left by a save that was killed (`kill -9` during Ctrl+S).
        let dir = runtime::save::link_target(p);
        if let Some(d) = dir.parent() {
            runtime::save::clean_stale_temps(if d.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                d
            });
        }
    }
    app.settings = opts.settings.clone();
    if let Some(w) =
        crate::publish::sign::name_mismatch(&app.settings.keys, app.settings.author.as_deref())
    {
        app.set_error(w);
    }
    app.default_account();
    app.theme = theme::Theme::from_env();
    app.set_line_ends(ends);
    let dir = opts.drafts.clone().or_else(autosave::drafts_dir);
    if let Some(d) = &dir {
        autosave::clean_stale_locks(d);
    }
    // This editor's own autosave, locked while it runs: other editors neither offer it
    // nor remove it.
    let claim = dir
        .as_ref()
        .map(|d| autosave::Claim::new(d, opts.file.as_deref()));
    let draft = dir.as_ref().map(|d| runner::DraftTarget {
        path: match &claim {
            Some(Ok(c)) => c.path().to_path_buf(),
            _ => autosave::draft_path(d, opts.file.as_deref()),
        },
        file: opts.file.clone(),
    });
    if let (Some(d), Some(f)) = (&dir, &opts.file) {
        let own = draft.as_ref().map(|t| t.path.as_path());
        app.set_other_editors(autosave::other_editors(d, f, own));
    }
    if let (Some(Err(e)), Some(d)) = (&claim, &draft) {
        app.autosave_error = Some(runtime::plain::autosave_error(&d.path, e));
    }
    if let Some(offer) = dir
        .as_ref()
        .and_then(|d| autosave::find_offer(d, opts.file.as_deref(), app.editor.text()))
    {
        app.dialog = Some(dialogs::Dialog::Recovery(Box::new(offer)));
    } else if opts.file.is_none()
        && let Some(d) = dir.as_deref().and_then(autosave::newest_of_a_file)
        && let Some(f) = &d.file
    {
        let when = autosave::local_time(&d.saved_at, &app.time_zone);
        let shown = components::short_path(f);
        let arg = components::shell_word(&shown);
        app.set_status_or(
            format!("autosave of {shown} from {when}: `tact {arg}` recovers it"),
            format!("an autosave: `tact {arg}` recovers it"),
        );
    }
    let spec = reload::ReloadSpec {
        load: opts.load.clone(),
        config: opts.config.clone(),
    };
    let exit =
        runner::run_app(&mut app, &opts.settings, draft, spec).map_err(TuiError::Terminal)?;
    if let (runner::Exit::Quit, Some(Ok(c))) = (exit, claim) {
        c.release();
    }
    Ok(RunOutcome {
        unsaved: app.modified(),
        text: app.editor.text().to_string(),
        file: app.file.clone(),
        cleared: app.cleared.clone(),
        signal: match exit {
            runner::Exit::Signal(s) => Some(s),
            runner::Exit::Quit => None,
        },
    })
}
