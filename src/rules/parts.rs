//! The pieces of a compiled rule that come from its definition: examples, term lists read
//! from files, context needles, default scopes, and errors that point at the rule.

use super::RuleError;
use super::load::LayeredRule;
use super::schema::{ExampleDef, Scope};
use super::validate::resolve_terms_file;
use crate::check::Category;
use crate::check::Needle;
use crate::check::hashed::HashedMatcher;
use crate::check::pattern::Pattern;
use crate::text::fold_str;
use regex_syntax::hir::Hir;

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

pub(super) fn rule_error(r: &LayeredRule, msg: String) -> RuleError {
    let o = &r.origins[0];
    let start = crate::text::LineIndex::new(&o.source)
        .line_range(&o.source, o.line.max(1))
        .0;
    RuleError::at(
        &o.file,
        &o.source,
        (start, start),
        format!("rule `{}/{}`: {msg}", r.pack, r.id),
    )
}

pub(super) fn required<'a, T>(
    r: &LayeredRule,
    v: &'a Option<toml::Spanned<T>>,
    key: &str,
) -> Result<&'a T, RuleError> {
    v.as_ref().map(|s| s.get_ref()).ok_or_else(|| {
        rule_error(r, format!("missing `{key}`"))
            .with_help(format!("every rule needs `{key}`; see rules/README.md"))
    })
}

pub(super) fn read_terms_file(r: &LayeredRule, rel: &str) -> Result<Vec<String>, RuleError> {
    let dir = r.origins.iter().rev().find_map(|o| o.dir.as_deref());
    let path = resolve_terms_file(dir, rel).map_err(|m| rule_error(r, m))?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| rule_error(r, format!("cannot read `{}`: {e}", path.display())))?;
    Ok(text
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// Reads a `terms-sha256-file`. Errors name the file and line, never a line's content.
pub(super) fn read_hashed_file(r: &LayeredRule, rel: &str) -> Result<HashedMatcher, RuleError> {
    let dir = r.origins.iter().rev().find_map(|o| o.dir.as_deref());
    let path = resolve_terms_file(dir, rel).map_err(|m| rule_error(r, m))?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| rule_error(r, format!("cannot read `{}`: {e}", path.display())))?;
    HashedMatcher::parse(&text).map_err(|m| {
        rule_error(r, format!("`{}`: {m}", path.display()))
            .with_help("write the file with `tact rules hash-list PLAIN.txt`")
    })
}

/// Line indexes of the rule files, built once per file while compiling (a rule file holds
/// dozens of rules, each with examples whose lines are looked up).
#[derive(Default)]
pub(super) struct LineIndexes(std::collections::HashMap<*const u8, crate::text::LineIndex>);

impl LineIndexes {
    fn of(&mut self, source: &std::sync::Arc<str>) -> &crate::text::LineIndex {
        self.0
            .entry(source.as_ptr())
            .or_insert_with(|| crate::text::LineIndex::new(source))
    }
}

pub(super) fn examples(r: &LayeredRule, lines: &mut LineIndexes) -> Examples {
    let Some(ex) = &r.def.examples else {
        return Examples::default();
    };
    let mut conv = |e: &toml::Spanned<ExampleDef>| {
        let k = (0..r.origins.len())
            .rev()
            .find(|&k| e.span().end <= r.origins[k].source.len())
            .unwrap_or(0);
        let o = &r.origins[k];
        let line = lines
            .of(&o.source)
            .line_col(&o.source, e.span().start.min(o.source.len()))
            .0;
        Example::from_def(e.get_ref(), &o.file, line)
    };
    Examples {
        flag: ex.flag.iter().map(&mut conv).collect(),
        pass: ex.pass.iter().map(&mut conv).collect(),
    }
}

pub(super) fn default_scopes(c: Category) -> Vec<Scope> {
    match c {
        Category::Leak => vec![
            Scope::Text,
            Scope::Url,
            Scope::Mention,
            Scope::Hashtag,
            Scope::Cashtag,
            Scope::Email,
        ],
        Category::Link => vec![Scope::Url],
        _ => vec![Scope::Text, Scope::Hashtag],
    }
}

/// Compiles `context` needles: folded terms, and `re:` patterns compiled on first use (a
/// pattern that might exceed the size limit is compiled now).
///
/// # Errors
/// A `re:` pattern that cannot be compiled (its syntax was checked with the file).
pub(super) fn needles(
    r: &LayeredRule,
    list: &[toml::Spanned<String>],
) -> Result<Vec<Needle>, RuleError> {
    list.iter()
        .map(|n| match n.get_ref().strip_prefix("re:") {
            Some(re) => {
                let pattern = Pattern::new(re.to_string());
                match parse_for_load(&pattern) {
                    Ok(_) | Err(None) => Ok(Needle::Re(pattern)),
                    Err(Some(e)) => Err(rule_error(
                        r,
                        format!(
                            "context pattern `{re}` cannot be used: {}",
                            regex_error_detail(e)
                        ),
                    )
                    .with_help(
                        "fix or simplify the `re:` pattern (Rust regex syntax; see rules/README.md)",
                    )),
                }
            }
            None => Ok(Needle::Term(fold_str(n.get_ref()))),
        })
        .collect()
}

/// Parses a pattern; one that could be too large is also compiled now, so that its error is
/// reported at load time.
///
/// # Errors
/// `None` for an error [`super::validate::check_syntax`] reported, with its position, while
/// the file was validated; otherwise what cannot be compiled (a pattern too large).
pub(super) fn parse_for_load(pat: &Pattern) -> Result<Hir, Option<regex::Error>> {
    let hir = regex_syntax::Parser::new()
        .parse(&pat.source)
        .map_err(|e| match e {
            regex_syntax::Error::Parse(_) => None,
            _ if super::validate::names_unicode_property(&pat.source) => None,
            other => Some(regex::Error::Syntax(other.to_string())),
        })?;
    if !crate::check::pattern::surely_fits(&hir) {
        pat.regex().map_err(Some)?;
    }
    Ok(hir)
}

/// The last line of a regex error (what is wrong, without the pattern drawn above it).
pub(super) fn regex_error_detail(e: regex::Error) -> String {
    match e {
        regex::Error::Syntax(m) => m
            .lines()
            .last()
            .unwrap_or(&m)
            .trim()
            .trim_start_matches("error:")
            .trim()
            .to_string(),
        other => other.to_string(),
    }
}
