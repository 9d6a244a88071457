//! Evaluating the tone rules on labelled posts (`tact rules eval`, `reference/tone.md` §4):
//! one JSON object per line with `text` and `tone_ok` (and optionally `id`, `kind`, `cues`,
//! `traps`). Undiplomatic (`tone_ok: false`) is the positive class; a post is flagged when a
//! tone finding reaches the chosen level (default `warn`).

use serde::Deserialize;

use crate::engine::{CheckOptions, Engine};
use crate::model::{Category, Finding, Severity};

/// One labelled post.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    /// Record id (`dev-001`); the 1-based line number when missing.
    #[serde(default)]
    pub id: Option<String>,
    /// The post.
    pub text: String,
    /// Whether the post's tone is acceptable.
    pub tone_ok: bool,
    /// The primary reason (`sarcasm`, `condemnation`…).
    #[serde(default)]
    pub kind: Option<String>,
    /// Language (ISO 639-1), when given.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Parses JSON Lines; errors name the 1-based line.
///
/// # Errors
/// A line that is not a JSON object with `text` and `tone_ok`.
pub fn parse(text: &str) -> Result<Vec<Labelled>, String> {
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let mut rec: Labelled = serde_json::from_str(line)
            .map_err(|e| format!("line {}: {e} (each line needs `text` and `tone_ok`)", i + 1))?;
        rec.id.get_or_insert_with(|| format!("line {}", i + 1));
        out.push(rec);
    }
    Ok(out)
}

/// The outcome for one post.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The post.
    pub post: Labelled,
    /// Whether tact flagged it at the chosen level.
    pub flagged: bool,
    /// The highest tone score of its sentences (0 when none scored).
    pub score: f64,
    /// Its tone findings.
    pub findings: Vec<Finding>,
    /// Every sentence's score, also below `info` (to explain misses).
    pub sentences: Vec<crate::kinds::tone::SentenceScore>,
}

impl Outcome {
    /// Whether tact's decision matches the label.
    pub fn correct(&self) -> bool {
        self.flagged != self.post.tone_ok
    }
}

/// Counts and figures over a labelled set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every post's outcome, in input order.
    pub outcomes: Vec<Outcome>,
    /// The confusion counts at the evaluated level.
    pub counts: Counts,
}

impl Report {
    /// One line: precision, recall, F1 and the confusion counts.
    pub fn summary(&self) -> String {
        format!(
            "precision {:.3}  recall {:.3}  F1 {:.3}   (tp {} fp {} fn {} tn {})",
            self.counts.precision(),
            self.counts.recall(),
            self.counts.f1(),
            self.counts.tp,
            self.counts.fp,
            self.counts.fn_,
            self.counts.tn
        )
    }

    /// Precision (1 when nothing was flagged).
    pub fn precision(&self) -> f64 {
        self.counts.precision()
    }

    /// Recall (1 when nothing was to be found).
    pub fn recall(&self) -> f64 {
        self.counts.recall()
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        self.counts.f1()
    }

    /// Per `kind`: `(kind, tone_ok, posts, flagged)`, sorted by label then kind.
    pub fn by_kind(&self) -> Vec<(String, bool, usize, usize)> {
        let mut out: Vec<(String, bool, usize, usize)> = Vec::new();
        for o in &self.outcomes {
            let k = o.post.kind.clone().unwrap_or_else(|| "(none)".into());
            match out.iter_mut().find(|x| x.0 == k && x.1 == o.post.tone_ok) {
                Some(x) => {
                    x.2 += 1;
                    x.3 += usize::from(o.flagged);
                }
                None => out.push((k, o.post.tone_ok, 1, usize::from(o.flagged))),
            }
        }
        out.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
        out
    }

    /// Misclassified posts, worst first: misses by lowest score, false alarms by highest.
    pub fn worst(&self, n: usize) -> Vec<&Outcome> {
        let mut wrong: Vec<&Outcome> = self.outcomes.iter().filter(|o| !o.correct()).collect();
        let badness = |o: &Outcome| {
            if o.post.tone_ok {
                o.score
            } else {
                1.0 - o.score
            }
        };
        wrong.sort_by(|a, b| badness(b).total_cmp(&badness(a)));
        wrong.truncate(n);
        wrong
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Checks every post and counts the outcomes at level `at`.
pub fn evaluate(engine: &Engine, posts: Vec<Labelled>, at: Severity) -> Report {
    let mut r = Report::default();
    let opts = CheckOptions::default();
    for post in posts {
        let findings: Vec<Finding> = engine
            .check(&post.text, &opts)
            .into_iter()
            .filter(|f| f.category == Category::Tone && f.tone.is_some())
            .collect();
        let flagged = findings.iter().any(|f| f.severity >= at);
        let score = findings
            .iter()
            .filter_map(|f| f.tone.as_ref().map(|t| t.score))
            .fold(0.0, f64::max);
        r.counts.add(!post.tone_ok, flagged);
        let sentences = explain_all(engine, &post.text);
        r.outcomes.push(Outcome {
            post,
            flagged,
            score,
            findings,
            sentences,
        });
    }
    r
}

/// The sentence scores of every enabled tone rule for `text`, also those below `info`.
pub fn explain_all(engine: &Engine, text: &str) -> Vec<crate::kinds::tone::SentenceScore> {
    let views = crate::text::Views::new(text);
    let bounds = crate::text::WordBounds::new(&views.folded.text);
    let entities = crate::text::extract_entities(text);
    let input = crate::kinds::tone::Input {
        text,
        folded: &views.folded,
        bounds: &bounds,
        entities: &entities,
    };
    engine
        .rules()
        .iter()
        .filter(|r| r.enabled)
        .filter_map(|r| match &r.matcher {
            crate::engine::Matcher::Tone(m) => Some(crate::kinds::tone::score(m, &input)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Confusion counts (undiplomatic = positive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Undiplomatic and flagged.
    pub tp: usize,
    /// Acceptable but flagged.
    pub fp: usize,
    /// Undiplomatic, not flagged.
    pub fn_: usize,
    /// Acceptable, not flagged.
    pub tn: usize,
}

impl Counts {
    /// Adds one judgement.
    pub fn add(&mut self, undiplomatic: bool, flagged: bool) {
        match (undiplomatic, flagged) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Precision (1 when nothing was flagged).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall (1 when nothing was to be found).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}
