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
    /// Unicode scripts the lexicon covers, by full or short name (`Latin`, `Cyrl`), as in
    /// the Unicode Character Database's Scripts.txt. A text whose letters are mostly in other
    /// scripts gets an info finding saying its tone was not checked. Later layers append;
    /// empty everywhere means no such finding.
    #[serde(default)]
    pub scripts: Vec<Spanned<String>>,
    /// Weighted lexicon categories.
    #[serde(default, rename = "category")]
    pub categories: Vec<Spanned<CategoryDef>>,
    /// Senses that must never count (security "attack", sports, commemoration).
    #[serde(default, rename = "exception")]
    pub exceptions: Vec<Spanned<ExceptionDef>>,
    /// Weights of entries defined in earlier layers, by entry id (`insult/buffoon = 2.7`),
    /// as written by `tact rules fit`. Applied after every entry is compiled; a later layer
    /// wins. An id that names no entry is an error.
    #[serde(default)]
    pub weights: std::collections::BTreeMap<String, Spanned<f64>>,
    /// Set by `tact rules fit` on the layer it writes: what it was fitted on. A fitted layer
    /// is left out of the starting point of the next fit (see `tact rules fit --keep-fitted`).
    pub fitted: Option<String>,
    /// `[tone.learned]`: word weights fitted by `tact rules fit` (see
    /// [`crate::kinds::tone::learned`]). A later layer's table replaces an earlier one.
    pub learned: Option<Spanned<LearnedDef>>,
}

/// `[tone.learned]`: a logistic regression over a post's words and word pairs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LearnedDef {
    /// `false` switches the learned weights off (default `true`).
    pub enabled: Option<bool>,
    /// The intercept, in log-odds.
    #[serde(default)]
    pub bias: f64,
    /// The probability (0–1, exclusive) at which a post warns.
    pub warn: Spanned<f64>,
    /// Features that count but are too common to name in a finding (`it`, `?`).
    #[serde(default)]
    pub quiet: Vec<String>,
    /// Feature (`again`, `how original`, `<name> minister`) → weight in log-odds.
    #[serde(default)]
    pub weights: std::collections::BTreeMap<String, Spanned<f64>>,
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
    /// `booster-increment`: Added to a hit's weight for each booster word before it
    /// ("utterly"), before decay (default 0.293, VADER's B_INCR).
    pub booster_increment: Option<f64>,
    /// `booster-max`: Most boosters counted before one hit (default 2).
    pub booster_max: Option<usize>,
    /// `booster-decay`: Factor of the booster increment by distance: the first value for the
    /// word just before the hit, then one further back, …; its length is how many words back
    /// boosters are looked for (default [1.0, 0.95, 0.90], VADER's decay).
    pub booster_decay: Option<Vec<f64>>,
    /// `boosters`: Booster words ("utterly", "totally"), whole words of the folded view.
    #[serde(default)]
    pub boosters: Vec<String>,
    /// `caps-increment`: Added to a hit written in capitals (at least two letters, none
    /// lowercase) (default 0.733, VADER's C_INCR).
    pub caps_increment: Option<f64>,
    /// `exclamation-step`: Added to the sentence sum per `!` in the sentence (default 0.292,
    /// VADER's).
    pub exclamation_step: Option<f64>,
    /// `exclamation-max`: Most `!` counted per sentence (default 4, VADER's).
    pub exclamation_max: Option<usize>,
    /// `negation-window`: How many words before a hit a negation word is looked for (stopping
    /// at `,` `;` `:`) (default 3).
    pub negation_window: Option<usize>,
    /// `negation-factor`: Multiplies a negated hit (0 cancels it; VADER uses −0.74 for
    /// sentiment) (default 0.0).
    pub negation_factor: Option<f64>,
    /// `negation-words`: Negation words ("not", "never"); any word ending in `n't` also
    /// negates.
    #[serde(default)]
    pub negation_words: Vec<String>,
    /// `negation-exempt`: Phrases starting with a negation word that do not negate ("not
    /// only").
    #[serde(default)]
    pub negation_exempt: Vec<String>,
    /// `absolutes`: Absolute words and phrases ("always", "never once") for `form/absolutes`.
    #[serde(default)]
    pub absolutes: Vec<String>,
    /// `absolute-exempt`: Phrases containing an absolute that are not absolutes ("not always"):
    /// absolutes inside them are ignored.
    #[serde(default)]
    pub absolute_exempt: Vec<String>,
    /// `absolute-boost`: Weight of `form/absolutes` per absolute found, in a sentence that
    /// already has a positive contribution (default 0.5).
    pub absolute_boost: Option<f64>,
    /// `absolute-max`: Most absolutes counted per sentence by `form/absolutes` (default 2).
    pub absolute_max: Option<usize>,
    /// `absolute-cluster`: Least number of absolutes in a sentence aimed at a target for
    /// `form/absolute-cluster` (default 2).
    pub absolute_cluster: Option<usize>,
    /// `absolute-cluster-weight`: Weight of `form/absolute-cluster` (default 1.5).
    pub absolute_cluster_weight: Option<f64>,
    /// `reported-verbs`: Verbs that report someone else's words ("called", "accused"): a hit
    /// after one within `reported-window` words counts ×`reported-factor`.
    #[serde(default)]
    pub reported_verbs: Vec<String>,
    /// `reported-factor`: Multiplies a hit in reported speech (default 0.5).
    pub reported_factor: Option<f64>,
    /// `reported-window`: How many words before a hit a reporting verb is looked for (default
    /// 6).
    pub reported_window: Option<usize>,
}

/// `[tone.targets]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TargetsDef {
    /// `pronouns`: Third-person pronouns that make a hit aimed ("he", "they").
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// `second-person`: Second-person words ("you", "your"): a target of its own kind (not
    /// aimed for `form/absolute-cluster` and rhetorical questions); also read by
    /// `form/second-person`.
    #[serde(default)]
    pub second_person: Vec<String>,
    /// `roles`: Role words that make a hit aimed ("minister", "ambassador").
    #[serde(default)]
    pub roles: Vec<String>,
    /// `leader-roles`: Role words of heads of state or government ("president", "prime
    /// minister"): a hit aimed at one counts ×`leader-factor`.
    #[serde(default)]
    pub leader_roles: Vec<String>,
    /// `leader-links`: Words that join a leader role to the name it governs ("of", "of the",
    /// "de"): in "the President of Freedonia" the role, the link and the name are one leader
    /// target. A name right after the role ("President Smith") or right before it joins too.
    #[serde(default)]
    pub leader_links: Vec<String>,
    /// `names`: Names that make a hit aimed (besides capitalised words, which count as names).
    #[serde(default)]
    pub names: Vec<String>,
    /// `name-suffixes`: Word endings that mark a capitalised first word of a sentence as a name
    /// (`ov`, `escu`).
    #[serde(default)]
    pub name_suffixes: Vec<String>,
    /// `not-names`: Capitalised words that are not names ("Monday", "Europe").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// `mentions`: Whether an @mention is a target (default true).
    pub mentions: Option<bool>,
    /// `window`: How many words from a hit a target is looked for, either side (default 6).
    pub window: Option<usize>,
    /// `aimed-factor`: Multiplies a hit aimed at a target (not a leader) (default 1.25).
    pub aimed_factor: Option<f64>,
    /// `leader-factor`: Multiplies a hit aimed at a leader role (default 1.5).
    pub leader_factor: Option<f64>,
    /// `unaimed-factor`: Multiplies a hit of an entry or category that needs a target when none
    /// is near (default 0.5).
    pub unaimed_factor: Option<f64>,
}

/// `[tone.quotes]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuotesDef {
    /// `attributed-factor`: Multiplies a hit inside a quotation attributed to someone (a
    /// reporting verb next to it) (default 0.2).
    pub attributed_factor: Option<f64>,
    /// `reporting-verbs`: Verbs that attribute a quotation ("said", "wrote").
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// `window`: How many words before the opening or after the closing quote a reporting verb
    /// is looked for (default 4).
    pub window: Option<usize>,
    /// `scare-max-words`: Most words of an unattributed quotation that counts as scare quotes
    /// (`form/scare-quote`); a title-like quotation does not count (default 3).
    pub scare_max_words: Option<usize>,
    /// `scare-weight`: Weight of `form/scare-quote` (default 1.2).
    pub scare_weight: Option<f64>,
    /// `scare-loaded`: Loaded words ("referendum", "elections") that add `scare-loaded-extra`
    /// inside scare quotes.
    #[serde(default)]
    pub scare_loaded: Vec<String>,
    /// `scare-loaded-extra`: Added to `form/scare-quote` when the quotation holds a loaded word
    /// (default 0.8).
    pub scare_loaded_extra: Option<f64>,
}

/// `[tone.forms]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormsDef {
    /// `acronyms`: Upper-case acronyms ("NATO", "UN") that are not shouting, compared with the
    /// original word.
    #[serde(default)]
    pub acronyms: Vec<String>,
    /// `min-caps-len`: Least length, in characters, of an all-capitals word for
    /// `form/caps-word` (default 3).
    pub min_caps_len: Option<usize>,
    /// `caps-word-weight`: Weight of `form/caps-word`, per shouted word outside a hit (default
    /// 0.6).
    pub caps_word_weight: Option<f64>,
    /// `caps-word-max`: Most shouted words counted per sentence by `form/caps-word` (default
    /// 2).
    pub caps_word_max: Option<usize>,
    /// `caps-cluster`: Least number of shouted words (two or more capitals, not acronyms) in
    /// one sentence for short ones (below `min-caps-len`) to count as `form/caps-word` too when one of them repeats:
    /// "NO talks, NO deal, NO exceptions" (default 3).
    pub caps_cluster: Option<usize>,
    /// `caps-sentence-ratio`: Least share (0–1) of capital letters among a sentence's letters
    /// for `form/caps-sentence` (default 0.8).
    pub caps_sentence_ratio: Option<f64>,
    /// `caps-sentence-min-words`: Least number of all-capitals words (not acronyms) for
    /// `form/caps-sentence` (default 2).
    pub caps_sentence_min_words: Option<usize>,
    /// `caps-sentence-weight`: Weight of `form/caps-sentence` (which replaces `form/caps-word`
    /// in that sentence) (default 1.5).
    pub caps_sentence_weight: Option<f64>,
    /// `punctuation-run-weight`: Weight of `form/punctuation-run`, a run of two or more `!`/`?`
    /// (default 0.8).
    pub punctuation_run_weight: Option<f64>,
    /// `question-run`: Added to `form/punctuation-run` when the run holds a `?` (default 0.6).
    pub question_run: Option<f64>,
    /// `rhetorical-weight`: Weight of `form/rhetorical-question`: a question with a rhetorical
    /// marker, aimed at a target (default 1.5).
    pub rhetorical_weight: Option<f64>,
    /// `rhetorical-markers`: Phrases that make a question rhetorical ("how dare", "who do they
    /// think").
    #[serde(default)]
    pub rhetorical_markers: Vec<String>,
    /// `rhetorical-exempt-starts`: Sentence starts that make a question genuine ("how can we",
    /// "when will").
    #[serde(default)]
    pub rhetorical_exempt_starts: Vec<String>,
    /// `accusation-verbs`: Verbs that, within `second-person-window` words after a
    /// second-person word, make `form/second-person` ("you lied").
    #[serde(default)]
    pub accusation_verbs: Vec<String>,
    /// `second-person-window`: How many words after a second-person word an accusation verb is
    /// looked for (default 3).
    pub second_person_window: Option<usize>,
    /// `second-person-weight`: Weight of `form/second-person` (default 2.5).
    pub second_person_weight: Option<f64>,
}

/// `[tone.sarcasm]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SarcasmDef {
    /// `negative-events`: Words of negative events ("crisis", "war"): one of the three
    /// incongruity cues, with a target and mockery.
    #[serde(default)]
    pub negative_events: Vec<String>,
    /// `incongruity-min`: Least number of the three cues (target, negative event, mockery) a
    /// hit of an `incongruity` category needs; with fewer it counts 0 (default 2).
    pub incongruity_min: Option<usize>,
}

/// One `[[tone.category]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryDef {
    /// Category id; entry ids are `<category>/<entry>`.
    pub id: Spanned<String>,
    /// `label`: Human label shown in the detail pane ("Insult or name-calling"); defaults to
    /// the id.
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
    /// A sentence at the block threshold may block only when one of its counted hits is in
    /// a category with `may-block = true` (explicit threats, profanity, insults of a
    /// leader); every other sentence is capped at `warn`.
    pub may_block: Option<bool>,
    /// `entries`: The category's lexicon entries.
    #[serde(default)]
    pub entries: Vec<Spanned<EntryDef>>,
    /// `examples`: Texts the category (or exception) must flag and must pass (`tact rules
    /// test`).
    pub examples: Option<ExamplesDef>,
}

/// One lexicon entry: a literal term `t` (whole words, `*` = any word ending) or a pattern
/// `p` (Rust regex on the folded sentence), with weight `w`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntryDef {
    /// Entry id within the category; defaults to the term (spaces → `-`).
    pub id: Option<Spanned<String>>,
    /// `t`: A literal term: whole words of the folded view, `*` at the end of a word matches
    /// any ending (`idiot*`).
    pub t: Option<Spanned<String>>,
    /// `p`: A pattern: a Rust regex on the folded sentence (no look-around).
    pub p: Option<Spanned<String>>,
    /// `w`: The entry's weight on VADER's scale (a sentence sum of about 2.24 scores 0.5).
    pub w: Spanned<f64>,
    /// `needs-target`: Overrides the category's `needs-target` for this entry.
    pub needs_target: Option<bool>,
    /// `sureness`: How sure it is that the entry is offensive, 0–2 (as in `cuss`); entries
    /// below `min-sureness` are ignored (default 2).
    pub sureness: Option<u8>,
    /// The entry counts only when it occurs at least this often in the sentence.
    pub min_repeat: Option<usize>,
    /// What to write instead, offered as a `choice` fix (`"the statement is inaccurate"`).
    pub replace: Option<String>,
}

/// One `[[tone.exception]]`: hits of `applies-to` (categories or entry ids; empty = all)
/// inside one of `phrases`, or within `window` words of one of `near`, do not count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExceptionDef {
    /// `id`: Exception id (unique in the pack); also what `disable` names.
    pub id: Spanned<String>,
    /// `applies-to`: Category ids or entry ids the exception covers (empty: all).
    #[serde(default)]
    pub applies_to: Vec<Spanned<String>>,
    /// `phrases`: Phrases inside which a hit does not count ("attack on the embassy").
    #[serde(default)]
    pub phrases: Vec<String>,
    /// `near`: Words within `window` words of which a hit does not count ("football", "cyber").
    #[serde(default)]
    pub near: Vec<String>,
    /// `window`: How many words from a `near` word a hit is ignored, either side (default 4).
    pub window: Option<usize>,
    /// `examples`: Texts the category (or exception) must flag and must pass (`tact rules
    /// test`).
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
