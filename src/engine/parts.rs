//! The pieces of a compiled rule that come from its definition: examples, term lists read
//! from files, context needles, default scopes, and errors that point at the rule.

use crate::diag::RuleError;
use crate::kinds::common::rule_error;
use crate::kinds::example::{Example, Examples};
use crate::kinds::filter::Needle;
use crate::kinds::pattern::Pattern;
use crate::load::LayeredRule;
use crate::model::{Category, Scope};
use crate::schema::rule::ExampleDef;
use crate::text::fold_str;
use regex_syntax::hir::Hir;

/// Line indexes of the rule files, built once per file while compiling (a rule file holds
/// dozens of rules, each with examples whose lines are looked up).
#[derive(Default)]
pub(super) struct LineIndexes(std::collections::HashMap<*const u8, crate::model::LineIndex>);

impl LineIndexes {
    fn of(&mut self, source: &std::sync::Arc<str>) -> &crate::model::LineIndex {
        self.0
            .entry(source.as_ptr())
            .or_insert_with(|| crate::model::LineIndex::new(source))
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
        Example::from_def(e, &o.file, &o.source, line)
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
/// `None` for an error [`crate::kinds::validate::check_syntax`] reported, with its position, while
/// the file was validated; otherwise what cannot be compiled (a pattern too large).
pub(super) fn parse_for_load(pat: &Pattern) -> Result<Hir, Option<regex::Error>> {
    let hir = regex_syntax::Parser::new()
        .parse(&pat.source)
        .map_err(|e| match e {
            regex_syntax::Error::Parse(_) => None,
            _ if crate::kinds::validate::names_unicode_property(&pat.source) => None,
            other => Some(regex::Error::Syntax(other.to_string())),
        })?;
    if !crate::kinds::pattern::surely_fits(&hir) {
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
