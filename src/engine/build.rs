//! Compiling layered rules into an [`Engine`]: required keys, term lists, automata,
//! default scopes, platforms and the rule fingerprint.

use aho_corasick::AhoCorasick;

use super::overrides::{apply_overrides, nearest_rule, review_warnings};
use super::parts::{
    LineIndexes, default_scopes, examples, needles, parse_for_load, regex_error_detail,
};
use super::{CompiledRule, Engine, Matcher, PlatformInfo};
use crate::diag::RuleError;
use crate::kinds::common::required;
use crate::kinds::filter::Context;
use crate::kinds::pattern::prefilter::{Member, PatternPrefilter};
use crate::kinds::pattern::{Pattern, PatternMatcher};
use crate::kinds::terms::KeyTable;
use crate::kinds::terms::word_terms::{self, WordTerms};
use crate::kinds::{CompileCx, ToneModels};
use crate::load::{Layered, LayeredRule, Overrides};
use crate::schema::rule::RuleDef;
use crate::text::fold_str;
use regex_syntax::hir::Hir;

fn compile_rule(
    r: &LayeredRule,
    pack_version: &str,
    tone: &ToneModels,
    lines: &mut LineIndexes,
) -> Result<CompiledRule, RuleError> {
    let d: &RuleDef = &r.def;
    let kind = *required(r, &d.kind, "kind")?;
    let category = *required(r, &d.category, "category")?;
    let severity = *required(r, &d.severity, "severity")?;
    let message = required(r, &d.message, "message")?.clone();
    let matcher = crate::kinds::compile(r, kind, &CompileCx { tone })?;
    let mut examples = examples(r, lines);
    if let Some(own) = matcher.own_examples() {
        examples.flag.extend(own.flag.iter().cloned());
        examples.pass.extend(own.pass.iter().cloned());
    }
    let mut exceptions: Vec<String> = d
        .exceptions
        .iter()
        .flatten()
        .map(|e| fold_str(e.get_ref()))
        .collect();
    exceptions.extend(matcher.implied_exceptions());
    let context = match &d.context {
        Some(c) => Some(Context {
            requires: needles(r, &c.requires)?,
            excludes: needles(r, &c.excludes)?,
            window: c.window.unwrap_or(80),
        }),
        None => None,
    };
    Ok(CompiledRule {
        id: format!("{}/{}", r.pack, r.id),
        pack: r.pack.clone(),
        pack_version: pack_version.to_string(),
        category,
        severity,
        message,
        why: d.why.clone().unwrap_or_default(),
        scopes: d.scopes.clone().unwrap_or_else(|| default_scopes(category)),
        platforms: d
            .platforms
            .iter()
            .flatten()
            .map(|p| p.get_ref().clone())
            .collect(),
        exceptions,
        context,
        enabled: d.enabled.unwrap_or(true),
        matcher,
        origins: r.origins.iter().map(|o| (o.file.clone(), o.line)).collect(),
        owner: d.owner.clone(),
        reference: d.reference.clone(),
        review_by: d.review_by.as_ref().map(|s| s.get_ref().clone()),
        changes: Vec::new(),
        examples,
    })
}

/// For each automaton pattern, the `(rule index, entry index)` pairs that own it.
type Owners = Vec<Vec<(usize, usize)>>;

/// Plain keys of a big table with their owners, for [`WordTerms::new`].
type PlainKeys = Vec<(String, Vec<(usize, usize)>)>;

/// Term automaton keyed by normalised term, with the `(rule, entry)` owners of each key.
#[derive(Default)]
struct TermTable(KeyTable<(usize, usize)>);

impl TermTable {
    fn add(&mut self, key: String, owner: (usize, usize)) {
        self.0.add(key, owner);
    }

    /// Moves the plain whole-word keys of a big table out, for a word table
    /// ([`crate::kinds::terms::word_terms`]); a small table stays whole.
    fn split_big(self, rules: &[CompiledRule]) -> (TermTable, PlainKeys) {
        if self.0.keys.len() <= word_terms::big_list() {
            return (self, Vec::new());
        }
        let KeyTable { keys, owners, .. } = self.0;
        let mut plain = Vec::with_capacity(keys.len());
        let mut rest = TermTable::default();
        for (key, owners) in keys.into_iter().zip(owners) {
            let boundaries = owners
                .iter()
                .map(|&(r, e)| rules[r].matcher.term_boundary(e));
            if word_terms::is_plain(&key) && word_terms::whole_word(boundaries) {
                plain.push((key, owners));
            } else {
                owners.into_iter().for_each(|o| rest.add(key.clone(), o));
            }
        }
        (rest, plain)
    }

    fn build(self) -> Result<(Option<AhoCorasick>, Owners), String> {
        let KeyTable { keys, owners, .. } = self.0;
        if keys.is_empty() {
            return Ok((None, owners));
        }
        let ac = AhoCorasick::builder()
            .kind(crate::kinds::common::ac_kind(&keys))
            .build(&keys)
            .map_err(|e| format!("cannot build the term automaton: {e}"))?;
        Ok((Some(ac), owners))
    }
}

fn platforms(rules: &[CompiledRule], layered: &Layered) -> Vec<PlatformInfo> {
    let mut out: Vec<PlatformInfo> = Vec::new();
    for (r, lr) in rules.iter().zip(&layered.rules) {
        let Some((platform, unit, max)) = r.matcher.platform_limit() else {
            continue;
        };
        if !r.enabled {
            continue;
        }
        let name = lr
            .def
            .platform_name
            .clone()
            .unwrap_or_else(|| platform.to_string());
        match out.iter_mut().find(|p| p.id == platform) {
            Some(p) => p.limits.push((unit, max, r.severity)),
            None => out.push(PlatformInfo {
                id: platform.to_string(),
                name,
                limits: vec![(unit, max, r.severity)],
            }),
        }
    }
    out
}

/// Compiles layered rules into an engine and applies the config overrides, collecting every
/// error.
pub fn compile(layered: &Layered, overrides: &Overrides) -> Result<Engine, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let tone = tone_models(layered, &mut errors);
    let mut lines = LineIndexes::default();
    for r in &layered.rules {
        let version = layered
            .packs
            .iter()
            .find(|p| p.id == r.pack)
            .map_or("0", |p| p.version.as_str());
        // A tone rule whose pack's `[tone]` data has errors: those errors, already reported
        // at their places, are the whole story.
        let tone_failed = r.def.kind.as_ref().map(|k| *k.get_ref())
            == Some(crate::schema::rule::RuleKind::Tone)
            && matches!(tone.get(&r.pack), Some(None));
        if tone_failed && !errors.is_empty() {
            continue;
        }
        match compile_rule(r, version, &tone, &mut lines) {
            Ok(c) => rules.push(c),
            Err(e) if r.def.kind.is_none() => errors.push(match nearest_rule(layered, r) {
                Some(near) => e.with_help(format!(
                    "no earlier rule is called `{}/{}`, so this is a new rule and needs `kind`; to extend an existing rule use its exact id — did you mean `{near}`?",
                    r.pack, r.id
                )),
                None => e,
            }),
            Err(e) => errors.push(e),
        }
    }
    let mut warnings = super::lint::lint(layered, &rules, &mut errors);
    apply_overrides(&mut rules, layered, overrides, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mut folded, mut exact) = (TermTable::default(), TermTable::default());
    for (i, r) in rules.iter().enumerate() {
        let keys = r.matcher.term_keys();
        match keys.first() {
            Some((true, _)) => exact.0.reserve(keys.len()),
            Some((false, _)) => folded.0.reserve(keys.len()),
            None => {}
        }
        for (j, (exact_case, key)) in keys.into_iter().enumerate() {
            let table = if exact_case { &mut exact } else { &mut folded };
            table.add(key, (i, j));
        }
    }
    let (folded, plain) = folded.split_big(&rules);
    // The automata, the word table, the fingerprint and the pattern prefilter do not depend
    // on each other: built side by side (a big list's automaton and word table each take a
    // good part of its load).
    let ((built, word_terms), (fingerprint, pattern_prefilter)) = rayon::join(
        || {
            rayon::join(
                || {
                    let (f, e) = rayon::join(|| folded.build(), || exact.build());
                    Ok::<_, String>((f?, e?))
                },
                || WordTerms::new(plain),
            )
        },
        || {
            rayon::join(
                || super::fingerprint::fingerprint(&rules),
                || pattern_prefilter(&rules, layered),
            )
        },
    );
    let ((folded_terms, folded_owners), (exact_terms, exact_owners)) = built.map_err(|m| {
        vec![RuleError::rule_set("rules", m).with_help("reduce the number or length of terms")]
    })?;
    let pattern_prefilter = pattern_prefilter?;
    let platforms = platforms(&rules, layered);
    let packs = layered
        .packs
        .iter()
        .map(|p| (p.id.clone(), p.version.clone()))
        .collect();
    Ok(Engine {
        rules,
        packs,
        platforms,
        folded_terms,
        folded_owners,
        exact_terms,
        exact_owners,
        fingerprint,
        pattern_prefilter,
        word_terms,
        warnings: {
            warnings.extend(review_warnings(layered));
            warnings.extend(layered.warnings.iter().cloned());
            warnings
        },
    })
}

/// Builds the engine's pattern prefilter. Every pattern is parsed (so an unknown Unicode
/// class is an error now); a pattern that could be too large is compiled now.
fn pattern_prefilter(
    rules: &[CompiledRule],
    layered: &Layered,
) -> Result<PatternPrefilter, Vec<RuleError>> {
    use rayon::prelude::*;
    let jobs: Vec<(usize, usize, &PatternMatcher, &Pattern)> = rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.matcher {
            Matcher::Pattern(p) => Some((i, p)),
            _ => None,
        })
        .flat_map(|(i, p)| {
            p.patterns
                .iter()
                .enumerate()
                .map(move |(j, pat)| (i, j, p, pat))
        })
        .collect();
    // Parsing (Unicode tables, case folding) is most of the cost: spread it over the cores.
    let parsed: Vec<Result<Hir, Option<RuleError>>> = jobs
        .par_iter()
        .map(|&(i, _, _, pat)| {
            parse_for_load(pat).map_err(|e| e.map(|e| pattern_error(&rules[i], &pat.source, e)))
        })
        .collect();
    let mut members = Vec::new();
    let mut errors = Vec::new();
    for (&(i, j, p, pat), hir) in jobs.iter().zip(&parsed) {
        if let Ok(hir) = hir
            && let Some(e) = super::lint::useless_pattern(layered, i, j, &pat.source, hir)
        {
            errors.push(e);
        }
        match hir {
            Ok(hir) => members.push(Member {
                view: p.view,
                owner: (i, j),
                hir,
            }),
            Err(Some(e)) => errors.push(e.clone()),
            // A syntax error was already reported, with its position, while the file was read.
            Err(None) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    PatternPrefilter::build(&members).map_err(|e| {
        vec![
            RuleError::rule_set("rules", format!("the patterns together are too large: {e}"))
                .with_help("disable some pattern rules or simplify them"),
        ]
    })
}

/// A pattern that cannot be compiled, reported against its rule.
fn pattern_error(rule: &CompiledRule, source: &str, e: regex::Error) -> RuleError {
    let (file, line) = &rule.origins[0];
    let detail = regex_error_detail(e);
    RuleError::file(
        &format!("{file}:{line}"),
        format!(
            "rule `{}`: pattern `{source}` cannot be used: {detail}",
            rule.id
        ),
    )
    .with_help("fix or simplify the pattern (Rust regex syntax; see rules/README.md)")
}

/// Compiles the `[tone]` layers of each pack that has them.
fn tone_models(layered: &Layered, errors: &mut Vec<RuleError>) -> ToneModels {
    let mut packs: Vec<&str> = layered.tone.iter().map(|l| l.pack.as_str()).collect();
    packs.sort_unstable();
    packs.dedup();
    let mut out = ToneModels::new();
    for pack in packs {
        let layers: Vec<crate::schema::tone::ToneLayer> = layered
            .tone
            .iter()
            .filter(|l| l.pack == pack)
            .cloned()
            .collect();
        let model = crate::kinds::tone::compile(&layers)
            .map_err(|e| errors.extend(e))
            .ok()
            .map(std::sync::Arc::new);
        out.insert(pack.to_string(), model);
    }
    out
}
