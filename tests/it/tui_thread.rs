//! Threads in the editor (issue 16 item 6): a post over X's limit is offered as a numbered
//! thread (Ctrl+T), previewed part by part with counts and findings, and cleared at the gate
//! as one decision: one outbox file per part, one signed audit record, `tact audit verify`
//! passes.

use std::path::Path;

use crate::support::tui::*;
use crate::thread::statement;
use assert_cmd::Command;
use crossterm::event::KeyCode;
use tact::model::Severity;
use tact::platform::{Unit, count};
use tact::publish::{self, Settings, sign};
use tact::tui::app::Dialog;
use tact::tui::{Action, App, Effect};

/// The settings `tact` uses in `home` with no tact.toml (keys in the user config folder).
pub(crate) fn settings(home: &Path) -> Settings {
    Settings {
        outbox: home.join("outbox"),
        audit_log: home.join("audit.jsonl"),
        approvals: home.join("approvals"),
        author: Some("Jane".into()),
        keys: sign::Keys {
            key: home.join("config/tact/signing-key"),
            create: true,
            allowed_signers: home.join("config/tact/allowed-signers"),
            principal: "Jane".into(),
        },
        ..Settings::default()
    }
}

/// `tact audit verify` in `home`: its exit code and output.
pub(crate) fn audit_verify(home: &Path) -> (Option<i32>, String) {
    let out = Command::cargo_bin("tact")
        .unwrap()
        .current_dir(home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env_remove("XDG_STATE_HOME")
        .args(["audit", "verify"])
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// An app with `text` pasted at `size`, publishing into `home`.
pub(crate) fn app_in(home: &Path, text: &str, size: (u16, u16)) -> App {
    let mut app = app_with("", size);
    app.settings = settings(home);
    app.update(Action::Paste(text.into()));
    app
}

/// Runs the clear the app asked for, as the runner does, and reports back.
pub(crate) fn perform(app: &mut App, effect: Option<Effect>) -> Vec<std::path::PathBuf> {
    let Some(Effect::Publish(req)) = effect else {
        panic!("no clear: {effect:?} {:?}", app.status)
    };
    let files = publish::clear_all(&app.settings, &req, jiff::Timestamp::UNIX_EPOCH).unwrap();
    app.update(Action::Published(Ok(files[0].clone())));
    files
}

pub(crate) fn record(home: &Path) -> serde_json::Value {
    let log = std::fs::read_to_string(home.join("audit.jsonl")).unwrap();
    assert_eq!(
        log.lines().count(),
        1,
        "one record for the whole thread:\n{log}"
    );
    serde_json::from_str(log.trim()).unwrap()
}

#[test]
fn a_900_character_statement_on_x_becomes_a_four_part_thread_cleared_in_one_step() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let s = statement();
    assert!(count(Unit::XWeighted, &s) > 3 * 280);
    let mut app = app_in(h, &s, (100, 30));
    // Over the limit: the hint bar offers the thread.
    assert!(app.thread_offered());
    let screen_text = screen(&render(&app));
    assert!(
        screen_text.contains("^T thread: over the limit"),
        "{screen_text}"
    );

    app.update(ctrl('t'));
    let Some(Dialog::Thread(v)) = &app.dialog else {
        panic!("no preview: {:?}", app.status)
    };
    let parts = v.thread.parts.clone();
    assert_eq!(parts.len(), 4);
    for (i, p) in parts.iter().enumerate() {
        let n = format!(" {}/4", i + 1);
        assert!(p.text.ends_with(&n), "{}", p.text);
        assert!(p.text.trim_end_matches(&n).ends_with('.'), "{}", p.text);
        assert_eq!(p.count, count(Unit::XWeighted, &p.text));
        assert!(p.count <= 280, "{}: {}", p.count, p.text);
        // Checked as posted: no limit finding, and only part 4 names Kiev.
        assert!(p.findings.iter().all(|f| f.rule != "platforms/x-length"));
        let kyiv: Vec<_> = p
            .findings
            .iter()
            .filter(|f| f.rule == "terms/kyiv")
            .collect();
        if i == 3 {
            assert_eq!(kyiv.len(), 1);
            assert_eq!(&p.text[kyiv[0].start..kyiv[0].end], "Kiev");
        } else {
            assert!(kyiv.is_empty(), "{:?}", p.findings);
        }
    }
    let preview = screen(&render(&app));
    assert!(
        preview.contains("Split for X: a thread of 4 posts · 1 warn"),
        "{preview}"
    );
    assert!(
        preview.contains(&format!(
            "Part 1/4 · {}/280 weighted characters",
            parts[0].count
        )),
        "{preview}"
    );

    // To the gate, then one Enter clears all four.
    app.update(key(KeyCode::Enter));
    let gate = screen(&render(&app));
    assert!(gate.contains("F2 picks one), as a thread of 4"), "{gate}");
    assert!(
        gate.contains("clears all 4 parts as one decision"),
        "{gate}"
    );
    let effect = app.update(key(KeyCode::Enter));
    let files = perform(&mut app, effect);

    assert_eq!(files.len(), 4);
    let mut outbox: Vec<_> = std::fs::read_dir(h.join("outbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    outbox.sort();
    assert_eq!(outbox, files, "exactly the four part files");
    for (i, (f, p)) in files.iter().zip(&parts).enumerate() {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, format!("19700101T000000Z-x-{}of4.txt", i + 1));
        assert_eq!(std::fs::read_to_string(f).unwrap(), p.text);
    }
    let r = record(h);
    assert_eq!(r["text_sha256"], publish::audit::sha256_hex(s.as_bytes()));
    let thread = r["thread"].as_array().unwrap();
    assert_eq!(thread.len(), 4);
    for (i, (t, p)) in thread.iter().zip(&parts).enumerate() {
        assert_eq!(t["part"], i + 1);
        assert_eq!(
            t["text_sha256"],
            publish::audit::sha256_hex(p.text.as_bytes())
        );
        assert_eq!(t["text_bytes"], p.text.len());
        assert_eq!(t["outbox"], files[i].display().to_string());
    }
    let kyiv = &r["findings"].as_array().unwrap()[0];
    assert_eq!(
        (kyiv["rule"].as_str(), kyiv["part"].as_u64()),
        (Some("terms/kyiv"), Some(4))
    );
    let (code, out) = audit_verify(h);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("OK (1 record"), "{out}");

    let status = app.status.clone().unwrap();
    assert!(
        status.text.contains("cleared 4 posts (copied): ")
            && status.text.contains("-1of4.txt … 4of4, one record in"),
        "{}",
        status.text
    );
    // At 80 columns the status row says it in full or in its short form, never cut.
    app.update(Action::Resize(80, 24));
    let s80 = screen(&render(&app));
    let row = s80.lines().nth(22).unwrap();
    assert_eq!(
        row,
        " cleared 4 posts (copied) into outbox/, one record in audit.jsonl"
    );
    assert_eq!(app.dialog, None);
    let printed: Vec<String> = parts.iter().map(|p| p.text.clone()).collect();
    assert_eq!(app.cleared.as_deref(), Some(printed.join("\n\n").as_str()));
}

#[test]
fn one_justification_covers_the_blocks_of_every_part() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let s = format!("{}\n\nSECRET//NOFORN readout of the call.", statement());
    let mut app = app_in(h, &s, (100, 30));
    app.update(ctrl('t'));
    let Some(Dialog::Thread(v)) = &app.dialog else {
        panic!("no preview")
    };
    let n = v.thread.parts.len();
    let last = v.thread.parts.last().unwrap();
    assert!(last.findings.iter().any(|f| f.severity == Severity::Block));
    app.update(key(KeyCode::Enter));
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        None,
        "Enter is a new line here"
    );
    app.update(key(KeyCode::Backspace));
    let gate = screen(&render(&app));
    assert!(
        gate.contains("one justification covers every part"),
        "{gate}"
    );
    type_str(&mut app, "Approved by the ambassador in writing");
    let effect = app.update(ctrl('p'));
    let files = perform(&mut app, effect);
    assert_eq!(files.len(), n);
    let r = record(h);
    let over = r["overridden"].as_array().unwrap();
    assert!(!over.is_empty());
    assert!(over.iter().all(|f| f["part"] == n), "{over:?}");
    assert_eq!(r["justification"], "Approved by the ambassador in writing");
    let (code, out) = audit_verify(h);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn a_split_that_no_longer_matches_the_text_is_never_cleared() {
    let home = tempfile::tempdir().unwrap();
    let s = statement();
    let mut app = app_in(home.path(), &s, (100, 30));
    app.update(ctrl('t'));
    app.update(key(KeyCode::Enter));
    assert!(matches!(&app.dialog, Some(Dialog::Publish(d)) if d.thread.is_some()));
    // The text changes under the open gate: Enter refuses, nothing is written.
    let changed = format!("{s} One more sentence about the talks.");
    app.editor.buffer.replace_text(changed.clone(), 0);
    assert_eq!(app.update(key(KeyCode::Enter)), None);
    assert!(!home.path().join("audit.jsonl").exists());
    // After that action the thread was split again and is shown in the preview.
    let Some(Dialog::Thread(v)) = &app.dialog else {
        panic!("not back in the preview: {:?}", app.dialog)
    };
    assert_eq!(v.thread.source, changed);
    assert!(app.status.as_ref().unwrap().text.contains("split again"));
    // Esc leaves thread mode.
    app.update(key(KeyCode::Esc));
    assert_eq!(app.dialog, None);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("thread not cleared")
    );
}

#[test]
fn a_post_that_fits_needs_no_thread() {
    let mut app = app_with("Talks today in Kyiv.", (80, 24));
    assert!(!app.thread_offered());
    assert!(!screen(&render(&app)).contains("^T thread"));
    app.update(ctrl('t'));
    assert_eq!(app.dialog, None);
    let status = app.status.clone().unwrap();
    assert!(
        status.text.contains("fits in one post on X"),
        "{}",
        status.text
    );
}

#[test]
fn a_single_post_over_the_limit_is_refused_at_the_gate_and_the_thread_offered() {
    let home = tempfile::tempdir().unwrap();
    let s = statement();
    let n = count(Unit::XWeighted, &s);
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = app_in(home.path(), &s, (w, h));
        app.update(ctrl('p'));
        let Some(Dialog::Publish(d)) = &app.dialog else {
            panic!("no gate: {:?}", app.status)
        };
        assert!(!app.gate_needs(d), "no justification is asked for");
        let gate = screen(&render(&app));
        insta::assert_snapshot!(format!("gate_too_long_{w}x{h}"), gate);
        let text = words(&gate);
        assert!(
            text.contains(&format!(
                "Too long for one post: {n} weighted characters on X, the limit is 280. X does not accept it, so it cannot be cleared as one post, not even with a justification. Ctrl+T splits it into a numbered thread"
            )),
            "{gate}"
        );
        assert!(!gate.contains("Justification"), "{gate}");
        assert!(!text.contains("or justify"), "{gate}");
        // A justification cannot be typed, and neither Ctrl+P nor Enter clears.
        type_str(&mut app, "Approved by the ambassador in writing");
        assert_eq!(app.update(ctrl('p')), None);
        assert_eq!(app.update(key(KeyCode::Enter)), None);
        let Some(Dialog::Publish(d)) = &app.dialog else {
            panic!("the gate closed: {:?}", app.status)
        };
        assert_eq!(d.justification.text(), "");
        assert!(
            d.error
                .as_deref()
                .is_some_and(|e| e.starts_with("Too long for one post")),
            "{:?}",
            d.error
        );
        // The refusal is the instructions: said once.
        let again = words(&screen(&render(&app)));
        assert_eq!(again.matches("Too long for one post").count(), 1, "{again}");
        assert!(!home.path().join("audit.jsonl").exists());
        assert!(!home.path().join("outbox").exists());
        // Ctrl+T offers the thread instead.
        app.update(ctrl('t'));
        assert!(matches!(app.dialog, Some(Dialog::Thread(_))));
    }
}

#[test]
fn the_thread_gate_heading_wraps_instead_of_being_cut() {
    for (w, h) in [(80, 24), (60, 15)] {
        let mut app = app_with(&statement(), (w, h));
        app.settings.accounts = vec![tact::load::config::Account {
            name: "Ministry".into(),
            platform: "x".into(),
            handle: "@MinistryOfForeignAffairsOfExampleland".into(),
            kind: "official".into(),
        }];
        app.account = Some(0);
        app.update(ctrl('t'));
        let preview = screen(&render(&app));
        assert!(
            words(&preview).contains("Split for X: a thread of 4 posts · 1 warn"),
            "{w}x{h}: {preview}"
        );
        app.update(key(KeyCode::Enter));
        let gate = screen(&render(&app));
        if w == 80 {
            insta::assert_snapshot!("thread_gate_long_handle_80x24", gate);
        }
        assert!(
            words(&gate).contains(
                "Clearing for @MinistryOfForeignAffairsOfExampleland (official) on X, as a thread of 4"
            ),
            "{w}x{h}: {gate}"
        );
        // The heading's rows are followed by the list, never drawn over by it.
        let (_, thread_row) = find(&render(&app), "thread of 4\u{20}\u{20}");
        let (_, list_row) = find(&render(&app), "One decision for");
        assert!(thread_row < list_row, "{gate}");
    }
}

#[test]
fn preview_and_gate_snapshots() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = app_with(&statement(), (w, h));
        app.update(ctrl('t'));
        insta::assert_snapshot!(format!("thread_preview_{w}x{h}"), screen(&render(&app)));
        app.update(key(KeyCode::Enter));
        insta::assert_snapshot!(format!("thread_gate_{w}x{h}"), screen(&render(&app)));
    }
}

#[test]
fn the_preview_and_its_gate_show_the_parts_findings_not_the_unsplit_texts() {
    let mut app = app_with(&statement(), (200, 50));
    // The unsplit text is over X's limit: a block.
    assert_eq!(app.totals().block, 1);
    app.update(ctrl('t'));
    for step in ["preview", "gate"] {
        let s = screen(&render(&app));
        let title = s.lines().next().unwrap();
        assert!(
            title.contains("X thread of 4 · longest 280/280 weighted characters"),
            "{step}: {title}"
        );
        assert!(
            title.contains("0 block · 1 warn · 0 info"),
            "{step}: {title}"
        );
        assert!(!title.contains("874/280"), "{step}: {title}");
        // The list beside the dialog: the one warning of part 4, not the length block.
        assert!(s.contains("Findings of the 4 parts (1)"), "{step}: {s}");
        assert!(s.contains("4/4 ▲ warn"), "{step}: {s}");
        assert!(!s.contains("✖ block"), "{step}: {s}");
        app.update(key(KeyCode::Enter));
    }
    // Back to the text: the unsplit text's findings again.
    app.update(key(KeyCode::Esc));
    assert_eq!(app.dialog, None);
    assert_eq!(app.totals().block, 1);
}
