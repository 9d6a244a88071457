//! The `[tone]` data of a pack (DESIGN §5, `reference/tone.md` §3.3), as serde types.
//!
//! Keys are kebab-case and unknown keys are errors. Every value that an error may need to
//! point at keeps its byte span in the file ([`toml::Spanned`]). All settings are optional:
//! a missing one keeps the value of an earlier layer, or the built-in default (the numbers
//! of `reference/tone.md` §3.3, most of them VADER's constants).

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::rule::ExamplesDef;
use crate::model::Severity;

/// `[tone]`: the scored tone model of one pack layer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ToneDef {
    /// Normalisation constant: `score = s / sqrt(s² + alpha)` (VADER: 15).
    pub alpha: Option<Spanned<f64>>,
    /// Score thresholds (0–1) of the three levels.
    pub thresholds: Option<Spanned<ThresholdsDef>>,
    /// Entries with a lower `sureness` (0–2, as in `cuss`) are ignored.
    pub min_sureness: Option<u8>,
    /// Entry ids (`insult/clueless`), category ids (`insult`) or form ids (`form/caps-word`)
    /// switched off. Later layers append.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Boosters, negation, absolutes, reported speech.
    pub modifiers: Option<ModifiersDef>,
    /// What makes a hit "aimed".
    pub targets: Option<TargetsDef>,
    /// Quotation handling and scare quotes.
    pub quotes: Option<QuotesDef>,
    /// Form detectors: capitals, punctuation, questions, second person.
    pub forms: Option<FormsDef>,
    /// Sarcasm incongruity.
    pub sarcasm: Option<SarcasmDef>,
    /// Abbreviations that do not end a sentence (`mr`, `e.g`).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Weighted lexicon categories.
    #[serde(default, rename = "category")]
    pub categories: Vec<Spanned<CategoryDef>>,
    /// Senses that must never count (security "attack", sports, commemoration).
    #[serde(default, rename = "exception")]
    pub exceptions: Vec<Spanned<ExceptionDef>>,
}

/// `thresholds = { info = 0.30, warn = 0.50, block = 0.75 }`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ThresholdsDef {
    /// Grey hint.
    pub info: f64,
    /// Warning.
    pub warn: f64,
    /// Blocking ("do not publish as is").
    pub block: f64,
}

/// `[tone.modifiers]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModifiersDef {
    pub booster_increment: Option<f64>,
    pub booster_max: Option<usize>,
    pub booster_decay: Option<Vec<f64>>,
    #[serde(default)]
    pub boosters: Vec<String>,
    pub caps_increment: Option<f64>,
    pub exclamation_step: Option<f64>,
    pub exclamation_max: Option<usize>,
    pub negation_window: Option<usize>,
    pub negation_factor: Option<f64>,
    #[serde(default)]
    pub negation_words: Vec<String>,
    #[serde(default)]
    pub negation_exempt: Vec<String>,
    #[serde(default)]
    pub absolutes: Vec<String>,
    #[serde(default)]
    pub absolute_exempt: Vec<String>,
    pub absolute_boost: Option<f64>,
    pub absolute_max: Option<usize>,
    pub absolute_cluster: Option<usize>,
    pub absolute_cluster_weight: Option<f64>,
    #[serde(default)]
    pub reported_verbs: Vec<String>,
    pub reported_factor: Option<f64>,
    pub reported_window: Option<usize>,
}

/// `[tone.targets]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TargetsDef {
    #[serde(default)]
    pub pronouns: Vec<String>,
    #[serde(default)]
    pub second_person: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub leader_roles: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub name_suffixes: Vec<String>,
    #[serde(default)]
    pub not_names: Vec<String>,
    pub mentions: Option<bool>,
    pub window: Option<usize>,
    pub aimed_factor: Option<f64>,
    pub leader_factor: Option<f64>,
    pub unaimed_factor: Option<f64>,
}

/// `[tone.quotes]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuotesDef {
    pub attributed_factor: Option<f64>,
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    pub window: Option<usize>,
    pub scare_max_words: Option<usize>,
    pub scare_weight: Option<f64>,
    #[serde(default)]
    pub scare_loaded: Vec<String>,
    pub scare_loaded_extra: Option<f64>,
}

/// `[tone.forms]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormsDef {
    #[serde(default)]
    pub acronyms: Vec<String>,
    pub min_caps_len: Option<usize>,
    pub caps_word_weight: Option<f64>,
    pub caps_word_max: Option<usize>,
    pub caps_sentence_ratio: Option<f64>,
    pub caps_sentence_min_words: Option<usize>,
    pub caps_sentence_weight: Option<f64>,
    pub punctuation_run_weight: Option<f64>,
    pub question_run: Option<f64>,
    pub rhetorical_weight: Option<f64>,
    #[serde(default)]
    pub rhetorical_markers: Vec<String>,
    #[serde(default)]
    pub rhetorical_exempt_starts: Vec<String>,
    #[serde(default)]
    pub accusation_verbs: Vec<String>,
    pub second_person_window: Option<usize>,
    pub second_person_weight: Option<f64>,
}

/// `[tone.sarcasm]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SarcasmDef {
    #[serde(default)]
    pub negative_events: Vec<String>,
    pub incongruity_min: Option<usize>,
}

/// One `[[tone.category]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryDef {
    /// Category id; entry ids are `<category>/<entry>`.
    pub id: Spanned<String>,
    pub label: Option<String>,
    /// Hits far from any target count ×`unaimed-factor`.
    pub needs_target: Option<bool>,
    /// The lowest level a hit of this category gives, whatever the score.
    pub floor: Option<Severity>,
    /// The floor applies only to entries with at least this `sureness`.
    pub floor_sureness: Option<u8>,
    /// Hits are sarcasm/mockery evidence for incongruity.
    pub mockery: Option<bool>,
    /// Hits count only with sarcasm incongruity (praise + target/negative event/mockery).
    pub incongruity: Option<bool>,
    /// Hits count only in a sentence ending with `?`.
    pub question_only: Option<bool>,
    /// Repeated hits of one entry in a sentence add this per repetition (max 3).
    pub repeat_boost: Option<f64>,
    /// Whether negation cancels hits (default true).
    pub negatable: Option<bool>,
    /// Advice shown with the finding.
    pub suggest: Option<String>,
    #[serde(default)]
    pub entries: Vec<Spanned<EntryDef>>,
    pub examples: Option<ExamplesDef>,
}

/// One lexicon entry: a literal term `t` (whole words, `*` = any word ending) or a pattern
/// `p` (Rust regex on the folded sentence), with weight `w`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntryDef {
    /// Entry id within the category; defaults to the term (spaces → `-`).
    pub id: Option<Spanned<String>>,
    pub t: Option<Spanned<String>>,
    pub p: Option<Spanned<String>>,
    pub w: Spanned<f64>,
    pub needs_target: Option<bool>,
    pub sureness: Option<u8>,
    /// The entry counts only when it occurs at least this often in the sentence.
    pub min_repeat: Option<usize>,
}

/// One `[[tone.exception]]`: hits of `applies-to` (categories or entry ids; empty = all)
/// inside one of `phrases`, or within `window` words of one of `near`, do not count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExceptionDef {
    pub id: Spanned<String>,
    #[serde(default)]
    pub applies_to: Vec<Spanned<String>>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub near: Vec<String>,
    pub window: Option<usize>,
    pub examples: Option<ExamplesDef>,
}

/// The `[tone]` table of one rule file, with where it came from.
#[derive(Debug, Clone)]
pub struct ToneLayer {
    /// Pack id.
    pub pack: String,
    /// The parsed data.
    pub def: ToneDef,
    /// File display name.
    pub file: String,
    /// File text (for error positions).
    pub source: Arc<str>,
}
