//! `kind = "pattern"`: regular expressions.
//!
//! **What it flags.** Matches of any of the rule's patterns (Rust `regex` syntax: linear time,
//! no look-around) on the clean view — NFKC, invisible characters removed, spaces, quotes and
//! dashes folded, look-alike letters in mixed-script words mapped, letter-spaced words
//! joined, case kept — or on the raw text with `view = "raw"`. A named group `hit` narrows
//! the span.
//!
//! **Why.** Markings and cable headers have a shape (`SECRET//NOFORN`, `E.O. 13526`,
//! `DECL: 2031-01-01`) rather than a fixed spelling.
//!
//! **Example.** `patterns = ['(?m)^(?:TOP SECRET|SECRET|CONFIDENTIAL)//[A-Z]']`.
//!
//! **Fix safety.** With `suggest = "…"` a `safe` fix replaces the span (`suggest = ""` removes
//! it, e.g. a zero-width space); otherwise advice only.
//!
//! **Cost.** All patterns of a view form one `RegexSet`, built at load time; one pass of it
//! tells which patterns match, and only those are compiled (once, on first use) and run to
//! find spans. Every pattern compiles within [`SIZE_LIMIT`] because the whole set does.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::engine::RawMatch;
use super::filter::Scratch;
use super::finding::Fix;
use super::terms::safe_fix;
use crate::rules::ViewKind;

/// Compiled-size limit of a pattern set (and so of every pattern in it), in bytes.
pub const SIZE_LIMIT: usize = 64 << 20;

/// One pattern: its source (flags inline) and the regex, compiled on first use.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as the engine runs it (`(?i)` prefixed for `case = "insensitive"`).
    pub source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// A pattern whose syntax was already validated.
    pub fn new(source: String) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The compiled regex (compiled now if needed).
    ///
    /// # Errors
    /// Only if it exceeds [`SIZE_LIMIT`], which cannot happen for a pattern of a set that
    /// built; the loader compiles eagerly when a set does not build.
    pub fn regex(&self) -> Result<&Regex, regex::Error> {
        if let Some(Some(re)) = self.compiled.get() {
            return Ok(re);
        }
        let built = RegexBuilder::new(&self.source)
            .size_limit(SIZE_LIMIT)
            .build();
        match built {
            Ok(re) => Ok(self
                .compiled
                .get_or_init(|| Some(re))
                .as_ref()
                .expect("just set")),
            Err(e) => Err(e),
        }
    }
}

/// A compiled `pattern` rule.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    /// The patterns.
    pub patterns: Vec<Pattern>,
    /// Which text they run on.
    pub view: ViewKind,
    /// The one replacement offered, if any.
    pub suggest: Option<String>,
}

impl PatternMatcher {
    /// Runs pattern `idx` of rule `rule` and pushes its matches (original byte spans).
    pub(crate) fn find(&self, rule: usize, idx: usize, s: &Scratch, out: &mut Vec<RawMatch>) {
        let Some(Ok(re)) = self.patterns.get(idx).map(Pattern::regex) else {
            return;
        };
        let (text, view) = match self.view {
            ViewKind::Raw => (s.text, None),
            ViewKind::Clean => (s.views.clean.text.as_str(), Some(&s.views.clean)),
        };
        for c in re.captures_iter(text) {
            let Some(m) = c.name("hit").or_else(|| c.get(0)).filter(|m| !m.is_empty()) else {
                continue;
            };
            let (start, end) = match view {
                Some(v) => v.to_source(m.start(), m.end()),
                None => (m.start(), m.end()),
            };
            out.push(RawMatch {
                rule,
                start,
                end,
                entry: 0,
            });
        }
    }

    pub(crate) fn fixes(&self, m: &RawMatch) -> Vec<Fix> {
        self.suggest
            .as_ref()
            .map(|s| vec![safe_fix(m, s)])
            .unwrap_or_default()
    }
}

/// `(rule index, pattern index)` of each member of a set.
type Owners = Vec<(usize, usize)>;

/// One `RegexSet` per view over every pattern of every rule.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternSets {
    sets: Vec<(ViewKind, RegexSet, Owners)>,
}

impl PatternSets {
    /// Builds the sets from `(rule index, matcher)` pairs: per view, the patterns are split
    /// into a few chunks built in parallel (compiling is the slow part of loading rules;
    /// scanning a few sets instead of one costs little per check).
    ///
    /// # Errors
    /// A set over the size limit: the caller compiles each pattern to say which one.
    pub(crate) fn build<'a>(
        rules: impl Iterator<Item = (usize, &'a PatternMatcher)>,
    ) -> Result<PatternSets, regex::Error> {
        use rayon::prelude::*;
        let mut members: Vec<(ViewKind, String, (usize, usize))> = Vec::new();
        for (rule, p) in rules {
            for (j, pat) in p.patterns.iter().enumerate() {
                members.push((p.view, prefilter_source(&pat.source), (rule, j)));
            }
        }
        let chunks = rayon::current_num_threads().max(1);
        let mut jobs: Vec<(ViewKind, Vec<&str>, Owners)> = Vec::new();
        for view in [ViewKind::Clean, ViewKind::Raw] {
            let mine: Vec<_> = members.iter().filter(|m| m.0 == view).collect();
            let size = mine.len().div_ceil(chunks).max(1);
            for c in mine.chunks(size) {
                jobs.push((
                    view,
                    c.iter().map(|m| m.1.as_str()).collect(),
                    c.iter().map(|m| m.2).collect(),
                ));
            }
        }
        let sets = jobs
            .into_par_iter()
            .map(|(view, pats, owners)| {
                RegexSetBuilder::new(pats)
                    .size_limit(SIZE_LIMIT)
                    .dfa_size_limit(SIZE_LIMIT)
                    .build()
                    .map(|set| (view, set, owners))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PatternSets { sets })
    }

    /// The `(rule, pattern)` pairs that match somewhere in their view of the text.
    pub(crate) fn candidates(&self, s: &Scratch) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (view, set, owners) in &self.sets {
            let text = match view {
                ViewKind::Raw => s.text,
                ViewKind::Clean => s.views.clean.text.as_str(),
            };
            if !owners.is_empty() {
                out.extend(set.matches(text).iter().map(|i| owners[i]));
            }
        }
        out
    }
}

/// The pattern a set member uses as a prefilter: the rule's pattern without its word-boundary
/// assertions (`\b`, `\B`, `\<`, `\>`, `\b{…}`). Dropping an assertion only widens what
/// matches, so the prefilter never misses; and without Unicode word boundaries the set's fast
/// DFA runs on any text instead of giving up on the first non-ASCII character. The rule's own
/// pattern, with its boundaries, then decides.
fn prefilter_source(source: &str) -> String {
    use regex_syntax::ast::{Ast, parse::Parser, print::Printer};
    fn strip(ast: &Ast) -> Ast {
        match ast {
            Ast::Assertion(a)
                if !matches!(
                    a.kind,
                    regex_syntax::ast::AssertionKind::StartLine
                        | regex_syntax::ast::AssertionKind::EndLine
                        | regex_syntax::ast::AssertionKind::StartText
                        | regex_syntax::ast::AssertionKind::EndText
                ) =>
            {
                Ast::empty(a.span)
            }
            Ast::Repetition(r) => {
                let mut r = (**r).clone();
                r.ast = Box::new(strip(&r.ast));
                Ast::repetition(r)
            }
            Ast::Group(g) => {
                let mut g = (**g).clone();
                g.ast = Box::new(strip(&g.ast));
                Ast::group(g)
            }
            Ast::Alternation(a) => {
                let mut a = (**a).clone();
                a.asts = a.asts.iter().map(strip).collect();
                Ast::alternation(a)
            }
            Ast::Concat(c) => {
                let mut c = (**c).clone();
                c.asts = c.asts.iter().map(strip).collect();
                Ast::concat(c)
            }
            other => other.clone(),
        }
    }
    let Ok(ast) = Parser::new().parse(source) else {
        return source.to_string();
    };
    let mut out = String::new();
    match Printer::new().print(&strip(&ast), &mut out) {
        Ok(()) => out,
        Err(_) => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::prefilter_source;

    #[test]
    fn prefilter_drops_word_boundaries_only() {
        assert_eq!(
            prefilter_source(r"(?i)\bSECRET\b//(?:NO\BFORN)+$"),
            r"(?i)SECRET//(?:NOFORN)+$"
        );
        assert_eq!(prefilter_source(r"^\w+\b{start}x"), r"^\w+x");
        assert_eq!(prefilter_source(r"a\\b"), r"a\\b");
    }
}
