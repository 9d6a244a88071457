//! Scripted key sequences for every key of the help screen (no terminal).

use crate::support::tui::*;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tact::load::config::Account;
use tact::model::{Applicability, Edit, Fix};
use tact::tui::app::keymap::help_rows;
use tact::tui::app::{Dialog, Focus};
use tact::tui::{Action, Effect};

const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

#[test]
fn every_help_key_is_covered_here() {
    let covered = [
        "F1",
        "F2",
        "F8 / Shift+F8",
        "Alt+Enter or F4",
        "Tab / Shift+Tab",
        "Alt+PageUp / Alt+PageDown",
        "Ctrl+S",
        "Ctrl+P",
        "Ctrl+T", // tests/it/tui_thread.rs
        "Ctrl+R",
        "Ctrl+Q",
        "Ctrl+Z / Ctrl+Y",
        "Arrows",
        "Ctrl+← / Ctrl+→",
        "Shift+arrows",
        "Ctrl+A",
        "Ctrl+C / Ctrl+X / Ctrl+V",
        "Home / End",
        "Ctrl+Home / Ctrl+End",
        "PageUp / PageDown",
        "Backspace / Delete",
        "Ctrl+Backspace / Ctrl+Delete",
        "Enter",
        "Mouse",
        "Esc",
    ];
    for k in help_rows().map(|e| e.keys) {
        assert!(covered.contains(&k), "help key {k} has no scripted test");
    }
}

#[test]
fn ctrl_r_reloads_the_rules() {
    let mut app = app_with("x", (100, 30));
    assert_eq!(app.update(ctrl('r')), Some(Effect::Reload));
    assert!(app.status.as_ref().unwrap().text.contains("reloading"));
    // The result arrives as an action (see tests/it/tui_reload.rs for success and failure).
    app.update(Action::Reloaded(Err(
        tact::tui::runtime::reload::ReloadFailure {
            message: "rules/x.toml:3:1: unknown key".into(),
            count: 1,
        },
    )));
    assert!(app.banner_shown());
}

#[test]
fn f1_and_esc() {
    let mut app = app_with("", (100, 30));
    app.update(key(KeyCode::F(1)));
    assert_eq!(app.dialog, Some(Dialog::Help(0)));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.dialog, None);
}

#[test]
fn undo_redo_by_word_and_fix_is_one_step() {
    let mut app = app_with("", (100, 30));
    type_str(&mut app, "in Kiev now");
    app.update(ctrl('z'));
    assert_eq!(app.editor.text(), "in Kiev ");
    app.update(ctrl('y'));
    assert_eq!(app.editor.text(), "in Kiev now");
    app.update(key(KeyCode::F(8)));
    app.update(key(KeyCode::F(4)));
    assert_eq!(app.editor.text(), "in Kyiv now");
    app.update(ctrl('z'));
    assert_eq!(app.editor.text(), "in Kiev now");
}

#[test]
fn arrows_words_home_end_pages() {
    let mut app = app_with("one two\nthree", (100, 30));
    app.update(key(KeyCode::Right));
    assert_eq!(app.editor.cursor(), 1);
    app.update(key_mod(KeyCode::Right, CTRL));
    assert_eq!(app.editor.cursor(), 3);
    app.update(key_mod(KeyCode::Left, CTRL));
    assert_eq!(app.editor.cursor(), 0);
    app.update(key(KeyCode::Down));
    assert_eq!(app.editor.cursor(), 8);
    app.update(key(KeyCode::End));
    assert_eq!(app.editor.cursor(), 13);
    app.update(key(KeyCode::Home));
    assert_eq!(app.editor.cursor(), 8);
    app.update(key(KeyCode::Up));
    assert_eq!(app.editor.cursor(), 0);
    app.update(key_mod(KeyCode::End, CTRL));
    assert_eq!(app.editor.cursor(), 13);
    app.update(key_mod(KeyCode::Home, CTRL));
    assert_eq!(app.editor.cursor(), 0);
    app.update(key(KeyCode::PageDown));
    assert_eq!(app.editor.cursor(), 8, "last row, same column");
    app.update(key(KeyCode::PageUp));
    assert_eq!(app.editor.cursor(), 0);
}

#[test]
fn selection_copy_cut_paste_select_all() {
    let mut app = app_with("alpha beta", (100, 30));
    app.update(key_mod(KeyCode::Right, SHIFT | CTRL));
    assert_eq!(app.editor.buffer.selected_text(), "alpha");
    assert_eq!(app.update(ctrl('c')), Some(Effect::Copy("alpha".into())));
    app.update(key_mod(KeyCode::End, KeyModifiers::NONE));
    app.update(ctrl('v'));
    assert_eq!(app.editor.text(), "alpha betaalpha");
    app.update(ctrl('a'));
    assert_eq!(app.editor.buffer.selected_text(), "alpha betaalpha");
    assert_eq!(
        app.update(ctrl('x')),
        Some(Effect::Copy("alpha betaalpha".into()))
    );
    assert_eq!(app.editor.text(), "");
    app.update(ctrl('z'));
    assert_eq!(app.editor.text(), "alpha betaalpha");
    app.update(key_mod(KeyCode::Left, SHIFT));
    app.update(key(KeyCode::Char('X')));
    assert_eq!(app.editor.text(), "alpha betaalphX");
}

#[test]
fn backspace_delete_and_word_deletes() {
    let mut app = app_with("one two three", (100, 30));
    app.update(key_mod(KeyCode::End, CTRL));
    app.update(key_mod(KeyCode::Backspace, CTRL));
    assert_eq!(app.editor.text(), "one two ");
    app.update(key(KeyCode::Backspace));
    assert_eq!(app.editor.text(), "one two");
    app.update(key_mod(KeyCode::Home, CTRL));
    app.update(key_mod(KeyCode::Delete, CTRL));
    assert_eq!(app.editor.text(), " two");
    app.update(key(KeyCode::Delete));
    assert_eq!(app.editor.text(), "two");
    app.update(key(KeyCode::Enter));
    assert_eq!(app.editor.text(), "\ntwo");
}

#[test]
fn tab_focus_list_keys_and_enter() {
    let mut app = app_with("Kiev and\nSECRET//NOFORN", (100, 30));
    app.update(key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Findings);
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Up));
    // The list shows the block first: findings[1] (SECRET//NOFORN), then the warning.
    assert_eq!(app.selected, Some(1));
    app.update(key(KeyCode::Down));
    assert_eq!(app.selected, Some(0));
    app.update(key(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(app.editor.cursor(), app.findings[0].start);
    // Tab goes on to the detail, Shift+Tab back.
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Detail);
    app.update(key(KeyCode::BackTab));
    assert_eq!(app.focus, Focus::Findings);
    app.update(key(KeyCode::Esc));
    assert_eq!(app.focus, Focus::Editor);
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.focus, Focus::Editor);
}

#[test]
fn several_fixes_open_a_choice_list() {
    let mut app = app_with("Kiev", (100, 30));
    let alt = |r: &str| Fix {
        applicability: Applicability::Choice,
        edits: vec![Edit {
            start: 0,
            end: 4,
            replacement: r.into(),
        }],
    };
    app.findings[0].fixes = vec![alt("Kyiv"), alt("the capital")];
    app.update(key(KeyCode::F(8)));
    app.update(key_mod(KeyCode::Enter, KeyModifiers::ALT));
    assert_eq!(
        app.dialog,
        Some(Dialog::Choices {
            finding: 0,
            index: 0
        })
    );
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Enter));
    assert_eq!(app.editor.text(), "the capital");
}

#[test]
fn f2_picks_account_and_platform_together() {
    let mut app = app_with("hello", (100, 30));
    app.settings.accounts = vec![Account {
        name: "Embassy".into(),
        platform: "bluesky".into(),
        handle: "@emb.example".into(),
        kind: "official".into(),
    }];
    app.update(key(KeyCode::F(2)));
    app.update(key_mod(KeyCode::Home, KeyModifiers::NONE));
    app.update(key(KeyCode::Up));
    app.update(key(KeyCode::Up));
    app.update(key(KeyCode::Enter));
    assert_eq!(app.current_account().unwrap().handle, "@emb.example");
    assert_eq!(app.current_platform().unwrap().id, "bluesky");
    assert!(
        app.clearing_for()
            .contains("Clearing for @emb.example (official) on Bluesky")
    );
}

#[test]
fn ctrl_s_saves_or_asks_and_ctrl_q_asks_when_modified() {
    let mut app = app_with("", (100, 30));
    type_str(&mut app, "x");
    app.update(ctrl('s'));
    assert_eq!(app.dialog, Some(Dialog::SaveAs(Default::default())));
    type_str(&mut app, "p.txt");
    let e = app.update(key(KeyCode::Enter));
    assert_eq!(
        e,
        Some(Effect::Save {
            path: "p.txt".into(),
            text: "x".into(),
            overwrite: false,
            expect: None,
        })
    );
    app.update(Action::Saved(Err("disk full".into())));
    assert!(app.status.as_ref().unwrap().text.contains("still here"));
    assert_eq!(app.editor.text(), "x");
    // The save-as dialog is open again with the name kept; Esc leaves it.
    assert!(matches!(app.dialog, Some(Dialog::SaveAs(_))));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.update(ctrl('q')), None);
    assert_eq!(app.dialog, Some(Dialog::ConfirmQuit));
    assert_eq!(app.update(key(KeyCode::Char('y'))), Some(Effect::Quit));
}

#[test]
fn ctrl_p_gate_without_and_with_blocking_findings() {
    let mut app = app_with("A calm post.", (100, 30));
    app.update(ctrl('p'));
    let Some(Effect::Publish(req)) = app.update(key(KeyCode::Enter)) else {
        panic!("no publish effect");
    };
    assert_eq!(req.justification, None);
    app.update(Action::Published(Ok("outbox/a-x.txt".into())));
    assert_eq!(app.cleared.as_deref(), Some("A calm post."));

    let mut app = app_with("SECRET//NOFORN", (100, 30));
    app.settings.min_justification = 10;
    app.update(ctrl('p'));
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        None,
        "Enter is a new line here"
    );
    type_str(&mut app, "short");
    assert_eq!(app.update(ctrl('p')), None);
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!()
    };
    assert!(d.error.as_ref().unwrap().contains("at least 10"));
    app.update(Action::Paste(" but enough".into()));
    let Some(Effect::Publish(req)) = app.update(ctrl('p')) else {
        panic!()
    };
    assert_eq!(req.justification.as_deref(), Some("short but enough"));
}

/// A clearing refused after the gate closed (here: the signing key is not allowed): the
/// whole reason can be read in the detail pane at 80×24, and the justification comes back
/// when the gate opens again (found by a new-user trial: both were lost).
#[test]
fn a_refused_clearing_shows_its_whole_reason_and_keeps_the_justification() {
    let mut app = app_with("SECRET//NOFORN", (80, 24));
    app.settings.min_justification = 10;
    app.update(ctrl('p'));
    app.update(Action::Paste("cleared with the desk".into()));
    let Some(Effect::Publish(_)) = app.update(ctrl('p')) else {
        panic!("no publish effect")
    };
    let reason = "/home/press/.config/tact/allowed-signers: your signing key is not in these \
                  allowed signers, so its records would never verify; add the line \
                  `tact user tact-ed25519 6f2200aa11bb22cc33dd44ee55ff66007788990011aabbccddeeff0011223344` \
                  to it (or name your key in tact.toml)";
    app.update(Action::Published(Err(reason.into())));
    assert_eq!(app.dialog, None);
    let status = app.status.clone().unwrap();
    assert!(status.error && status.text.starts_with("NOT cleared: "));
    let shown = screen(&render(&app));
    assert!(shown.contains("Not cleared · Detail"), "{shown}");
    // The pane's lines (it scrolls) hold the whole reason, the key unbroken in meaning.
    let lines: Vec<String> = tact::tui::components::detail::lines(&app, 40)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let flat: String = lines.concat().split_whitespace().collect();
    let want: String = reason.split_whitespace().collect();
    assert!(flat.contains(&want), "{lines:#?}");
    app.update(ctrl('p'));
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("the gate opens again")
    };
    assert_eq!(d.justification.text(), "cleared with the desk");
    // A clearing that succeeds forgets the refusal.
    let Some(Effect::Publish(_)) = app.update(ctrl('p')) else {
        panic!()
    };
    app.update(Action::Published(Ok("outbox/a-x.txt".into())));
    assert!(app.refused.is_none());
    assert!(!screen(&render(&app)).contains("Not cleared"));
}

#[test]
fn ctrl_p_refused_without_rules_or_while_checking() {
    let mut app = tact::tui::App::new("x".into(), None, Err("broken".into()), None);
    app.update(ctrl('p'));
    assert_eq!(app.dialog, None);
    assert!(app.status.as_ref().unwrap().text.contains("refused"));

    let mut app = app_with("calm", (100, 30));
    app.async_checks = true;
    type_str(&mut app, "!");
    assert!(app.checking);
    app.update(ctrl('p'));
    assert_eq!(app.update(key(KeyCode::Enter)), None);
    let req = app.take_check_request("calm!".into()).unwrap();
    let stale =
        tact::tui::runtime::checker::run_check(&tact::tui::runtime::checker::CheckRequest {
            generation: req.generation - 1,
            ..req.clone()
        });
    app.update(Action::Checked(stale));
    assert!(app.checking, "a stale result is dropped");
    app.update(Action::Checked(tact::tui::runtime::checker::run_check(
        &req,
    )));
    assert!(!app.checking);
    assert!(matches!(
        app.update(key(KeyCode::Enter)),
        Some(Effect::Publish(_))
    ));
}

#[test]
fn mouse_click_wheel_and_click_on_finding() {
    let mut app = app_with("Kiev one\ntwo\nthree", (100, 30));
    let click = |col, row| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Text area starts at (1, 2): title row, then the border.
    app.update(click(3, 3));
    assert_eq!(app.editor.cursor(), "Kiev one\ntw".len());
    let wheel = Action::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 3,
        row: 3,
        modifiers: KeyModifiers::NONE,
    });
    app.update(wheel);
    assert_eq!(
        app.editor.cursor(),
        "Kiev one\ntwo\nth".len(),
        "moved down with the view"
    );
    let list_x = 100 - 40;
    app.update(click(list_x, 2));
    assert_eq!(app.selected, Some(0));
    assert_eq!(app.editor.cursor(), 0);
}

#[test]
fn recovery_offer_accept_and_decline() {
    use tact::tui::runtime::autosave::{Draft, Offer};
    let offer = Offer {
        path: "/tmp/d.json".into(),
        draft: Draft {
            file: None,
            saved_at: "2026-01-01T00:00:00Z".into(),
            text: "lost words".into(),
        },
    };
    let mut app = app_with("", (100, 30));
    app.dialog = Some(Dialog::Recovery(Box::new(offer.clone())));
    assert_eq!(
        app.update(key(KeyCode::Char('y'))),
        Some(Effect::AcceptRecovery("/tmp/d.json".into()))
    );
    assert_eq!(app.editor.text(), "lost words");
    // Typing at once ("SECRET//NOFORN"): no key is typed and none answers, even "N".
    let mut app = app_with("", (100, 30));
    app.dialog = Some(Dialog::Recovery(Box::new(offer)));
    for c in "SECRET//NOFORN".chars() {
        assert_eq!(app.update(key(KeyCode::Char(c))), None);
    }
    assert!(matches!(app.dialog, Some(Dialog::Recovery(_))));
    assert_eq!(app.editor.text(), "");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("answer the recovery question first")
    );
    assert_eq!(
        app.update(key(KeyCode::Esc)),
        Some(Effect::DeclineRecovery("/tmp/d.json".into()))
    );
    assert_eq!(app.editor.text(), "");
}

/// Issue 16: at 80×24 the status line of a refused clearing whose reason holds a 64-digit
/// key says where the whole reason is (the detail pane) instead of showing the key cut.
#[test]
fn the_status_of_a_refused_clearing_points_to_the_detail_pane_instead_of_cutting_the_key() {
    let key = "6f2200aa11bb22cc33dd44ee55ff66007788990011aabbccddeeff0011223344";
    let reason = format!(
        "/home/press/.config/tact/allowed-signers: your signing key is not in these allowed \
         signers; add the line `tact user tact-ed25519 {key}` to it"
    );
    for size in [(80, 24), (100, 30), (60, 20)] {
        let mut app = app_with("SECRET//NOFORN", size);
        app.settings.min_justification = 10;
        app.update(ctrl('p'));
        app.update(Action::Paste("cleared with the desk".into()));
        let Some(Effect::Publish(_)) = app.update(ctrl('p')) else {
            panic!("no publish effect")
        };
        app.update(Action::Published(Err(reason.clone())));
        let shown = screen(&render(&app));
        let status = shown.lines().nth_back(1).unwrap();
        assert!(
            status.contains("NOT cleared: the reason is in the detail pane"),
            "{shown}"
        );
        assert!(!status.contains(&key[..8]), "no part of the key: {status}");
        assert!(shown.contains("Not cleared · Detail"), "{shown}");
    }
}
