//! Start-up to first frame and resident memory of the editor with the bundled packs
//! (DESIGN §14: ≤ 100 ms, ≤ 50 MB). Timing is not asserted here (budgets are checked on
//! the release binary, not in CI); the test checks that the first frame is complete and
//! prints the figures:
//!
//! ```text
//! cargo build --release
//! TACT_BIN=target/release/tact cargo test --release --test it pty_startup -- --nocapture
//! ```

use std::time::{Duration, Instant};

use crate::support::pty::*;

/// `VmHWM` (peak resident set) of `pid` in kB, from `/proc` (Linux only).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[test]
fn first_frame_with_the_bundled_packs() {
    const RUNS: usize = 5;
    let mut times = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..RUNS {
        // An empty workspace: no tact.toml, so the bundled packs load.
        let ws = tempfile::tempdir().unwrap();
        let start = Instant::now();
        let mut t = Pty::spawn(ws.path(), &[], 100, 30);
        // The frame is complete when its last row (the key hints) is drawn.
        t.wait("the first frame", |s| {
            let c = s.contents();
            c.contains("Findings") && c.contains("^Q quit") && c.contains("weighted characters")
        });
        times.push(start.elapsed());
        // Type a little so the check path has run too, then read the peak RSS.
        t.send(b"Talks in Kiev today.");
        t.wait_text("1 warn");
        if let Some(kb) = peak_rss_kb(t.pid()) {
            rss.push(kb);
        }
        t.send(&[b'q' & 0x1f]);
        t.wait_text("Quit without saving?");
        t.send(b"y");
        assert_eq!(t.wait_exit(), 0);
    }
    times.sort();
    rss.sort_unstable();
    let median = times[RUNS / 2];
    eprintln!(
        "binary {}: start to first frame median {:.1} ms (min {:.1}, max {:.1}); peak RSS median {} kB",
        binary().display(),
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
        rss.get(rss.len() / 2).copied().unwrap_or(0),
    );
    assert!(median < Duration::from_secs(20), "start-up hangs");
}

/// Issue 17: a 10 MB draft on one line (no line break) opens without waiting for its layout
/// or its check: the first frame shows the text, the hints and the background-check note.
/// Prints the time to that frame and the peak RSS (not asserted beyond "no hang"):
///
/// ```text
/// TACT_BIN=target/release/tact cargo test --release --test it pty_startup::first_frame_of_a_10 -- --nocapture
/// ```
#[test]
fn first_frame_of_a_10_mb_one_line_draft() {
    const BYTES: usize = 10_000_000;
    let ws = tempfile::tempdir().unwrap();
    let sentence = "Talks in Kiev today with the partners on grain corridors. ";
    let mut text = sentence.repeat(BYTES / sentence.len() + 1);
    text.truncate(BYTES);
    let file = ws.path().join("huge.txt");
    std::fs::write(&file, &text).unwrap();
    let start = Instant::now();
    let mut t = Pty::spawn(ws.path(), &["huge.txt"], 100, 30);
    t.wait("the first frame of the huge draft", |s| {
        let c = s.contents();
        c.contains("Talks in Kiev today") && c.contains("^Q quit") && c.contains("large draft")
    });
    let first = start.elapsed();
    let rss = peak_rss_kb(t.pid()).unwrap_or(0);
    eprintln!(
        "binary {}: 10 MB one-line draft, start to first frame {:.1} ms; peak RSS so far {} kB",
        binary().display(),
        first.as_secs_f64() * 1e3,
        rss,
    );
    kill(t.pid(), "-KILL");
    t.wait_exit();
    assert!(first < Duration::from_secs(25), "the first frame hangs");
}
