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

use regex::Regex;

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
    pub(crate) fn find(&self, rule: usize, s: &Scratch, out: &mut Vec<RawMatch>) {
        for re in &self.regexes {
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
