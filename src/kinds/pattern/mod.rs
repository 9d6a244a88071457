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
//! **Cost.** A prefilter ([`prefilter`]: one automaton over widened copies of all
//! patterns), built at load time, tells which patterns can match a text; only those are compiled (once, on first use) and run to find
//! spans. A pattern that could exceed [`SIZE_LIMIT`] is compiled at load time instead, so
//! its error is reported then.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::diag::RuleError;
use crate::kinds::common::rule_error;
use crate::kinds::filter::Scratch;
use crate::kinds::terms::safe_fix;
use crate::kinds::validate::{regex_error, syntax_tree, with_case};
use crate::kinds::{CompileCx, Kind, Matcher, RawMatch};
use crate::model::Fix;
use crate::model::ViewKind;
use crate::schema::rule::{RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};

pub mod embargo;
pub(crate) mod prefilter;

/// Compiled-size limit of a pattern, in bytes.
pub const SIZE_LIMIT: usize = 64 << 20;

/// One pattern: its source (flags inline) and the regex, compiled on first use.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as the engine runs it (`(?i)` prefixed for `case = "insensitive"`).
    pub source: String,
    compiled: OnceLock<Result<Regex, regex::Error>>,
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
    /// Only if it exceeds [`SIZE_LIMIT`]: the loader compiles every pattern that could at
    /// load time and rejects the rule (see [`surely_fits`]), so this does not happen for a
    /// loaded engine.
    pub fn regex(&self) -> Result<&Regex, regex::Error> {
        // Threads that need the pattern at once wait for one compilation rather than each
        // compiling it (a check in parallel hits the same patterns on its first texts).
        self.compiled
            .get_or_init(|| {
                RegexBuilder::new(&self.source)
                    .size_limit(SIZE_LIMIT)
                    .build()
            })
            .as_ref()
            .map_err(Clone::clone)
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
    /// `embargo = true`: each match starts an embargo line whose time is read ([`embargo`]).
    pub embargo: bool,
}

impl PatternMatcher {
    /// Runs pattern `idx` of rule `rule` and pushes its matches (original byte spans).
    pub(crate) fn find(&self, rule: usize, idx: usize, s: &Scratch, out: &mut Vec<RawMatch>) {
        let re = match self.patterns.get(idx).map(Pattern::regex) {
            Some(Ok(re)) => re,
            // Unreachable for a loaded engine (see `Pattern::regex`); were it reached, the
            // rule flags the whole text rather than let it pass unchecked (fail closed).
            Some(Err(_)) => {
                out.push(RawMatch {
                    rule,
                    start: 0,
                    end: s.text.len(),
                    entry: 0,
                });
                return;
            }
            None => return,
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
}

/// Units of an upper bound on the Thompson NFA of `hir`: one unit per state or transition,
/// without the sharing the compiler does. A Unicode class costs the bytes of the UTF-8
/// sequences it compiles to, bounded per range by [`range_units`].
fn size_units(hir: &Hir) -> u64 {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 2,
        HirKind::Literal(l) => l.0.len() as u64 + 1,
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .map(|r| range_units(r.start(), r.end()))
            .fold(1, u64::saturating_add),
        HirKind::Class(Class::Bytes(c)) => 2 * c.ranges().len() as u64 + 1,
        HirKind::Repetition(r) => {
            let copies = r.max.unwrap_or(r.min.saturating_add(1)).max(1);
            size_units(&r.sub)
                .saturating_add(2)
                .saturating_mul(u64::from(copies))
        }
        HirKind::Capture(c) => size_units(&c.sub).saturating_add(2),
        HirKind::Concat(v) | HirKind::Alternation(v) => v
            .iter()
            .map(|h| size_units(h).saturating_add(1))
            .fold(1, u64::saturating_add),
    }
}

/// An upper bound on the bytes of the UTF-8 sequences of the range `lo..=hi`: the part of
/// the range encoded in `n` bytes splits into at most `2n − 1` sequences of `n` bytes, twice
/// that for 3 bytes (the surrogate gap cuts the part in two).
fn range_units(lo: char, hi: char) -> u64 {
    // (first code point, last code point, bytes × most sequences)
    const BY_LENGTH: [(u32, u32, u64); 4] = [
        (0, 0x7F, 1),
        (0x80, 0x7FF, 2 * 3),
        (0x800, 0xFFFF, 3 * 10),
        (0x1_0000, 0x10_FFFF, 4 * 7),
    ];
    BY_LENGTH
        .iter()
        .filter(|&&(a, b, _)| a <= hi as u32 && lo as u32 <= b)
        .map(|&(_, _, units)| units)
        .sum()
}

/// Whether `hir` surely compiles within [`SIZE_LIMIT`]: its bound, at 32 bytes a unit
/// (a transition takes 8 to 16 bytes), for the forward and the reverse automaton, stays
/// under a quarter of the limit. `\w` (771 ranges) is bounded at about 1 MB; its compiled NFA
/// takes about 18 KB.
pub fn surely_fits(hir: &Hir) -> bool {
    size_units(hir).saturating_mul(32 * 2) <= (SIZE_LIMIT / 4) as u64
}

impl super::KindMatcher for PatternMatcher {
    fn kind_name(&self) -> &'static str {
        "pattern"
    }

    /// A safe fix when the rule has `suggest`.
    fn fixes(&self, m: &RawMatch, _matched: &str) -> Vec<Fix> {
        self.suggest
            .as_ref()
            .map(|s| vec![safe_fix(m, s)])
            .unwrap_or_default()
    }

    /// Writes what the matcher matches into a rule fingerprint.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.list("patterns", self.patterns.iter().map(|p| &p.source))
            .field("view", self.view.as_str())
            .opt("suggest", self.suggest.as_ref())
            .field("embargo", [u8::from(self.embargo)]);
    }
}

/// `kind = "pattern"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Pattern,
    validate,
    compile,
    placeholders: &["match"],
};

/// Checks the syntax of each pattern of one layer, at the pattern.
fn validate(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    for p in def.patterns.iter().flatten() {
        let ast = match syntax_tree(p.get_ref(), def.case) {
            Ok(ast) => ast,
            Err(e) => {
                errors.push(regex_error(src, p, e));
                continue;
            }
        };
        if let Some(name) = other_group_name(&ast) {
            errors.push(
                RuleError::at(
                    &src.name,
                    &src.text,
                    (p.span().start, p.span().end),
                    format!("the group `{name}` has no meaning: only a group named `hit` narrows what is underlined"),
                )
                .with_help(format!(
                    "write `(?P<hit>…)` to underline that part, or `(?:…)` for a plain group (`{name}` is not `hit`)"
                )),
            );
        }
    }
}

/// The first named group of a pattern's syntax tree that is not called `hit`
/// (`(?P<hits>…)`, `(?<x>…)`).
fn other_group_name(ast: &regex_syntax::ast::Ast) -> Option<String> {
    use regex_syntax::ast::{Ast, GroupKind};
    fn walk(ast: &Ast) -> Option<String> {
        match ast {
            Ast::Group(g) => match &g.kind {
                GroupKind::CaptureName { name, .. } if name.name != "hit" => {
                    Some(name.name.clone())
                }
                _ => walk(&g.ast),
            },
            Ast::Repetition(r) => walk(&r.ast),
            Ast::Alternation(a) => a.asts.iter().find_map(walk),
            Ast::Concat(c) => c.asts.iter().find_map(walk),
            _ => None,
        }
    }
    walk(ast)
}

/// Compiles a `pattern` rule (patterns are compiled on first use; the prefilter parses them
/// when the engine is built).
///
/// # Errors
/// No patterns.
fn compile(r: &LayeredRule, _: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    let d = &r.def;
    let pats = d.patterns.as_deref().unwrap_or_default();
    if pats.is_empty() {
        return Err(rule_error(r, "no patterns".into()).with_help("add `patterns = ['…']`"));
    }
    let patterns = pats
        .iter()
        .map(|p| Pattern::new(with_case(p.get_ref(), d.case)))
        .collect();
    Ok(Matcher::Pattern(PatternMatcher {
        patterns,
        view: d.view.unwrap_or(ViewKind::Clean),
        suggest: d.suggest.clone(),
        embargo: d.embargo.unwrap_or(false),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(p: &str) -> u64 {
        size_units(&regex_syntax::Parser::new().parse(p).unwrap())
    }

    /// The bound is above what the compiler really builds (NFA memory, bytes).
    #[test]
    fn the_size_bound_is_above_the_real_size() {
        for p in [
            r"\w",
            r"[\w-]+@\w+",
            r"(?i)minister|министр",
            r"\d{2,7}",
            r"\p{L}{3}",
        ] {
            let nfa = regex_automata::nfa::thompson::NFA::new(p).unwrap();
            assert!(units(p) * 32 > nfa.memory_usage() as u64, "{p}");
        }
        let mut x: u32 = 12345;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from_u32((x >> 3) % 0x11_0000).unwrap_or('\u{FFFD}')
        };
        for _ in 0..20_000 {
            let (a, b) = (next(), next());
            let (lo, hi) = (a.min(b), a.max(b));
            let exact: u64 = regex_syntax::utf8::Utf8Sequences::new(lo, hi)
                .map(|s| s.len() as u64)
                .sum();
            assert!(range_units(lo, hi) >= exact, "{lo:?}..={hi:?}");
        }
        let big = regex_syntax::Parser::new()
            .parse(r"(?:\w{100}){100}")
            .unwrap();
        assert!(!surely_fits(&big));
    }
}
