//! A rule's examples (`examples.flag`, `examples.pass`) with the file and line they are
//! written at; `tact rules test` runs them.

use crate::schema::rule::ExampleDef;

/// One example of a rule, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The example text.
    pub text: String,
    /// The original text the finding must cover, if stated.
    pub matched: Option<String>,
    /// The replacement the first fix must offer, if stated.
    pub fix: Option<String>,
    /// File and 1-based line of the example.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The text of the file the example is written in (empty for built-in examples).
    pub source: std::sync::Arc<str>,
    /// Byte range of the example in `source`.
    pub span: (usize, usize),
}

impl Example {
    /// The example of a rule-file entry, written at `span` of `source` (`file`, 1-based `line`).
    pub fn from_def(
        e: &toml::Spanned<ExampleDef>,
        file: &str,
        source: &std::sync::Arc<str>,
        line: usize,
    ) -> Example {
        let span = (e.span().start, e.span().end);
        let e = e.get_ref();
        let (matched, fix) = match e {
            ExampleDef::Text(_) => (None, None),
            ExampleDef::Detailed(d) => (d.matched.clone(), d.fix.clone()),
        };
        Example {
            text: e.text(),
            matched,
            fix,
            file: file.to_string(),
            line,
            source: source.clone(),
            span,
        }
    }
}

impl Example {
    /// An error pointing at this example in its file, saying `message`.
    pub fn error(&self, message: impl Into<String>) -> crate::diag::RuleError {
        if self.source.is_empty() {
            let mut e = crate::diag::RuleError::file(&self.file, message);
            e.line = self.line;
            return e;
        }
        crate::diag::RuleError::at(&self.file, &self.source, self.span, message)
    }
}

/// A rule's examples.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    /// Must produce a finding of the rule.
    pub flag: Vec<Example>,
    /// Must produce no finding of the rule.
    pub pass: Vec<Example>,
}
