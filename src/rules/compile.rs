//! Compiling layered rules into an [`Engine`]: required keys, term lists, automata,
//! default scopes, platforms and the rule fingerprint.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use sha2::{Digest, Sha256};

use super::load::{Layered, LayeredRule};
use super::overrides::{apply_overrides, nearest_rule, review_warnings};
use super::parts::{
    LineIndexes, default_scopes, examples, needles, parse_for_load, read_hashed_file,
    read_terms_file, regex_error_detail, required, rule_error,
};
use super::schema::{Boundary, CaseMode, ReplaceValue, RuleDef, RuleKind, ViewKind};
use super::validate::with_case;
use super::{Overrides, RuleError};
use crate::check::Context;
use crate::check::hidden::{HiddenClass, HiddenMatcher};
use crate::check::limit::LimitMatcher;
use crate::check::pattern::{Pattern, PatternMatcher};
use crate::check::prefilter::{Member, PatternPrefilter};
use crate::check::substitute::SubstituteMatcher;
use crate::check::terms::{KeyTable, TermsMatcher};
use crate::check::{CompiledRule, Engine, Matcher, PlatformInfo};
use crate::platform::Unit;
use crate::text::{collapse_str, fold_str};
use regex_syntax::hir::Hir;

/// The compiled tone model of each pack with `[tone]` data (`None`: its data has errors).
type ToneModels = HashMap<String, Option<std::sync::Arc<crate::tone::ToneModel>>>;

fn matcher(r: &LayeredRule, kind: RuleKind, tone: &ToneModels) -> Result<Matcher, RuleError> {
    let d = &r.def;
    let boundary = d.boundary.unwrap_or(Boundary::Auto);
    Ok(match kind {
        RuleKind::Terms => {
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
                return Err(rule_error(r, "no terms".into())
                    .with_help("add `terms = [...]` or a non-empty `terms-file`"));
            }
            Matcher::Terms(TermsMatcher {
                terms,
                boundaries,
                case_sensitive: d.case == Some(CaseMode::Sensitive),
                boundary,
                suggest: d.suggest.clone(),
            })
        }
        RuleKind::Substitute => {
            let Some(ReplaceValue::Table(t)) = d.replace.as_ref().map(|s| s.get_ref()) else {
                return Err(
                    rule_error(r, "a substitute rule needs a `replace` table".into())
                        .with_help("add `[rule.replace]` with `\"Kiev\" = \"Kyiv\"` entries"),
                );
            };
            let entries = t
                .iter()
                .map(|(k, v)| (k.clone(), v.forms().iter().map(|s| s.to_string()).collect()))
                .collect();
            Matcher::Substitute(SubstituteMatcher { entries, boundary })
        }
        RuleKind::Pattern => {
            let pats = d.patterns.as_deref().unwrap_or_default();
            if pats.is_empty() {
                return Err(rule_error(r, "no patterns".into()).with_help("add `patterns = ['…']`"));
            }
            let patterns = pats
                .iter()
                .map(|p| Pattern::new(with_case(p.get_ref(), d.case)))
                .collect();
            Matcher::Pattern(PatternMatcher {
                patterns,
                view: d.view.unwrap_or(ViewKind::Clean),
                suggest: d.suggest.clone(),
            })
        }
        RuleKind::Hidden => {
            let name = required(r, &d.class, "class")?;
            let class = HiddenClass::parse(name)
                .ok_or_else(|| rule_error(r, format!("unknown hidden class `{name}`")))?;
            Matcher::Hidden(HiddenMatcher { class })
        }
        RuleKind::Tone => match tone.get(&r.pack) {
            Some(Some(model)) => Matcher::Tone(model.clone()),
            Some(None) => return Err(rule_error(r, "the pack's `[tone]` data has errors".into())),
            None => {
                return Err(
                    rule_error(r, "a tone rule needs `[tone]` data in its pack".into()).with_help(
                        "add `[tone]` and `[[tone.category]]` tables; see rules/README.md",
                    ),
                );
            }
        },
        RuleKind::Links => {
            let name = required(r, &d.check, "check")?;
            let check = crate::check::links::LinkCheck::parse(name)
                .ok_or_else(|| rule_error(r, format!("unknown links check `{name}`")))?;
            let mut domains: Vec<String> = d
                .domains
                .iter()
                .flatten()
                .map(|s| s.get_ref().clone())
                .collect();
            if let Some(f) = &d.domains_file {
                domains.extend(read_list(r, f.get_ref())?);
            }
            Matcher::Links(
                crate::check::links::LinksMatcher::new(check, &domains)
                    .map_err(|m| rule_error(r, m))?,
            )
        }
        RuleKind::Limit => {
            let platform = required(r, &d.platform, "platform")?.clone();
            let unit = Unit::parse(required(r, &d.unit, "unit")?)
                .ok_or_else(|| rule_error(r, "unknown unit".into()))?;
            let max = *required(r, &d.max, "max")?;
            Matcher::Limit(LimitMatcher {
                platform,
                unit,
                max,
            })
        }
    })
}

/// A `domains-file`: the file next to the rule (the latest rule directory that has it), else
/// the bundled list of that name (a staff layer that extends a bundled rule keeps its list).
fn read_list(r: &LayeredRule, rel: &str) -> Result<Vec<String>, RuleError> {
    let in_dir = r
        .origins
        .iter()
        .rev()
        .find_map(|o| o.dir.as_deref())
        .is_some_and(|d| d.join(rel).is_file());
    match crate::check::links::bundled_list(rel) {
        Some(text) if !in_dir => Ok(crate::check::links::list_entries(text)),
        _ => read_terms_file(r, rel),
    }
}

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
    let matcher = matcher(r, kind, tone)?;
    let mut examples = examples(r, lines);
    if let Matcher::Tone(t) = &matcher {
        examples.flag.extend(t.examples.flag.iter().cloned());
        examples.pass.extend(t.examples.pass.iter().cloned());
    }
    let mut exceptions: Vec<String> = d
        .exceptions
        .iter()
        .flatten()
        .map(|e| fold_str(e.get_ref()))
        .collect();
    if let Matcher::Substitute(s) = &matcher {
        for (avoided, preferred) in &s.entries {
            exceptions.extend(
                preferred
                    .iter()
                    .map(|p| fold_str(p))
                    .filter(|p| *p != fold_str(avoided)),
            );
        }
    }
    let never_mix = match &d.never_mix {
        Some(m) if kind == RuleKind::Terms => Some(
            crate::check::names::NeverMix::new(&m.sides, m.severity).map_err(|e| {
                rule_error(r, e).with_help(
                    "write `never-mix = { sides = [[\"Falklands\"], [\"Malvinas\"]], severity = \"warn\" }`",
                )
            })?,
        ),
        Some(_) => return Err(rule_error(r, "`never-mix` works only on `terms` rules".into())),
        None => None,
    };
    let embargo = d.embargo.unwrap_or(false);
    if embargo && kind != RuleKind::Pattern {
        return Err(
            rule_error(r, "`embargo = true` works only on `pattern` rules".into()).with_help(
                "make the rule `kind = \"pattern\"` with patterns for the embargo label",
            ),
        );
    }
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
        platforms: d.platforms.clone().unwrap_or_default(),
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
        never_mix,
        embargo,
    })
}

/// For each automaton pattern, the `(rule index, entry index)` pairs that own it.
type Owners = Vec<Vec<(usize, usize)>>;

/// Term automaton keyed by normalised term, with the `(rule, entry)` owners of each key.
#[derive(Default)]
struct TermTable(KeyTable<(usize, usize)>);

impl TermTable {
    fn add(&mut self, key: String, owner: (usize, usize)) {
        self.0.add(key, owner);
    }

    fn build(self) -> Result<(Option<AhoCorasick>, Owners), String> {
        let KeyTable { keys, owners, .. } = self.0;
        if keys.is_empty() {
            return Ok((None, owners));
        }
        let ac =
            AhoCorasick::new(&keys).map_err(|e| format!("cannot build the term automaton: {e}"))?;
        Ok((Some(ac), owners))
    }
}

fn platforms(rules: &[CompiledRule], layered: &Layered) -> Vec<PlatformInfo> {
    let mut out: Vec<PlatformInfo> = Vec::new();
    for (r, lr) in rules.iter().zip(&layered.rules) {
        let Matcher::Limit(l) = &r.matcher else {
            continue;
        };
        if !r.enabled {
            continue;
        }
        let name = lr
            .def
            .platform_name
            .clone()
            .unwrap_or_else(|| l.platform.clone());
        match out.iter_mut().find(|p| p.id == l.platform) {
            Some(p) => p.limits.push((l.unit, l.max, r.severity)),
            None => out.push(PlatformInfo {
                id: l.platform.clone(),
                name,
                limits: vec![(l.unit, l.max, r.severity)],
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
    apply_overrides(&mut rules, overrides, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mut folded, mut exact) = (TermTable::default(), TermTable::default());
    for (i, r) in rules.iter().enumerate() {
        match &r.matcher {
            Matcher::Terms(t) if t.case_sensitive => t
                .terms
                .iter()
                .enumerate()
                .for_each(|(j, s)| exact.add(collapse_str(s), (i, j))),
            Matcher::Terms(t) => t
                .terms
                .iter()
                .enumerate()
                .for_each(|(j, s)| folded.add(fold_str(s), (i, j))),
            Matcher::Substitute(s) => s
                .entries
                .iter()
                .enumerate()
                .for_each(|(j, (a, _))| folded.add(fold_str(a), (i, j))),
            _ => {}
        }
    }
    let built = folded.build().and_then(|f| exact.build().map(|e| (f, e)));
    let ((folded_terms, folded_owners), (exact_terms, exact_owners)) = built.map_err(|m| {
        vec![RuleError::file("rules", m).with_help("reduce the number or length of terms")]
    })?;
    let mut hasher = Sha256::new();
    for r in &rules {
        // A tone model has its own fingerprint (of its files); printing it would be costly.
        let matcher = match &r.matcher {
            Matcher::Tone(m) => m.fingerprint.clone(),
            other => format!("{other:?}"),
        };
        hasher.update(format!(
            "{:?}|{:?}|{matcher}|{:?}|{}|{:?}|{:?}|{}\n",
            r.id, r.severity, r.exceptions, r.enabled, r.scopes, r.never_mix, r.embargo
        ));
    }
    let fingerprint = crate::report::hex(&hasher.finalize());
    let platforms = platforms(&rules, layered);
    let pattern_prefilter = pattern_prefilter(&rules)?;
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
        warnings: review_warnings(layered),
    })
}

/// Builds the engine's pattern prefilter. Every pattern is parsed (so an unknown Unicode
/// class is an error now); a pattern that could be too large is compiled now.
fn pattern_prefilter(rules: &[CompiledRule]) -> Result<PatternPrefilter, Vec<RuleError>> {
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
    for (&(i, j, p, _), hir) in jobs.iter().zip(&parsed) {
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
            RuleError::file("rules", format!("the patterns together are too large: {e}"))
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
        let layers: Vec<crate::tone::ToneLayer> = layered
            .tone
            .iter()
            .filter(|l| l.pack == pack)
            .cloned()
            .collect();
        let model = crate::tone::compile(&layers)
            .map_err(|e| errors.extend(e))
            .ok()
            .map(std::sync::Arc::new);
        out.insert(pack.to_string(), model);
    }
    out
}
