//! The tone explanation in the detail pane, with a hand-built finding (the scorer lands
//! later): score against threshold, each contribution, and only the contributing words
//! underlined in the text.

use crate::support::tui::*;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Modifier;
use tact::model::{Category, Contribution, Finding, Severity, ToneExplanation};
use tact::tui::Action;
use tact::tui::theme::Theme;

const TEXT: &str = "The Marovian trade minister is an incompetent buffoon.";

fn span(word: &str) -> (usize, usize) {
    let s = TEXT.find(word).unwrap();
    (s, s + word.len())
}

fn tone_finding() -> Finding {
    let (b0, b1) = span("buffoon");
    let (i0, i1) = span("incompetent");
    Finding {
        rule: "tone/undiplomatic".into(),
        pack_version: "1".into(),
        category: Category::Tone,
        severity: Severity::Warn,
        start: 0,
        end: TEXT.len(),
        line: 1,
        column: 1,
        matched: TEXT.into(),
        message: "Undiplomatic tone — strong".into(),
        why: "Criticise the decision or statement, not the people.".into(),
        fixes: Vec::new(),
        tone: Some(ToneExplanation {
            score: 0.84,
            threshold: 0.75,
            level: Severity::Warn,
            sum: 6.0,
            alpha: 15.0,
            contributions: vec![
                Contribution {
                    start: i0,
                    end: i1,
                    entry: "insult/incompetent".into(),
                    base: 1.0,
                    modifiers: vec![("aimed at leader role".into(), 1.5)],
                    value: 1.5,
                },
                Contribution {
                    start: b0,
                    end: b1,
                    entry: "insult/buffoon".into(),
                    base: 3.0,
                    modifiers: vec![("aimed at leader role".into(), 1.5)],
                    value: 4.5,
                },
            ],
            learned: None,
        }),
    }
}

fn app_with_tone(color: bool) -> tact::tui::App {
    let mut app = app_with(TEXT, (100, 30));
    app.theme = Theme {
        color,
        ..Theme::default()
    };
    app.findings = vec![tone_finding()];
    app.selected = Some(0);
    app
}

#[test]
fn detail_explains_the_score_snapshot() {
    let app = app_with_tone(true);
    let s = screen(&render(&app));
    assert!(s.contains("Score 0.84 ≥ warn threshold 0.75"), "{s}");
    // Largest contribution first, with the arithmetic.
    let b = s.find("buffoon  insult/buffoon").expect("buffoon line");
    let i = s
        .find("incompetent  insult/incompetent")
        .expect("incompetent line");
    assert!(b < i, "sorted by contribution");
    assert!(s.contains("  3.00 × aimed at leader role 1.50 ="), "{s}");
    assert!(s.contains("Why     Criticise the decision"), "{s}");
    // The score is the bounded sum, shown as such: 6 / √(36 + 15) = 0.84.
    let wide = {
        let mut app = app_with_tone(true);
        app.update(Action::Resize(200, 50));
        screen(&render(&app))
    };
    assert!(wide.contains("  sum s = 4.50 + 1.50 = 6.00"), "{wide}");
    assert!(
        wide.contains("  score = s / √(s² + α) = 6.00 / √(6.00² + 15) = 0.84"),
        "{wide}"
    );
    insta::assert_snapshot!("tone_detail_100x30", s);
    // At 80×24 why and the fix come first; the rest of the explanation is a scroll away.
    let mut app = app;
    app.update(Action::Resize(80, 24));
    let s = screen(&render(&app));
    assert!(s.contains("Why     Criticise the"), "{s}");
    assert!(
        s.contains("1-8 of 15 · Alt+PgUp/PgDn"),
        "the border says it scrolls: {s}"
    );
    assert!(!s.contains("sum s = "), "{s}");
    app.update(key_mod(KeyCode::PageDown, KeyModifiers::ALT));
    let s = screen(&render(&app));
    assert!(s.contains("sum s = 4.50 + 1.50 = 6.00"), "{s}");
    assert!(s.contains("score = s / √(s² + α) = 6.00 / √(6.00²"), "{s}");
    assert!(s.contains("Sentence: “The Marovian"), "{s}");
    // The wheel over the detail scrolls it back.
    let a = tact::tui::app::geometry::areas((80, 24), false, 1);
    let wheel_up = Action::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::ScrollUp,
        column: a.detail.x + 2,
        row: a.detail.y + 2,
        modifiers: KeyModifiers::NONE,
    });
    for _ in 0..5 {
        app.update(wheel_up.clone());
    }
    assert_eq!(app.detail_offset(), 0);
    assert!(screen(&render(&app)).contains("Why     Criticise the"));
}

#[test]
fn only_the_contributing_words_are_underlined() {
    for color in [true, false] {
        let app = app_with_tone(color);
        let buf = render(&app);
        let underlined = |word: &str| {
            let (x, y) = find(&buf, word);
            (0..word.chars().count() as u16)
                .all(|i| buf[(x + i, y)].modifier.contains(Modifier::UNDERLINED))
        };
        let plain = |word: &str| {
            let (x, y) = find(&buf, word);
            (0..word.chars().count() as u16)
                .all(|i| !buf[(x + i, y)].modifier.contains(Modifier::UNDERLINED))
        };
        assert!(underlined("incompetent"), "color {color}");
        assert!(underlined("buffoon"), "color {color}");
        assert!(plain("The Marovian trade minister is an "), "color {color}");
        let (x, y) = find(&buf, "buffoon.");
        assert!(plain(" buffoon") || x > 0, "the space before buffoon");
        assert!(
            !buf[(x + 7, y)].modifier.contains(Modifier::UNDERLINED),
            "the full stop"
        );
    }
}

#[test]
fn the_shown_arithmetic_of_a_real_tone_finding_gives_its_score() {
    use crate::support::tone::tone;
    let text = "The minister is an incompetent buffoon and a liar.";
    let f = tone(text).into_iter().next().expect("a tone finding");
    let t = f.tone.clone().unwrap();
    // The explanation carries what the formula needs, and the formula gives the score.
    let values: f64 = t.contributions.iter().map(|c| c.value).sum();
    assert!((t.sum - values).abs() < 0.001, "{t:?}");
    assert!(t.alpha > 0.0);
    let bounded = t.sum / (t.sum * t.sum + t.alpha).sqrt();
    assert!((bounded - t.score).abs() < 0.001, "{bounded} vs {t:?}");
    assert_eq!(f.severity, t.level.min(f.severity));
    // The detail pane says it with these numbers.
    let mut app = app_with(text, (200, 50));
    app.findings = vec![f];
    app.selected = Some(0);
    let s = screen(&render(&app));
    let line = format!(
        "score = s / √(s² + α) = {:.2} / √({:.2}² + {}) = {:.2}",
        t.sum, t.sum, t.alpha, t.score
    );
    assert!(s.contains(&line), "{line}\n{s}");
    assert!(
        s.contains(&format!("{} threshold {:.2}", t.level, t.threshold)),
        "{s}"
    );
    // The JSON keeps its fields and adds the new ones.
    let v = serde_json::to_value(&t).unwrap();
    for k in [
        "score",
        "threshold",
        "contributions",
        "level",
        "sum",
        "alpha",
    ] {
        assert!(v.get(k).is_some(), "{k}: {v}");
    }
}

/// A sentence the learned word weights raised (a post of `tone-dev-large.jsonl`): the
/// detail's sum `s` adds only the lexicon's values (its log-odds are not summed in) and a
/// last line gives the learned probability against its warn level.
#[test]
fn a_learned_finding_keeps_the_sum_honest_and_shows_its_probability() {
    let text = "Freedonia's concern about our elections is touching, coming from a country \
                where money buys every seat in parliament.";
    let engine = std::sync::Arc::new(
        tact::engine::load_engine(&tact::load::LoadOptions::default()).unwrap(),
    );
    let mut app = tact::tui::App::new(text.into(), None, Ok(engine), Some("x"));
    app.update(Action::Resize(100, 30));
    let i = app
        .findings
        .iter()
        .position(|f| f.rule == "tone/undiplomatic" && f.severity == Severity::Warn)
        .expect("the learned weights raise the sentence to warn");
    let t = app.findings[i].tone.clone().unwrap();
    let l = t.learned.expect("raised by the learned weights");
    assert!(l.probability >= l.warn, "{l:?}");
    let lexicon: f64 = t
        .contributions
        .iter()
        .filter(|c| !c.entry.starts_with("learned/"))
        .map(|c| c.value)
        .sum();
    assert!((t.sum - lexicon).abs() < 0.01, "{} vs {lexicon}", t.sum);
    app.selected = Some(i);
    let lines: Vec<String> =
        tact::tui::components::tone::lines(&app.findings[i], &t, text, Theme::default())
            .iter()
            .map(|l| l.to_string())
            .collect();
    let sum_line = lines.iter().find(|l| l.contains("sum s")).unwrap();
    assert_eq!(
        sum_line.trim(),
        format!("sum s = {:.2}", t.sum),
        "{lines:#?}"
    );
    assert_eq!(
        lines.last().unwrap().trim(),
        tact::tui::components::tone::learned_line(&l)
    );
}
