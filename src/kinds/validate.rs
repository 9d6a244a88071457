//! Checks on one layer of a rule definition, made while its file is at hand so that every
//! error points into the file that contains the mistake.

use std::path::{Component, Path, PathBuf};

use toml::Spanned;

use crate::diag::RuleError;
use crate::schema::RuleSource;
use crate::schema::rule::{CaseMode, RuleDef};

/// The pattern text the engine runs: `case = "insensitive"` becomes an inline `(?i)`, so the
/// text alone (as the pattern prefilter parses it) has the same meaning.
pub(crate) fn with_case(pattern: &str, case: Option<CaseMode>) -> String {
    match case {
        Some(CaseMode::Insensitive) => format!("(?i){pattern}"),
        _ => pattern.to_string(),
    }
}

/// Whether checking `pattern` needs the Unicode tables: it names a Unicode property
/// (`\p{…}`, `\P{…}`), which may not exist.
pub(crate) fn names_unicode_property(pattern: &str) -> bool {
    pattern.contains("\\p") || pattern.contains("\\P")
}

/// Checks a pattern's syntax without compiling it (compiling every pattern is the slow part
/// of loading; the engine compiles them lazily).
///
/// Only the syntax tree is built (cheap), plus, for a pattern that
/// [names a Unicode property](names_unicode_property), its translation, so an unknown
/// `\p{…}` is reported here at the pattern; the size limit is checked when the engine is
/// built, against the rule.
pub(crate) fn check_syntax(pattern: &str, case: Option<CaseMode>) -> Result<(), String> {
    syntax_tree(pattern, case).map(|_| ())
}

/// The syntax tree of `pattern` as the engine runs it ([`with_case`]), checked as
/// [`check_syntax`] does; the error in plain words.
pub(crate) fn syntax_tree(
    pattern: &str,
    case: Option<CaseMode>,
) -> Result<regex_syntax::ast::Ast, String> {
    let source = with_case(pattern, case);
    let plain = |e: &dyn std::fmt::Display| {
        let text = e.to_string();
        text.lines()
            .rev()
            .find(|l| l.trim_start().starts_with("error:"))
            .map_or(text.clone(), |l| {
                l.trim().trim_start_matches("error:").trim().to_string()
            })
    };
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(&source)
        .map_err(|e| plain(&e))?;
    if names_unicode_property(&source) {
        // The translation of the tree just built (what `regex_syntax::Parser` does after
        // parsing), so an unknown property is an error here.
        regex_syntax::hir::translate::Translator::new()
            .translate(&source, &ast)
            .map_err(|e| plain(&e))?;
    }
    Ok(ast)
}

/// A regex error in plain words, with a hint for look-around and globs.
pub(crate) fn regex_error(src: &RuleSource, s: &Spanned<String>, detail: String) -> RuleError {
    let err = RuleError::at(
        &src.name,
        &src.text,
        (s.span().start, s.span().end),
        format!("invalid regular expression: {detail}"),
    );
    let p = s.get_ref();
    if detail.contains("look-around")
        || ["(?=", "(?!", "(?<=", "(?<!"].iter().any(|l| p.contains(l))
    {
        err.with_help("look-around is not supported (patterns must run in linear time); use `exceptions` or `context = { excludes = [...] }` instead")
    } else if p.starts_with('*') || p.starts_with('?') {
        err.with_help(format!(
            "patterns are regular expressions, not globs; did you mean `.{p}`?"
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
    // A symbolic link (of the file or of a folder on the way) may lead out of the folder.
    let inside = match (std::fs::canonicalize(&full), std::fs::canonicalize(dir)) {
        (Ok(f), Ok(d)) => f.starts_with(d),
        _ => false,
    };
    if !inside {
        return Err(format!(
            "`terms-file` `{rel}` is a symbolic link to a file outside the pack's folder"
        ));
    }
    Ok(full)
}

/// Checks one `[[rule]]` of one file, pushing every problem to `errors`: the keys every kind
/// shares here, then each kind's own keys ([`super::KINDS`]).
pub(crate) fn validate_layer(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    let at = |s: std::ops::Range<usize>, m: String| {
        RuleError::at(&src.name, &src.text, (s.start, s.end), m)
    };
    if let Some(c) = &def.context {
        for n in c.requires.iter().chain(&c.excludes) {
            if let Some(re) = n.get_ref().strip_prefix("re:")
                && let Err(e) = check_syntax(re, None)
            {
                errors.push(regex_error(src, n, e));
            }
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
    let terms = def
        .terms
        .iter()
        .flatten()
        .map(|t| (t.span(), t.get_ref().text()));
    let exceptions = def
        .exceptions
        .iter()
        .flatten()
        .map(|t| (t.span(), t.get_ref().as_str()));
    for (span, text) in terms.chain(exceptions) {
        if text.trim().is_empty() {
            errors.push(
                at(span, "empty term".into()).with_help("remove the empty string from the list"),
            );
        }
    }
    if let Some(r) = &def.replace
        && let crate::schema::rule::ReplaceValue::Flag(b) = r.get_ref()
    {
        errors.push(
            at(r.span(), format!("`replace = {b}` is the old spelling of `replace-lists = {b}`"))
                .with_help(format!(
                    "write `replace-lists = {b}` (whether this layer's lists replace the earlier ones); `replace` is only a substitute rule's table, `[rule.replace]`"
                )),
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
    for kind in super::KINDS {
        (kind.validate)(src, def, errors);
    }
}
