//! What surrounds a hit inside its sentence: targets (who a hit is aimed at), negation,
//! boosters, quotations, reported speech and exceptions. Token windows count words.

use super::hits::Hit;
use super::model::{Exception, ToneModel};
use super::text::{Quote, Sentence};
use super::words::Tok;
use crate::text::View;

/// What kind of target a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetKind {
    /// "you", "your" (also a counterpart, but consular "you" is common).
    Second,
    /// A third party: they/their, a role, a name, an @mention.
    Aimed,
    /// A leader role (president, minister…).
    Leader,
}

/// A target word or phrase: token range, kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// First token.
    pub lo: usize,
    /// One past the last token.
    pub hi: usize,
    /// Kind.
    pub kind: TargetKind,
}

/// The shared per-check data every sentence needs.
pub(super) struct Doc<'a> {
    /// The model.
    pub model: &'a ToneModel,
    /// The original text.
    pub text: &'a str,
    /// The folded view.
    pub view: &'a View,
    /// Words of the folded view.
    pub toks: &'a [Tok],
    /// Entities of the original text.
    pub entities: &'a [crate::text::Entity],
}

impl Doc<'_> {
    /// The folded text of token `i`.
    pub(super) fn word(&self, i: usize) -> &str {
        &self.view.text[self.toks[i].start..self.toks[i].end]
    }

    /// The original text of folded bytes `start..end`.
    pub(super) fn original(&self, start: usize, end: usize) -> &str {
        let (s, e) = self.view.to_source(start, end);
        self.text.get(s..e).unwrap_or("")
    }

    /// The original text of token `i`.
    pub(super) fn original_word(&self, i: usize) -> &str {
        self.original(self.toks[i].start, self.toks[i].end)
    }

    fn is_proper_noun(&self, i: usize, s: &Sentence) -> bool {
        let t = &self.model.targets;
        let orig = self.original_word(i);
        let mut chars = orig.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase()
            || orig
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && orig.chars().count() > 1
        {
            return false;
        }
        let w = self.word(i);
        let base = w.strip_suffix("'s").unwrap_or(w);
        if t.not_names.contains_word(base) {
            return false;
        }
        i != s.lo || w.ends_with("'s") || t.name_suffixes.iter().any(|x| base.ends_with(x.as_str()))
    }

    /// The targets of sentence `s`.
    pub(super) fn targets(&self, s: &Sentence) -> Vec<Target> {
        let t = &self.model.targets;
        let mut out = Vec::new();
        let mut i = s.lo;
        while i < s.hi {
            let hit = |set: &super::words::PhraseSet, kind| {
                set.match_at(&self.view.text, &self.toks[..s.hi], i)
                    .map(|n| (n, kind))
            };
            let found = hit(&t.leader_roles, TargetKind::Leader)
                .or_else(|| hit(&t.roles, TargetKind::Aimed))
                .or_else(|| hit(&t.pronouns, TargetKind::Aimed))
                .or_else(|| hit(&t.names, TargetKind::Aimed))
                .or_else(|| hit(&t.second_person, TargetKind::Second))
                .or_else(|| {
                    let start = self.toks[i].start;
                    let mention = t.mentions && self.view.text[..start].ends_with('@');
                    (mention || self.is_proper_noun(i, s)).then_some((1, TargetKind::Aimed))
                });
            match found {
                Some((n, TargetKind::Leader)) => {
                    let target = self.leader_target(s, &mut out, i, i + n);
                    i = target.hi;
                    out.push(target);
                }
                Some((n, kind)) => {
                    out.push(Target {
                        lo: i,
                        hi: i + n,
                        kind,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether token `i` names someone: a capitalised word, a listed name or an @mention.
    fn is_name(&self, s: &Sentence, i: usize) -> bool {
        let t = &self.model.targets;
        let start = self.toks[i].start;
        (t.mentions && self.view.text[..start].ends_with('@'))
            || t.names
                .match_at(&self.view.text, &self.toks[..s.hi], i)
                .is_some()
            || self.is_proper_noun(i, s)
    }

    /// The number of name tokens (at most 3) from token `i`: "Jane Doe" in "President Jane Doe".
    fn name_run(&self, s: &Sentence, i: usize) -> usize {
        (i..s.hi.min(i + 3))
            .take_while(|&j| self.is_name(s, j))
            .count()
    }

    /// The leader role at tokens `lo..hi` with the name it governs, as one target: a name right
    /// after it ("President Smith"), a `leader-links` word and a name ("the President of
    /// Freedonia", "the Foreign Minister of the Republic"), or a name target right before it
    /// ("the Freedonian President"), which is taken out of `before`.
    fn leader_target(
        &self,
        s: &Sentence,
        before: &mut Vec<Target>,
        lo: usize,
        hi: usize,
    ) -> Target {
        let links = &self.model.targets.leader_links;
        let mut end = hi;
        if end < s.hi {
            let named = self.name_run(s, end);
            if named > 0 {
                end += named;
            } else if let Some(n) = links.match_at(&self.view.text, &self.toks[..s.hi], end) {
                let named = if end + n < s.hi {
                    self.name_run(s, end + n)
                } else {
                    0
                };
                if named > 0 {
                    end += n + named;
                }
            }
        }
        let mut start = lo;
        if let Some(prev) = before.last()
            && prev.kind == TargetKind::Aimed
            && prev.hi == lo
            && (prev.lo..prev.hi).all(|j| self.is_name(s, j))
        {
            start = prev.lo;
            before.pop();
        }
        Target {
            lo: start,
            hi: end,
            kind: TargetKind::Leader,
        }
    }

    /// The strongest target within the model's window of tokens `lo..hi` (not inside it).
    pub(super) fn nearest_target<'t>(
        &self,
        targets: &'t [Target],
        lo: usize,
        hi: usize,
    ) -> Option<&'t Target> {
        let w = self.model.targets.window;
        targets
            .iter()
            .filter(|t| (t.hi <= lo && lo - t.hi < w) || (t.lo >= hi && t.lo - hi < w))
            .max_by_key(|t| t.kind)
    }

    /// The negation word that cancels a hit starting at token `lo`, if any: one of the
    /// `negation-window` words before it, with no `,` `;` `:` in between, and not the start
    /// of an exempt phrase ("not only").
    /// Whether hit `h` begins with a negation word ("no mercy", "never again").
    pub(super) fn starts_with_negation(&self, s: &Sentence, h: &Hit) -> bool {
        let m = &self.model.modifiers;
        h.lo < h.hi
            && m.negation_words
                .match_at(&self.view.text, &self.toks[..s.hi], h.lo)
                .is_some()
    }

    pub(super) fn negation(&self, s: &Sentence, h: &Hit) -> Option<String> {
        let m = &self.model.modifiers;
        let text = &self.view.text;
        for d in 1..=m.negation_window {
            let Some(i) = h.lo.checked_sub(d).filter(|&i| i >= s.lo) else {
                break;
            };
            let gap = &text[self.toks[i].end..h.start];
            if gap.contains([',', ';', ':']) {
                break;
            }
            let w = self.word(i);
            let neg = m
                .negation_words
                .match_at(text, &self.toks[..s.hi], i)
                .is_some()
                || w.ends_with("n't");
            if neg
                && m.negation_exempt
                    .match_at(text, &self.toks[..s.hi], i)
                    .is_none()
            {
                return Some(self.original_word(i).to_string());
            }
        }
        None
    }

    /// Boosters among the three words before token `lo`: `(word, increment)`.
    pub(super) fn boosters(&self, s: &Sentence, lo: usize) -> Vec<(String, f64)> {
        let m = &self.model.modifiers;
        let mut out = Vec::new();
        for (d, decay) in m.booster_decay.iter().enumerate() {
            let Some(i) = lo.checked_sub(d + 1).filter(|&i| i >= s.lo) else {
                break;
            };
            if out.len() < m.booster_max && m.boosters.contains_word(self.word(i)) {
                out.push((
                    self.original_word(i).to_string(),
                    m.booster_increment * decay,
                ));
            }
        }
        out
    }

    /// For each exception, the token ranges of its `phrases` and its `near` words in
    /// sentence `s` (computed once per sentence with hits); left empty for an exception that
    /// applies to none of `hits`, as [`Self::exception`] never reads it then.
    pub(super) fn exception_spans(&self, s: &Sentence, hits: &[Hit]) -> Vec<ExceptionSpans> {
        let text = &self.view.text;
        let m = self.model;
        self.model
            .exceptions
            .iter()
            .map(|x| {
                let applies = hits.iter().any(|h| {
                    let e = &m.entries[h.entry];
                    x.applies(&m.categories[e.category].id, &e.id)
                });
                if !applies {
                    return ExceptionSpans::default();
                }
                ExceptionSpans {
                    phrases: x.phrases.find_all(text, self.toks, s.lo, s.hi),
                    near: x.near.find_all(text, self.toks, s.lo, s.hi),
                }
            })
            .collect()
    }

    /// The exception that covers hit `h`, if any: the hit lies inside one of its phrases, or
    /// one of its `near` words lies within its window (outside the hit).
    pub(super) fn exception(&self, spans: &[ExceptionSpans], h: &Hit) -> Option<&Exception> {
        let e = &self.model.entries[h.entry];
        let cat = &self.model.categories[e.category].id;
        self.model
            .exceptions
            .iter()
            .zip(spans)
            .filter(|(x, _)| x.applies(cat, &e.id))
            .find(|(x, sp)| {
                let inside = sp.phrases.iter().any(|&(a, b)| a <= h.lo && h.hi <= b);
                let near = sp.near.iter().any(|&(a, b)| {
                    (b <= h.lo && h.lo - b < x.window) || (a >= h.hi && a - h.hi < x.window)
                });
                inside || near
            })
            .map(|(x, _)| x)
    }

    /// Whether a reporting verb ("called", "accused") comes before token `lo` in the window.
    pub(super) fn reported(&self, s: &Sentence, lo: usize) -> bool {
        let m = &self.model.modifiers;
        let from = lo.saturating_sub(m.reported_window).max(s.lo);
        m.reported_verbs
            .any_in(&self.view.text, self.toks, from, lo)
    }
}

/// Token ranges of one exception's phrases and near words in a sentence.
#[derive(Debug, Clone, Default)]
pub struct ExceptionSpans {
    /// Occurrences of `phrases`.
    pub phrases: Vec<(usize, usize)>,
    /// Occurrences of `near`.
    pub near: Vec<(usize, usize)>,
}

/// The attributed quotation that contains hit `h`, if any.
pub(super) fn attributed_quote<'q>(quotes: &'q [Quote], h: &Hit) -> Option<&'q Quote> {
    quotes
        .iter()
        .find(|q| q.attributed && q.open < h.start && h.end < q.close)
}
