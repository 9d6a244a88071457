//! X weighted length against the twitter-text conformance suite
//! (`../shared/conformance/twitter-text/validate.yml`, config v3). The YAML is read in place;
//! a missing file fails the test.
//!
//! The full suite becomes a test in the matching-and-counting issue; here every case of the
//! v3 groups must pass except those listed in `KNOWN_GAPS`, each with the reason.

use serde_yaml_ng::Value;
use tact::platform::x_weighted_length;

const SUITE: &str = "../shared/conformance/twitter-text/validate.yml";

/// Cases the first counter does not get right yet, with why. Every other case must pass.
const KNOWN_GAPS: &[(&str, &str)] = &[
    (
        "Handle long url with invalid domain labels and short url",
        "a URL whose host label is longer than 63 punycode characters is not an entity; needs punycode lengths",
    ),
    (
        "Do not allow > 140 CJK characters by virtue of CJK chars greater than 63 punycode encoded chars in the host",
        "same: punycode length of a CJK host label",
    ),
];

fn cases(group: &str) -> Vec<(String, String, u64)> {
    let text =
        std::fs::read_to_string(SUITE).unwrap_or_else(|e| panic!("cannot read {SUITE}: {e}"));
    let doc: Value = serde_yaml_ng::from_str(&text).expect("validate.yml parses");
    let list = doc["tests"][group]
        .as_sequence()
        .unwrap_or_else(|| panic!("group {group} missing from {SUITE}"));
    list.iter()
        .map(|c| {
            let d = c["description"].as_str().expect("description").to_string();
            let t = c["text"].as_str().expect("text").to_string();
            let w = c["expected"]["weightedLength"]
                .as_u64()
                .expect("weightedLength");
            (d, t, w)
        })
        .collect()
}

fn run_group(group: &str) -> Vec<String> {
    let all = cases(group);
    assert!(!all.is_empty(), "group {group} is empty");
    let mut failures = Vec::new();
    for (d, t, w) in all {
        let got = x_weighted_length(&t) as u64;
        let gap = KNOWN_GAPS.iter().any(|(k, _)| *k == d);
        if got != w && !gap {
            failures.push(format!("{group}: {d}: expected {w}, got {got}"));
        }
    }
    failures
}

#[test]
fn weighted_length_with_discounted_emoji_v3() {
    let f = run_group("WeightedTweetsWithDiscountedEmojiCounterTest");
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn weighted_length_with_directional_markers() {
    let f = run_group("UnicodeDirectionalMarkerCounterTest");
    assert!(f.is_empty(), "{}", f.join("\n"));
}
