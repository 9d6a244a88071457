//! Rule authoring with no silent mistakes (issue 15): a folder named twice loads once,
//! `rules check` runs the examples, and the JSON diagnostics contract.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::rules::fixture;

fn tact() -> Command {
    Command::cargo_bin("tact").expect("tact binary builds")
}

#[test]
fn a_folder_named_in_the_config_and_on_the_command_line_loads_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("embassy")).unwrap();
    crate::support::rules::copy_tree(&fixture("authoring/embassy"), &dir.path().join("embassy"));
    std::fs::write(dir.path().join("tact.toml"), "rules = [\"./embassy\"]\n").unwrap();
    let abs = dir.path().join("embassy").display().to_string();
    for spelling in ["./embassy", "embassy/", "embassy", abs.as_str()] {
        for args in [
            vec!["rules", "check", spelling],
            vec!["--rules", spelling, "rules", "check"],
        ] {
            let out = tact().current_dir(dir.path()).args(&args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
            assert!(!err.contains("duplicate"), "{args:?}: {err}");
        }
    }
    // The examples of the folder's rule run once, not twice.
    let once = tact()
        .current_dir(dir.path())
        .args(["--no-builtin", "rules", "test"])
        .output()
        .unwrap();
    let twice = tact()
        .current_dir(dir.path())
        .args(["--no-builtin", "--rules", &abs, "rules", "test", "embassy/"])
        .output()
        .unwrap();
    let summary = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        summary(&once).ends_with(" passed, 0 failed"),
        "{}",
        summary(&once)
    );
    assert_eq!(summary(&once), summary(&twice));
    tact()
        .current_dir(dir.path())
        .args(["--rules", "./embassy", "config", "show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("rule directory 1:").count(1))
        .stdout(predicate::str::contains("rule directory 2:").not());
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// `rules check` runs every example: each failing one is an error at its line, saying what
/// suppressed the match (or which span was found instead); exit 2.
#[test]
fn rules_check_reports_each_failing_example_at_its_line_with_the_reason() {
    let out = tact()
        .args(["--no-builtin", "rules", "check", "--format", "json"])
        .arg(fixture("authoring/failing-reasons"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out.stdout);
    let expected = [
        (
            "p/by-exception",
            14,
            "the exception `arms embargo` covers the match",
        ),
        (
            "p/by-context-requires",
            26,
            "the context requires one of `airport` within 40 characters",
        ),
        (
            "p/by-context-excludes",
            38,
            "the context excludes `recipe`, which occurs within 40 characters",
        ),
        (
            "p/by-boundary",
            49,
            "`fern` occurs only inside a longer word",
        ),
        (
            "p/by-scope",
            60,
            "which `scopes = [\"text\", \"hashtag\"]` leaves out",
        ),
        ("p/wrong-span", 71, "found `Blue Fern` at bytes 0..9"),
    ];
    assert_eq!(lines.len(), expected.len() + 1, "{lines:?}");
    for ((rule, line, words), v) in expected.iter().zip(&lines) {
        assert_eq!(v["type"], "diagnostic");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["rule"], *rule);
        assert_eq!(v["line"], *line, "{v}");
        assert_eq!(v["column"], 18, "{v}");
        assert!(v["file"].as_str().unwrap().ends_with("p.toml"));
        let msg = v["message"].as_str().unwrap();
        assert!(msg.contains(words), "{rule}: {msg}");
        assert!(v["help"].as_str().is_some_and(|h| !h.is_empty()));
    }
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["ok"], false);
    assert_eq!(summary["errors"], 6);
    // The human form says the same at file:line:col, on stderr.
    tact()
        .args(["--no-builtin", "rules", "check"])
        .arg(fixture("authoring/failing-reasons"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("p.toml:14:18"))
        .stderr(predicate::str::contains(
            "the exception `arms embargo` covers the match",
        ));
    // `rules test` gives the reason too, and its JSON has the same diagnostics.
    tact()
        .args(["--no-builtin", "rules", "test"])
        .arg(fixture("authoring/failing-reasons"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "because:  the context excludes `recipe`",
        ));
    let out = tact()
        .args(["--no-builtin", "rules", "test", "--format", "json"])
        .arg(fixture("authoring/failing-reasons"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines[0]["line"], 14);
    assert_eq!(lines.last().unwrap()["failed"], 6);
    assert_eq!(lines.last().unwrap()["passed"], 6);
}

#[test]
fn json_diagnostics_of_a_broken_file_and_of_config_show() {
    let out = tact()
        .args(["--no-builtin", "rules", "check", "--format", "json"])
        .arg(fixture("diagnostics/misspelt_key"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out.stdout);
    let d = &lines[0];
    assert_eq!(d["type"], "diagnostic");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(13), Some(1))
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `patterns`")
    );
    assert_eq!(lines.last().unwrap()["ok"], false);
    let out = tact()
        .args(["--rules"])
        .arg(fixture("authoring/embassy"))
        .args(["config", "show", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out.stdout);
    let c = lines.last().unwrap();
    assert_eq!(c["type"], "config");
    assert_eq!(c["builtin"], true);
    assert_eq!(c["rule_directories"].as_array().unwrap().len(), 1);
    assert!(
        c["packs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "embassy")
    );
    assert_eq!(c["fingerprint"].as_str().unwrap().len(), 64);
}

/// Uzbek is written with the okina `ʻ` (U+02BB) and, as often, with `'`, `’`, `‘` or `ʼ`:
/// for terms they are one letter, whichever the rule or the post uses.
#[test]
fn the_uzbek_okina_and_the_apostrophes_are_one_letter_for_terms() {
    use tact::engine::{CheckOptions, load_engine};
    let engine = load_engine(&crate::support::rules::only(&[&fixture("authoring/uzbek")])).unwrap();
    for text in [
        "Yangi xizmat yoʻriqnomasi tayyor.",
        "Yangi xizmat yo'riqnomasi tayyor.",
        "Yangi xizmat yo’riqnomasi tayyor.",
        "Yangi xizmat yo‘riqnomasi tayyor.",
        "Yangi xizmat yoʼriqnomasi tayyor.",
    ] {
        let found = engine.check(text, &CheckOptions::default());
        let mut rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        rules.sort();
        assert_eq!(rules, ["uz/apostrophe", "uz/okina"], "{text}");
        for f in &found {
            assert_eq!(&text[f.start..f.end], f.matched);
            assert!(f.matched.starts_with("xizmat yo"), "{text}: {}", f.matched);
            assert!(f.matched.ends_with("riqnomasi"), "{text}: {}", f.matched);
        }
    }
    assert!(
        tact::engine::examples::run_examples(&engine)
            .failures
            .is_empty()
    );
}

/// A hashed list entry with the okina matches the post's apostrophe spelling, across the word
/// break the apostrophe makes (`max-words` counts it).
#[test]
fn a_hashed_okina_entry_matches_the_apostrophe_spelling() {
    use tact::engine::{CheckOptions, load_engine};
    let dir = tempfile::tempdir().unwrap();
    let hashed = tact::kinds::terms::hashed::hash_list("xizmat yoʻriqnomasi\n", "embassy");
    assert!(hashed.contains("# max-words: 3"), "{hashed}");
    std::fs::write(dir.path().join("codes.sha256"), hashed).unwrap();
    std::fs::write(
        dir.path().join("p.toml"),
        r#"schema = 1
[pack]
id = "p"
[[rule]]
id = "h"
kind = "terms"
category = "leak"
severity = "block"
message = "internal document"
why = "Internal."
terms-sha256-file = "codes.sha256"
examples.flag = ["Yangi xizmat yo'riqnomasi"]
examples.pass = ["xizmat safari"]
"#,
    )
    .unwrap();
    let engine = load_engine(&crate::support::rules::only(&[dir.path()])).unwrap();
    for text in ["Yangi xizmat yo'riqnomasi.", "Yangi Xizmat Yoʻriqnomasi."] {
        let found = engine.check(text, &CheckOptions::default());
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].start, "Yangi ".len());
    }
}

/// `replace-lists = true` with a `replace` table replaces a bundled substitution table (the
/// bundled entries are gone, the new ones are offered as safe fixes).
#[test]
fn replace_lists_replaces_a_bundled_substitution_table() {
    use tact::engine::{CheckOptions, load_engine};
    let engine = load_engine(&crate::support::rules::over_bundled(&[&fixture(
        "authoring/replace-table",
    )]))
    .unwrap();
    let rule = "terms/former-country-names";
    let found = |t: &str| {
        engine
            .check(t, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect::<Vec<_>>()
    };
    let zaire = found("Back from Zaire.");
    assert_eq!(zaire.len(), 1);
    assert_eq!(zaire[0].fixes[0].edits[0].replacement, "DR Congo");
    assert!(found("Back from Dahomey.").is_empty());
    assert_eq!(found("Tea from Ceylon.").len(), 1);
    let failures = tact::engine::examples::run_examples(&engine).failures;
    assert!(
        failures.iter().all(|f| f.rule != rule),
        "{:?}",
        failures
            .iter()
            .filter(|f| f.rule == rule)
            .collect::<Vec<_>>()
    );
}

/// `rules impact` reads the base with the same `tact.toml` (a disabled rule is disabled in
/// both, so it shows no change) and reports severity changes per rule.
#[test]
fn impact_uses_the_config_for_the_base_and_reports_severity_changes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tact.toml"),
        "disable = [\"terms/loaded-labels\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("past.jsonl"),
        "{\"text\":\"Talks in Kiev today.\"}\n{\"text\":\"The so-called elections.\"}\n{\"text\":\"All well.\"}\n",
    )
    .unwrap();
    let out = tact()
        .current_dir(dir.path())
        .arg("--rules")
        .arg(fixture("authoring/impact-severity"))
        .args(["rules", "impact", "past.jsonl"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "terms/kyiv: +0 newly flagged, -0 no longer flagged, ~1 changed severity (was 1, now 1)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("~ past.jsonl:1  `Kiev` warn → block"),
        "{stdout}"
    );
    assert!(!stdout.contains("loaded-labels"), "{stdout}");
    assert!(
        stdout.contains("1 rule(s) changed: 0 record(s) newly flagged, 0 no longer flagged, 1 changed severity, over 3 record(s)"),
        "{stdout}"
    );
}

/// `tact.toml` mistakes come all at once, each with the closest key.
#[test]
fn config_errors_come_all_at_once_with_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tact.toml"),
        "rulez = [\"x\"]\nbuiltn = false\n[publish]\noutbx = \"o\"\n[[account]]\nname = \"a\"\nplatform = \"x\"\nhandel = \"@a\"\n",
    )
    .unwrap();
    let out = tact()
        .current_dir(dir.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let mut last = 0;
    for (at, words) in [
        ("tact.toml:1:1", "did you mean `rules`?"),
        ("tact.toml:2:1", "did you mean `builtin`?"),
        ("tact.toml:4:1", "did you mean `outbox`?"),
        ("tact.toml:8:1", "did you mean `handle`?"),
    ] {
        let i = err.find(at).unwrap_or_else(|| panic!("no {at} in {err}"));
        assert!(i >= last, "{at} out of order: {err}");
        last = i;
        assert!(err[i..].contains(words), "{words}: {err}");
    }
    std::fs::write(
        dir.path().join("tact.toml"),
        "[publish]\nmin-justification = \"20\"\n",
    )
    .unwrap();
    tact()
        .current_dir(dir.path())
        .args(["config", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tact.toml:2:21"))
        .stderr(predicate::str::contains("a whole number, without quotes"));
}

/// A typo in a pack is one error: the `tact.toml` entry naming a rule of the broken file is
/// not reported as a second mistake.
#[test]
fn a_broken_pack_does_not_make_a_second_config_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tact.toml"),
        "disable = [\"desk/r\"]\n[severity]\n\"desk/r\" = \"info\"\n",
    )
    .unwrap();
    let out = tact()
        .current_dir(dir.path())
        .arg("--rules")
        .arg(fixture("diagnostics/misspelt_key"))
        .args(["rules", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown key `pattens`"), "{err}");
    assert!(!err.contains("tact.toml"), "{err}");
    assert!(err.contains("1 problem(s)"), "{err}");
}

/// `config show` lists the tone entries a folder adds and disables, and `explain` knows tone
/// entries (with where each is defined and disabled).
#[test]
fn config_show_and_explain_know_tone_entries() {
    let dir = fixture("tone/append-entry-and-disable-one");
    let out = tact()
        .arg("--rules")
        .arg(&dir)
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("(1 added by your folders, 1 disabled)"),
        "{shown}"
    );
    assert!(
        shown.contains("added insult/nincompoop (weight 3) at "),
        "{shown}"
    );
    assert!(
        shown.contains("append-entry-and-disable-one/tone.toml:8"),
        "{shown}"
    );
    assert!(shown.contains("disabled insult/clueless by "), "{shown}");
    assert!(
        shown.contains("append-entry-and-disable-one/tone.toml:5"),
        "{shown}"
    );
    tact()
        .arg("--rules")
        .arg(&dir)
        .args(["explain", "insult/clueless"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("category insult"))
        .stdout(predicate::str::contains("source:  bundled:tone.toml:"))
        .stdout(predicate::str::contains("disabled by "));
    let out = tact()
        .arg("--rules")
        .arg(&dir)
        .args(["config", "show", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(v["tone"][0]["added"][0]["id"], "insult/nincompoop");
    assert_eq!(v["tone"][0]["disabled"][0]["id"], "insult/clueless");
}

/// Over the bundled packs (several `limit` rules per platform), the help of an unknown
/// platform names each known id once.
#[test]
fn unknown_platform_help_names_each_platform_once() {
    let errors = crate::support::rules::load_errors(&crate::support::rules::over_bundled(&[
        &crate::support::rules::fixture("diagnostics/unknown_platform"),
    ]));
    let e = errors
        .0
        .iter()
        .find(|e| e.message.contains("unknown platform `twitter`"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    let help = e.help.as_deref().unwrap_or_default().to_string();
    let ids = help.rsplit("known ids: ").next().unwrap();
    let list: Vec<&str> = ids.split(", ").collect();
    let mut unique = list.clone();
    unique.dedup();
    unique.sort();
    unique.dedup();
    assert_eq!(list.len(), unique.len(), "{help}");
    assert!(list.contains(&"bluesky"), "{help}");
}
