//! Check latency on **varied** real text, as the work looks (DESIGN §14): every iteration
//! checks the next of 4,285 distinct real posts (`../shared/corpus/benign-posts.jsonl`), or
//! of a shuffled-word variant of them (so no post repeats and no state built for one post
//! is reused by the same post), never one post again and again (`benches/check.rs` keeps
//! those repeated-post figures as a second line).
//!
//! Next to it, in the same run, the **bare-scan floor**: one Aho-Corasick automaton over all
//! terms of the bundled packs, the tone lexicon included (case-insensitive, leftmost-longest), plus one multi-pattern
//! lazy DFA (`regex-automata`, 8 MB cache, all matches) over all bundled patterns (word
//! boundaries made ASCII so the DFA runs on any text), on the raw text, no normalisation.
//! The run ends with a summary: median µs per post and µs per KB for tact and the floor,
//! and their ratio (budget: ≤ 20 µs per post, ≤ 2× the floor).
//!
//! Run: `cargo bench --bench varied`. A missing corpus file is an error, never a skip.
//!
//! For instruction counts (repeatable under load) run the bench binary with
//! `TACT_BENCH_PASS=tact` (or `floor`, or `load`): it does one pass over both varied corpora
//! (or only loads the bundled packs) and exits, e.g.
//! `TACT_BENCH_PASS=tact valgrind --tool=callgrind target/release/deps/varied-…`;
//! `TACT_BENCH_REPEAT=n` makes that n passes (a profile of the steady state).

use std::hint::black_box;
use std::time::Instant;

use aho_corasick::AhoCorasick;
use criterion::{Criterion, Throughput};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::{Input, MatchKind, PatternSet, hybrid};
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};
use tact::engine::{CheckOptions, Engine, Matcher, load_engine};
use tact::load::LoadOptions;

#[path = "support/corpus.rs"]
mod corpus;
use corpus::corpus_texts;

/// The corpus's words (split at spaces) shuffled by a fixed generator and dealt back into
/// posts of the same lengths in words: real vocabulary and punctuation, no repeated post.
fn shuffled(corpus: &[String]) -> Vec<String> {
    let mut words: Vec<&str> = corpus.iter().flat_map(|t| t.split(' ')).collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..words.len()).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        words.swap(i, (x >> 33) as usize % (i + 1));
    }
    let mut rest = &words[..];
    corpus
        .iter()
        .map(|t| {
            let (post, tail) = rest.split_at(t.split(' ').count().min(rest.len()));
            rest = tail;
            post.join(" ")
        })
        .collect()
}

/// Distinct pieces of about `chars` characters: the corpus posts joined by line breaks,
/// cut one after another.
fn pieces(corpus: &[String], chars: usize) -> Vec<String> {
    let all = corpus.join("\n");
    let chars_of: Vec<char> = all.chars().collect();
    chars_of
        .chunks(chars)
        .filter(|c| c.len() == chars)
        .map(|c| c.iter().collect())
        .collect()
}

/// The bare-scan floor (see the module documentation).
struct Floor {
    terms: AhoCorasick,
    dfa: hybrid::dfa::DFA,
    cache: std::cell::RefCell<hybrid::dfa::Cache>,
    patterns: usize,
}

/// `hir` with Unicode word-boundary assertions made ASCII ones, so the lazy DFA never quits.
fn ascii_bounds(hir: &Hir) -> Hir {
    let look = |l: Look| match l {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    };
    match hir.kind() {
        HirKind::Look(l) => Hir::look(look(*l)),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(ascii_bounds(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => ascii_bounds(&c.sub),
        HirKind::Concat(v) => Hir::concat(v.iter().map(ascii_bounds).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(ascii_bounds).collect()),
        _ => hir.clone(),
    }
}

/// The terms (stems without `*`) and patterns of the bundled tone lexicon
/// (`rules/tone.toml`, `[[tone.category]] entries`).
fn tone_lexicon() -> (Vec<String>, Vec<String>) {
    let path = "rules/tone.toml";
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (mut terms, mut patterns) = (Vec::new(), Vec::new());
    let categories = doc["tone"]["category"].as_array().expect("tone categories");
    for entry in categories
        .iter()
        .flat_map(|c| c["entries"].as_array().expect("entries"))
    {
        if let Some(t) = entry.get("t").and_then(|t| t.as_str()) {
            terms.push(t.trim_end_matches('*').to_string());
        }
        if let Some(p) = entry.get("p").and_then(|p| p.as_str()) {
            patterns.push(format!("(?i){p}"));
        }
    }
    (terms, patterns)
}

impl Floor {
    fn new(engine: &Engine) -> Floor {
        let mut terms: Vec<String> = Vec::new();
        let mut hirs: Vec<Hir> = Vec::new();
        for r in engine.rules() {
            match &r.matcher {
                Matcher::Terms(t) => terms.extend(t.terms.iter().cloned()),
                Matcher::Substitute(s) => terms.extend(s.entries.iter().map(|e| e.0.clone())),
                Matcher::Pattern(p) => hirs.extend(p.patterns.iter().map(|p| {
                    ascii_bounds(
                        &regex_syntax::Parser::new()
                            .parse(&p.source)
                            .expect("parses"),
                    )
                })),
                _ => {}
            }
        }
        let (tone_terms, tone_patterns) = tone_lexicon();
        terms.extend(tone_terms);
        hirs.extend(
            tone_patterns
                .iter()
                .map(|p| ascii_bounds(&regex_syntax::Parser::new().parse(p).expect("parses"))),
        );
        assert!(
            terms.len() > 300 && hirs.len() > 50,
            "the bundled packs shrank"
        );
        let terms = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&terms)
            .expect("term automaton");
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(WhichCaptures::None))
            .build_many_from_hir(&hirs)
            .expect("pattern NFA");
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::All)
                    .cache_capacity(8 << 20),
            )
            .build_from_nfa(nfa)
            .expect("pattern DFA");
        let cache = std::cell::RefCell::new(dfa.create_cache());
        Floor {
            terms,
            dfa,
            cache,
            patterns: hirs.len(),
        }
    }

    /// Term matches plus patterns that match.
    fn scan(&self, text: &str) -> usize {
        let terms = self.terms.find_iter(text).count();
        let mut hits = PatternSet::new(self.patterns);
        self.dfa
            .try_which_overlapping_matches(
                &mut self.cache.borrow_mut(),
                &Input::new(text),
                &mut hits,
            )
            .expect("the floor DFA never quits (ASCII word boundaries)");
        terms + hits.len()
    }
}

/// Median µs per text over one timed pass (after one warm-up pass), and µs per KB overall.
fn per_text(texts: &[String], mut f: impl FnMut(&str) -> usize) -> (f64, f64) {
    let mut sink = 0;
    for t in texts {
        sink += f(t);
    }
    let mut times: Vec<f64> = Vec::with_capacity(texts.len());
    let all = Instant::now();
    for t in texts {
        let start = Instant::now();
        sink += f(black_box(t));
        times.push(start.elapsed().as_secs_f64() * 1e6);
    }
    let total = all.elapsed().as_secs_f64() * 1e6;
    black_box(sink);
    times.sort_by(f64::total_cmp);
    let kb = texts.iter().map(String::len).sum::<usize>() as f64 / 1024.0;
    (times[times.len() / 2], total / kb)
}

/// `f` on the next text of `texts` at every iteration (create it once, outside the bench
/// function: criterion calls that again for every sample).
fn cycling<'a>(
    texts: &'a [String],
    mut f: impl FnMut(&str) -> usize + 'a,
) -> impl FnMut() -> usize {
    let mut i = 0;
    move || {
        i = (i + 1) % texts.len();
        f(black_box(&texts[i]))
    }
}

fn main() {
    let corpus = corpus_texts();
    let mixed = shuffled(&corpus);
    let opts = CheckOptions {
        platform: Some("x".into()),
        ..Default::default()
    };
    if let Ok(pass) = std::env::var("TACT_BENCH_PASS") {
        let engine = load_engine(&LoadOptions::default()).expect("bundled packs load");
        // `TACT_BENCH_REPEAT=n`: n passes, so a profile shows the steady state rather than
        // the first use of each pattern (compiled on first use).
        let repeat: usize = std::env::var("TACT_BENCH_REPEAT")
            .map(|r| r.parse().expect("TACT_BENCH_REPEAT: a count"))
            .unwrap_or(1);
        let n: usize = match pass.as_str() {
            "tact" => (0..repeat)
                .flat_map(|_| corpus.iter().chain(&mixed))
                .map(|t| engine.check(t, &opts).len())
                .sum(),
            "floor" => {
                let floor = Floor::new(&engine);
                corpus.iter().chain(&mixed).map(|t| floor.scan(t)).sum()
            }
            "load" => engine.rules().len(),
            other => panic!("TACT_BENCH_PASS={other}: expected tact, floor or load"),
        };
        println!("{pass}: {n}");
        return;
    }
    let engine = load_engine(&LoadOptions::default()).expect("bundled packs load");
    let floor = Floor::new(&engine);
    let check = |t: &str| engine.check(t, &opts).len();
    let statements = pieces(&corpus, 5_000);

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("varied");
    let mean = |v: &[String]| (v.iter().map(String::len).sum::<usize>() / v.len()) as u64;
    g.throughput(Throughput::Bytes(mean(&corpus)));
    let mut next = cycling(&corpus, check);
    g.bench_function("check a real post (4,285 distinct)", |b| b.iter(&mut next));
    let mut next = cycling(&corpus, |t| floor.scan(t));
    g.bench_function("floor: bare scan of a real post", |b| b.iter(&mut next));
    g.throughput(Throughput::Bytes(mean(&mixed)));
    let mut next = cycling(&mixed, check);
    g.bench_function("check a shuffled-word post", |b| b.iter(&mut next));
    g.throughput(Throughput::Bytes(mean(&statements)));
    let mut next = cycling(&statements, check);
    g.bench_function("check 5,000 varied characters", |b| b.iter(&mut next));
    g.finish();
    let mut g = c.benchmark_group("varied batch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("benign corpus (4,285 posts), one thread", |b| {
        b.iter(|| corpus.iter().map(|t| check(t)).sum::<usize>())
    });
    g.finish();
    c.final_summary();

    println!("\nsummary (one timed pass after a warm-up pass, one thread):");
    for (name, texts) in [("real posts", &corpus), ("shuffled-word posts", &mixed)] {
        let (tact, tact_kb) = per_text(texts, check);
        let (bare, bare_kb) = per_text(texts, |t| floor.scan(t));
        println!(
            "  {name}: tact {tact:.1} µs/post median ({tact_kb:.1} µs/KB), floor {bare:.1} µs/post ({bare_kb:.1} µs/KB), tact/floor {:.2}×",
            tact / bare
        );
    }
    let (five, _) = per_text(&statements, check);
    println!("  5,000 varied characters: tact {five:.0} µs median");
}
