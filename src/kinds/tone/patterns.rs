//! Tone patterns without a `RegexSet`: each pattern compiles on first use, and a literal
//! prefilter says which patterns can match in a sentence at all.
//!
//! Every match of a pattern begins with one of its prefix literals or ends with one of its
//! suffix literals (`regex_syntax`'s literal extraction); one Aho–Corasick pass over the
//! folded view finds those literals, and a pattern runs on a sentence only when one of its
//! literals lies inside it. A pattern with neither a finite prefix nor suffix set runs on
//! every sentence.
//!
//! Loading stays fail-closed: a pattern whose compiled size may come near
//! [`crate::kinds::pattern::SIZE_LIMIT`] (by a generous bound computed from its syntax) is
//! compiled at load, so a too-large pattern is an error there, never a silent miss.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

pub(super) use crate::kinds::pattern::surely_fits;

/// Bytes kept of each required literal.
const KEEP_BYTES: usize = 6;

/// The literals of one pattern that every match contains (`None`: no such finite set).
pub(crate) fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let finite = |suffix: bool| {
        let kind = if suffix {
            ExtractKind::Suffix
        } else {
            ExtractKind::Prefix
        };
        // Literals cut to their first (prefix) or last (suffix) bytes: fewer and shorter,
        // and every match still begins (ends) with one of them. The extractor cuts them as
        // it goes (`limit_literal_len`), so a case-insensitive word does not first grow into
        // all its 2^n spellings (that was most of the cost of loading the patterns).
        let mut seq = Extractor::new()
            .kind(kind)
            .limit_literal_len(KEEP_BYTES)
            .extract(hir);
        if suffix {
            seq.keep_last_bytes(KEEP_BYTES);
        } else {
            seq.keep_first_bytes(KEEP_BYTES);
        }
        seq.dedup();
        let lits = seq.literals()?;
        let all: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
        (!all.is_empty() && all.iter().all(|l| !l.is_empty())).then_some(all)
    };
    let shortest = |v: &Vec<Vec<u8>>| v.iter().map(Vec::len).min().unwrap_or(0);
    match (finite(false), finite(true)) {
        (Some(p), Some(s)) if shortest(&s) > shortest(&p) => Some(s),
        (Some(p), _) => Some(p),
        (None, s) => s,
    }
}

/// The literal prefilter of a model's patterns.
#[derive(Debug, Clone, Default)]
pub struct Prefilter {
    /// Every required literal of every pattern (overlapping search).
    literals: Option<crate::kinds::common::LazyAc>,
    /// The patterns of each literal.
    owners: Vec<Vec<usize>>,
    /// Patterns that run on every sentence.
    always: Vec<usize>,
    /// Number of patterns.
    len: usize,
}

impl Prefilter {
    /// Builds the prefilter from each pattern's [`required_literals`].
    ///
    /// # Errors
    /// If the automaton cannot be built.
    pub fn new(required: Vec<Option<Vec<Vec<u8>>>>) -> Result<Prefilter, String> {
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let len = required.len();
        // Keys in order of first appearance, found by hash (a linear search per literal
        // was quadratic in the number of literals).
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        for (k, lits) in required.into_iter().enumerate() {
            let Some(lits) = lits else {
                always.push(k);
                continue;
            };
            for l in lits {
                let i = *index.entry(l).or_insert_with_key(|l| {
                    keys.push(l.clone());
                    owners.push(Vec::new());
                    keys.len() - 1
                });
                owners[i].push(k);
            }
        }
        let literals = if keys.is_empty() {
            None
        } else {
            let ac = crate::kinds::common::LazyAc::build(
                AhoCorasick::builder().match_kind(MatchKind::Standard),
                &keys,
            )
            .map_err(|e| e.to_string())?;
            Some(ac)
        };
        Ok(Prefilter {
            literals,
            owners,
            always,
            len,
        })
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where literals occur in `text` (the folded view): `(start, end, pattern)` in bytes,
    /// sorted by start (so that [`Self::candidates`] looks only at those of its range).
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(ac) = &self.literals else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.get(text.len()).find_overlapping_iter(text) {
            for &k in &self.owners[m.pattern().as_usize()] {
                out.push((m.start(), m.end(), k));
            }
        }
        out.sort_unstable();
        out
    }

    /// The patterns that may match inside folded bytes `start..end`, in order, given the
    /// [`Self::occurrences`] of the text (sorted by start: only those in the range are
    /// looked at, so checking every sentence of a long text stays linear).
    pub fn candidates(
        &self,
        occ: &[(usize, usize, usize)],
        start: usize,
        end: usize,
    ) -> Vec<usize> {
        let mut on = vec![false; self.len];
        for &k in &self.always {
            on[k] = true;
        }
        let from = occ.partition_point(|&(s, _, _)| s < start);
        for &(_, e, k) in occ[from..].iter().take_while(|&&(s, _, _)| s < end) {
            if e <= end {
                on[k] = true;
            }
        }
        (0..self.len).filter(|&k| on[k]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        required_literals(&hir).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn prefixes_suffixes_or_nothing() {
        assert_eq!(
            lits(r"(?-u:\b)nothing but (?:lies|excuses)"),
            Some(vec!["nothin".into()])
        );
        // A digit class has no short literal set; the suffix does.
        let deadline = lits(r"(?-u:\b)\d+ (?:hours|days) to (?:comply|leave)(?-u:\b)").unwrap();
        assert!(
            deadline
                .iter()
                .all(|l| l.ends_with("comply") || l.ends_with("leave"))
        );
        assert_eq!(lits(r"\w+"), None);
        assert_eq!(lits(r"a*"), None);
    }

    #[test]
    fn candidates_need_a_literal_inside() {
        let pre = Prefilter::new(vec![Some(vec![b"on a map".to_vec()]), None]).unwrap();
        let text = "x. they could not find it on a map.";
        let occ = pre.occurrences(text);
        assert_eq!(pre.candidates(&occ, 0, 2), [1]);
        assert_eq!(pre.candidates(&occ, 3, text.len()), [0, 1]);
        assert!(surely_fits(
            &regex_syntax::ParserBuilder::new()
                .build()
                .parse(r"[^.?!]{1,40} on a map")
                .unwrap()
        ));
        assert!(!surely_fits(
            &regex_syntax::ParserBuilder::new()
                .build()
                .parse(r"(?:\w{100}){100}")
                .unwrap()
        ));
    }
}
