//! Live reload of the rules, scripted against the app (success, failure, recovery), plus the
//! file watcher on a real folder (plain writes and atomic rename-over saves).

use std::path::Path;
use std::sync::mpsc::channel;
use std::time::Duration;

use crate::support::rules::{fixture_text, only};
use crate::support::tui::*;
use tact::model::Severity;
use tact::tui::app::Dialog;
use tact::tui::runtime::reload::{ReloadSpec, Watcher};
use tact::tui::{Action, App};

/// A valid pack `desk` with one rule, `desk/embargo`.
fn embargo() -> String {
    fixture_text("reload-app/valid/desk.toml")
}

/// The same pack with a misspelt key on line 8 (`sevrity`).
fn broken() -> String {
    fixture_text("reload-app/broken/desk.toml")
}

fn spec(dir: &Path) -> ReloadSpec {
    ReloadSpec::fixed(only(&[dir]))
}

fn app_on(dir: &Path, text: &str) -> App {
    let engine = spec(dir).load().expect("test rules load").engine;
    let mut app = App::new(text.into(), None, Ok(engine), Some("x"));
    app.update(Action::Resize(100, 30));
    app
}

fn rules(app: &App) -> Vec<String> {
    app.findings.iter().map(|f| f.rule.clone()).collect()
}

#[test]
fn valid_then_broken_then_fixed() {
    let dir = rules_dir();
    let mut app = app_on(dir.path(), "Talks in Kiev. Embargoed until 10:00.");
    assert_eq!(rules(&app), ["terms/kyiv"]);
    let spec = spec(dir.path());

    // A new, valid rule file: reloaded, re-checked, the status says how many rules.
    std::fs::write(dir.path().join("desk.toml"), embargo()).unwrap();
    app.update(Action::Reloaded(spec.load()));
    assert_eq!(rules(&app), ["terms/kyiv", "desk/embargo"]);
    let n = app.rules_in_force().unwrap();
    assert_eq!(
        app.status.as_ref().unwrap().text,
        format!("rules reloaded ({n} rules)")
    );
    assert!(!app.banner_shown());

    // Broken: the last good rules stay, the banner names file:line:col.
    std::fs::write(dir.path().join("desk.toml"), broken()).unwrap();
    app.update(Action::Reloaded(spec.load()));
    assert_eq!(
        rules(&app),
        ["terms/kyiv", "desk/embargo"],
        "old findings stay"
    );
    assert!(app.rules_loaded());
    let err = app.reload_error.clone().expect("reload error kept");
    assert!(err.message.contains("desk.toml:8:1"), "{}", err.message);
    assert!(app.status.as_ref().unwrap().error);
    let s = screen(&render(&app));
    assert!(s.contains("RULES NOT RELOADED (1 error)"), "{s}");
    assert!(s.contains("desk.toml:8:1"), "{s}");
    // Editing still re-checks with the last good rules.
    app.update(key_mod(
        crossterm::event::KeyCode::End,
        crossterm::event::KeyModifiers::CONTROL,
    ));
    type_str(&mut app, " Kiev");
    assert_eq!(app.findings.len(), 3);
    // The gate still opens: clearing uses the last good rules (DESIGN §5), and the gate
    // and the audit record say so (the banner is behind the gate).
    app.update(ctrl('p'));
    assert!(matches!(app.dialog, Some(Dialog::Publish(_))));
    let s = screen(&render(&app));
    assert!(
        s.contains("The rule files on disk have 1 error") && s.contains("last good rules"),
        "{s}"
    );
    app.update(key(crossterm::event::KeyCode::Esc));

    // Fixed: the banner goes away.
    std::fs::write(dir.path().join("desk.toml"), embargo()).unwrap();
    app.update(Action::Reloaded(spec.load()));
    assert!(!app.banner_shown());
    assert!(app.reload_error.is_none());
    assert!(!screen(&render(&app)).contains("NOT RELOADED"));
}

/// A clean post cleared while a reload failed: the gate does not say a bare "No findings",
/// and the request for the audit record carries the reload's errors.
#[test]
fn a_post_cleared_with_the_last_good_rules_is_recorded_as_such() {
    let dir = rules_dir();
    let mut app = app_on(dir.path(), "Talks went well today.");
    std::fs::write(dir.path().join("desk.toml"), broken()).unwrap();
    app.update(Action::Reloaded(spec(dir.path()).load()));
    app.update(ctrl('p'));
    let s = screen(&render(&app));
    assert!(s.contains("No findings with the last good rules."), "{s}");
    assert!(!s.contains("No findings."), "{s}");
    let Some(tact::tui::app::Effect::Publish(req)) =
        app.update(key(crossterm::event::KeyCode::Enter))
    else {
        panic!("a clean post clears with the last good rules")
    };
    let why = req
        .rules_error
        .expect("the reload failure goes into the record");
    assert!(why.contains("desk.toml:8:1"), "{why}");
}

#[test]
fn reload_banner_snapshot() {
    let dir = rules_dir();
    let mut app = app_on(dir.path(), "Talks in Kiev today.");
    std::fs::write(dir.path().join("desk.toml"), broken()).unwrap();
    app.update(Action::Reloaded(spec(dir.path()).load()));
    let s = screen(&render(&app)).replace(&dir.path().display().to_string(), "[RULES]");
    insta::assert_snapshot!("reload_failed_100x30", s);
}

#[test]
fn a_failed_first_load_recovers_on_reload() {
    let dir = rules_dir();
    let mut app = App::new(
        "Talks in Kiev".into(),
        None,
        Err("x.toml:1:1: broken".into()),
        Some("bluesky"),
    );
    app.update(Action::Resize(100, 30));
    assert!(!app.rules_loaded());
    // Still broken: the first-load banner stays (clearing stays refused).
    app.update(Action::Reloaded(Err(
        tact::tui::runtime::reload::ReloadFailure {
            message: "x.toml:2:3: still broken".into(),
            count: 1,
        },
    )));
    assert_eq!(app.load_error.as_deref(), Some("x.toml:2:3: still broken"));
    app.update(ctrl('p'));
    assert!(app.dialog.is_none(), "clearing refused without rules");
    // Fixed: checked, on the platform asked for at start.
    app.update(Action::Reloaded(spec(dir.path()).load()));
    assert!(app.load_error.is_none());
    assert_eq!(app.current_platform().unwrap().id, "bluesky");
    assert_eq!(rules(&app), ["terms/kyiv"]);
    assert_eq!(app.findings[0].severity, Severity::Warn);
}

/// Rules that fail at start and load on a later reload: the account of `tact.toml` is
/// selected then, as it would have been at a good start (issue 15).
#[test]
fn a_failed_first_load_keeps_the_configured_account() {
    let dir = rules_dir();
    let mut app = App::new(
        "Talks in Kiev".into(),
        None,
        Err("x.toml:1:1: broken".into()),
        Some("bluesky"),
    );
    app.settings.accounts = vec![tact::load::config::Account {
        name: "Embassy (official)".into(),
        platform: "bluesky".into(),
        handle: "@EmbassyExample".into(),
        kind: "official".into(),
    }];
    app.update(Action::Resize(100, 30));
    assert!(app.current_account().is_none());
    app.update(Action::Reloaded(spec(dir.path()).load()));
    assert_eq!(app.current_platform().unwrap().id, "bluesky");
    assert_eq!(
        app.current_account().map(|a| a.name.as_str()),
        Some("Embassy (official)")
    );
}

#[test]
fn reload_keeps_the_platform() {
    let dir = rules_dir();
    let mut app = app_on(dir.path(), "hello");
    app.update(key(crossterm::event::KeyCode::F(2)));
    // Pick the second platform (Bluesky) in the F2 list.
    let i = app
        .targets()
        .iter()
        .position(|t| t.label.contains("Bluesky"))
        .unwrap();
    app.dialog = Some(Dialog::Target(i));
    app.update(key(crossterm::event::KeyCode::Enter));
    assert_eq!(app.current_platform().unwrap().id, "bluesky");
    app.update(Action::Reloaded(spec(dir.path()).load()));
    assert_eq!(app.current_platform().unwrap().id, "bluesky");
}

/// Waits (generously: 2-core CI) for one notification.
fn expect_change(rx: &std::sync::mpsc::Receiver<()>, what: &str) {
    rx.recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("no reload after {what}"));
    // Drain the rest of the burst.
    while rx.recv_timeout(Duration::from_millis(400)).is_ok() {}
}

#[test]
fn the_watcher_sees_writes_renames_and_config_edits() {
    let ws = tempfile::tempdir().unwrap();
    let rules = ws.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let config = ws.path().join("tact.toml");
    std::fs::write(&config, "builtin = false\nrules = [\"rules\"]\n").unwrap();
    std::fs::write(rules.join("desk.toml"), embargo()).unwrap();
    let spec = ReloadSpec {
        load: only(&[&rules]),
        config: Some(tact::tui::runtime::reload::ConfigSource {
            explicit: Some(config.clone()),
            ..Default::default()
        }),
    };
    assert_eq!(spec.load().expect("rules load").watch, spec.initial_watch());
    let (tx, rx) = channel();
    let _w = Watcher::start(spec.initial_watch(), move || {
        let _ = tx.send(());
    })
    .expect("watcher starts");

    std::fs::write(rules.join("desk.toml"), embargo().replace("10:00", "11:00")).unwrap();
    expect_change(&rx, "a plain write");

    // An editor's atomic save: write a temp file, rename it over the original.
    let tmp = rules.join(".desk.toml.tmp123");
    std::fs::write(&tmp, broken()).unwrap();
    std::fs::rename(&tmp, rules.join("desk.toml")).unwrap();
    expect_change(&rx, "a rename-over save");

    std::fs::write(
        &config,
        "builtin = false\nrules = [\"rules\"]\nplatform = \"x\"\n",
    )
    .unwrap();
    expect_change(&rx, "a config edit");

    // Unrelated files next to the config do not reload.
    std::fs::write(ws.path().join("notes.txt"), "x").unwrap();
    assert!(
        rx.recv_timeout(Duration::from_millis(1500)).is_err(),
        "an unrelated file reloaded the rules"
    );
}

#[test]
fn a_config_file_that_disappears_keeps_the_last_good_rules() {
    let ws = tempfile::tempdir().unwrap();
    let desk = ws.path().join("rules");
    std::fs::create_dir(&desk).unwrap();
    std::fs::write(desk.join("desk.toml"), embargo()).unwrap();
    let config = ws.path().join("tact.toml");
    std::fs::write(&config, "builtin = false\n").unwrap();
    let spec = ReloadSpec {
        load: only(&[&desk]),
        config: Some(tact::tui::ConfigSource {
            found: Some(config.clone()),
            extra_dirs: vec![desk.clone()],
            ..Default::default()
        }),
    };
    let mut app = app_on(&desk, "Embargoed until 10:00 tomorrow.");
    let before = rules(&app);
    assert_eq!(before, ["desk/embargo"], "the desk's rule flags the text");
    assert!(spec.load().is_ok(), "the config in place loads");
    std::fs::remove_file(&config).unwrap();
    let failure = spec
        .load()
        .expect_err("a vanished config is a failed reload");
    assert!(
        failure.message.contains("tact.toml") && failure.message.contains("removed"),
        "{}",
        failure.message
    );
    app.update(Action::Reloaded(Err(failure)));
    assert_eq!(rules(&app), before, "the last good rules stay in force");
    assert!(app.banner_shown(), "a banner says so");
    let s = screen(&render(&app));
    assert!(s.contains("RULES NOT RELOADED"), "{s}");
}

/// A reload that fails while the editor runs: the banner shows the first error cut to the
/// row, and the detail pane shows every error whole (wrapped) at 80×24, above the finding.
#[test]
fn a_failed_reload_shows_every_error_whole_in_the_detail_pane_at_80x24() {
    let dir = rules_dir();
    let mut app = app_on(dir.path(), "Talks in Kiev.");
    app.update(Action::Resize(80, 24));
    let bad = embargo().replacen("category = \"draft\"", "category = \"drafft\"", 1);
    assert_ne!(bad, embargo(), "the fixture names its category");
    std::fs::write(dir.path().join("desk.toml"), bad).unwrap();
    app.update(Action::Reloaded(spec(dir.path()).load()));
    let err = app.reload_error.clone().expect("reload error kept");
    let s = screen(&render(&app));
    assert!(s.contains("Rule errors · Detail"), "{s}");
    assert!(
        s.contains("see Rule errors"),
        "the banner points there, whole:\n{s}"
    );
    assert!(s.contains("did you mean `draft`?"), "{s}");
    // Scrolled (Alt+PgDn, as the hint bar says), the error's last words are reachable.
    app.update(key_mod(
        crossterm::event::KeyCode::PageDown,
        crossterm::event::KeyModifiers::ALT,
    ));
    let scrolled = screen(&render(&app));
    let tail = err
        .message
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap();
    assert!(scrolled.contains(tail), "{tail:?} not shown:\n{scrolled}");
    assert!(s.contains("last good rules stay in force"), "{s}");
}

/// Rules reloaded under the thread's gate: the thread is split again and shown in the
/// preview, and the justification typed so far comes back with the gate (issue 16).
#[test]
fn a_reload_under_the_thread_gate_keeps_the_justification() {
    use crossterm::event::KeyCode;
    let dir = rules_dir();
    let text = format!(
        "{}\n\nSECRET//NOFORN readout of the call.",
        crate::thread::statement()
    );
    let mut app = app_on(dir.path(), "");
    app.update(Action::Paste(text));
    app.update(ctrl('t'));
    app.update(key(KeyCode::Enter));
    assert!(matches!(&app.dialog, Some(Dialog::Publish(d)) if d.thread.is_some()));
    type_str(&mut app, "Approved by the ambassador");
    // A new rule file lands: the rules change under the open gate.
    std::fs::write(dir.path().join("desk.toml"), embargo()).unwrap();
    app.update(Action::Reloaded(spec(dir.path()).load()));
    let Some(Dialog::Thread(_)) = &app.dialog else {
        panic!("not back in the preview: {:?}", app.dialog)
    };
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("your justification is kept"), "{status}");
    app.update(key(KeyCode::Enter));
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("the gate did not reopen")
    };
    assert_eq!(d.justification.text(), "Approved by the ambassador");
    type_str(&mut app, " in writing");
    let Some(Dialog::Publish(d)) = &app.dialog else {
        panic!("the gate closed")
    };
    assert_eq!(
        d.justification.text(),
        "Approved by the ambassador in writing",
        "typing goes on at the end"
    );
}
