//! The compiled tone model: what [`super::compile`] builds from the `[tone]` layers and
//! [`super::score`] runs. Weights are on VADER's scale (a sentence sum `s` of about 2.24
//! reaches a score of 0.5 with `alpha = 15`).

use aho_corasick::AhoCorasick;

use super::words::PhraseSet;
use crate::kinds::example::Examples;
use crate::model::Severity;

/// Score thresholds (0–1) of the three levels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Grey hint.
    pub info: f64,
    /// Warning.
    pub warn: f64,
    /// Block ("do not publish as is").
    pub block: f64,
}

impl Thresholds {
    /// The level a score reaches, if any.
    pub fn level(&self, score: f64) -> Option<Severity> {
        if score >= self.block {
            Some(Severity::Block)
        } else if score >= self.warn {
            Some(Severity::Warn)
        } else if score >= self.info {
            Some(Severity::Info)
        } else {
            None
        }
    }

    /// The threshold of `level`.
    pub fn of(&self, level: Severity) -> f64 {
        match level {
            Severity::Block => self.block,
            Severity::Warn => self.warn,
            Severity::Info => self.info,
        }
    }
}

/// A lexicon category.
#[derive(Debug, Clone)]
pub struct CategoryInfo {
    /// Id (`insult`).
    pub id: String,
    /// Human label ("Insult or name-calling").
    pub label: String,
    /// Hits need a target nearby, else ×`unaimed_factor`.
    pub needs_target: bool,
    /// Lowest level of a counted hit.
    pub floor: Option<Severity>,
    /// The floor needs at least this sureness.
    pub floor_sureness: u8,
    /// Hits are mockery evidence (for incongruity).
    pub mockery: bool,
    /// Hits count only with incongruity.
    pub incongruity: bool,
    /// Hits count only in questions.
    pub question_only: bool,
    /// Added per repetition of an entry in a sentence (max 3).
    pub repeat_boost: f64,
    /// Whether negation cancels hits.
    pub negatable: bool,
    /// Advice.
    pub suggest: String,
}

/// A lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `category/entry`.
    pub id: String,
    /// Index into [`ToneModel::categories`].
    pub category: usize,
    /// Base weight.
    pub weight: f64,
    /// Overrides the category's `needs_target`.
    pub needs_target: bool,
    /// 0–2 (cuss); 2 when not given.
    pub sureness: u8,
    /// Minimum occurrences in a sentence.
    pub min_repeat: usize,
    /// Switched off by `disable`.
    pub enabled: bool,
}

/// An exception (compiled).
#[derive(Debug, Clone)]
pub struct Exception {
    /// Id.
    pub id: String,
    /// Category ids or entry ids it applies to (empty = all).
    pub applies_to: Vec<String>,
    /// Hits inside one of these do not count.
    pub phrases: PhraseSet,
    /// Hits within `window` words of one of these do not count.
    pub near: PhraseSet,
    /// Window in words.
    pub window: usize,
}

impl Exception {
    /// Whether the exception covers entry `entry` of category `category`.
    pub fn applies(&self, category: &str, entry: &str) -> bool {
        self.applies_to.is_empty() || self.applies_to.iter().any(|a| a == category || a == entry)
    }
}

/// `[tone.modifiers]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Modifiers {
    pub booster_increment: f64,
    pub booster_max: usize,
    pub booster_decay: Vec<f64>,
    pub boosters: PhraseSet,
    pub caps_increment: f64,
    pub exclamation_step: f64,
    pub exclamation_max: usize,
    pub negation_window: usize,
    pub negation_factor: f64,
    pub negation_words: PhraseSet,
    pub negation_exempt: PhraseSet,
    pub absolutes: PhraseSet,
    pub absolute_exempt: PhraseSet,
    pub absolute_boost: f64,
    pub absolute_max: usize,
    pub absolute_cluster: usize,
    pub absolute_cluster_weight: f64,
    pub reported_verbs: PhraseSet,
    pub reported_factor: f64,
    pub reported_window: usize,
}

/// `[tone.targets]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub pronouns: PhraseSet,
    pub second_person: PhraseSet,
    pub roles: PhraseSet,
    pub leader_roles: PhraseSet,
    pub names: PhraseSet,
    pub name_suffixes: Vec<String>,
    pub not_names: PhraseSet,
    pub mentions: bool,
    pub window: usize,
    pub aimed_factor: f64,
    pub leader_factor: f64,
    pub unaimed_factor: f64,
}

/// `[tone.quotes]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Quotes {
    pub attributed_factor: f64,
    pub reporting_verbs: PhraseSet,
    pub window: usize,
    pub scare_max_words: usize,
    pub scare_weight: f64,
    pub scare_loaded: PhraseSet,
    pub scare_loaded_extra: f64,
}

/// `[tone.forms]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    /// Upper-case acronyms (compared with the original word).
    pub acronyms: std::collections::HashSet<String>,
    pub min_caps_len: usize,
    pub caps_word_weight: f64,
    pub caps_word_max: usize,
    pub caps_sentence_ratio: f64,
    pub caps_sentence_min_words: usize,
    pub caps_sentence_weight: f64,
    pub punctuation_run_weight: f64,
    pub question_run: f64,
    pub rhetorical_weight: f64,
    pub rhetorical_markers: PhraseSet,
    pub rhetorical_exempt_starts: PhraseSet,
    pub accusation_verbs: PhraseSet,
    pub second_person_window: usize,
    pub second_person_weight: f64,
}

/// `[tone.sarcasm]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Sarcasm {
    pub negative_events: PhraseSet,
    pub incongruity_min: usize,
}

/// A literal key of the automaton and its owners: `(entry, stem)`.
pub type LiteralOwners = Vec<Vec<(usize, bool)>>;

/// The compiled model of one tone rule.
#[derive(Clone)]
pub struct ToneModel {
    /// SHA-256 (hex) of the `[tone]` layers it was built from (for the rule fingerprint).
    pub fingerprint: String,
    pub alpha: f64,
    pub thresholds: Thresholds,
    pub categories: Vec<CategoryInfo>,
    pub entries: Vec<Entry>,
    /// Leftmost-longest automaton over the folded literal terms (stems without `*`).
    pub literals: Option<AhoCorasick>,
    pub literal_owners: LiteralOwners,
    /// The literal prefilter of the patterns, one regex each (compiled on first use), and
    /// the entry of each.
    pub prefilter: super::patterns::Prefilter,
    pub patterns: Vec<crate::kinds::pattern::Pattern>,
    pub pattern_entries: Vec<usize>,
    pub exceptions: Vec<Exception>,
    pub modifiers: Modifiers,
    pub targets: Targets,
    pub quotes: Quotes,
    pub forms: Forms,
    pub sarcasm: Sarcasm,
    pub abbreviations: PhraseSet,
    /// Disabled form ids (`form/caps-word`).
    pub disabled_forms: Vec<String>,
    /// The examples of every category and exception.
    pub examples: Examples,
}

impl std::fmt::Debug for ToneModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let on = self.entries.iter().filter(|e| e.enabled).count();
        write!(f, "ToneModel({}, {on} entries on)", self.fingerprint)
    }
}

impl ToneModel {
    /// Whether the form detector `id` (`form/…`) is on.
    pub fn form_on(&self, id: &str) -> bool {
        !self.disabled_forms.iter().any(|d| d == id || d == "form")
    }

    /// Maps a sentence sum to the bounded score `s / sqrt(s² + alpha)` (VADER), in 0–1.
    pub fn normalise(&self, s: f64) -> f64 {
        if s <= 0.0 {
            0.0
        } else {
            (s / (s * s + self.alpha).sqrt()).min(1.0)
        }
    }
}
