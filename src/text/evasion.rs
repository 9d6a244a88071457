//! Undoing the two common ways of slipping a word past a checker, applied to the clean view
//! before anything matches on it:
//!
//! - **letter spacing**: runs of three or more single letters separated by single spaces
//!   (`S E C R E T`, `C O N F I D E N T I A L`) are joined into the word; two or more spaces
//!   between such runs become one (`T O P  S E C R E T` → `TOP SECRET`);
//! - **mixed-script look-alikes**: inside a word that mixes scripts (a Latin word with a
//!   Cyrillic `Е`), the letters of the other scripts are mapped to their Latin prototype per
//!   the UTS #39 confusables data (`unicode-security`), or, in a mostly Cyrillic word, Latin
//!   look-alikes are mapped to Cyrillic. In a mostly Latin text, a Cyrillic or Greek word
//!   made only of letters that look Latin (`ТОР SECRET`, the `Ѕ` of `(Ѕ//NF)`) is mapped to
//!   Latin too. Latin words are never touched, so `bum` never becomes `burn` and `modem`
//!   never `modern`.

use std::sync::LazyLock;

use regex::Regex;
use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

/// An edit of a view's text: replace `start..end` with `text`.
pub(crate) type Rewrite = (usize, usize, String);

static SPACED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\p{N}])(?P<run>\p{L}(?: \p{L}){2,}(?: {2,}\p{L}(?: \p{L})+)*)(?:$|[^\p{L}\p{N}])")
        .expect("valid letter-spacing regex")
});

/// A cheap pre-check: three single letters in a row, each followed by one space.
fn has_spaced_letters(text: &str) -> bool {
    let mut run = 0;
    for token in text.split(' ') {
        let mut chars = token.chars();
        let single = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
        run = if single { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}

/// Edits that join letter-spaced runs of `text`.
pub(crate) fn letter_spacing(text: &str) -> Vec<Rewrite> {
    let mut out = Vec::new();
    if !has_spaced_letters(text) {
        return out;
    }
    let mut at = 0;
    while let Some(c) = SPACED.captures_at(text, at) {
        let Some(run) = c.name("run") else { break };
        let s = run.as_str();
        let mut i = 0;
        while let Some(off) = s[i..].find(' ') {
            let start = i + off;
            let len = s[start..].bytes().take_while(|b| *b == b' ').count();
            let keep = if len >= 2 { " " } else { "" };
            out.push((
                run.start() + start,
                run.start() + start + len,
                keep.to_string(),
            ));
            i = start + len;
        }
        at = run.end();
    }
    out
}

fn script_of(c: char) -> Option<Script> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        s if c.is_alphabetic() => Some(s),
        _ => None,
    }
}

/// The Latin prototype of `c` (a single ASCII letter), per UTS #39 confusables
/// (`unicode-security`), or `None` when `c` does not look like one Latin letter.
pub fn latin_prototype(c: char) -> Option<char> {
    let mut sk = unicode_security::skeleton(c.encode_utf8(&mut [0; 4]))
        .collect::<Vec<_>>()
        .into_iter();
    match (sk.next(), sk.next()) {
        (Some(p), None) if p.is_ascii_alphabetic() => Some(p),
        _ => None,
    }
}

/// Latin capitals that look like Cyrillic capitals (`C` and `С`…), Latin → Cyrillic.
pub(crate) const CYRILLIC_CAPITALS: [(char, char); 12] = [
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'У'),
];

/// Latin letters that look like Cyrillic ones, for mostly Cyrillic words.
fn cyrillic_lookalike(c: char) -> Option<char> {
    const OTHERS: &[(char, char)] = &[
        ('a', 'а'),
        ('c', 'с'),
        ('e', 'е'),
        ('o', 'о'),
        ('p', 'р'),
        ('x', 'х'),
        ('y', 'у'),
        ('i', 'і'),
        ('I', 'І'),
    ];
    CYRILLIC_CAPITALS
        .iter()
        .chain(OTHERS)
        .find(|(l, _)| *l == c)
        .map(|(_, k)| *k)
}

fn word_rewrites(word: &str, offset: usize, mostly_latin: bool, out: &mut Vec<Rewrite>) {
    let scripts: Vec<Script> = word.chars().filter_map(script_of).collect();
    let Some(&first) = scripts.first() else {
        return;
    };
    if scripts.iter().all(|s| *s == first) {
        if mostly_latin && matches!(first, Script::Cyrillic | Script::Greek) {
            lookalike_word(word, offset, out);
        }
        return;
    }
    let latin = scripts.iter().filter(|s| **s == Script::Latin).count();
    let cyrillic = scripts.iter().filter(|s| **s == Script::Cyrillic).count();
    let foreign_all_latin_like = word
        .chars()
        .filter(|c| script_of(*c).is_some_and(|s| s != Script::Latin))
        .all(|c| latin_prototype(c).is_some());
    for (i, c) in word.char_indices() {
        let mapped = match script_of(c) {
            Some(Script::Latin) if !foreign_all_latin_like && cyrillic > latin => {
                cyrillic_lookalike(c)
            }
            Some(s) if s != Script::Latin && foreign_all_latin_like => latin_prototype(c),
            _ => None,
        };
        if let Some(m) = mapped.filter(|m| *m != c) {
            out.push((offset + i, offset + i + c.len_utf8(), m.to_string()));
        }
    }
}

/// A Cyrillic or Greek word made only of letters that look Latin (`ТОР`, `Ѕ` in `(Ѕ//NF)`),
/// in a mostly Latin text: its letters are mapped to their Latin prototypes.
fn lookalike_word(word: &str, offset: usize, out: &mut Vec<Rewrite>) {
    let mapped: Option<Vec<(usize, char, char)>> = word
        .char_indices()
        .filter(|(_, c)| script_of(*c).is_some())
        .map(|(i, c)| latin_prototype(c).map(|p| (i, c, p)))
        .collect();
    for (i, c, p) in mapped.into_iter().flatten() {
        out.push((offset + i, offset + i + c.len_utf8(), p.to_string()));
    }
}

/// Whether most letters of `text` are Latin (Unicode `Script`, letters only).
pub fn mostly_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii() || c.script() == Script::Latin {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin > other
}

/// Edits that map look-alike letters inside mixed-script words of `text`, and whole words of
/// Latin look-alikes from another script in a mostly Latin text.
pub(crate) fn mixed_script(text: &str) -> Vec<Rewrite> {
    let mut out = Vec::new();
    // A mixed-script word needs a letter outside ASCII (a Cyrillic `Е`, a Greek `Ο`…).
    if !text.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
        return out;
    }
    let mostly_latin = mostly_latin(text);
    for (i, w) in text.split_word_bound_indices() {
        if !w.is_ascii() {
            word_rewrites(w, i, mostly_latin, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[Rewrite]) -> String {
        let mut s = text.to_string();
        for (a, b, r) in edits.iter().rev() {
            s.replace_range(*a..*b, r);
        }
        s
    }

    #[test]
    fn joins_letter_spaced_words() {
        let t = "C O N F I D E N T I A L and T O P  S E C R E T now";
        assert_eq!(
            apply(t, &letter_spacing(t)),
            "CONFIDENTIAL and TOP SECRET now"
        );
        let plain = "Plan B is a good idea";
        assert!(letter_spacing(plain).is_empty());
    }

    #[test]
    fn maps_cyrillic_lookalikes_in_latin_words_only() {
        let t = "S\u{0415}CRET//NOFORN \u{0421}ONFIDENTIAL";
        assert_eq!(apply(t, &mixed_script(t)), "SECRET//NOFORN CONFIDENTIAL");
        let ru = "Совершенно секретно";
        assert!(mixed_script(ru).is_empty());
        // A whole look-alike word in a Latin text, and a one-letter portion mark.
        let t = "\u{0422}\u{041E}\u{0420} SECRET (\u{0405}//NF) report";
        assert_eq!(apply(t, &mixed_script(t)), "TOP SECRET (S//NF) report");
        // Not in a mostly Cyrillic text, and not a word with a letter that looks like none.
        let mixed = "\u{0422}\u{041E}\u{0420} секретно совещание";
        assert!(mixed_script(mixed).is_empty());
        assert!(mixed_script("Thanks Москва team").is_empty());
        assert!(mixed_script("bum modem").is_empty());
    }

    #[test]
    fn latin_lookalikes_in_cyrillic_words_become_cyrillic() {
        let t = "Д\u{0043}П";
        assert_eq!(apply(t, &mixed_script(t)), "ДСП");
    }
}
