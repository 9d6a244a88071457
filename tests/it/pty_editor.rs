//! End-to-end tests: the real binary in a pseudo-terminal (portable-pty + vt100).

use std::time::Duration;

use crate::support::pty::*;

#[test]
fn start_type_paste_underline_and_clean_exit() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    assert!(t.screen().alternate_screen());
    assert!(t.screen().bracketed_paste());
    t.send(b"Talks in Kiev today.");
    t.wait_text("1 warn");
    t.paste("\nSECRET//NOFORN readout");
    t.wait_text("1 block");
    let (r, c) = t.find("Kiev");
    for i in 0..4 {
        assert!(
            t.screen().cell(r, c + i).unwrap().underline(),
            "Kiev cell {i} underlined"
        );
    }
    assert!(!t.screen().cell(r, c + 4).unwrap().underline());
    assert!(!t.screen().cell(r, c - 2).unwrap().underline());
    // F8 goes down the list (the block first, then Kiev); Alt+Enter fixes Kiev.
    t.send(b"\x1b[19~");
    t.wait_text("finding 1 of 2");
    t.send(b"\x1b[19~");
    t.wait_text("finding 2 of 2");
    t.send(b"\x1b\r");
    t.wait_text("Talks in Kyiv today.");
    t.wait_text("0 warn");
    // Ctrl+Q asks (unsaved), y quits; the terminal is back to normal.
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.screen().alternate_screen(), "alternate screen left");
    assert!(!t.screen().bracketed_paste(), "bracketed paste off");
}

#[test]
fn publish_with_a_blocking_finding_needs_a_justification() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    t.paste("SECRET//NOFORN readout of the call");
    t.wait_text("1 block");
    t.send(&[b'p' & 0x1f]);
    t.wait_text("Clearing for @EmbassyExample (official) on X");
    t.send(b"too short");
    t.send(&[b'p' & 0x1f]);
    t.wait_text("at least 20 characters");
    t.send(b" but now it is long enough");
    t.send(&[b'p' & 0x1f]);
    t.wait_text("really clear this post");
    t.send(b"y");
    t.wait_text("cleared (copied): outbox");
    let outbox = files(&ws.path().join("outbox"), "-x.txt");
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(
        std::fs::read_to_string(&outbox[0]).unwrap(),
        "SECRET//NOFORN readout of the call"
    );
    let log = std::fs::read_to_string(ws.path().join("audit.jsonl")).unwrap();
    let rec: serde_json::Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    assert_eq!(rec["justification"], "too short but now it is long enough");
    assert_eq!(rec["overridden"][0]["rule"], "classification/us-banner");
    assert_eq!(rec["account"]["handle"], "@EmbassyExample");
    assert_eq!(rec["author"], "Test Officer");
    assert_eq!(rec["seq"], 1);
    let key = ws.path().join("config/tact/signing-key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the key created on first use is private"
        );
    }
    let raw = String::from_utf8_lossy(&t.raw);
    assert!(raw.contains("\x1b]52;c;"), "an OSC 52 sequence was written");
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_tact"))
        .current_dir(ws.path())
        .env("XDG_CONFIG_HOME", ws.path().join("config"))
        .env("HOME", ws.path())
        .args(["audit", "verify"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("record 1 (") && stdout.contains("signed by Test Officer"),
        "{stdout}"
    );
}

#[test]
fn sigterm_saves_the_draft() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    t.send(b"draft before sigterm");
    t.wait_text("draft before sigterm");
    kill(t.pid(), "-TERM");
    t.wait_exit();
    let drafts = files(&ws.path().join("state"), ".json");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let d = std::fs::read_to_string(&drafts[0]).unwrap();
    assert!(d.contains("draft before sigterm"), "{d}");
    assert!(!t.screen().alternate_screen());
}

#[test]
fn after_sigkill_a_restart_offers_the_text() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("Findings");
    t.send(b"typed before the kill");
    t.wait_text("typed before the kill");
    std::thread::sleep(Duration::from_millis(1500));
    kill(t.pid(), "-KILL");
    t.wait_exit();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("Recover it?");
    t.wait_text("First line: typed before the kill");
    t.send(b"y");
    t.wait_text("recovered the draft");
    t.send(&[b's' & 0x1f]);
    t.wait_text("saved post.txt");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("post.txt")).unwrap(),
        "typed before the kill"
    );
    t.send(&[b'q' & 0x1f]);
    assert_eq!(t.wait_exit(), 0);
}

/// A hang-up (SIGHUP) while the recovery prompt is shown keeps the autosave it offers.
/// (Closing a tmux window at the prompt used to overwrite that autosave with the empty
/// buffer; a bare SIGHUP on a pseudo-terminal, as here, did not show the loss, so this guards
/// the signal path, and the tmux case was checked by hand.)
#[test]
fn a_signal_at_the_recovery_prompt_keeps_the_offered_draft() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("Findings");
    t.send(b"only copy of the statement");
    t.wait_text("only copy of the statement");
    std::thread::sleep(Duration::from_millis(1500));
    kill(t.pid(), "-KILL");
    t.wait_exit();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("Recover it?");
    kill(t.pid(), "-HUP");
    t.wait_exit();
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("Recover it?");
    t.wait_text("First line: only copy of the statement");
    t.send(b"y");
    t.wait_text("recovered the draft");
    t.send(&[b'q' & 0x1f]);
    t.wait_text("There are unsaved changes.");
}

#[test]
fn the_linux_console_gets_16_colours_and_no_underline_colour() {
    let ws = workspace();
    let mut t = Pty::spawn_with(ws.path(), &[], 100, 30, &[("TERM", "linux")]);
    t.wait_text("Findings");
    t.paste("SECRET//NOFORN readout, Kiev");
    t.wait_text("1 block");
    let raw = String::from_utf8_lossy(&t.raw).into_owned();
    assert!(!raw.contains("38;5;"), "a 256-colour foreground was sent");
    assert!(
        !raw.contains("58;"),
        "an underline colour was sent (the console reads it as blink)"
    );
    assert!(
        !raw.contains("\x1b[59m"),
        "an underline colour reset was sent"
    );
    // The block: bold, underlined, basic red.
    assert!(raw.contains("\x1b[0;1;4;31m"), "no basic red underline");
    let (r, c) = t.find("SECRET");
    let cell = t.screen().cell(r, c).unwrap();
    assert!(cell.underline() && cell.bold());
    assert_eq!(cell.fgcolor(), vt100::Color::Idx(1));
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_256_colour_terminal_keeps_underline_colours() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    t.paste("SECRET//NOFORN readout");
    t.wait_text("1 block");
    let raw = String::from_utf8_lossy(&t.raw).into_owned();
    assert!(
        raw.contains("58;5;"),
        "underline colour expected on xterm-256color"
    );
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn emoji_with_a_presentation_selector_take_the_cells_the_cursor_counts() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    // ❤️ and 🕊️: the terminal (like xterm, tmux, vt100) gives each 1 cell.
    t.paste("I \u{2764}\u{FE0F} peace \u{1F54A}\u{FE0F} now");
    t.wait_text("peace");
    // Each is drawn in 1 cell, without the selector: the editor's columns (where "peace"
    // and the cursor go, set by absolute moves) are the terminal's.
    let raw = String::from_utf8_lossy(&t.raw).into_owned();
    assert!(
        !raw.contains('\u{FE0F}'),
        "the selector reached the terminal"
    );
    let (r, c) = t.find("peace");
    let cell = |x: u16| t.screen().cell(r, x).unwrap().contents().to_string();
    assert_eq!(cell(1), "I");
    assert_eq!(cell(3), "\u{2764}");
    assert_eq!(c, 5, "\"peace\" right after \"I ❤ \"");
    assert_eq!(cell(11), "\u{1F54A}");
    assert_eq!(cell(13), "n");
    t.wait("the cursor after the text", |s| {
        s.cursor_position() == (r, 16)
    });
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_plain_start_mentions_the_autosave_of_a_named_file() {
    let ws = workspace();
    let file = ws.path().join("post.txt");
    std::fs::write(&file, "Talks today.").unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let drafts = ws.path().join("state").join("tact").join("drafts");
    let draft = tact::tui::runtime::autosave::draft_path(&drafts, Some(&file));
    tact::tui::runtime::autosave::write(&draft, Some(&file), "Talks today, and more.").unwrap();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("autosave of post.txt from");
    t.wait_text("`tact post.txt` recovers it");
    t.send(&[b'q' & 0x1f]);
    assert_eq!(t.wait_exit(), 0);
    // `tact post.txt` offers it, with the local time to the minute.
    let mut t = Pty::spawn(ws.path(), &["post.txt"], 100, 30);
    t.wait_text("An autosave of ~/post.txt was found");
    let s = t.screen().contents();
    let written = s
        .lines()
        .find(|l| l.contains("written"))
        .unwrap()
        .to_string();
    // `written 2026-12-06 21:27 <zone>.`: date, hours and minutes, nothing finer.
    let at = written.find("written ").unwrap() + "written ".len();
    let stamp: Vec<char> = written[at..].chars().take(17).collect();
    let shape: String = stamp
        .iter()
        .map(|c| if c.is_ascii_digit() { '9' } else { *c })
        .collect();
    assert_eq!(&shape[..16], "9999-99-99 99:99", "{written}");
    assert_eq!(stamp[16], ' ', "no seconds: {written}");
    // Esc sets the autosave aside (letters never answer the offer).
    t.send(b"\x1b");
    t.wait_text("autosave set aside");
    // It says where the autosave went: the same file with `.declined` added.
    t.wait_text(".declined");
    t.send(&[b'q' & 0x1f]);
    assert_eq!(t.wait_exit(), 0);
}

/// `n` mouse-motion reports (SGR encoding) over the text, as a terminal sends while the
/// pointer moves: 250 of them are about 3.5 KB, more than one read of the input (1 KB), and
/// less than the terminal's input buffer (4 KB), so a lost wake-up shows as a timeout.
fn mouse_motion(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        out.extend_from_slice(format!("\x1b[<35;{};{}M", 2 + i % 60, 3 + i % 5).as_bytes());
    }
    out
}

#[test]
fn a_dialog_opened_in_a_burst_of_events_is_drawn_before_the_next_key() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 80, 24);
    t.wait_text("Findings");
    t.send(b"Talks in Kiev today.");
    t.wait_text("▲1");
    // Ctrl+S at the end of a burst of pointer motion: the Save-as prompt is on screen
    // without another key, so the name typed next is typed where it is seen.
    let mut burst = mouse_motion(250);
    burst.push(b's' & 0x1f);
    t.send(&burst);
    t.wait_text("File name:");
    t.send(b"post.txt\r");
    t.wait_text("saved");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("post.txt")).unwrap(),
        "Talks in Kiev today."
    );
    t.send(b" More.");
    t.wait_text("More.");
    let mut burst = mouse_motion(250);
    burst.push(b'q' & 0x1f);
    t.send(&burst);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_deleted_flag_leaves_no_stale_cell_and_in_tmux_a_skin_tone_takes_four_cells() {
    let ws = workspace();
    // As inside tmux (which sets TMUX): a skin tone is a wide character of its own there.
    let mut t = Pty::spawn_with(
        ws.path(),
        &[],
        80,
        24,
        &[("TMUX", "/tmp/tmux-0/default,1,0")],
    );
    t.wait_text("Findings");
    t.paste("ab \u{1F1FA}\u{1F1E6}");
    t.wait("the flag drawn", |s| s.cursor_position() == (2, 6));
    let (r, _) = t.find("ab");
    // Backspace deletes the flag: both of its cells are blank again (a terminal that keeps
    // each regional indicator in a cell of its own kept the second one before).
    t.send(b"\x7f");
    t.wait("the flag deleted", |s| s.cursor_position() == (r, 4));
    t.wait("both cells cleared", |s| {
        (4..6).all(|c| s.cell(r, c).is_some_and(|x| x.contents().trim().is_empty()))
    });
    // 👍🏽 then " x": the editor gives the emoji and its modifier 2 cells each, so "x" is
    // where tmux puts it, and so is the cursor.
    t.paste("ok \u{1F44D}\u{1F3FD} x");
    t.wait("the cursor after the text", |s| {
        s.cursor_position() == (r, 13)
    });
    let cell = |x: u16| t.screen().cell(r, x).unwrap().contents().to_string();
    assert_eq!(cell(4), "o");
    assert_eq!(cell(12), "x", "{}", t.screen().contents());
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_quit_question_is_drawn_after_a_post_was_cleared() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 80, 24);
    t.wait_text("Findings");
    t.paste("Talks today in Kyiv went well.");
    t.wait_text("went well");
    t.send(&[b'p' & 0x1f]);
    t.wait_text("Clearing for @EmbassyExample");
    t.clear_when_checked();
    t.send(b"y");
    t.wait_text("cleared (copied)");
    // The clear wrote OSC 52 and a status; the question still comes up whole.
    t.send(&[b'q' & 0x1f]);
    t.wait_text("Quit without saving? (y/n)");
    let s = t.screen().contents();
    assert!(s.contains("There are unsaved changes."), "{s}");
    assert!(s.contains("┌ Quit "), "{s}");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

/// A new draft saved under a name and then killed: its autosave belongs to that file from
/// the save on, so `tact FILE` offers the text typed after the save (found by a new-user
/// trial: the autosave stayed "unnamed" and only a bare `tact` offered it).
#[test]
fn a_new_draft_saved_as_a_file_is_recovered_by_opening_that_file() {
    let ws = workspace();
    let mut t = Pty::spawn(ws.path(), &[], 100, 30);
    t.wait_text("Findings");
    t.send(b"New statement on the summit.");
    t.wait_text("New statement on the summit.");
    t.send(&[b's' & 0x1f]);
    t.wait_text("Save as");
    t.send(b"named.txt\r");
    t.wait_text("saved");
    t.send(b" Typed after the save.");
    t.wait_text("Typed after the save.");
    std::thread::sleep(Duration::from_millis(1500));
    kill(t.pid(), "-KILL");
    t.wait_exit();
    assert_eq!(
        std::fs::read_to_string(ws.path().join("named.txt")).unwrap(),
        "New statement on the summit."
    );
    let mut t = Pty::spawn(ws.path(), &["named.txt"], 100, 30);
    t.wait_text("Recover it?");
    t.send(b"y");
    t.wait_text("recovered the draft");
    t.wait_text("New statement on the summit. Typed after the save.");
    kill(t.pid(), "-KILL");
    t.wait_exit();
}
