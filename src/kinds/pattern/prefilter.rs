//! Which patterns can match a text, without running them: the prefilter of
//! `kind = "pattern"` rules (DESIGN §14).
//!
//! Per view (clean, raw), in one pass each over the text:
//!
//! - **a literal gate** for every pattern that has good *required literals* (a finite set of
//!   prefixes or suffixes, one of which every match contains, as `regex-syntax` extracts
//!   them — `SECRET`, `NOFORN`, `embargo`…; most bundled patterns): one Aho-Corasick automaton
//!   over all of them, searched ASCII case-insensitively, names the patterns one of whose
//!   literals occurs. Its cost is linear in the text and does not depend on what came before;
//! - **a multi-pattern automaton** for the others (`regex-automata`'s lazy DFA over one
//!   forward NFA, searched for every pattern that matches, as a `RegexSet` does, without the
//!   reverse automata and literal prefilters a `RegexSet` also builds). Each member is a
//!   *widened* copy of its pattern, so the automaton is small (about 300 KB of states for the
//!   4,285 real posts, never cleared: tested) and quick to build while never missing a match:
//!
//!   - Unicode word-boundary assertions, which would make the lazy DFA give up at the first
//!     non-ASCII character, become ASCII *half* boundaries that hold wherever the Unicode one
//!     does: `\b{start}` and `\b{start-half}` become "the previous byte is not an ASCII word
//!     character" (a character that is no Unicode word character is no ASCII one either, and a
//!     non-ASCII character ends in a byte that is no ASCII word character), `\b{end}` and
//!     `\b{end-half}` "the next byte is not an ASCII word character", and `\b` either of the
//!     two (at a Unicode boundary one side is no word character). `\B` is dropped. So `\bPM\b`
//!     still cannot match inside "development"; ASCII assertions stay as written;
//!   - a bounded repetition with an upper bound above [`KEEP_REPEAT`] becomes unbounded, and its
//!     lower bound is cut to at most [`KEEP_REPEAT`] (`[^.]{0,60}` → `[^.]*`, `\d{5,6}` →
//!     `\d{3,}`): the automaton no longer counts, so it needs a few states where it needed one
//!     per count and position;
//!   - a large class (`\w`, `\p{L}`, `\d` with Unicode) keeps its ASCII part and accepts any
//!     non-ASCII character — compiling the full Unicode tables of ~120 patterns was most of the
//!     cost of loading the rules;
//!   - capture groups are dropped.
//!
//! The rule's own pattern, compiled on first use, then decides.

use aho_corasick::AhoCorasick;
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternSet, hybrid};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};
use std::collections::HashMap;
use std::sync::Arc;

use crate::kinds::filter::Scratch;
use crate::model::ViewKind;

/// A class with more ranges than this is widened to its ASCII part plus all of non-ASCII.
const WIDEN_RANGES: usize = 16;

/// Repetition bounds up to this are kept; larger ones are widened (module documentation).
const KEEP_REPEAT: u32 = 3;

/// Size limit of each view's automaton, in bytes (as for a single pattern).
const SIZE_LIMIT: usize = super::SIZE_LIMIT;

/// Memory of one lazy-DFA cache, in bytes: when full it is cleared and refilled; when that
/// happens too often on one text, the PikeVM answers instead.
const CACHE_CAPACITY: usize = 8 << 20;

/// `hir`, widened for the prefilter (see the module documentation).
pub(crate) fn widen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => widen_look(*look),
        HirKind::Class(Class::Unicode(c)) if c.ranges().len() > WIDEN_RANGES => {
            let mut ascii = c.clone();
            ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
            ascii.union(&ClassUnicode::new([ClassUnicodeRange::new(
                '\u{80}',
                '\u{10FFFF}',
            )]));
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Repetition(r) => {
            let (min, max) = match r.max {
                Some(max) if max <= KEEP_REPEAT => (r.min, Some(max)),
                _ => (r.min.min(KEEP_REPEAT), None),
            };
            Hir::repetition(Repetition {
                min,
                max,
                sub: Box::new(widen(&r.sub)),
                ..r.clone()
            })
        }
        HirKind::Capture(c) => widen(&c.sub),
        HirKind::Concat(v) => Hir::concat(v.iter().map(widen).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(widen).collect()),
        _ => hir.clone(),
    }
}

/// An assertion that holds wherever `look` does and that the lazy DFA runs on any text
/// (module documentation).
fn widen_look(look: Look) -> Hir {
    match look {
        Look::WordUnicode => Hir::alternation(vec![
            Hir::look(Look::WordStartHalfAscii),
            Hir::look(Look::WordEndHalfAscii),
        ]),
        Look::WordStartUnicode | Look::WordStartHalfUnicode => Hir::look(Look::WordStartHalfAscii),
        Look::WordEndUnicode | Look::WordEndHalfUnicode => Hir::look(Look::WordEndHalfAscii),
        Look::WordUnicodeNegate => Hir::empty(),
        other => Hir::look(other),
    }
}

/// A pattern handed to [`PatternPrefilter::build`].
pub(crate) struct Member<'a> {
    /// The text it runs on.
    pub view: ViewKind,
    /// `(rule index, pattern index)`.
    pub owner: (usize, usize),
    /// The parsed pattern.
    pub hir: &'a Hir,
}

/// Lazy-DFA caches kept between checks (the states a text needs are computed once, not on
/// every keystroke), one per thread that checks.
type CachePool = Pool<hybrid::dfa::Cache, Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync>>;

/// The prefilter of one view: the literal gate for the members that have good required
/// literals, the widened automaton for the others.
#[derive(Clone)]
struct ViewSet {
    view: ViewKind,
    gate: Option<Gate>,
    automaton: Option<Automaton>,
    /// `(rule index, pattern index)` of each member.
    owners: Vec<(usize, usize)>,
}

/// One Aho-Corasick automaton (ASCII case-insensitive, all overlapping matches) over the
/// [`gate_literals`] of the gated members: a member is a candidate when one of its literals
/// occurs.
#[derive(Clone)]
struct Gate {
    literals: crate::kinds::common::LazyAc,
    /// The members (indices into [`ViewSet::owners`]) of each literal.
    members: Vec<Vec<usize>>,
}

/// The widened multi-pattern automaton of the ungated members: its forward NFA, searched
/// by the lazy DFA, or by the PikeVM should the lazy DFA give up (its cache thrashing on a
/// huge text).
#[derive(Clone)]
struct Automaton {
    dfa: hybrid::dfa::DFA,
    caches: Arc<CachePool>,
    pikevm: PikeVM,
    /// The member (index into [`ViewSet::owners`]) of each pattern of the automaton.
    members: Vec<usize>,
}

impl std::fmt::Debug for ViewSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewSet")
            .field("view", &self.view)
            .field("owners", &self.owners)
            .finish_non_exhaustive()
    }
}

/// One widened multi-pattern automaton per view over every pattern of every rule.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternPrefilter {
    sets: Vec<ViewSet>,
}

/// Why the automata could not be built.
pub(crate) type BuildError = Box<dyn std::error::Error + Send + Sync>;

impl PatternPrefilter {
    /// Builds the automata: one per view, over the widened members of that view.
    ///
    /// # Errors
    /// An automaton over the size limit.
    pub(crate) fn build(members: &[Member]) -> Result<PatternPrefilter, BuildError> {
        use rayon::prelude::*;
        let sets = [ViewKind::Clean, ViewKind::Raw]
            .into_par_iter()
            .filter_map(|view| {
                let mine: Vec<&Member> = members.iter().filter(|m| m.view == view).collect();
                (!mine.is_empty()).then(|| ViewSet::build(view, &mine))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PatternPrefilter { sets })
    }

    /// The `(rule, pattern)` pairs whose widened pattern matches somewhere in their view of
    /// the text: the clean view's first, each view's in rule order.
    pub(crate) fn candidates(&self, s: &Scratch) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for set in &self.sets {
            let text = match set.view {
                ViewKind::Raw => s.text,
                ViewKind::Clean => s.views.clean.text.as_str(),
            };
            let mut hit = vec![false; set.owners.len()];
            set.which_match(text, &mut hit);
            out.extend(set.owners.iter().zip(hit).filter(|x| x.1).map(|x| *x.0));
        }
        out
    }
}

/// Most literals a gated member may have (after ASCII lower-casing and deduplication).
const GATE_MAX_LITERALS: usize = 64;

/// Fewest bytes of each literal of a gated member.
const GATE_MIN_BYTES: usize = 2;

/// Literals, one of which every match of `hir` contains (its prefix or suffix literals, as
/// `regex-syntax` extracts them, cut to a few bytes), ASCII lower-cased and deduplicated —
/// `None` when there is no such finite set or it makes a poor gate (too many or too short
/// literals). Searched ASCII case-insensitively, they still occur wherever a match does.
fn gate_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut lits: Vec<Vec<u8>> =
        crate::kinds::tone::patterns::required_literals(&ascii_caseless(hir))?
            .into_iter()
            .map(|l| l.to_ascii_lowercase())
            .collect();
    lits.sort();
    lits.dedup();
    (lits.len() <= GATE_MAX_LITERALS && lits.iter().all(|l| l.len() >= GATE_MIN_BYTES))
        .then_some(lits)
}

/// `hir` with each class that is exactly an ASCII letter in both cases (`[Mm]`, what
/// `(?i)m` becomes) turned into the lower-case letter: the gate searches ASCII
/// case-insensitively, so a literal of this copy occurs (up to ASCII case) wherever a match
/// of `hir` does, and `(?i)minister` yields one literal instead of its 2^8 spellings.
fn ascii_caseless(hir: &Hir) -> Hir {
    fn pair(a: u32, b: u32) -> Option<u8> {
        let (a, b) = (u8::try_from(a).ok()?, u8::try_from(b).ok()?);
        (a.is_ascii_uppercase() && b == a.to_ascii_lowercase()).then_some(b)
    }
    let letter = |c: &Class| match c {
        Class::Unicode(c) => match c.ranges() {
            [x, y] if x.start() == x.end() && y.start() == y.end() => {
                pair(x.start() as u32, y.start() as u32)
            }
            _ => None,
        },
        Class::Bytes(c) => match c.ranges() {
            [x, y] if x.start() == x.end() && y.start() == y.end() => {
                pair(u32::from(x.start()), u32::from(y.start()))
            }
            _ => None,
        },
    };
    match hir.kind() {
        HirKind::Class(c) => match letter(c) {
            Some(b) => Hir::literal([b]),
            None => hir.clone(),
        },
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(ascii_caseless(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(regex_syntax::hir::Capture {
            sub: Box::new(ascii_caseless(&c.sub)),
            ..c.clone()
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(ascii_caseless).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(ascii_caseless).collect()),
        _ => hir.clone(),
    }
}

impl ViewSet {
    fn build(view: ViewKind, mine: &[&Member]) -> Result<ViewSet, BuildError> {
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let (mut keys, mut members): (Vec<Vec<u8>>, Vec<Vec<usize>>) = Default::default();
        let mut ungated = Vec::new();
        for (k, m) in mine.iter().enumerate() {
            let Some(lits) = gate_literals(m.hir) else {
                ungated.push(k);
                continue;
            };
            for l in lits {
                let i = *index.entry(l.clone()).or_insert_with(|| {
                    keys.push(l);
                    members.push(Vec::new());
                    keys.len() - 1
                });
                members[i].push(k);
            }
        }
        let gate = if keys.is_empty() {
            None
        } else {
            let literals = crate::kinds::common::LazyAc::build(
                AhoCorasick::builder().ascii_case_insensitive(true),
                &keys,
            )?;
            Some(Gate { literals, members })
        };
        let automaton = if ungated.is_empty() {
            None
        } else {
            let hirs: Vec<Hir> = ungated.iter().map(|&k| widen(mine[k].hir)).collect();
            Some(Automaton::build(&hirs, ungated)?)
        };
        Ok(ViewSet {
            view,
            gate,
            automaton,
            owners: mine.iter().map(|m| m.owner).collect(),
        })
    }

    /// Marks in `hit` (one flag per member) the members that can match `text`.
    fn which_match(&self, text: &str, hit: &mut [bool]) {
        if let Some(g) = &self.gate {
            for m in g.literals.get(text.len()).find_overlapping_iter(text) {
                for &k in &g.members[m.pattern().as_usize()] {
                    hit[k] = true;
                }
            }
        }
        if let Some(a) = &self.automaton {
            let mut hits = PatternSet::new(a.members.len());
            a.which_match(text, &mut hits);
            for p in hits.iter() {
                hit[a.members[p.as_usize()]] = true;
            }
        }
    }
}

impl Automaton {
    fn build(hirs: &[Hir], members: Vec<usize>) -> Result<Automaton, BuildError> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .nfa_size_limit(Some(SIZE_LIMIT))
                    .which_captures(WhichCaptures::None),
            )
            .build_many_from_hir(hirs)?;
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::All)
                    .cache_capacity(CACHE_CAPACITY),
            )
            .build_from_nfa(nfa.clone())?;
        let for_pool = dfa.clone();
        let caches = Arc::new(CachePool::new(Box::new(move || for_pool.create_cache())));
        let pikevm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)?;
        Ok(Automaton {
            dfa,
            caches,
            pikevm,
            members,
        })
    }

    fn which_match(&self, text: &str, hits: &mut PatternSet) {
        let input = Input::new(text);
        let mut cache = self.caches.get();
        if self
            .dfa
            .try_which_overlapping_matches(&mut cache, &input, hits)
            .is_err()
        {
            hits.clear();
            let mut cache = self.pikevm.create_cache();
            self.pikevm
                .which_overlapping_matches(&mut cache, &input, hits);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widened(p: &str) -> regex_automata::meta::Regex {
        let hir = regex_syntax::Parser::new().parse(p).unwrap();
        regex_automata::meta::Regex::builder()
            .build_from_hir(&widen(&hir))
            .unwrap()
    }

    #[test]
    fn widening_never_loses_a_match() {
        for (p, text) in [
            (r"\bSECRET\b", "(SECRET)"),
            (r"\w+@\w+", "ivan@мид"),
            (r"(?i)\bminister\b", "MINISTER"),
            (r"(?P<hit>\d{2})", "٣٤"),
        ] {
            assert!(
                regex::Regex::new(p).unwrap().is_match(text),
                "{p} on {text}"
            );
            assert!(widened(p).is_match(text), "{p} on {text}");
        }
        assert!(!widened(r"\bSECRET\b").is_match("secret"));
        // Half boundaries keep a short word from matching inside a longer one.
        assert!(!widened(r"(?i)\b(?:PM|king)\b").is_match("development making"));
        assert!(widened(r"(?i)\b(?:PM|king)\b").is_match("the PM, the king"));
        assert!(widened(r"\bécole\b").is_match("une école."));
    }

    proptest::proptest! {
        /// Wherever a pattern built of word assertions, bounded repetitions, classes and
        /// literals matches a text, its widened copy matches too.
        #[test]
        fn widened_patterns_match_wherever_the_pattern_does(
            parts in proptest::collection::vec(0usize..PARTS.len(), 1..6),
            text in "[a-cé д_.1 ]{0,24}",
        ) {
            let pattern: String = parts.iter().map(|&i| PARTS[i]).collect();
            let exact = regex::Regex::new(&pattern).unwrap();
            if exact.is_match(&text) {
                proptest::prop_assert!(widened(&pattern).is_match(&text), "{} on {:?}", pattern, text);
                let hir = regex_syntax::Parser::new().parse(&pattern).unwrap();
                if let Some(lits) = gate_literals(&hir) {
                    let ac = AhoCorasick::builder().ascii_case_insensitive(true).build(&lits).unwrap();
                    proptest::prop_assert!(ac.is_match(&text), "gate of {} on {:?}", pattern, text);
                }
            }
        }
    }

    const PARTS: [&str; 21] = [
        "(?i:ab)",
        "(?i:Éд)",
        "(?m:^)",
        "(?:ba|c)",
        "(?i:c?a)",
        r"\b",
        r"\B",
        r"\b{start}",
        r"\b{end}",
        r"\b{start-half}",
        r"\b{end-half}",
        "a",
        "é",
        "д",
        " ",
        r"\w{1,5}",
        r"[^.]{0,4}",
        r"\d{2}",
        "(?:a|b){4,}",
        r"(?-u:\b)",
        "[a-c]{2,3}",
    ];

    /// On the 4,285 real posts the lazy DFA never fills its cache: its cost does not depend
    /// on which posts came before (DESIGN §14).
    #[test]
    fn the_lazy_dfa_never_clears_its_cache_on_real_posts() {
        let engine = crate::engine::load_engine(&Default::default()).unwrap();
        let path = "../shared/corpus/benign-posts.jsonl";
        let jsonl = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in jsonl.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = Scratch::new(v["text"].as_str().unwrap());
            engine.pattern_prefilter.candidates(&s);
        }
        for set in &engine.pattern_prefilter.sets {
            let Some(a) = &set.automaton else { continue };
            let cache = a.caches.get();
            assert_eq!(cache.clear_count(), 0, "{:?}", set.view);
            assert!(
                cache.memory_usage() < CACHE_CAPACITY / 2,
                "{:?}: {} bytes",
                set.view,
                cache.memory_usage()
            );
        }
    }

    /// On real declassified documents, near misses, posts and tone examples, and on every
    /// example of the bundled rules, every pattern that matches is among the candidates.
    #[test]
    fn bundled_patterns_are_never_missed() {
        let engine = crate::engine::load_engine(&Default::default()).unwrap();
        let mut texts: Vec<String> = Vec::new();
        for (file, step) in [
            ("marked-documents", 1),
            ("near-miss-excerpts", 1),
            ("benign-posts", 1),
            ("tone-dev-large", 1),
            ("tone-real-dev", 1),
        ] {
            let path = format!("../shared/corpus/{file}.jsonl");
            let jsonl = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            for line in jsonl.lines().step_by(step) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                texts.push(v["text"].as_str().unwrap().to_string());
            }
        }
        for r in &engine.rules {
            let ex = &r.examples;
            texts.extend(ex.flag.iter().chain(&ex.pass).map(|e| e.text.clone()));
        }
        let matched: usize = texts.iter().map(|t| missed_none(&engine, t)).sum();
        assert!(
            matched > 300,
            "only {matched} pattern matches: the test proves little"
        );
    }

    /// Asserts that no pattern matching `text` is left out; returns how many matched.
    fn missed_none(engine: &crate::engine::Engine, text: &str) -> usize {
        let s = Scratch::new(text);
        let candidates = engine.pattern_prefilter.candidates(&s);
        let mut matched = 0;
        for (i, rule) in engine.rules.iter().enumerate() {
            let crate::engine::Matcher::Pattern(p) = &rule.matcher else {
                continue;
            };
            let view = match p.view {
                ViewKind::Raw => s.text,
                ViewKind::Clean => s.views.clean.text.as_str(),
            };
            for (j, pat) in p.patterns.iter().enumerate() {
                if pat.regex().unwrap().is_match(view) {
                    matched += 1;
                    assert!(
                        candidates.contains(&(i, j)),
                        "{} missed on {text:?}",
                        rule.id
                    );
                }
            }
        }
        matched
    }
}
