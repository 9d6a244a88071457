//! Nothing lost (issue 17): autosave failures stay on screen, two editors on one file ask
//! before overwriting each other, and opening a draft never runs the engine before the first
//! frame.

use std::path::Path;
use std::sync::Arc;

use crate::support::rules::{fixture, load, only};
use crate::support::tui::*;
use tact::tui::app::Dialog;
use tact::tui::runtime::runner::save_action;
use tact::tui::runtime::save::Stamp;
use tact::tui::runtime::{autosave, plain};
use tact::tui::{Action, App, Effect};

/// An app on the editor's test rules editing `file` as `tact FILE` opens it (stamp taken,
/// text read).
fn open(file: &Path) -> App {
    let stamp = Stamp::of_file(file).unwrap();
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let engine = load(&only(&[&fixture("editor")]));
    let mut app = App::new(text, Some(file.into()), Ok(Arc::new(engine)), Some("x"));
    app.set_disk_stamp(file.into(), stamp);
    app.update(Action::Resize(100, 30));
    app
}

/// Performs the save effect `e` as the runner does and feeds the result back.
fn perform(app: &mut App, e: Option<Effect>) {
    let Some(Effect::Save {
        path,
        text,
        overwrite,
        expect,
    }) = e
    else {
        panic!("expected a save, got {e:?}");
    };
    let back = save_action(path, &text, overwrite, expect.as_ref());
    assert_eq!(app.update(back), None);
}

#[test]
fn a_failed_autosave_stays_on_screen_until_one_succeeds() {
    // A state folder that cannot hold drafts: `XDG_STATE_HOME` is a file (a read-only
    // folder would do for other users, but root writes into those).
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::write(&state, "").unwrap();
    let path = state.join("tact").join("drafts").join("draft-1-1.json");
    let err = autosave::write(&path, None, "the draft").unwrap_err();
    let msg = plain::autosave_error(&path, &err);
    let mut app = app_with("", (100, 30));
    app.update(Action::Autosaved(Err(msg.clone())));
    assert!(app.banner_shown());
    let s = screen(&render(&app));
    assert!(
        s.contains("AUTOSAVE FAILED: the draft is only in memory"),
        "{s}"
    );
    assert!(msg.contains("is a file, not a folder"), "{msg}");
    assert_eq!(app.autosave_error.as_deref(), Some(msg.as_str()));
    assert!(s.contains(" part of "), "the reason, second row: {s}");
    // Typing and other messages do not hide it.
    type_str(&mut app, "more text");
    app.update(ctrl('r'));
    let s = screen(&render(&app));
    assert!(s.contains("AUTOSAVE FAILED"), "{s}");
    // The next autosave works: the banner goes, the status says so.
    std::fs::remove_file(&state).unwrap();
    autosave::write(&path, None, "more text").unwrap();
    app.update(Action::Autosaved(Ok(())));
    assert!(!app.banner_shown());
    let s = screen(&render(&app));
    assert!(!s.contains("AUTOSAVE FAILED"), "{s}");
    assert!(s.contains("autosave works again"), "{s}");
}

#[test]
fn two_editors_on_one_file_ask_before_overwriting_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("post.txt");
    std::fs::write(&file, "Talks today.").unwrap();
    let mut a = open(&file);
    let mut b = open(&file);
    a.update(key(crossterm::event::KeyCode::End));
    b.update(key(crossterm::event::KeyCode::End));
    type_str(&mut a, " A's line.");
    type_str(&mut b, " B's line.");
    let e = a.update(ctrl('s'));
    perform(&mut a, e);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Talks today. A's line."
    );
    // B saves: the file changed since B opened it, so B is asked and nothing is written.
    let e = b.update(ctrl('s'));
    perform(&mut b, e);
    assert!(matches!(b.dialog, Some(Dialog::ChangedOnDisk(_))));
    let s = screen(&render(&b));
    assert!(s.contains("post.txt changed on disk"), "{s}");
    assert!(s.contains("Overwrite it with this text? (y/n)"), "{s}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Talks today. A's line."
    );
    // "n" keeps A's file and B's text.
    assert_eq!(b.update(key(crossterm::event::KeyCode::Char('n'))), None);
    assert!(b.modified());
    assert!(screen(&render(&b)).contains("not saved: "));
    // Asked again, "y" overwrites on purpose.
    let e = b.update(ctrl('s'));
    perform(&mut b, e);
    let e = b.update(key(crossterm::event::KeyCode::Char('y')));
    perform(&mut b, e);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Talks today. B's line."
    );
    assert!(!b.modified());
    // B's own saves since do not ask; A's next save does.
    type_str(&mut b, "!");
    let e = b.update(ctrl('s'));
    perform(&mut b, e);
    assert_eq!(b.dialog, None);
    type_str(&mut a, "?");
    let e = a.update(ctrl('s'));
    perform(&mut a, e);
    assert!(matches!(a.dialog, Some(Dialog::ChangedOnDisk(_))));
}

#[test]
fn a_file_created_by_another_editor_meanwhile_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.txt");
    let mut a = open(&file);
    type_str(&mut a, "mine");
    std::fs::write(&file, "someone else's").unwrap();
    let e = a.update(ctrl('s'));
    perform(&mut a, e);
    assert!(matches!(a.dialog, Some(Dialog::ChangedOnDisk(_))));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "someone else's");
}

#[test]
fn opening_does_not_run_the_engine() {
    let engine = Arc::new(load(&only(&[&fixture("editor")])));
    let app = App::new_async(
        "Talks in Kiev today.".into(),
        None,
        Ok(engine.clone()),
        Some("x"),
    );
    assert!(app.findings.is_empty());
    assert!(app.checking);
    let mut app = app;
    let req = app
        .take_check_request(Arc::from(app.editor.text()))
        .unwrap();
    let r = tact::tui::runtime::checker::run_check(&req);
    app.update(Action::Checked(r));
    assert_eq!(app.findings.len(), 1);
    assert_eq!(app.findings[0].rule, "terms/kyiv");
    // The same text opened the inline way (tests) is checked at once.
    let inline = App::new("Talks in Kiev today.".into(), None, Ok(engine), Some("x"));
    assert_eq!(inline.findings.len(), 1);
}

#[test]
fn a_draft_over_the_size_cap_is_only_checked_in_the_background() {
    let big = format!("Talks in Kiev today. {}", "a".repeat(1_200_000));
    let mut app = app_with(&big, (100, 30));
    assert!(app.findings.is_empty(), "not checked inline");
    assert!(app.checking);
    let s = screen(&render(&app));
    assert!(
        s.contains("large draft (over 1.0 MB): checked in the background"),
        "{s}"
    );
    assert!(s.contains("checking…"), "{s}");
    assert!(
        !s.contains("No findings"),
        "never an all-clear before the check: {s}"
    );
    let req = app
        .take_check_request(Arc::from(app.editor.text()))
        .unwrap();
    assert_eq!(req.text.len(), big.len());
    app.update(Action::Checked(tact::tui::runtime::checker::run_check(
        &req,
    )));
    assert_eq!(app.findings[0].rule, "terms/kyiv");
    assert!(!app.checking);
}

#[test]
fn a_draft_over_the_editor_check_cap_is_kept_refused_and_checked_once_back_under() {
    use crossterm::event::KeyCode;
    assert_eq!(tact::tui::app::EDITOR_CHECK_MAX, 64_000_000);
    let text = format!("Kiev {}", "a".repeat(300_000 - 5));
    let mut app = app_with(&text, (100, 30));
    assert_eq!(app.findings[0].rule, "terms/kyiv");
    // The cap lowered to the text's size; typing one character goes over it.
    app.check_max = 300_000;
    app.update(key_mod(
        KeyCode::End,
        crossterm::event::KeyModifiers::CONTROL,
    ));
    type_str(&mut app, "b");
    assert!(
        !app.checking,
        "nothing is pending: it is not checked at all"
    );
    assert_eq!(app.findings.len(), 1);
    assert_eq!(app.findings[0].rule, tact::model::TOO_LARGE_RULE);
    assert!(
        app.take_check_request(Arc::from(app.editor.text()))
            .is_none()
    );
    let s = screen(&render(&app));
    assert!(
        s.contains("draft too large to check (0.3 MB, the most is 0.3 MB)"),
        "{s}"
    );
    // The gate refuses it outright: no justification can clear what was not checked.
    app.update(ctrl('p'));
    assert!(app.dialog.is_none());
    let s = screen(&render(&app));
    assert!(s.contains("clearing refused: not checked"), "{s}");
    // The text is never lost.
    assert_eq!(app.editor.text(), format!("{text}b"));
    // Back under the cap, it is checked again.
    app.update(key(KeyCode::Backspace));
    assert_eq!(app.editor.text(), text);
    assert_eq!(app.findings[0].rule, "terms/kyiv");
}
