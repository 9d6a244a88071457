//! Shared filtering of raw matches: scopes (DESIGN §4), exceptions and `context`
//! (supporting evidence within a window of characters).

use std::cell::RefCell;
use std::collections::HashMap;

use super::CompiledRule;
use crate::text::{Entity, Views, WordBounds, extract_entities, scope_of};

/// A `requires`/`excludes` entry: a folded term (whole word) or a regex on the clean view.
#[derive(Debug, Clone)]
pub enum Needle {
    /// A case-folded term, matched whole-word on the folded view.
    Term(String),
    /// A regular expression (`re:` prefix in the rule file), run on the clean view; compiled
    /// on first use.
    Re(super::pattern::Pattern),
}

/// `context = { requires, excludes, window }`, compiled.
#[derive(Debug, Clone)]
pub struct Context {
    /// At least one must occur within the window (empty = no requirement).
    pub requires: Vec<Needle>,
    /// None may occur within the window.
    pub excludes: Vec<Needle>,
    /// Window in characters before the start and after the end of the match.
    pub window: usize,
}

/// Per-check state shared by the matchers: the views, entities and word boundaries, plus
/// caches of exception and context occurrences (original byte spans).
pub(crate) struct Scratch<'t> {
    pub text: &'t str,
    pub views: Views,
    folded_bounds: std::cell::OnceCell<WordBounds>,
    collapsed_bounds: std::cell::OnceCell<WordBounds>,
    pub entities: Vec<Entity>,
    hidden_hints: std::cell::OnceCell<super::hidden::Hints>,
    exception_cache: RefCell<HashMap<usize, Vec<(usize, usize)>>>,
    /// Occurrences of each context needle, keyed by its address (needles live in the engine).
    needle_cache: RefCell<HashMap<usize, Vec<(usize, usize)>>>,
}

impl<'t> Scratch<'t> {
    pub(crate) fn new(text: &'t str) -> Scratch<'t> {
        let views = Views::new(text);
        Scratch {
            text,
            views,
            folded_bounds: std::cell::OnceCell::new(),
            collapsed_bounds: std::cell::OnceCell::new(),
            entities: extract_entities(text),
            hidden_hints: std::cell::OnceCell::new(),
            exception_cache: RefCell::new(HashMap::new()),
            needle_cache: RefCell::new(HashMap::new()),
        }
    }

    /// Which `hidden` classes can occur in the text (computed on first use).
    pub(crate) fn hidden_hints(&self) -> super::hidden::Hints {
        *self
            .hidden_hints
            .get_or_init(|| super::hidden::Hints::scan(self.text))
    }

    /// Word boundaries of the folded view (computed on first use: most texts have no term
    /// match to check).
    pub(crate) fn folded_bounds(&self) -> &WordBounds {
        self.folded_bounds
            .get_or_init(|| WordBounds::new(&self.views.folded.text))
    }

    /// Word boundaries of the collapsed view (computed on first use).
    pub(crate) fn collapsed_bounds(&self) -> &WordBounds {
        self.collapsed_bounds
            .get_or_init(|| WordBounds::new(&self.views.collapsed.text))
    }

    /// Byte ranges in the folded view of its words: UAX #29 segments with a letter or digit,
    /// split again at `'`, `.` and `:` as [`WordBounds`] does (`fern's` → `fern`, `s`).
    pub(crate) fn folded_words(&self) -> Vec<(usize, usize)> {
        words_of(&self.views.folded.text)
    }

    /// Original spans of whole-word occurrences of the folded term `term`.
    pub(crate) fn term_occurrences(&self, term: &str) -> Vec<(usize, usize)> {
        let v = &self.views.folded;
        if term.is_empty() {
            return Vec::new();
        }
        v.text
            .match_indices(term)
            .filter(|(i, m)| {
                self.folded_bounds()
                    .is_whole_word(&v.text, *i, i + m.len(), false)
            })
            .map(|(i, m)| v.to_source(i, i + m.len()))
            .collect()
    }

    fn needle_occurrences(&self, n: &Needle) -> Vec<(usize, usize)> {
        match n {
            Needle::Term(t) => self.term_occurrences(t),
            Needle::Re(p) => match p.regex() {
                Ok(re) => re
                    .find_iter(&self.views.clean.text)
                    .filter(|m| !m.is_empty())
                    .map(|m| self.views.clean.to_source(m.start(), m.end()))
                    .collect(),
                Err(_) => Vec::new(),
            },
        }
    }

    /// Whether a match of `rule` (index `idx`) at `start..end` survives scopes, exceptions
    /// and context.
    pub(crate) fn passes_filters(
        &self,
        rule: &CompiledRule,
        idx: usize,
        start: usize,
        end: usize,
    ) -> bool {
        if rule.matcher.is_whole_text() {
            return true;
        }
        // A leak match that runs across a @mention, #hashtag or link inside a sentence
        // ("The Minister @FMx will arrive at 14:30") reads as running text (DESIGN §4); other
        // kinds never match across an entity's edge.
        let scope = match scope_of(&self.entities, start, end) {
            Some(scope) => scope,
            None if rule.category == crate::model::Category::Leak => crate::model::Scope::Text,
            None => return false,
        };
        if !rule.scopes.contains(&scope) || self.in_exception(rule, idx, start, end) {
            return false;
        }
        rule.context
            .as_ref()
            .is_none_or(|c| self.context_holds(c, start, end))
    }

    fn in_exception(&self, rule: &CompiledRule, idx: usize, start: usize, end: usize) -> bool {
        if rule.exceptions.is_empty() {
            return false;
        }
        let mut cache = self.exception_cache.borrow_mut();
        let spans = cache.entry(idx).or_insert_with(|| {
            rule.exceptions
                .iter()
                .flat_map(|e| self.term_occurrences(e))
                .collect()
        });
        spans.iter().any(|&(s, e)| s <= start && end <= e)
    }

    fn context_holds(&self, c: &Context, start: usize, end: usize) -> bool {
        let (lo, hi) = self.window(start, end, c.window);
        let near = |n: &Needle| {
            let key = n as *const Needle as usize;
            let mut cache = self.needle_cache.borrow_mut();
            let spans = cache
                .entry(key)
                .or_insert_with(|| self.needle_occurrences(n));
            let first = spans.partition_point(|&(_, e)| e <= lo);
            spans[first..]
                .iter()
                .take_while(|&&(s, _)| s < hi)
                .any(|&(s, e)| e > lo && !(s == start && e == end))
        };
        // The loader compiles every needle that could fail to compile, so `broken` is false;
        // were one broken, it would neither hide a finding behind a `requires` nor silence one
        // through an `excludes` (fail closed).
        let broken = |n: &Needle| matches!(n, Needle::Re(p) if p.regex().is_err());
        (c.requires.is_empty() || c.requires.iter().any(|n| broken(n) || near(n)))
            && !c.excludes.iter().any(|n| !broken(n) && near(n))
    }

    /// The byte range from `window` characters before `start` to `window` after `end`.
    fn window(&self, start: usize, end: usize, window: usize) -> (usize, usize) {
        let lo = self.text[..start]
            .char_indices()
            .rev()
            .nth(window.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let hi = self.text[end..]
            .char_indices()
            .nth(window)
            .map_or(self.text.len(), |(i, _)| end + i);
        (lo, hi)
    }
}

/// Splits a UAX #29 word at `'`, `.` and `:` (the extra boundaries of term matching).
fn split_at_marks(offset: usize, word: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if matches!(c, '\'' | '.' | ':') {
            if i > start {
                out.push((offset + start, offset + i));
            }
            start = i + c.len_utf8();
        }
    }
    if start < word.len() {
        out.push((offset + start, offset + word.len()));
    }
    out
}

impl Context {
    /// Writes the requirements into a rule fingerprint (needles as written, in order).
    pub(crate) fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        let needle = |n: &Needle| match n {
            Needle::Term(t) => format!("term:{t}"),
            Needle::Re(p) => format!("re:{}", p.source),
        };
        fp.list("requires", self.requires.iter().map(needle))
            .list("excludes", self.excludes.iter().map(needle))
            .field("window", (self.window as u64).to_le_bytes());
    }
}

/// The words of a folded text as the hashed-list matcher counts them (Unicode word bounds,
/// split at apostrophes and marks, runs with a letter or digit): byte spans in `text`.
pub(crate) fn words_of(text: &str) -> Vec<(usize, usize)> {
    use unicode_segmentation::UnicodeSegmentation;
    text.split_word_bound_indices()
        .flat_map(|(i, w)| split_at_marks(i, w))
        .filter(|(s, e)| text[*s..*e].chars().any(char::is_alphanumeric))
        .collect()
}
