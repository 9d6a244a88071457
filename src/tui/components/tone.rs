//! The tone explanation in the detail pane (reference/tone.md §3.5): the sentence's score
//! against the threshold of its level, then every contribution — the words, the entry id,
//! the base weight, the modifiers and the resulting value — largest first, then how the
//! score comes from them: their sum `s`, bounded as `s / √(s² + α)` (the scorer's own
//! formula, [`crate::kinds::tone::model::ToneModel::normalise`]). The same words are
//! underlined in the text ([`crate::tui::App::marks`]).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{clean, short};
use crate::model::{Contribution, Finding, LearnedScore, ToneExplanation};
use crate::tui::theme::Theme;

/// Longest excerpt of a contribution's words, in characters.
const WORDS_MAX: usize = 40;

/// The words of `c` in `text` (empty when the span is not on char boundaries of `text`).
fn words<'t>(text: &'t str, c: &Contribution) -> &'t str {
    text.get(c.start..c.end).unwrap_or("")
}

/// `3.00 × aimed at leader 1.50 × negated 0.00 = 0.00`.
pub fn arithmetic(c: &Contribution) -> String {
    let mut s = format!("{:.2}", c.base);
    for (name, factor) in &c.modifiers {
        s.push_str(&format!(" × {} {factor:.2}", clean(name)));
    }
    s.push_str(&format!(" = {:.2}", c.value));
    s
}

/// `Score 0.84 ≥ warn threshold 0.75` (or `<` when a category floor raised the finding
/// to a level whose threshold the score is below).
pub fn score_line(t: &ToneExplanation) -> String {
    let cmp = if t.score >= t.threshold { "≥" } else { "<" };
    format!(
        "Score {:.2} {cmp} {} threshold {:.2}",
        t.score, t.level, t.threshold
    )
}

/// How the score comes from the contributions' `values` (in the order shown): their sum
/// `s`, then `score = s / √(s² + α)` with the numbers put in.
///
/// `sum s = 4.50 + 1.50 = 6.00` and `score = s / √(s² + α) = 6.00 / √(6.00² + 15) = 0.84`.
pub fn score_arithmetic(t: &ToneExplanation, values: &[f64]) -> [String; 2] {
    let terms: Vec<String> = values.iter().map(|v| format!("{v:.2}")).collect();
    let sum = if terms.len() > 1 {
        format!("sum s = {} = {:.2}", terms.join(" + "), t.sum)
    } else {
        format!("sum s = {:.2}", t.sum)
    };
    let score = if t.sum > 0.0 {
        format!(
            "score = s / √(s² + α) = {s:.2} / √({s:.2}² + {a}) = {:.2}",
            t.score,
            s = t.sum,
            a = t.alpha,
        )
    } else {
        format!(
            "score = 0.00 (s is not above 0; else s / √(s² + α), α = {})",
            t.alpha
        )
    };
    [sum, score]
}

/// The lines of a tone finding's explanation; `text` is the current draft. The sentence
/// itself is [`sentence_line`], shown last (the pane is small; the words are underlined in
/// the text anyway).
pub fn lines(f: &Finding, t: &ToneExplanation, text: &str, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(score_line(t))];
    let mut sorted: Vec<&Contribution> = t.contributions.iter().collect();
    sorted.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.start.cmp(&b.start)));
    let word_style: Style = theme.finding(f.severity);
    // The learned weights' values are log-odds, not part of the sum `s`.
    let values: Vec<f64> = sorted
        .iter()
        .filter(|c| !is_learned(c))
        .map(|c| c.value)
        .collect();
    for c in sorted {
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(clean(&short(words(text, c), WORDS_MAX)), word_style),
            Span::raw("  "),
            Span::raw(clean(&c.entry)),
        ]));
        out.push(Line::from(format!("  {}", arithmetic(c))));
    }
    for l in score_arithmetic(t, &values) {
        out.push(Line::from(format!("  {l}")));
    }
    if let Some(l) = &t.learned {
        out.push(Line::from(format!("  {}", learned_line(l))));
    }
    out
}

/// A contribution of the learned word weights (`learned/<words>`).
fn is_learned(c: &Contribution) -> bool {
    c.entry.starts_with("learned/")
}

/// `raised to warn by the learned wording: p = 0.78 ≥ 0.55 (σ of the summed log-odds of
/// all its words; the heaviest are listed)`.
pub fn learned_line(l: &LearnedScore) -> String {
    format!(
        "raised to warn by the learned wording: p = {:.2} ≥ {:.2} (σ of the summed weights \
         of all its words; the heaviest are listed)",
        l.probability, l.warn
    )
}

/// `Sentence: “…”` (at most 200 characters).
pub fn sentence_line(f: &Finding) -> Line<'static> {
    Line::from(format!("Sentence: “{}”", clean(&short(&f.matched, 200))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn explanation(sum: f64, score: f64) -> ToneExplanation {
        ToneExplanation {
            score,
            threshold: 0.75,
            level: Severity::Warn,
            sum,
            alpha: 15.0,
            contributions: Vec::new(),
            learned: None,
        }
    }

    #[test]
    fn the_arithmetic_is_the_bounded_sum_not_a_sum() {
        // 6 / √(36 + 15) = 0.840…
        let t = explanation(6.0, 0.84);
        assert_eq!(score_line(&t), "Score 0.84 ≥ warn threshold 0.75");
        assert_eq!(
            score_arithmetic(&t, &[4.5, 1.5]),
            [
                "sum s = 4.50 + 1.50 = 6.00".to_string(),
                "score = s / √(s² + α) = 6.00 / √(6.00² + 15) = 0.84".to_string(),
            ]
        );
        assert_eq!(
            score_arithmetic(&explanation(4.5, 0.758), &[4.5])[0],
            "sum s = 4.50"
        );
        assert!(score_arithmetic(&explanation(0.0, 0.0), &[0.0])[1].starts_with("score = 0.00"));
    }
}
