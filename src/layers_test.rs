//! Architecture test: data flows one way (DESIGN §3). Every file under `src/` is read, its
//! comments and string literals are blanked, and each `crate::<module>` it names (also inside
//! `use crate::{…}` groups) must be its own top module or one the table [`LAYERS`] allows.
//! Unit-test items (`#[cfg(test)]`) may reach any layer: they test with the whole engine.
//! The library names no `anyhow` (DESIGN §16: thiserror types in the library).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each library module and the modules it may use (the lib.rs table, closed under "below").
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("text", &["model"]),
    ("schema", &["model"]),
    ("platform", &["model", "text"]),
    ("diag", &["model", "text"]),
    ("kinds", &["model", "text", "platform", "schema", "diag"]),
    ("load", &["model", "text", "schema", "diag"]),
    (
        "engine",
        &[
            "model", "text", "platform", "schema", "diag", "kinds", "load",
        ],
    ),
    (
        "report",
        &[
            "model", "text", "platform", "schema", "diag", "kinds", "load", "engine",
        ],
    ),
    (
        "publish",
        &[
            "model", "text", "platform", "schema", "diag", "kinds", "load", "engine",
        ],
    ),
    (
        "tui",
        &[
            "model", "text", "platform", "schema", "diag", "kinds", "load", "engine", "report",
            "publish",
        ],
    ),
];

/// Files of the binary (they use the library as `tact::…`; anything goes).
const BINARY: &[&str] = &["main.rs", "cli.rs", "commands"];

/// Files of the crate root itself (they declare the modules).
const ROOT: &[&str] = &["lib.rs", "layers_test.rs"];

/// `text` with comments, string and char literals replaced by spaces (line breaks kept).
fn blank_literals(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // Raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &ch in &b[i..j.min(b.len())] {
                blank(&mut out, ch);
            }
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != '"' {
                j += if b[j] == '\\' { 2 } else { 1 };
            }
            for &ch in &b[i..(j + 1).min(b.len())] {
                blank(&mut out, ch);
            }
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let close = if next == Some('\\') {
                (i + 2..b.len().min(i + 12)).find(|&j| b[j] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(j) => {
                    for &ch in &b[i..=j] {
                        blank(&mut out, ch);
                    }
                    i = j + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// `code` (literals blanked) without the items marked `#[cfg(test)]`.
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        // The item ends at the `;` before any brace, or at the brace closing its first one.
        let end = match (item.find('{'), item.find(';')) {
            (_, Some(semi)) if item.find('{').is_none_or(|b| semi < b) => semi + 1,
            (Some(open), _) => {
                let mut depth = 0usize;
                let mut end = item.len();
                for (k, ch) in item[open..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => item.len(),
        };
        out.extend(
            item[..end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The top modules named after `crate::` in `code` (also `crate::{a, b::c}` groups), with
/// the 1-based line of each.
fn crate_refs(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `tact_crate::`, `$crate::`
            }
            let rest_trim = rest.trim_start();
            if let Some(group) = rest_trim.strip_prefix('{') {
                // Top-level names of the group (up to its closing brace, possibly on a later
                // line: only this line's part is read; rustfmt keeps short groups on one line).
                let mut depth = 0;
                let mut name = String::new();
                let mut expect = true;
                for ch in group.chars() {
                    match ch {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => expect = true,
                        c if expect && depth == 0 && (c.is_alphanumeric() || c == '_') => {
                            name.push(c)
                        }
                        _ if !name.is_empty() => {
                            out.push((std::mem::take(&mut name), n + 1));
                            expect = false;
                        }
                        _ => {}
                    }
                }
                if !name.is_empty() {
                    out.push((name, n + 1));
                }
            } else {
                let name: String = rest_trim
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((name, n + 1));
                }
            }
        }
    }
    out
}

/// The top module of a file given by its path relative to `src/` (`kinds/terms/mod.rs` →
/// `kinds`, `lib.rs` → `lib`).
fn top_module(rel: &Path) -> String {
    let first = rel.components().next().expect("a path under src");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// Every layering violation in `files` (`(path relative to src/, text)`), as
/// `path:line: module → used`.
fn violations(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut out = Vec::new();
    let known: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    for (rel, text) in files {
        let name = rel.to_string_lossy();
        if ROOT.contains(&name.as_ref()) {
            continue;
        }
        let top = top_module(rel);
        if BINARY.contains(&top.as_str()) || BINARY.contains(&name.as_ref()) {
            continue;
        }
        let Some((_, allowed)) = LAYERS.iter().find(|(m, _)| *m == top) else {
            out.push(format!(
                "{name}: module `{top}` has no layer; add it to LAYERS and the lib.rs table"
            ));
            continue;
        };
        let code = without_test_items(&blank_literals(text));
        for (n, l) in code.lines().enumerate() {
            if l.contains("anyhow") {
                out.push(format!(
                    "src/{name}:{}: the library uses `anyhow` (give it a thiserror type; anyhow is for the binary)",
                    n + 1
                ));
            }
        }
        for (used, line) in crate_refs(&code) {
            if used == top || !known.contains(used.as_str()) {
                continue; // own module, or a crate-root item (macros, `crate::Foo`)
            }
            if !allowed.contains(&used.as_str()) {
                out.push(format!("src/{name}:{line}: `{top}` uses `crate::{used}`"));
            }
        }
        // `super::` out of a top module's root file reaches its siblings.
        let depth = rel.components().count();
        let is_root_file = depth == 1 || rel.ends_with("mod.rs") && depth == 2;
        if is_root_file {
            for (n, l) in code.lines().enumerate() {
                if l.contains("super::") && !l.contains("super::*") {
                    out.push(format!(
                        "src/{name}:{}: `{top}` uses `super::` (name the module by `crate::`)",
                        n + 1
                    ));
                }
            }
        }
    }
    out
}

fn rust_files(dir: &Path, base: &Path, out: &mut Vec<(PathBuf, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, base, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            out.push((p.strip_prefix(base).expect("under src").to_path_buf(), text));
        }
    }
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &src, &mut files);
    assert!(files.len() > 50, "read only {} files", files.len());
    let v = violations(&files);
    assert!(v.is_empty(), "layering violations:\n{}", v.join("\n"));
}

fn file(path: &str, text: &str) -> (PathBuf, String) {
    (PathBuf::from(path), text.to_string())
}

#[test]
fn an_upward_use_fails() {
    let files = [
        file(
            "kinds/terms/mod.rs",
            "use crate::model::Fix;\nuse crate::engine::Engine;\n",
        ),
        file("model/mod.rs", "fn f() { crate::text::fold_str(\"x\"); }\n"),
        file(
            "load/layering.rs",
            "use crate::{diag::RuleError, kinds::CompiledRule};\n",
        ),
        file(
            "schema/rule.rs",
            "fn f() -> crate::platform::Unit { unreachable_code() }\n",
        ),
        file(
            "publish/mod.rs",
            "pub fn clear() -> anyhow::Result<()> { Ok(()) }\n",
        ),
    ];
    assert_eq!(
        violations(&files),
        [
            "src/kinds/terms/mod.rs:2: `kinds` uses `crate::engine`",
            "src/model/mod.rs:1: `model` uses `crate::text`",
            "src/load/layering.rs:1: `load` uses `crate::kinds`",
            "src/schema/rule.rs:1: `schema` uses `crate::platform`",
            "src/publish/mod.rs:1: the library uses `anyhow` (give it a thiserror type; anyhow is for the binary)",
        ]
    );
}

#[test]
fn a_sideways_use_and_an_unplaced_module_fail() {
    let files = [
        file("report/json.rs", "use crate::publish::Record;\n"),
        file("kinds/mod.rs", "use super::load::Layered;\n"),
        file("newthing.rs", "use crate::model::Fix;\n"),
    ];
    assert_eq!(
        violations(&files),
        [
            "src/report/json.rs:1: `report` uses `crate::publish`",
            "src/kinds/mod.rs:1: `kinds` uses `super::` (name the module by `crate::`)",
            "newthing.rs: module `newthing` has no layer; add it to LAYERS and the lib.rs table",
        ]
    );
}

#[test]
fn comments_strings_and_test_items_are_not_uses() {
    let files = [file(
        "model/finding.rs",
        concat!(
            "//! see [`crate::engine::Engine`]\n",
            "const S: &str = \"crate::engine\";\n",
            "const R: &str = r#\"crate::tui\"#;\n",
            "fn f<'a>(c: char) -> bool { c == '{' } /* crate::load */\n",
            "#[cfg(test)]\nmod tests { fn g() { crate::engine::load_engine(); } }\n",
            "fn h() { crate::kinds::x(); }\n",
        ),
    )];
    assert_eq!(
        violations(&files),
        ["src/model/finding.rs:7: `model` uses `crate::kinds`"]
    );
}

#[test]
fn the_binary_and_the_crate_root_are_not_layered() {
    let files = [
        file("commands/mod.rs", "use crate::cli::Cli;\n"),
        file("main.rs", "mod commands;\n"),
        file("lib.rs", "pub mod model;\n"),
        file(
            "tui/app.rs",
            "use crate::engine::Engine;\nuse crate::publish::Settings;\n",
        ),
    ];
    assert!(violations(&files).is_empty());
}
