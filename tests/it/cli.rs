//! End-to-end tests of the `tact` command line: exit codes, stdin, JSON Lines input, the
//! JSON contract (DESIGN §6), broken rule files and bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::support::rules::fixture;

fn tact() -> Command {
    Command::cargo_bin("tact").expect("tact binary builds")
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn kiev_gives_a_safe_kyiv_fix_at_bytes_36_40() {
    let out = tact()
        .args(["check", "--format", "json", "-"])
        .write_stdin("Our thoughts are with the people of Kiev tonight.\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let f = lines
        .iter()
        .find(|v| v["rule"] == "terms/kyiv")
        .expect("a terms/kyiv finding");
    assert_eq!(f["type"], "finding");
    assert_eq!(f["path"], "-");
    assert_eq!(f["record"], Value::Null);
    assert_eq!(f["category"], "terms");
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(36), Some(40))
    );
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(37))
    );
    assert_eq!(f["match"], "Kiev");
    assert_eq!(f["fixes"][0]["applicability"], "safe");
    assert_eq!(f["fixes"][0]["edits"][0]["start"], 36);
    assert_eq!(f["fixes"][0]["edits"][0]["end"], 40);
    assert_eq!(f["fixes"][0]["edits"][0]["replacement"], "Kyiv");
    let summary = lines.last().expect("summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["records"], 1);
    assert!(summary["findings"]["warn"].as_u64().unwrap() >= 1);
}

#[test]
fn secret_noforn_blocks_with_exit_1() {
    let out = tact()
        .args(["check", "--format", "json", "-"])
        .write_stdin("SECRET//NOFORN\nReadout of the minister's call.\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert!(
        lines
            .iter()
            .any(|v| v["category"] == "leak" && v["severity"] == "block" && v["start"] == 0)
    );
    assert_eq!(lines.last().unwrap()["max_severity"], "block");
}

#[test]
fn human_output_shows_position_rule_underline_and_fix() {
    tact()
        .env("NO_COLOR", "1")
        .args(["check", "-"])
        .write_stdin("Our thoughts are with the people of Kiev tonight.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("<stdin>:1:37"))
        .stdout(predicate::str::contains("[terms/kyiv]"))
        .stdout(predicate::str::contains("━━━━"))
        .stdout(predicate::str::contains("Kyiv"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn fail_on_warn_turns_warnings_into_exit_1() {
    tact()
        .args(["check", "--fail-on", "warn", "-"])
        .write_stdin("The people of Kiev.")
        .assert()
        .code(1);
    tact()
        .args(["check", "--fail-on", "warn", "-"])
        .write_stdin("The people of Kyiv.")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn an_empty_input_is_named_as_empty_not_as_clear() {
    tact()
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "no findings in 1 file(s); <stdin> is empty: nothing to check",
        ));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, " \n").unwrap();
    std::fs::write(&b, "").unwrap();
    tact()
        .arg("check")
        .arg(&a)
        .arg(&b)
        .assert()
        .stdout(predicate::str::contains("2 inputs are empty ("));
}

#[test]
fn jsonl_records_carry_their_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("archive.jsonl");
    std::fs::write(
        &p,
        "{\"text\":\"All well.\"}\n\n{\"text\":\"Visit to Kiev.\"}\n",
    )
    .unwrap();
    let out = tact()
        .args(["check", "--format", "json", "--jsonl", "text"])
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let f = lines.iter().find(|v| v["rule"] == "terms/kyiv").unwrap();
    assert_eq!(f["record"], 3);
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(9), Some(13))
    );
    assert_eq!(lines.last().unwrap()["records"], 2);
}

#[test]
fn jsonl_bad_record_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.jsonl");
    std::fs::write(&p, "{\"text\":\"ok\"}\n{\"body\":\"no text\"}\n").unwrap();
    tact()
        .args(["check", "--jsonl", "text"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.jsonl:2"))
        .stderr(predicate::str::contains("`text`"));
}

#[test]
fn jsonl_starting_with_a_byte_order_mark_reads_its_first_record() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bom.jsonl");
    std::fs::write(
        &p,
        "\u{feff}{\"text\":\"Visit to Kiev.\"}\n{\"text\":\"All well.\"}\n",
    )
    .unwrap();
    let out = tact()
        .args(["check", "--format", "json", "--jsonl", "text"])
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    let f = lines.iter().find(|v| v["rule"] == "terms/kyiv").unwrap();
    assert_eq!(f["record"], 1);
    assert_eq!(lines.last().unwrap()["records"], 2);
}

#[test]
fn jsonl_record_with_a_repeated_key_is_rejected_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dup.jsonl");
    // Readers that keep the first value see the harmless text, serde the last one.
    std::fs::write(
        &p,
        "{\"text\":\"All well.\"}\n{\"text\":\"Visit to Kiev.\",\"text\":\"All well.\"}\n",
    )
    .unwrap();
    let out = tact()
        .args(["check", "--jsonl", "text"])
        .arg(&p)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dup.jsonl:2: not a valid record:"), "{err}");
    assert!(err.contains("`text`"), "{err}");
    assert!(err.contains("record skipped"), "{err}");
}

#[test]
fn misspelt_key_names_file_line_and_column_exit_2() {
    tact()
        .args(["--rules", "tests/fixtures/broken-key", "check", "-"])
        .write_stdin("hello")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "tests/fixtures/broken-key/embassy.toml:12:1",
        ))
        .stderr(predicate::str::contains("unknown key `mesage`"))
        .stderr(predicate::str::contains("did you mean `message`"));
}

#[test]
fn look_around_is_rejected_with_a_hint() {
    tact()
        .args(["--rules", "tests/fixtures/broken-regex", "rules", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("embassy.toml:14:13"))
        .stderr(predicate::str::contains("exceptions"));
}

#[test]
fn non_utf8_input_names_file_and_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    std::fs::write(&p, b"Caf\xe9 in Kiev").unwrap();
    tact()
        .arg("check")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latin1.txt"))
        .stderr(predicate::str::contains("offset 3"));
}

#[test]
fn missing_file_is_an_error_not_a_clean_result() {
    tact()
        .args(["check", "no-such-post.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-post.txt"));
}

#[test]
fn unknown_platform_is_a_usage_error() {
    tact()
        .args(["check", "--platform", "myspace", "-"])
        .write_stdin("hello")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bluesky"));
}

#[test]
fn layering_extends_bundled_rule_and_adds_terms_file() {
    let out = tact()
        .args([
            "--rules",
            "tests/fixtures/extend",
            "check",
            "--format",
            "json",
            "-",
        ])
        .write_stdin("From Kieff: operation Granite\nOwl is on.")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let kyiv = lines
        .iter()
        .find(|v| v["rule"] == "terms/kyiv")
        .expect("extended kyiv rule");
    assert_eq!(kyiv["match"], "Kieff");
    assert_eq!(kyiv["pack_version"], "2026.11-embassy");
    let code = lines
        .iter()
        .find(|v| v["rule"] == "terms/codename")
        .expect("codename rule");
    assert_eq!(code["match"], "Granite\nOwl");
    tact()
        .args(["--rules", "tests/fixtures/extend", "rules", "test"])
        .assert()
        .code(0);
}

#[test]
fn rules_test_passes_on_bundled_packs() {
    tact()
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" passed, 0 failed"));
}

#[test]
fn rules_test_reports_a_failing_example() {
    tact()
        .args(["--no-builtin", "rules", "test"])
        .arg(fixture("failing-example"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL p/word"))
        .stdout(predicate::str::contains("no such word here"))
        .stdout(predicate::str::contains("1 passed, 1 failed"));
}

#[test]
fn rules_list_and_explain() {
    tact()
        .args(["rules", "list", "--format", "json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"id\":\"terms/kyiv\""));
    tact()
        .args(["explain", "terms/kyiv"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("bundled:terms.toml:"));
    tact().args(["explain", "terms/nope"]).assert().code(2);
}

#[test]
fn broken_pipe_exits_quietly() {
    let big = "Kiev. ".repeat(20_000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tact"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(big.as_bytes()).unwrap();
    }
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn hashed_codename_list_matches_without_revealing_entries() {
    let dir = tempfile::tempdir().unwrap();
    let secure = tempfile::tempdir().unwrap();
    let plain = secure.path().join("codenames.txt");
    std::fs::write(
        &plain,
        "# codenames\nGranite Owl\nSilent Harbour Three\nCobalt Heron\n",
    )
    .unwrap();
    let hashed = dir.path().join("codenames.sha256");
    tact()
        .args(["rules", "hash-list", "--salt", "desk", "-o"])
        .arg(&hashed)
        .arg(&plain)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let list = std::fs::read_to_string(&hashed).unwrap().to_lowercase();
    assert!(
        ["granite", "harbour", "owl", "cobalt", "heron"]
            .iter()
            .all(|w| !list.contains(w))
    );
    // The rule naming the hashed list, next to it.
    std::fs::copy(
        fixture("hashed-codenames/desk.toml"),
        dir.path().join("desk.toml"),
    )
    .unwrap();
    let out = tact()
        .arg("--rules")
        .arg(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin(
            "Talks on silent\u{00A0}HARBOUR\nthree went well. Granite Owl\u{2019}s trip too.",
        )
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
    let f = json_lines(&out.stdout)
        .into_iter()
        .find(|v| v["rule"] == "desk/codenames")
        .expect("hashed match");
    assert_eq!(f["match"], "silent\u{00A0}HARBOUR\nthree");
    assert!(
        !text.contains("cobalt") && !text.contains("heron"),
        "an unmatched entry leaked: {text}"
    );
    let all = json_lines(&out.stdout);
    assert!(
        all.iter()
            .any(|v| v["rule"] == "desk/codenames" && v["match"] == "Granite Owl"),
        "the possessive `Granite Owl’s` was missed"
    );
}

#[test]
fn config_applies_and_config_show_explains() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tact.toml"),
        "disable = [\"tone\"]\n[severity]\n\"terms/kyiv\" = \"block\"\n",
    )
    .unwrap();
    tact()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("IDIOTS in Kiev!!!")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[terms/kyiv]"))
        .stdout(predicate::str::contains("[tone/").not());
    tact()
        .current_dir(dir.path())
        .args(["config", "show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "severity warn → block by tact.toml:3",
        ))
        .stdout(predicate::str::contains("disabled by tact.toml:1"));
    std::fs::write(
        dir.path().join("tact.toml"),
        "disable = [\"tone/no-such-rule\"]\n",
    )
    .unwrap();
    tact()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tact.toml:1:12"));
}

#[test]
fn impact_preview_reports_newly_flagged_records() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("past.jsonl");
    std::fs::write(
        &archive,
        "{\"text\":\"Visit to Kieff.\"}\n{\"text\":\"All well.\"}\n",
    )
    .unwrap();
    tact()
        .args(["--rules", "tests/fixtures/extend", "rules", "impact"])
        .arg(&archive)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "terms/kyiv: +1 newly flagged, -0 no longer flagged",
        ))
        .stdout(predicate::str::contains("past.jsonl:1  `Kieff`"));
}

#[test]
fn past_review_date_is_a_warning_not_an_error() {
    tact()
        .args(["rules", "check"])
        .arg(fixture("past-review-date"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("was due for review on 2020-01-31"))
        .stderr(predicate::str::contains("p.toml:12:13"));
}

#[test]
fn batch_output_is_identical_single_threaded_and_parallel() {
    let run = |threads: &str| {
        tact()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "check",
                "--format",
                "json",
                "--jsonl",
                "text",
                "../shared/corpus/benign-posts.jsonl",
            ])
            .assert()
            // 1: some of these real posts carry blocking tone (explicit threats, profanity).
            .code(predicate::in_iter([0, 1]))
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    let lines = json_lines(&one);
    assert_eq!(lines.last().unwrap()["records"], 4285);
    assert_eq!(one, run("2"));
}

#[test]
fn a_file_ending_in_a_line_break_fits_exactly_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("post.txt");
    std::fs::write(&p, format!("{}\n", "A".repeat(280))).unwrap();
    tact()
        .arg("check")
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
    std::fs::write(&p, format!("{}\n", "A".repeat(281))).unwrap();
    tact()
        .arg("check")
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("281"));
}

#[test]
fn one_unreadable_input_does_not_hide_the_findings_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("s.txt");
    std::fs::write(&good, "SECRET//NOFORN\n").unwrap();
    let out = tact()
        .args(["check", "--format", "json"])
        .arg(&good)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"))
        .get_output()
        .stdout
        .clone();
    assert!(json_lines(&out).iter().any(|v| v["severity"] == "block"));
}

#[test]
fn a_summary_never_reads_all_clear_when_an_input_was_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("c.txt");
    std::fs::write(&clean, "Thank you for a warm welcome.\n").unwrap();
    let missing = dir.path().join("nope.txt");
    tact()
        .arg("check")
        .arg(&clean)
        .arg(&missing)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "NOT all checked: 1 file(s) could not be read",
        ))
        // Only the file read is counted as checked.
        .stdout(predicate::str::contains("no findings in 1 file(s)"));
    let out = tact()
        .args(["check", "--format", "json"])
        .arg(&clean)
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let summary = json_lines(&out).pop().unwrap();
    assert_eq!(summary["not_checked"], 1);
    let archive = dir.path().join("a.jsonl");
    std::fs::write(
        &archive,
        "{\"text\":\"Hello\"}\nnot json\n{\"text\":\"Bye\"}\n",
    )
    .unwrap();
    tact()
        .args(["check", "--jsonl", "text"])
        .arg(&archive)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "NOT all checked: 1 record(s) could not be read",
        ));
}

/// A text over 8 MiB is not checked and says why (exit 2, "NOT all checked"), instead of
/// taking minutes and gigabytes; the other inputs are still checked.
#[test]
fn a_text_over_8_mib_is_reported_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Kiev ".repeat((8 << 20) / 5 + 1)).unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "Talks in Kiev.").unwrap();
    let out = assert_cmd::Command::cargo_bin("tact")
        .unwrap()
        .arg("check")
        .arg(&big)
        .arg(&small)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is over 8 MiB"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("NOT all checked"), "{stdout}");
    assert!(stdout.contains("small.txt:1:10"), "{stdout}");
}
