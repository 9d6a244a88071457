//! The rule kinds (layer 3: uses model, text, platform, schema and diag): one module per kind
//! with what it flags, why, an example and its fix safety, and the compiled rule every kind
//! shares ([`CompiledRule`], whose [`Matcher`] names the kind).
//!
//! - [`terms`] (with [`terms::hashed`] for `terms-sha256-file`), [`substitute`],
//!   [`pattern`] (with its prefilter), [`limit`], [`hidden`], [`tone`].
//! - [`filter`]: the per-check context (views, word bounds, entities) and the shared filters
//!   (scopes, exceptions, supporting context).
//! - [`validate`]: per-layer checks of a rule definition, with positions.

pub(crate) mod common;
pub mod example;
pub mod filter;
pub mod hidden;
pub mod limit;
pub mod links;
pub mod pattern;
pub mod substitute;
pub mod terms;
pub mod tone;
pub mod validate;

use filter::Context;
use limit::LimitMatcher;
use pattern::PatternMatcher;
use substitute::SubstituteMatcher;
use terms::TermsMatcher;

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::RuleError;
use crate::model::{Boundary, Category, Scope, Severity};
use crate::schema::rule::{RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};

/// One rule kind: its `kind = "…"`, the checks of its keys on each layer (errors point into
/// the file that has the mistake), and its compiler (on the layered rule).
pub(crate) struct Kind {
    /// The rule-file kind.
    pub kind: RuleKind,
    /// Checks this kind's keys in one layer of a rule; runs for every rule that sets them.
    pub validate: fn(&RuleSource, &RuleDef, &mut Vec<RuleError>),
    /// Builds the matcher of a layered rule of this kind.
    pub compile: fn(&LayeredRule, &CompileCx<'_>) -> Result<Matcher, RuleError>,
    /// The `{name}` placeholders a message of this kind may use (`match` for every kind).
    pub placeholders: &'static [&'static str],
}

/// The registry of rule kinds: one line per kind. A new kind adds its module, its line here,
/// its variant of [`Matcher`], its keys in [`crate::schema::rule`] and its section of
/// rules/README.md.
pub(crate) const KINDS: &[Kind] = &[
    terms::KIND,
    substitute::KIND,
    pattern::KIND,
    limit::KIND,
    hidden::KIND,
    tone::KIND,
    links::KIND,
];

/// The compiled tone model of each pack with `[tone]` data (`None`: its data has errors).
pub(crate) type ToneModels = HashMap<String, Option<Arc<tone::ToneModel>>>;

/// What a kind's compiler needs besides the rule.
pub(crate) struct CompileCx<'a> {
    /// The tone model of each pack.
    pub tone: &'a ToneModels,
}

/// The registry line of `kind`.
fn kind_of(kind: RuleKind) -> &'static Kind {
    KINDS
        .iter()
        .find(|k| k.kind == kind)
        .expect("every RuleKind has a line in KINDS")
}

/// The `{name}` placeholders a message of a rule of `kind` may use.
pub fn placeholders(kind: RuleKind) -> &'static [&'static str] {
    kind_of(kind).placeholders
}

/// Compiles the matcher of `r`, a rule of `kind`, with the kind's compiler from [`KINDS`].
///
/// # Errors
/// What the kind's compiler reports (missing or empty keys, unreadable lists).
pub(crate) fn compile(
    r: &LayeredRule,
    kind: RuleKind,
    cx: &CompileCx<'_>,
) -> Result<Matcher, RuleError> {
    let matcher = (kind_of(kind).compile)(r, cx)?;
    misplaced_keys(r, &matcher)?;
    Ok(matcher)
}

/// Refuses a key of one kind on a rule of another, which would silently do nothing:
/// `never-mix` outside plain `terms`, `embargo = true` outside `pattern`.
fn misplaced_keys(r: &LayeredRule, m: &Matcher) -> Result<(), RuleError> {
    use common::rule_error;
    if r.def.never_mix.is_some() && !matches!(m, Matcher::Terms(_)) {
        return Err(rule_error(
            r,
            "`never-mix` works only on `terms` rules with plain terms".into(),
        )
        .with_help("move the forms into a `kind = \"terms\"` rule with `terms = [...]`"));
    }
    if r.def.embargo == Some(true) && !matches!(m, Matcher::Pattern(_)) {
        return Err(
            rule_error(r, "`embargo = true` works only on `pattern` rules".into()).with_help(
                "make the rule `kind = \"pattern\"` with patterns for the embargo label",
            ),
        );
    }
    Ok(())
}

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
    Hidden(hidden::HiddenMatcher),
    /// `kind = "terms"` with `terms-sha256-file`.
    Hashed(terms::hashed::HashedMatcher),
    /// `kind = "tone"`: the pack's scored tone model.
    Tone(std::sync::Arc<tone::ToneModel>),
    /// `kind = "links"`: links against lists of domains.
    Links(links::LinksMatcher),
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

    /// Finds the matches of a kind that scans the text itself (`limit`, hashed `terms`,
    /// `hidden`) for rule index `rule`. Plain terms and substitutions are found by the
    /// engine's shared automata, patterns through the pattern prefilter, and tone by
    /// [`Matcher::direct_findings`]: for them this adds nothing.
    pub(crate) fn find(
        &self,
        rule: usize,
        text: &str,
        scratch: &filter::Scratch<'_>,
        opts: &CheckOptions,
        out: &mut Vec<RawMatch>,
    ) {
        match self {
            Matcher::Limit(l) => l.find(rule, text, opts, out),
            Matcher::Hashed(h) => h.find(rule, scratch, out),
            Matcher::Hidden(h) => h.find(rule, text, scratch.hidden_hints(), out),
            Matcher::Links(l) => l.find(rule, text, &scratch.entities, out),
            Matcher::Terms(_) | Matcher::Substitute(_) | Matcher::Pattern(_) | Matcher::Tone(_) => {
            }
        }
    }

    /// The message and fixes of a match `m` (covering `matched`) of this rule's kind, from
    /// the rule's `template`; `platform` is the target platform's display name.
    pub(crate) fn message_and_fixes(
        &self,
        template: &str,
        m: &RawMatch,
        matched: &str,
        platform: &str,
    ) -> (String, Vec<crate::model::Fix>) {
        let fixes = match self {
            Matcher::Terms(t) => t.fixes(m, matched),
            Matcher::Substitute(s) => s.fixes(m, matched),
            Matcher::Pattern(p) => p.fixes(m),
            Matcher::Hidden(h) => h.fixes(m, matched),
            Matcher::Hashed(_) | Matcher::Tone(_) => Vec::new(),
            Matcher::Limit(l) => return (l.message(template, m.entry, platform), Vec::new()),
            Matcher::Links(l) => return (l.message(template, matched), Vec::new()),
        };
        (render(template, matched), fixes)
    }

    /// Findings a kind makes whole, not from raw matches (`tone`: scored sentences, each
    /// explained); empty for every other kind.
    pub(crate) fn direct_findings(
        &self,
        rule: &CompiledRule,
        scratch: &filter::Scratch<'_>,
        lines: &crate::model::LineIndex,
    ) -> Vec<crate::model::Finding> {
        match self {
            Matcher::Tone(model) => {
                let input = tone::Input {
                    text: scratch.text,
                    folded: &scratch.views.folded,
                    bounds: scratch.folded_bounds(),
                    entities: &scratch.entities,
                };
                tone::explain::findings(model, rule, &input, lines)
            }
            _ => Vec::new(),
        }
    }

    /// Examples the kind brings beyond the rule's own (`tone`: those of its categories and
    /// exceptions).
    pub(crate) fn own_examples(&self) -> Option<&example::Examples> {
        match self {
            Matcher::Tone(t) => Some(&t.examples),
            _ => None,
        }
    }

    /// Case-folded phrases inside which a match is dropped because of what the kind is
    /// (`substitute`: its preferred forms, so that "Kyiv" is not flagged as "Kyiv").
    pub(crate) fn implied_exceptions(&self) -> Vec<String> {
        use crate::text::fold_str;
        match self {
            Matcher::Substitute(s) => s
                .entries
                .iter()
                .flat_map(|(avoided, preferred)| {
                    let avoided = fold_str(avoided);
                    preferred
                        .iter()
                        .map(|p| fold_str(p))
                        .filter(move |p| *p != avoided)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The keys this matcher adds to the shared term automata, entry by entry: `(true, key)`
    /// for the case-sensitive automaton (collapsed view), `(false, key)` for the folded one.
    pub(crate) fn term_keys(&self) -> Vec<(bool, String)> {
        use crate::text::{collapse_str, fold_str};
        match self {
            Matcher::Terms(t) if t.case_sensitive => {
                t.terms.iter().map(|s| (true, collapse_str(s))).collect()
            }
            Matcher::Terms(t) => t.terms.iter().map(|s| (false, fold_str(s))).collect(),
            Matcher::Substitute(s) => s
                .entries
                .iter()
                .map(|(a, _)| (false, fold_str(a)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the kind judges the text as a whole, not words in it (`limit`: its length).
    /// Its matches pass no scope, exception or context filter, and the editor shows them as
    /// overflow.
    pub fn is_whole_text(&self) -> bool {
        matches!(self, Matcher::Limit(_))
    }

    /// The platform limit a rule of this kind sets (`limit`): platform id, unit and maximum.
    pub fn platform_limit(&self) -> Option<(&str, crate::platform::Unit, usize)> {
        match self {
            Matcher::Limit(l) => Some((&l.platform, l.unit, l.max)),
            _ => None,
        }
    }

    /// The one-key (safe) fixes the kind offers, as `(folded text, replacement)` pairs
    /// (`substitute` with one preferred form, `terms` with `suggest`), to find two rules that
    /// offer different safe fixes for one text.
    pub(crate) fn safe_fixes(&self) -> Vec<(String, String)> {
        match self {
            Matcher::Substitute(s) => s.safe_fixes(),
            Matcher::Terms(t) => t.safe_fixes(),
            _ => Vec::new(),
        }
    }

    /// Lines that show what the matcher matches beyond the rule's message, for `tact
    /// explain` (`substitute`: each avoided form and its preferred forms).
    pub fn detail_lines(&self) -> Vec<String> {
        match self {
            Matcher::Substitute(s) => s.detail_lines(),
            _ => Vec::new(),
        }
    }

    /// The platform a rule of this kind is about (`limit`), which its examples run on.
    pub fn platform(&self) -> Option<&str> {
        match self {
            Matcher::Limit(l) => Some(&l.platform),
            _ => None,
        }
    }

    /// The word-boundary handling of entry `entry` of a kind matched by the shared term
    /// automata (`terms`, `substitute`); `auto` for any other kind.
    pub(crate) fn term_boundary(&self, entry: usize) -> Boundary {
        match self {
            Matcher::Terms(t) => t.boundary_of(entry),
            Matcher::Substitute(s) => s.boundary,
            _ => Boundary::Auto,
        }
    }

    /// Writes the kind and what the matcher matches into a rule fingerprint: every value
    /// named and in a fixed order, sets sorted (never `Debug` text or hash-set order).
    pub fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("kind", self.kind_name());
        match self {
            Matcher::Terms(m) => m.fingerprint(fp),
            Matcher::Substitute(m) => m.fingerprint(fp),
            Matcher::Pattern(m) => m.fingerprint(fp),
            Matcher::Limit(m) => m.fingerprint(fp),
            Matcher::Hidden(m) => m.fingerprint(fp),
            Matcher::Links(m) => m.fingerprint(fp),
            Matcher::Hashed(m) => {
                fp.field("hashed", [1]);
                m.fingerprint(fp)
            }
            // The model's own digest of the `[tone]` files it was built from.
            Matcher::Tone(m) => {
                fp.field("tone", &m.fingerprint);
            }
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
    pub examples: example::Examples,
    /// Config overrides applied to this rule, in words with file:line ("severity warn → info
    /// by tact.toml:7").
    pub changes: Vec<String>,
}

/// Options of one check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Target platform id; `None` runs no `limit` rule and no platform-specific rule.
    pub platform: Option<String>,
    /// The time of clearing that embargo lines are compared with; `None`: `TACT_NOW`, else
    /// the system clock (see [`pattern::embargo::clearing_time`]).
    pub now: Option<jiff::Timestamp>,
}

/// Adjustments of one check's findings that need the whole post and every finding: terms
/// that must never be mixed and names inside quotations ([`terms::names`]), embargo lines
/// read against the time of clearing ([`pattern::embargo`]), and no tone finding for the
/// capitals of a marking another rule flags ([`tone::drop_marking_capitals`]).
pub(crate) fn refine_findings(
    rules: &[CompiledRule],
    text: &str,
    opts: &CheckOptions,
    out: &mut Vec<crate::model::Finding>,
) {
    terms::names::adjust(rules, text, out);
    pattern::embargo::refine_all(rules, text, opts, out);
    tone::drop_marking_capitals(out);
}

/// A match before filtering: rule index, original byte span, and which term/entry matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// Fills `{match}` in a message template (the match with hidden characters made visible).
fn render(template: &str, matched: &str) -> String {
    if template.contains("{match}") {
        template.replace("{match}", &crate::text::visible(matched))
    } else {
        template.to_string()
    }
}
