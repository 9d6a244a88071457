//! The editor's own cost per frame (issue 7 item 1): soft-wrap layout and drawing of a
//! 5,000-character draft with 50 findings into a ratatui `TestBackend` (100×30 cells), plus
//! one keystroke (insert, incremental relayout, redraw), and the drawing of as much Arabic
//! text, where every visible row goes through the bidi algorithm. The check itself is measured by
//! `benches/check.rs`; here the findings are fixed so only the editor is timed.
//!
//! Run: `cargo bench --bench editor` (needs the default feature `tui`).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tact::engine::load_engine;
use tact::load::LoadOptions;
use tact::model::Finding;
use tact::tui::editor::Editor;
use tact::tui::{Action, App, ui};

/// Length of the draft, in characters (all ASCII here, so also bytes).
const CHARS: usize = 5_000;
/// Findings in the draft.
const FINDINGS: usize = 50;

/// A 5,000-character statement: sentences with "Kiev" (a `terms/kyiv`-style finding) in 50
/// of them, and line breaks every few sentences.
fn draft() -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < CHARS {
        if i % 3 == 0 {
            s.push_str("The delegation met partners in Kiev to discuss grain corridors. ");
        } else {
            s.push_str("Both sides reaffirmed their commitment to dialogue and to law. ");
        }
        if i % 4 == 3 {
            s.push('\n');
        }
        i += 1;
    }
    s.truncate(CHARS);
    s
}

/// An app on the bundled packs with exactly [`FINDINGS`] findings on the draft.
fn app() -> App {
    let engine = Arc::new(load_engine(&LoadOptions::default()).expect("bundled packs"));
    let text = draft();
    let mut app = App::new(text.clone(), None, Ok(engine), Some("x"));
    app.update(Action::Resize(100, 30));
    let template: Finding = app
        .findings
        .first()
        .cloned()
        .expect("the draft has findings");
    app.findings = text
        .match_indices("Kiev")
        .chain(text.match_indices("dialogue"))
        .take(FINDINGS)
        .map(|(start, m)| Finding {
            start,
            end: start + m.len(),
            matched: m.to_string(),
            ..template.clone()
        })
        .collect();
    app.findings.sort_by_key(|f| f.start);
    assert_eq!(app.findings.len(), FINDINGS);
    app.selected = Some(FINDINGS / 2);
    app
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("editor");
    let text = draft();

    g.bench_function("layout 5000 chars (full wrap at 56 cells)", |b| {
        b.iter(|| {
            let mut e = Editor::new(black_box(text.clone()));
            e.set_width(56);
            black_box(e.layout().rows().len())
        });
    });

    let app = app();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    g.bench_function("render 5000 chars + 50 findings (100x30)", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, black_box(&app))).unwrap();
        });
    });

    let mut app = self::app();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let key = Action::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    let back = Action::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    // Keystrokes only: no check (async checks are off and the engine runs in the check
    // bench), so take the engine's findings out of the loop by keeping the app's async flag.
    app.async_checks = true;
    g.bench_function("keystroke: insert + relayout + render", |b| {
        b.iter(|| {
            app.update(key.clone());
            term.draw(|f| ui::draw(f, &app)).unwrap();
            app.update(back.clone());
        });
    });

    // Right-to-left: the same size of Arabic text, every visible row reordered (bidi).
    let arabic = arabic_draft();
    let engine = Arc::new(load_engine(&LoadOptions::default()).expect("bundled packs"));
    let mut app = App::new(arabic, None, Ok(engine), Some("x"));
    app.update(Action::Resize(100, 30));
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    g.bench_function("render 5000 Arabic chars, reordered (100x30)", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, black_box(&app))).unwrap();
        });
    });
    g.finish();
}

/// About 5,000 characters of Arabic with Latin names and numbers, line breaks every few
/// sentences ("The delegation met partners in Kyiv in 2026 to discuss grain corridors.").
fn arabic_draft() -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.chars().count() < CHARS {
        s.push_str("التقى الوفد بالشركاء في Kyiv عام 2026 لبحث ممرات الحبوب. ");
        if i % 4 == 3 {
            s.push('\n');
        }
        i += 1;
    }
    s
}

criterion_group!(benches, bench);
criterion_main!(benches);
