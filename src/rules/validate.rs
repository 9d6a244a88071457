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
    // An inline `(?i)` (not a builder option) so the pattern text alone, as the engine's
    // `RegexSet` prefilter uses it, has the same meaning.
    let pattern = match case {
        Some(CaseMode::Insensitive) => format!("(?i){pattern}"),
        _ => pattern.to_string(),
    };
    RegexBuilder::new(&pattern)
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
    } else if s.get_ref().starts_with('*') || s.get_ref().starts_with('?') {
        err.with_help(format!(
            "patterns are regular expressions, not globs; did you mean `.{}`?",
            s.get_ref()
        ))
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
    for t in def.terms.iter().flatten() {
        if !t.get_ref().trim().is_empty() && crate::text::fold_str(t.get_ref()).is_empty() {
            errors.push(
                at(t.span(), "this term can never match: it is made only of invisible characters".into())
                    .with_help("hidden characters are removed before matching; flag them with a `pattern` rule and `view = \"raw\"`"),
            );
        }
    }
    for t in def.exceptions.iter().flatten() {
        let e = t.get_ref();
        if e.starts_with('*') && e.len() > 1 {
            errors.push(
                at(
                    t.span(),
                    "exceptions are plain phrases, not globs or patterns".into(),
                )
                .with_help(format!(
                    "write the phrase itself, e.g. `{}`",
                    e.trim_start_matches('*')
                )),
            );
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
    for f in def.terms_file.iter().chain(&def.terms_sha256_file) {
        let Err(m) = resolve_terms_file(src.dir.as_deref(), f.get_ref()) else {
            continue;
        };
        errors.push(
            at(f.span(), m)
                .with_help("put the list next to the rule file and give its relative path"),
        );
    }
    if let Some(d) = &def.review_by
        && d.get_ref().parse::<jiff::civil::Date>().is_err()
    {
        errors.push(
            at(
                d.span(),
                format!("`review-by` `{}` is not a date", d.get_ref()),
            )
            .with_help("write it as YYYY-MM-DD, e.g. 2027-06-30"),
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
