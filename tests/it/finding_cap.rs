//! The per-rule finding cap through `tact check` (issue 17 item 5): past 100 findings of one
//! rule in one text, the rest are counted into one summary finding ("and K more …") that
//! keeps the rule's severity, so a huge pathological input gives a bounded report and a
//! capped blocking rule still fails the check.

use assert_cmd::Command;
use serde_json::Value;

use crate::support::rules::fixture;

fn tact() -> Command {
    let mut c = Command::cargo_bin("tact").expect("tact binary builds");
    c.env("TACT_NOW", "2026-12-02T12:00:00Z");
    c
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn a_million_zero_width_joiners_list_100_findings_and_count_the_rest() {
    // `a` + ZWJ a million times: 999,999 joiners between two letters and the last at the
    // end of the text, a million findings.
    let text = "a\u{200D}".repeat(1_000_000);
    let out = tact()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let zw: Vec<&Value> = lines
        .iter()
        .filter(|v| v["rule"] == "hidden/zero-width-in-word")
        .collect();
    assert_eq!(zw.len(), 101, "100 listed and one summary");
    let summaries: Vec<&&Value> = zw.iter().filter(|v| v.get("more").is_some()).collect();
    assert_eq!(summaries.len(), 1);
    let s = summaries[0];
    assert_eq!(s["more"], 999_900);
    assert_eq!(s["severity"], "warn");
    // At the 101st joiner: byte 1 + 100 × 4, column 202.
    assert_eq!(
        (s["start"].as_u64(), s["column"].as_u64()),
        (Some(401), Some(202))
    );
    assert!(
        s["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("and 999900 more")),
        "{s}"
    );
    let summary = lines.last().expect("summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["findings"]["warn"], 101);
    assert_eq!(summary["not_listed"]["warn"], 999_900);
    assert_eq!(summary["not_listed"]["block"], 0);
    // The length of X blocks (it is one finding however long the text).
    assert_eq!(summary["findings"]["block"], 1);
}

/// A folder with only the editor fixture's blocking banner rule (no platform limits).
fn banner_rules() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        fixture("editor").join("classification.toml"),
        dir.path().join("classification.toml"),
    )
    .expect("copy the banner pack");
    dir
}

#[test]
fn a_capped_blocking_rule_still_fails_the_check_and_says_so_in_the_human_summary() {
    let rules = banner_rules();
    let text = "SECRET//NOFORN\n".repeat(150);
    let out = tact()
        .args(["check", "--no-builtin", "--rules"])
        .arg(rules.path())
        .args(["--fail-on", "block", "-"])
        .write_stdin(text.clone())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let human = String::from_utf8_lossy(&out);
    let summaries: Vec<&str> = human
        .lines()
        .filter(|l| l.contains("and 50 more like this from here on"))
        .collect();
    assert_eq!(summaries.len(), 1, "{human}");
    assert!(summaries[0].starts_with("block:"), "{}", summaries[0]);
    let last = human.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("101 block · 0 warn · 0 info in 1 file(s) (and 50 block not listed:"),
        "{last}"
    );
    // JSON: 100 banners and the summary, all blocking.
    let out = tact()
        .args(["check", "--format", "json", "--no-builtin", "--rules"])
        .arg(rules.path())
        .arg("-")
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let banners: Vec<&Value> = lines
        .iter()
        .filter(|v| v["rule"] == "classification/us-banner")
        .collect();
    assert_eq!(banners.len(), 101);
    assert!(banners.iter().all(|v| v["severity"] == "block"));
    assert_eq!(lines.last().expect("summary")["not_listed"]["block"], 50);
}
