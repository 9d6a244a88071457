//! A thread is at least as strict as the text it was split from (issue 16): a block of the
//! whole text that no part has alone (a weak marking in part 1, its copy number in part 2)
//! is carried into the thread, so the gate asks for a justification and records the override.

use crossterm::event::KeyCode;
use tact::model::Severity;
use tact::tui::app::Dialog;

use std::sync::Arc;

use tact::tui::{Action, App};

use crate::support::rules::bundled;
use crate::support::tui::*;
use crate::thread::riserv2;
use crate::tui_thread::{audit_verify, perform, record, settings};

const EVIDENCE: &str = "classification-europe/weak-level-with-evidence";

#[test]
fn the_thread_gate_needs_a_justification_for_a_block_of_the_whole_text() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // The bundled packs (the trial's rules), platform X, publishing into `home`.
    let mut app = App::new(String::new(), None, Ok(Arc::new(bundled())), Some("x"));
    app.update(Action::Resize(100, 30));
    app.settings = settings(h);
    app.update(Action::Paste(riserv2()));
    assert!(app.findings.iter().any(|f| f.rule == EVIDENCE));
    app.update(ctrl('t'));
    let Some(Dialog::Thread(v)) = &app.dialog else {
        panic!("no preview: {:?}", app.status)
    };
    assert_eq!(v.thread.parts.len(), 2);
    let carried: Vec<_> = v.thread.parts[0]
        .findings
        .iter()
        .filter(|f| f.rule == EVIDENCE)
        .collect();
    assert_eq!(carried.len(), 1, "{:?}", v.thread.parts[0].findings);
    assert_eq!(carried[0].severity, Severity::Block);
    assert_eq!(
        &v.thread.parts[0].text[carried[0].start..carried[0].end],
        "RISERVATO"
    );
    assert!(
        v.thread.parts[1]
            .findings
            .iter()
            .all(|f| f.severity < Severity::Block)
    );
    assert_eq!(app.totals().block, 1);
    // The preview shows the carried block's whole reason, to its last words.
    let preview = words(&screen(&render(&app)));
    assert!(
        preview.contains("and tell the security officer."),
        "{preview}"
    );

    // The gate: the block is listed with its message and why, and Enter does not clear.
    app.update(key(KeyCode::Enter));
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("no gate: {:?}", app.status)
    };
    assert!(d.thread.is_some());
    assert!(app.gate_needs(d), "a justification is required");
    let gate = words(&screen(&render(&app)));
    assert!(
        gate.contains("a thread of 2 posts · 1 block · 2 warn"),
        "{gate}"
    );
    assert!(
        gate.contains("✖ classification level `RISERVATO` with a copy number, registry number or legal basis (in the whole text, before it was split)"),
        "{gate}"
    );
    assert!(gate.contains("why: A level word on its own line"), "{gate}");
    assert!(
        gate.contains("one justification covers every part"),
        "{gate}"
    );
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        None,
        "Enter is a new line here"
    );
    app.update(key(KeyCode::Backspace));
    assert_eq!(app.update(ctrl('p')), None, "no justification: not cleared");
    assert!(!h.join("audit.jsonl").exists());

    type_str(&mut app, "Declassified by the security officer today");
    let effect = app.update(ctrl('p'));
    let files = perform(&mut app, effect);
    assert_eq!(files.len(), 2);
    let r = record(h);
    let over = r["overridden"].as_array().unwrap();
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!(over[0]["rule"], EVIDENCE);
    assert_eq!(over[0]["part"], 1);
    assert_eq!(
        r["justification"],
        "Declassified by the security officer today"
    );
    let (code, out) = audit_verify(h);
    assert_eq!(code, Some(0), "{out}");
}
