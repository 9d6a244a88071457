//! Live reload of the rules (DESIGN §5, issue 4 item 6).
//!
//! [`ReloadSpec`] knows how the rules in force were put together (the config file, the
//! `--rules` folders, `--no-builtin`) and loads them again from disk; [`Watcher`] watches
//! the *folders* of every rule directory and of the config file with a debouncer, so editors
//! that save by writing a temp file and renaming it over the original are seen too.
//!
//! The bundled packs are embedded in the binary and never change at run time, so they are
//! not watched. A reload runs on its own thread ([`spawn_reload`]); its result reaches the
//! app as [`crate::tui::Action::Reloaded`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diag::RuleErrors;
use crate::engine::Engine;
use crate::engine::load_engine;
use crate::load::LoadOptions;
use crate::load::config::{self, LoadedConfig};

/// How long file events settle before a reload starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// How to load the rules again.
#[derive(Debug, Clone, Default)]
pub struct ReloadSpec {
    /// The options used when no config is re-read (and the start-up options).
    pub load: LoadOptions,
    /// Re-read the config on every reload (`None`: `load` stays as it is).
    pub config: Option<ConfigSource>,
}

/// Where the config came from, and what the command line adds to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigSource {
    /// `--config FILE`, if given; else the config is searched as at start-up
    /// ([`config::candidates`]).
    pub explicit: Option<PathBuf>,
    /// `--rules` folders, layered after the config's own.
    pub extra_dirs: Vec<PathBuf>,
    /// `--no-builtin`.
    pub no_builtin: bool,
    /// The config file found at start-up (when not `explicit`): if it disappears, reloads
    /// fail (keeping the last good rules, with a banner) instead of quietly running without
    /// the desk's settings.
    pub found: Option<PathBuf>,
}

/// A successful reload: the new rules and the folders they came from.
#[derive(Debug, Clone)]
pub struct Reloaded {
    /// The compiled rules.
    pub engine: Arc<Engine>,
    /// What to watch from now on.
    pub watch: WatchSet,
}

impl PartialEq for Reloaded {
    /// Same rules (by fingerprint) and same watch set.
    fn eq(&self, other: &Self) -> bool {
        self.engine.fingerprint() == other.engine.fingerprint() && self.watch == other.watch
    }
}

/// A failed reload: every error, one `file:line:col: message` per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadFailure {
    /// The errors, one per line (the first is shown in the banner).
    pub message: String,
    /// How many errors.
    pub count: usize,
}

impl ReloadFailure {
    fn from_errors(e: &RuleErrors) -> ReloadFailure {
        ReloadFailure {
            message: e.to_string(),
            count: e.0.len(),
        }
    }
}

/// The outcome of one reload.
pub type ReloadResult = Result<Reloaded, ReloadFailure>;

/// The folders to watch: rule directories (recursively: term lists may sit in sub-folders)
/// and the config file's folder (only the config file itself counts there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WatchSet {
    /// Rule directories (absolute where they exist).
    pub rule_dirs: Vec<PathBuf>,
    /// Config files whose change reloads (absolute); their folders are watched.
    pub config_files: Vec<PathBuf>,
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize()
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

impl WatchSet {
    fn new(load: &LoadOptions, config_files: Vec<PathBuf>) -> WatchSet {
        WatchSet {
            rule_dirs: load.dirs.iter().map(|d| absolute(d)).collect(),
            config_files: config_files.iter().map(|f| absolute(f)).collect(),
        }
    }

    /// `(folder, mode)` pairs to watch: existing rule dirs recursively, the existing
    /// folders of the config files non-recursively.
    pub fn roots(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for d in &self.rule_dirs {
            if d.is_dir() {
                out.push((d.clone(), RecursiveMode::Recursive));
            }
        }
        for f in &self.config_files {
            if let Some(dir) = f.parent().filter(|d| d.is_dir())
                && !out.iter().any(|(p, _)| p == dir)
            {
                out.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        out
    }

    /// Whether a change of `path` should reload the rules.
    pub fn concerns(&self, path: &Path) -> bool {
        if is_scratch(path) {
            return false;
        }
        self.config_files.iter().any(|f| f == path)
            || self.rule_dirs.iter().any(|d| path.starts_with(d))
    }
}

/// Editors' scratch files (`.x.swp`, `x~`, Vim's `4913` probe, temp files before a rename).
fn is_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

impl ReloadSpec {
    /// Options fixed at start-up (no config to re-read).
    #[cfg(feature = "test-hooks")]
    pub fn fixed(load: LoadOptions) -> ReloadSpec {
        ReloadSpec { load, config: None }
    }

    /// What to watch before the first reload: the start-up options and config candidates.
    pub fn initial_watch(&self) -> WatchSet {
        WatchSet::new(&self.load, self.config_files(None))
    }

    fn config_files(&self, found: Option<&LoadedConfig>) -> Vec<PathBuf> {
        let Some(src) = &self.config else {
            return Vec::new();
        };
        if let Some(p) = &src.explicit {
            return vec![p.clone()];
        }
        let mut files = config::candidates();
        if let Some(p) = found.and_then(|c| c.path.clone()) {
            files.push(p);
        }
        files
    }

    /// Loads the rules (and the config, if it is re-read) from disk again.
    ///
    /// # Errors
    /// The config or a rule source has errors; the failure lists them with positions.
    pub fn load(&self) -> ReloadResult {
        let (load, files) = match &self.config {
            None => (self.load.clone(), Vec::new()),
            Some(src) => {
                let cfg = config::discover(src.explicit.as_deref()).map_err(|e| ReloadFailure {
                    message: e.to_string(),
                    count: 1,
                })?;
                if let Some(gone) = src.found.as_ref().filter(|f| !f.is_file()) {
                    return Err(ReloadFailure {
                        message: format!(
                            "{}: the config file was removed or moved; the last good configuration stays in force until it is back",
                            gone.display()
                        ),
                        count: 1,
                    });
                }
                let load = LoadOptions::from_config(&cfg, &src.extra_dirs, src.no_builtin);
                let files = self.config_files(Some(&cfg));
                (load, files)
            }
        };
        let engine = load_engine(&load).map_err(|e| ReloadFailure::from_errors(&e))?;
        Ok(Reloaded {
            engine: Arc::new(engine),
            watch: WatchSet::new(&load, files),
        })
    }
}

/// Runs [`ReloadSpec::load`] on a new thread and hands the result to `done`.
pub fn spawn_reload(spec: Arc<ReloadSpec>, done: impl FnOnce(ReloadResult) + Send + 'static) {
    std::thread::Builder::new()
        .name("tact-reload".into())
        .spawn(move || done(spec.load()))
        .expect("cannot start the reload thread");
}

/// Watches the folders of a [`WatchSet`] and calls back (debounced) when a relevant file
/// changes.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    set: Arc<std::sync::Mutex<WatchSet>>,
    roots: Vec<PathBuf>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("roots", &self.roots)
            .finish()
    }
}

impl Watcher {
    /// Starts watching `set`; `changed` runs on the debouncer's thread after each settled
    /// batch of events that concerns the rules.
    ///
    /// # Errors
    /// The platform's file watcher cannot be started.
    pub fn start(set: WatchSet, changed: impl Fn() + Send + 'static) -> notify::Result<Watcher> {
        let shared = Arc::new(std::sync::Mutex::new(WatchSet::default()));
        let filter = shared.clone();
        let debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
            let Ok(events) = res else { return };
            let Ok(set) = filter.lock() else { return };
            let relevant = events.iter().any(|e| {
                !matches!(e.kind, EventKind::Access(_) | EventKind::Other)
                    && e.paths.iter().any(|p| set.concerns(p))
            });
            drop(set);
            if relevant {
                changed();
            }
        })?;
        let mut w = Watcher {
            debouncer,
            set: shared,
            roots: Vec::new(),
        };
        w.update(set);
        Ok(w)
    }

    /// Watches `set` from now on (folders no longer in it are dropped).
    pub fn update(&mut self, set: WatchSet) {
        let roots = set.roots();
        if let Ok(mut s) = self.set.lock() {
            *s = set;
        }
        for old in std::mem::take(&mut self.roots) {
            if !roots.iter().any(|(p, _)| *p == old) {
                let _ = self.debouncer.unwatch(&old);
            } else {
                self.roots.push(old);
            }
        }
        for (p, mode) in roots {
            if !self.roots.contains(&p) && self.debouncer.watch(&p, mode).is_ok() {
                self.roots.push(p);
            }
        }
    }

    /// The folders being watched.
    #[cfg(feature = "test-hooks")]
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }
}
