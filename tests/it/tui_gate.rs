//! The publish gate as a checklist (issue 16): the account and platform, the exact post,
//! the findings by severity with blocks first (scrolled), the instructions always shown,
//! the justification box in a place of its own, and no clearing of an empty post.

use crate::support::tui::*;
use crossterm::event::KeyCode;
use ratatui::style::Color;
use tact::load::config::Account;
use tact::tui::app::Dialog;
use tact::tui::{Action, App, Effect};

/// A post with one block and many warnings: more findings than the gate has rows at 80×24.
fn busy_post() -> String {
    let mut s = String::from("SECRET//NOFORN readout of the call.\n");
    for i in 0..14 {
        s.push_str(&format!("Talks {i} in Kiev.\n"));
    }
    s
}

fn with_account(mut app: App) -> App {
    app.settings.accounts = vec![Account {
        name: "Embassy".into(),
        platform: "x".into(),
        handle: "@EmbassyExample".into(),
        kind: "official".into(),
    }];
    app.account = Some(0);
    app
}

#[test]
fn the_gate_at_80x24_lists_the_post_and_the_blocks_first_and_keeps_its_instructions() {
    let mut app = with_account(app_with(&busy_post(), (80, 24)));
    app.update(ctrl('p'));
    let s = screen(&render(&app));
    insta::assert_snapshot!("gate_80x24", s);
    assert!(
        s.contains("Clearing for @EmbassyExample (official) on X"),
        "{s}"
    );
    assert!(s.contains("SECRET//NOFORN"), "{s}");
    // The block is listed before any warning.
    let block = s.find("✖ 1 Blocking").expect("blocking heading");
    let warn = s.find("▲ 14 Warnings").unwrap_or(usize::MAX);
    assert!(block < warn, "{s}");
    // The instructions and the box are both on screen, the box below the list.
    assert!(s.contains("Blocking findings: fix them"), "{s}");
    let (_, box_row) = find(&render(&app), "Justification");
    let (_, help_row) = find(&render(&app), "Blocking findings: fix them");
    assert!(help_row < box_row, "{s}");
    assert!(s.contains("more rows: PgDn"), "{s}");
}

#[test]
fn page_down_scrolls_the_gate_and_the_wheel_scrolls_it_back() {
    let mut app = with_account(app_with(&busy_post(), (80, 24)));
    app.update(ctrl('p'));
    let before = screen(&render(&app));
    assert!(!before.contains("Talks 13 in Kiev"), "{before}");
    for _ in 0..4 {
        app.update(key(KeyCode::PageDown));
    }
    // At the end: the exact post, to its last line.
    let after = screen(&render(&app));
    assert!(after.contains("Talks 12 in Kiev."), "{after}");
    assert!(after.contains("Talks 13 in Kiev."), "{after}");
    assert!(after.contains("PgUp"), "{after}");
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("the gate closed")
    };
    assert!(d.scroll > 0);
    // The justification is untouched by scrolling.
    assert_eq!(d.justification.text(), "");
    for _ in 0..20 {
        app.update(Action::Mouse(crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::ScrollUp,
            column: 10,
            row: 5,
            modifiers: crossterm::event::KeyModifiers::NONE,
        }));
    }
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("the gate closed")
    };
    assert_eq!(d.scroll, 0);
}

#[test]
fn the_justification_count_turns_from_red_to_plain_once_long_enough() {
    let mut app = with_account(app_with("SECRET//NOFORN readout", (100, 30)));
    app.update(ctrl('p'));
    type_str(&mut app, "too short");
    app.update(ctrl('p'));
    let buf = render(&app);
    let (x, y) = find(&buf, "Justification 9/20");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    assert!(screen(&buf).contains("needs at least 20 characters"));
    type_str(&mut app, " but now long enough");
    let buf = render(&app);
    let (x, y) = find(&buf, "Justification 29/20 ✓");
    assert_eq!(buf[(x, y)].fg, Color::Reset, "not red once long enough");
    assert!(
        !screen(&buf).contains("needs at least 20 characters"),
        "the refusal about the length is gone"
    );
}

#[test]
fn an_empty_post_is_never_cleared() {
    for text in ["", "  \n\t "] {
        let mut app = app_with(text, (100, 30));
        assert_eq!(app.update(ctrl('p')), None);
        assert_eq!(app.dialog, None);
        let status = app.status.clone().unwrap();
        assert!(status.error);
        assert!(status.text.contains("the post is empty"), "{}", status.text);
    }
    // Emptied while the gate is open: Enter refuses, no Publish effect.
    let mut app = app_with("Talks today.", (100, 30));
    app.update(ctrl('p'));
    app.editor.buffer.replace_text(String::new(), 0);
    assert_eq!(app.update(key(KeyCode::Enter)), None);
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("the gate closed")
    };
    assert!(d.error.as_deref().unwrap().contains("empty"));
}

#[test]
fn a_clean_post_clears_with_enter() {
    let mut app = app_with("Talks today in Kyiv.", (80, 24));
    app.update(ctrl('p'));
    let s = screen(&render(&app));
    assert!(s.contains("No findings."), "{s}");
    assert!(s.contains("Enter or Ctrl+P clears"), "{s}");
    assert!(!s.contains("Justification"), "{s}");
    assert!(matches!(
        app.update(key(KeyCode::Enter)),
        Some(Effect::Publish(_))
    ));
}

#[test]
fn at_the_smallest_size_the_parts_still_do_not_overlap() {
    let mut app = with_account(app_with(&busy_post(), (60, 15)));
    app.update(ctrl('p'));
    let buf = render(&app);
    let s = screen(&buf);
    insta::assert_snapshot!("gate_60x15", s);
    let (_, list) = find(&buf, "✖ 1 Blocking");
    let (_, help) = find(&buf, "Blocking findings: fix them");
    let (_, boxed) = find(&buf, "Justification 0/20");
    assert!(list < help && help < boxed, "{s}");
}

#[test]
fn dialogs_clear_the_column_beside_their_border_so_no_draft_letter_shows_there() {
    let opens: [(Action, &str); 4] = [
        (ctrl('p'), "┌ Publish"),
        (ctrl('t'), "┌ Thread"),
        (key(KeyCode::F(1)), "┌ Help"),
        (ctrl('q'), "┌ Quit"),
    ];
    for (w, h) in [(80, 24), (100, 30)] {
        for (open, title) in opens.clone() {
            // A draft that fills the editor, a letter in every column.
            let mut app = app_with("", (w, h));
            app.update(Action::Paste(crate::thread::statement()));
            app.update(open);
            let buf = render(&app);
            let s = screen(&buf);
            let (left, top) = find(&buf, title);
            let bottom = (top..h)
                .find(|&y| buf[(left, y)].symbol() == "└")
                .unwrap_or_else(|| panic!("{title}: no bottom border\n{s}"));
            let right = (left + 1..w)
                .find(|&x| buf[(x, top)].symbol() == "┐")
                .unwrap_or_else(|| panic!("{title}: no right border\n{s}"));
            for y in top..=bottom {
                // (A dialog as wide as the screen has no column beside it.)
                for x in [left.checked_sub(1), Some(right + 1).filter(|&x| x < w)]
                    .into_iter()
                    .flatten()
                {
                    assert_eq!(
                        buf[(x, y)].symbol(),
                        " ",
                        "{title} at {w}x{h}: cell ({x}, {y}) beside the border\n{s}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_rule_past_the_cap_lists_its_summary_in_the_findings_and_still_blocks_at_the_gate() {
    // 150 banners: 100 listed and one summary of the other 50, which blocks too (as does
    // the length on X).
    let text = "SECRET//NOFORN\n".repeat(150);
    let mut app = app_with(&text, (100, 30));
    assert_eq!(app.findings.len(), 102);
    let s = screen(&render(&app));
    // Every finding counted: 150 banners and the length, 102 of them listed.
    assert!(s.contains("Findings (151; 102 listed)"), "{s}");
    assert!(s.contains("151 block · 0 warn"), "{s}");
    app.update(ctrl('p'));
    assert!(matches!(app.dialog, Some(Dialog::Publish(_))));
    let s = screen(&render(&app));
    assert!(s.contains("✖ 151 Blocking"), "{s}");
    // The summary is among the blocking findings the gate holds the post for.
    let tact::publish::Gate::NeedsJustification { blocking } =
        tact::publish::decide(true, &app.findings)
    else {
        panic!("150 banners block");
    };
    assert_eq!(blocking.len(), 102);
    assert_eq!(
        blocking.iter().filter_map(|f| f.unlisted()).sum::<usize>(),
        50
    );
}

#[test]
fn at_80x24_a_refusal_too_long_for_the_box_border_is_shown_whole_in_the_instructions() {
    let mut app = with_account(app_with(&busy_post(), (80, 24)));
    app.update(ctrl('p'));
    type_str(&mut app, "too short");
    app.update(ctrl('p'));
    let s = screen(&render(&app));
    insta::assert_snapshot!("gate_80x24_short_justification", s);
    // Whole, wrapped: every word of the refusal is on screen, none cut at the border.
    let flat = words(&s);
    assert!(
        flat.contains(
            "✖ the justification needs at least 20 characters (9 so far), or fix the blocking findings"
        ),
        "{s}"
    );
    assert!(!s.contains("fix the…"), "{s}");
    // The instructions stay above the box, the refusal with them.
    let buf = render(&app);
    let (_, refusal) = find(&buf, "✖ the justification needs");
    let (_, boxed) = find(&buf, "Justification 9/20");
    assert!(refusal < boxed, "{s}");
    // A short refusal still goes on the box's border, where the writer types.
    let mut app = with_account(app_with(&busy_post(), (100, 30)));
    app.update(ctrl('p'));
    type_str(&mut app, "too short");
    app.update(ctrl('p'));
    let buf = render(&app);
    let (_, refusal) = find(&buf, "✖ the justification needs");
    let (_, boxed) = find(&buf, "Justification 9/20");
    assert!(refusal > boxed, "{}", screen(&buf));
}
