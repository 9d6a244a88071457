//! The engine: holds the compiled rules and turns a text into sorted findings.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use super::cap::{Capped, Reported, RuleCaps};
use crate::diag::RuleError;
use crate::kinds::filter::Scratch;
use crate::kinds::{CheckOptions, CompiledRule, Matcher, RawMatch, terms};
use crate::model::{Category, Finding, LineIndex, Severity};
use crate::platform::{self, Unit};

/// A platform known from the `limit` rules: its id, display name and limits in order (the
/// first limit is the main counter).
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformInfo {
    /// Platform id (`x`, `bluesky`, …).
    pub id: String,
    /// Display name (`X`, `Bluesky`, …).
    pub name: String,
    /// `(unit, max, severity)` in rule order.
    pub limits: Vec<(Unit, usize, Severity)>,
}

impl PlatformInfo {
    /// Each limit as `(unit, max)` (max counted in that unit), in rule order: what every
    /// part of a thread must fit ([`crate::platform::thread::split`]).
    pub fn thread_limits(&self) -> Vec<(Unit, usize)> {
        self.limits
            .iter()
            .map(|&(unit, max, _)| (unit, max))
            .collect()
    }
}

/// A count of a text on one platform in one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// What is counted.
    pub unit: Unit,
    /// The count.
    pub count: usize,
    /// The limit.
    pub max: usize,
}

/// The compiled rule set. Cheap to share behind an `Arc`; `check` takes `&self`.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) rules: Vec<CompiledRule>,
    pub(crate) packs: Vec<(String, String)>,
    pub(crate) platforms: Vec<PlatformInfo>,
    pub(crate) folded_terms: Option<AhoCorasick>,
    pub(crate) folded_owners: Vec<Vec<(usize, usize)>>,
    pub(crate) exact_terms: Option<AhoCorasick>,
    pub(crate) exact_owners: Vec<Vec<(usize, usize)>>,
    pub(crate) fingerprint: String,
    pub(crate) warnings: Vec<RuleError>,
    pub(crate) pattern_prefilter: crate::kinds::pattern::prefilter::PatternPrefilter,
    /// Plain case-insensitive keys of big term lists, looked up by word.
    pub(crate) word_terms: crate::kinds::terms::word_terms::WordTerms,
}

impl Engine {
    /// The rules, in load order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// The rule with full id `id` (`pack/rule`).
    pub fn rule(&self, id: &str) -> Option<&CompiledRule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// `(pack id, version)` of every loaded pack.
    pub fn packs(&self) -> &[(String, String)] {
        &self.packs
    }

    /// Problems that do not stop loading (e.g. a past `review-by` date), with positions.
    pub fn warnings(&self) -> &[RuleError] {
        &self.warnings
    }

    /// The platforms defined by `limit` rules, in rule order.
    pub fn platforms(&self) -> &[PlatformInfo] {
        &self.platforms
    }

    /// SHA-256 (hex) over the effective rule definitions: changes whenever any rule changes.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The counts of `text` (trailing white space left out, as platforms trim it) for platform
    /// `platform` in each of its limit units (first = main).
    pub fn counters(&self, text: &str, platform: &str) -> Vec<Counter> {
        self.platforms
            .iter()
            .find(|p| p.id == platform)
            .map(|p| {
                p.limits
                    .iter()
                    .map(|&(unit, max, _)| Counter {
                        unit,
                        count: platform::count(unit, text.trim_end()),
                        max,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn applies(&self, rule: &CompiledRule, opts: &CheckOptions) -> bool {
        rule.enabled
            && (rule.platforms.is_empty()
                || opts
                    .platform
                    .as_ref()
                    .is_some_and(|p| rule.platforms.contains(p)))
    }

    /// How long until the embargo findings among `findings` (of `text`, checked with `opts`)
    /// change: the time to the earliest embargo that has not lifted, at most one minute (the
    /// messages give the time left in minutes); `None` when no embargo is pending. The editor
    /// checks again when it passes.
    pub fn embargo_recheck_in(
        &self,
        text: &str,
        findings: &[Finding],
        opts: &CheckOptions,
    ) -> Option<std::time::Duration> {
        let now = crate::kinds::pattern::embargo::clearing_time(opts.now);
        crate::kinds::pattern::embargo::recheck_in(&self.rules, text, findings, now)
    }

    /// Checks `text` and returns its findings sorted by (start, end, rule id). Spans are byte
    /// ranges of `text` on char boundaries. Never panics on any input.
    ///
    /// Text inside a right-to-left override (U+202E) is also checked in the order it is
    /// displayed, so `\u{202E}TERCES` (shown as `SECRET`) is found; such findings span the
    /// whole override run.
    ///
    /// A text over [`crate::text::MAX_TEXT_BYTES`] is not checked: the only finding is
    /// [`Finding::too_large`], which the gate refuses.
    pub fn check(&self, text: &str, opts: &CheckOptions) -> Vec<Finding> {
        if text.len() > crate::text::MAX_TEXT_BYTES {
            return vec![Finding::too_large(text.len(), crate::text::MAX_TEXT_BYTES)];
        }
        let (mut out, mut capped) = self.check_logical(text, opts, None);
        if let Some(visual) = crate::text::visual_order(text) {
            let note = "as displayed, after a right-to-left override";
            self.check_alternate(text, &visual, opts, note, None, (&mut out, &mut capped));
        }
        if let Some(split) = crate::text::hashtag_split(text) {
            // A hashtag is a label the writer chose (`#TopSecret recipe`), not a pasted
            // banner: what is read inside one warns and never blocks.
            let note = "inside a hashtag";
            let before = out.len();
            let only = Some(Category::Leak);
            self.check_alternate(text, &split, opts, note, only, (&mut out, &mut capped));
            if out.len() > before {
                for f in out
                    .iter_mut()
                    .filter(|f| f.message.ends_with("(inside a hashtag)"))
                {
                    f.severity = f.severity.min(Severity::Warn);
                }
            }
        }
        self.check_evasions(text, opts, &mut out, &mut capped);
        crate::kinds::refine_findings(&self.rules, text, opts, &mut out);
        super::cap::finish(&self.rules, text, &mut out, capped);
        out
    }

    /// Checks an alternate reading of `text` (a [`crate::text::View`] of it) and adds the
    /// findings (of category `only`, if given) that no finding of the same rule already covers,
    /// mapped back to `text` and marked with `note`, to `out.0`; what the reading counted past
    /// the cap goes to `out.1`, mapped back too. Such findings offer no fix.
    fn check_alternate(
        &self,
        text: &str,
        alt: &crate::text::View,
        opts: &CheckOptions,
        note: &str,
        only: Option<Category>,
        (out, capped): (&mut Vec<Finding>, &mut Vec<Capped>),
    ) {
        let lines = LineIndex::new(text);
        let before = out.len();
        let (findings, more) = self.check_logical(&alt.text, opts, only);
        let mut reported = Reported::new(out);
        for f in findings {
            let (start, end) = alt.to_source(f.start, f.end);
            if start >= end || reported.covers(&f.rule, start, end) {
                continue;
            }
            reported.add(&f.rule, start, end);
            let (line, column) = lines.line_col(text, start);
            let message = format!("{} ({note})", f.message);
            let matched = text[start..end].to_string();
            out.push(Finding {
                start,
                end,
                line,
                column,
                matched,
                message,
                fixes: Vec::new(),
                ..f
            });
        }
        let hashtag = note == "inside a hashtag";
        let map = |s, e| Some(alt.to_source(s, e));
        let severity = |s: Severity| if hashtag { s.min(Severity::Warn) } else { s };
        super::cap::merge_capped(&self.rules, capped, more, &reported, map, severity);
        if out.len() > before {
            out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        }
    }

    /// Checks `text` in logical (stored) order: the findings (at most
    /// [`crate::model::MAX_FINDINGS_PER_RULE`] per rule, the first in text order), and what
    /// was counted past that cap.
    pub(crate) fn check_logical(
        &self,
        text: &str,
        opts: &CheckOptions,
        only: Option<Category>,
    ) -> (Vec<Finding>, Vec<Capped>) {
        let scratch = Scratch::new(text);
        let mut raw = Vec::new();
        let automata = terms::Automata {
            rules: &self.rules,
            folded: self.folded_terms.as_ref(),
            folded_owners: &self.folded_owners,
            words: &self.word_terms,
            exact: self.exact_terms.as_ref(),
            exact_owners: &self.exact_owners,
        };
        terms::find_folded(&automata, &scratch, &mut raw);
        terms::find_exact(&automata, &scratch, &mut raw);
        for (i, j) in self.pattern_prefilter.candidates(&scratch) {
            // A reading of one category only runs the patterns of that category.
            if let Matcher::Pattern(p) = &self.rules[i].matcher
                && self.applies(&self.rules[i], opts)
                && only.is_none_or(|c| self.rules[i].category == c)
            {
                p.find(i, j, &scratch, &mut raw);
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if only.is_none_or(|c| rule.category == c) && self.applies(rule, opts) {
                rule.matcher.find(i, text, &scratch, opts, &mut raw);
            }
        }
        raw.retain(|m| {
            let rule = &self.rules[m.rule];
            self.applies(rule, opts) && only.is_none_or(|c| rule.category == c)
        });
        raw.sort_by_key(|m| (m.rule, m.start, std::cmp::Reverse(m.end)));
        let lines = LineIndex::new(text);
        let mut kept_until: HashMap<usize, usize> = HashMap::new();
        let mut caps = RuleCaps::default();
        let mut out = Vec::new();
        for m in raw {
            if kept_until.get(&m.rule).is_some_and(|&end| m.start < end) {
                continue;
            }
            let rule = &self.rules[m.rule];
            if !scratch.passes_filters(rule, m.rule, m.start, m.end) {
                continue;
            }
            kept_until.insert(m.rule, m.end);
            // Past the cap only the count is kept, not a finding (bounded memory).
            if caps.admit(m.rule, m.start, m.end) {
                out.push(self.finding(rule, &m, text, &lines, opts));
            }
        }
        let tone_rules = self
            .rules
            .iter()
            .filter(|r| self.applies(r, opts) && only.is_none_or(|c| r.category == c));
        // Tone findings (one per scored sentence) are all made: after the readings are
        // merged, some are dropped (capitals inside a marking, `refine_findings`), and only
        // then does the cap know which are the first hundred ([`super::cap::finish`]).
        for rule in tone_rules {
            out.extend(rule.matcher.direct_findings(rule, &scratch, &lines));
        }
        out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        (out, caps.into_capped(&self.rules))
    }

    fn finding(
        &self,
        rule: &CompiledRule,
        m: &RawMatch,
        text: &str,
        lines: &LineIndex,
        opts: &CheckOptions,
    ) -> Finding {
        let matched = &text[m.start..m.end];
        let (line, column) = lines.line_col(text, m.start);
        let (message, fixes) =
            rule.matcher
                .message_and_fixes(&rule.message, m, matched, self.platform_name(opts));
        Finding {
            rule: rule.id.clone(),
            pack_version: rule.pack_version.clone(),
            category: rule.category,
            severity: rule.severity,
            start: m.start,
            end: m.end,
            line,
            column,
            matched: matched.to_string(),
            message,
            why: rule.why.clone(),
            fixes,
            tone: None,
        }
    }

    fn platform_name<'a>(&'a self, opts: &'a CheckOptions) -> &'a str {
        let id = opts.platform.as_deref().unwrap_or("");
        self.platforms
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }
}
