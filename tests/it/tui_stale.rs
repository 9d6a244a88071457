//! Checks on the worker while the user types (issue 17 item 5, DESIGN §11): only the latest
//! text is asked for after a batch of edits, a result of an older text never replaces newer
//! findings, and the findings shown always sit on the text on screen (moved with the edits,
//! or left out where the text changed) while the title says "checking…".

use crate::support::tui::*;
use crossterm::event::KeyCode;
use tact::tui::runtime::checker::{CheckRequest, run_check};
use tact::tui::{Action, App};

const POST: &str = "Talks in Kiev today. Then Kiev again.";

/// The app with its first check done, checks on the worker from now on.
fn typing_app() -> App {
    let mut app = app_with(POST, (100, 30));
    app.async_checks = true;
    app
}

/// The text each finding underlines in the text on screen.
fn underlined(app: &App) -> Vec<String> {
    let text = app.editor.text();
    app.findings
        .iter()
        .map(|f| {
            text.get(f.start..f.end)
                .expect("a span inside the text")
                .to_string()
        })
        .collect()
}

fn request(app: &mut App) -> CheckRequest {
    let text = app.editor.text().into();
    app.take_check_request(text).expect("a check is asked for")
}

#[test]
fn findings_move_with_the_text_while_it_is_checked_again() {
    let mut app = typing_app();
    assert_eq!(underlined(&app), ["Kiev", "Kiev"]);
    app.update(key(KeyCode::Home));
    type_str(&mut app, "Minister: ");
    assert!(app.checking);
    // Not checked yet, but each underline is still on its word.
    assert_eq!(underlined(&app), ["Kiev", "Kiev"]);
    assert_eq!(app.findings[0].start, "Minister: Talks in ".len());
    // Typing inside a finding's word leaves that finding out until the check reports.
    let second = app.findings[1].start;
    app.editor.buffer.set_cursor(second + 2);
    type_str(&mut app, "x");
    assert_eq!(underlined(&app), ["Kiev"]);
    assert!(app.checking);
    let req = request(&mut app);
    app.update(Action::Checked(run_check(&req)));
    assert!(!app.checking);
    assert_eq!(underlined(&app), ["Kiev"]);
    assert!(app.editor.text().contains("Kixev"));
}

#[test]
fn many_edits_between_two_requests_ask_for_one_check_of_the_latest_text() {
    let mut app = typing_app();
    app.update(key(KeyCode::End));
    type_str(&mut app, " In Kiev.");
    let req = request(&mut app);
    assert_eq!(&*req.text, app.editor.text());
    assert!(
        app.take_check_request(app.editor.text().into()).is_none(),
        "one request for the nine keys"
    );
    app.update(Action::Checked(run_check(&req)));
    assert!(!app.checking);
    assert_eq!(underlined(&app), ["Kiev", "Kiev", "Kiev"]);
}

#[test]
fn an_older_result_is_moved_onto_the_text_on_screen_and_a_stale_one_never_replaces_newer_findings()
{
    let mut app = typing_app();
    app.update(key(KeyCode::End));
    type_str(&mut app, " Kiev.");
    let first = request(&mut app);
    // The user goes on typing at the start while the worker checks `first`.
    app.update(key(KeyCode::Home));
    type_str(&mut app, "Note: ");
    let second = request(&mut app);
    app.update(key(KeyCode::Home));
    type_str(&mut app, "Kiev ");
    let (r1, r2) = (run_check(&first), run_check(&second));
    // `first` reports: newer than the findings shown, so it is taken, moved onto the text
    // on screen; the latest text is still being checked.
    app.update(Action::Checked(r1.clone()));
    assert!(app.checking, "still checking the latest text");
    assert_eq!(underlined(&app), ["Kiev", "Kiev", "Kiev"]);
    assert_eq!(app.findings[0].start, "Kiev Note: Talks in ".len());
    // Arriving late, a result older than the findings shown is dropped.
    app.update(Action::Checked(r2));
    let latest = request(&mut app);
    app.update(Action::Checked(run_check(&latest)));
    assert!(!app.checking);
    assert_eq!(underlined(&app), ["Kiev", "Kiev", "Kiev", "Kiev"]);
    app.update(Action::Checked(r1));
    assert_eq!(
        underlined(&app),
        ["Kiev", "Kiev", "Kiev", "Kiev"],
        "r1 is stale"
    );
    assert!(!app.checking);
}

#[test]
fn a_result_for_another_platform_is_never_taken() {
    let mut app = typing_app();
    app.update(key(KeyCode::End));
    type_str(&mut app, " Kiev.");
    let before = request(&mut app);
    // F2 and Enter pick the next target: the platform changes.
    let platform = app.current_platform().map(|p| p.id.clone());
    app.update(key(KeyCode::F(2)));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Enter));
    assert_ne!(app.current_platform().map(|p| p.id.clone()), platform);
    assert!(app.checking);
    let shown = app.findings.clone();
    app.update(Action::Checked(run_check(&before)));
    assert!(app.checking);
    assert_eq!(
        app.findings, shown,
        "the result for the old platform is dropped"
    );
}

/// The worker skips the requests queued behind a running check: of three texts sent while
/// the first is checked, the second is never checked and the third is.
#[test]
fn the_worker_checks_only_the_newest_of_the_queued_texts() {
    use crate::support::rules::{fixture, load, only};
    use std::sync::{Arc, mpsc};
    use tact::tui::runtime::checker::Checker;
    let engine = Arc::new(load(&only(&[&fixture("editor")])));
    let (tx, rx) = mpsc::channel();
    let checker = Checker::spawn(move |r| {
        let _ = tx.send(r.generation);
    });
    // A long first text keeps the worker busy while the next two are queued.
    let long: std::sync::Arc<str> = "Talks in Kiev today. ".repeat(200_000).into();
    let req = |generation, text: &std::sync::Arc<str>| CheckRequest {
        generation,
        engine: engine.clone(),
        text: text.clone(),
        platform: Some("x".into()),
        quick: None,
    };
    checker.send(req(1, &long));
    checker.send(req(2, &"Talks in Kiev.".into()));
    checker.send(req(3, &"Talks in Kyiv.".into()));
    let mut seen = Vec::new();
    while seen.last() != Some(&3) {
        seen.push(
            rx.recv_timeout(std::time::Duration::from_secs(120))
                .expect("a result"),
        );
    }
    assert!(!seen.contains(&2), "{seen:?}");
    assert!(seen == [1, 3] || seen == [3], "{seen:?}");
}

/// A keystroke in a big draft: the worker's request names the paragraph of the edit, its
/// partial result shows that paragraph's findings at once (the rest moved, "checking…"
/// kept), and the whole-text result then ends the check with the same findings.
#[test]
fn a_big_draft_gets_the_findings_of_the_edited_paragraph_first() {
    use crate::support::rules::{fixture, load, only};
    use std::sync::Arc;
    use tact::tui::runtime::checker::run_quick;
    let corpus = std::fs::read_to_string("../shared/corpus/benign-posts.jsonl")
        .expect("the shared corpus must be present");
    let posts: Vec<String> = corpus
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut text = String::new();
    for p in posts.iter().cycle() {
        if text.len() > 300_000 {
            break;
        }
        text.push_str(p);
        text.push_str("\n\n");
    }
    let mut app = App::new(
        text.clone(),
        None,
        Ok(Arc::new(load(&only(&[&fixture("editor")])))),
        Some("x"),
    );
    app.update(Action::Resize(100, 30));
    // Opened: checked whole (inline here); from now on the worker checks.
    app.async_checks = true;
    let before = app.findings.len();
    assert!(before > 0);
    // Type "Kiev " at the start of a paragraph in the middle of the draft.
    let middle = text[150_000..].find("\n\n").unwrap() + 150_002;
    app.editor.buffer.set_cursor(middle);
    type_str(&mut app, "Kiev ");
    let req = request(&mut app);
    let range = req
        .quick
        .clone()
        .expect("the paragraph of the edit is checked first");
    assert_eq!(range.start, middle, "from the paragraph's start");
    assert!(app.editor.text()[range.clone()].starts_with("Kiev "));
    assert!(
        !app.editor.text()[range.clone()].contains("\n\n"),
        "one paragraph"
    );
    let partial = run_quick(&req).unwrap();
    app.update(Action::Checked(partial));
    assert!(app.checking, "the whole text has not reported yet");
    assert_eq!(
        underlined(&app).iter().filter(|w| *w == "Kiev").count(),
        underlined_count(&text, "Kiev") + 1
    );
    let spans = |app: &App| -> Vec<(String, usize, usize)> {
        app.findings
            .iter()
            .map(|f| (f.rule.clone(), f.start, f.end))
            .collect()
    };
    let after_partial = spans(&app);
    assert_eq!(
        after_partial.len(),
        before + 1,
        "the new Kiev, nothing lost or doubled"
    );
    assert!(
        app.findings.iter().any(|f| f.rule == "platforms/x-length"),
        "the platform limit stays (moved) until the whole text reports"
    );
    let kiev = app.findings.iter().find(|f| f.start == middle).unwrap();
    assert_eq!(
        kiev.line,
        app.editor.text()[..middle].matches('\n').count() + 1
    );
    assert_eq!(kiev.column, 1);
    app.update(Action::Checked(run_check(&req)));
    assert!(!app.checking);
    assert_eq!(spans(&app), after_partial, "the whole-text check agrees");
}

/// How many `terms/kyiv` findings the editor's rules give for `word` in `text` (whole words).
fn underlined_count(text: &str, word: &str) -> usize {
    use crate::support::rules::{fixture, load, only};
    let engine = load(&only(&[&fixture("editor")]));
    engine
        .check(
            text,
            &tact::engine::CheckOptions {
                platform: Some("x".into()),
                ..Default::default()
            },
        )
        .iter()
        .filter(|f| f.matched == word)
        .count()
}
