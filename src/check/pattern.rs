//! `kind = "pattern"`: regular expressions.
//!
//! **What it flags.** Matches of any of the rule's patterns (Rust `regex` syntax: linear time,
//! no look-around) on the clean view — NFKC, invisible characters removed, spaces, quotes and
//! dashes folded, case kept — or on the raw text with `view = "raw"`. A named group `hit`
//! narrows the span.
//!
//! **Why.** Markings and cable headers have a shape (`SECRET//NOFORN`, `E.O. 13526`,
//! `DECL: 2031-01-01`) rather than a fixed spelling.
//!
//! **Example.** `patterns = ['(?m)^(?:TOP SECRET|SECRET|CONFIDENTIAL)//[A-Z]']`.
//!
//! **Fix safety.** With `suggest = "…"` a `safe` fix replaces the span (`suggest = ""` removes
//! it, e.g. a zero-width space); otherwise advice only.

use regex::{Regex, RegexSet, RegexSetBuilder};

use super::engine::RawMatch;
use super::filter::Scratch;
use super::finding::Fix;
use super::terms::safe_fix;
use crate::rules::ViewKind;

/// A compiled `pattern` rule.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    /// The compiled patterns.
    pub regexes: Vec<Regex>,
    /// Which text they run on.
    pub view: ViewKind,
    /// The one replacement offered, if any.
    pub suggest: Option<String>,
}

impl PatternMatcher {
    /// Runs pattern `idx` of rule `rule` and pushes its matches.
    pub(crate) fn find(&self, rule: usize, idx: usize, s: &Scratch, out: &mut Vec<RawMatch>) {
        let Some(re) = self.regexes.get(idx) else {
            return;
        };
        {
            match self.view {
                ViewKind::Raw => {
                    for c in re.captures_iter(s.text) {
                        let m = c.name("hit").or_else(|| c.get(0));
                        if let Some(m) = m.filter(|m| !m.is_empty()) {
                            out.push(RawMatch {
                                rule,
                                start: m.start(),
                                end: m.end(),
                                entry: 0,
                            });
                        }
                    }
                }
                ViewKind::Clean => {
                    let v = &s.views.clean;
                    for c in re.captures_iter(&v.text) {
                        let m = c.name("hit").or_else(|| c.get(0));
                        if let Some(m) = m.filter(|m| !m.is_empty()) {
                            let (start, end) = v.to_source(m.start(), m.end());
                            out.push(RawMatch {
                                rule,
                                start,
                                end,
                                entry: 0,
                            });
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn fixes(&self, m: &RawMatch) -> Vec<Fix> {
        self.suggest
            .as_ref()
            .map(|s| vec![safe_fix(m, s)])
            .unwrap_or_default()
    }
}

/// One `RegexSet` per view over every pattern of every rule: a single pass over the text says
/// which patterns can match, and only those run to find spans.
/// `(rule index, pattern index)` of each member of a set.
type Owners = Vec<(usize, usize)>;

#[derive(Debug, Clone, Default)]
pub(crate) struct PatternSets {
    sets: Vec<(ViewKind, RegexSet, Owners)>,
    /// `(rule, pattern)` pairs that could not join a set (always run).
    unset: Vec<(usize, usize)>,
}

impl PatternSets {
    /// Builds the sets from `(rule index, matcher)` pairs. A set that exceeds the size
    /// limits is skipped and its patterns always run (slower, never wrong).
    pub(crate) fn build<'a>(
        rules: impl Iterator<Item = (usize, &'a PatternMatcher)>,
    ) -> PatternSets {
        let mut by_view: Vec<(ViewKind, Vec<String>, Owners)> = vec![
            (ViewKind::Clean, vec![], vec![]),
            (ViewKind::Raw, vec![], vec![]),
        ];
        for (rule, p) in rules {
            let slot = by_view
                .iter_mut()
                .find(|(v, _, _)| *v == p.view)
                .expect("both views present");
            for (j, re) in p.regexes.iter().enumerate() {
                slot.1.push(re.as_str().to_string());
                slot.2.push((rule, j));
            }
        }
        let mut out = PatternSets::default();
        for (view, pats, owners) in by_view {
            if pats.is_empty() {
                continue;
            }
            match RegexSetBuilder::new(&pats)
                .size_limit(64 << 20)
                .dfa_size_limit(64 << 20)
                .build()
            {
                Ok(set) => out.sets.push((view, set, owners)),
                Err(_) => out.unset.extend(owners),
            }
        }
        out
    }

    /// The `(rule, pattern)` pairs that match somewhere in their view of the text.
    pub(crate) fn candidates(&self, s: &Scratch) -> Vec<(usize, usize)> {
        let mut out = self.unset.clone();
        for (view, set, owners) in &self.sets {
            let text = match view {
                ViewKind::Raw => s.text,
                ViewKind::Clean => s.views.clean.text.as_str(),
            };
            out.extend(set.matches(text).iter().map(|i| owners[i]));
        }
        out
    }
}
