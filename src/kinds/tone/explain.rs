//! Tone findings and their explanations (`reference/tone.md` §3.5): one finding per sentence
//! at `info` or above, spanning the sentence, naming the words that drove the score, with
//! the score, the threshold and every contribution in [`Finding::tone`].

use super::model::ToneModel;
use super::score::{Input, SentenceScore, score};
use crate::kinds::CompiledRule;
use crate::model::LineIndex;
use crate::model::{Contribution, Finding, ToneExplanation};
use crate::text::visible;

/// A short label for a contribution's entry: the category label, or the form's name.
pub fn label<'a>(model: &'a ToneModel, entry: &'a str) -> &'a str {
    let form = match entry {
        "form/caps-sentence" => "all capitals",
        "form/caps-word" => "capitals",
        "form/punctuation-run" => "emotional punctuation",
        "form/exclamation" => "exclamation marks",
        "form/scare-quote" => "scare quotes",
        "form/rhetorical-question" => "rhetorical question",
        "form/second-person" => "second-person accusation",
        "form/absolutes" => "absolutes",
        "form/absolute-cluster" => "sweeping absolutes",
        _ => "",
    };
    if !form.is_empty() {
        return form;
    }
    if entry.starts_with("learned/") {
        return "learned wording";
    }
    let cat = entry.split('/').next().unwrap_or(entry);
    model
        .categories
        .iter()
        .find(|c| c.id == cat)
        .map_or(cat, |c| c.label.as_str())
}

/// The words that drove the score: the strongest positive contributions (at most 4), as
/// `“buffoon” (insult)`; long spans (sentence-wide forms) by their label only.
pub fn words(model: &ToneModel, text: &str, contributions: &[Contribution]) -> String {
    let mut top: Vec<&Contribution> = contributions.iter().filter(|c| c.value > 0.0).collect();
    top.sort_by(|a, b| b.value.total_cmp(&a.value));
    top.iter()
        .take(4)
        .map(|c| {
            let span = text.get(c.start..c.end).unwrap_or("");
            let l = label(model, &c.entry);
            if span.chars().count() <= 40 && c.entry != "form/caps-sentence" {
                format!("“{}” ({l})", visible(span))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The message: `{score}` is "0.84 ≥ 0.75" against the threshold the score reached (with
/// ", strong" when the rule's severity caps a block-level score), or the floor that raised it.
fn message(model: &ToneModel, rule: &CompiledRule, text: &str, s: &SentenceScore) -> String {
    let level = s.level.map_or("", |l| l.as_str());
    let reached = model.thresholds.level(s.score);
    let mut score = format!(
        "{:.2} ≥ {:.2}",
        s.score,
        reached.map_or(0.0, |l| model.thresholds.of(l))
    );
    let cap = if super::advice::may_block(model, &s.contributions) {
        rule.severity
    } else {
        rule.severity.min(crate::model::Severity::Warn)
    };
    if reached.is_some_and(|l| l > cap) {
        score.push_str(", strong");
    }
    if let (Some(p), Some(l)) = (s.learned, model.learned.as_ref()) {
        score = format!(
            "{:.2}, raised to {level}: the learned word weights rate the wording {p:.2}, at or \
             above their {:.2}",
            s.score, l.warn
        );
    } else if let Some(cat) = &s.floored_by {
        score = format!(
            "{:.2}, raised to {level}: {}",
            s.score,
            label(model, &format!("{cat}/"))
        );
    }
    let mut out = rule.message.clone();
    fill(&mut out, "{advice}", || {
        super::advice::advice(model, text, &s.contributions)
    });
    fill(&mut out, "{words}", || words(model, text, &s.contributions));
    fill(&mut out, "{score}", || score);
    fill(&mut out, "{level}", || level.to_string());
    fill(&mut out, "{match}", || {
        visible(text.get(s.start..s.end).unwrap_or(""))
    });
    out
}

/// Replaces `key` in `template` by `value()`, computed only when the key occurs.
fn fill(template: &mut String, key: &str, value: impl FnOnce() -> String) {
    if template.contains(key) {
        *template = template.replace(key, &value());
    }
}

/// Why a sentence the learned weights raised is flagged.
const LEARNED_WHY: &str = "The learned word weights (`[tone.learned]`, fitted by `tact rules fit` to labelled posts) rate this wording as undiplomatic: posts that used these words were judged undiplomatic by the people who labelled them. Say the same thing in the measured register of an official statement: the position, the facts, what you ask for.";

fn why(model: &ToneModel, rule: &CompiledRule, s: &SentenceScore) -> String {
    let mut parts: Vec<&str> = s
        .categories
        .iter()
        .map(|&c| model.categories[c].suggest.as_str())
        .filter(|x| !x.is_empty())
        .collect();
    parts.dedup();
    if s.learned.is_some() {
        parts.push(LEARNED_WHY);
    }
    parts.push(rule.why.as_str());
    parts.join("\n\n")
}

/// The tone findings of `rule` for one text.
pub fn findings(
    model: &ToneModel,
    rule: &CompiledRule,
    input: &Input,
    lines: &LineIndex,
) -> Vec<Finding> {
    let text = input.text;
    let not_checked = super::coverage::finding(model, rule, text, lines);
    score(model, input)
        .into_iter()
        .filter_map(|s| {
            let mut severity = s.level?.min(rule.severity);
            // Only explicit threats, profanity and insults of a leader (`may-block`) block.
            if severity == crate::model::Severity::Block
                && !super::advice::may_block(model, &s.contributions)
            {
                severity = crate::model::Severity::Warn;
            }
            // The threshold the score reached (as the message says), else the severity's (a
            // category floor raised it).
            let level = model.thresholds.level(s.score).unwrap_or(severity);
            let threshold = model.thresholds.of(level);
            let (line, column) = lines.line_col(text, s.start);
            Some(Finding {
                rule: rule.id.clone(),
                pack_version: rule.pack_version.clone(),
                category: rule.category,
                severity,
                start: s.start,
                end: s.end,
                line,
                column,
                matched: text[s.start..s.end].to_string(),
                message: message(model, rule, text, &s),
                why: why(model, rule, &s),
                fixes: super::advice::fixes(model, text, &s.contributions),
                tone: Some(ToneExplanation {
                    score: (s.score * 1000.0).round() / 1000.0,
                    threshold,
                    level,
                    sum: (s.sum * 1000.0).round() / 1000.0,
                    alpha: model.alpha,
                    contributions: s.contributions,
                    learned: s.learned.zip(model.learned.as_ref()).map(|(p, l)| {
                        crate::model::LearnedScore {
                            probability: (p * 1000.0).round() / 1000.0,
                            warn: l.warn,
                        }
                    }),
                }),
            })
        })
        .chain(not_checked)
        .collect()
}
