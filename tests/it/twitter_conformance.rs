//! X counting and entity validity against the twitter-text 3.1.0 conformance suite
//! (`../shared/conformance/twitter-text/validate.yml`), read in place; a missing file or
//! group fails the test.
//!
//! - The three weighted-length groups (44 cases) are checked field for field
//!   (`weightedLength`, `valid`, `permillage`, display and valid ranges), with the config
//!   upstream's harness uses: v3 for `WeightedTweetsWithDiscountedEmojiCounterTest` and
//!   `UnicodeDirectionalMarkerCounterTest` (default config), v2 for `WeightedTweetsCounterTest`.
//! - `usernames`, `lists`, `hashtags` and `urls_without_protocol` are checked the way
//!   twitter-text's `isValidUsername`, `isValidList`, `isValidHashtag` and `isValidUrl`
//!   (without protocol) define them on top of extraction.
//! - Not applicable, so not run: `tweets` (legacy config v1, 140 code points) and `urls`
//!   (`isValidUrl` with a required scheme is an RFC 3986 validator, not extraction; tact never
//!   validates a URL on its own, it only finds URLs in a post).
//!
//! There are no known gaps.

use serde_yaml_ng::Value;
use tact::platform::{XConfig, parse_tweet};
use tact::text::{extract_hashtags, extract_mentions_or_lists, extract_urls};

const SUITE: &str = "../shared/conformance/twitter-text/validate.yml";

fn cases(group: &str) -> Vec<Value> {
    let text =
        std::fs::read_to_string(SUITE).unwrap_or_else(|e| panic!("cannot read {SUITE}: {e}"));
    let doc: Value = serde_yaml_ng::from_str(&text).expect("validate.yml parses");
    let list = doc["tests"][group]
        .as_sequence()
        .unwrap_or_else(|| panic!("group {group} missing from {SUITE}"))
        .clone();
    assert!(!list.is_empty(), "group {group} is empty");
    list
}

fn weighted_group(group: &str, config: XConfig) {
    let all = cases(group);
    let mut failures = Vec::new();
    for c in &all {
        let d = c["description"].as_str().expect("description");
        let t = c["text"].as_str().expect("text");
        let e = &c["expected"];
        let n = |k: &str| e[k].as_u64().unwrap_or_else(|| panic!("{d}: {k}")) as usize;
        let got = parse_tweet(t, config);
        let want = (
            n("weightedLength"),
            e["valid"].as_bool().expect("valid"),
            n("permillage"),
            n("displayRangeEnd"),
            n("validRangeEnd"),
        );
        assert_eq!((n("displayRangeStart"), n("validRangeStart")), (0, 0));
        let have = (
            got.weighted_length,
            got.valid,
            got.permillage,
            got.display_range_end,
            got.valid_range_end,
        );
        if have != want {
            failures.push(format!(
                "{group}: {d}: (length, valid, permillage, displayEnd, validEnd) expected {want:?}, got {have:?}"
            ));
        }
    }
    eprintln!(
        "{group}: {} of {} passed",
        all.len() - failures.len(),
        all.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn weighted_length_with_discounted_emoji_v3() {
    weighted_group("WeightedTweetsWithDiscountedEmojiCounterTest", XConfig::V3);
}

#[test]
fn weighted_length_v2() {
    weighted_group("WeightedTweetsCounterTest", XConfig::V2);
}

#[test]
fn weighted_length_with_directional_markers() {
    weighted_group("UnicodeDirectionalMarkerCounterTest", XConfig::V3);
}

fn validity_group(group: &str, is_valid: impl Fn(&str) -> bool) {
    let all = cases(group);
    let mut failures = Vec::new();
    for c in &all {
        let t = c["text"].as_str().expect("text");
        let want = c["expected"].as_bool().expect("boolean");
        if is_valid(t) != want {
            failures.push(format!(
                "{group}: {}: {t:?} expected {want}",
                c["description"].as_str().unwrap()
            ));
        }
    }
    eprintln!(
        "{group}: {} of {} passed",
        all.len() - failures.len(),
        all.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `isValidUsername`: exactly one mention (not a list), covering the whole text.
#[test]
fn usernames() {
    validity_group("usernames", |t| {
        let m = extract_mentions_or_lists(t);
        m.len() == 1 && m[0].list_start.is_none() && m[0].start == 0 && m[0].end == t.len()
    });
}

/// `isValidList`: exactly one mention with a list slug, covering the whole text.
#[test]
fn lists() {
    validity_group("lists", |t| {
        let m = extract_mentions_or_lists(t);
        m.len() == 1 && m[0].list_start.is_some() && m[0].start == 0 && m[0].end == t.len()
    });
}

/// `isValidHashtag`: exactly one hashtag, covering the whole text.
#[test]
fn hashtags() {
    validity_group("hashtags", |t| extract_hashtags(t) == [(0, t.len())]);
}

/// `isValidUrl(url, true, false)` on scheme-less URLs: extraction finds exactly the text.
#[test]
fn urls_without_protocol() {
    validity_group("urls_without_protocol", |t| {
        let u = extract_urls(t);
        u.len() == 1 && u[0].start == 0 && u[0].end == t.len()
    });
}
