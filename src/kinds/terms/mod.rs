//! `kind = "terms"`: literal terms.
//!
//! **What it flags.** Any of the rule's terms, as a whole word (UAX #29), case-insensitively
//! on the folded view (or with exact case on the collapsed view with `case = "sensitive"`).
//! Multi-word terms match across line breaks, double spaces and NBSP.
//!
//! **Why.** Codenames, loaded labels, insults: lists that communications staff maintain.
//!
//! **Example.** `terms = ["Operation Blue Fern"]` flags `operation  blue\nfern`.
//!
//! **Fix safety.** With `suggest = "…"` the fix is `safe` (one replacement, the case shape
//! of the original kept); otherwise advice only.
//!
//! All term rules (and `substitute` rules) share one Aho-Corasick automaton per view, built
//! at load time; a check walks each view once.

pub mod hashed;
pub mod names;
pub(crate) mod word_terms;

use crate::diag::{ErrorKind, ListPath, RuleError};
use crate::kinds::common::{read_hashed_file, read_terms_file, rule_error};
use crate::kinds::filter::Scratch;
use crate::kinds::validate::resolve_terms_file;
use crate::kinds::{CompileCx, CompiledRule, Kind, Matcher, RawMatch};
use crate::model::Boundary;
use crate::model::{Applicability, Edit, Fix};
use crate::schema::rule::{CaseMode, RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};
use crate::text::{View, WordBounds};

/// A compiled `terms` rule.
#[derive(Debug, Clone)]
pub struct TermsMatcher {
    /// The terms as written in the rule source.
    pub terms: Vec<String>,
    /// `case = "sensitive"`.
    pub case_sensitive: bool,
    /// Boundary handling.
    pub boundary: Boundary,
    /// Per term (same order as `terms`): its own boundary, overriding `boundary`.
    pub boundaries: Vec<Option<Boundary>>,
    /// The one replacement offered for every term, if any.
    pub suggest: Option<String>,
    /// `never-mix`: forms that must not be mixed in one post ([`names`]).
    pub never_mix: Option<names::NeverMix>,
}

/// A `safe` fix that replaces the match with `replacement`.
pub(crate) fn safe_fix(m: &RawMatch, replacement: &str) -> Fix {
    Fix {
        applicability: Applicability::Safe,
        edits: vec![Edit {
            start: m.start,
            end: m.end,
            replacement: replacement.to_string(),
        }],
    }
}

/// `preferred` in the case shape of `original`: all capitals stay capitals (`KIEV` → `KYIV`),
/// a capitalised word stays capitalised, anything else keeps `preferred` as written.
pub fn shape_like(original: &str, preferred: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_upper {
        return preferred.to_uppercase();
    }
    let starts_upper = letters.first().is_some_and(|c| c.is_uppercase());
    let mut chars = preferred.chars();
    match chars.next() {
        Some(f) if starts_upper && f.is_lowercase() => f.to_uppercase().chain(chars).collect(),
        _ => preferred.to_string(),
    }
}

fn accept(bounds: &WordBounds, text: &str, start: usize, end: usize, b: Boundary) -> bool {
    match b {
        Boundary::None => true,
        Boundary::Auto => bounds.is_whole_word(text, start, end, false),
        Boundary::Word => bounds.is_whole_word(text, start, end, true),
    }
}

/// Runs one automaton over one view. `bounds` gives the view's word boundaries; it is called
/// only when there is a match to check, since segmenting the text is the costly part.
fn find_in<'s>(
    rules: &[CompiledRule],
    ac: Option<&aho_corasick::AhoCorasick>,
    owners: &[Vec<(usize, usize)>],
    view: &View,
    bounds: impl Fn() -> &'s WordBounds,
    original: &str,
    out: &mut Vec<RawMatch>,
) {
    let Some(ac) = ac else { return };
    for m in ac.find_overlapping_iter(&view.text) {
        let owners = &owners[m.pattern().as_usize()];
        let span = (m.start(), m.end());
        accept_in(rules, &bounds, view, original, owners, span, out);
    }
}

/// Pushes the owners of a key found at `span` of `view` whose boundary accepts it.
fn accept_in<'s>(
    rules: &[CompiledRule],
    bounds: &impl Fn() -> &'s WordBounds,
    view: &View,
    original: &str,
    owners: &[(usize, usize)],
    span: (usize, usize),
    out: &mut Vec<RawMatch>,
) {
    for &(rule, entry) in owners {
        if accept(
            bounds(),
            &view.text,
            span.0,
            span.1,
            rules[rule].matcher.term_boundary(entry),
        ) {
            let (start, end) = view.to_source(span.0, span.1);
            let phrase = view.text[span.0..span.1].contains(' ');
            if phrase && crate::text::after_joined_hyphen(original, start) {
                continue;
            }
            out.push(RawMatch {
                rule,
                start,
                end,
                entry,
            });
        }
    }
}

/// [`find_folded`]'s acceptance of a key found at `start..end` of the folded view by another
/// search (the word table of [`word_terms`]).
pub(crate) fn accept_match(
    rules: &[CompiledRule],
    s: &Scratch,
    owners: &[(usize, usize)],
    start: usize,
    end: usize,
    out: &mut Vec<RawMatch>,
) {
    let bounds = || s.folded_bounds();
    accept_in(
        rules,
        &bounds,
        &s.views.folded,
        s.text,
        owners,
        (start, end),
        out,
    );
}

/// The combined term automata of all rules, with the `(rule, entry)` owners of each key.
pub(crate) struct Automata<'a> {
    /// The rules the owners index into.
    pub rules: &'a [CompiledRule],
    /// Case-insensitive terms and substitutions (folded view).
    pub folded: Option<&'a aho_corasick::AhoCorasick>,
    /// Owners of each folded key.
    pub folded_owners: &'a [Vec<(usize, usize)>],
    /// Plain case-insensitive keys of big lists, looked up by word ([`word_terms`]).
    pub words: &'a word_terms::WordTerms,
    /// Case-sensitive terms (collapsed view).
    pub exact: Option<&'a aho_corasick::AhoCorasick>,
    /// Owners of each exact key.
    pub exact_owners: &'a [Vec<(usize, usize)>],
}

/// Case-insensitive terms and substitutions, on the folded view (plain keys of a big list by
/// word lookup: [`word_terms`]).
pub(crate) fn find_folded(a: &Automata<'_>, s: &Scratch, out: &mut Vec<RawMatch>) {
    a.words.find(a.rules, s, out);
    find_in(
        a.rules,
        a.folded,
        a.folded_owners,
        &s.views.folded,
        || s.folded_bounds(),
        s.text,
        out,
    );
}

/// Case-sensitive terms, on the collapsed view.
pub(crate) fn find_exact(a: &Automata<'_>, s: &Scratch, out: &mut Vec<RawMatch>) {
    find_in(
        a.rules,
        a.exact,
        a.exact_owners,
        &s.views.collapsed,
        || s.collapsed_bounds(),
        s.text,
        out,
    );
}

impl TermsMatcher {
    /// The boundary handling of term `entry`: its own, else the rule's.
    pub(crate) fn boundary_of(&self, entry: usize) -> Boundary {
        self.boundaries
            .get(entry)
            .copied()
            .flatten()
            .unwrap_or(self.boundary)
    }
}

impl super::KindMatcher for TermsMatcher {
    fn kind_name(&self) -> &'static str {
        "terms"
    }

    /// Fixes for a match: a safe replacement when the rule has `suggest`.
    fn fixes(&self, m: &RawMatch, matched: &str) -> Vec<Fix> {
        self.suggest
            .as_ref()
            .map(|s| vec![safe_fix(m, &shape_like(matched, s))])
            .unwrap_or_default()
    }

    /// `(folded term, suggestion)` of each term when the rule has `suggest` (a safe fix).
    fn safe_fixes(&self) -> Vec<(String, String)> {
        match &self.suggest {
            Some(s) => self
                .terms
                .iter()
                .map(|term| (crate::text::fold_str(term), s.clone()))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The terms, collapsed for the case-sensitive automaton or folded for the other.
    fn term_keys(&self) -> Vec<(bool, String)> {
        use crate::text::{collapse_str, fold_str};
        if self.case_sensitive {
            self.terms.iter().map(|s| (true, collapse_str(s))).collect()
        } else {
            self.terms.iter().map(|s| (false, fold_str(s))).collect()
        }
    }

    fn term_boundary(&self, entry: usize) -> Boundary {
        self.boundary_of(entry)
    }

    /// Writes what the matcher matches into a rule fingerprint.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.list("terms", &self.terms)
            .field("case-sensitive", [u8::from(self.case_sensitive)])
            .field("boundary", self.boundary.as_str())
            .list(
                "boundaries",
                self.boundaries
                    .iter()
                    .map(|b| b.map_or("", Boundary::as_str)),
            )
            .opt("suggest", self.suggest.as_ref());
        if let Some(m) = &self.never_mix {
            fp.field("never-mix-severity", m.severity.as_str());
            for side in &m.sides {
                fp.set("never-mix-side", side);
            }
        }
    }
}

/// `kind = "terms"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Terms,
    validate,
    compile,
    placeholders: &["match"],
};

/// Checks the terms keys of one layer: terms made only of invisible characters, and
/// `terms-file`/`terms-sha256-file` paths outside the pack's folder or missing.
fn validate(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    let at = |s: std::ops::Range<usize>, m: String| {
        RuleError::at(&src.name, &src.text, (s.start, s.end), m)
    };
    for t in def.terms.iter().flatten() {
        let text = t.get_ref().text();
        if !text.trim().is_empty() && crate::text::fold_str(text).is_empty() {
            errors.push(
                at(t.span(), "this term can never match: it is made only of invisible characters".into())
                    .with_help("hidden characters are removed before matching; flag them with a `pattern` rule and `view = \"raw\"`"),
            );
        }
    }
    for f in def.terms_file.iter().chain(&def.terms_sha256_file) {
        let Err(m) = resolve_terms_file(src.dir.as_deref(), f.get_ref()) else {
            continue;
        };
        let help = if m.contains("symbolic link") {
            "copy the list into the pack's folder instead of linking to it: a rule folder must hold every file its rules read"
        } else {
            "put the list next to the rule file and give its relative path"
        };
        errors.push(
            at(f.span(), m)
                .with_help(help)
                .with_kind(ErrorKind::ListPath(Box::new(ListPath {
                    dir: src.dir.clone(),
                    path: f.get_ref().clone(),
                }))),
        );
    }
}

/// Compiles a `terms` rule: plain terms (with `terms-file`), or a hashed list
/// (`terms-sha256-file`, which allows no plain terms).
///
/// # Errors
/// No terms, an unreadable list, or plain terms next to a hashed list.
fn compile(r: &LayeredRule, _: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    let d = &r.def;
    let mut terms: Vec<String> = d
        .terms
        .iter()
        .flatten()
        .map(|t| t.get_ref().text().to_string())
        .collect();
    let mut boundaries: Vec<Option<Boundary>> = d
        .terms
        .iter()
        .flatten()
        .map(|t| t.get_ref().boundary())
        .collect();
    if let Some(f) = &d.terms_file {
        terms.extend(read_terms_file(r, f.get_ref())?);
    }
    if let Some(f) = &d.terms_sha256_file {
        if !terms.is_empty() {
            return Err(rule_error(
                r,
                "a rule with `terms-sha256-file` cannot also have plain terms".into(),
            )
            .with_help("put the hashed list in a rule of its own"));
        }
        return read_hashed_file(r, f.get_ref()).map(Matcher::Hashed);
    }
    boundaries.resize(terms.len(), None);
    if terms.is_empty() {
        let e = if d.terms.is_some() {
            crate::kinds::common::key_error(r, "terms", "no terms".into())
        } else {
            rule_error(r, "no terms".into())
        };
        return Err(e.with_help("add `terms = [...]` or a non-empty `terms-file`"));
    }
    Ok(Matcher::Terms(TermsMatcher {
        terms,
        boundaries,
        case_sensitive: d.case == Some(CaseMode::Sensitive),
        boundary: d.boundary.unwrap_or(Boundary::Auto),
        suggest: d.suggest.clone(),
        never_mix: never_mix(r)?,
    }))
}

/// Compiles the rule's `never-mix` table, if any.
fn never_mix(r: &LayeredRule) -> Result<Option<names::NeverMix>, RuleError> {
    let Some(m) = &r.def.never_mix else {
        return Ok(None);
    };
    names::NeverMix::new(&m.sides, m.severity)
        .map(Some)
        .map_err(|e| {
            rule_error(r, e).with_help(
                "write `never-mix = { sides = [[\"Falklands\"], [\"Malvinas\"]], severity = \"warn\" }`",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_shape() {
        assert_eq!(shape_like("KIEV", "Kyiv"), "KYIV");
        assert_eq!(shape_like("Kiev", "Kyiv"), "Kyiv");
        assert_eq!(shape_like("chairman", "chair"), "chair");
        assert_eq!(shape_like("Chairman", "chair"), "Chair");
        assert_eq!(shape_like("kiev", "Kyiv"), "Kyiv");
    }
}

/// The FNV hash of a key, for the tables that store their keys once and index them
/// ([`KeyTable`], [`word_terms::WordTerms`]).
pub(crate) fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    fnv::FnvBuildHasher::default().hash_one(key)
}

/// The keys of an automaton, each once, with every owner of each key (a rule and entry, a
/// tone entry…), as rule compilers collect them before building the automaton.
#[derive(Debug, Clone)]
pub(crate) struct KeyTable<O> {
    /// Distinct keys, in the order first added (the automaton's pattern ids).
    pub keys: Vec<String>,
    /// For each key, its owners in the order added.
    pub owners: Vec<Vec<O>>,
    /// Indexes into `keys`, by [`key_hash`]: each key is stored once, in `keys` (a
    /// 1,000,000-term list spends most of its load here).
    index: hashbrown::HashTable<usize>,
}

impl<O> Default for KeyTable<O> {
    fn default() -> Self {
        KeyTable {
            keys: Vec::new(),
            owners: Vec::new(),
            index: hashbrown::HashTable::new(),
        }
    }
}

impl<O> KeyTable<O> {
    /// Makes room for `more` keys (a rule's list, before adding it).
    pub(crate) fn reserve(&mut self, more: usize) {
        self.keys.reserve(more);
        self.owners.reserve(more);
        let keys = &self.keys;
        self.index.reserve(more, |&i| key_hash(&keys[i]));
    }

    /// Adds `owner` to `key` (an empty key is ignored: it would match everywhere).
    pub(crate) fn add(&mut self, key: String, owner: O) {
        if key.is_empty() {
            return;
        }
        let KeyTable {
            keys,
            owners,
            index,
        } = self;
        let entry = index.entry(key_hash(&key), |&i| keys[i] == key, |&i| key_hash(&keys[i]));
        match entry {
            hashbrown::hash_table::Entry::Occupied(e) => owners[*e.get()].push(owner),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(keys.len());
                keys.push(key);
                owners.push(vec![owner]);
            }
        }
    }
}
