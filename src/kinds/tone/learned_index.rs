//! The learned weights indexed for checking ([`super::learned::apply`]): feature keys are
//! looked up by an FNV-1a hash computed from the token keys of a [`TokBuf`], a word pair
//! `"a b"` by continuing the hash of `a` over `" b"`, so no string is built per token or
//! per pair; only the features the model knows are kept, each once (the unknown ones weigh
//! 0 and are never named, so the probability and the finding are those of
//! [`super::learned::features`]).

use std::hash::Hasher;

use super::learned::{NAME, TokBuf};
use super::words::word_key;

/// The FNV-1a state after `bytes`, starting from state `h` (a [`word_key`] when `h` is
/// the FNV offset basis), so `continue_key(word_key(a), b" b") == word_key("a b")`.
fn continue_key(h: u64, bytes: &[u8]) -> u64 {
    let mut f = fnv::FnvHasher::with_key(h);
    f.write(bytes);
    f.finish()
}

/// Feature keys and feature words of a [`super::learned::Learned`], by hash.
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    /// Feature key → its weight, by position.
    keys: Vec<(String, f64)>,
    /// Positions in `keys`, by the [`word_key`] of the key.
    by_key: hashbrown::HashTable<u32>,
    /// The model's words ([`super::learned::Learned::words`]).
    words: Vec<String>,
    /// Positions in `words`, by [`word_key`].
    by_word: hashbrown::HashTable<u32>,
}

/// The index is built from the model's weights and words, which the model compares.
impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

/// A known feature of one unit: its position in the index and its byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Known {
    /// Position in the index ([`Index::key`], [`Index::weight`]).
    pub(super) id: u32,
    /// Start byte in the scanned text.
    pub(super) start: usize,
    /// End byte (exclusive).
    pub(super) end: usize,
}

impl Index {
    /// The index of `weights` (feature key → log-odds) and `words`.
    pub(super) fn new<'a>(
        weights: impl IntoIterator<Item = (&'a String, &'a f64)>,
        words: impl IntoIterator<Item = &'a String>,
    ) -> Index {
        let mut ix = Index::default();
        for (k, &w) in weights {
            ix.keys.push((k.clone(), w));
        }
        for (i, (k, _)) in ix.keys.iter().enumerate() {
            let keys = &ix.keys;
            ix.by_key
                .insert_unique(word_key(k), i as u32, |&j| word_key(&keys[j as usize].0));
        }
        ix.words = words.into_iter().cloned().collect();
        for (i, w) in ix.words.iter().enumerate() {
            let words = &ix.words;
            ix.by_word
                .insert_unique(word_key(w), i as u32, |&j| word_key(&words[j as usize]));
        }
        ix
    }

    /// Number of feature keys.
    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The feature key at `id`.
    pub(super) fn key(&self, id: u32) -> &str {
        &self.keys[id as usize].0
    }

    /// The weight (log-odds) at `id`.
    pub(super) fn weight(&self, id: u32) -> f64 {
        self.keys[id as usize].1
    }

    fn knows_word(&self, w: &str) -> bool {
        self.by_word
            .find(word_key(w), |&i| self.words[i as usize] == w)
            .is_some()
    }

    /// Turns each maybe-name token of `buf` whose key is not a model word into [`NAME`]
    /// (as [`super::learned::resolve`] does).
    pub(super) fn resolve(&self, buf: &mut TokBuf) {
        let mut name: Option<(usize, usize)> = None;
        for i in 0..buf.toks.len() {
            let t = buf.toks[i];
            if !t.maybe_name {
                continue;
            }
            buf.toks[i].maybe_name = false;
            if self.knows_word(buf.key(&t)) {
                continue;
            }
            let key = *name.get_or_insert_with(|| {
                let from = buf.keys.len();
                buf.keys.push_str(NAME);
                (from, buf.keys.len())
            });
            buf.toks[i].key = key;
        }
    }

    /// The known features of the (resolved) tokens of `buf`, first occurrence only, in
    /// the order of [`super::learned::features`], into `out` (cleared first).
    pub(super) fn features(&self, buf: &TokBuf, hashes: &mut Vec<u64>, out: &mut Vec<Known>) {
        out.clear();
        hashes.clear();
        hashes.extend(buf.toks.iter().map(|t| word_key(buf.key(t))));
        let mut add = |id: u32, start: usize, end: usize| {
            if !out.iter().any(|k| k.id == id) {
                out.push(Known { id, start, end });
            }
        };
        for (i, t) in buf.toks.iter().enumerate() {
            let a = buf.key(t);
            if let Some(&id) = self
                .by_key
                .find(hashes[i], |&j| self.keys[j as usize].0 == a)
            {
                add(id, t.start, t.end);
            }
            let Some(n) = buf.toks.get(i + 1) else {
                continue;
            };
            let b = buf.key(n);
            let h = continue_key(continue_key(hashes[i], b" "), b.as_bytes());
            if let Some(&id) = self
                .by_key
                .find(h, |&j| is_pair(&self.keys[j as usize].0, a, b))
            {
                add(id, t.start, n.end);
            }
        }
    }
}

/// Whether `key` is `a`, one space, `b`.
fn is_pair(key: &str, a: &str, b: &str) -> bool {
    key.len() == a.len() + 1 + b.len()
        && key.starts_with(a)
        && key.as_bytes()[a.len()] == b' '
        && key.ends_with(b)
}

/// Reused buffers of the learned pass over the runs of one text.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Tokens of the current run.
    pub(super) buf: TokBuf,
    /// Their key hashes.
    pub(super) hashes: Vec<u64>,
    /// Their known features.
    pub(super) known: Vec<Known>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_continued_hash_is_the_hash_of_the_joined_key() {
        assert_eq!(
            continue_key(continue_key(word_key("how"), b" "), b"original"),
            word_key("how original")
        );
    }

    #[test]
    fn a_pair_key_is_matched_exactly() {
        assert!(is_pair("how original", "how", "original"));
        assert!(!is_pair("how  original", "how", "original"));
        assert!(!is_pair("howxoriginal", "how", "original"));
        assert!(!is_pair("how original", "ho", "woriginal"));
    }
}
