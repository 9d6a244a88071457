//! After compiling: the config's `disable` and `[severity]` overrides, warnings for rule
//! authors (a past `review-by`), and "did you mean" for a misspelt rule id.

use crate::diag::{ErrorKind, RuleError};
use crate::engine::CompiledRule;
use crate::load::{Layered, LayeredRule, Overrides};

const NOT_LOADED: &str = "which is not a loaded rule";

/// Applies `disable` and `[severity]`; an id that matches nothing is an error pointing into
/// the config.
pub(super) fn apply_overrides(
    rules: &mut [CompiledRule],
    layered: &Layered,
    o: &Overrides,
    errors: &mut Vec<RuleError>,
) {
    // A rule that is in the files but failed to compile has its own error already; the
    // config naming it is not a second mistake.
    let in_files = |id: &str| {
        layered
            .rules
            .iter()
            .any(|r| r.pack == id || format!("{}/{}", r.pack, r.id) == id)
    };
    let at = |s: &toml::Spanned<String>, m: String| {
        RuleError::at(&o.file, &o.source, (s.span().start, s.span().end), m)
            .with_kind(ErrorKind::UnknownRule)
    };
    for d in &o.disable {
        let id = d.get_ref();
        let mut hit = false;
        let (line, _) = crate::model::line_col(&o.source, d.span().start);
        for r in rules.iter_mut().filter(|r| &r.id == id || &r.pack == id) {
            r.enabled = false;
            r.changes.push(format!("disabled by {}:{line}", o.file));
            hit = true;
        }
        if !hit && !in_files(id) {
            errors.push(
                at(
                    d,
                    format!("`disable` names `{id}`, {NOT_LOADED} nor a pack"),
                )
                .with_help("`tact rules list` shows every rule id; write `pack/rule` or a pack id"),
            );
        }
    }
    for (id, sev) in &o.severity {
        match rules.iter_mut().find(|r| &r.id == id) {
            Some(r) => {
                let (line, _) = crate::model::line_col(&o.source, sev.span().start);
                r.changes.push(format!(
                    "severity {} → {} by {}:{line}",
                    r.severity,
                    sev.get_ref(),
                    o.file
                ));
                r.severity = *sev.get_ref();
            }
            None if in_files(id) => {}
            None => errors.push(
                RuleError::at(
                    &o.file,
                    &o.source,
                    (sev.span().start, sev.span().end),
                    format!("`[severity]` names `{id}`, {NOT_LOADED}"),
                )
                .with_kind(ErrorKind::UnknownRule)
                .with_help("`tact rules list` shows every rule id"),
            ),
        }
    }
}

/// A warning for every rule whose `review-by` date has passed (today in the local time zone).
pub(super) fn review_warnings(layered: &Layered) -> Vec<RuleError> {
    // Today's local date needs the time-zone database: read it only when a rule has a date.
    let today = std::cell::OnceCell::new();
    let mut out = Vec::new();
    for r in &layered.rules {
        let Some(d) = &r.def.review_by else { continue };
        let Ok(date) = d.get_ref().parse::<jiff::civil::Date>() else {
            continue;
        };
        if date < *today.get_or_init(|| jiff::ZonedDateTime::now().date()) {
            let o = r
                .origins
                .iter()
                .rev()
                .find(|o| d.span().end <= o.source.len())
                .unwrap_or(&r.origins[0]);
            let msg = format!("rule `{}/{}` was due for review on {date}", r.pack, r.id);
            out.push(
                RuleError::at(&o.file, &o.source, (d.span().start, d.span().end), msg).with_help(
                    "check that the rule is still right, then set a new `review-by` date",
                ),
            );
        }
    }
    out
}

/// The id of the complete rule closest to `r`'s id (same pack first), for "did you mean".
pub(super) fn nearest_rule(layered: &Layered, r: &LayeredRule) -> Option<String> {
    let full = format!("{}/{}", r.pack, r.id);
    layered
        .rules
        .iter()
        .filter(|o| o.def.kind.is_some())
        .map(|o| {
            let id = format!("{}/{}", o.pack, o.id);
            let d = strsim::levenshtein(&full, &id) + usize::from(o.pack != r.pack) * 2;
            (d, id)
        })
        .filter(|(d, id)| *d <= id.len() / 2)
        .min()
        .map(|(_, id)| id)
}
