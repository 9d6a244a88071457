//! The engine: holds the compiled rules and turns a text into sorted findings.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use super::filter::{Context, Scratch};
use super::finding::{Category, Finding, Severity};
use super::limit::LimitMatcher;
use super::pattern::PatternMatcher;
use super::substitute::SubstituteMatcher;
use super::terms::{self, TermsMatcher};
use crate::platform::{self, Unit};
use crate::rules::Scope;
use crate::text::LineIndex;

/// The matcher of one rule kind.
#[derive(Debug, Clone)]
pub enum Matcher {
    /// `kind = "terms"`.
    Terms(TermsMatcher),
    /// `kind = "substitute"`.
    Substitute(SubstituteMatcher),
    /// `kind = "pattern"`.
    Pattern(PatternMatcher),
    /// `kind = "limit"`.
    Limit(LimitMatcher),
    /// `kind = "hidden"`.
    Hidden(super::hidden::HiddenMatcher),
    /// `kind = "terms"` with `terms-sha256-file`.
    Hashed(super::hashed::HashedMatcher),
    /// `kind = "tone"`: the pack's scored tone model.
    Tone(std::sync::Arc<crate::tone::ToneModel>),
    /// `kind = "links"`: links against lists of domains.
    Links(super::links::LinksMatcher),
}

impl Matcher {
    /// The rule-file name of the kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Matcher::Terms(_) => "terms",
            Matcher::Substitute(_) => "substitute",
            Matcher::Pattern(_) => "pattern",
            Matcher::Limit(_) => "limit",
            Matcher::Hashed(_) => "terms",
            Matcher::Hidden(_) => "hidden",
            Matcher::Tone(_) => "tone",
            Matcher::Links(_) => "links",
        }
    }
}

/// One rule, compiled and ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// Full id, `<pack>/<rule>`.
    pub id: String,
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub pack_version: String,
    /// Category.
    pub category: Category,
    /// Severity (after overrides).
    pub severity: Severity,
    /// Message template (`{match}` and, for limits, `{count}` `{max}` `{unit}` `{platform}` `{over}`).
    pub message: String,
    /// Why the rule exists.
    pub why: String,
    /// Scopes a match may sit in.
    pub scopes: Vec<Scope>,
    /// Platforms the rule applies to (empty = all).
    pub platforms: Vec<String>,
    /// Case-folded exception phrases (including a substitution's preferred forms).
    pub exceptions: Vec<String>,
    /// Supporting-evidence requirements.
    pub context: Option<Context>,
    /// Whether the rule runs.
    pub enabled: bool,
    /// The matcher.
    pub matcher: Matcher,
    /// Metadata for authors: `(file, line)` of each definition layer.
    pub origins: Vec<(String, usize)>,
    /// Owner, reference and review-by metadata.
    pub owner: Option<String>,
    /// A link or document reference.
    pub reference: Option<String>,
    /// Review date (`YYYY-MM-DD`).
    pub review_by: Option<String>,
    /// Examples: texts that must flag, texts that must pass.
    pub examples: crate::rules::Examples,
    /// Config overrides applied to this rule, in words with file:line ("severity warn → info
    /// by tact.toml:7").
    pub changes: Vec<String>,
    /// `never-mix`: forms that must not be mixed in one post ([`super::names`]).
    pub never_mix: Option<super::names::NeverMix>,
    /// `embargo = true`: each finding is an embargo line whose time is read
    /// ([`super::embargo`]).
    pub embargo: bool,
}

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

/// Options of one check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Target platform id; `None` runs no `limit` rule and no platform-specific rule.
    pub platform: Option<String>,
    /// The time of clearing that embargo lines are compared with; `None`: `TACT_NOW`, else
    /// the system clock (see [`super::embargo::clearing_time`]).
    pub now: Option<jiff::Timestamp>,
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
    pub(crate) warnings: Vec<crate::rules::RuleError>,
    pub(crate) pattern_prefilter: super::prefilter::PatternPrefilter,
}

/// A match before filtering: rule index, original byte span, and which term/entry matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub entry: usize,
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
    pub fn warnings(&self) -> &[crate::rules::RuleError] {
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

    /// Checks `text` and returns its findings sorted by (start, end, rule id). Spans are byte
    /// ranges of `text` on char boundaries. Never panics on any input.
    ///
    /// Text inside a right-to-left override (U+202E) is also checked in the order it is
    /// displayed, so `\u{202E}TERCES` (shown as `SECRET`) is found; such findings span the
    /// whole override run.
    pub fn check(&self, text: &str, opts: &CheckOptions) -> Vec<Finding> {
        let mut out = self.check_logical(text, opts, None);
        if let Some(visual) = crate::text::visual_order(text) {
            let note = "as displayed, after a right-to-left override";
            self.check_alternate(text, &visual, opts, note, None, &mut out);
        }
        if let Some(split) = crate::text::hashtag_split(text) {
            let note = "inside a hashtag";
            self.check_alternate(text, &split, opts, note, Some(Category::Leak), &mut out);
        }
        super::names::adjust(&self.rules, text, &mut out);
        self.read_embargoes(text, opts, &mut out);
        out
    }

    /// Gives each finding of an `embargo = true` rule its severity and message from the
    /// embargo time (see [`super::embargo`]).
    fn read_embargoes(&self, text: &str, opts: &CheckOptions, out: &mut [Finding]) {
        let is_embargo = |f: &Finding| self.rule(&f.rule).is_some_and(|r| r.embargo);
        if !out.iter().any(is_embargo) {
            return;
        }
        let now = super::embargo::clearing_time(opts.now);
        let local = jiff::tz::TimeZone::system();
        for f in out.iter_mut().filter(|f| is_embargo(f)) {
            super::embargo::refine(f, text, now, &local);
        }
    }

    /// Checks an alternate reading of `text` (a [`crate::text::View`] of it) and adds the
    /// findings (of category `only`, if given) that no finding of the same rule already covers,
    /// mapped back to `text` and marked with `note`. Such findings offer no fix.
    fn check_alternate(
        &self,
        text: &str,
        alt: &crate::text::View,
        opts: &CheckOptions,
        note: &str,
        only: Option<Category>,
        out: &mut Vec<Finding>,
    ) {
        let lines = LineIndex::new(text);
        let before = out.len();
        for f in self.check_logical(&alt.text, opts, only) {
            let (start, end) = alt.to_source(f.start, f.end);
            if start >= end
                || out
                    .iter()
                    .any(|o| o.rule == f.rule && o.start < end && start < o.end)
            {
                continue;
            }
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
        if out.len() > before {
            out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        }
    }

    /// Checks `text` in logical (stored) order.
    fn check_logical(
        &self,
        text: &str,
        opts: &CheckOptions,
        only: Option<Category>,
    ) -> Vec<Finding> {
        let scratch = Scratch::new(text);
        let mut raw = Vec::new();
        terms::find_folded(self, &scratch, &mut raw);
        terms::find_exact(self, &scratch, &mut raw);
        for (i, j) in self.pattern_prefilter.candidates(&scratch) {
            if let Matcher::Pattern(p) = &self.rules[i].matcher
                && self.applies(&self.rules[i], opts)
            {
                p.find(i, j, &scratch, &mut raw);
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if only.is_some_and(|c| rule.category != c) {
                continue;
            }
            match &rule.matcher {
                Matcher::Limit(l) if self.applies(rule, opts) => l.find(i, text, opts, &mut raw),
                Matcher::Hashed(h) if self.applies(rule, opts) => h.find(i, &scratch, &mut raw),
                Matcher::Hidden(h) if self.applies(rule, opts) => {
                    h.find(i, text, scratch.hidden_hints(), &mut raw)
                }
                Matcher::Links(l) if self.applies(rule, opts) => {
                    l.find(i, text, &scratch.entities, &mut raw)
                }
                _ => {}
            }
        }
        raw.retain(|m| {
            let rule = &self.rules[m.rule];
            self.applies(rule, opts) && only.is_none_or(|c| rule.category == c)
        });
        raw.sort_by_key(|m| (m.rule, m.start, std::cmp::Reverse(m.end)));
        let lines = LineIndex::new(text);
        let mut kept_until: HashMap<usize, usize> = HashMap::new();
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
            out.push(self.finding(rule, &m, text, &lines, opts));
        }
        let tone_rules = self
            .rules
            .iter()
            .filter(|r| self.applies(r, opts) && only.is_none_or(|c| r.category == c));
        for rule in tone_rules {
            if let Matcher::Tone(model) = &rule.matcher {
                let input = crate::tone::Input {
                    text,
                    folded: &scratch.views.folded,
                    bounds: scratch.folded_bounds(),
                    entities: &scratch.entities,
                };
                out.extend(crate::tone::explain::findings(model, rule, &input, &lines));
            }
        }
        out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        out
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
        let (message, fixes) = match &rule.matcher {
            Matcher::Terms(t) => (render(&rule.message, matched), t.fixes(m, matched)),
            Matcher::Substitute(s) => (render(&rule.message, matched), s.fixes(m, matched)),
            Matcher::Pattern(p) => (render(&rule.message, matched), p.fixes(m)),
            Matcher::Hashed(_) | Matcher::Tone(_) => (render(&rule.message, matched), Vec::new()),
            Matcher::Hidden(h) => (render(&rule.message, matched), h.fixes(m, matched)),
            Matcher::Links(l) => (l.message(&rule.message, matched), Vec::new()),
            Matcher::Limit(l) => (
                l.message(&rule.message, m.entry, self.platform_name(opts)),
                Vec::new(),
            ),
        };
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

/// Fills `{match}` in a message template.
fn render(template: &str, matched: &str) -> String {
    if template.contains("{match}") {
        template.replace("{match}", &crate::text::visible(matched))
    } else {
        template.to_string()
    }
}
