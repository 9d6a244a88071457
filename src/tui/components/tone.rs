//! The tone explanation in the detail pane (reference/tone.md §3.5): the sentence's score
//! against the threshold, then every contribution — the words, the entry id, the base
//! weight, the modifiers and the resulting value — largest first. The same words are
//! underlined in the text ([`crate::tui::App::marks`]).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{clean, short};
use crate::model::{Contribution, Finding, ToneExplanation};
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

/// `Score 0.84 ≥ threshold 0.75` (or `<` when a finding is shown below its threshold).
pub fn score_line(t: &ToneExplanation) -> String {
    let cmp = if t.score >= t.threshold { "≥" } else { "<" };
    format!("Score {:.2} {cmp} threshold {:.2}", t.score, t.threshold)
}

/// The lines of a tone finding's explanation; `text` is the current draft. The sentence
/// itself is [`sentence_line`], shown last (the pane is small; the words are underlined in
/// the text anyway).
pub fn lines(f: &Finding, t: &ToneExplanation, text: &str, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(score_line(t))];
    let mut sorted: Vec<&Contribution> = t.contributions.iter().collect();
    sorted.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.start.cmp(&b.start)));
    let word_style: Style = theme.finding(f.severity);
    for c in sorted {
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(clean(&short(words(text, c), WORDS_MAX)), word_style),
            Span::raw("  "),
            Span::raw(clean(&c.entry)),
        ]));
        out.push(Line::from(format!("  {}", arithmetic(c))));
    }
    if t.contributions.len() > 1 {
        let sum: f64 = t.contributions.iter().map(|c| c.value).sum();
        out.push(Line::from(format!("  sum {sum:.2} → score {:.2}", t.score)));
    }
    out
}

/// `Sentence: “…”` (at most 200 characters).
pub fn sentence_line(f: &Finding) -> Line<'static> {
    Line::from(format!("Sentence: “{}”", clean(&short(&f.matched, 200))))
}
