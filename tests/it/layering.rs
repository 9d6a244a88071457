//! Layering semantics (DESIGN §5): bundled packs → config dirs → `--rules` dirs; the same pack
//! and rule id extends the earlier rule (scalars override, lists append unless
//! `replace = true`); a new id adds a rule; `builtin = false` is the only way to drop the
//! bundled packs; config `disable` and `[severity]` apply last.

use std::path::{Path, PathBuf};

use tact::engine::{CheckOptions, Engine};
use tact::model::Severity;

use crate::support::rules::{self, fixture, only, over_bundled};

/// A layer folder of `tests/fixtures/layering/`.
fn layer(name: &str) -> PathBuf {
    fixture(&format!("layering/{name}"))
}

/// The engine of `dirs`, on top of the bundled packs when `builtin`.
fn load(dirs: &[&Path], builtin: bool) -> Engine {
    rules::load(&if builtin {
        over_bundled(dirs)
    } else {
        only(dirs)
    })
}

fn rule_ids(e: &Engine, text: &str) -> Vec<String> {
    e.check(text, &CheckOptions::default())
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn extension_overrides_scalars_and_appends_lists() {
    let e = load(&[&layer("extend-bundled-kyiv")], true);
    let r = e.rule("terms/kyiv").unwrap();
    assert_eq!(r.severity, Severity::Block);
    assert_eq!(r.origins.len(), 2);
    assert_eq!(r.pack_version, "embassy-1");
    assert!(rule_ids(&e, "in Kyjiw").contains(&"terms/kyiv".to_string()));
    assert!(
        rule_ids(&e, "in Kiev").contains(&"terms/kyiv".to_string()),
        "the bundled entries stay"
    );
    assert!(!rule_ids(&e, "the Kiev Symphony plays").contains(&"terms/kyiv".to_string()));
}

#[test]
fn replace_true_replaces_lists_instead_of_appending() {
    let base = layer("lists/base");
    let e = load(&[&base, &layer("lists/replace")], false);
    assert_eq!(rule_ids(&e, "alpha beta gamma"), ["p/w"]);
    let e = load(&[&base, &layer("lists/append")], false);
    assert_eq!(rule_ids(&e, "alpha beta gamma").len(), 3);
}

#[test]
fn new_rule_in_an_existing_pack_is_added() {
    let e = load(&[&layer("new-rule-in-bundled-pack")], true);
    assert!(e.rule("draft/desk-placeholder").is_some());
    assert!(e.rules().len() > 100, "bundled rules are still there");
}

#[test]
fn builtin_false_is_the_only_way_to_drop_bundled_packs() {
    let local = layer("same-pack-id-as-bundled");
    let with = load(&[&local], true);
    assert!(
        with.rule("classification/us-banner").is_some(),
        "a pack of the same id extends, never replaces"
    );
    let without = load(&[&local], false);
    assert!(without.rule("classification/us-banner").is_none());
    assert_eq!(without.rules().len(), 1);
}

#[test]
fn later_directories_extend_earlier_ones() {
    let e = load(
        &[&layer("later-dir/first"), &layer("later-dir/second")],
        false,
    );
    assert_eq!(
        e.check("alpha", &CheckOptions::default())[0].message,
        "second"
    );
}
