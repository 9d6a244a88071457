//! `kind = "limit"`: a platform's length or count limit (DESIGN §9).
//!
//! **What it flags.** The part of the text beyond the limit, when checking for that platform:
//! from the first character (grapheme, URL, hashtag…) that does not fit to the end.
//!
//! **Why.** A post the platform rejects or silently truncates is a human-factor failure.
//!
//! **Example.** `platform = "x"`, `unit = "x-weighted"`, `max = 280`: a 300-character post is
//! flagged from character 281 on, like X's own composer shows it.
//!
//! **Fix safety.** Advice only: what to cut is the writer's decision.

use super::common::{required, rule_error};
use super::{CheckOptions, CompileCx, Kind, Matcher, RawMatch};
use crate::diag::{ErrorKind, RuleError};
use crate::platform::{self, Unit};
use crate::schema::rule::{RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};

/// A compiled `limit` rule.
#[derive(Debug, Clone)]
pub struct LimitMatcher {
    /// Platform id.
    pub platform: String,
    /// What is counted.
    pub unit: Unit,
    /// The largest allowed count.
    pub max: usize,
}

impl super::KindMatcher for LimitMatcher {
    fn kind_name(&self) -> &'static str {
        "limit"
    }

    /// The overflow beyond the limit, when checking for this platform.
    fn find(
        &self,
        rule: usize,
        text: &str,
        _scratch: &super::filter::Scratch<'_>,
        opts: &CheckOptions,
        out: &mut Vec<RawMatch>,
    ) {
        if opts.platform.as_deref() != Some(self.platform.as_str()) {
            return;
        }
        // Trailing white space (the line break a text file ends with) is not part of the post.
        let text = text.trim_end();
        let m = platform::measure(self.unit, text, self.max);
        if let Some(start) = m.overflow {
            // A limit match carries the count in `entry`, for the message.
            out.push(RawMatch {
                rule,
                start,
                end: text.len(),
                entry: m.count,
            });
        }
    }

    /// Renders `{count}`, `{max}`, `{over}`, `{unit}`, `{platform}` and `{match}` (a short
    /// excerpt of the overflow) in `template`.
    fn message(&self, template: &str, m: &RawMatch, _matched: &str, platform_name: &str) -> String {
        // A limit match carries the count in `entry`.
        let count = m.entry;
        template
            .replace("{count}", &count.to_string())
            .replace("{max}", &self.max.to_string())
            .replace("{over}", &count.saturating_sub(self.max).to_string())
            .replace("{unit}", self.unit.label())
            .replace("{platform}", platform_name)
    }

    /// A limit is about the post's length, not words in it.
    fn is_whole_text(&self) -> bool {
        true
    }

    fn platform_limit(&self) -> Option<(&str, Unit, usize)> {
        Some((&self.platform, self.unit, self.max))
    }

    /// Writes what the matcher counts into a rule fingerprint.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("platform", &self.platform)
            .field("unit", self.unit.name())
            .field("max", (self.max as u64).to_le_bytes());
    }
}

/// `kind = "limit"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Limit,
    validate,
    compile,
    placeholders: &["match", "count", "max", "over", "unit", "platform"],
};

/// Checks the `unit` key of one layer: a unit the platform module counts.
fn validate(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    if let Some(u) = &def.unit
        && Unit::parse(u.get_ref()).is_none()
    {
        let names: Vec<_> = Unit::ALL.iter().map(|(_, n)| *n).collect();
        errors.push(
            RuleError::at(
                &src.name,
                &src.text,
                (u.span().start, u.span().end),
                format!("unknown unit `{}`", u.get_ref()),
            )
            .with_help(format!("use one of: {}", names.join(", "))),
        );
    }
}

/// Compiles a `limit` rule. An unknown unit was reported, at its position, by [`validate`];
/// here it only keeps the rule from compiling ([`ErrorKind::Repeat`]).
///
/// # Errors
/// No `platform`, `unit` or `max`, or an unknown unit.
fn compile(r: &LayeredRule, _: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    let d = &r.def;
    let platform = required(r, &d.platform, "platform")?.clone();
    let unit = Unit::parse(required(r, &d.unit, "unit")?)
        .ok_or_else(|| rule_error(r, "unknown unit".into()).with_kind(ErrorKind::Repeat))?;
    let max = *required(r, &d.max, "max")?;
    Ok(Matcher::Limit(LimitMatcher {
        platform,
        unit,
        max,
    }))
}
