//! The editor's own layering (DESIGN §3, §11), checked on the source text:
//! - the app (`app/`) draws nothing: it names no `Frame`, no drawing module and no
//!   component's `draw`;
//! - drawing handles no input: every function that takes a `Frame` takes the app as `&App`;
//! - only the runtime (`runtime/`) touches files, threads or the terminal; the app, the
//!   components and the dialogs return `Effect`s instead.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The code of `path` without comments and without its `#[cfg(test)]` tail.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui")
}

fn assert_absent(dir: &str, forbidden: &[&str]) {
    let root = tui().join(dir);
    let all = files(&root);
    assert!(!all.is_empty(), "no files under {}", root.display());
    for f in all {
        let code = code(&f);
        for word in forbidden {
            assert!(
                !code.contains(word),
                "{} names `{word}`: that belongs elsewhere (see src/tui/mod.rs)",
                f.display()
            );
        }
    }
}

#[test]
fn the_app_draws_nothing() {
    assert_absent(
        "app",
        &[
            "Frame",
            "tui::ui",
            "super::ui",
            "::draw(",
            "components::hints",
        ],
    );
}

#[test]
fn drawing_takes_the_app_read_only() {
    for f in files(&tui()) {
        let code = code(&f);
        for sig in code.split("fn ").skip(1) {
            let head = sig.split('{').next().unwrap_or("");
            if head.contains("Frame") {
                assert!(
                    !head.contains("&mut App"),
                    "{}: a drawing function takes `&mut App`: fn {head}",
                    f.display()
                );
            }
        }
    }
}

#[test]
fn only_the_runtime_has_side_effects() {
    let effects = [
        "std::fs",
        "fs::",
        "std::thread",
        "thread::",
        "execute!",
        "stdout()",
    ];
    for dir in ["app", "components", "dialogs", "editor"] {
        assert_absent(dir, &effects);
    }
}
