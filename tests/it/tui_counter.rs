//! The platform counter states its unit and every limit, and the text beyond a limit is
//! highlighted like X's composer does (red background; without colour, reversed and struck
//! through), distinct from an ordinary finding's underline.

use crate::support::rules::{fixture, load, only};
use crate::support::tui::*;
use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use tact::tui::app::Dialog;
use tact::tui::theme::Theme;

fn pick(app: &mut tact::tui::App, name: &str) {
    app.update(key(KeyCode::F(2)));
    let i = app
        .targets()
        .iter()
        .position(|t| t.label.contains(name))
        .unwrap();
    app.dialog = Some(Dialog::Target(i));
    app.update(key(KeyCode::Enter));
}

#[test]
fn x_counter_names_its_unit() {
    let app = app_with("Talks today.", (100, 30));
    let s = screen(&render(&app));
    assert!(s.contains("X 12/280 weighted characters"), "{s}");
}

#[test]
fn bluesky_shows_every_limit() {
    // The editor's platforms plus a second Bluesky limit, in UTF-8 bytes.
    let engine = load(&only(&[&fixture("bluesky-two-limits")]));
    let text = "é".repeat(301);
    let mut app = tact::tui::App::new(text, None, Ok(std::sync::Arc::new(engine)), Some("bluesky"));
    app.update(tact::tui::Action::Resize(100, 30));
    let s = screen(&render(&app));
    assert!(
        s.contains("Bluesky 301/300 characters (graphemes) · 602/3000 bytes"),
        "{s}"
    );
    // Narrow: the editor's border still names every unit.
    app.update(tact::tui::Action::Resize(70, 20));
    let s = screen(&render(&app));
    assert!(
        s.contains("301/300 characters (graphemes) · 602/3000 bytes"),
        "{s}"
    );
}

#[test]
fn overflow_is_highlighted_distinctly() {
    let text = format!("{}{}", "a".repeat(275), " over the limit");
    let mut app = app_with(&text, (100, 30));
    pick(&mut app, "X");
    let s = screen(&render(&app));
    assert!(s.contains("X 290/280 weighted characters"), "{s}");
    let buf = render(&app);
    let (x, y) = find(&buf, "the limit");
    // "the limit" starts at character 281 (after 275 + " over"): beyond the limit.
    let over = &buf[(x + 2, y)];
    assert_eq!(over.bg, Color::Red, "overflow has a red background");
    assert!(over.modifier.contains(Modifier::UNDERLINED));
    // The text before the limit is plain.
    let (x, y) = find(&buf, "aaaa");
    assert_eq!(buf[(x, y)].bg, Color::Reset);
    assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED));

    // Without colour: reversed and struck through, unlike a block finding (not struck).
    app.theme = Theme::no_color();
    let buf = render(&app);
    let (x, y) = find(&buf, "the limit");
    let c = &buf[(x + 2, y)];
    assert!(
        c.modifier
            .contains(Modifier::REVERSED | Modifier::CROSSED_OUT),
        "{:?}",
        c.modifier
    );
    assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset));
}

#[test]
fn ordinary_findings_are_not_overflow() {
    let app = app_with("SECRET//NOFORN readout", (100, 30));
    let buf = render(&app);
    let (x, y) = find(&buf, "SECRET");
    assert_ne!(buf[(x, y)].bg, Color::Red);
    assert!(!buf[(x, y)].modifier.contains(Modifier::CROSSED_OUT));
}
