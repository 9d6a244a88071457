//! Rendered screens (ratatui TestBackend) with insta snapshots, plus cell-level checks of
//! the finding underlines.

use crate::support::tui::*;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use tact::tui::theme::Theme;
use tact::tui::{Action, App, ui};

const POST: &str = "Talks in Kiev today.\nSECRET//NOFORN\nReadout: 中文 and a\u{200B}hidden char.";

#[test]
fn wide_layout_snapshot() {
    let mut app = app_with(POST, (100, 30));
    app.update(key(KeyCode::F(8)));
    insta::assert_snapshot!("wide_100x30", screen(&render(&app)));
}

#[test]
fn narrow_layout_snapshot() {
    let mut app = app_with(POST, (80, 24));
    app.update(key(KeyCode::F(8)));
    app.update(key(KeyCode::F(8)));
    insta::assert_snapshot!("narrow_80x24", screen(&render(&app)));
}

#[test]
fn findings_are_underlined_by_severity() {
    let app = app_with(POST, (100, 30));
    let buf = render(&app);
    let (x, y) = find(&buf, "Kiev");
    for dx in 0..4 {
        let c = &buf[(x + dx, y)];
        assert!(c.modifier.contains(Modifier::UNDERLINED), "{c:?}");
        assert_eq!(c.fg, Color::Yellow);
    }
    for c in [&buf[(x - 1, y)], &buf[(x + 4, y)]] {
        assert!(!c.modifier.contains(Modifier::UNDERLINED), "{c:?}");
    }
    let (x, y) = find(&buf, "SECRET//NOFORN");
    for dx in 0..14 {
        let c = &buf[(x + dx, y)];
        assert!(
            c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD),
            "{c:?}"
        );
        assert_eq!(c.fg, Color::Red);
    }
}

#[test]
fn no_color_still_marks_findings() {
    let mut app = app_with(POST, (100, 30));
    app.theme = Theme::no_color();
    let buf = render(&app);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert_eq!(
                (c.fg, c.bg),
                (Color::Reset, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
    // In the text (the list shows the message, which quotes the banner too).
    let (x, y) = find(&buf, "│SECRET");
    let c = &buf[(x + 1, y)];
    assert!(
        c.modifier
            .contains(Modifier::UNDERLINED | Modifier::BOLD | Modifier::REVERSED)
    );
    let (x, y) = find(&buf, "Kiev");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(screen(&buf).contains("✖ block"));
    assert!(screen(&buf).contains("▲ warn"));
}

#[test]
fn hidden_characters_are_visible_placeholders() {
    let app = app_with("a\u{200B}b\u{202E}c\td\u{1b}[31m", (100, 30));
    let buf = render(&app);
    let (x, y) = find(&buf, "a¦b⇄c→d␛[31m");
    assert!(buf[(x + 1, y)].modifier.contains(Modifier::DIM));
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            assert!(!s.chars().any(char::is_control), "control char at {x},{y}");
        }
    }
}

#[test]
fn rule_load_error_banner_snapshot() {
    let mut app = App::new(
        "Talks in Kiev".into(),
        None,
        Err("rules/terms.toml:7:1: unknown key `sevrity`\nrules/leaks.toml:2:9: empty term".into()),
        None,
    );
    app.update(Action::Resize(80, 24));
    let s = screen(&render(&app));
    assert!(s.contains("rules/terms.toml:7:1"));
    assert!(!s.contains("No findings"));
    insta::assert_snapshot!("load_error_80x24", s);
}

#[test]
fn help_and_too_small() {
    let mut app = app_with("", (100, 30));
    app.update(key(KeyCode::F(1)));
    insta::assert_snapshot!("help_100x30", screen(&render(&app)));
    app.update(Action::Resize(59, 14));
    let s = screen(&render(&app));
    assert!(s.contains("Enlarge it to at least 60×15"), "{s}");
    insta::assert_snapshot!("too_small_59x14", s);
}

#[test]
fn wide_characters_wrap_and_the_cursor_follows() {
    let mut app = app_with("", (60, 15));
    app.update(Action::Paste("中".repeat(35)));
    let mut t = Terminal::new(TestBackend::new(60, 15)).unwrap();
    t.draw(|f| ui::draw(f, &app)).unwrap();
    // 58 cells wide: 29 ideographs per row, 6 on the second row; cursor after them.
    t.backend_mut().assert_cursor_position((1 + 12, 1 + 1 + 1));
    insta::assert_snapshot!("wide_chars_60x15", screen(t.backend().buffer()));
}

#[test]
fn publish_dialog_snapshot() {
    let mut app = app_with("SECRET//NOFORN readout\nTalks in Kiev.", (100, 30));
    app.settings.accounts = vec![tact::load::config::Account {
        name: "Embassy".into(),
        platform: "x".into(),
        handle: "@EmbassyExample".into(),
        kind: "official".into(),
    }];
    app.account = Some(0);
    app.update(ctrl('p'));
    type_str(&mut app, "Cleared by the ambassador");
    let s = screen(&render(&app));
    assert!(
        s.contains("Clearing for @EmbassyExample (official) on X"),
        "{s}"
    );
    assert!(s.contains("Justification 25/20"), "{s}");
    insta::assert_snapshot!("publish_100x30", s);
}

#[test]
fn the_gate_names_the_approvers_an_override_needs() {
    let mut app = app_with("SECRET//NOFORN readout", (100, 30));
    app.settings.require_approval = true;
    app.settings.approvers = vec!["Bob Roe".into(), "Ann Lee".into()];
    app.update(ctrl('p'));
    let s = screen(&render(&app));
    assert!(s.contains("A second approver must"), "{s}");
    assert!(s.contains("Bob Roe or Ann Lee"), "{s}");
    // Without blocking findings no approval is asked for.
    let mut app = app_with("Talks in Kyiv.", (100, 30));
    app.settings.require_approval = true;
    app.settings.approvers = vec!["Bob Roe".into()];
    app.update(ctrl('p'));
    let s = screen(&render(&app));
    assert!(s.contains("Enter or Ctrl+P clears"), "{s}");
    assert!(!s.contains("approver"), "{s}");
}

#[test]
fn recovery_snapshot() {
    use tact::tui::runtime::autosave::{Draft, Offer};
    let mut app = app_with("", (80, 24));
    app.dialog = Some(tact::tui::app::Dialog::Recovery(Box::new(Offer {
        path: "/state/tact/drafts/draft-1.json".into(),
        draft: Draft {
            file: Some("/work/post.txt".into()),
            saved_at: "2026-11-29T16:20:48.123456789Z".into(),
            text: "\nStatement on the talks in Kyiv\nmore".into(),
        },
    })));
    app.time_zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    let s = screen(&render(&app));
    // Local time to the minute: no seconds, no nanoseconds, not UTC.
    assert!(s.contains("written 2026-11-29 17:20 +01."), "{s}");
    assert!(
        s.contains("First line: Statement on the talks in Kyiv"),
        "{s}"
    );
    insta::assert_snapshot!("recovery_80x24", s);
}

#[test]
fn the_recovery_dialog_shows_an_arabic_first_line_in_display_order() {
    use tact::tui::runtime::autosave::{Draft, Offer};
    let mut app = app_with("", (80, 24));
    let line = "زار الوزير Kyiv اليوم";
    app.dialog = Some(tact::tui::app::Dialog::Recovery(Box::new(Offer {
        path: "/state/tact/drafts/draft-1.json".into(),
        draft: Draft {
            file: Some("/work/post.txt".into()),
            saved_at: "2026-11-29T16:20:48Z".into(),
            text: format!("{line}\nmore"),
        },
    })));
    let s = screen(&render(&app));
    // Displayed right to left: the last Arabic word comes first on screen, the Latin
    // word keeps its own order.
    let shown = tact::text::bidi::display_order(line).into_owned();
    assert_ne!(shown, line);
    assert!(shown.starts_with("مويلا"), "{shown}");
    assert!(s.contains(&format!("First line: {shown}")), "{s}");
}

#[test]
fn narrow_70x20_stacks_findings_below_and_no_color_keeps_words() {
    let mut app = app_with("Talks in Kiev.\nSECRET//NOFORN", (70, 20));
    app.theme = Theme::no_color();
    app.update(Action::Resize(70, 20));
    let buf = render(&app);
    let s = screen(&buf);
    assert!(s.contains("✖ block") && s.contains("▲ warn"), "{s}");
    let (_, draft_y) = find(&buf, "Draft");
    let (_, list_y) = find(&buf, "Findings");
    assert!(list_y > draft_y, "findings below the editor when narrow");
    insta::assert_snapshot!("narrow_70x20", s);
}

#[test]
fn help_explains_right_to_left_text_at_80x24() {
    let mut app = app_with("", (80, 24));
    app.update(key(KeyCode::F(1)));
    app.update(key(KeyCode::End));
    let s = screen(&render(&app));
    insta::assert_snapshot!("help_end_80x24", s);
    assert!(
        s.contains("Right-to-left text (Arabic, Hebrew, Persian…)"),
        "{s}"
    );
    assert!(
        s.contains("screen: in a right-to-left line Left goes on to"),
        "{s}"
    );
    assert!(s.contains("Home / End"), "{s}");
}

#[test]
fn a_rule_id_too_long_for_the_detail_row_breaks_after_a_slash_not_inside_a_word() {
    let mut app = app_with("SECRET//NOFORN readout of the call.", (60, 15));
    app.update(key(KeyCode::F(8)));
    let buf = render(&app);
    let s = screen(&buf);
    insta::assert_snapshot!("detail_rule_id_60x15", s);
    let a = tact::tui::app::geometry::areas((60, 15), false, app.findings.len());
    let rows: Vec<String> = s
        .lines()
        .skip(a.detail.y as usize + 1)
        .take(2)
        .map(|l| {
            l.chars()
                .skip(a.detail.x as usize + 1)
                .take(a.detail.width as usize - 2)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(
        rows,
        ["✖ block classification/", "        us-banner (leak)"],
        "{s}"
    );
}

/// Issue 16: a long account handle at 80 columns is shortened with `…`; the file name, the
/// platform and its counter, and the totals stay whole.
#[test]
fn a_long_handle_is_shortened_in_the_title_at_80x24() {
    let mut app = app_with(POST, (80, 24));
    app.settings.accounts = vec![tact::load::config::Account {
        name: "Mission".into(),
        platform: "x".into(),
        handle: "@PermanentMissionOfTheRepublicToTheUnitedNationsInGeneva".into(),
        kind: "official".into(),
    }];
    app.account = Some(0);
    app.file = Some("statement-on-the-grain-corridor.txt".into());
    app.update(Action::Resize(80, 24));
    let s = screen(&render(&app));
    insta::assert_snapshot!("title_long_handle_80x24", s);
    let title = s.lines().next().unwrap();
    assert!(
        title.contains(" statement-on-the-grain-corridor.txt │ "),
        "{title}"
    );
    assert!(
        title.contains(" │ @Perman… (official) │ X 68/280 │ "),
        "{title}"
    );
    assert!(title.trim_end().ends_with("✖1 ▲1 ●0"), "{title}");
    assert!(
        unicode_width::UnicodeWidthStr::width(title.trim_end()) <= 80,
        "{title}"
    );
    // A long path keeps its file name.
    app.file = Some(
        "/srv/desk/press-office/statements/2026/december/statement-on-the-grain-corridor.txt"
            .into(),
    );
    let s = screen(&render(&app));
    let title = s.lines().next().unwrap();
    assert!(
        title.contains("statement-on-the-grain-corridor.txt │ "),
        "{title}"
    );
    assert!(title.contains(" X "), "{title}");
    assert!(title.trim_end().ends_with("✖1 ▲1 ●0"), "{title}");
}
