//! The rule fingerprint in every publish record is deterministic: twenty separate processes
//! loading one rule set (with a hashed `terms-sha256-file` list, whose digests were once kept
//! in a hash set) report one value, and a change to the list changes it.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

use crate::support::rules::fixture;

fn tact(cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("tact").unwrap();
    c.current_dir(cwd).env("NO_COLOR", "1");
    // No user config directory: only `--rules` and the bundled packs count.
    c.env("XDG_CONFIG_HOME", cwd).env("HOME", cwd);
    c
}

/// A rule folder with one `terms-sha256-file` rule over `entries`, hashed by `tact rules
/// hash-list` itself.
fn pack(entries: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let secure = tempfile::tempdir().unwrap();
    let plain = secure.path().join("codenames.txt");
    std::fs::write(&plain, entries.join("\n")).unwrap();
    tact(secure.path())
        .args(["rules", "hash-list", "--salt", "desk", "-o"])
        .arg(dir.path().join("codenames.sha256"))
        .arg(&plain)
        .assert()
        .code(0);
    // The rule naming the hashed list, next to it.
    std::fs::copy(
        fixture("hashed-codenames/desk.toml"),
        dir.path().join("desk.toml"),
    )
    .unwrap();
    dir
}

/// The `rule fingerprint:` value of `tact --rules DIR config show`.
fn fingerprint(rules: &Path, cwd: &Path) -> String {
    let out = tact(cwd)
        .arg("--rules")
        .arg(rules)
        .args(["config", "show"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("rule fingerprint:"))
        .unwrap_or_else(|| panic!("no fingerprint line in:\n{text}"));
    let fp = line.trim().to_string();
    assert_eq!(fp.len(), 64, "{fp}");
    assert!(fp.bytes().all(|b| b.is_ascii_hexdigit()), "{fp}");
    fp
}

fn codenames(n: usize) -> Vec<String> {
    let a = [
        "Granite", "Cobalt", "Silent", "Amber", "Northern", "Quiet", "Iron", "Pale",
    ];
    let b = [
        "Owl", "Heron", "Harbour", "Fern", "Lantern", "Orchard", "Falcon", "Bridge",
    ];
    (0..n)
        .map(|i| format!("{} {} {}", a[i % a.len()], b[(i / a.len()) % b.len()], i))
        .collect()
}

#[test]
fn twenty_processes_give_one_fingerprint_and_a_changed_list_another() {
    let cwd = tempfile::tempdir().unwrap();
    let entries = codenames(64);
    let rules = pack(&entries);
    let values: BTreeSet<String> = (0..20)
        .map(|_| fingerprint(rules.path(), cwd.path()))
        .collect();
    assert_eq!(values.len(), 1, "fingerprints of one rule set: {values:?}");

    // One entry fewer: another list, another fingerprint (also stable).
    let fewer = pack(&entries[1..]);
    let other = fingerprint(fewer.path(), cwd.path());
    assert!(!values.contains(&other));
    assert_eq!(other, fingerprint(fewer.path(), cwd.path()));
}
