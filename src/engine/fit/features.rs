//! What the fit learns from: each post's sentences as sparse feature vectors, read off the
//! explained contributions of the starting model ([`crate::kinds::tone::score`]).
//!
//! A lexicon hit contributes `(w + add) × factor` (see `score.rs`): its feature value is
//! `factor` (target, negation, quotation and exception factors multiplied), and `add × factor`
//! (boosters, capitals, repetition) is a fixed offset. A form detector contributes its
//! setting's weight times a count (`form/absolutes`: the number of absolutes): the count is
//! its feature value. The sentence sum is then linear in the weights:
//! `s = Σ x_e·w_e + Σ x_f·w_f + offset`.

use std::collections::HashMap;

use crate::kinds::tone::SentenceScore;
use crate::kinds::tone::model::ToneModel;

/// A form weight the fit learns: the form's contribution id, and where its setting lives
/// in a `[tone]` layer (`[tone.<table>] <key> = …`).
#[derive(Debug, Clone, Copy)]
pub struct FormSetting {
    /// Contribution id (`form/caps-word`); `form/scare-quote-loaded` is the extra of a
    /// scare quote around a loaded word.
    pub id: &'static str,
    /// `[tone.<table>]`.
    pub table: &'static str,
    /// The setting's key.
    pub key: &'static str,
}

/// Every form weight the fit learns.
pub const FORMS: [FormSetting; 10] = [
    FormSetting {
        id: "form/caps-word",
        table: "forms",
        key: "caps-word-weight",
    },
    FormSetting {
        id: "form/caps-sentence",
        table: "forms",
        key: "caps-sentence-weight",
    },
    FormSetting {
        id: "form/punctuation-run",
        table: "forms",
        key: "punctuation-run-weight",
    },
    FormSetting {
        id: "form/exclamation",
        table: "modifiers",
        key: "exclamation-step",
    },
    FormSetting {
        id: "form/scare-quote",
        table: "quotes",
        key: "scare-weight",
    },
    FormSetting {
        id: "form/scare-quote-loaded",
        table: "quotes",
        key: "scare-loaded-extra",
    },
    FormSetting {
        id: "form/rhetorical-question",
        table: "forms",
        key: "rhetorical-weight",
    },
    FormSetting {
        id: "form/second-person",
        table: "forms",
        key: "second-person-weight",
    },
    FormSetting {
        id: "form/absolutes",
        table: "modifiers",
        key: "absolute-boost",
    },
    FormSetting {
        id: "form/absolute-cluster",
        table: "modifiers",
        key: "absolute-cluster-weight",
    },
];

/// The current weight of each form setting in `model`, in [`FORMS`] order.
pub fn form_weights(model: &ToneModel) -> Vec<f64> {
    let (f, m, q) = (&model.forms, &model.modifiers, &model.quotes);
    vec![
        f.caps_word_weight,
        f.caps_sentence_weight,
        f.punctuation_run_weight,
        m.exclamation_step,
        q.scare_weight,
        q.scare_loaded_extra,
        f.rhetorical_weight,
        f.second_person_weight,
        m.absolute_boost,
        m.absolute_cluster_weight,
    ]
}

/// One sentence as features: `(entry index, value)`, `(form index, value)` and the fixed
/// offset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceX {
    /// Lexicon features (entry index into the model's entries).
    pub entries: Vec<(usize, f64)>,
    /// Form features (index into [`FORMS`]).
    pub forms: Vec<(usize, f64)>,
    /// The part of the sum that does not depend on a fitted weight.
    pub offset: f64,
}

/// One post as features.
#[derive(Debug, Clone, PartialEq)]
pub struct PostX {
    /// Its sentences.
    pub sentences: Vec<SentenceX>,
    /// Whether a category floor raised a sentence to `warn` or above.
    pub floored: bool,
}

/// The sentence scores of `text` under `model` (also those below `info`).
pub fn sentence_scores(model: &ToneModel, text: &str) -> Vec<SentenceScore> {
    crate::kinds::tone::score_text(model, text)
}

/// Maps entry ids to entry indices of `model`.
pub fn entry_index(model: &ToneModel) -> HashMap<&str, usize> {
    model
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect()
}

/// The features of `text` under `model`; `index` is [`entry_index`] of the model.
pub fn extract(model: &ToneModel, index: &HashMap<&str, usize>, text: &str) -> PostX {
    let priors = form_weights(model);
    let scores = sentence_scores(model, text);
    let floored = scores.iter().any(|s| {
        s.floored_by.is_some() && s.level.is_some_and(|l| l >= crate::model::Severity::Warn)
    });
    let sentences = scores
        .iter()
        .map(|s| {
            let mut x = SentenceX::default();
            for c in &s.contributions {
                add(&mut x, c, index, &priors);
            }
            x
        })
        .collect();
    PostX { sentences, floored }
}

fn add(
    x: &mut SentenceX,
    c: &crate::model::Contribution,
    index: &HashMap<&str, usize>,
    priors: &[f64],
) {
    if let Some(f) = FORMS.iter().position(|f| f.id == c.entry) {
        let prior = priors[f];
        match c.entry.as_str() {
            "form/scare-quote" => {
                x.forms.push((f, 1.0));
                if c.modifiers.iter().any(|(m, _)| m.starts_with('+')) {
                    x.forms.push((f + 1, 1.0));
                }
            }
            "form/punctuation-run" => {
                x.forms.push((f, 1.0));
                x.offset += c.value - prior;
            }
            _ if prior > 0.0 => x.forms.push((f, c.value / prior)),
            _ => x.forms.push((f, 1.0)),
        }
        return;
    }
    let Some(&e) = index.get(c.entry.as_str()) else {
        // A contribution the fit does not learn (none today): keep its value.
        x.offset += c.value;
        return;
    };
    let add: f64 = c
        .modifiers
        .iter()
        .filter(|(m, _)| m.starts_with('+'))
        .map(|(_, v)| v)
        .sum();
    let factor: f64 = c
        .modifiers
        .iter()
        .filter(|(m, _)| !m.starts_with('+'))
        .map(|(_, v)| v)
        .product();
    if factor != 0.0 {
        x.entries.push((e, factor));
        x.offset += add * factor;
    }
}
