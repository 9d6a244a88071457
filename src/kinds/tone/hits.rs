//! Finding lexicon hits: literal terms with one leftmost-longest Aho–Corasick pass over the
//! folded view, patterns per sentence (so `^`/`$` anchor to the sentence) where their
//! literals occur.

use super::model::ToneModel;
use super::text::Sentence;
use super::words::Tok;
use crate::model::Scope;
use crate::text::{Entity, View, WordBounds, scope_of};

/// One lexicon hit: entry index, folded byte range and token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`ToneModel::entries`].
    pub entry: usize,
    /// Start byte in the folded view.
    pub start: usize,
    /// End byte (exclusive) in the folded view.
    pub end: usize,
    /// First token of the hit.
    pub lo: usize,
    /// One past its last token.
    pub hi: usize,
}

fn tok_range(toks: &[Tok], start: usize, end: usize) -> (usize, usize) {
    (
        toks.partition_point(|t| t.end <= start),
        toks.partition_point(|t| t.start < end),
    )
}

fn starts_word(text: &str, bounds: &WordBounds, i: usize) -> bool {
    let first = text[i..].chars().next();
    !first.is_some_and(char::is_alphanumeric) || bounds.is_boundary(text, i)
}

fn ends_word(text: &str, bounds: &WordBounds, i: usize) -> bool {
    let last = text[..i].chars().next_back();
    !last.is_some_and(char::is_alphanumeric) || bounds.is_boundary(text, i)
}

fn in_text_scope(view: &View, entities: &[Entity], start: usize, end: usize) -> bool {
    let (s, e) = view.to_source(start, end);
    matches!(scope_of(entities, s, e), Some(Scope::Text | Scope::Hashtag))
}

/// Literal hits of enabled entries over the whole folded view, sorted by start.
pub(super) fn literals(
    model: &ToneModel,
    view: &View,
    bounds: &WordBounds,
    entities: &[Entity],
    toks: &[Tok],
) -> Vec<Hit> {
    let Some(ac) = &model.literals else {
        return Vec::new();
    };
    let text = view.text.as_str();
    let mut out = Vec::new();
    for m in ac.find_iter(text) {
        if !starts_word(text, bounds, m.start()) {
            continue;
        }
        for &(entry, stem) in &model.literal_owners[m.pattern().as_usize()] {
            if !model.entries[entry].enabled {
                continue;
            }
            let end = if stem {
                let k = toks.partition_point(|t| t.end < m.end());
                toks.get(k)
                    .filter(|t| t.start < m.end())
                    .map_or(m.end(), |t| t.end.max(m.end()))
            } else if ends_word(text, bounds, m.end()) {
                m.end()
            } else {
                continue;
            };
            if !in_text_scope(view, entities, m.start(), end) {
                continue;
            }
            let (lo, hi) = tok_range(toks, m.start(), end);
            out.push(Hit {
                entry,
                start: m.start(),
                end,
                lo,
                hi,
            });
        }
    }
    out
}

/// Pattern hits of enabled entries inside sentence `s`; `occ` are the prefilter's
/// [`super::patterns::Prefilter::occurrences`] in the folded view.
pub(super) fn patterns(
    model: &ToneModel,
    view: &View,
    entities: &[Entity],
    toks: &[Tok],
    s: &Sentence,
    occ: &[(usize, usize, usize)],
    out: &mut Vec<Hit>,
) {
    if model.prefilter.is_empty() {
        return;
    }
    let slice = &view.text[s.start..s.end];
    for k in model.prefilter.candidates(occ, s.start, s.end) {
        let entry = model.pattern_entries[k];
        if !model.entries[entry].enabled {
            continue;
        }
        let Ok(re) = model.patterns[k].regex() else {
            continue;
        };
        for m in re.find_iter(slice).filter(|m| !m.is_empty()) {
            let (start, end) = (s.start + m.start(), s.start + m.end());
            if !in_text_scope(view, entities, start, end) {
                continue;
            }
            let (lo, hi) = tok_range(toks, start, end);
            out.push(Hit {
                entry,
                start,
                end,
                lo,
                hi,
            });
        }
    }
}

/// Keeps one hit per overlapping group within a category (the heaviest, then the longest),
/// so a term listed both alone and inside a phrase counts once.
pub(super) fn dedupe(model: &ToneModel, hits: &mut Vec<Hit>) {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut keep: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits.drain(..) {
        let cat = model.entries[h.entry].category;
        let w = model.entries[h.entry].weight;
        match keep
            .iter_mut()
            .find(|k| model.entries[k.entry].category == cat && h.start < k.end && k.start < h.end)
        {
            Some(k) if w > model.entries[k.entry].weight => *k = h,
            Some(_) => {}
            None => keep.push(h),
        }
    }
    *hits = keep;
}
