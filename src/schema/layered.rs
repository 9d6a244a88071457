//! A rule after layering: its merged definition and every place that contributed (what the
//! kinds compile; the layering itself is in `crate::load`).

use std::sync::Arc;

use super::rule::RuleDef;

/// Where a rule (or a layer of it) was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Display name of the file.
    pub file: String,
    /// The file's text (for error snippets).
    pub source: Arc<str>,
    /// 1-based line of the `[[rule]]`.
    pub line: usize,
    /// The folder `terms-file` is relative to (`None` for bundled packs).
    pub dir: Option<std::path::PathBuf>,
}

/// A rule after layering: the merged definition and every place that contributed.
#[derive(Debug, Clone)]
pub struct LayeredRule {
    /// Pack id.
    pub pack: String,
    /// Rule id within the pack.
    pub id: String,
    /// The merged definition.
    pub def: RuleDef,
    /// Where it was first defined, then each extension.
    pub origins: Vec<Origin>,
}
