//! Growth of time with input size on the inputs that once took super-linear time (issue 17):
//! each case runs at size n and 10 n, and the run fails (exit 1) when 10× the input costs
//! more than 15× the time. Times are the minimum of several runs, so a busy machine
//! inflates both sizes alike rather than one.
//!
//! Cases: a run of regional indicators checked for X; `Kiev ` repeated on one line (each
//! finding's column, and the human report of every finding); `a` + ZWJ repeated; real posts
//! joined into one long text with line breaks; and loading a pack of n rules.
//!
//! Run: `cargo bench --bench growth`. A missing corpus file is an error, never a skip.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tact::engine::{CheckOptions, Engine, load_engine};
use tact::load::LoadOptions;
use tact::report::HumanReport;

#[path = "support/corpus.rs"]
mod corpus;
/// The largest allowed time ratio for 10× the input.
const MAX_RATIO: f64 = 15.0;

/// The least time of `runs` runs of `f`.
fn least(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// One case: a name, and the work for a given size (built outside the timing).
struct Case {
    name: &'static str,
    small: usize,
    make: Box<dyn Fn(usize) -> Box<dyn FnMut()>>,
}

fn text_case(name: &'static str, small: usize, unit: &'static str, human: bool) -> Case {
    Case {
        name,
        small,
        make: Box::new(move |n| {
            let engine = engine();
            let text = unit.repeat(n);
            let opts = x();
            Box::new(move || {
                let findings = engine.check(black_box(&text), &opts);
                black_box(engine.counters(&text, "x"));
                if human {
                    let report = HumanReport::new(false);
                    for f in &findings {
                        black_box(report.finding("post.txt", &text, f));
                    }
                }
            })
        }),
    }
}

fn engine() -> &'static Engine {
    static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    E.get_or_init(|| load_engine(&LoadOptions::default()).expect("bundled packs load"))
}

fn x() -> CheckOptions {
    CheckOptions {
        platform: Some("x".into()),
        ..Default::default()
    }
}

/// Real posts joined with line breaks until the text has `n` posts (cycling the corpus).
fn corpus_case() -> Case {
    let posts = corpus::corpus_texts();
    Case {
        name: "real posts joined into one text",
        // Above a few hundred KB the regex engines settle into their long-text mode; from
        // there the time is linear (2k posts: 0.30 s, 5k: 0.87 s, 20k: 3.3 s, 40k: 6.2 s).
        small: 5_000,
        make: Box::new(move |n| {
            let joined: String = posts
                .iter()
                .cycle()
                .take(n)
                .map(|p| format!("{p}\n"))
                .collect();
            let opts = x();
            Box::new(move || {
                black_box(engine().check(black_box(&joined), &opts));
            })
        }),
    }
}

/// A folder with one pack of `n` terms rules, loaded alone (the bundled packs' fixed cost
/// would hide the growth: 1k rules over them 127 ms, 10k 168 ms).
fn rules_case() -> Case {
    Case {
        name: "loading a pack of n rules",
        // 1k: 7 ms, 10k: 66 ms (9.9×). Past that the work stays linear (callgrind: 10k
        // 0.86 G instructions, 100k 8.2 G) but the time grows by memory, the TOML parser's
        // tree taking about 3.8 KB a rule (100k: 0.9 s, 16×; 1M: 19 s, 3.8 GB, page faults).
        small: 1_000,
        make: Box::new(|n| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut pack = String::from("schema = 1\n[pack]\nid = \"many\"\n");
            for i in 0..n {
                pack.push_str(&format!(
                    "[[rule]]\nid = \"r{i}\"\nkind = \"terms\"\ncategory = \"leak\"\nseverity = \"warn\"\nmessage = \"term {i}\"\nwhy = \"test\"\nterms = [\"codeword{i}x\"]\n"
                ));
            }
            std::fs::write(dir.path().join("many.toml"), pack).expect("write pack");
            let opts = LoadOptions {
                builtin: false,
                dirs: vec![dir.path().to_path_buf()],
                ..Default::default()
            };
            Box::new(move || {
                let _keep = &dir;
                black_box(load_engine(&opts).expect("pack loads"));
            })
        }),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter word runs only the cases whose name has it.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases = [
        text_case(
            "regional indicators checked for X",
            12_000,
            "\u{1F1E6}",
            false,
        ),
        text_case(
            "`Kiev ` on one line, with the human report",
            10_000,
            "Kiev ",
            true,
        ),
        text_case("`a` + ZWJ", 100_000, "a\u{200D}", false),
        // Past 100 findings of a rule only a count is kept: the report stays short.
        text_case(
            "`a` + ZWJ, with the human report",
            100_000,
            "a\u{200D}",
            true,
        ),
        corpus_case(),
        rules_case(),
    ];
    let mut failed = Vec::new();
    println!("{:<48} {:>12} {:>12} {:>7}", "case", "n", "10 n", "ratio");
    for c in cases
        .iter()
        .filter(|c| filter.as_ref().is_none_or(|f| c.name.contains(f.as_str())))
    {
        let mut small = (c.make)(c.small);
        let mut large = (c.make)(c.small * 10);
        small();
        let a = least(5, &mut small);
        let b = least(2, &mut large);
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        println!(
            "{:<48} {:>10.1}ms {:>10.1}ms {:>6.1}×",
            c.name,
            a.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            ratio
        );
        if ratio > MAX_RATIO {
            failed.push(c.name);
        }
    }
    if !failed.is_empty() {
        eprintln!("super-linear (10× input > {MAX_RATIO}× time): {failed:?}");
        std::process::exit(1);
    }
}
