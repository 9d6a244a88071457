//! Whole-word boundaries by Unicode word segmentation (UAX #29, `unicode-segmentation`),
//! with two additions for matching terms in running text: an apostrophe, a full stop and a
//! colon are boundaries (so `Kiev` matches in `Kiev's`, `Kiev.Next` and `intranet.mfa.local`,
//! which UAX #29 keeps as one word), and scripts written without spaces (Han, kana except
//! katakana runs, Thai, Lao, Khmer, Myanmar) match as substrings unless a rule asks for words.

use unicode_segmentation::UnicodeSegmentation;

/// Marks the UAX #29 word boundaries of the chunk `text[start..end]` (see [`WordBounds::new`]).
fn mark_chunk(text: &str, start: usize, end: usize, bounds: &mut [bool]) {
    let chunk = &text[start..end];
    bounds[start] = true;
    bounds[end] = true;
    if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return;
    }
    for (i, w) in chunk.split_word_bound_indices() {
        bounds[start + i] = true;
        bounds[start + i + w.len()] = true;
    }
}

/// The word boundaries of one view text, as a bit per byte offset (`0..=len`).
#[derive(Debug, Clone, Default)]
pub struct WordBounds {
    bounds: Vec<bool>,
}

impl WordBounds {
    /// Computes the UAX #29 word boundaries of `text`. Linear in its length.
    ///
    /// The text is cut into chunks at single ASCII spaces followed by an ASCII character
    /// other than a space: UAX #29 always breaks on both sides of such a space, and no rule
    /// looks past it, so each chunk segments alone. A chunk of ASCII letters and digits is
    /// one word (WB5, WB8–WB10); any other chunk is segmented by `unicode-segmentation`.
    pub fn new(text: &str) -> WordBounds {
        let mut bounds = vec![false; text.len() + 1];
        let bytes = text.as_bytes();
        let mut start = 0;
        for i in 0..=bytes.len() {
            let cut = i == bytes.len()
                || (bytes[i] == b' '
                    && i > 0
                    && bytes[i - 1] != b' '
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii() && *b != b' '));
            if !cut {
                continue;
            }
            mark_chunk(text, start, i, &mut bounds);
            if i < bytes.len() {
                bounds[i] = true;
                bounds[i + 1] = true;
            }
            start = i + 1;
        }
        bounds[0] = true;
        bounds[text.len()] = true;
        WordBounds { bounds }
    }

    /// Whether byte offset `i` is a word boundary (UAX #29) or next to `'`, `.` or `:`.
    pub fn is_boundary(&self, text: &str, i: usize) -> bool {
        if self.bounds.get(i).copied().unwrap_or(false) {
            return true;
        }
        let before = text[..i].chars().next_back();
        let after = text[i..].chars().next();
        let mid = |c: Option<char>| matches!(c, Some('\'' | '.' | ':'));
        mid(before) || mid(after)
    }

    /// Whether `start..end` of `text` is a whole-word match. `strict` turns off the
    /// substring rule for scripts without spaces. An edge whose character is not a letter or
    /// digit (e.g. the `(` of `(S)`) needs no boundary; the check moves to the first/last
    /// word character of the match. (Phrases after a joined hyphen: [`after_joined_hyphen`].)
    pub fn is_whole_word(&self, text: &str, start: usize, end: usize, strict: bool) -> bool {
        let m = &text[start..end];
        let (Some(first), Some(last)) = (m.chars().next(), m.chars().next_back()) else {
            return false;
        };
        let start_ok = !is_word_char(first)
            || (!strict && is_scriptio_continua(first))
            || self.is_boundary(text, start);
        let end_ok = !is_word_char(last)
            || (!strict && is_scriptio_continua(last))
            || self.is_boundary(text, end);
        start_ok && end_ok
    }
}

/// Whether byte `start` of the *original* text follows a hyphen joined to a word (`cease-|fire`):
/// a multi-word phrase never starts there. Only hyphens count (`-`, U+2010, U+2011); an en
/// or em dash separates words (`decision—it is unacceptable`).
pub fn after_joined_hyphen(original: &str, start: usize) -> bool {
    let mut back = original[..start].chars().rev();
    matches!((back.next(), back.next()), (Some('-' | '\u{2010}' | '\u{2011}'), Some(c)) if is_word_char(c))
}

/// Letters, digits and marks: the characters a word is made of.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// Whether `c` belongs to a script written without spaces between words: Han, Hiragana,
/// Thai, Lao, Khmer, Myanmar, Tibetan. Katakana is not included: UAX #29 keeps katakana runs
/// together, so a katakana term never matches inside a longer katakana word.
pub fn is_scriptio_continua(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309F}'       // Hiragana
        | '\u{3400}'..='\u{4DBF}'     // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'     // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3134F}'   // CJK Extensions B–G
        | '\u{0E00}'..='\u{0E7F}'     // Thai
        | '\u{0E80}'..='\u{0EFF}'     // Lao
        | '\u{0F00}'..='\u{0FFF}'     // Tibetan
        | '\u{1000}'..='\u{109F}'     // Myanmar
        | '\u{1780}'..='\u{17FF}') // Khmer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain UAX #29 boundaries, without chunking.
    fn reference(text: &str) -> Vec<bool> {
        let mut bounds = vec![false; text.len() + 1];
        for (i, w) in text.split_word_bound_indices() {
            bounds[i] = true;
            bounds[i + w.len()] = true;
        }
        bounds[0] = true;
        bounds[text.len()] = true;
        bounds
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn chunked_bounds_equal_plain_uax29(
            text in "([a-z0-9 ',.:;_\\-\t\n]|  |é|\u{301}|\u{200D}|\u{200B}|\u{FE0F}|🇫|🤡|日本|ка|ا|\u{5D0}|\u{30A2}|x'y|3.5|U.S.){0,30}"
        ) {
            proptest::prop_assert_eq!(WordBounds::new(&text).bounds, reference(&text));
        }
    }

    fn whole(text: &str, needle: &str) -> bool {
        let b = WordBounds::new(text);
        let s = text.find(needle).unwrap();
        b.is_whole_word(text, s, s + needle.len(), false)
    }

    #[test]
    fn term_never_inside_longer_word() {
        assert!(!whole("the kievan rus", "kiev"));
        assert!(!whole("before", "be"));
        assert!(whole("to be or", "be"));
    }

    #[test]
    fn apostrophe_and_hyphen_edges() {
        assert!(whole("kiev's mayor", "kiev"));
        assert!(whole("pro-kiev forces", "kiev"));
        assert!(after_joined_hyphen("a cease-fire on monday", 8));
        assert!(!after_joined_hyphen("a decision\u{2014}it is", 13));
        assert!(whole("open fire on them", "fire on"));
    }

    #[test]
    fn punctuation_edge_checks_inner_word() {
        assert!(whole("para (s) text", "(s)"));
        assert!(whole("x(s)y", "(s)"));
    }

    #[test]
    fn cjk_substring_but_katakana_whole() {
        assert!(whole("日本外務省発表", "外務省"));
        let t = "コンピューター";
        let b = WordBounds::new(t);
        let s = t.find("ピュー").unwrap();
        assert!(!b.is_whole_word(t, s, s + "ピュー".len(), false));
    }
}
