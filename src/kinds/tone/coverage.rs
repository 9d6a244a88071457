//! Which texts the tone lexicon cannot read.
//!
//! **What it flags:** a text with at least [`MIN_LETTERS`] letters in scripts that no
//! `[tone] scripts` list covers, making up at least [`MIN_SHARE`] of its letters: one `info`
//! finding of the tone rule, spanning the uncovered letters, naming the script.
//!
//! **Why:** the lexicon, the forms and the learned weights only know the languages they were
//! written and fitted for. Without this notice an Arabic or Hebrew post full of insults would
//! pass with "No findings", which reads as "the tone is fine". The notice says plainly that
//! nobody checked, and whom to ask.
//!
//! **Example:** with `scripts = ["Latin", "Cyrillic"]`, a post in Arabic gets "Tone not
//! checked: 100 % of the letters of this text are Arabic script…". A Latin post that quotes
//! one Arabic name does not (too few letters).
//!
//! **Fix safety:** no fix; a reader of the language checks the post.

use unicode_script::{Script, UnicodeScript};

use super::model::ToneModel;
use crate::kinds::CompiledRule;
use crate::model::{Finding, LineIndex, Severity};

/// Fewest uncovered letters that raise the notice (a quoted name or a place is fewer).
pub const MIN_LETTERS: usize = 12;

/// Smallest share (0–1) of a text's letters that, uncovered, raises the notice.
pub const MIN_SHARE: f64 = 0.25;

/// The uncovered part of `text`: its main uncovered script, the share (0–1) of the letters
/// that are uncovered, and the byte range from the first to the last uncovered letter.
/// `None` when the model covers every script (empty `scripts`) or the uncovered letters are
/// too few.
pub fn uncovered(model: &ToneModel, text: &str) -> Option<(Script, f64, usize, usize)> {
    if model.scripts.is_empty() {
        return None;
    }
    let mut letters = 0usize;
    let mut counts: Vec<(Script, usize)> = Vec::new();
    let (mut first, mut last) = (usize::MAX, 0);
    for (i, c) in text.char_indices().filter(|(_, c)| c.is_alphabetic()) {
        letters += 1;
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown)
            || model.scripts.contains(&script)
        {
            continue;
        }
        first = first.min(i);
        last = i + c.len_utf8();
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    let other: usize = counts.iter().map(|(_, n)| n).sum();
    let share = other as f64 / letters.max(1) as f64;
    if other < MIN_LETTERS || share < MIN_SHARE {
        return None;
    }
    let main = counts.iter().max_by_key(|(_, n)| *n)?.0;
    Some((main, share, first, last))
}

/// The script names of `model`, joined for a sentence ("Latin and Cyrillic").
fn covered(model: &ToneModel) -> String {
    let names: Vec<&str> = model.scripts.iter().map(|s| s.full_name()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The info finding of `rule` saying that the tone of `text` was not checked, if it was not.
pub fn finding(
    model: &ToneModel,
    rule: &CompiledRule,
    text: &str,
    lines: &LineIndex,
) -> Option<Finding> {
    let (script, share, start, end) = uncovered(model, text)?;
    let (line, column) = lines.line_col(text, start);
    let name = script.full_name().replace('_', " ");
    Some(Finding {
        rule: rule.id.clone(),
        pack_version: rule.pack_version.clone(),
        category: rule.category,
        severity: Severity::Info,
        start,
        end,
        line,
        column,
        matched: text[start..end].to_string(),
        message: format!(
            "Have a reader of the language check the tone: it was not checked for the {name} \
             script ({:.0} % of the letters), which the tone rules do not cover",
            share * 100.0
        ),
        why: format!(
            "The tone rules (lexicon, forms and learned weights) cover text in {} script only. \
             Text in other scripts is not scored at all, so no tone finding here does not mean \
             the tone is fine. A desk that posts in this language can add a tone layer for it \
             (rules/README.md, \"Tone\") and list the script in `[tone] scripts`.",
            covered(model)
        ),
        fixes: Vec::new(),
        tone: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> ToneModel {
        let layers = crate::engine::fit::tone_layers(&crate::load::bundled(), "tone", true)
            .expect("the bundled packs load");
        crate::kinds::tone::compile(&layers).expect("the bundled tone pack compiles")
    }

    #[test]
    fn a_text_mostly_in_an_uncovered_script_is_not_checked_and_says_so() {
        let m = bundled();
        let (script, share, start, end) =
            uncovered(&m, "Statement: هذا الوزير كذاب وأحمق ولا يفهم شيئا").unwrap();
        assert_eq!(script, Script::Arabic);
        assert!(share > 0.7, "{share}");
        assert_eq!(start, "Statement: ".len());
        assert!(end > start);
        assert!(uncovered(&m, "שר החוץ הוא שקרן ואידיוט גמור").is_some());
    }

    #[test]
    fn covered_scripts_and_a_quoted_name_pass() {
        let m = bundled();
        assert_eq!(uncovered(&m, "Президент — лжец и идиот."), None);
        assert_eq!(uncovered(&m, "Le président est un menteur."), None);
        assert_eq!(
            uncovered(&m, "We welcome the visit of Minister محمد بن سلمان today."),
            None
        );
    }
}
