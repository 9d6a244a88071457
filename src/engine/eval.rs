//! Counting and figures of the tone rules on labelled posts (`reference/tone.md` §4), shared
//! by `tact rules eval` (the harness is the binary's `commands/eval.rs`) and the fit
//! ([`super::fit`]): the labelled-post format, a post's verdict, confusion counts, and how a
//! misclassified post and the contributions to its score are shown. Pure: no printing, no
//! files.
//!
//! The format is JSON Lines: one object per line with `text` and `tone_ok` (and optionally
//! `id`, `kind`, `lang`, `cues`, `traps`). Undiplomatic (`tone_ok: false`) is the positive
//! class; a post is flagged when a tone finding reaches the chosen level.

use serde::Deserialize;

use crate::model::{Category, Contribution, Finding, Severity};

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
        let mut rec: Labelled = serde_json::from_str(line).map_err(|e| record_error(i + 1, &e))?;
        rec.id.get_or_insert_with(|| format!("line {}", i + 1));
        out.push(rec);
    }
    Ok(out)
}

/// `line 4, column 117: …` in plain words: the position in the file (serde_json counts
/// within the one line it was given), what is wrong, and what a record needs.
fn record_error(line: usize, e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(w, _)| w);
    let what = if e.is_eof() {
        "the record ends too early (a closing quote, `}` or `]` is missing)".to_string()
    } else if e.is_syntax() {
        format!("this is not a JSON object ({what})")
    } else {
        what.replace("invalid type: ", "wrong type: ")
    };
    format!(
        "line {line}, column {}: {what}; each line is one JSON object with `text` (a string) \
         and `tone_ok` (true or false), e.g. {{\"text\": \"…\", \"tone_ok\": false}}",
        e.column()
    )
}

/// The tone findings among a post's `findings`, whether one reaches level `at` (the post
/// is flagged), and the highest tone score (0 when none scored).
pub fn verdict(findings: Vec<Finding>, at: Severity) -> (Vec<Finding>, bool, f64) {
    let tone: Vec<Finding> = findings
        .into_iter()
        .filter(|f| f.category == Category::Tone && f.tone.is_some())
        .collect();
    let flagged = tone.iter().any(|f| f.severity >= at);
    let score = tone
        .iter()
        .filter_map(|f| f.tone.as_ref().map(|t| t.score))
        .fold(0.0, f64::max);
    (tone, flagged, score)
}

/// How wrong a misclassified post is, for showing the worst first: a miss by how low its
/// score is, a false alarm by how high.
pub fn badness(tone_ok: bool, score: f64) -> f64 {
    if tone_ok { score } else { 1.0 - score }
}

/// `false alarm` for a misclassified acceptable post, `miss` for an undiplomatic one.
pub fn error_name(tone_ok: bool) -> &'static str {
    if tone_ok { "false alarm" } else { "miss" }
}

/// One contribution to a post's score, indented under the post: the words (quoted, cut to
/// fit `span_width` columns), the entry id (padded to `entry_width`), the base weight, the
/// modifiers and the value (`"idiots"  insult/idiot  0.80 negated 0.00 = 0.00`).
pub fn contribution_line(
    text: &str,
    c: &Contribution,
    span_width: usize,
    entry_width: usize,
) -> String {
    let span = text.get(c.start..c.end).unwrap_or("");
    let mods: Vec<String> = c
        .modifiers
        .iter()
        .map(|(m, f)| format!("{m} {f:.2}"))
        .collect();
    let quoted = format!(
        "\"{}\"",
        crate::text::visible(span)
            .chars()
            .take(span_width.saturating_sub(2))
            .collect::<String>()
    );
    format!(
        "      {quoted:<span_width$} {:<entry_width$} {:.2} {} = {:.2}",
        c.entry,
        c.base,
        mods.join(", "),
        c.value
    )
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
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

    /// `precision 0.900  recall 0.800  F1 0.847   (tp 8 fp 1 fn 2 tn 9)`: the summary line
    /// of `tact rules eval`.
    pub fn summary(&self) -> String {
        self.figures(["precision", "recall", "F1"], "   ")
    }

    /// `P 0.900  R 0.800  F1 0.847  (tp 8 fp 1 fn 2 tn 9)`: one line of a fit's tables.
    pub fn line(&self) -> String {
        self.figures(["P", "R", "F1"], "  ")
    }

    fn figures(&self, [p, r, f]: [&str; 3], gap: &str) -> String {
        // Nothing flagged: precision is 0/0, not 1.
        let precision = if self.tp + self.fp == 0 {
            "  –  ".to_string()
        } else {
            format!("{:.3}", self.precision())
        };
        format!(
            "{p} {precision}  {r} {:.3}  {f} {:.3}{gap}(tp {} fp {} fn {} tn {})",
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Errors name the file's line and the column in it, in plain words (found by a
    /// new-user trial: "line 4: … at line 1 column 117" read as a contradiction).
    #[test]
    fn a_bad_record_is_named_by_line_and_column_in_plain_words() {
        let text = "{\"text\":\"a\",\"tone_ok\":true}\n\n{\"text\":\"b\"}\n";
        let e = parse(text).unwrap_err();
        assert!(
            e.starts_with("line 3, column 12: missing field `tone_ok`;"),
            "{e}"
        );
        assert!(!e.contains("at line 1"), "{e}");
        let e = parse("{\"text\":\"b\",\"tone_ok\":\"yes\"}").unwrap_err();
        assert!(
            e.starts_with("line 1, column 27: wrong type: string \"yes\", expected a boolean"),
            "{e}"
        );
        let e = parse("{\"text\":\"a").unwrap_err();
        assert!(e.contains("the record ends too early"), "{e}");
    }

    #[test]
    fn counts_give_figures_in_both_layouts() {
        let mut c = Counts::default();
        for (u, f) in [(true, true), (true, true), (false, true), (true, false)] {
            c.add(u, f);
        }
        c.add(false, false);
        assert_eq!(
            c.summary(),
            "precision 0.667  recall 0.667  F1 0.667   (tp 2 fp 1 fn 1 tn 1)"
        );
        assert_eq!(
            c.line(),
            "P 0.667  R 0.667  F1 0.667  (tp 2 fp 1 fn 1 tn 1)"
        );
        assert_eq!(Counts::default().precision(), 1.0);
    }

    #[test]
    fn a_contribution_line_quotes_and_cuts_the_words() {
        let c = Contribution {
            start: 0,
            end: 6,
            entry: "insult/idiot".into(),
            base: 0.8,
            modifiers: vec![("negated".into(), 0.0)],
            value: 0.0,
        };
        let line = contribution_line("idiots all", &c, 6, 14);
        assert_eq!(
            line,
            "      \"idio\" insult/idiot   0.80 negated 0.00 = 0.00"
        );
        assert_eq!(badness(true, 0.9), 0.9);
        assert!((badness(false, 0.9) - 0.1).abs() < 1e-12);
        assert_eq!(error_name(false), "miss");
    }
}
