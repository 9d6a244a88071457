//! Words of the folded view and lists of words or phrases matched against them.
//!
//! Offsets are bytes of the folded view (see [`crate::text::Views`]); a token is a UAX #29
//! word segment that contains a letter or digit. Lists are matched on whole tokens; a
//! trailing `*` on a list word matches any word that starts with it (`lie*` → `lies`).

use std::collections::HashMap;
use std::hash::Hasher;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::fold_str;

/// FNV-1a (64 bit, the `fnv` crate) of a word: the key of list look-ups, computed once per
/// token of a check (see [`Tok::key`]) and once per list word at load.
pub fn word_key(word: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// The key of a stem's first character: the [`word_key`] of the character.
fn char_key(c: char) -> u64 {
    word_key(c.encode_utf8(&mut [0; 4]))
}

/// List maps keyed by a precomputed [`word_key`], which the map uses as its hash unchanged
/// (`nohash-hasher`), so a look-up hashes nothing.
type KeyMap<V> = HashMap<u64, V, nohash_hasher::BuildNoHashHasher<u64>>;

/// A word of the folded view: byte range `start..end` and the look-up keys of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Start byte in the folded view.
    pub start: usize,
    /// End byte (exclusive) in the folded view.
    pub end: usize,
    /// [`word_key`] of the word.
    pub key: u64,
    /// [`word_key`] of the word without a final `'s` (equal to `key` without one).
    pub base: u64,
}

impl Tok {
    /// The token of `folded[start..end]`, with its keys.
    pub fn new(folded: &str, start: usize, end: usize) -> Tok {
        let w = &folded[start..end];
        let key = word_key(w);
        let base = w.strip_suffix("'s").map_or(key, word_key);
        Tok {
            start,
            end,
            key,
            base,
        }
    }
}

/// The words of `folded`, in order: UAX #29 word segments that contain a letter or digit.
/// Apostrophes inside words (`don't`, `marovia's`) stay in the word, as UAX #29 keeps them.
///
/// The text is cut at each space followed by an ASCII character (or the end): UAX #29
/// always breaks around such a space, and none of its rules looks across it, so each piece
/// segments on its own. A piece that is an ASCII word with ASCII punctuation (not `_`)
/// around it is that one word; any other piece goes through `unicode-segmentation`.
pub fn tokens(folded: &str) -> Vec<Tok> {
    let bytes = folded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5);
    let mut start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let cut =
            i == bytes.len() || bytes[i] == b' ' && bytes.get(i + 1).is_none_or(|b| b.is_ascii());
        if cut {
            piece_tokens(folded, start, i, &mut out);
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// Pushes the tokens of `folded[start..end]` (a piece of [`tokens`]).
fn piece_tokens(folded: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let piece = &folded.as_bytes()[start..end];
    let is_punct = |b: &u8| b.is_ascii_punctuation() && *b != b'_';
    let lead = piece.iter().take_while(|b| is_punct(b)).count();
    let word = piece[lead..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if piece[lead + word..].iter().all(is_punct) {
        if word > 0 {
            out.push(Tok::new(folded, start + lead, start + lead + word));
        }
        return;
    }
    out.extend(
        folded[start..end]
            .split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(i, w)| Tok::new(folded, start + i, start + i + w.len())),
    );
}

/// One word of a list phrase.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    text: String,
    stem: bool,
}

impl Word {
    fn matches(&self, tok: &str) -> bool {
        if self.stem {
            tok.starts_with(&self.text)
        } else {
            tok == self.text || tok.strip_suffix("'s") == Some(&self.text)
        }
    }
}

/// A list of words and phrases (case-folded), matched on token sequences.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// Phrases by the [`word_key`] of their first word (a key may collide: every look-up
    /// compares the words themselves).
    by_first: KeyMap<Vec<Vec<Word>>>,
    /// Phrases whose first word is a stem, keyed by the [`char_key`] of its first character.
    stems: KeyMap<Vec<Vec<Word>>>,
    len: usize,
}

impl PhraseSet {
    /// Builds the set from list entries (each folded like the view; `*` marks a stem).
    pub fn new<S: AsRef<str>>(items: &[S]) -> PhraseSet {
        let mut set = PhraseSet::default();
        set.extend(items);
        set
    }

    /// Adds more entries.
    pub fn extend<S: AsRef<str>>(&mut self, items: &[S]) {
        for item in items {
            let folded = fold_str(item.as_ref());
            let words: Vec<Word> = folded
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| Word {
                    stem: w.ends_with('*') && w.len() > 1,
                    text: w.trim_end_matches('*').to_string(),
                })
                .collect();
            let Some(first) = words.first() else { continue };
            self.len += 1;
            if first.stem {
                let key = char_key(first.text.chars().next().unwrap_or(' '));
                self.stems.entry(key).or_default().push(words);
            } else {
                self.by_first
                    .entry(word_key(&first.text))
                    .or_default()
                    .push(words);
            }
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of tokens of the longest entry that starts at token `i`, if any.
    pub fn match_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<usize> {
        let t = &toks[i];
        let exact = self.by_first.get(&t.key);
        let poss = (t.base != t.key)
            .then(|| self.by_first.get(&t.base))
            .flatten();
        if exact.is_none() && poss.is_none() && self.stems.is_empty() {
            return None;
        }
        let first = &text[t.start..t.end];
        let stems = first
            .chars()
            .next()
            .and_then(|c| self.stems.get(&char_key(c)));
        let rest = &toks[i..];
        [exact, poss, stems]
            .into_iter()
            .flatten()
            .flatten()
            .filter(|p| {
                p.len() <= rest.len()
                    && p.iter()
                        .zip(rest)
                        .all(|(w, t)| w.matches(&text[t.start..t.end]))
            })
            .map(Vec::len)
            .max()
    }

    /// Whether the single token `tok` is an entry.
    pub fn contains_word(&self, tok: &str) -> bool {
        self.by_first
            .get(&word_key(tok))
            .is_some_and(|v| v.iter().any(|p| p.len() == 1 && p[0].text == tok))
            || tok
                .chars()
                .next()
                .and_then(|c| self.stems.get(&char_key(c)))
                .is_some_and(|v| v.iter().any(|p| p.len() == 1 && p[0].matches(tok)))
    }

    /// Whether any entry occurs in `toks[lo..hi]` (whether [`Self::find_all`] finds one).
    pub fn any_in(&self, text: &str, toks: &[Tok], lo: usize, hi: usize) -> bool {
        !self.is_empty() && (lo..hi).any(|i| self.match_at(text, &toks[..hi], i).is_some())
    }

    /// Every occurrence in `toks[lo..hi]`, as token ranges `(first, end)`, left to right,
    /// not overlapping (longest first at each position).
    pub fn find_all(&self, text: &str, toks: &[Tok], lo: usize, hi: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = lo;
        while i < hi {
            match self.match_at(text, &toks[..hi], i) {
                Some(n) => {
                    out.push((i, i + n));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition [`tokens`] must agree with.
    fn reference(folded: &str) -> Vec<(usize, usize)> {
        folded
            .split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    #[test]
    fn tokens_agree_with_uax29() {
        let alphabet: Vec<&str> = vec![
            "a", "b", "z", "0", "7", " ", " ", " ", "  ", "'", ".", ":", ",", ";", "_", "\"", "-",
            "!", "?", "(", ")", "@", "#", "/", "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}", "🤡",
            "👍🏽", "🇺🇦", "🇫", "ж", "ё", "ا", "א", "ד", "ア", "カ", "中", "文", "ə", "é", "\u{2019}",
            "\u{a0}", "\n", "\t", "1", "x", "y", "ʻ", "\u{5f3}", "\u{5f4}", "ー",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(12);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let got: Vec<(usize, usize)> = tokens(&text).iter().map(|t| (t.start, t.end)).collect();
            assert_eq!(got, reference(&text), "{text:?}");
        }
        for text in [
            "the prime minister's lies. u.s. 3.14 don't",
            "so-called \"historic\" reform!!!",
            "",
        ] {
            let got: Vec<(usize, usize)> = tokens(text).iter().map(|t| (t.start, t.end)).collect();
            assert_eq!(got, reference(text), "{text:?}");
        }
    }

    #[test]
    fn phrases_stems_and_possessives() {
        let text = "the prime minister's lies and every single promise";
        let toks = tokens(text);
        let set = PhraseSet::new(&["prime minister", "lie*", "every single", "every"]);
        let found = set.find_all(text, &toks, 0, toks.len());
        let words: Vec<&str> = found
            .iter()
            .map(|&(a, b)| &text[toks[a].start..toks[b - 1].end])
            .collect();
        assert_eq!(words, ["prime minister's", "lies", "every single"]);
        assert!(set.contains_word("every"));
        assert!(!set.contains_word("single"));
    }
}
