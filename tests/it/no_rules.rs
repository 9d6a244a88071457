//! With no rule in force, tact never prints an all-clear: `check` fails with exit 2 and says
//! why and what to do.

use assert_cmd::Command;
use predicates::prelude::*;

#[test]
fn check_with_no_rule_in_force_is_an_error_not_no_findings() {
    let empty = tempfile::tempdir().unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .current_dir(empty.path())
        .env("XDG_CONFIG_HOME", empty.path())
        .env("HOME", empty.path())
        .args(["--no-builtin", "check", "-"])
        .write_stdin("SECRET//NOFORN\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("no findings").not())
        .stderr(predicate::str::contains("no rule is in force"))
        .stderr(predicate::str::contains("nothing was checked"));
}
