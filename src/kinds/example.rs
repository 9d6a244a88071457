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
}

impl Example {
    /// The example of a rule-file entry, written at `file:line`.
    pub fn from_def(e: &ExampleDef, file: &str, line: usize) -> Example {
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
        }
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
