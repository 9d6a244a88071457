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
    let e = entry(model, &c.entry);
    let suggest = e
        .map(|e| model.categories[e.category].suggest.as_str())
        .map(first_sentence)
        .filter(|s| !s.is_empty())
        .unwrap_or("Rephrase in measured register");
    match e.and_then(|e| e.replace.as_deref()) {
        Some(r) => format!("{suggest}: {}", replace_words(text, c, r)),
        None => {
            let words = visible(text.get(c.start..c.end).unwrap_or(""));
            // Another word of the sentence may have a suggested replacement (the fix):
            // name it too, so the advice and the fix never disagree.
            let other = contributions
                .iter()
                .filter(|o| o.value > 0.0 && o.start != c.start)
                .find_map(|o| Some((o, entry(model, &o.entry)?.replace.as_deref()?)));
            match other {
                Some((o, r)) => {
                    format!(
                        "{suggest}: rephrase “{words}”; {}",
                        replace_words(text, o, r)
                    )
                }
                None => format!("{suggest}: rephrase “{words}”"),
            }
        }
    }
}

/// "replace “a liar” with “mistaken”": the words of contribution `c` and what the fix
/// puts there ([`replacement_edit`]).
fn replace_words(text: &str, c: &Contribution, r: &str) -> String {
    let edit = replacement_edit(text, c.start, c.end, r);
    let old = text.get(edit.start..edit.end).unwrap_or("");
    // Name the article only when it changes or goes ("a liar" → "mistaken").
    let same_article =
        old.split(' ').next() == edit.replacement.split(' ').next() && edit.start < c.start;
    let (old, new) = if same_article {
        (text.get(c.start..c.end).unwrap_or(""), r)
    } else {
        (old, edit.replacement.as_str())
    };
    format!("replace “{}” with “{new}”", visible(old))
}

/// The indefinite article ("a", "an", any case) right before byte `start` of `text`, with
/// one or more spaces between: its byte start, if any.
fn article_before(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?;
    let word_end = before.trim_end_matches([' ', '\u{a0}']).len();
    if word_end == before.len() {
        return None;
    }
    let head = &before[..word_end];
    let word_start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    matches!(head[word_start..].to_lowercase().as_str(), "a" | "an").then_some(word_start)
}

/// Whether the word at `text[end..]` ends a noun phrase: nothing, punctuation or a
/// conjunction follows, so a noun such as "liar" is the head of "a liar".
fn ends_phrase(text: &str, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("").trim_start();
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    match after.chars().next() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        _ => matches!(
            word.to_lowercase().as_str(),
            "and" | "or" | "but" | "who" | "that"
        ),
    }
}

/// "a" or "an" before `word` (English spelling rule by first letter; an initial capital kept
/// from `like`).
fn article_for(word: &str, like: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    let a = if vowel { "an" } else { "a" };
    if like.starts_with('A') {
        let mut s = a.to_string();
        s[..1].make_ascii_uppercase();
        s
    } else {
        a.to_string()
    }
}

/// The edit that puts replacement `r` for the hit at bytes `start..end` of `text`, keeping
/// the sentence grammatical: a noun at the end of its phrase loses its article ("is a liar"
/// → "is mistaken"); otherwise the article agrees with the replacement ("a ridiculous claim"
/// → "an unfounded claim"). An initial capital of the replaced text is kept.
pub fn replacement_edit(text: &str, start: usize, end: usize, r: &str) -> Edit {
    let capital = |first: &str, r: &str| {
        let mut out = r.to_string();
        if first.chars().next().is_some_and(char::is_uppercase)
            && let Some(c) = out.chars().next()
        {
            out.replace_range(..c.len_utf8(), &c.to_uppercase().to_string());
        }
        out
    };
    match article_before(text, start) {
        Some(a) if ends_phrase(text, end) => Edit {
            start: a,
            end,
            replacement: capital(&text[a..], r),
        },
        Some(a) => {
            let art = &text[a..start].trim_end();
            Edit {
                start: a,
                end,
                replacement: format!("{} {}", article_for(r, art), r),
            }
        }
        None => Edit {
            start,
            end,
            replacement: capital(&text[start..end], r),
        },
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

/// A `choice` fix for every contribution whose entry has a suggested replacement, as
/// [`replacement_edit`] places it in `text` (the original).
pub fn fixes(model: &ToneModel, text: &str, contributions: &[Contribution]) -> Vec<Fix> {
    contributions
        .iter()
        .filter(|c| c.value > 0.0)
        .filter_map(|c| {
            let r = entry(model, &c.entry)?.replace.as_ref()?;
            Some(Fix {
                applicability: Applicability::Choice,
                edits: vec![replacement_edit(text, c.start, c.end, r)],
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

#[cfg(test)]
mod tests {
    use super::replacement_edit;

    fn put(text: &str, word: &str, r: &str) -> String {
        let start = text.find(word).unwrap();
        let e = replacement_edit(text, start, start + word.len(), r);
        format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..])
    }

    #[test]
    fn a_noun_at_the_end_of_its_phrase_loses_its_article() {
        assert_eq!(put("He is a liar.", "liar", "mistaken"), "He is mistaken.");
        assert_eq!(
            put("She is an idiot and a liar", "idiot", "unwise"),
            "She is unwise and a liar"
        );
        assert_eq!(
            put("A liar, again.", "liar", "mistaken"),
            "Mistaken, again."
        );
    }

    #[test]
    fn an_adjective_keeps_an_article_that_agrees() {
        assert_eq!(
            put("This is a ridiculous claim.", "ridiculous", "unfounded"),
            "This is an unfounded claim."
        );
        assert_eq!(
            put("An absurd claim.", "absurd", "flawed"),
            "A flawed claim."
        );
        assert_eq!(
            put("It was a pathetic excuse.", "pathetic", "disappointing"),
            "It was a disappointing excuse."
        );
    }

    #[test]
    fn without_an_article_only_the_word_changes_and_keeps_its_capital() {
        assert_eq!(
            put("Rubbish, all of it.", "Rubbish", "incorrect"),
            "Incorrect, all of it."
        );
        assert_eq!(
            put("That is rubbish.", "rubbish", "incorrect"),
            "That is incorrect."
        );
        // "banana" ends in "a": not an article.
        assert_eq!(
            put("a banana farce", "farce", "flawed process"),
            "a banana flawed process"
        );
    }
}
