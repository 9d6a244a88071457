//! `kind = "substitute"`: avoided form → preferred form.
//!
//! **What it flags.** An avoided form (`Kiev`) as a whole word, case-insensitively.
//!
//! **Why.** Naming disputes and official short forms: which form a ministry uses is a
//! political statement (DESIGN §7, `reference/domain.md` §C).
//!
//! **Example.** `[rule.replace] Kiev = "Kyiv"` flags `Kiev` in "the people of Kiev" and offers
//! `Kyiv`. The preferred forms are automatic exceptions: with `Macedonia = "North Macedonia"`,
//! "North Macedonia" is never flagged.
//!
//! **Fix safety.** One preferred form: a `safe` fix that keeps the case shape (`KIEV` →
//! `KYIV`). Several preferred forms (`["Türkiye", "Turkey"]`): `choice` fixes, never applied
//! without the writer picking one.

use super::common::rule_error;
use super::terms::{safe_fix, shape_like};
use super::{CompileCx, Kind, Matcher, RawMatch};
use crate::diag::RuleError;
use crate::model::Boundary;
use crate::model::{Applicability, Edit, Fix};
use crate::schema::rule::{ReplaceValue, RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};
use crate::text::fold_str;

/// A compiled `substitute` rule.
#[derive(Debug, Clone)]
pub struct SubstituteMatcher {
    /// `(avoided form, preferred forms)` in source order.
    pub entries: Vec<(String, Vec<String>)>,
    /// Boundary handling.
    pub boundary: Boundary,
}

impl super::KindMatcher for SubstituteMatcher {
    fn kind_name(&self) -> &'static str {
        "substitute"
    }

    /// Fixes for a match of entry `m.entry`.
    fn fixes(&self, m: &RawMatch, matched: &str) -> Vec<Fix> {
        let Some((_, preferred)) = self.entries.get(m.entry) else {
            return Vec::new();
        };
        match preferred.as_slice() {
            [one] => vec![safe_fix(m, &shape_like(matched, one))],
            many => many
                .iter()
                .map(|p| Fix {
                    applicability: Applicability::Choice,
                    edits: vec![Edit {
                        start: m.start,
                        end: m.end,
                        replacement: shape_like(matched, p),
                    }],
                })
                .collect(),
        }
    }

    /// The preferred forms (those that differ from the avoided one), so that "Kyiv" is not
    /// flagged as "Kyiv".
    fn implied_exceptions(&self) -> Vec<String> {
        self.entries
            .iter()
            .flat_map(|(avoided, preferred)| {
                let avoided = fold_str(avoided);
                preferred
                    .iter()
                    .map(|p| fold_str(p))
                    .filter(move |p| *p != avoided)
            })
            .collect()
    }

    /// The avoided forms, folded.
    fn term_keys(&self) -> Vec<(bool, String)> {
        self.entries
            .iter()
            .map(|(a, _)| (false, fold_str(a)))
            .collect()
    }

    fn term_boundary(&self, _entry: usize) -> Boundary {
        self.boundary
    }

    /// `(folded avoided form, preferred form)` of each entry with one preferred form.
    fn safe_fixes(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .filter_map(|(a, p)| match p.as_slice() {
                [one] => Some((fold_str(a), one.clone())),
                _ => None,
            })
            .collect()
    }

    /// `avoided → preferred | preferred`, one line per entry (for `tact explain`).
    fn detail_lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|(a, p)| format!("{a} → {}", p.join(" | ")))
            .collect()
    }

    /// Writes what the matcher matches into a rule fingerprint.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("boundary", self.boundary.as_str());
        for (avoided, preferred) in &self.entries {
            fp.field("avoided", avoided).list("preferred", preferred);
        }
    }
}

/// `kind = "substitute"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Substitute,
    validate,
    compile,
    placeholders: &["match"],
};

/// Checks the `replace` key of one layer: an empty table.
fn validate(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    if let Some(r) = &def.replace
        && let ReplaceValue::Table(t) = r.get_ref()
        && t.is_empty()
    {
        errors.push(
            RuleError::at(
                &src.name,
                &src.text,
                (r.span().start, r.span().end),
                "empty `replace` table",
            )
            .with_help("add `\"avoided\" = \"preferred\"` entries"),
        );
    }
}

/// Compiles a `substitute` rule from its `replace` table.
///
/// # Errors
/// No `replace` table.
fn compile(r: &LayeredRule, _: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    let d = &r.def;
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
    Ok(Matcher::Substitute(SubstituteMatcher {
        entries,
        boundary: d.boundary.unwrap_or(Boundary::Auto),
    }))
}
