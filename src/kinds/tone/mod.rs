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
pub mod coverage;
pub mod explain;
mod forms;
mod hits;
pub mod learned;
mod learned_index;
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
    placeholders: &["match", "advice", "words", "score", "level"],
};

/// The pack's tone model is the matcher of its `tone` rules.
impl super::KindMatcher for std::sync::Arc<ToneModel> {
    fn kind_name(&self) -> &'static str {
        "tone"
    }

    /// Scored sentences, each explained.
    fn direct_findings(
        &self,
        rule: &super::CompiledRule,
        scratch: &super::filter::Scratch<'_>,
        lines: &crate::model::LineIndex,
    ) -> Vec<crate::model::Finding> {
        let input = Input {
            text: scratch.text,
            folded: &scratch.views.folded,
            bounds: scratch.folded_bounds(),
            entities: &scratch.entities,
        };
        explain::findings(self, rule, &input, lines)
    }

    /// The examples of its categories and exceptions.
    fn own_examples(&self) -> Option<&super::example::Examples> {
        Some(&self.examples)
    }

    /// The model's own digest of the `[tone]` files it was built from.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("tone", &self.fingerprint);
    }
}

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

/// Drops a tone finding that rests only on capital letters inside what another rule already
/// flags: `SECRET//NOFORN` or `EMBARGOED UNTIL` are written in capitals because they are
/// markings and labels, and the writer is told to remove them, not to lower their case.
/// Capitals elsewhere in the sentence, or any other contribution, keep the finding.
pub(crate) fn drop_marking_capitals(out: &mut Vec<crate::model::Finding>) {
    use crate::model::Category;
    let flagged: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| f.category != Category::Tone)
        .map(|f| (f.start, f.end))
        .collect();
    if flagged.is_empty() {
        return;
    }
    let inside = |s: usize, e: usize| flagged.iter().any(|&(a, b)| a <= s && e <= b);
    out.retain(|f| {
        let Some(t) = f.tone.as_ref() else {
            return true;
        };
        t.contributions.is_empty()
            || !t
                .contributions
                .iter()
                .all(|c| c.entry.starts_with("form/caps") && inside(c.start, c.end))
    });
}

/// The sentence scores of every enabled tone rule of `rules` for `text`, also those below
/// `info` (to explain a miss, or every contribution in a test).
pub fn sentence_scores(rules: &[super::CompiledRule], text: &str) -> Vec<SentenceScore> {
    rules
        .iter()
        .filter(|r| r.enabled)
        .filter_map(|r| match &r.matcher {
            Matcher::Tone(m) => Some(score_text(m, text)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The sentence scores of `text` under `model` (also those below `info`), with the views
/// and entities built for it.
pub fn score_text(model: &model::ToneModel, text: &str) -> Vec<SentenceScore> {
    let views = crate::text::Views::new(text);
    let bounds = crate::text::WordBounds::new(&views.folded.text);
    let entities = crate::text::extract_entities(text);
    let input = Input {
        text,
        folded: &views.folded,
        bounds: &bounds,
        entities: &entities,
    };
    score(model, &input)
}
