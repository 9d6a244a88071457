//! Checks across the layered rule set, made once every layer is merged (issue 15: no mistake
//! may look like success): unknown platforms, unknown message placeholders, two rules with
//! different safe fixes for one text (errors), and a rule without `why` (a warning).

use std::collections::HashMap;

use crate::diag::RuleError;
use crate::engine::CompiledRule;
use crate::load::{Layered, LayeredRule, Origin};

/// Platform ids tact counts (the bundled `platforms` pack); a `limit` rule of the loaded
/// packs may add its own.
pub const KNOWN_PLATFORMS: &[&str] = &[
    "x",
    "bluesky",
    "mastodon",
    "threads",
    "linkedin",
    "facebook",
    "telegram",
    "instagram",
];

pub use crate::kinds::placeholders;

/// The origin of `r` whose file holds `text` at byte range `span` (a value of a later layer
/// has its span in that layer's file); the last origin when none does.
fn origin_of<'a>(r: &'a LayeredRule, span: std::ops::Range<usize>, text: &str) -> &'a Origin {
    r.origins
        .iter()
        .rev()
        .find(|o| o.source.get(span.clone()).is_some_and(|s| s.contains(text)))
        .unwrap_or_else(|| r.origins.last().expect("a rule has an origin"))
}

pub(super) fn error_at(
    r: &LayeredRule,
    span: std::ops::Range<usize>,
    text: &str,
    msg: String,
) -> RuleError {
    let o = origin_of(r, span.clone(), text);
    RuleError::at(&o.file, &o.source, (span.start, span.end), msg)
}

/// The closest of `options` to `word` (edit distance ≤ 2), for "did you mean".
fn nearest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    options
        .into_iter()
        .map(|o| (strsim::levenshtein(word, o), o))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, o)| o)
}

/// `platforms = [...]` naming a platform that neither tact nor a loaded `limit` rule knows:
/// the rule would never run.
fn unknown_platforms(layered: &Layered, errors: &mut Vec<RuleError>) {
    let mut known: Vec<&str> = KNOWN_PLATFORMS.to_vec();
    known.extend(
        layered
            .rules
            .iter()
            .filter_map(|r| r.def.platform.as_ref().map(|p| p.get_ref().as_str())),
    );
    // Each id once, in first-seen order (several limit rules name one platform).
    let mut seen = std::collections::HashSet::new();
    known.retain(|k| seen.insert(*k));
    for r in &layered.rules {
        for p in r.def.platforms.iter().flatten() {
            let id = p.get_ref();
            if known.contains(&id.as_str()) {
                continue;
            }
            let alias = match id.to_lowercase().as_str() {
                "twitter" => Some("x"),
                "fb" => Some("facebook"),
                "insta" | "ig" => Some("instagram"),
                "tg" => Some("telegram"),
                other if known.contains(&other) => known.iter().copied().find(|k| *k == other),
                _ => None,
            };
            let near = alias.or_else(|| nearest(id, known.iter().copied()));
            let mut help = format!(
                "the rule runs only when a post is checked for one of its platforms; known ids: {}",
                known.join(", ")
            );
            if let Some(n) = near {
                help = format!("did you mean `{n}`? {help}");
            }
            errors.push(
                error_at(
                    r,
                    p.span(),
                    id,
                    format!(
                        "rule `{}/{}`: unknown platform `{id}` in `platforms`",
                        r.pack, r.id
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// `{name}` placeholders in a message that the rule's kind does not fill in (they would be
/// printed as written).
fn unknown_placeholders(layered: &Layered, errors: &mut Vec<RuleError>) {
    let re = regex::Regex::new(r"\{([A-Za-z_-]+)\}").expect("a valid pattern");
    for r in &layered.rules {
        let (Some(kind), Some(msg)) = (&r.def.kind, &r.def.message) else {
            continue;
        };
        let allowed = placeholders(*kind.get_ref());
        for c in re.captures_iter(msg.get_ref()) {
            let name = &c[1];
            if allowed.contains(&name) {
                continue;
            }
            let list: Vec<String> = allowed.iter().map(|a| format!("`{{{a}}}`")).collect();
            let help = match nearest(name, allowed.iter().copied()) {
                Some(n) => format!(
                    "did you mean `{{{n}}}`? This kind fills in {}",
                    list.join(", ")
                ),
                None => format!("this kind fills in {}", list.join(", ")),
            };
            errors.push(
                error_at(
                    r,
                    msg.span(),
                    msg.get_ref(),
                    format!(
                        "rule `{}/{}`: the message placeholder `{{{name}}}` is not filled in; it would be shown as written",
                        r.pack, r.id
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// Two enabled rules that offer different one-key (safe) fixes for the same text: the writer
/// cannot apply both, and which one the editor offers first would depend on rule order.
fn conflicting_safe_fixes(layered: &Layered, rules: &[CompiledRule], errors: &mut Vec<RuleError>) {
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for (i, r) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
        for (key, fix) in r.matcher.safe_fixes() {
            match seen.get(&key) {
                Some((j, other)) if crate::text::fold_str(other) != crate::text::fold_str(&fix) => {
                    let first = &rules[*j];
                    let lr = &layered.rules[i];
                    let mut e = crate::kinds::common::rule_error(
                        lr,
                        format!(
                            "offers the safe fix `{fix}` for `{key}`, and rule `{}` offers `{other}` for the same text",
                            first.id
                        ),
                    );
                    e = e.with_help(format!(
                        "keep one safe fix: remove `{key}` from one rule, give both the same fix, or disable one of them (`disable = [\"{}\"]` in tact.toml)",
                        first.id
                    ));
                    errors.push(e);
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (i, fix));
                }
            }
        }
    }
}

/// A rule without `why`: the writer and the clearing officer are not told why it matters.
fn missing_why(layered: &Layered) -> Vec<RuleError> {
    layered
        .rules
        .iter()
        .filter(|r| r.def.why.as_deref().is_none_or(|w| w.trim().is_empty()))
        .filter(|r| r.def.kind.is_some())
        .map(|r| {
            crate::kinds::common::rule_error(r, "has no `why`".to_string()).with_help(
                "add `why = \"…\"`: why this matters, who says so and what to do; it is shown with every finding and by `tact explain`",
            )
        })
        .collect()
}

/// Runs the whole-set checks: errors into `errors`, warnings returned.
pub(super) fn lint(
    layered: &Layered,
    rules: &[CompiledRule],
    errors: &mut Vec<RuleError>,
) -> Vec<RuleError> {
    unknown_platforms(layered, errors);
    unknown_placeholders(layered, errors);
    if rules.len() == layered.rules.len() {
        conflicting_safe_fixes(layered, rules, errors);
    }
    missing_why(layered)
}

/// Texts that have nothing in common; a pattern that finds something in each of them would
/// flag every post.
const UNRELATED_TEXTS: &[&str] = &["Good morning.", "Привет", "2026"];

/// Whether every match of `hir` starts with one of a finite set of non-empty literals (so it
/// cannot match every post); cheap, and spares compiling the pattern to probe it.
fn needs_literal(hir: &regex_syntax::hir::Hir) -> bool {
    let seq = regex_syntax::hir::literal::Extractor::new().extract(hir);
    seq.is_finite() && seq.min_literal_len().is_some_and(|n| n > 0)
}

/// A pattern that matches the empty text (`\d*`) or every post (`(?s).+`, `\w+`): the rule
/// would flag nothing useful, or everything. `hir` is the parsed pattern.
pub(super) fn useless_pattern(
    layered: &Layered,
    rule: usize,
    index: usize,
    source: &str,
    hir: &regex_syntax::hir::Hir,
) -> Option<RuleError> {
    let min = hir.properties().minimum_len();
    let what = if min == Some(0) {
        "matches the empty text, so it finds a match of nothing everywhere"
    } else if min.is_some_and(|m| m <= 4)
        && !needs_literal(hir)
        && regex::Regex::new(source).is_ok_and(|re| UNRELATED_TEXTS.iter().all(|t| re.is_match(t)))
    {
        "matches every post (it finds text in \"Good morning.\", \"Привет\" and \"2026\")"
    } else {
        return None;
    };
    let r = layered.rules.get(rule)?;
    let help = if min == Some(0) {
        "make at least one part required: `+` instead of `*` (`\\d+`), or drop the `?` of the only part"
    } else {
        "describe what to find (its words or its shape), or narrow it with `context = { requires = [...] }`"
    };
    let msg = format!("rule `{}/{}`: pattern `{source}` {what}", r.pack, r.id);
    let e = match r.def.patterns.as_ref().and_then(|p| p.get(index)) {
        Some(p) => error_at(r, p.span(), p.get_ref(), msg),
        None => crate::kinds::common::rule_error(r, msg),
    };
    Some(e.with_help(help))
}
