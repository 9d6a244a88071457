//! Nothing lost, end to end (issue 17): the real binary with a state folder that cannot
//! hold drafts, and two editors on one file.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::pty::*;

/// Waits (up to the harness deadline) until `pred` holds.
fn wait_until(what: &str, pred: impl Fn() -> bool) {
    let end = Instant::now() + DEADLINE;
    while !pred() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The autosaves in the session's state folder holding `text`.
fn autosaves_with(ws: &Path, text: &str) -> usize {
    files(&ws.join("state"), ".json")
        .iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|s| s.contains(text)))
        .count()
}

#[test]
fn an_autosave_failure_is_on_screen_until_autosaving_works_again() {
    let ws = workspace();
    // `XDG_STATE_HOME` is a file: no drafts folder can be made there (a read-only folder
    // does not stop root, under which CI may run).
    std::fs::write(ws.path().join("state"), "").unwrap();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("AUTOSAVE FAILED: the draft is only in memory");
    t.send(b"first words");
    t.wait_text("first words");
    // The failed autosave after typing keeps the banner up.
    std::thread::sleep(Duration::from_millis(1200));
    t.send(b" more");
    t.wait_text("first words more");
    assert!(
        t.screen().contents().contains("AUTOSAVE FAILED"),
        "{}",
        t.screen().contents()
    );
    std::fs::remove_file(ws.path().join("state")).unwrap();
    t.send(b" again");
    t.wait_text("autosave works again");
    assert!(!t.screen().contents().contains("AUTOSAVE FAILED"));
    assert_eq!(autosaves_with(ws.path(), "first words more again"), 1);
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn an_autosave_that_starts_failing_is_on_screen_within_two_seconds() {
    let ws = workspace();
    std::fs::write(ws.path().join("post.txt"), "Talks today.").unwrap();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 120, 30);
    t.wait_text("Findings");
    t.send(b"saved ");
    t.wait_text("saved Talks");
    wait_until("the first autosave", || {
        autosaves_with(ws.path(), "saved Talks") == 1
    });
    // The drafts folder becomes unusable mid-session (a file where the folder was).
    let drafts = ws.path().join("state/tact/drafts");
    std::fs::rename(&drafts, ws.path().join("drafts-away")).unwrap();
    std::fs::write(&drafts, "").unwrap();
    let typed = Instant::now();
    t.send(b"lost? ");
    t.wait_text("AUTOSAVE FAILED: the draft is only in memory");
    let shown = typed.elapsed();
    assert!(
        shown < Duration::from_secs(2),
        "the banner came {shown:?} after the change"
    );
    // Its second row says what failed, with the folder.
    t.wait_text("is a file, not a folder; set XDG_STATE_HOME");
    assert!(
        t.screen()
            .contents()
            .contains(" part of ~/state/tact/drafts/file-"),
        "{}",
        t.screen().contents()
    );
    std::fs::remove_file(&drafts).unwrap();
    t.send(b"x");
    t.wait_text("autosave works again");
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn two_editors_on_one_file_keep_each_others_autosaves() {
    let ws = workspace();
    std::fs::write(ws.path().join("post.txt"), "Talks today.").unwrap();
    let mut a = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    let mut b = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    a.wait_text("Findings");
    b.wait_text("Findings");
    a.send(b"A wrote this ");
    b.send(b"B wrote this ");
    a.wait_text("A wrote this");
    b.wait_text("B wrote this");
    wait_until("both autosaves", || {
        autosaves_with(ws.path(), "A wrote this") == 1
            && autosaves_with(ws.path(), "B wrote this") == 1
    });
    // A quits without saving: only A's autosave goes.
    a.send(&[b'q' & 0x1f]);
    a.wait_text("Quit without saving?");
    a.send(b"y");
    assert_eq!(a.wait_exit(), 0);
    assert_eq!(autosaves_with(ws.path(), "A wrote this"), 0);
    assert_eq!(autosaves_with(ws.path(), "B wrote this"), 1);
    // A new editor is not offered B's live autosave.
    let mut c = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    c.wait_text("Findings");
    assert!(
        !c.screen().contents().contains("Recover it?"),
        "{}",
        c.screen().contents()
    );
    c.send(&[b'q' & 0x1f]);
    assert_eq!(c.wait_exit(), 0);
    assert_eq!(autosaves_with(ws.path(), "B wrote this"), 1);
    // B dies: now its text is offered.
    kill(b.pid(), "-KILL");
    b.wait_exit();
    let mut d = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    d.wait_text("Recover it?");
    d.wait_text("First line: B wrote this Talks today.");
    d.send(b"y");
    d.wait_text("recovered the draft");
    d.send(&[b's' & 0x1f]);
    d.wait_text("saved post.txt");
    d.send(&[b'q' & 0x1f]);
    assert_eq!(d.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(ws.path().join("post.txt")).unwrap(),
        "B wrote this Talks today."
    );
}

#[test]
fn saving_over_another_editors_save_asks_first() {
    let ws = workspace();
    std::fs::write(ws.path().join("post.txt"), "Talks today.").unwrap();
    let mut a = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    a.wait_text("Findings");
    let mut b = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    b.wait_text("Findings");
    // B is told at its start; A, opened first, finds out by itself (it looks every second).
    b.wait_text("post.txt is also open in another tact editor");
    a.wait_text("post.txt is also open in another tact editor");
    a.send(b"A: ");
    a.wait_text("A: Talks");
    // A's first Ctrl+S warns and writes nothing; the second saves.
    a.send(&[b's' & 0x1f]);
    a.wait_text("its changes may be overwritten; Ctrl+S again saves");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("post.txt")).unwrap(),
        "Talks today."
    );
    a.send(&[b's' & 0x1f]);
    a.wait_text("saved post.txt");
    b.send(b"B: ");
    b.wait_text("B: Talks");
    b.send(&[b's' & 0x1f]);
    b.wait_text("Ctrl+S again saves");
    b.send(&[b's' & 0x1f]);
    b.wait_text("changed on disk since it was opened");
    b.send(b"n");
    b.wait_text("not saved: ");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("post.txt")).unwrap(),
        "A: Talks today."
    );
    for t in [&mut a, &mut b] {
        t.send(&[b'q' & 0x1f]);
    }
    assert_eq!(a.wait_exit(), 0);
    b.wait_text("Quit without saving?");
    b.send(b"y");
    assert_eq!(b.wait_exit(), 0);
}

#[test]
fn a_start_removes_the_copies_a_killed_save_left() {
    let ws = workspace();
    std::fs::write(ws.path().join("post.txt"), "Talks today.").unwrap();
    // What `kill -9` during Ctrl+S leaves: an unlocked temporary copy beside the file.
    let left = ws.path().join(".tact-save-4242-Ab3dEf");
    std::fs::write(&left, "Talks today, unpublished.").unwrap();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("Findings");
    assert!(!left.exists());
    t.send(&[b'q' & 0x1f]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn two_editors_clearing_at_once_chain_two_valid_records() {
    // Several rounds: each a fresh desk, so both editors also race to make the signing key.
    for round in 0..5 {
        clear_at_once(round);
    }
}

/// Two editors clear at the same moment on a desk with no signing key yet (round `round`).
fn clear_at_once(round: usize) {
    let ws = workspace();
    std::fs::write(ws.path().join("a.txt"), "Talks today with A.").unwrap();
    std::fs::write(ws.path().join("b.txt"), "Talks today with B.").unwrap();
    let mut a = Pty::spawn(ws.path(), &["a.txt"], 100, 30);
    let mut b = Pty::spawn(ws.path(), &["b.txt"], 100, 30);
    for t in [&mut a, &mut b] {
        t.wait_text("Findings");
        t.send(&[b'p' & 0x1f]);
        t.wait_text("Clearing for @EmbassyExample (official) on X");
        t.clear_when_checked();
    }
    // Both confirm at the same moment (neither has made the signing key yet).
    a.send(b"y");
    b.send(b"y");
    a.wait_text("logged in audit.jsonl");
    b.wait_text("logged in audit.jsonl");
    let log = std::fs::read_to_string(ws.path().join("audit.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 2, "round {round}: {log}");
    let out = std::process::Command::new(binary())
        .args(["audit", "verify"])
        .current_dir(ws.path())
        .env("XDG_CONFIG_HOME", ws.path().join("config"))
        .env("XDG_STATE_HOME", ws.path().join("state"))
        .env("HOME", ws.path())
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "round {round}: {s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.contains("OK (2 records"), "{s}");
    // Cleared in the same second: the second outbox file takes the next free name.
    let mut posted: Vec<String> = files(&ws.path().join("outbox"), ".txt")
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    posted.sort();
    assert_eq!(posted, ["Talks today with A.", "Talks today with B."]);
    let seqs: Vec<u64> = log
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["seq"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(seqs, [1, 2]);
    // One signing key was made, and both records are signed by it.
    let signers = std::fs::read_to_string(ws.path().join("config/tact/allowed-signers")).unwrap();
    assert_eq!(signers.lines().count(), 1, "{signers}");
    assert_eq!(s.matches("signed by Test Officer").count(), 2, "{s}");
    for t in [&mut a, &mut b] {
        t.send(&[b'q' & 0x1f]);
        assert_eq!(t.wait_exit(), 0);
    }
}
