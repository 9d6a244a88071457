//! Layering semantics (DESIGN §5): bundled packs → config dirs → `--rules` dirs; the same pack
//! and rule id extends the earlier rule (scalars override, lists append unless
//! `replace = true`); a new id adds a rule; `builtin = false` is the only way to drop the
//! bundled packs; config `disable` and `[severity]` apply last.

use std::path::Path;

use tact::check::{CheckOptions, Engine, Severity};
use tact::rules::{LoadOptions, load_engine};

fn layer(dir: &Path, file: &str, body: &str) {
    std::fs::write(dir.join(file), body).unwrap();
}

fn load(dirs: &[&Path], builtin: bool) -> Engine {
    let dirs = dirs.iter().map(|d| d.to_path_buf()).collect();
    load_engine(&LoadOptions {
        builtin,
        dirs,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn rule_ids(e: &Engine, text: &str) -> Vec<String> {
    e.check(text, &CheckOptions::default())
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn extension_overrides_scalars_and_appends_lists() {
    let a = tempfile::tempdir().unwrap();
    layer(
        a.path(),
        "terms.toml",
        "schema = 1\n[pack]\nid = \"terms\"\nversion = \"embassy-1\"\n[[rule]]\nid = \"kyiv\"\nseverity = \"block\"\nreplace = { \"Kyjiw\" = \"Kyiv\" }\nexceptions = [\"Kiev Symphony\"]\n",
    );
    let e = load(&[a.path()], true);
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
    let a = tempfile::tempdir().unwrap();
    layer(
        a.path(),
        "t.toml",
        "schema = 1\n[pack]\nid = \"p\"\n[[rule]]\nid = \"w\"\nkind = \"terms\"\ncategory = \"draft\"\nseverity = \"warn\"\nmessage = \"m\"\nterms = [\"alpha\", \"beta\"]\n",
    );
    let b = tempfile::tempdir().unwrap();
    layer(
        b.path(),
        "t.toml",
        "schema = 1\n[pack]\nid = \"p\"\n[[rule]]\nid = \"w\"\nreplace = true\nterms = [\"gamma\"]\n",
    );
    let e = load(&[a.path(), b.path()], false);
    assert_eq!(rule_ids(&e, "alpha beta gamma"), ["p/w"]);
    let c = tempfile::tempdir().unwrap();
    layer(
        c.path(),
        "t.toml",
        "schema = 1\n[pack]\nid = \"p\"\n[[rule]]\nid = \"w\"\nterms = [\"gamma\"]\n",
    );
    let e = load(&[a.path(), c.path()], false);
    assert_eq!(rule_ids(&e, "alpha beta gamma").len(), 3);
}

#[test]
fn new_rule_in_an_existing_pack_is_added() {
    let a = tempfile::tempdir().unwrap();
    layer(
        a.path(),
        "draft.toml",
        "schema = 1\n[pack]\nid = \"draft\"\n[[rule]]\nid = \"desk-placeholder\"\nkind = \"terms\"\ncategory = \"draft\"\nseverity = \"block\"\nmessage = \"m\"\nterms = [\"ZZZ-FILL\"]\n",
    );
    let e = load(&[a.path()], true);
    assert!(e.rule("draft/desk-placeholder").is_some());
    assert!(e.rules().len() > 100, "bundled rules are still there");
}

#[test]
fn builtin_false_is_the_only_way_to_drop_bundled_packs() {
    let a = tempfile::tempdir().unwrap();
    layer(
        a.path(),
        "classification.toml",
        "schema = 1\n[pack]\nid = \"classification\"\n[[rule]]\nid = \"local\"\nkind = \"terms\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"m\"\nterms = [\"EMBASSY-INTERNAL\"]\n",
    );
    let with = load(&[a.path()], true);
    assert!(
        with.rule("classification/us-banner").is_some(),
        "a pack of the same id extends, never replaces"
    );
    let without = load(&[a.path()], false);
    assert!(without.rule("classification/us-banner").is_none());
    assert_eq!(without.rules().len(), 1);
}

#[test]
fn later_directories_extend_earlier_ones() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    layer(
        a.path(),
        "p.toml",
        "schema = 1\n[pack]\nid = \"p\"\n[[rule]]\nid = \"w\"\nkind = \"terms\"\ncategory = \"draft\"\nseverity = \"warn\"\nmessage = \"first\"\nterms = [\"alpha\"]\n",
    );
    layer(
        b.path(),
        "p.toml",
        "schema = 1\n[pack]\nid = \"p\"\n[[rule]]\nid = \"w\"\nmessage = \"second\"\n",
    );
    let e = load(&[a.path(), b.path()], false);
    assert_eq!(
        e.check("alpha", &CheckOptions::default())[0].message,
        "second"
    );
}
