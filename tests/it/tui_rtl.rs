//! Right-to-left text in the editor (issue 16 item 5): Arabic and Hebrew rows drawn in
//! display order and right-aligned, findings underlined on the cells of their words after
//! reordering, the terminal cursor on the displayed cell, Left/Right in the paragraph's
//! direction.

use std::sync::Arc;

use crate::support::tui::*;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tact::engine::load_engine;
use tact::load::LoadOptions;
use tact::tui::{Action, App, ui};

/// An Arabic statement: "The embassy confirmed that the talks in Kiev are continuing." /
/// "The president Biden in 2026" / "Thank you all."
const POST: &str = "أكدت السفارة أن المحادثات في Kiev مستمرة.\nالرئيس Biden في 2026\nشكرا للجميع.";

/// The text of row `y` between columns `x0..x1`, cell by cell.
fn cells(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    (x0..x1).map(|x| buf[(x, y)].symbol()).collect()
}

fn underlined(buf: &Buffer, x: u16, y: u16) -> bool {
    buf[(x, y)].modifier.contains(Modifier::UNDERLINED)
}

#[test]
fn arabic_post_reads_right_to_left_with_the_finding_on_its_word() {
    let mut app = app_with(POST, (80, 24));
    app.update(key(KeyCode::F(8)));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, &app)).unwrap();
    let buf = t.backend().buffer().clone();
    insta::assert_snapshot!("rtl_arabic_80x24", screen(&buf));
    // The text pane is x 1..79 (78 cells). Row 1 is right-aligned: it ends at the border.
    let (x, y) = find(&buf, "Kiev");
    assert_eq!(y, 2);
    assert_eq!(
        cells(&buf, y, 79 - 41, 79),
        ".ةرمتسم Kiev يف تاثداحملا نأ ةرافسلا تدكأ"
    );
    for dx in 0..4 {
        let c = &buf[(x + dx, y)];
        assert!(underlined(&buf, x + dx, y), "{c:?}");
        assert_eq!(c.fg, Color::Yellow);
    }
    assert!(!underlined(&buf, x - 1, y) && !underlined(&buf, x + 4, y));
    assert!(!underlined(&buf, x - 2, y) && !underlined(&buf, x + 5, y));
    // F8 put the cursor on the finding: on the K, where the text shows it.
    t.backend_mut().assert_cursor_position((x, y));
    // Mixed Arabic, Latin and numbers on the second row; Hebrew-free Arabic on the third.
    assert_eq!(cells(&buf, 3, 79 - 20, 79), "2026 يف Biden سيئرلا");
    assert_eq!(cells(&buf, 4, 79 - 12, 79), ".عيمجلل اركش");
}

#[test]
fn a_finding_on_an_arabic_word_underlines_that_word_after_reordering() {
    let mut app = app_with(POST, (80, 24));
    let start = POST.find("المحادثات").unwrap();
    let template = app.findings.first().cloned().expect("Kiev is found");
    app.findings = vec![tact::model::Finding {
        start,
        end: start + "المحادثات".len(),
        matched: "المحادثات".into(),
        ..template
    }];
    let buf = render(&app);
    // The word is drawn reversed (ت ا ث د ا ح م ل ا from the left); exactly its cells.
    let (x, y) = find(&buf, "تاثداحملا");
    for dx in 0..9 {
        assert!(underlined(&buf, x + dx, y), "cell {dx}");
    }
    assert!(!underlined(&buf, x - 1, y) && !underlined(&buf, x + 9, y));
    let (kx, ky) = find(&buf, "Kiev");
    assert!(!underlined(&buf, kx, ky));
}

#[test]
fn a_classification_banner_inside_an_arabic_sentence_is_underlined_in_place() {
    // Bundled rules: "The telegram text SECRET//NOFORN is not to be published."
    let text = "نص البرقية SECRET//NOFORN لا ينشر.";
    let engine = Arc::new(load_engine(&LoadOptions::default()).expect("bundled packs"));
    let mut app = App::new(text.into(), None, Ok(engine), Some("x"));
    app.update(Action::Resize(80, 24));
    assert!(
        app.findings
            .iter()
            .any(|f| f.rule == "classification/us-banner"),
        "{:?}",
        app.findings
    );
    let buf = render(&app);
    assert_eq!(
        cells(&buf, 2, 79 - 34, 79),
        ".رشني ال SECRET//NOFORN ةيقربلا صن"
    );
    let (x, y) = find(&buf, "SECRET//NOFORN");
    for dx in 0..14 {
        let c = &buf[(x + dx, y)];
        assert!(underlined(&buf, x + dx, y), "{c:?}");
        assert_eq!(c.fg, Color::Red);
    }
}

#[test]
fn the_cursor_moves_left_through_arabic_and_keeps_its_column_down() {
    let mut app = app_with(POST, (80, 24));
    let cursor = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| ui::draw(f, app)).unwrap();
        t.get_cursor_position().unwrap()
    };
    // Start of the text: the rightmost cell of the first row.
    assert_eq!((cursor(&app).x, cursor(&app).y), (78, 2));
    // Left walks the Arabic word leftwards on screen, one letter (grapheme) at a time.
    for i in 1..=4 {
        app.update(key(KeyCode::Left));
        assert_eq!(cursor(&app).x, 78 - i);
        assert_eq!(app.editor.cursor(), 2 * i as usize); // two bytes per Arabic letter
    }
    // Right goes back.
    app.update(key(KeyCode::Right));
    assert_eq!(cursor(&app).x, 75);
    // End: past the left end of the row; Home: back to the right edge.
    app.update(key(KeyCode::End));
    assert_eq!(cursor(&app).x, 79 - 41 - 1);
    app.update(key(KeyCode::Home));
    assert_eq!(cursor(&app).x, 78);
    // Down from the right edge lands on the first letter of the next (shorter) row.
    app.update(key(KeyCode::Down));
    assert_eq!(app.editor.cursor(), POST.find("الرئيس").unwrap());
    assert_eq!((cursor(&app).x, cursor(&app).y), (78, 3));
    // A click on the B of Biden puts the cursor there.
    let buf = render(&app);
    let (bx, by) = find(&buf, "Biden");
    app.update(Action::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: bx,
        row: by,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.editor.cursor(), POST.find("Biden").unwrap());
}

#[test]
fn bidi_controls_stay_visible_and_do_not_reverse_words() {
    // "سر" then an RLO: a bidi-aware renderer would show `secret`; the editor keeps the
    // stored order, draws the control as ⇄, and the checker's finding stays on it.
    let app = app_with("سر \u{202E}terces", (80, 24));
    let buf = render(&app);
    assert_eq!(cells(&buf, 2, 79 - 10, 79), "terces⇄ رس");
}

#[test]
fn hebrew_and_arabic_lines_at_100x30() {
    // "The ministry welcomes the agreement signed in Kiev." (Hebrew), an English line, and
    // "Peace be upon you" (Arabic): each line takes its own direction.
    let text = "המשרד מברך על ההסכם שנחתם ב-Kiev.\nThe statement follows in Arabic:\nالسلام عليكم";
    let mut app = app_with(text, (100, 30));
    app.update(key(KeyCode::F(8)));
    let buf = render(&app);
    insta::assert_snapshot!("rtl_hebrew_100x30", screen(&buf));
    let (x, y) = find(&buf, "Kiev");
    assert!((0..4).all(|dx| underlined(&buf, x + dx, y)));
    assert!(!underlined(&buf, x - 1, y) && !underlined(&buf, x + 4, y));
}

/// An app on the bundled rules, platform X.
fn bundled(text: &str, size: (u16, u16)) -> App {
    let engine = Arc::new(load_engine(&LoadOptions::default()).expect("bundled packs"));
    let mut app = App::new(text.into(), None, Ok(engine), Some("x"));
    app.update(Action::Resize(size.0, size.1));
    app
}

/// "Top secret: the embassy in Kiev confirmed the meeting." The marking سري للغاية and the
/// Latin Kiev are both flagged.
const MARKED: &str = "سري للغاية: السفارة في Kiev أكدت الاجتماع.";

#[test]
fn the_list_the_detail_and_the_gate_show_arabic_in_display_order() {
    for (w, h) in [(80u16, 24u16), (100, 30)] {
        let mut app = bundled(MARKED, (w, h));
        let marking = app
            .list_order()
            .iter()
            .position(|&i| app.findings[i].matched.contains("سري"))
            .unwrap_or_else(|| panic!("{:?}", app.findings));
        app.selected = Some(app.list_order()[marking]);
        let buf = render(&app);
        let s = screen(&buf);
        insta::assert_snapshot!(format!("rtl_panes_{w}x{h}"), s);
        // The list's row and the detail's message: the word reversed on screen.
        assert!(s.contains("›✖ block Arabic classification `"), "{s}");
        if w == 80 {
            // (At 100 columns the message wraps between the two words, in logical order.)
            assert!(s.contains("Arabic classification `ةياغلل يرس`"), "{s}");
        }
        // The detail's match (at its end) reads right to left: للغاية left of سري.
        for _ in 0..4 {
            app.update(key_mod(KeyCode::PageDown, KeyModifiers::ALT));
        }
        let s = screen(&render(&app));
        assert!(s.contains("Match   ةياغلل يرس"), "{s}");
        // No row shows the stored (logical) order of the Arabic words.
        assert!(!s.contains("سري للغاية"), "{s}");
        // The gate's preview of the post, in display order.
        app.update(ctrl('p'));
        let mut s = screen(&render(&app));
        // At 80×24 the preview is below the findings: PgDn scrolls the gate to it.
        for _ in 0..3 {
            if s.contains(".عامتجالا") {
                break;
            }
            app.update(key(KeyCode::PageDown));
            s = screen(&render(&app));
        }
        assert!(
            s.contains(".عامتجالا تدكأ Kiev يف ةرافسلا :ةياغلل يرس"),
            "{s}"
        );
        assert!(!s.contains("السفارة"), "{s}");
        // Right-aligned, as in the editor: the post's first word at the box's right edge.
        let row = s.lines().find(|l| l.contains(".عامتجالا")).unwrap();
        assert!(row.contains("ةياغلل يرس│"), "{row}");
        assert!(!row.contains("│   .عامتجالا"), "{row}");
    }
}
