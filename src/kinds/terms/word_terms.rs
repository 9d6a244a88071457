//! Big term lists by word lookup instead of an automaton (DESIGN §14: a 100,000-term list
//! adds ≤ 100 ms to start-up).
//!
//! Building an Aho-Corasick automaton costs about 10 µs a term, so a list of 100,000 terms
//! made every command start a second later. When the case-insensitive term table holds more
//! than [`BIG_LIST`] keys, each *plain* key — words of letters and digits joined by single
//! spaces, whole-word matching — goes into a hash table instead, and a check looks up every
//! run of 1 to [`WordTerms::max_words`] consecutive words of the folded view (the
//! n-grams the hashed lists of [`super::hashed`] also use). Other keys stay in the automaton.
//!
//! Same findings as the automaton: a plain key matches whole-word only where its first letter
//! starts a word and its last letter ends one, so every accepted automaton match is an
//! n-gram of the folded view's words ([`crate::kinds::filter::Scratch::folded_words`]), and the
//! same acceptance (boundaries, phrases after a joined hyphen) runs on what the table finds.
//! A test compares both ways on the real corpus.

use crate::kinds::filter::Scratch;
use crate::kinds::{CompiledRule, RawMatch};
use crate::model::Boundary;
use crate::text::is_scriptio_continua;

/// Above this many case-insensitive term keys, plain keys are looked up by word (a 10,000-term
/// list keeps the automaton, whose checks are faster on long texts).
pub(crate) const BIG_LIST: usize = 20_000;

/// [`BIG_LIST`], or in tests the threshold a test sets for its thread.
pub(crate) fn big_list() -> usize {
    #[cfg(test)]
    if let Some(n) = tests::THRESHOLD.get() {
        return n;
    }
    BIG_LIST
}

/// Plain case-insensitive term keys, by folded text. The keys are stored end to end in one
/// string (no allocation per key) and found through a hash table of their indexes.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordTerms {
    /// Every key, one after the other.
    text: String,
    /// End of key `i` in `text` (bytes); it starts where key `i - 1` ends.
    ends: Vec<usize>,
    /// For each key, its `(rule index, entry index)` owners.
    owners: Vec<Vec<(usize, usize)>>,
    /// Key indexes by [`super::key_hash`] of the key.
    index: hashbrown::HashTable<usize>,
    /// The most words of any key.
    pub max_words: usize,
}

/// Whether a folded key can be looked up by words: one or more words of letters and digits
/// (no character of a script written without spaces), each one UAX #29 word, joined by
/// single spaces.
pub(crate) fn is_plain(key: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    !key.is_empty()
        && key.split(' ').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphanumeric() && !is_scriptio_continua(c))
                && (w.is_ascii() || w.split_word_bounds().count() == 1)
        })
}

impl WordTerms {
    /// The table of plain keys, each with its owners (every owner matching whole-word). The
    /// keys must be distinct, as those of a [`super::KeyTable`] are.
    pub(crate) fn new(entries: Vec<(String, Vec<(usize, usize)>)>) -> WordTerms {
        let mut t = WordTerms {
            text: String::with_capacity(entries.iter().map(|(k, _)| k.len()).sum()),
            ends: Vec::with_capacity(entries.len()),
            owners: Vec::with_capacity(entries.len()),
            index: hashbrown::HashTable::with_capacity(entries.len()),
            max_words: 0,
        };
        for (key, owners) in entries {
            t.max_words = t.max_words.max(key.split(' ').count());
            t.text.push_str(&key);
            t.ends.push(t.text.len());
            t.owners.push(owners);
            let i = t.ends.len() - 1;
            let (text, ends) = (&t.text, &t.ends);
            t.index.insert_unique(super::key_hash(&key), i, |&j| {
                super::key_hash(key_at(text, ends, j))
            });
        }
        t
    }

    /// Number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The owners of `key`, if it is in the table.
    fn get(&self, key: &str) -> Option<&[(usize, usize)]> {
        let i = self.index.find(super::key_hash(key), |&i| {
            key_at(&self.text, &self.ends, i) == key
        })?;
        Some(&self.owners[*i])
    }

    /// Pushes the accepted matches of the keys in the folded view (original byte spans).
    pub(crate) fn find(&self, rules: &[CompiledRule], s: &Scratch, out: &mut Vec<RawMatch>) {
        if self.ends.is_empty() {
            return;
        }
        let view = &s.views.folded;
        let words = s.folded_words();
        for i in 0..words.len() {
            let start = words[i].0;
            for last in words[i..].iter().take(self.max_words) {
                let Some(owners) = self.get(&view.text[start..last.1]) else {
                    continue;
                };
                super::accept_match(rules, s, owners, start, last.1, out);
            }
        }
    }
}

/// Key `i` of a table's `text` ([`WordTerms`]).
fn key_at<'t>(text: &'t str, ends: &[usize], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

/// Whether a key owned by these rules' entries may go to the word table: every owner matches
/// whole-word (`boundary` auto or word).
pub(crate) fn whole_word(boundaries: impl IntoIterator<Item = Boundary>) -> bool {
    boundaries.into_iter().all(|b| b != Boundary::None)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::kinds::CheckOptions;
    use crate::model::Finding;

    thread_local! {
        /// A threshold set by a test for the engines its thread compiles.
        pub(crate) static THRESHOLD: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    }

    #[test]
    fn plain_keys() {
        assert!(is_plain("blue fern") && is_plain("министр") && is_plain("g7"));
        for k in ["u.s.", "e-mail", "blue  fern", " x", "東京", "o'brien", ""] {
            assert!(!is_plain(k), "{k}");
        }
    }

    /// A list of more terms than the threshold gives the same findings on the real posts by
    /// word lookup as by the automaton: the list holds words and word pairs of the posts
    /// themselves (so they match, also inside hashtags, URLs and after hyphens) and keys
    /// that are not plain.
    #[test]
    fn word_lookup_finds_what_the_automaton_finds() {
        let path = "../shared/corpus/benign-posts.jsonl";
        let jsonl = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let posts: Vec<String> = jsonl
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let mut terms: Vec<String> = Vec::new();
        for (i, p) in posts.iter().enumerate().step_by(2) {
            let words: Vec<&str> = p.split_whitespace().collect();
            if let Some(w) = words.get(i % words.len().max(1)) {
                terms.push(w.to_string());
            }
            if let [a, b, ..] =
                &words[(i % words.len().max(1)).min(words.len().saturating_sub(2))..]
            {
                terms.push(format!("{a} {b}"));
            }
        }
        terms.extend(
            [
                "U.S.",
                "e-mail",
                "fake news",
                "Obama",
                "tax",
                "#MAGA",
                "ISIS",
            ]
            .map(String::from),
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("list.txt"), terms.join("\n")).unwrap();
        std::fs::write(
            dir.path().join("p.toml"),
            "schema = 1\n[pack]\nid = \"p\"\n[[rule]]\nid = \"list\"\nkind = \"terms\"\ncategory = \"leak\"\nseverity = \"warn\"\nmessage = \"{match}\"\nwhy = \"test\"\nterms-file = \"list.txt\"\n",
        )
        .unwrap();
        let opts = crate::load::LoadOptions {
            dirs: vec![dir.path().to_path_buf()],
            ..Default::default()
        };
        let engine = |threshold| {
            THRESHOLD.set(Some(threshold));
            let e = crate::engine::load_engine(&opts).unwrap();
            THRESHOLD.set(None);
            e
        };
        let (by_words, by_automaton) = (engine(100), engine(usize::MAX));
        assert!(
            by_words.word_terms.len() > 1000,
            "{}",
            by_words.word_terms.len()
        );
        assert_eq!(by_automaton.word_terms.len(), 0);
        let x = CheckOptions {
            platform: Some("x".into()),
            ..Default::default()
        };
        let mut found = 0;
        for p in &posts {
            let a: Vec<Finding> = by_words.check(p, &x);
            let b: Vec<Finding> = by_automaton.check(p, &x);
            assert_eq!(a, b, "{p:?}");
            found += a.iter().filter(|f| f.rule == "p/list").count();
        }
        assert!(
            found > 2000,
            "only {found} list findings: the test proves little"
        );
    }
}
