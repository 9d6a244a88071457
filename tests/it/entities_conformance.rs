//! Entity extraction against the twitter-text 3.1.0 conformance suite
//! (`../shared/conformance/twitter-text/extract.yml` and `tlds.yml`), read in place; a missing
//! file or group fails the test. Indices in the suite are code points; ours are bytes and
//! are converted.
//!
//! Every case of the URL, mention, reply, hashtag and cashtag groups must pass; there are no
//! known gaps.

use serde_yaml_ng::Value;
use tact::text::{
    extract_cashtags, extract_hashtags, extract_mentions_or_lists, extract_reply, extract_urls,
};

const EXTRACT: &str = "../shared/conformance/twitter-text/extract.yml";
const TLDS: &str = "../shared/conformance/twitter-text/tlds.yml";

fn group(file: &str, name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let doc: Value = serde_yaml_ng::from_str(&text).expect("YAML parses");
    let list = doc["tests"][name]
        .as_sequence()
        .unwrap_or_else(|| panic!("group {name} missing from {file}"))
        .clone();
    assert!(!list.is_empty(), "group {name} is empty");
    list
}

/// Code-point index of byte offset `b` in `t`.
fn cp(t: &str, b: usize) -> u64 {
    t[..b].chars().count() as u64
}

/// A found entity: its text (without the sigil for mentions, hashtags and cashtags) and its
/// code-point indices.
type Found = (String, Option<String>, [u64; 2]);

fn run(file: &str, name: &str, extract: impl Fn(&str) -> Vec<Found>, check: Check) {
    let cases = group(file, name);
    let total = cases.len();
    let mut failures = Vec::new();
    for c in &cases {
        let desc = c["description"].as_str().expect("description");
        let text = c["text"].as_str().expect("text");
        let got = extract(text);
        let expected = &c["expected"];
        let ok = match check {
            Check::Texts => {
                let want: Vec<&str> = expected
                    .as_sequence()
                    .expect("list")
                    .iter()
                    .map(|v| v.as_str().expect("string"))
                    .collect();
                got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>() == want
            }
            Check::Indices(key) => {
                let want: Vec<(String, Option<String>, [u64; 2])> = expected
                    .as_sequence()
                    .expect("list")
                    .iter()
                    .map(|v| {
                        let i = v["indices"].as_sequence().expect("indices");
                        (
                            v[key].as_str().expect("entity text").to_string(),
                            v.get("list_slug")
                                .and_then(Value::as_str)
                                .map(str::to_string),
                            [i[0].as_u64().unwrap(), i[1].as_u64().unwrap()],
                        )
                    })
                    .collect();
                let got: Vec<_> = got
                    .iter()
                    .map(|g| {
                        let slug = want
                            .first()
                            .and_then(|w| w.1.as_ref())
                            .map(|_| g.1.clone().unwrap_or_default());
                        (g.0.clone(), slug, g.2)
                    })
                    .collect();
                got == want
            }
        };
        if !ok {
            failures.push(format!(
                "{name}: {desc}: text {text:?}: got {got:?}, expected {expected:?}"
            ));
        }
    }
    eprintln!("{name}: {} of {total} passed", total - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[derive(Clone, Copy)]
enum Check {
    /// `expected` is a list of entity texts.
    Texts,
    /// `expected` is a list of maps with this key and `indices`.
    Indices(&'static str),
}

fn urls(t: &str) -> Vec<Found> {
    extract_urls(t)
        .iter()
        .map(|u| {
            (
                t[u.start..u.end].to_string(),
                None,
                [cp(t, u.start), cp(t, u.end)],
            )
        })
        .collect()
}

fn mentions_or_lists(t: &str) -> Vec<Found> {
    extract_mentions_or_lists(t)
        .iter()
        .map(|m| {
            let name_end = m.list_start.unwrap_or(m.end);
            let at = t[m.start..].chars().next().unwrap().len_utf8();
            (
                t[m.start + at..name_end].to_string(),
                Some(t[name_end..m.end].to_string()),
                [cp(t, m.start), cp(t, m.end)],
            )
        })
        .collect()
}

/// `extractMentionsWithIndices`: mentions that are not lists.
fn mentions(t: &str) -> Vec<Found> {
    mentions_or_lists(t)
        .into_iter()
        .filter(|m| m.1.as_deref() == Some(""))
        .map(|m| (m.0, None, m.2))
        .collect()
}

fn tagged(t: &str, ranges: Vec<(usize, usize)>) -> Vec<Found> {
    ranges
        .into_iter()
        .map(|(a, b)| {
            let sigil = t[a..].chars().next().unwrap().len_utf8();
            (t[a + sigil..b].to_string(), None, [cp(t, a), cp(t, b)])
        })
        .collect()
}

#[test]
fn urls_group() {
    run(EXTRACT, "urls", urls, Check::Texts);
}

#[test]
fn urls_with_indices() {
    run(EXTRACT, "urls_with_indices", urls, Check::Indices("url"));
}

#[test]
fn urls_with_directional_markers() {
    run(
        EXTRACT,
        "urls_with_directional_markers",
        urls,
        Check::Indices("url"),
    );
}

#[test]
fn tco_urls_with_params() {
    run(EXTRACT, "tco_urls_with_params", urls, Check::Texts);
}

#[test]
fn mentions_group() {
    run(EXTRACT, "mentions", mentions, Check::Texts);
}

#[test]
fn mentions_with_indices() {
    run(
        EXTRACT,
        "mentions_with_indices",
        mentions,
        Check::Indices("screen_name"),
    );
}

#[test]
fn mentions_or_lists_with_indices() {
    run(
        EXTRACT,
        "mentions_or_lists_with_indices",
        mentions_or_lists,
        Check::Indices("screen_name"),
    );
}

#[test]
fn replies() {
    let cases = group(EXTRACT, "replies");
    let mut failures = Vec::new();
    for c in &cases {
        let text = c["text"].as_str().expect("text");
        let want = c["expected"].as_str();
        let got = extract_reply(text).map(|(a, b)| &text[a..b]);
        if got != want {
            failures.push(format!(
                "{}: got {got:?}, expected {want:?}",
                c["description"].as_str().unwrap()
            ));
        }
    }
    eprintln!(
        "replies: {} of {} passed",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hashtags_group() {
    run(
        EXTRACT,
        "hashtags",
        |t| tagged(t, extract_hashtags(t)),
        Check::Texts,
    );
}

#[test]
fn hashtags_from_astral() {
    run(
        EXTRACT,
        "hashtags_from_astral",
        |t| tagged(t, extract_hashtags(t)),
        Check::Texts,
    );
}

#[test]
fn hashtags_with_indices() {
    run(
        EXTRACT,
        "hashtags_with_indices",
        |t| tagged(t, extract_hashtags(t)),
        Check::Indices("hashtag"),
    );
}

#[test]
fn cashtags_group() {
    run(
        EXTRACT,
        "cashtags",
        |t| tagged(t, extract_cashtags(t)),
        Check::Texts,
    );
}

#[test]
fn cashtags_with_indices() {
    run(
        EXTRACT,
        "cashtags_with_indices",
        |t| tagged(t, extract_cashtags(t)),
        Check::Indices("cashtag"),
    );
}

#[test]
fn tlds_country() {
    run(TLDS, "country", urls, Check::Texts);
}

#[test]
fn tlds_generic() {
    run(TLDS, "generic", urls, Check::Texts);
}
