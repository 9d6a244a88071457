//! Runs the engine over a long real text many times (for `valgrind --tool=callgrind`).
//!
//! Arguments: the number of characters of corpus text (default 5,000), or `TEXT_FILE=path`;
//! `ITERATIONS=n` checks (default 200) after one warm-up check, so per-check instruction
//! counts are `(total − load − warm-up) / n`; `ITERATIONS=0` only loads the rules.
fn main() {
    let text = std::fs::read_to_string("../shared/corpus/benign-posts.jsonl").unwrap();
    let mut post = String::new();
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        post.push_str(v["text"].as_str().unwrap());
        post.push('\n');
        if post.chars().count() > 5000 {
            break;
        }
    }
    let n: usize = std::env::args().nth(1).map_or(5000, |a| a.parse().unwrap());
    let post: String = match std::env::var("TEXT_FILE") {
        Ok(f) => std::fs::read_to_string(f).unwrap(),
        Err(_) => post.chars().take(n).collect(),
    };
    let e = tact::engine::load_engine(&Default::default()).unwrap();
    let opts = tact::engine::CheckOptions {
        platform: Some("x".into()),
        ..Default::default()
    };
    let iterations: usize = std::env::var("ITERATIONS").map_or(200, |v| v.parse().unwrap());
    if iterations > 0 {
        let _ = e.check(&post, &opts);
    }
    let n: usize = (0..iterations).map(|_| e.check(&post, &opts).len()).sum();
    println!("{n}");
}
