//! Rule authoring with no silent mistakes (issue 15): a folder named twice loads once,
//! `rules check` runs the examples, and the JSON diagnostics contract.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::rules::fixture;

fn tact() -> Command {
    Command::cargo_bin("tact").expect("tact binary builds")
}

#[test]
fn a_folder_named_in_the_config_and_on_the_command_line_loads_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("embassy")).unwrap();
    crate::support::rules::copy_tree(&fixture("authoring/embassy"), &dir.path().join("embassy"));
    std::fs::write(dir.path().join("tact.toml"), "rules = [\"./embassy\"]\n").unwrap();
    let abs = dir.path().join("embassy").display().to_string();
    for spelling in ["./embassy", "embassy/", "embassy", abs.as_str()] {
        for args in [
            vec!["rules", "check", spelling],
            vec!["--rules", spelling, "rules", "check"],
        ] {
            let out = tact().current_dir(dir.path()).args(&args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
            assert!(!err.contains("duplicate"), "{args:?}: {err}");
        }
    }
    // The examples of the folder's rule run once, not twice.
    let once = tact()
        .current_dir(dir.path())
        .args(["--no-builtin", "rules", "test"])
        .output()
        .unwrap();
    let twice = tact()
        .current_dir(dir.path())
        .args(["--no-builtin", "--rules", &abs, "rules", "test", "embassy/"])
        .output()
        .unwrap();
    let summary = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert!(summary(&once).ends_with(" passed, 0 failed"), "{}", summary(&once));
    assert_eq!(summary(&once), summary(&twice));
    tact()
        .current_dir(dir.path())
        .args(["--rules", "./embassy", "config", "show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("rule directory 1:").count(1))
        .stdout(predicate::str::contains("rule directory 2:").not());
}
