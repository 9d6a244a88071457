//! What to do about a tone finding, in plain words, before the words and the arithmetic
//! (issue 12, "advice first"): the advice of the category (or form) that contributed most,
//! with the entry's suggested replacement when it has one, and that replacement offered as
//! a `choice` fix.

use super::model::ToneModel;
use crate::model::{Applicability, Contribution, Edit, Fix};
use crate::text::visible;

/// Advice for a form detector's contribution.
fn form_advice(entry: &str) -> Option<&'static str> {
    Some(match entry {
        "form/caps-sentence" | "form/caps-word" => {
            "Write it in normal capitals: capitals read as shouting"
        }
        "form/punctuation-run" | "form/exclamation" => {
            "End with one full stop: runs of ! and ? read as shouting"
        }
        "form/scare-quote" => {
            "Drop the quotation marks and use the official name: scare quotes sneer"
        }
        "form/rhetorical-question" => {
            "State your doubt and its grounds plainly instead of asking a rhetorical question"
        }
        "form/second-person" => {
            "Describe what happened and cite the record instead of accusing \"you\""
        }
        "form/absolutes" | "form/absolute-cluster" => {
            "Drop the absolutes (never, always, nothing) and state the facts"
        }
        _ => return None,
    })
}

/// The first sentence of a category's `suggest` text (up to `.`, `;` or `:`).
fn first_sentence(s: &str) -> &str {
    let end = s.find(['.', ';', ':']).unwrap_or(s.len());
    s[..end].trim()
}

/// The strongest positive contribution, if any.
fn top(contributions: &[Contribution]) -> Option<&Contribution> {
    contributions
        .iter()
        .filter(|c| c.value > 0.0)
        .max_by(|a, b| a.value.total_cmp(&b.value).then(b.start.cmp(&a.start)))
}

fn entry<'a>(model: &'a ToneModel, id: &str) -> Option<&'a super::model::Entry> {
    model.entries.iter().find(|e| e.id == id)
}

/// The advice line: what to do first, naming the words to change. `text` is the original.
pub fn advice(model: &ToneModel, text: &str, contributions: &[Contribution]) -> String {
    let Some(c) = top(contributions) else {
        return "Rephrase in measured register".into();
    };
    if let Some(a) = form_advice(&c.entry) {
        return a.to_string();
    }
    if c.entry.starts_with("learned/") {
        return learned_advice(text, contributions);
    }
    let words = visible(text.get(c.start..c.end).unwrap_or(""));
    let e = entry(model, &c.entry);
    let suggest = e
        .map(|e| model.categories[e.category].suggest.as_str())
        .map(first_sentence)
        .filter(|s| !s.is_empty())
        .unwrap_or("Rephrase in measured register");
    match e.and_then(|e| e.replace.as_deref()) {
        Some(r) => format!("{suggest}: replace “{words}” with “{r}”"),
        None => format!("{suggest}: rephrase “{words}”"),
    }
}

/// Advice when learned wording carries the sentence: the strongest learned phrases (at
/// most three) to reword.
fn learned_advice(text: &str, contributions: &[Contribution]) -> String {
    let mut top: Vec<&Contribution> = contributions
        .iter()
        .filter(|c| c.value > 0.0 && c.entry.starts_with("learned/"))
        .collect();
    top.sort_by(|a, b| b.value.total_cmp(&a.value));
    let words: Vec<String> = top
        .iter()
        .take(3)
        .map(|c| format!("“{}”", visible(text.get(c.start..c.end).unwrap_or(""))))
        .collect();
    format!(
        "Restate it as a measured position (what happened, what you ask for); in the labelled \
         posts, wording like {} was mostly undiplomatic",
        words.join(", ")
    )
}

/// A `choice` fix for every contribution whose entry has a suggested replacement.
pub fn fixes(model: &ToneModel, contributions: &[Contribution]) -> Vec<Fix> {
    contributions
        .iter()
        .filter(|c| c.value > 0.0)
        .filter_map(|c| {
            let r = entry(model, &c.entry)?.replace.as_ref()?;
            Some(Fix {
                applicability: Applicability::Choice,
                edits: vec![Edit {
                    start: c.start,
                    end: c.end,
                    replacement: r.clone(),
                }],
            })
        })
        .collect()
}

/// Whether a sentence with these contributions may block: a counted hit of a `may-block`
/// category (explicit threats, profanity), and for a category that needs a target
/// (insults, personal attacks) only a hit aimed at a leader role.
pub fn may_block(model: &ToneModel, contributions: &[Contribution]) -> bool {
    contributions.iter().filter(|c| c.value > 0.0).any(|c| {
        let Some(cat) = c.entry.split('/').next() else {
            return false;
        };
        model.categories.iter().any(|k| {
            k.id == cat
                && k.may_block
                && (!k.needs_target
                    || c.modifiers
                        .iter()
                        .any(|(m, _)| m.starts_with("aimed at leader")))
        })
    })
}
