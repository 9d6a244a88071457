//! Rule sources: the bundled packs embedded in the binary, and directories of `.toml` files.

use std::path::Path;
use std::sync::Arc;

use crate::diag::RuleError;
use crate::schema::RuleSource;

/// The bundled packs, embedded at build time (`rules/*.toml`).
pub fn bundled() -> Vec<RuleSource> {
    macro_rules! pack {
        ($f:literal) => {
            RuleSource {
                name: concat!("bundled:", $f).to_string(),
                text: Arc::from(include_str!(concat!("../../rules/", $f))),
                dir: None,
                layer: 0,
            }
        };
    }
    vec![
        pack!("classification.toml"),
        pack!("classification-europe.toml"),
        pack!("classification-eurasia.toml"),
        pack!("classification-asia.toml"),
        pack!("classification-world.toml"),
        pack!("leaks.toml"),
        pack!("draft.toml"),
        pack!("terms.toml"),
        pack!("hidden.toml"),
        pack!("tone.toml"),
        pack!("tone-lexicon.toml"),
        pack!("tone-lexicon-intl.toml"),
        pack!("tone-constructions.toml"),
        pack!("tone-tropes.toml"),
        pack!("tone-shapes.toml"),
        pack!("tone-fitted.toml"),
        pack!("platforms.toml"),
        pack!("links.toml"),
    ]
}

/// Why `path` (named `*.toml` in a rule folder) cannot be read as a rule file: a dangling
/// symlink, a folder, a FIFO or other special file. Such a name is an error, never skipped:
/// the rules it was meant to hold would silently not be in force (fail closed).
fn not_a_rule_file(path: &Path) -> Option<RuleError> {
    let name = path.display().to_string();
    let why = match std::fs::metadata(path) {
        Err(e) if std::fs::symlink_metadata(path).is_ok() => {
            format!("a symbolic link to a file that cannot be read ({e})")
        }
        Err(e) => format!("cannot read: {e}"),
        Ok(m) if m.is_file() => return None,
        Ok(m) if m.is_dir() => "a folder, not a rule file".to_string(),
        Ok(_) => "not a regular file (a FIFO, socket or device)".to_string(),
    };
    Some(RuleError::unreadable(&name, why).with_help(
        "every *.toml in a rule folder must be a rule pack: restore the file, or rename or remove this entry",
    ))
}

/// Reads every `*.toml` file of `dir` (sorted by name, not recursive) as layer `layer`.
///
/// # Errors
/// A missing or unreadable directory or file, a file that is not UTF-8, or an entry named
/// `*.toml` that is not a readable regular file (a dangling symlink, a folder, a FIFO) is an
/// error naming the path.
pub fn read_dir(dir: &Path, layer: usize) -> Result<Vec<RuleSource>, RuleError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        RuleError::unreadable(&shown, format!("cannot read rule directory: {e}"))
            .with_help("pass a directory that holds rule packs (*.toml)")
    })?;
    let mut paths = Vec::new();
    for e in entries {
        let p = e
            .map_err(|e| RuleError::unreadable(&shown, format!("cannot read rule directory: {e}")))?
            .path();
        if p.extension().is_some_and(|x| x == "toml") {
            paths.push(p);
        }
    }
    paths.sort();
    if let Some(err) = paths.iter().find_map(|p| not_a_rule_file(p)) {
        return Err(err);
    }
    if paths.is_empty() {
        return Err(
            RuleError::unreadable(&shown, "no rule files (*.toml) in this directory")
                .with_help("a rule directory holds TOML rule packs; see rules/README.md"),
        );
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p.display().to_string();
            let bytes = std::fs::read(&p)
                .map_err(|e| RuleError::unreadable(&name, format!("cannot read: {e}")))?;
            let text = String::from_utf8(bytes).map_err(|e| not_utf8(&name, &e))?;
            Ok(RuleSource {
                name,
                text: Arc::from(text),
                dir: Some(dir.to_path_buf()),
                layer,
            })
        })
        .collect()
}

/// The error for a rule file that is not UTF-8, at the line and column of the first bad byte.
fn not_utf8(name: &str, e: &std::string::FromUtf8Error) -> RuleError {
    let at = e.utf8_error().valid_up_to();
    let shown: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()).as_ref());
    // The lossy text has the same bytes up to `at`, then U+FFFD for the bad byte.
    RuleError::at(
        name,
        &shown,
        (at, at + '\u{FFFD}'.len_utf8()),
        format!(
            "not UTF-8 text: byte {at} (0x{:02X}) is not a character in UTF-8",
            e.as_bytes()[at]
        ),
    )
    .with_help("save the file as UTF-8 (in most editors: Save As… and choose the encoding UTF-8); a Windows-1252 or Latin-1 character such as é, ’ or « is the usual cause")
}
