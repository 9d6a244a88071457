//! Findings, severities, categories and fixes: what the engine returns for a text.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warn < Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice; never stops a post.
    Info,
    /// Worth a second look; does not stop a post by default.
    Warn,
    /// Must be fixed or justified at the publish gate; `tact check` exits 1.
    Block,
}

impl Severity {
    /// All severities from most to least serious.
    pub const ALL_DESC: [Severity; 3] = [Severity::Block, Severity::Warn, Severity::Info];

    /// The lowercase name used in rule files and JSON (`block`, `warn`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }

    /// A symbol that shows the severity without colour (`✖`, `▲`, `●`).
    pub fn symbol(self) -> &'static str {
        match self {
            Severity::Block => "✖",
            Severity::Warn => "▲",
            Severity::Info => "●",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of problem a rule looks for (DESIGN §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Classified markings, cable headers, internal references, schedules.
    Leak,
    /// Draft leftovers: placeholders, embargo lines, comms-plan residue.
    Draft,
    /// Sensitive terminology: naming disputes, loaded labels.
    Terms,
    /// Undiplomatic tone.
    Tone,
    /// Hidden characters: zero-width, bidi controls, look-alikes.
    Hidden,
    /// Platform limits.
    Platform,
    /// Links: look-alike official domains, shorteners, deny lists ([`super::links`]).
    Link,
}

impl Category {
    /// The lowercase name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Leak => "leak",
            Category::Draft => "draft",
            Category::Terms => "terms",
            Category::Tone => "tone",
            Category::Hidden => "hidden",
            Category::Platform => "platform",
            Category::Link => "link",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How safely a fix may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Exactly one replacement; applied by one key (Alt+Enter / F4).
    Safe,
    /// One of several replacements; the writer picks.
    Choice,
    /// Advice only; nothing is applied automatically.
    None,
}

/// One replacement of a byte range of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Start, in bytes, into the original text (a char boundary).
    pub start: usize,
    /// End (exclusive), in bytes, into the original text (a char boundary).
    pub end: usize,
    /// The text that replaces `start..end`.
    pub replacement: String,
}

/// A fix: edits that are applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// Whether it can be applied without asking.
    pub applicability: Applicability,
    /// Non-overlapping edits, sorted by `start`.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// Applies the fix to `text` and returns the new text. Edits are applied from the end
    /// so earlier offsets stay valid. Edits outside `text` or off char boundaries are skipped.
    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for e in self.edits.iter().rev() {
            if e.start <= e.end
                && e.end <= out.len()
                && out.is_char_boundary(e.start)
                && out.is_char_boundary(e.end)
            {
                out.replace_range(e.start..e.end, &e.replacement);
            }
        }
        out
    }

    /// A label naming the words of `text` (the text the fix was made for) that change,
    /// e.g. "replace `Kiev` with `Kyiv`", "remove `[TBC]`"; edits outside `text` fall back
    /// to [`Fix::label`].
    pub fn label_in(&self, text: &str) -> String {
        match self.edits.as_slice() {
            [e] => match text.get(e.start..e.end) {
                Some(old) if old.trim().is_empty() => self.label(),
                Some(old) if e.replacement.is_empty() => format!("remove `{old}`"),
                Some(old) => format!("replace `{old}` with `{}`", e.replacement),
                None => self.label(),
            },
            _ => self.label(),
        }
    }

    /// A short label for the fix, e.g. "replace with `Kyiv`".
    pub fn label(&self) -> String {
        match self.edits.as_slice() {
            [e] if e.replacement.is_empty() => "remove it".to_string(),
            [e] => format!("replace with `{}`", e.replacement),
            edits => format!("{} edits", edits.len()),
        }
    }
}

/// One problem found in a text by one rule.
///
/// Spans are byte ranges of the *original* text, always on char boundaries.
/// `line` and `column` are 1-based; `column` counts characters (not bytes, not cells).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id, `<pack>/<rule>`, e.g. `terms/kyiv`.
    pub rule: String,
    /// The version of the pack the rule came from.
    pub pack_version: String,
    /// The rule's category.
    pub category: Category,
    /// Severity after config overrides.
    pub severity: Severity,
    /// Start, in bytes, into the original text.
    pub start: usize,
    /// End (exclusive), in bytes, into the original text.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// The original text of `start..end`.
    #[serde(rename = "match")]
    pub matched: String,
    /// The rule's message with `{match}` filled in.
    pub message: String,
    /// Why the rule exists (shown in the detail pane and by `tact explain`).
    pub why: String,
    /// Zero or more fixes; several `choice` fixes are alternatives.
    pub fixes: Vec<Fix>,
    /// For tone findings: the score, the threshold and what drove it (DESIGN §6, §8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<ToneExplanation>,
}

/// Why a tone finding fired: the sentence's score against the threshold, and every
/// contribution to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneExplanation {
    /// The sentence's normalised score.
    pub score: f64,
    /// The threshold the score reached (for the finding's severity).
    pub threshold: f64,
    /// The level whose threshold `threshold` is: the one the score reached, or the
    /// finding's severity when a category floor raised it (the score is then below it).
    pub level: Severity,
    /// The sum `s` of the contributions' values, before it is bounded.
    pub sum: f64,
    /// The constant α of the bound: `score = s / √(s² + α)` (0 when `s` ≤ 0).
    pub alpha: f64,
    /// What added to the score, in text order. The learned word weights' contributions
    /// (entry `learned/<words>`, value in log-odds) are among them but not in `sum`.
    pub contributions: Vec<Contribution>,
    /// Set when the learned word weights raised the sentence (`[tone.learned]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learned: Option<LearnedScore>,
}

/// How the learned word weights judged the run of sentences a finding is in:
/// `probability = σ(bias + Σ weights of its words and word pairs)`, at or above `warn`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LearnedScore {
    /// The probability (0–1) that the wording is undiplomatic.
    pub probability: f64,
    /// The probability at which the learned weights warn.
    pub warn: f64,
}

/// One entry or detector that added to a tone score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// Start, in bytes, into the original text.
    pub start: usize,
    /// End (exclusive), in bytes, into the original text.
    pub end: usize,
    /// `category/entry` id, e.g. `insult/idiot` or `form/all-caps`.
    pub entry: String,
    /// The entry's base weight.
    pub base: f64,
    /// Modifiers applied, in order, with their factor (e.g. `("negated", 0.0)`).
    pub modifiers: Vec<(String, f64)>,
    /// The resulting contribution to the score.
    pub value: f64,
}

/// The rule id of the finding that says a text was too large to check ([`Finding::too_large`]).
pub const TOO_LARGE_RULE: &str = "tact/too-large";

impl Finding {
    /// A blocking finding saying that a text of `len` bytes was not checked because it is
    /// over `max` bytes. The gate refuses such a text outright (it cannot be overridden:
    /// nothing in it was checked).
    pub fn too_large(len: usize, max: usize) -> Finding {
        let mb = |n: usize| n as f64 / 1e6;
        Finding {
            rule: TOO_LARGE_RULE.into(),
            pack_version: String::new(),
            category: Category::Platform,
            severity: Severity::Block,
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            matched: String::new(),
            message: format!(
                "not checked: the text is {:.1} MB, over the {:.1} MB a single check takes",
                mb(len),
                mb(max)
            ),
            why: "A text this large is not checked, so it cannot be cleared. Split it into \
                  smaller posts (or check it in parts with `tact check`); the text itself is \
                  kept and saved as usual."
                .into(),
            fixes: Vec::new(),
            tone: None,
        }
    }

    /// The fix that one key may apply: the only fix, if it is `safe`.
    pub fn safe_fix(&self) -> Option<&Fix> {
        match self.fixes.as_slice() {
            [f] if f.applicability == Applicability::Safe => Some(f),
            _ => None,
        }
    }
}

/// Counts of findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Findings at `block`.
    pub block: usize,
    /// Findings at `warn`.
    pub warn: usize,
    /// Findings at `info`.
    pub info: usize,
}

impl Totals {
    /// Counts the findings of `findings` by severity.
    pub fn of(findings: &[Finding]) -> Totals {
        let mut t = Totals::default();
        for f in findings {
            t.add(f.severity);
        }
        t
    }

    /// Like [`Totals::of`], but a summary of findings past a rule's cap
    /// ([`Finding::unlisted_summary`]) counts as the findings it stands for: what the
    /// writer is told is in the text (the JSON summary keeps those apart, as `not_listed`).
    pub fn of_all(findings: &[Finding]) -> Totals {
        let mut t = Totals::default();
        for f in findings {
            t.add_many(f.severity, f.unlisted().unwrap_or(1));
        }
        t
    }

    /// Adds one finding of severity `s`.
    pub fn add(&mut self, s: Severity) {
        self.add_many(s, 1);
    }

    /// Adds `n` findings of severity `s`.
    pub fn add_many(&mut self, s: Severity, n: usize) {
        match s {
            Severity::Block => self.block += n,
            Severity::Warn => self.warn += n,
            Severity::Info => self.info += n,
        }
    }

    /// The highest severity present, if any.
    pub fn max(&self) -> Option<Severity> {
        if self.block > 0 {
            Some(Severity::Block)
        } else if self.warn > 0 {
            Some(Severity::Warn)
        } else if self.info > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}
