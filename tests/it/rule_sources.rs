//! Rule sources fail closed: an entry named `*.toml` in a rule folder that is not a readable
//! regular file (a dangling symlink, a folder, a FIFO) is an error naming it (exit 2), never
//! skipped with "ok".

use std::path::Path;

use assert_cmd::Command;

use crate::support::rules::fixture;

/// A rule folder holding the good packs of the `extend` fixture, and `bad`.
fn folder_with(bad: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("extend")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let ok = Command::cargo_bin("tact")
        .unwrap()
        .arg("--rules")
        .arg(dir.path())
        .args(["rules", "check"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0), "the fixture alone loads");
    bad(&dir.path().join("zz-desk.toml"));
    dir
}

fn check(dir: &Path, expect: &str) {
    for args in [&["rules", "check"][..], &["check", "-"][..]] {
        let out = Command::cargo_bin("tact")
            .unwrap()
            .arg("--rules")
            .arg(dir)
            .args(args)
            .write_stdin("hello")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string()
            + &String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("zz-desk.toml") && err.contains(expect),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_dangling_symlink_is_an_error() {
    let dir = folder_with(|p| std::os::unix::fs::symlink("/nonexistent/desk.toml", p).unwrap());
    check(dir.path(), "symbolic link");
}

#[test]
fn a_folder_named_toml_is_an_error() {
    let dir = folder_with(|p| std::fs::create_dir(p).unwrap());
    check(dir.path(), "a folder");
}

#[test]
fn a_fifo_named_toml_is_an_error_and_never_blocks() {
    let dir = folder_with(|p| {
        let ok = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap();
        assert!(ok.success(), "mkfifo");
    });
    check(dir.path(), "FIFO");
}
