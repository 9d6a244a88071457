//! Checks on one layer of a rule definition, made while its file is at hand so that every
//! error points into the file that contains the mistake.

use std::path::{Component, Path, PathBuf};

use regex::RegexBuilder;
use toml::Spanned;

use super::schema::{CaseMode, ReplaceValue, RuleDef};
use super::{RuleError, RuleSource};
use crate::platform::Unit;

/// The size limit of one compiled pattern (bytes of compiled program).
pub(crate) const REGEX_SIZE_LIMIT: usize = 2 << 20;

/// Compiles one pattern the way the engine does.
pub(crate) fn build_regex(
    pattern: &str,
    case: Option<CaseMode>,
) -> Result<regex::Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(case == Some(CaseMode::Insensitive))
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A regex error in plain words, with a hint for look-around.
fn regex_error(src: &RuleSource, s: &Spanned<String>, e: &regex::Error) -> RuleError {
    let detail = match e {
        regex::Error::Syntax(msg) => msg.lines().last().unwrap_or(msg).trim().to_string(),
        regex::Error::CompiledTooBig(n) => format!("the pattern compiles to more than {n} bytes"),
        other => other.to_string(),
    };
    let err = RuleError::at(
        &src.name,
        &src.text,
        (s.span().start, s.span().end),
        format!("invalid regular expression: {detail}"),
    );
    if detail.contains("look-around")
        || s.get_ref().contains("(?=")
        || s.get_ref().contains("(?!")
        || s.get_ref().contains("(?<=")
        || s.get_ref().contains("(?<!")
    {
        err.with_help("look-around is not supported (patterns must run in linear time); use `exceptions` or `context = { excludes = [...] }` instead")
    } else {
        err.with_help("patterns use Rust regex syntax; see rules/README.md")
    }
}

/// Resolves a `terms-file` path inside the pack's folder.
///
/// # Errors
/// Absolute paths, `..` components, bundled packs (no folder) and missing files.
pub(crate) fn resolve_terms_file(dir: Option<&Path>, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    if p.is_absolute()
        || p.components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "`terms-file` must be a path inside the pack's folder, not `{rel}`"
        ));
    }
    let Some(dir) = dir else {
        return Err("bundled packs cannot use `terms-file`".to_string());
    };
    let full = dir.join(p);
    if !full.is_file() {
        return Err(format!("`terms-file` `{}` does not exist", full.display()));
    }
    Ok(full)
}

/// Checks one `[[rule]]` of one file, pushing every problem to `errors`.
pub(crate) fn validate_layer(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    let at = |s: std::ops::Range<usize>, m: String| {
        RuleError::at(&src.name, &src.text, (s.start, s.end), m)
    };
    for p in def.patterns.iter().flatten() {
        if let Err(e) = build_regex(p.get_ref(), def.case) {
            errors.push(regex_error(src, p, &e));
        }
    }
    if let Some(c) = &def.context {
        for n in c.requires.iter().chain(&c.excludes) {
            if let Some(re) = n.get_ref().strip_prefix("re:")
                && let Err(e) = build_regex(re, None)
            {
                errors.push(regex_error(src, n, &e));
            }
        }
    }
    for t in def
        .terms
        .iter()
        .flatten()
        .chain(def.exceptions.iter().flatten())
    {
        if t.get_ref().trim().is_empty() {
            errors.push(
                at(t.span(), "empty term".into())
                    .with_help("remove the empty string from the list"),
            );
        }
    }
    if let Some(r) = &def.replace
        && let ReplaceValue::Table(t) = r.get_ref()
        && t.is_empty()
    {
        errors.push(
            at(r.span(), "empty `replace` table".into())
                .with_help("add `\"avoided\" = \"preferred\"` entries"),
        );
    }
    if let Some(f) = &def.terms_file
        && let Err(m) = resolve_terms_file(src.dir.as_deref(), f.get_ref())
    {
        errors.push(
            at(f.span(), m)
                .with_help("put the list next to the rule file and give its relative path"),
        );
    }
    if let Some(u) = &def.unit
        && Unit::parse(u.get_ref()).is_none()
    {
        let names: Vec<_> = Unit::ALL.iter().map(|(_, n)| *n).collect();
        errors.push(
            at(u.span(), format!("unknown unit `{}`", u.get_ref()))
                .with_help(format!("use one of: {}", names.join(", "))),
        );
    }
}
