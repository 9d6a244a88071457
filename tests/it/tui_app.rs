//! Scripted key sequences against `App` (no terminal).

use crate::support::tui::*;
use crossterm::event::{KeyCode, KeyModifiers};
use tact::model::Severity;
use tact::tui::app::Dialog;
use tact::tui::{Action, Effect};

#[test]
fn type_paste_jump_and_fix() {
    let mut app = app_with("", (100, 30));
    assert!(app.findings.is_empty());
    type_str(&mut app, "Talks in Kiev today.\n");
    assert_eq!(app.findings.len(), 1);
    assert_eq!(app.findings[0].rule, "terms/kyiv");
    assert!(app.modified());

    app.update(Action::Paste("SECRET//NOFORN\r\nreadout follows".into()));
    assert_eq!(
        app.editor.text(),
        "Talks in Kiev today.\nSECRET//NOFORN\nreadout follows"
    );
    let block: Vec<_> = app
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .collect();
    assert_eq!(block.len(), 1, "{:#?}", app.findings);
    assert_eq!(block[0].rule, "classification/us-banner");
    assert_eq!(app.totals().block, 1);

    // F8 walks the findings in the list's order, blocks first: the banner, then Kiev.
    app.update(key(KeyCode::F(8)));
    assert_eq!(
        app.selected_finding().unwrap().rule,
        "classification/us-banner"
    );
    app.update(key(KeyCode::F(8)));
    assert_eq!(app.selected_finding().unwrap().rule, "terms/kyiv");
    assert_eq!(app.editor.cursor(), "Talks in ".len());
    app.update(key_mod(KeyCode::F(8), KeyModifiers::SHIFT));
    assert_eq!(
        app.selected_finding().unwrap().rule,
        "classification/us-banner"
    );
    app.update(key(KeyCode::F(8)));
    assert_eq!(app.selected_finding().unwrap().rule, "terms/kyiv");

    app.update(key_mod(KeyCode::Enter, KeyModifiers::ALT));
    assert!(app.editor.text().starts_with("Talks in Kyiv today."));
    assert!(app.findings.iter().all(|f| f.rule != "terms/kyiv"));
    assert_eq!(app.editor.cursor(), "Talks in Kyiv".len());
}

#[test]
fn f4_on_a_finding_without_fix_says_so() {
    let mut app = app_with("SECRET//NOFORN", (100, 30));
    app.update(key(KeyCode::F(8)));
    app.update(key(KeyCode::F(4)));
    assert_eq!(app.editor.text(), "SECRET//NOFORN");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("no automatic fix")
    );
}

/// F4 on "a clueless clown": the one suggested replacement goes in for "a clueless", and
/// the status names the word that still needs rewording by hand instead of a bare "fixed".
#[test]
fn f4_names_the_words_a_tone_fix_leaves_to_rephrase() {
    let engine = crate::support::rules::bundled();
    let text = "The envoy is a clueless clown.";
    let mut app = tact::tui::App::new(
        text.into(),
        None,
        Ok(std::sync::Arc::new(engine)),
        Some("x"),
    );
    app.update(Action::Resize(100, 30));
    app.update(key(KeyCode::F(8)));
    assert_eq!(app.selected_finding().unwrap().rule, "tone/undiplomatic");
    app.update(key(KeyCode::F(4)));
    assert_eq!(app.editor.text(), "The envoy is a misinformed clown.");
    let status = &app.status.as_ref().unwrap().text;
    assert!(
        status.contains("still to rephrase by hand: “clown”"),
        "{status}"
    );
}

#[test]
fn f2_cycles_platforms_and_the_counter_follows() {
    let mut app = app_with("👍🏽 hello", (100, 30));
    assert_eq!(app.current_platform().unwrap().id, "x");
    let x = app.counter.unwrap();
    assert_eq!((x.count, x.max), (8, 280));
    app.update(key(KeyCode::F(2)));
    assert!(matches!(app.dialog, Some(Dialog::Target(0))));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Enter));
    assert_eq!(app.current_platform().unwrap().id, "bluesky");
    let b = app.counter.unwrap();
    assert_eq!((b.count, b.max), (7, 300));
    app.update(key(KeyCode::F(2)));
    app.update(key(KeyCode::Up));
    app.update(key(KeyCode::Enter));
    assert_eq!(app.current_platform().unwrap().id, "x");
}

#[test]
fn over_the_limit_is_a_blocking_finding() {
    let mut app = app_with(&"a".repeat(281), (100, 30));
    assert_eq!(app.totals().block, 1);
    for k in [KeyCode::F(2), KeyCode::Down, KeyCode::Enter] {
        app.update(key(k)); // Bluesky allows 300
    }
    assert_eq!(app.totals().block, 0);
}

#[test]
fn grapheme_editing_through_keys() {
    let mut app = app_with("", (100, 30));
    app.update(Action::Paste("a👨\u{200D}👩\u{200D}👧e\u{301}".into()));
    app.update(key(KeyCode::Backspace));
    assert_eq!(app.editor.text(), "a👨\u{200D}👩\u{200D}👧");
    app.update(key(KeyCode::Left));
    app.update(key(KeyCode::Left));
    app.update(key(KeyCode::Delete));
    assert_eq!(app.editor.text(), "👨\u{200D}👩\u{200D}👧");
}

#[test]
fn up_and_down_keep_the_column_across_wrapped_rows() {
    // 60 columns (the least the editor draws): the text area is 58 wide, so each long line
    // (60 characters) wraps into two rows.
    let mut app = app_with("", (60, 20));
    let long = "word ".repeat(12);
    app.update(Action::Paste(format!("{long}\nab\n{long}")));
    app.update(ctrl_home());
    for _ in 0..7 {
        app.update(key(KeyCode::Right));
    }
    let start = app.editor.cursor();
    app.update(key(KeyCode::Down)); // second visual row of the first line
    app.update(key(KeyCode::Down)); // "ab": column clamped to its end
    assert_eq!(app.editor.cursor(), long.len() + 1 + 2);
    app.update(key(KeyCode::Down)); // back to column 7 on the next long line
    assert_eq!(app.editor.cursor(), long.len() + 4 + 7);
    app.update(key(KeyCode::Up));
    app.update(key(KeyCode::Up));
    app.update(key(KeyCode::Up));
    assert_eq!(app.editor.cursor(), start);
}

fn ctrl_home() -> Action {
    key_mod(KeyCode::Home, KeyModifiers::CONTROL)
}

#[test]
fn save_as_then_save() {
    let mut app = app_with("", (100, 30));
    type_str(&mut app, "Hello");
    assert_eq!(app.update(ctrl('s')), None);
    assert_eq!(app.dialog, Some(Dialog::SaveAs(Default::default())));
    type_str(&mut app, "post.txt");
    let effect = app.update(key(KeyCode::Enter));
    assert_eq!(
        effect,
        Some(Effect::Save {
            path: "post.txt".into(),
            text: "Hello".into(),
            overwrite: false,
            expect: None,
        })
    );
    app.update(Action::Saved(Ok("post.txt".into())));
    assert!(!app.modified());
    assert_eq!(app.file.as_deref(), Some(std::path::Path::new("post.txt")));
    type_str(&mut app, "!");
    let effect = app.update(ctrl('s'));
    assert!(matches!(effect, Some(Effect::Save { .. })));
    app.update(Action::Saved(Err("disk full".into())));
    assert!(app.modified());
    assert_eq!(app.editor.text(), "Hello!");
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn quit_asks_when_modified() {
    let mut app = app_with("", (100, 30));
    assert_eq!(app.update(ctrl('q')), Some(Effect::Quit));
    type_str(&mut app, "x");
    assert_eq!(app.update(ctrl('q')), None);
    assert_eq!(app.dialog, Some(Dialog::ConfirmQuit));
    assert_eq!(app.update(key(KeyCode::Char('n'))), None);
    assert_eq!(app.dialog, None);
    assert_eq!(app.editor.text(), "x");
    app.update(ctrl('q'));
    assert_eq!(app.update(key(KeyCode::Char('y'))), Some(Effect::Quit));
}

#[test]
fn rule_load_failure_is_never_all_clear() {
    let mut app = tact::tui::App::new(
        "SECRET//NOFORN".into(),
        None,
        Err("rules/x.toml:3:1: unknown key `foo`".into()),
        None,
    );
    app.update(Action::Resize(100, 30));
    assert!(!app.rules_loaded());
    assert_eq!(
        tact::tui::components::title::totals_label(&app),
        "NOT CHECKED: rules failed to load"
    );
    app.update(key(KeyCode::F(8)));
    assert!(app.status.as_ref().unwrap().error);
}

/// The status line's column counts characters as the user sees them: an emoji with a skin
/// tone and a flag are one each.
#[test]
fn the_column_counts_graphemes() {
    let mut app = app_with("Hi 👍🏽 🇺🇦 x", (100, 30));
    app.update(key(KeyCode::End));
    let s = screen(&render(&app));
    assert!(s.contains("Ln 1, Col 9"), "{s}");
}
