//! The `[tone]` schema: errors point at file:line:col, a later `--rules` layer extends the
//! bundled tone pack (entries append, one entry can be disabled), and `tact rules eval` works.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use tact::engine::CheckOptions;

use crate::support::rules::{fixture, load, load_errors, over_bundled};

/// The tone layer `tests/fixtures/tone/<name>` (a `tone.toml` extending the bundled pack).
fn layer(name: &str) -> PathBuf {
    fixture(&format!("tone/{name}"))
}

/// The load errors of the bundled packs with tone layer `name` on top.
fn errors(name: &str) -> String {
    load_errors(&over_bundled(&[&layer(name)])).to_string()
}

#[test]
fn unknown_key_points_at_line_and_column() {
    let e = errors("unknown-key");
    assert!(e.contains("tone.toml:6:"), "{e}");
    assert!(
        e.contains("unknown field `weigth`") || e.contains("unknown key `weigth`"),
        "{e}"
    );
}

#[test]
fn bad_pattern_duplicate_id_and_unknown_disable_are_errors() {
    let e = errors("bad-pattern-duplicate-id-unknown-disable");
    assert!(
        e.contains("tone.toml:9:") && e.contains("invalid pattern"),
        "{e}"
    );
    assert!(
        e.contains("duplicate tone entry id `insult/buffoon`") && e.contains("tone.toml:10:"),
        "{e}"
    );
    assert!(
        e.contains("tone.toml:5:") && e.contains("insult/no-such-entry"),
        "{e}"
    );
}

#[test]
fn weight_out_of_range_is_an_error() {
    let e = errors("weight-out-of-range");
    assert!(
        e.contains("tone.toml:6:") && e.contains("out of range"),
        "{e}"
    );
}

#[test]
fn later_layer_appends_entries_and_disables_one() {
    let engine = load(&over_bundled(&[&layer("append-entry-and-disable-one")]));
    let check = |t: &str| {
        engine
            .check(t, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.tone.is_some())
            .collect::<Vec<_>>()
    };
    let f = check("Their minister is a nincompoop.");
    assert!(
        f.iter().any(|f| f
            .tone
            .as_ref()
            .unwrap()
            .contributions
            .iter()
            .any(|c| c.entry == "insult/nincompoop")),
        "{f:#?}"
    );
    let g = check("Their minister is clueless.");
    assert!(
        g.iter().all(|f| f
            .tone
            .as_ref()
            .unwrap()
            .contributions
            .iter()
            .all(|c| c.entry != "insult/clueless")),
        "{g:#?}"
    );
    // The bundled entries are still there.
    assert!(!check("Their minister is a buffoon.").is_empty());
    let rule = engine.rule("tone/undiplomatic").unwrap();
    assert!(
        rule.examples
            .flag
            .iter()
            .any(|e| e.text.contains("nincompoop"))
    );
}

#[test]
fn rules_eval_reports_figures_per_kind_and_a_genuine_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("labelled.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"a\",\"text\":\"Their minister is a buffoon.\",\"tone_ok\":false,\"kind\":\"insult\"}\n\
         {\"id\":\"b\",\"text\":\"We condemn the attack.\",\"tone_ok\":true,\"kind\":\"condemnation\"}\n\
         {\"id\":\"c\",\"text\":\"The meeting is on Tuesday.\",\"tone_ok\":false,\"kind\":\"sarcasm\"}\n",
    )
    .unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .args(["rules", "eval"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("precision 1.000  recall 0.500"))
        .stdout(predicate::str::contains("condemnation"))
        .stdout(predicate::str::contains("c [sarcasm] miss"))
        .stdout(predicate::str::ends_with("2 passed, 1 failed\n"));
}

#[test]
fn rules_eval_rejects_unlabelled_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    std::fs::write(&file, "{\"text\":\"x\"}\n").unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .args(["rules", "eval"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn insults_of_a_leader_block_by_default_and_config_severity_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("post.txt");
    std::fs::write(
        &post,
        "The Marovian trade minister is an incompetent buffoon.\n",
    )
    .unwrap();
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .arg("--config")
        .arg(&empty)
        .arg("check")
        .arg(&post)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("block: Criticise the decision"));
    let cfg = dir.path().join("tact.toml");
    std::fs::write(&cfg, "[severity]\n\"tone/undiplomatic\" = \"warn\"\n").unwrap();
    Command::cargo_bin("tact")
        .unwrap()
        .arg("--config")
        .arg(&cfg)
        .arg("check")
        .arg(&post)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(", strong)"));
}

#[test]
fn a_broken_learned_layer_is_an_error_naming_the_line() {
    let e = errors("learned-bad");
    assert!(
        e.contains("tone.toml:6:")
            && e.contains("`warn` 1.5 of `[tone.learned]` is not a probability"),
        "{e}"
    );
    assert!(
        e.contains("tone.toml:9:") && e.contains("learned weight `slow clap` = 99 is not usable"),
        "{e}"
    );
}

/// A script name the Unicode database does not know is an error at its place, with the
/// names to use; a known one is accepted.
#[test]
fn an_unknown_tone_script_is_an_error_naming_the_line() {
    let e = errors("script-unknown");
    assert!(
        e.contains("tone.toml:5:22") && e.contains("unknown script `Klingon`"),
        "{e}"
    );
    assert!(!e.contains("unknown script `Hebrew`"), "{e}");
}

/// A desk that does not want the learned word weights switches them off in a layer. The
/// post (from `tone-dev-large.jsonl`) has one lexicon hit below `warn` ("coming from a
/// country"); the bundled learned weights raise it to `warn`, and without them it is only `info`.
#[test]
fn a_layer_can_switch_the_learned_weights_off() {
    let text = "Freedonia's concern about our elections is touching, coming from a country \
                where money buys every seat in parliament.";
    let opts = CheckOptions::default();
    let tone = |e: &tact::engine::Engine| -> Vec<String> {
        e.check(text, &opts)
            .into_iter()
            .filter(|f| f.rule == "tone/undiplomatic" && f.severity >= tact::model::Severity::Warn)
            .map(|f| f.message)
            .collect()
    };
    let bundled = tone(&load(&over_bundled(&[])));
    assert_eq!(bundled.len(), 1, "{bundled:?}");
    assert!(
        bundled[0].contains("(learned wording)") && bundled[0].contains("raised to warn"),
        "{bundled:?}"
    );
    assert_eq!(
        tone(&load(&over_bundled(&[&layer("learned-off")]))),
        Vec::<String>::new()
    );
}

/// A temp folder holding `ours.jsonl`: the first 60 posts of `tone-real-dev.jsonl` (a desk's
/// own small labelled file). Keep the folder alive.
fn sixty_labelled_posts() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::fs::read_to_string("../shared/corpus/tone-real-dev.jsonl")
        .expect("the shared corpus must be present");
    let posts: String = corpus.lines().take(60).map(|l| format!("{l}\n")).collect();
    let file = dir.path().join("ours.jsonl");
    std::fs::write(&file, posts).unwrap();
    (dir, file)
}

/// `rules fit … --output FOLDER/tone-fitted.toml` as rules/README.md shows it: the folder
/// is made when it does not exist, and the layer is then in force with `--rules FOLDER`.
/// The labelled posts are the first 60 of `tone-real-dev.jsonl`.
#[test]
fn rules_fit_writes_into_a_new_folder_that_then_loads() {
    let (dir, file) = sixty_labelled_posts();
    let out = dir.path().join("embassy-rules/tone-fitted.toml");
    Command::cargo_bin("tact")
        .unwrap()
        .args(["rules", "fit"])
        .arg(&file)
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    let layer = std::fs::read_to_string(&out).unwrap();
    assert!(layer.contains("[tone.learned]"), "{layer}");
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["tone-fitted.toml"], "no temporary file left");
    // The layer loads and is in force: its own block threshold is the one the (capped)
    // insult reaches.
    let thresholds = layer
        .lines()
        .find_map(|l| l.strip_prefix("thresholds = "))
        .expect("the layer sets the thresholds");
    let value = |key: &str| -> f64 {
        thresholds
            .split(&format!("{key} = "))
            .nth(1)
            .and_then(|r| r.split([',', ' ']).next())
            .unwrap()
            .parse()
            .unwrap()
    };
    let block = value("block");
    assert!(
        (block - 0.457).abs() > 0.005,
        "differs from the bundled one: {thresholds}"
    );
    Command::cargo_bin("tact")
        .unwrap()
        .arg("--rules")
        .arg(out.parent().unwrap())
        .args(["check", "-"])
        .write_stdin("Their negotiators are clueless.\n")
        .assert()
        .stdout(predicate::str::starts_with("warn:"))
        .stdout(predicate::str::contains(format!("≥ {block:.2}, strong)")));
}

/// A fit on a desk's 60 posts keeps what the posts cannot decide: they hold no sentence that
/// may block, so the block threshold in force stays (raised only to stay above the fitted
/// warn threshold; an insult of a minister still blocks),
/// the info threshold comes down so that every pack example still passes, and the fit says
/// both, and that 60 posts are few.
#[test]
fn a_fit_on_few_posts_keeps_the_block_threshold_and_the_pack_examples() {
    let (dir, file) = sixty_labelled_posts();
    let rules = dir.path().join("desk");
    Command::cargo_bin("tact")
        .unwrap()
        .args(["rules", "fit"])
        .arg(&file)
        .arg("--output")
        .arg(rules.join("tone-fitted.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("note: only 60 labelled posts"))
        .stdout(predicate::str::contains(
            "note: block threshold kept at 0.537 from the rules in force, raised from 0.457",
        ));
    Command::cargo_bin("tact")
        .unwrap()
        .arg("--rules")
        .arg(&rules)
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
    Command::cargo_bin("tact")
        .unwrap()
        .arg("--rules")
        .arg(&rules)
        .args(["check", "-"])
        .write_stdin("The Foreign Minister of Estovia is an idiot.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("block:"));
}
