//! The numeric settings and word lists of the tone model, with their defaults, and how a
//! `[tone]` layer overrides them (scalars replace, lists append).
//!
//! Defaults follow `reference/tone.md` §3.3: VADER's booster increment 0.293, capitals
//! increment 0.733, exclamation step 0.292 (max 4) and `alpha = 15` (Hutto & Gilbert 2014,
//! Table 3); the other numbers are starting points tuned on the dev set.

use super::model::{Forms, Modifiers, Quotes, Sarcasm, Targets};
use super::words::PhraseSet;
use crate::diag::RuleError;
use crate::schema::tone::{ThresholdsDef, ToneDef, ToneLayer};

/// Everything but the lexicon.
#[derive(Debug, Clone)]
pub(super) struct Settings {
    pub alpha: f64,
    pub thresholds: ThresholdsDef,
    pub min_sureness: Option<u8>,
    pub modifiers: Modifiers,
    pub targets: Targets,
    pub quotes: Quotes,
    pub forms: Forms,
    pub sarcasm: Sarcasm,
    pub abbreviations: PhraseSet,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            alpha: 15.0,
            thresholds: ThresholdsDef {
                info: 0.30,
                warn: 0.50,
                block: 0.75,
            },
            min_sureness: None,
            modifiers: Modifiers {
                booster_increment: 0.293,
                booster_max: 2,
                booster_decay: vec![1.0, 0.95, 0.90],
                caps_increment: 0.733,
                exclamation_step: 0.292,
                exclamation_max: 4,
                negation_window: 3,
                negation_factor: 0.0,
                absolute_boost: 0.5,
                absolute_max: 2,
                absolute_cluster: 2,
                absolute_cluster_weight: 1.5,
                reported_factor: 0.5,
                reported_window: 6,
                ..Modifiers::default()
            },
            targets: Targets {
                mentions: true,
                window: 6,
                aimed_factor: 1.25,
                leader_factor: 1.5,
                unaimed_factor: 0.5,
                ..Targets::default()
            },
            quotes: Quotes {
                attributed_factor: 0.2,
                window: 4,
                scare_max_words: 3,
                scare_weight: 1.2,
                scare_loaded_extra: 0.8,
                ..Quotes::default()
            },
            forms: Forms {
                min_caps_len: 3,
                caps_word_weight: 0.6,
                caps_word_max: 2,
                caps_cluster: 3,
                caps_sentence_ratio: 0.8,
                caps_sentence_min_words: 2,
                caps_sentence_weight: 1.5,
                punctuation_run_weight: 0.8,
                question_run: 0.6,
                rhetorical_weight: 1.5,
                second_person_window: 3,
                second_person_weight: 2.5,
                ..Forms::default()
            },
            sarcasm: Sarcasm {
                incongruity_min: 2,
                ..Sarcasm::default()
            },
            abbreviations: PhraseSet::default(),
        }
    }
}

macro_rules! set {
    ($dst:expr, $src:expr; $($f:ident),*) => { $( if let Some(v) = $src.$f.clone() { $dst.$f = v; } )* };
}

macro_rules! add {
    ($dst:expr, $src:expr; $($f:ident),*) => { $( $dst.$f.extend(&$src.$f); )* };
}

impl Settings {
    /// Applies one layer: scalars it sets replace, lists append.
    pub(super) fn apply(&mut self, d: &ToneDef) {
        if let Some(a) = &d.alpha {
            self.alpha = *a.get_ref();
        }
        if let Some(t) = &d.thresholds {
            self.thresholds = *t.get_ref();
        }
        if d.min_sureness.is_some() {
            self.min_sureness = d.min_sureness;
        }
        self.abbreviations.extend(&d.abbreviations);
        if let Some(m) = &d.modifiers {
            let x = &mut self.modifiers;
            set!(x, m; booster_increment, booster_max, booster_decay, caps_increment,
                exclamation_step, exclamation_max, negation_window, negation_factor,
                absolute_boost, absolute_max, absolute_cluster, absolute_cluster_weight,
                reported_factor, reported_window);
            add!(x, m; boosters, negation_words, negation_exempt, absolutes, absolute_exempt,
                reported_verbs);
        }
        if let Some(t) = &d.targets {
            let x = &mut self.targets;
            set!(x, t; mentions, window, aimed_factor, leader_factor, unaimed_factor);
            add!(x, t; pronouns, second_person, roles, leader_roles, leader_links, names, not_names);
            x.name_suffixes
                .extend(t.name_suffixes.iter().map(|s| s.to_lowercase()));
        }
        if let Some(q) = &d.quotes {
            let x = &mut self.quotes;
            set!(x, q; attributed_factor, window, scare_max_words, scare_weight,
                scare_loaded_extra);
            add!(x, q; reporting_verbs, scare_loaded);
        }
        if let Some(f) = &d.forms {
            let x = &mut self.forms;
            set!(x, f; min_caps_len, caps_word_weight, caps_word_max, caps_cluster, caps_sentence_ratio,
                caps_sentence_min_words, caps_sentence_weight, punctuation_run_weight,
                question_run, rhetorical_weight, second_person_window, second_person_weight);
            add!(x, f; rhetorical_markers, rhetorical_exempt_starts, accusation_verbs);
            x.acronyms.extend(f.acronyms.iter().cloned());
        }
        if let Some(s) = &d.sarcasm {
            set!(self.sarcasm, s; incongruity_min);
            self.sarcasm.negative_events.extend(&s.negative_events);
        }
    }

    /// An error when the thresholds are not `0 < info < warn < block ≤ 1` or `alpha ≤ 0`.
    pub(super) fn threshold_error(&self, layers: &[ToneLayer]) -> Option<RuleError> {
        let t = self.thresholds;
        let ok = 0.0 < t.info && t.info < t.warn && t.warn < t.block && t.block <= 1.0;
        if ok && self.alpha > 0.0 {
            return None;
        }
        let layer = layers
            .iter()
            .rev()
            .find(|l| l.def.thresholds.is_some() || l.def.alpha.is_some())?;
        let span = match (&layer.def.thresholds, &layer.def.alpha) {
            (Some(t), _) => t.span(),
            (None, Some(a)) => a.span(),
            (None, None) => 0..0,
        };
        Some(
            RuleError::at(
                &layer.file,
                &layer.source,
                (span.start, span.end),
                "tone thresholds must satisfy 0 < info < warn < block ≤ 1, and alpha > 0",
            )
            .with_help(
                "e.g. `thresholds = { info = 0.30, warn = 0.50, block = 0.75 }`, `alpha = 15.0`",
            ),
        )
    }
}
