//! Errors in rule sources and configs (layer 2: uses model): a typed [`SourceError`] with
//! its [`ErrorKind`], the file, the span it points at (with line and column), what is wrong
//! and what to do. Callers tell errors apart by [`SourceError::kind`], never by their text.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::line_col;

/// What kind of problem a [`SourceError`] is. Callers tell errors apart by kind, never by
/// their text (which is for people and may change).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ErrorKind {
    /// A value that is wrong where it is written (syntax, unknown key or value, bad id, bad
    /// regex, empty list, missing key, …).
    #[default]
    Invalid,
    /// A `terms-file` or `terms-sha256-file` path that is outside the pack's folder or does
    /// not exist: the folder it was resolved in and the path as written. Reported at the path
    /// while the file is read; compiling the rule finds the same problem again, which is
    /// dropped when the same path in the same folder was reported.
    ListPath(Box<ListPath>),
    /// A problem that the per-layer checks always report at its exact position (an unknown
    /// `unit` or hidden `class`); compiling the rule finds it again and says so against the
    /// whole rule. Dropped when the per-layer checks reported errors; never the only error
    /// (the load fails either way).
    Repeat,
    /// A config entry (`disable`, `[severity]`) naming a rule that is not loaded. Dropped
    /// when a rule file has errors (the rule may be missing because of them).
    UnknownRule,
    /// A file or folder that cannot be read, or holds no rule files.
    Unreadable,
    /// A problem of the rule set as a whole, in no one file (an automaton or pattern set too
    /// large).
    RuleSet,
}

/// A list path as a rule file gives it: which problem an [`ErrorKind::ListPath`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPath {
    /// The pack's folder (`None` for a bundled pack).
    pub dir: Option<PathBuf>,
    /// The path as written.
    pub path: String,
}

/// One problem in a rule source or config.
///
/// Shown as `file:line:column: message (help: …)`. The message and help are boxed
/// (`Box<str>`) so that a `Result` carrying the error stays small.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}:{}: {message}{}", self.file, self.line, self.column, Help(self.help.as_deref()))]
pub struct SourceError {
    /// What kind of problem it is.
    pub kind: ErrorKind,
    /// The file's display name (`rules/terms.toml`, `bundled:classification.toml`…).
    pub file: String,
    /// The whole text of the file, for rendering the snippet (empty when unreadable or when
    /// the error has no position in the text).
    pub file_text: Arc<str>,
    /// Byte range in `file_text` the error points at.
    pub span: (usize, usize),
    /// 1-based line of `span.0`.
    pub line: usize,
    /// 1-based column of `span.0`, in characters.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: Box<str>,
    /// What to do about it, if there is advice.
    pub help: Option<Box<str>>,
}

/// ` (help: …)` when there is advice.
struct Help<'a>(Option<&'a str>);

impl fmt::Display for Help<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(h) => write!(f, " (help: {h})"),
            None => Ok(()),
        }
    }
}

/// The former name of [`SourceError`], kept for the many places that build one.
pub type RuleError = SourceError;

impl SourceError {
    /// An error ([`ErrorKind::Invalid`]) at byte range `span` of `source`, clamped to the
    /// source and its char boundaries.
    pub fn at(
        file: &str,
        source: &Arc<str>,
        span: (usize, usize),
        message: impl Into<String>,
    ) -> SourceError {
        let mut start = span.0.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.1.clamp(start, source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        let (line, column) = line_col(source, start);
        SourceError {
            kind: ErrorKind::Invalid,
            file: file.to_string(),
            file_text: source.clone(),
            span: (start, end),
            line,
            column,
            message: message.into().into_boxed_str(),
            help: None,
        }
    }

    /// An error ([`ErrorKind::Invalid`]) about a whole file, without a position in its text
    /// (line 1, column 1).
    pub fn file(file: &str, message: impl Into<String>) -> SourceError {
        SourceError::at(file, &Arc::from(""), (0, 0), message)
    }

    /// A file or folder that cannot be read ([`ErrorKind::Unreadable`]; line 1, column 1).
    pub fn unreadable(file: &str, message: impl Into<String>) -> SourceError {
        SourceError::file(file, message).with_kind(ErrorKind::Unreadable)
    }

    /// A problem of the rule set as a whole ([`ErrorKind::RuleSet`]), in no one file; `name`
    /// says which set (`rules`, `tone`) and is shown where a file name would be.
    pub fn rule_set(name: &str, message: impl Into<String>) -> SourceError {
        SourceError::file(name, message).with_kind(ErrorKind::RuleSet)
    }

    /// Sets the kind.
    pub fn with_kind(mut self, kind: ErrorKind) -> SourceError {
        self.kind = kind;
        self
    }

    /// Adds advice on what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> SourceError {
        self.help = Some(help.into().into_boxed_str());
        self
    }
}

/// All problems found while loading rule sources. Never empty.
pub type SourceErrors = RuleErrors;

/// All problems found while loading rule sources. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_file_line_column_message_and_help() {
        let text: Arc<str> = Arc::from("a = 1\nunit = \"chars\"\n");
        let e = SourceError::at("desk.toml", &text, (13, 20), "unknown unit `chars`")
            .with_help("use one of: graphemes");
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!((e.line, e.column), (2, 8));
        assert_eq!(
            e.to_string(),
            "desk.toml:2:8: unknown unit `chars` (help: use one of: graphemes)"
        );
        let u = SourceError::unreadable("rules", "cannot read rule directory: gone");
        assert_eq!(u.kind, ErrorKind::Unreadable);
        assert_eq!(u.to_string(), "rules:1:1: cannot read rule directory: gone");
    }

    #[test]
    fn a_result_with_the_error_stays_small() {
        assert!(std::mem::size_of::<Result<(), SourceError>>() <= 128);
    }
}
