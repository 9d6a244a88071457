//! The tone scorer (DESIGN §8, `reference/tone.md` §3): weighted lexicon categories,
//! modifiers, form detectors and exceptions, scored per sentence with VADER's bounded
//! normalisation, and explained contribution by contribution. Pure: no UI, no files.
//!
//! - [`crate::schema::tone`]: the `[tone]` data of a pack (serde types).
//! - [`compile`]: layers → [`ToneModel`] (automaton, pattern set, word lists).
//! - [`score`]: sentences → scores; [`explain`]: scores → findings.

pub mod advice;
pub mod compile;
mod context;
pub mod explain;
mod forms;
mod hits;
pub mod model;
pub(crate) mod patterns;
pub mod score;
mod settings;
mod text;
pub mod words;

pub use compile::compile;
pub use model::ToneModel;
pub use score::{Input, SentenceScore, score};

use super::common::rule_error;
use super::{CompileCx, Kind, Matcher};
use crate::diag::RuleError;
use crate::schema::LayeredRule;
use crate::schema::rule::{RuleDef, RuleKind};

/// `kind = "tone"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Tone,
    validate: |_, _: &RuleDef, _| {},
    compile: compile_rule,
};

/// A `tone` rule runs its pack's tone model (compiled once per pack from the `[tone]`
/// layers, whose errors are reported by [`compile()`](fn@compile::compile)).
///
/// # Errors
/// The pack has no `[tone]` data, or its data has errors.
fn compile_rule(r: &LayeredRule, cx: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    match cx.tone.get(&r.pack) {
        Some(Some(model)) => Ok(Matcher::Tone(model.clone())),
        Some(None) => Err(rule_error(r, "the pack's `[tone]` data has errors".into())),
        None => Err(
            rule_error(r, "a tone rule needs `[tone]` data in its pack".into())
                .with_help("add `[tone]` and `[[tone.category]]` tables; see rules/README.md"),
        ),
    }
}
