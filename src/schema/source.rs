//! A rule file read into memory: its text and where it came from.

use std::path::PathBuf;
use std::sync::Arc;

/// One rule file's text, with where it came from.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Display name used in errors and listings.
    pub name: String,
    /// The file's text.
    pub text: Arc<str>,
    /// The folder that `terms-file` paths are relative to; `None` for bundled packs.
    pub dir: Option<PathBuf>,
    /// Which layer the file belongs to: 0 = bundled, 1.. = each `--rules` directory in order.
    pub layer: usize,
}
