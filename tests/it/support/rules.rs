//! Rule folders for the tests: fixture packs on disk (`tests/fixtures/<name>/`) and the one
//! place that builds [`LoadOptions`], so every test loads rules the way the product does.

use std::path::{Path, PathBuf};

use tact::diag::RuleErrors;
use tact::engine::{Engine, load_engine};
use tact::load::LoadOptions;

/// The fixture folder `tests/fixtures/<name>` (absolute); panics when it is missing, so a
/// renamed fixture fails the test instead of loading nothing.
pub fn fixture(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    assert!(path.exists(), "fixture {} is missing", path.display());
    path
}

/// The text of fixture file `tests/fixtures/<path>`.
#[cfg_attr(not(feature = "tui"), allow(dead_code))] // used by the editor tests
pub fn fixture_text(path: &str) -> String {
    let path = fixture(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temp folder holding a copy of fixture `name` (files and sub-folders), for tests that
/// edit rule files; keep the `TempDir` alive while it is used.
#[cfg_attr(not(feature = "tui"), allow(dead_code))] // used by the editor tests
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(name), dir.path());
    dir
}

/// Copies the files of `from` into `to` (which exists), recursively.
#[cfg_attr(not(feature = "tui"), allow(dead_code))] // used by the editor tests
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Load options for the rule folders `dirs` (in layering order), without the bundled packs.
pub fn only(dirs: &[&Path]) -> LoadOptions {
    LoadOptions {
        builtin: false,
        dirs: dirs.iter().map(|d| d.to_path_buf()).collect(),
        ..LoadOptions::default()
    }
}

/// Load options for the bundled packs with the rule folders `dirs` layered on top.
pub fn over_bundled(dirs: &[&Path]) -> LoadOptions {
    LoadOptions {
        dirs: dirs.iter().map(|d| d.to_path_buf()).collect(),
        ..LoadOptions::default()
    }
}

/// The engine for `opts`; panics with every rule error when the rules do not load.
pub fn load(opts: &LoadOptions) -> Engine {
    load_engine(opts).unwrap_or_else(|e| panic!("test rules failed to load:\n{e}"))
}

/// The errors of `opts`; panics when the rules load.
pub fn load_errors(opts: &LoadOptions) -> RuleErrors {
    match load_engine(opts) {
        Ok(_) => panic!("the rules loaded, expected an error: {:?}", opts.dirs),
        Err(e) => e,
    }
}

/// The engine of the bundled packs alone.
pub fn bundled() -> Engine {
    load(&LoadOptions::default())
}
