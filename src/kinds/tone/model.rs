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
    /// Whether a hit may let its sentence block (see `may-block`).
    pub may_block: bool,
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
    /// Suggested replacement, if any.
    pub replace: Option<String>,
    /// Where the entry is defined: `file:line`.
    pub origin: String,
    /// Where a `disable` switched it off (`file:line`), if one did.
    pub disabled_by: Option<String>,
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
    /// Added to a hit's weight for each booster word before it ("utterly"), before decay
    /// (default 0.293, VADER's B_INCR).
    pub booster_increment: f64,
    /// Most boosters counted before one hit (default 2).
    pub booster_max: usize,
    /// Factor of the booster increment by distance: the first value for the word just before
    /// the hit, then one further back, …; its length is how many words back boosters are looked
    /// for (default [1.0, 0.95, 0.90], VADER's decay).
    pub booster_decay: Vec<f64>,
    /// Booster words ("utterly", "totally"), whole words of the folded view.
    pub boosters: PhraseSet,
    /// Added to a hit written in capitals (at least two letters, none lowercase) (default
    /// 0.733, VADER's C_INCR).
    pub caps_increment: f64,
    /// Added to the sentence sum per `!` in the sentence (default 0.292, VADER's).
    pub exclamation_step: f64,
    /// Most `!` counted per sentence (default 4, VADER's).
    pub exclamation_max: usize,
    /// How many words before a hit a negation word is looked for (stopping at `,` `;` `:`)
    /// (default 3).
    pub negation_window: usize,
    /// Multiplies a negated hit (0 cancels it; VADER uses −0.74 for sentiment) (default 0.0).
    pub negation_factor: f64,
    /// Negation words ("not", "never"); any word ending in `n't` also negates.
    pub negation_words: PhraseSet,
    /// Phrases starting with a negation word that do not negate ("not only").
    pub negation_exempt: PhraseSet,
    /// Absolute words and phrases ("always", "never once") for `form/absolutes`.
    pub absolutes: PhraseSet,
    /// Phrases containing an absolute that are not absolutes ("not always"): absolutes inside
    /// them are ignored.
    pub absolute_exempt: PhraseSet,
    /// Weight of `form/absolutes` per absolute found, in a sentence that already has a positive
    /// contribution (default 0.5).
    pub absolute_boost: f64,
    /// Most absolutes counted per sentence by `form/absolutes` (default 2).
    pub absolute_max: usize,
    /// Least number of absolutes in a sentence aimed at a target for `form/absolute-cluster`
    /// (default 2).
    pub absolute_cluster: usize,
    /// Weight of `form/absolute-cluster` (default 1.5).
    pub absolute_cluster_weight: f64,
    /// Verbs that report someone else's words ("called", "accused"): a hit after one within
    /// `reported-window` words counts ×`reported-factor`.
    pub reported_verbs: PhraseSet,
    /// Multiplies a hit in reported speech (default 0.5).
    pub reported_factor: f64,
    /// How many words before a hit a reporting verb is looked for (default 6).
    pub reported_window: usize,
}

/// `[tone.targets]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// Third-person pronouns that make a hit aimed ("he", "they").
    pub pronouns: PhraseSet,
    /// Second-person words ("you", "your"): a target of its own kind (not aimed for
    /// `form/absolute-cluster` and rhetorical questions); also read by `form/second-person`.
    pub second_person: PhraseSet,
    /// Role words that make a hit aimed ("minister", "ambassador").
    pub roles: PhraseSet,
    /// Role words of heads of state or government ("president", "prime minister"): a hit aimed
    /// at one counts ×`leader-factor`.
    pub leader_roles: PhraseSet,
    /// Words that join a leader role to the name it governs ("of", "of the", "de"): the role,
    /// the link and the name form one leader target.
    pub leader_links: PhraseSet,
    /// Names that make a hit aimed (besides capitalised words, which count as names).
    pub names: PhraseSet,
    /// Word endings that mark a capitalised first word of a sentence as a name (`ov`, `escu`).
    pub name_suffixes: Vec<String>,
    /// Capitalised words that are not names ("Monday", "Europe").
    pub not_names: PhraseSet,
    /// Whether an @mention is a target (default true).
    pub mentions: bool,
    /// How many words from a hit a target is looked for, either side (default 6).
    pub window: usize,
    /// Multiplies a hit aimed at a target (not a leader) (default 1.25).
    pub aimed_factor: f64,
    /// Multiplies a hit aimed at a leader role (default 1.5).
    pub leader_factor: f64,
    /// Multiplies a hit of an entry or category that needs a target when none is near (default
    /// 0.5).
    pub unaimed_factor: f64,
}

/// `[tone.quotes]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Quotes {
    /// Multiplies a hit inside a quotation attributed to someone (a reporting verb next to it)
    /// (default 0.2).
    pub attributed_factor: f64,
    /// Verbs that attribute a quotation ("said", "wrote").
    pub reporting_verbs: PhraseSet,
    /// How many words before the opening or after the closing quote a reporting verb is looked
    /// for (default 4).
    pub window: usize,
    /// Most words of an unattributed quotation that counts as scare quotes
    /// (`form/scare-quote`); a title-like quotation does not count (default 3).
    pub scare_max_words: usize,
    /// Weight of `form/scare-quote` (default 1.2).
    pub scare_weight: f64,
    /// Loaded words ("referendum", "elections") that add `scare-loaded-extra` inside scare
    /// quotes.
    pub scare_loaded: PhraseSet,
    /// Added to `form/scare-quote` when the quotation holds a loaded word (default 0.8).
    pub scare_loaded_extra: f64,
}

/// `[tone.forms]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    /// Upper-case acronyms (compared with the original word).
    pub acronyms: std::collections::HashSet<String>,
    /// Least length, in characters, of an all-capitals word for `form/caps-word` (default 3).
    pub min_caps_len: usize,
    /// Weight of `form/caps-word`, per shouted word outside a hit (default 0.6).
    pub caps_word_weight: f64,
    /// Most shouted words counted per sentence by `form/caps-word` (default 2).
    pub caps_word_max: usize,
    /// Least number of shouted words in a sentence for short ones (below `min_caps_len`
    /// characters) to count as `form/caps-word` too when one of them repeats (default 3).
    pub caps_cluster: usize,
    /// Least share (0–1) of capital letters among a sentence's letters for `form/caps-sentence`
    /// (default 0.8).
    pub caps_sentence_ratio: f64,
    /// Least number of all-capitals words (not acronyms) for `form/caps-sentence` (default 2).
    pub caps_sentence_min_words: usize,
    /// Weight of `form/caps-sentence` (which replaces `form/caps-word` in that sentence)
    /// (default 1.5).
    pub caps_sentence_weight: f64,
    /// Weight of `form/punctuation-run`, a run of two or more `!`/`?` (default 0.8).
    pub punctuation_run_weight: f64,
    /// Added to `form/punctuation-run` when the run holds a `?` (default 0.6).
    pub question_run: f64,
    /// Weight of `form/rhetorical-question`: a question with a rhetorical marker, aimed at a
    /// target (default 1.5).
    pub rhetorical_weight: f64,
    /// Phrases that make a question rhetorical ("how dare", "who do they think").
    pub rhetorical_markers: PhraseSet,
    /// Sentence starts that make a question genuine ("how can we", "when will").
    pub rhetorical_exempt_starts: PhraseSet,
    /// Verbs that, within `second-person-window` words after a second-person word, make
    /// `form/second-person` ("you lied").
    pub accusation_verbs: PhraseSet,
    /// How many words after a second-person word an accusation verb is looked for (default 3).
    pub second_person_window: usize,
    /// Weight of `form/second-person` (default 2.5).
    pub second_person_weight: f64,
}

/// `[tone.sarcasm]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct Sarcasm {
    /// Words of negative events ("crisis", "war"): one of the three incongruity cues, with a
    /// target and mockery.
    pub negative_events: PhraseSet,
    /// Least number of the three cues (target, negative event, mockery) a hit of an
    /// `incongruity` category needs; with fewer it counts 0 (default 2).
    pub incongruity_min: usize,
}

/// A literal key of the automaton and its owners: `(entry, stem)`.
pub type LiteralOwners = Vec<Vec<(usize, bool)>>;

/// The compiled model of one tone rule.
#[derive(Clone)]
pub struct ToneModel {
    /// SHA-256 (hex) of the `[tone]` layers it was built from (for the rule fingerprint).
    pub fingerprint: String,
    /// Normalisation constant: `score = s / sqrt(s² + alpha)` (VADER: 15).
    pub alpha: f64,
    /// Score thresholds of the three levels.
    pub thresholds: Thresholds,
    /// The lexicon categories, in definition order.
    pub categories: Vec<CategoryInfo>,
    /// Every entry of every category ([`Entry::category`] indexes `categories`).
    pub entries: Vec<Entry>,
    /// Leftmost-longest automaton over the folded literal terms (stems without `*`).
    pub literals: Option<AhoCorasick>,
    /// For each key of `literals`, its `(entry, stem)` owners (`stem`: the term ended in `*`).
    pub literal_owners: LiteralOwners,
    /// The literal prefilter of the patterns, one regex each (compiled on first use), and
    /// the entry of each.
    pub prefilter: super::patterns::Prefilter,
    /// The `p` entries' patterns, run only where the prefilter finds their literals.
    pub patterns: Vec<crate::kinds::pattern::Pattern>,
    /// The entry of each pattern (same order as `patterns`).
    pub pattern_entries: Vec<usize>,
    /// Senses that must never count.
    pub exceptions: Vec<Exception>,
    /// Boosters, negation, absolutes, reported speech.
    pub modifiers: Modifiers,
    /// What makes a hit aimed.
    pub targets: Targets,
    /// Quotations and scare quotes.
    pub quotes: Quotes,
    /// Form detectors (capitals, punctuation runs, rhetorical questions, second person).
    pub forms: Forms,
    /// Sarcasm incongruity.
    pub sarcasm: Sarcasm,
    /// Abbreviations that do not end a sentence (`mr`, `e.g`).
    pub abbreviations: PhraseSet,
    /// Disabled form ids (`form/caps-word`).
    pub disabled_forms: Vec<String>,
    /// The examples of every category and exception.
    pub examples: Examples,
    /// Learned word weights (`[tone.learned]`), when a layer has them and they are on.
    pub learned: Option<super::learned::Learned>,
    /// The scripts the lexicon covers (`[tone] scripts`); see [`super::coverage`].
    pub scripts: Vec<unicode_script::Script>,
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
