//! Save-as like nano (issue 16): never overwrite without asking, a line editor with a
//! cursor, the name kept after an error.

use crate::support::tui::*;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tact::tui::app::Dialog;
use tact::tui::dialogs::save_as::SaveAs;
use tact::tui::{Action, Effect};

fn dialog(app: &tact::tui::App) -> SaveAs {
    match &app.dialog {
        Some(Dialog::SaveAs(d)) => d.clone(),
        other => panic!("save-as dialog expected, got {other:?}"),
    }
}

fn screen(app: &tact::tui::App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tact::tui::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn an_existing_file_is_never_overwritten_without_asking() {
    let mut app = app_with("", (80, 24));
    type_str(&mut app, "New draft");
    app.update(ctrl('s'));
    type_str(&mut app, "statement.txt");
    let e = app.update(key(KeyCode::Enter));
    let Some(Effect::Save { overwrite, .. }) = e else {
        panic!("{e:?}")
    };
    assert!(!overwrite, "the first try must refuse to replace a file");
    // The runner found the file there and wrote nothing.
    app.update(Action::SaveExists("statement.txt".into()));
    let d = dialog(&app);
    assert_eq!(
        d.confirm.as_deref(),
        Some(std::path::Path::new("statement.txt"))
    );
    for (w, h) in [(80, 24), (100, 30)] {
        let s = screen(&app, w, h);
        assert!(s.contains("already exists"), "{s}");
        assert!(s.contains("Overwrite"), "{s}");
    }
    // "n" goes back to the name, kept, to change it with the cursor keys.
    app.update(key(KeyCode::Char('n')));
    let d = dialog(&app);
    assert_eq!(
        (d.name.as_str(), d.confirm.clone()),
        ("statement.txt", None)
    );
    for _ in 0..4 {
        app.update(key(KeyCode::Left));
    }
    type_str(&mut app, "-2");
    assert_eq!(dialog(&app).name, "statement-2.txt");
    app.update(key(KeyCode::Home));
    type_str(&mut app, "x");
    assert_eq!(dialog(&app).name, "xstatement-2.txt");
    app.update(key(KeyCode::Left));
    app.update(key(KeyCode::Delete));
    app.update(key(KeyCode::End));
    app.update(key(KeyCode::Backspace));
    assert_eq!(dialog(&app).name, "statement-2.tx");
    // Asked again and this time "y": overwrite on purpose.
    let e = app.update(key(KeyCode::Enter));
    assert!(matches!(
        e,
        Some(Effect::Save {
            overwrite: false,
            ..
        })
    ));
    app.update(Action::SaveExists("statement-2.tx".into()));
    let e = app.update(key(KeyCode::Char('y')));
    assert_eq!(
        e,
        Some(Effect::Save {
            path: "statement-2.tx".into(),
            text: "New draft".into(),
            overwrite: true,
            expect: None,
        })
    );
    app.update(Action::Saved(Ok("statement-2.tx".into())));
    assert!(app.dialog.is_none());
    assert!(!app.modified());
}

#[test]
fn the_name_is_kept_after_an_error_and_the_folder_shown() {
    let mut app = app_with("", (80, 24));
    type_str(&mut app, "x");
    app.update(ctrl('s'));
    type_str(&mut app, "missing/p.txt");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Folder:"), "{s}");
    assert!(s.contains("missing"), "{s}");
    app.update(key(KeyCode::Enter));
    app.update(Action::Saved(Err("no such folder".into())));
    let d = dialog(&app);
    assert_eq!(d.name, "missing/p.txt");
    assert_eq!(d.error.as_deref(), Some("no such folder"));
    assert_eq!(app.editor.text(), "x");
    let s = screen(&app, 100, 30);
    assert!(s.contains("no such folder"), "{s}");
}

#[test]
fn tilde_is_expanded() {
    let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) else {
        panic!("HOME must be set for this test");
    };
    let mut app = app_with("", (80, 24));
    type_str(&mut app, "x");
    app.update(ctrl('s'));
    type_str(&mut app, "~/post.txt");
    let e = app.update(key(KeyCode::Enter));
    let Some(Effect::Save { path, .. }) = e else {
        panic!("{e:?}")
    };
    assert_eq!(path, std::path::Path::new(&home).join("post.txt"));
}
