//! What a reviewer reads and the defects found when a press officer tried the editor
//! (issue 16): the detail and help scroll, the list shows messages with blocks first, the
//! status line has its own row, plain error words, fixes that change nothing, the
//! selection after F4, F2 digits, CR LF files, colours by capability, VS16 emoji.

use crate::support::tui::*;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use tact::load::config::Account;
use tact::model::{Applicability, Edit, Fix};
use tact::tui::app::geometry::areas;
use tact::tui::app::{Dialog, Focus};
use tact::tui::theme::{ColorLevel, Theme};
use tact::tui::{Action, Effect, LineEnds, read_draft, ui};

const ALT: KeyModifiers = KeyModifiers::ALT;

#[test]
fn the_detail_scrolls_by_keys_when_focused_and_by_page_keys_from_the_list() {
    let mut app = app_with("Talks in Kiev.\nSECRET//NOFORN", (70, 20));
    // F8 goes down the list, blocks first: the banner, then Kiev.
    app.update(key(KeyCode::F(8)));
    app.update(key(KeyCode::F(8)));
    assert_eq!(app.selected_finding().unwrap().rule, "terms/kyiv");
    let s = screen(&render(&app));
    assert!(s.contains(" of 8 · Alt+PgUp/PgDn"), "{s}");
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Detail);
    assert!(
        screen(&render(&app)).contains("↑/↓ PgUp/PgDn"),
        "keys named when focused"
    );
    app.update(key(KeyCode::Down));
    assert_eq!(app.detail_offset(), 1);
    app.update(key(KeyCode::End));
    let bottom = app.detail_offset();
    assert!(bottom > 1);
    let s = screen(&render(&app));
    assert!(s.contains("Fix     replace `Kiev` with `Kyiv`"), "{s}");
    assert!(s.contains("Match   Kiev"), "{s}");
    app.update(key(KeyCode::Home));
    assert_eq!(app.detail_offset(), 0);
    // From the list, PageDown scrolls the detail; ↓ moves the selection (and the detail
    // starts at the top for the other finding).
    app.update(key_mod(KeyCode::Tab, KeyModifiers::SHIFT));
    assert_eq!(app.focus, Focus::Findings);
    app.update(key(KeyCode::PageDown));
    assert!(app.detail_offset() > 0);
    app.update(key(KeyCode::Up));
    assert_eq!(app.detail_offset(), 0);
    // Alt+PageDown works from the text too.
    app.update(key(KeyCode::Esc));
    app.update(key_mod(KeyCode::PageDown, ALT));
    assert!(app.detail_offset() > 0);
}

#[test]
fn the_selected_findings_why_and_fix_show_at_80x24() {
    let mut app = app_with("Talks in Kiev today.", (80, 24));
    app.update(key(KeyCode::F(8)));
    let s = screen(&render(&app));
    assert!(s.contains("Why     Ukraine's government and the UN"), "{s}");
    assert!(s.contains("Fix     replace `Kiev` with `Kyiv`"), "{s}");
    assert!(s.contains("        (Alt+Enter or F4)"), "{s}");
}

#[test]
fn help_scrolls_at_80x24() {
    let mut app = app_with("", (80, 24));
    app.update(key(KeyCode::F(1)));
    let s = screen(&render(&app));
    insta::assert_snapshot!("help_80x24", s);
    assert!(s.contains("↑/↓ PgUp/PgDn"), "{s}");
    assert!(!s.contains("The findings list shows blocks first"), "{s}");
    app.update(key(KeyCode::End));
    let s = screen(&render(&app));
    assert!(s.contains("The findings list shows blocks first"), "{s}");
    assert!(s.contains("Esc closes"), "{s}");
    app.update(key(KeyCode::PageUp));
    app.update(key(KeyCode::PageUp));
    app.update(key(KeyCode::PageUp));
    assert_eq!(app.dialog, Some(Dialog::Help(0)));
    app.update(Action::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::ScrollDown,
        column: 40,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.dialog, Some(Dialog::Help(3)));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.dialog, None);
}

#[test]
fn the_list_shows_messages_with_blocks_first() {
    let app = app_with("Talks in Kiev.\nSECRET//NOFORN", (100, 30));
    let a = areas((100, 30), false, app.findings.len());
    let s = screen(&render(&app));
    let rows: Vec<&str> = s.lines().collect();
    let first = rows[a.list.y as usize + 1];
    let second = rows[a.list.y as usize + 2];
    assert!(first.contains("✖ block classification banner"), "{first}");
    assert!(second.contains("▲ warn  `Kiev` is the Russian"), "{second}");
    assert!(
        !s.contains("terms/kyiv `Kiev`"),
        "no rule id before the message: {s}"
    );
}

#[test]
fn the_side_pane_grows_with_the_terminal() {
    assert_eq!(areas((100, 30), false, 2).list.width, 42);
    assert_eq!(areas((200, 50), false, 2).list.width, 80);
    assert_eq!(areas((200, 50), false, 2).detail.width, 80);
    // Few findings: the list takes the rows it needs, the detail the rest.
    let a = areas((100, 30), false, 2);
    assert_eq!(a.list.height, 4);
    assert!(a.detail.height > 20);
}

#[test]
fn the_cleared_status_fits_80_columns_on_its_own_row() {
    let mut app = app_with("Talks today.", (80, 24));
    app.update(Action::Published(Ok(
        "/srv/press/desk/outbox/20261206T205301Z-x.txt".into(),
    )));
    let a = areas((80, 24), false, app.findings.len());
    let s = screen(&render(&app));
    let status = s.lines().nth(a.status.y as usize).unwrap();
    // Too long with the whole path: the short form, which names the file and the log.
    assert_eq!(
        status,
        " cleared (copied): 20261206T205301Z-x.txt, logged in audit.jsonl"
    );
    assert!(!s.contains("Ln 1, Col 1 cleared"), "{s}");
    // The cursor's position is on the editor's frame.
    assert!(s.contains("└ Ln 1, Col 1 "), "{s}");
    // Wide enough: the whole path.
    app.update(Action::Resize(120, 30));
    let a = areas((120, 30), false, app.findings.len());
    let s = screen(&render(&app));
    let status = s.lines().nth(a.status.y as usize).unwrap();
    assert_eq!(
        status,
        " cleared (copied): /srv/press/desk/outbox/20261206T205301Z-x.txt, logged in audit.jsonl"
    );
}

#[test]
fn a_failed_save_says_what_to_do_and_offers_another_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.txt");
    let mut app = app_with("Talks today.", (80, 24));
    app.file = Some(path.clone());
    type_str(&mut app, "!");
    let effect = app.update(ctrl('s'));
    assert!(matches!(effect, Some(Effect::Save { .. })));
    let e = std::io::Error::from_raw_os_error(1); // EPERM, "Operation not permitted"
    let msg = tact::tui::runtime::plain::save_error(&path, &e);
    app.update(Action::Saved(Err(msg)));
    let status = app.status.clone().unwrap();
    assert!(status.error);
    assert!(
        status.text.contains("you are not allowed to write in"),
        "{}",
        status.text
    );
    assert!(
        status.text.contains("choose another folder"),
        "{}",
        status.text
    );
    assert!(!status.text.contains("os error"), "{}", status.text);
    let Some(Dialog::SaveAs(d)) = &app.dialog else {
        panic!("no save-as dialog: {:?}", app.dialog)
    };
    assert_eq!(d.name, path.display().to_string());
    assert!(d.error.as_deref().unwrap().contains("not allowed to write"));
    assert!(app.modified(), "the text is still unsaved");
}

fn choice(r: &str) -> Fix {
    Fix {
        applicability: Applicability::Choice,
        edits: vec![Edit {
            start: 0,
            end: 4,
            replacement: r.into(),
        }],
    }
}

#[test]
fn a_choice_that_keeps_the_text_says_so_instead_of_fixed() {
    let mut app = app_with("Kiev", (100, 30));
    app.findings[0].fixes = vec![choice("Kyiv"), choice("Kiev")];
    app.update(key(KeyCode::F(8)));
    app.update(key(KeyCode::F(4)));
    let s = screen(&render(&app));
    assert!(
        s.contains("2. replace with `Kiev`: keep it as it is, on purpose"),
        "{s}"
    );
    app.update(key(KeyCode::Char('2')));
    assert_eq!(app.editor.text(), "Kiev");
    let status = app.status.clone().unwrap().text;
    assert!(
        status.starts_with("kept as it is, on purpose: nothing changed"),
        "{status}"
    );
    assert!(!status.contains("fixed"), "{status}");
}

#[test]
fn a_status_longer_than_its_row_is_shown_whole_in_the_detail() {
    let mut app = app_with("SECRET//NOFORN readout", (80, 24));
    let keep = Fix {
        applicability: Applicability::Choice,
        edits: vec![Edit {
            start: 0,
            end: 6,
            replacement: "SECRET".into(),
        }],
    };
    app.findings[0].fixes = vec![choice("Kyiv"), keep];
    app.update(key(KeyCode::F(8)));
    app.update(key(KeyCode::F(4)));
    app.update(key(KeyCode::Char('2')));
    let status = app.status.clone().unwrap().text;
    assert!(status.chars().count() > 80, "{status}");
    let detail = |app: &tact::tui::app::App| -> String {
        tact::tui::components::detail::lines(app, 40)
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The status row cuts it; the detail has every word.
    assert!(detail(&app).contains(&status), "{}", detail(&app));
    // At 200 columns it fits its row: not repeated in the detail.
    app.update(Action::Resize(200, 50));
    assert!(!detail(&app).contains("kept as it is"), "{}", detail(&app));
}

#[test]
fn after_f4_the_selection_stays_near_the_cursor() {
    let mut app = app_with("Kiev, Kiev and Kiev.", (100, 30));
    assert_eq!(app.findings.len(), 3);
    // The finding under the cursor is selected from the start; F8 goes to the next.
    assert_eq!(app.selected_finding().unwrap().start, 0);
    app.update(key(KeyCode::F(8)));
    assert_eq!(app.selected_finding().unwrap().start, 6);
    app.update(key(KeyCode::F(4)));
    assert_eq!(app.editor.text(), "Kiev, Kyiv and Kiev.");
    // The cursor is after the fixed word; the nearest finding is the next "Kiev" (5 bytes
    // away), not the first one (6 bytes away) or none.
    let f = app.selected_finding().expect("a finding is selected");
    assert_eq!(f.start, 15);
}

#[test]
fn digits_pick_entries_of_the_f2_list() {
    let mut app = app_with("hello", (100, 30));
    app.settings.accounts = vec![Account {
        name: "Embassy".into(),
        platform: "bluesky".into(),
        handle: "@emb.example".into(),
        kind: "official".into(),
    }];
    app.update(key(KeyCode::F(2)));
    let s = screen(&render(&app));
    assert!(
        s.contains("1. Embassy @emb.example (official) on Bluesky"),
        "{s}"
    );
    // The hint says a digit picks at once (so no Enter follows into the draft).
    assert!(s.contains("or a digit 1-9: post as that one"), "{s}");
    app.update(key(KeyCode::Char('1')));
    assert_eq!(app.dialog, None);
    assert_eq!(app.current_account().unwrap().handle, "@emb.example");
    app.update(key(KeyCode::F(2)));
    app.update(key(KeyCode::Char('9'))); // no 9th entry: nothing picked
    assert!(matches!(app.dialog, Some(Dialog::Target(_))));
}

#[test]
fn a_crlf_file_opens_unmodified_and_is_saved_with_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.txt");
    std::fs::write(&path, "Talks today.\r\nIn Kyiv.\r\n").unwrap();
    let (text, ends) = read_draft(&path).unwrap();
    assert_eq!(
        (text.as_str(), ends),
        ("Talks today.\nIn Kyiv.\n", LineEnds::Crlf)
    );
    let mut app = app_with(&text, (100, 30));
    app.file = Some(path.clone());
    app.set_line_ends(ends);
    assert!(!app.modified(), "opening a CR LF file is not a change");
    type_str(&mut app, "!");
    let Some(Effect::Save { text, .. }) = app.update(ctrl('s')) else {
        panic!("no save")
    };
    assert_eq!(text, "!Talks today.\r\nIn Kyiv.\r\n");
    app.update(Action::Saved(Ok(path.clone())));
    assert!(!app.modified());
    // Mixed line ends are converted, and say so.
    std::fs::write(&path, "a\r\nb\nc\r").unwrap();
    let (text, ends) = read_draft(&path).unwrap();
    assert_eq!((text.as_str(), ends), ("a\nb\nc\n", LineEnds::Mixed));
    let mut app = app_with(&text, (100, 30));
    app.set_line_ends(ends);
    assert!(app.modified());
}

#[test]
fn basic_colour_terminals_get_no_underline_colour() {
    let mut app = app_with("Talks in Kiev.\nSECRET//NOFORN", (100, 30));
    app.theme = Theme {
        color: true,
        level: ColorLevel::Basic,
    };
    let buf = render(&app);
    let (x, y) = find(&buf, "│SECRET");
    let c = &buf[(x + 1, y)];
    assert_eq!(
        c.fg,
        Color::Red,
        "the text's colour still marks the severity"
    );
    assert_eq!(c.underline_color, Color::Reset);
    app.theme = Theme::default();
    let buf = render(&app);
    let (x, y) = find(&buf, "│SECRET");
    assert_eq!(buf[(x + 1, y)].underline_color, Color::Red);
}

#[test]
fn vs16_emoji_take_one_cell_and_the_cursor_agrees() {
    let mut app = app_with("", (100, 30));
    app.update(Action::Paste("I \u{2764}\u{FE0F} Kyiv".into()));
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| ui::draw(f, &app)).unwrap();
    let buf = t.backend().buffer().clone();
    let a = areas((100, 30), false, app.findings.len());
    let (x, y) = (a.text.x, a.text.y);
    assert_eq!(buf[(x + 2, y)].symbol(), "\u{2764}");
    assert_eq!(buf[(x + 3, y)].symbol(), " ");
    assert_eq!(buf[(x + 4, y)].symbol(), "K");
    // "I ❤ Kyiv" is 8 cells: the cursor after it.
    t.backend_mut().assert_cursor_position((x + 8, y));
}

#[test]
fn dragging_the_mouse_selects_text() {
    let mut app = app_with("Talks in Kyiv today.\nSecond line.", (100, 30));
    let a = areas((100, 30), false, app.findings.len());
    let mouse = |kind, col: u16, row: u16| {
        Action::Mouse(crossterm::event::MouseEvent {
            kind,
            column: a.text.x + col,
            row: a.text.y + row,
            modifiers: KeyModifiers::NONE,
        })
    };
    use crossterm::event::{MouseButton, MouseEventKind};
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 9, 0));
    app.update(mouse(MouseEventKind::Drag(MouseButton::Left), 11, 0));
    app.update(mouse(MouseEventKind::Drag(MouseButton::Left), 13, 0));
    app.update(mouse(MouseEventKind::Up(MouseButton::Left), 13, 0));
    assert_eq!(app.editor.buffer.selected_text(), "Kyiv");
    assert_eq!(app.update(ctrl('c')), Some(Effect::Copy("Kyiv".into())));
    // Past the bottom of the pane: to the last row that is there.
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 0, 1));
    app.update(mouse(MouseEventKind::Drag(MouseButton::Left), 99, 200));
    assert_eq!(app.editor.buffer.selected_text(), "Second line.");
    // A drag that started in the list selects nothing.
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 0, 0));
    let list = Action::Mouse(crossterm::event::MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: a.list.x + 2,
        row: a.list.y + 1,
        modifiers: KeyModifiers::NONE,
    });
    app.update(list);
    app.update(mouse(MouseEventKind::Drag(MouseButton::Left), 5, 0));
    assert_eq!(app.editor.buffer.selected_text(), "");
    // A plain click ends the selection.
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 2, 0));
    assert_eq!(app.editor.buffer.selected_text(), "");
}

#[test]
fn the_save_as_dialog_has_no_colour_with_no_color() {
    let mut app = app_with("Talks today.", (80, 24));
    app.theme = Theme::no_color();
    app.update(ctrl('s'));
    type_str(&mut app, "/nowhere/post.txt");
    let effect = app.update(key(KeyCode::Enter));
    assert!(matches!(effect, Some(Effect::Save { .. })));
    app.update(Action::Saved(Err(
        "the folder /nowhere does not exist".into()
    )));
    let buf = render(&app);
    assert!(screen(&buf).contains("Not saved: the folder /nowhere does not exist"));
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            assert_eq!(buf[(x, y)].fg, Color::Reset, "colour at {x},{y}");
        }
    }
}

/// After a fix the selection moves to another finding; its detail starts at its top (rule,
/// message and fix visible), not at the row the previous finding's detail was scrolled to.
#[test]
fn the_detail_starts_at_the_top_for_the_next_finding_after_a_fix() {
    let mut app = app_with("Talks in Kiev.\n[INSERT NAME] will attend.", (70, 20));
    while app.selected_finding().map(|f| f.rule.as_str()) != Some("terms/kyiv") {
        app.update(key(KeyCode::F(8)));
    }
    app.update(key_mod(KeyCode::PageDown, KeyModifiers::ALT));
    assert!(app.detail_offset() > 0);
    app.update(key(KeyCode::F(4)));
    assert!(app.findings.iter().all(|f| f.rule != "terms/kyiv"));
    assert_eq!(app.detail_offset(), 0);
}

/// A terminal too small to draw the editor (40×12) takes no typing or paste blind; Ctrl+Q
/// and the answer to the quit question still work.
#[test]
fn a_too_small_terminal_takes_no_keys_blind() {
    let mut app = app_with("Draft.", (40, 12));
    type_str(&mut app, "abc");
    app.update(tact::tui::Action::Paste("pasted".into()));
    app.update(key(KeyCode::F(8)));
    assert_eq!(app.editor.text(), "Draft.");
    assert!(!app.modified());
    assert_eq!(app.update(ctrl('q')), Some(tact::tui::Effect::Quit));
}
