//! Fuzz target: any text through the engine with the bundled packs, for every platform.
//! Invariants: no panic; spans on char boundaries; `match` equals the span; sorted output.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tact::engine::load_engine;
use tact::engine::{CheckOptions, Engine};
use tact::load::LoadOptions;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| load_engine(&LoadOptions::default()).expect("bundled packs load"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let platform = ["x", "bluesky", "mastodon", "threads"][data.len() % 4];
    let found = ENGINE.check(
        text,
        &CheckOptions {
            platform: Some(platform.to_string()),
            ..Default::default()
        },
    );
    for f in &found {
        assert!(f.start <= f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(&text[f.start..f.end], f.matched);
    }
    assert!(
        found
            .windows(2)
            .all(|w| (w[0].start, w[0].end, &w[0].rule) <= (w[1].start, w[1].end, &w[1].rule))
    );
});
