//! The bundled packs against real text (DESIGN §15). The corpora are read in place from
//! `../shared/corpus/` (relative to the project root); a missing or unreadable file fails the
//! test — it never skips.
//!
//! 1. `benign-posts.jsonl` (4,285 real posts): no `leak`, `draft` or `link` finding at
//!    `block`, and no link that imitates an official domain.
//! 2. `marked-documents.jsonl`: every record whose `marking` is not "No classification
//!    marking" gets at least one `leak` finding at `warn` or above.
//! 3. `near-miss-excerpts.jsonl`: no finding at `block` at all.

use std::path::PathBuf;

use tact::engine::CheckOptions;
use tact::engine::Engine;
use tact::model::{Category, Finding, Severity};

use crate::support::rules::bundled;

fn corpus_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name)
}

/// Reads a JSON Lines corpus file; panics (fails the test) when it is missing or malformed.
fn records(name: &str) -> Vec<serde_json::Value> {
    let path = corpus_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("corpus file {} is required: {e}", path.display()));
    let recs: Vec<serde_json::Value> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}:{}: not JSON: {e}", path.display(), i + 1))
        })
        .collect();
    assert!(!recs.is_empty(), "{} has no records", path.display());
    recs
}

fn field<'a>(rec: &'a serde_json::Value, key: &str, name: &str, n: usize) -> &'a str {
    rec.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{name}:{n}: no string field `{key}`"))
}

fn engine() -> Engine {
    bundled()
}

fn check(engine: &Engine, text: &str) -> Vec<Finding> {
    engine.check(text, &CheckOptions::default())
}

fn describe(f: &Finding) -> String {
    format!(
        "{} [{} {}] `{}`",
        f.rule,
        f.category.as_str(),
        f.severity.as_str(),
        f.matched
    )
}

fn excerpt(text: &str) -> String {
    let s: String = text.chars().take(120).collect();
    s.replace('\n', "⏎")
}

#[test]
fn benign_posts_have_no_blocking_leak_or_draft_finding() {
    let name = "benign-posts.jsonl";
    let recs = records(name);
    assert_eq!(
        recs.len(),
        4285,
        "{name}: the README's record count is the contract"
    );
    let engine = engine();
    let mut bad = Vec::new();
    let mut links_checked = 0;
    for (i, rec) in recs.iter().enumerate() {
        let text = field(rec, "text", name, i + 1);
        for f in check(&engine, text) {
            links_checked += usize::from(f.rule == "links/shortener");
            if matches!(
                f.category,
                Category::Leak | Category::Draft | Category::Link
            ) && f.severity == Severity::Block
                || f.rule == "links/look-alike"
            {
                bad.push(format!(
                    "record {}: {} in {:?}",
                    i + 1,
                    describe(&f),
                    excerpt(text)
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} blocking leak/draft findings on benign posts:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // The posts' links are X's t.co short links: the link rules did run on them.
    assert!(links_checked > 1000, "only {links_checked} links seen");
}

#[test]
fn every_marked_document_gets_a_leak_finding() {
    let name = "marked-documents.jsonl";
    let recs = records(name);
    assert_eq!(
        recs.len(),
        57,
        "{name}: the README's record count is the contract"
    );
    let engine = engine();
    let mut checked = 0;
    let mut missed = Vec::new();
    let mut not_covering = Vec::new();
    for (i, rec) in recs.iter().enumerate() {
        let marking = field(rec, "marking", name, i + 1);
        if marking == "No classification marking" {
            continue;
        }
        checked += 1;
        let text = field(rec, "text", name, i + 1);
        let leaks: Vec<Finding> = check(&engine, text)
            .into_iter()
            .filter(|f| f.category == Category::Leak && f.severity >= Severity::Warn)
            .collect();
        if leaks.is_empty() {
            missed.push(format!("record {}: marking {marking:?} not found", i + 1));
            continue;
        }
        // Ideally a finding covers (part of) the marking itself. Line breaks inside a marking
        // phrase are collapsed before comparing.
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let first = norm(marking.split(" / ").next().unwrap_or(marking));
        let covers = leaks.iter().any(|f| {
            let m = norm(&f.matched);
            !m.is_empty() && (first.contains(&m) || m.contains(&first))
        });
        if !covers {
            not_covering.push(format!(
                "record {}: {marking:?} flagged only by {}",
                i + 1,
                leaks.iter().map(describe).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert_eq!(checked, 56, "{name}: 56 records carry a marking");
    assert!(
        missed.is_empty(),
        "marked documents without a leak finding:\n{}",
        missed.join("\n")
    );
    assert!(
        not_covering.is_empty(),
        "marked documents whose leak findings miss the marking itself:\n{}",
        not_covering.join("\n")
    );
}

#[test]
fn near_miss_excerpts_have_no_blocking_finding() {
    let name = "near-miss-excerpts.jsonl";
    let recs = records(name);
    assert_eq!(
        recs.len(),
        8,
        "{name}: the README's record count is the contract"
    );
    let engine = engine();
    let mut bad = Vec::new();
    for (i, rec) in recs.iter().enumerate() {
        let text = field(rec, "text", name, i + 1);
        for f in check(&engine, text) {
            if f.severity == Severity::Block {
                bad.push(format!("record {}: {}", i + 1, describe(&f)));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "blocking findings on near-miss excerpts:\n{}",
        bad.join("\n")
    );
}
