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

/// What the matcher of one rule kind does, implemented in the kind's own module. Every
/// method but the name and the fingerprint has a default that does nothing, so a kind
/// implements only what it has; [`Matcher`] dispatches to it.
pub(crate) trait KindMatcher {
    /// The rule-file name of the kind (`kind = "…"`).
    fn kind_name(&self) -> &'static str;

    /// Finds the matches of a kind that scans the text itself (`limit`, hashed `terms`,
    /// `hidden`, `links`) for rule index `rule`. Plain terms and substitutions are found by
    /// the engine's shared automata, patterns through the pattern prefilter, and tone by
    /// [`KindMatcher::direct_findings`]: for them this adds nothing.
    fn find(
        &self,
        _rule: usize,
        _text: &str,
        _scratch: &filter::Scratch<'_>,
        _opts: &CheckOptions,
        _out: &mut Vec<RawMatch>,
    ) {
    }

    /// The fixes of a match `m` covering `matched`.
    fn fixes(&self, _m: &RawMatch, _matched: &str) -> Vec<crate::model::Fix> {
        Vec::new()
    }

    /// The message of a match `m` covering `matched`, from the rule's `template`; `platform`
    /// is the target platform's display name. By default `{match}` filled in.
    fn message(&self, template: &str, _m: &RawMatch, matched: &str, _platform: &str) -> String {
        render(template, matched)
    }

    /// Findings a kind makes whole, not from raw matches (`tone`: scored sentences, each
    /// explained).
    fn direct_findings(
        &self,
        _rule: &CompiledRule,
        _scratch: &filter::Scratch<'_>,
        _lines: &crate::model::LineIndex,
    ) -> Vec<crate::model::Finding> {
        Vec::new()
    }

    /// Examples the kind brings beyond the rule's own (`tone`: those of its categories and
    /// exceptions).
    fn own_examples(&self) -> Option<&example::Examples> {
        None
    }

    /// Case-folded phrases inside which a match is dropped because of what the kind is
    /// (`substitute`: its preferred forms, so that "Kyiv" is not flagged as "Kyiv").
    fn implied_exceptions(&self) -> Vec<String> {
        Vec::new()
    }

    /// The keys this matcher adds to the shared term automata, entry by entry: `(true, key)`
    /// for the case-sensitive automaton (collapsed view), `(false, key)` for the folded one.
    fn term_keys(&self) -> Vec<(bool, String)> {
        Vec::new()
    }

    /// The word-boundary handling of entry `entry` of a kind matched by the shared term
    /// automata (`terms`, `substitute`).
    fn term_boundary(&self, _entry: usize) -> Boundary {
        Boundary::Auto
    }

    /// Whether the kind judges the text as a whole, not words in it (`limit`: its length).
    fn is_whole_text(&self) -> bool {
        false
    }

    /// The platform limit a rule of this kind sets (`limit`): platform id, unit and maximum.
    fn platform_limit(&self) -> Option<(&str, crate::platform::Unit, usize)> {
        None
    }

    /// The one-key (safe) fixes the kind offers, as `(folded text, replacement)` pairs.
    fn safe_fixes(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Lines that show what the matcher matches beyond the rule's message (`tact explain`).
    fn detail_lines(&self) -> Vec<String> {
        Vec::new()
    }

    /// Writes what the matcher matches into a rule fingerprint: every value named and in a
    /// fixed order, sets sorted (never `Debug` text or hash-set order).
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint);
}

/// Declares [`Matcher`], one variant per line, and its dispatch to [`KindMatcher`].
macro_rules! matchers {
    ($($(#[doc = $doc:literal])* $variant:ident($ty:ty),)*) => {
        /// The matcher of one rule kind: a variant per matcher type of the kinds (the
        /// registry's second list, next to [`KINDS`]); what it does is the type's
        /// [`KindMatcher`] implementation, in the kind's module.
        #[derive(Debug, Clone)]
        pub enum Matcher {
            $($(#[doc = $doc])* $variant($ty),)*
        }

        impl Matcher {
            /// The kind's implementation.
            fn kind(&self) -> &dyn KindMatcher {
                match self {
                    $(Matcher::$variant(m) => m,)*
                }
            }
        }
    };
}

matchers! {
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
    Tone(Arc<tone::ToneModel>),
    /// `kind = "links"`: links against lists of domains.
    Links(links::LinksMatcher),
}

impl Matcher {
    /// The rule-file name of the kind.
    pub fn kind_name(&self) -> &'static str {
        self.kind().kind_name()
    }

    /// Finds the matches of a kind that scans the text itself, for rule index `rule`
    /// ([`KindMatcher::find`]).
    pub(crate) fn find(
        &self,
        rule: usize,
        text: &str,
        scratch: &filter::Scratch<'_>,
        opts: &CheckOptions,
        out: &mut Vec<RawMatch>,
    ) {
        self.kind().find(rule, text, scratch, opts, out);
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
        let k = self.kind();
        (
            k.message(template, m, matched, platform),
            k.fixes(m, matched),
        )
    }

    /// Findings a kind makes whole, not from raw matches (`tone`: scored sentences, each
    /// explained); empty for every other kind.
    pub(crate) fn direct_findings(
        &self,
        rule: &CompiledRule,
        scratch: &filter::Scratch<'_>,
        lines: &crate::model::LineIndex,
    ) -> Vec<crate::model::Finding> {
        self.kind().direct_findings(rule, scratch, lines)
    }

    /// Examples the kind brings beyond the rule's own (`tone`: those of its categories and
    /// exceptions).
    pub(crate) fn own_examples(&self) -> Option<&example::Examples> {
        self.kind().own_examples()
    }

    /// Case-folded phrases inside which a match is dropped because of what the kind is
    /// (`substitute`: its preferred forms, so that "Kyiv" is not flagged as "Kyiv").
    pub(crate) fn implied_exceptions(&self) -> Vec<String> {
        self.kind().implied_exceptions()
    }

    /// The keys this matcher adds to the shared term automata, entry by entry: `(true, key)`
    /// for the case-sensitive automaton (collapsed view), `(false, key)` for the folded one.
    pub(crate) fn term_keys(&self) -> Vec<(bool, String)> {
        self.kind().term_keys()
    }

    /// Whether the kind judges the text as a whole, not words in it (`limit`: its length).
    /// Its matches pass no scope, exception or context filter, and the editor shows them as
    /// overflow.
    pub fn is_whole_text(&self) -> bool {
        self.kind().is_whole_text()
    }

    /// The platform limit a rule of this kind sets (`limit`): platform id, unit and maximum.
    pub fn platform_limit(&self) -> Option<(&str, crate::platform::Unit, usize)> {
        self.kind().platform_limit()
    }

    /// The one-key (safe) fixes the kind offers, as `(folded text, replacement)` pairs
    /// (`substitute` with one preferred form, `terms` with `suggest`), to find two rules that
    /// offer different safe fixes for one text.
    pub(crate) fn safe_fixes(&self) -> Vec<(String, String)> {
        self.kind().safe_fixes()
    }

    /// Lines that show what the matcher matches beyond the rule's message, for `tact
    /// explain` (`substitute`: each avoided form and its preferred forms).
    pub fn detail_lines(&self) -> Vec<String> {
        self.kind().detail_lines()
    }

    /// The platform a rule of this kind is about (`limit`), which its examples run on.
    pub fn platform(&self) -> Option<&str> {
        self.platform_limit().map(|(p, _, _)| p)
    }

    /// The word-boundary handling of entry `entry` of a kind matched by the shared term
    /// automata (`terms`, `substitute`); `auto` for any other kind.
    pub(crate) fn term_boundary(&self, entry: usize) -> Boundary {
        self.kind().term_boundary(entry)
    }

    /// Writes the kind and what the matcher matches into a rule fingerprint: every value
    /// named and in a fixed order, sets sorted (never `Debug` text or hash-set order).
    pub fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("kind", self.kind_name());
        self.kind().fingerprint(fp);
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
