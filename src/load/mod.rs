//! Rule sources and config (DESIGN §5; layer 3: uses schema, diag and below): the bundled
//! packs and rule directories ([`sources`]), layering of packs and rules ([`Layered`]), the
//! project config `tact.toml` ([`config`]) and the overrides it gives ([`Overrides`]).
//!
//! Loading fails closed: any error in any source means no engine, and every error names the
//! file, line and column with advice.

pub mod config;
mod layering;
mod plain;
mod sources;
mod weights;

use std::path::PathBuf;

pub use crate::schema::RuleSource;
pub use crate::schema::{LayeredRule, Origin};
pub use layering::{Layered, Validate};
pub use sources::{bundled, read_dir};

use crate::diag::RuleErrors;
use config::LoadedConfig;

/// What to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Load the bundled packs first (config `builtin = true`, the default).
    pub builtin: bool,
    /// Extra rule directories, in layering order (config `rules`, then `--rules`).
    pub dirs: Vec<PathBuf>,
    /// `disable` and `[severity]` from the config.
    pub overrides: Overrides,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            builtin: true,
            dirs: Vec::new(),
            overrides: Overrides::default(),
        }
    }
}

impl LoadOptions {
    /// The options a config gives, plus `extra_dirs` (from `--rules`) layered after the
    /// config's own directories; `no_builtin` leaves the bundled packs out.
    pub fn from_config(
        cfg: &LoadedConfig,
        extra_dirs: &[PathBuf],
        no_builtin: bool,
    ) -> LoadOptions {
        let mut dirs: Vec<PathBuf> = cfg.config.rules.iter().map(|d| cfg.resolve(d)).collect();
        dirs.extend(extra_dirs.iter().cloned());
        LoadOptions {
            builtin: cfg.config.builtin && !no_builtin,
            dirs,
            overrides: Overrides {
                disable: cfg.config.disable.clone(),
                severity: cfg.config.severity.clone(),
                file: cfg.name(),
                source: cfg.source.clone(),
            },
        }
    }
}

/// Config overrides applied after compiling: switched-off rules or packs, and severities.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Rule ids (`pack/rule`) or pack ids to disable.
    pub disable: Vec<toml::Spanned<String>>,
    /// Severity per rule id.
    pub severity: std::collections::BTreeMap<String, toml::Spanned<crate::model::Severity>>,
    /// The config file's display name (for errors).
    pub file: String,
    /// The config file's text (for errors).
    pub source: std::sync::Arc<str>,
}

/// Reads every source named by `opts` (bundled packs first, then each directory as its own
/// layer).
///
/// # Errors
/// Unreadable directories or files, or files that are not UTF-8.
pub fn sources(opts: &LoadOptions) -> Result<Vec<RuleSource>, RuleErrors> {
    let mut out = if opts.builtin { bundled() } else { Vec::new() };
    let mut errors = Vec::new();
    for (i, dir) in unique_dirs(&opts.dirs).into_iter().enumerate() {
        match read_dir(dir, i + 1) {
            Ok(s) => out.extend(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(RuleErrors(errors))
    }
}

/// `dirs` with each folder kept once, at its first place: `./embassy`, `embassy/`,
/// `$PWD/embassy` and a symlink to it are the same folder (compared by canonical path), so a
/// folder named both in `tact.toml` and on the command line is loaded once. A folder that
/// cannot be resolved (it does not exist) is kept as given, so reading it reports the error.
pub fn unique_dirs(dirs: &[PathBuf]) -> Vec<&PathBuf> {
    let mut seen = std::collections::HashSet::new();
    dirs.iter()
        .filter(|d| seen.insert(std::fs::canonicalize(d).unwrap_or_else(|_| (*d).clone())))
        .collect()
}

/// A warning for each `.toml` file in a sub-folder of a rule folder (up to four levels
/// down, hidden folders and symbolic links left out): tact reads only the files directly in
/// the folder, so such a file is not loaded.
pub fn subfolder_warnings(dirs: &[PathBuf]) -> Vec<crate::diag::RuleError> {
    fn walk(
        top: &std::path::Path,
        dir: &std::path::Path,
        depth: usize,
        out: &mut Vec<crate::diag::RuleError>,
    ) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if meta.is_dir() && !hidden && depth < 4 {
                walk(top, &p, depth + 1, out);
            } else if depth > 0 && meta.is_file() && p.extension().is_some_and(|x| x == "toml") {
                let sub = p.parent().unwrap_or(top);
                out.push(
                    crate::diag::RuleError::file(
                        &p.display().to_string(),
                        format!(
                            "this rule file is in a sub-folder of {} and is not loaded",
                            top.display()
                        ),
                    )
                    .with_help(format!(
                        "tact reads only the .toml files directly in a rule folder: move the file up into {}, or load the sub-folder as a rule folder of its own (`--rules {}`)",
                        top.display(),
                        sub.display()
                    )),
                );
            }
        }
    }
    let mut out = Vec::new();
    for d in unique_dirs(dirs) {
        walk(d, d, 0, &mut out);
    }
    // A sub-folder that is itself a rule folder is loaded.
    let loaded: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .collect();
    out.retain(|e| {
        std::path::Path::new(&e.file)
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .is_none_or(|p| !loaded.contains(&p))
    });
    out
}
