//! Check latency against the budgets of DESIGN §14 (release build):
//! 280-character post ≤ 50 µs; 5,000-character statement ≤ 1 ms, ≤ 2 ms with an added
//! 10,000-term list; compiling the bundled packs ≤ 20 ms. Also a 100,000-term list (cost
//! should stay nearly flat with the number of terms) and a batch over the real corpus.
//!
//! The tone model runs inside every check; "hostile post" exercises it on a 280-character
//! post full of hits (same 50 µs budget); "tone scorer alone" times it without the rest.
//!
//! Run: `cargo bench --bench check`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use tact::engine::load_engine;
use tact::engine::{CheckOptions, Engine};
use tact::load::LoadOptions;

#[path = "support/corpus.rs"]
mod corpus;
use corpus::corpus_texts;

/// A post of about `chars` characters made of real corpus posts.
fn post_of(chars: usize, corpus: &[String]) -> String {
    let mut s = String::new();
    for t in corpus.iter().cycle() {
        if s.chars().count() >= chars {
            break;
        }
        s.push_str(t);
        s.push('\n');
    }
    s.chars().take(chars).collect()
}

/// Deterministic pseudo-words (a linear congruential generator), `n` two-word terms.
fn term_list(n: usize) -> String {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut word = || {
        (0..7)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (b'a' + ((x >> 33) % 26) as u8) as char
            })
            .collect::<String>()
    };
    (0..n).map(|_| format!("{} {}\n", word(), word())).collect()
}

fn engine_with_terms(n: usize, dir: &Path) -> Engine {
    std::fs::write(dir.join("codenames.txt"), term_list(n)).unwrap();
    std::fs::write(
        dir.join("embassy.toml"),
        "schema = 1\n[pack]\nid = \"embassy\"\n[[rule]]\nid = \"codenames\"\nkind = \"terms\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"codename `{match}`\"\nwhy = \"internal\"\nterms-file = \"codenames.txt\"\n",
    )
    .unwrap();
    load_engine(&LoadOptions {
        dirs: vec![dir.to_path_buf()],
        ..Default::default()
    })
    .expect("bench rules load")
}

fn bench(c: &mut Criterion) {
    let corpus = corpus_texts();
    let bundled = load_engine(&LoadOptions::default()).expect("bundled packs load");
    let opts = CheckOptions {
        platform: Some("x".into()),
        ..Default::default()
    };
    let post = post_of(280, &corpus);
    let statement = post_of(5_000, &corpus);
    let double = post_of(10_000, &corpus);

    c.bench_function("check 280-char post", |b| {
        b.iter(|| bundled.check(black_box(&post), &opts))
    });
    c.bench_function("check 5000-char statement", |b| {
        b.iter(|| bundled.check(black_box(&statement), &opts))
    });
    c.bench_function("check 10000-char statement", |b| {
        b.iter(|| bundled.check(black_box(&double), &opts))
    });
    for n in [10_000, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let e = engine_with_terms(n, dir.path());
        c.bench_function(&format!("check 5000-char statement + {n} terms"), |b| {
            b.iter(|| e.check(black_box(&statement), &opts))
        });
    }
    // Tone (issue 6): a 280-character post that the tone model has to score in full —
    // several sentences, hits, modifiers, quotes, emoji and capitals.
    let hostile: String = "The Marovian trade minister is an incompetent buffoon. Their so-called experts could not find the border on a map. \"Historic\" reform 🤡🤡 Let them try: they will not like what happens next!!! We condemn the attack on civilians. NO MORE EXCUSES. ARE WE REALLY SUPPOSED TO BELIEVE THEM?"
        .chars()
        .take(280)
        .collect();
    let no_tone = load_engine(&LoadOptions {
        overrides: tact::load::Overrides {
            disable: vec![toml::Spanned::new(0..0, "tone".to_string())],
            ..Default::default()
        },
        ..Default::default()
    })
    .expect("bundled packs load without tone");
    c.bench_function("check 280-char post without the tone pack", |b| {
        b.iter(|| no_tone.check(black_box(&post), &opts))
    });
    c.bench_function("check 280-char hostile post without the tone pack", |b| {
        b.iter(|| no_tone.check(black_box(&hostile), &opts))
    });
    c.bench_function("check 280-char hostile post (tone)", |b| {
        b.iter(|| bundled.check(black_box(&hostile), &opts))
    });
    // The tone scorer alone, on the views and entities a check builds once.
    let model = bundled
        .rules()
        .iter()
        .find_map(|r| match &r.matcher {
            tact::engine::Matcher::Tone(m) => Some(m.clone()),
            _ => None,
        })
        .expect("the bundled tone pack");
    for (name, text) in [("post", &post), ("hostile post", &hostile)] {
        let views = tact::text::Views::new(text);
        let bounds = tact::text::WordBounds::new(&views.folded.text);
        let entities = tact::text::extract_entities(text);
        let input = tact::kinds::tone::Input {
            text,
            folded: &views.folded,
            bounds: &bounds,
            entities: &entities,
        };
        c.bench_function(&format!("tone scorer alone, 280-char {name}"), |b| {
            b.iter(|| tact::kinds::tone::score(&model, black_box(&input)))
        });
    }
    c.bench_function("compile bundled packs", |b| {
        b.iter(|| load_engine(&LoadOptions::default()).unwrap())
    });
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    g.bench_function("benign corpus (4,285 posts), one thread", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|t| bundled.check(t, &opts).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
