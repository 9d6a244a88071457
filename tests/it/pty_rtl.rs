//! Right-to-left text in a real terminal (the binary on a PTY, screen read through vt100,
//! which like most terminals does no bidi of its own): an Arabic file is shown right to left,
//! right-aligned, with the finding underlined on its word and the cursor on the cell it names.

use crate::support::pty::*;

/// Row `r` of the screen between columns `c0..c1`, a cell never written read as a space.
fn cells(t: &Pty, r: u16, c0: u16, c1: u16) -> String {
    (c0..c1)
        .map(|c| match t.screen().cell(r, c).unwrap().contents() {
            "" => " ",
            s => s,
        })
        .collect()
}

#[test]
fn an_arabic_post_reads_right_to_left_in_the_terminal() {
    let ws = workspace();
    // "The embassy confirmed that the talks in Kiev are continuing." / "Shalom, world."
    std::fs::write(
        ws.path().join("ar.txt"),
        "أكدت السفارة أن المحادثات في Kiev مستمرة.\nשלום עולם.\n",
    )
    .unwrap();
    let mut t = Pty::spawn(ws.path(), &["ar.txt"], 80, 24);
    t.wait_text("▲1");
    // Right-aligned: each row ends at the pane's right border (column 79).
    assert_eq!(
        cells(&t, 2, 79 - 41, 79),
        ".ةرمتسم Kiev يف تاثداحملا نأ ةرافسلا تدكأ"
    );
    assert_eq!(cells(&t, 3, 79 - 10, 79), ".םלוע םולש");
    assert_eq!(cells(&t, 3, 1, 79 - 10).trim(), "");
    let (kr, kc) = t.find("Kiev");
    for i in 0..4 {
        assert!(t.screen().cell(kr, kc + i).unwrap().underline(), "K+{i}");
    }
    assert!(!t.screen().cell(kr, kc - 1).unwrap().underline());
    assert!(!t.screen().cell(kr, kc + 4).unwrap().underline());
    // The cursor starts on the first letter (the rightmost cell); Left moves it left.
    t.wait("cursor at the right edge", |s| {
        s.cursor_position() == (2, 78)
    });
    t.send(b"\x1b[D\x1b[D\x1b[D");
    t.wait("cursor three cells left", |s| {
        s.cursor_position() == (2, 75)
    });
    // F8: the cursor goes to the finding, on the K as drawn.
    t.send(b"\x1b[19~");
    t.wait("cursor on Kiev", |s| s.cursor_position() == (kr, kc));
    t.send(&[b'q' & 0x1f]);
    assert_eq!(t.wait_exit(), 0);
    // A bidi-aware terminal was told not to reorder the cells again (BDSM explicit mode),
    // and given its default back on exit.
    let raw = String::from_utf8_lossy(&t.raw);
    let explicit = raw.find("\x1b[8l").expect("explicit bidi mode sent");
    let implicit = raw.rfind("\x1b[8h").expect("implicit bidi mode restored");
    assert!(explicit < raw.find("\u{623}").unwrap() && implicit > explicit);
}
