//! Rule sources: the bundled packs embedded in the binary, and directories of `.toml` files.

use std::path::{Path, PathBuf};
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
        pack!("tone-fitted.toml"),
        pack!("platforms.toml"),
        pack!("links.toml"),
    ]
}

/// Reads every `*.toml` file of `dir` (sorted by name, not recursive) as layer `layer`.
///
/// # Errors
/// A missing or unreadable directory or file, or a file that is not UTF-8, is an error
/// naming the path.
pub fn read_dir(dir: &Path, layer: usize) -> Result<Vec<RuleSource>, RuleError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        RuleError::file(&shown, format!("cannot read rule directory: {e}"))
            .with_help("pass a directory that holds rule packs (*.toml)")
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(
            RuleError::file(&shown, "no rule files (*.toml) in this directory")
                .with_help("a rule directory holds TOML rule packs; see rules/README.md"),
        );
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p.display().to_string();
            let bytes = std::fs::read(&p)
                .map_err(|e| RuleError::file(&name, format!("cannot read: {e}")))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                RuleError::file(
                    &name,
                    format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                )
            })?;
            Ok(RuleSource {
                name,
                text: Arc::from(text),
                dir: Some(dir.to_path_buf()),
                layer,
            })
        })
        .collect()
}
