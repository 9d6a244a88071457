//! End-to-end live reload (issue 4 item 6): the real binary with `--rules DIR` in a
//! pseudo-terminal; rule files are written while it runs.

use std::path::Path;

use crate::support::pty::*;
use crate::support::rules::{copy_tree, fixture, fixture_text};

/// A pack `embargo` with one blocking rule, `embargo/line`.
fn embargo() -> String {
    fixture_text("reload-pty/valid/embargo.toml")
}

/// The same pack with a misspelt key on line 7.
fn broken() -> String {
    fixture_text("reload-pty/broken/embargo.toml")
}

/// Writes `text` as an editor would: a temp file renamed over the target.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_file_name(".tact-test-save.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn valid_then_broken_then_fixed_rule_file() {
    let ws = workspace();
    let extra = ws.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    // A pack `desk` with one warning rule, `desk/tbc`.
    copy_tree(&fixture("reload-pty/start"), &extra);
    let mut t = Pty::spawn(ws.path(), &["--rules", "extra"], 100, 30);
    t.wait_text("Findings");
    t.send(b"Meeting at TBC. Embargoed until 10:00.");
    t.wait_text("0 block · 1 warn");

    // A new valid pack: reloaded and re-checked without a key press.
    std::fs::write(extra.join("embargo.toml"), embargo()).unwrap();
    t.wait_text("rules reloaded (");
    t.wait_text("1 block · 1 warn");
    // The list shows the new rule's message (its id is in the detail).
    t.wait_text("embargo line `Embargoed until`");

    // Broken (saved by rename): banner with file:line:col; the old findings stay.
    save_by_rename(&extra.join("embargo.toml"), &broken());
    t.wait_text("RULES NOT RELOADED (1 error)");
    t.wait_text("embargo.toml:7:1");
    assert!(t.screen().contents().contains("1 block · 1 warn"));
    assert!(
        t.screen()
            .contents()
            .contains("embargo line `Embargoed until`")
    );

    // Fixed: the banner goes.
    save_by_rename(&extra.join("embargo.toml"), &embargo());
    t.wait("the banner to go", |s| {
        let c = s.contents();
        !c.contains("NOT RELOADED") && c.contains("rules reloaded (")
    });

    // Ctrl+R reloads by hand.
    t.send(&[b'r' & 0x1f]);
    t.wait_text("rules reloaded (");
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn editing_the_config_reloads() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    t.send(b"Talks in Kiev.");
    t.wait_text("0 block · 1 warn");
    let cfg = ws.path().join("tact.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let (head, tail) = text.split_at(text.find("[publish]").unwrap());
    save_by_rename(&cfg, &format!("{head}disable = [\"terms/kyiv\"]\n{tail}"));
    t.wait_text("0 block · 0 warn");
    t.wait_text("rules reloaded (");
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

/// A rule file replaced while the gate is open, and the post confirmed at once (inside the
/// reload delay): the post is not cleared under the old rules; the new block then shows.
#[test]
fn a_rule_file_changed_just_before_the_clear_stops_it() {
    let ws = workspace();
    let extra = ws.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    copy_tree(&fixture("reload-pty/start"), &extra);
    let mut t = Pty::spawn(ws.path(), &["--rules", "extra"], 100, 30);
    t.wait_text("Findings");
    t.send(b"Meeting at TBC. Embargoed until 10:00.");
    t.wait_text("0 block · 1 warn");
    t.send(&[b'p' & 0x1f]);
    t.wait_text("Clearing for @EmbassyExample (official) on X");
    t.send(&[b'p' & 0x1f]);
    t.wait_text("really clear this post");
    // The new pack blocks the embargo line; "y" follows before the watcher's delay ends.
    save_by_rename(&extra.join("embargo.toml"), &embargo());
    t.send(b"y");
    t.wait_text("NOT cleared");
    t.wait_text("1 block · 1 warn");
    assert!(
        files(&ws.path().join("outbox"), ".txt").is_empty(),
        "cleared under the old rules"
    );
    assert!(!ws.path().join("audit.jsonl").exists(), "an audit record");
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}
