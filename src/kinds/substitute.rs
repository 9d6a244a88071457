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

use super::RawMatch;
use super::terms::{safe_fix, shape_like};
use crate::model::Boundary;
use crate::model::{Applicability, Edit, Fix};

/// A compiled `substitute` rule.
#[derive(Debug, Clone)]
pub struct SubstituteMatcher {
    /// `(avoided form, preferred forms)` in source order.
    pub entries: Vec<(String, Vec<String>)>,
    /// Boundary handling.
    pub boundary: Boundary,
}

impl SubstituteMatcher {
    /// Fixes for a match of entry `m.entry`.
    pub(crate) fn fixes(&self, m: &RawMatch, matched: &str) -> Vec<Fix> {
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
}

impl SubstituteMatcher {
    /// Writes what the matcher matches into a rule fingerprint.
    pub(crate) fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("boundary", self.boundary.as_str());
        for (avoided, preferred) in &self.entries {
            fp.field("avoided", avoided).list("preferred", preferred);
        }
    }
}
