//! Errors in rule sources, each with the file, line and column it points at.

use std::fmt;
use std::sync::Arc;

use crate::model::line_col;

/// One problem in a rule source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The file's display name (`rules/terms.toml`, `bundled:classification.toml`…).
    pub file: String,
    /// The whole text of the file, for rendering the snippet (empty when unreadable).
    pub source: Arc<str>,
    /// Byte range in `source` the error points at.
    pub span: (usize, usize),
    /// 1-based line of `span.0`.
    pub line: usize,
    /// 1-based column of `span.0`, in characters.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it, if there is advice.
    pub help: Option<String>,
}

impl RuleError {
    /// An error at byte range `span` of `source`, clamped to the source and its char boundaries.
    pub fn at(
        file: &str,
        source: &Arc<str>,
        span: (usize, usize),
        message: impl Into<String>,
    ) -> RuleError {
        let mut start = span.0.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.1.clamp(start, source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        let (line, column) = line_col(source, start);
        RuleError {
            file: file.to_string(),
            source: source.clone(),
            span: (start, end),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// An error about a whole file that could not be read (line 1, column 1).
    pub fn file(file: &str, message: impl Into<String>) -> RuleError {
        RuleError::at(file, &Arc::from(""), (0, 0), message)
    }

    /// Adds advice on what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> RuleError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

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
