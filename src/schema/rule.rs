//! The rule-file format (DESIGN §5), as serde types. Keys are kebab-case; unknown keys are
//! errors. Values that later need pointing at (ids, patterns, terms) keep their byte span in
//! the file through [`toml::Spanned`].

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

use crate::model::{Boundary, Category, Scope, Severity, ViewKind};

/// One rule file: `schema`, `[pack]` and any number of `[[rule]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    /// Rule-file format version; only `1` exists.
    pub schema: Spanned<u32>,
    /// The pack this file defines or extends.
    pub pack: PackMeta,
    /// The rules, in file order.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleDef>>,
    /// `[tone]`: data of the pack's `tone` rules (see [`crate::schema::tone`]).
    #[serde(default)]
    pub tone: Option<crate::schema::tone::ToneDef>,
}

/// `[pack]`: identity and version of a pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackMeta {
    /// Pack id; rule ids are `<pack>/<rule>`. Lowercase letters, digits and `-`.
    pub id: Spanned<String>,
    /// Human name.
    #[serde(default)]
    pub name: Option<String>,
    /// What the pack is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Version, recorded in findings and publish records.
    #[serde(default)]
    pub version: Option<String>,
}

/// The kind of matcher a rule uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Literal terms, matched whole-word on the folded view.
    Terms,
    /// Avoided form → preferred form, with a fix.
    Substitute,
    /// Rust `regex` patterns on the clean view.
    Pattern,
    /// A platform length limit (DESIGN §9).
    Limit,
    /// A built-in hidden-character detector (`class = "zero-width"`, …).
    Hidden,
    /// The scored tone model (DESIGN §8); its data is the pack's `[tone]` table.
    Tone,
    /// Links checked against lists of domains (`check = "look-alike"`, …); see
    /// [`crate::kinds::links`].
    Links,
}

/// Letter case handling for `terms` and `pattern` rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseMode {
    /// Unicode case folding (the default for terms).
    Insensitive,
    /// Exact case (the default for patterns).
    Sensitive,
}

/// What a substitution offers: one preferred form (a safe fix) or several (a choice).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Preferred {
    /// One preferred form.
    One(String),
    /// Several preferred forms, offered as choices.
    Many(Vec<String>),
}

impl Preferred {
    /// The preferred forms as a slice-like vector.
    pub fn forms(&self) -> Vec<&str> {
        match self {
            Preferred::One(s) => vec![s.as_str()],
            Preferred::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// `replace`: a substitution table. A `true`/`false` is read only to say that the switch is
/// now spelt `replace-lists` (an error).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ReplaceValue {
    /// `replace = true`: the old spelling of `replace-lists = true`; an error naming it.
    Flag(bool),
    /// `[rule.replace]` avoided form → preferred form(s).
    Table(BTreeMap<String, Preferred>),
}

/// `context`: supporting evidence around a match.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContextDef {
    /// At least one must occur within `window` characters (terms, or `re:` patterns).
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
    /// None may occur within `window` characters (terms, or `re:` patterns).
    #[serde(default)]
    pub excludes: Vec<Spanned<String>>,
    /// Distance in characters before the start and after the end of the match (default 80).
    #[serde(default)]
    pub window: Option<usize>,
}

/// One example: plain text, or a table that also states the expected match and fix.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ExampleDef {
    /// Just the text.
    Text(String),
    /// Text with the expected match and fix.
    Detailed(DetailedExample),
}

/// An example with expectations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DetailedExample {
    /// The example text.
    pub text: String,
    /// The original text the finding must cover.
    #[serde(default, rename = "match")]
    pub matched: Option<String>,
    /// The replacement the first fix must offer.
    #[serde(default)]
    pub fix: Option<String>,
    /// Repeat `text` this many times (for long examples such as platform limits).
    #[serde(default)]
    pub repeat: Option<usize>,
}

impl ExampleDef {
    /// The example text (with `repeat` applied).
    pub fn text(&self) -> String {
        match self {
            ExampleDef::Text(t) => t.clone(),
            ExampleDef::Detailed(d) => d.text.repeat(d.repeat.unwrap_or(1).min(1 << 20)),
        }
    }
}

/// `examples`: texts the rule must flag and texts it must pass.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExamplesDef {
    /// Each must produce at least one finding of this rule.
    #[serde(default)]
    pub flag: Vec<Spanned<ExampleDef>>,
    /// Each must produce no finding of this rule.
    #[serde(default)]
    pub pass: Vec<Spanned<ExampleDef>>,
}

/// One entry of `terms`: the term itself, or a table that also overrides the rule's
/// boundary for this term (`{ term = "ワード", boundary = "word" }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TermDef {
    /// Just the term.
    Plain(String),
    /// A term with its own boundary.
    Detailed(DetailedTerm),
}

/// A term with its own boundary handling.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DetailedTerm {
    /// The term.
    pub term: String,
    /// Its boundary handling (overrides the rule's `boundary`).
    pub boundary: Boundary,
}

impl TermDef {
    /// The term's text.
    pub fn text(&self) -> &str {
        match self {
            TermDef::Plain(t) => t,
            TermDef::Detailed(d) => &d.term,
        }
    }

    /// The term's own boundary, if it sets one.
    pub fn boundary(&self) -> Option<Boundary> {
        match self {
            TermDef::Plain(_) => None,
            TermDef::Detailed(d) => Some(d.boundary),
        }
    }
}

/// One `[[rule]]`. Every field is optional at parse time so that a later layer can extend
/// an earlier rule by naming only what changes; completeness is checked after layering.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDef {
    /// Rule id within the pack (lowercase, digits, `-`); the full id is `<pack>/<id>`.
    pub id: Option<Spanned<String>>,
    /// Matcher kind: `terms`, `substitute`, `pattern`, `limit`, `hidden`, `tone`.
    pub kind: Option<Spanned<RuleKind>>,
    /// What the rule looks for (`leak`, `draft`, `terms`, `tone`, `hidden`, `platform`).
    pub category: Option<Spanned<Category>>,
    /// `block`, `warn` or `info`.
    pub severity: Option<Spanned<Severity>>,
    /// Finding message; `{match}` is the matched text (limits also take `{count}` …).
    pub message: Option<Spanned<String>>,
    /// Why the rule exists, in plain words; shown in the detail pane and by `tact explain`.
    pub why: Option<String>,
    /// Literal terms (plain strings, or `{ term, boundary }` tables).
    pub terms: Option<Vec<Spanned<TermDef>>>,
    /// A plain list of terms next to the rule file (one per line, `#` comments).
    pub terms_file: Option<Spanned<String>>,
    /// A list of SHA-256 digests of secret terms (see `tact rules hash-list`).
    pub terms_sha256_file: Option<Spanned<String>>,
    /// One replacement offered for every match (`""` removes the match).
    pub suggest: Option<String>,
    /// `substitute` rules: the avoided → preferred table.
    pub replace: Option<Spanned<ReplaceValue>>,
    /// When extending a rule: `true` makes this layer's lists (and tables) replace the earlier
    /// layer's instead of adding to them.
    pub replace_lists: Option<bool>,
    /// Rust `regex` patterns (no look-around); group `hit` narrows the span.
    pub patterns: Option<Vec<Spanned<String>>>,
    /// Letter case: `insensitive` (terms' default) or `sensitive` (patterns' default).
    pub case: Option<CaseMode>,
    /// Text a pattern runs on: `clean` (default) or `raw`.
    pub view: Option<ViewKind>,
    /// Word boundaries for terms: `auto` (default), `word` or `none`.
    pub boundary: Option<Boundary>,
    /// Where a match may sit (`text`, `url`, `mention`, `hashtag`, `cashtag`, `email`).
    pub scopes: Option<Vec<Scope>>,
    /// Phrases inside which a match is dropped (case-insensitive, whole words).
    pub exceptions: Option<Vec<Spanned<String>>>,
    /// Supporting evidence required/excluded within a window of characters.
    pub context: Option<ContextDef>,
    /// Texts the rule must flag and must pass (`tact rules test`).
    pub examples: Option<ExamplesDef>,
    /// `false` switches the rule off.
    pub enabled: Option<bool>,
    /// Platform ids the rule applies to (empty: all).
    pub platforms: Option<Vec<Spanned<String>>>,
    /// Who maintains the rule (shown to authors).
    pub owner: Option<String>,
    /// A document or link behind the rule (shown to authors).
    pub reference: Option<String>,
    /// Date (`YYYY-MM-DD`) after which `tact rules check` warns that the rule is due for review.
    pub review_by: Option<Spanned<String>>,
    /// `hidden` rules: the detector class (`zero-width`, `bidi`, `mixed-script`, …).
    pub class: Option<Spanned<String>>,
    /// `limit` rules: the platform id (`x`, `bluesky`, …).
    pub platform: Option<Spanned<String>>,
    /// `limit` rules: the platform's display name (`X`, `Bluesky`, …).
    pub platform_name: Option<String>,
    /// `limit` rules: what is counted (a `platform::Unit` name: `chars`, `graphemes`, …).
    pub unit: Option<Spanned<String>>,
    /// `limit` rules: the largest allowed count.
    pub max: Option<Spanned<usize>>,
    /// `terms` rules: groups of forms that must not be mixed in one post, and the severity
    /// when they are (see [`crate::kinds::terms::names`]).
    pub never_mix: Option<NeverMixDef>,
    /// `pattern` rules: each match starts an embargo line whose date and time are read and
    /// compared with the time of clearing (see [`crate::kinds::pattern::embargo`]).
    pub embargo: Option<bool>,
    /// `links` rules: which check (`look-alike`, `insecure`, `shortener`, `deny`, `allow-only`).
    pub check: Option<Spanned<String>>,
    /// `links` rules: domains inline (official, denied, allowed or shortener hosts, by check).
    pub domains: Option<Vec<Spanned<String>>>,
    /// `links` rules: a plain-text list of domains next to the rule file (one a line, `#`
    /// comments).
    pub domains_file: Option<Spanned<String>>,
}

/// `never-mix`: forms of one name that a post must not mix (`Falklands` with `Malvinas`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NeverMixDef {
    /// Two or more groups of terms; each group is one side's forms.
    pub sides: Vec<Vec<String>>,
    /// The severity of every finding of the rule when terms of two sides occur in one post.
    pub severity: Severity,
}
