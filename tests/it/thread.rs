//! `tact check --thread` (issue 16 item 6): a statement over the platform's limit is split at
//! sentence boundaries into numbered parts, each within the limit in the platform's unit, and
//! each part is checked as it will be posted.

use std::path::PathBuf;

use tact::platform::{Unit, count, thread};

/// A statement of about 900 characters made of real posts from the corpus (no links, no
/// mentions, each a whole sentence), then one sentence that names Kiev.
pub fn statement() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/benign-posts.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is required: {e}", path.display()));
    let mut s = String::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let p = v["text"].as_str().unwrap().replace('\n', " ");
        if p.len() > 120 && p.ends_with('.') && !p.contains("http") && !p.contains('@') {
            if s.len() + p.len() > 880 {
                break;
            }
            s.push_str(&p);
            s.push(' ');
        }
    }
    assert!(s.len() > 700, "{}", s.len());
    s.push_str("Our thoughts are with the people of Kiev tonight.");
    s
}

fn run(args: &[&str], input: &str) -> std::process::Output {
    assert_cmd::Command::cargo_bin("tact")
        .unwrap()
        .args(["check", "--thread"])
        .args(args)
        .arg("-")
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn a_900_character_statement_on_x_is_a_four_part_thread_within_280() {
    let s = statement();
    assert!(count(Unit::XWeighted, &s) > 3 * 280, "{}", s.len());
    let parts = thread::split(&s, &[(Unit::XWeighted, 280)]).unwrap();
    assert_eq!(parts.len(), 4);
    for (i, p) in parts.iter().enumerate() {
        assert!(count(Unit::XWeighted, &p.text) <= 280, "{}", p.text);
        assert!(p.text.ends_with(&format!(" {}/4", i + 1)));
        // Sentence boundaries: every part ends with a full stop before its number.
        assert!(
            p.text
                .trim_end_matches(&format!(" {}/4", i + 1))
                .ends_with('.')
        );
    }
}

#[test]
fn json_findings_carry_their_part_and_spans_into_it() {
    let s = statement();
    let out = run(&["--format", "json"], &s);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let parts = thread::split(&s, &[(Unit::XWeighted, 280)]).unwrap();
    let kyiv: serde_json::Value = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["rule"] == "terms/kyiv")
        .unwrap_or_else(|| panic!("no Kyiv finding: {stdout}"));
    let part = kyiv["part"].as_u64().unwrap() as usize;
    assert_eq!(part, parts.len());
    let (start, end) = (
        kyiv["start"].as_u64().unwrap() as usize,
        kyiv["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&parts[part - 1].text[start..end], "Kiev");
    // No limit finding: every part fits.
    assert!(!stdout.contains("\"category\":\"platform\""), "{stdout}");
}

#[test]
fn human_output_prints_each_part_and_a_short_post_is_unchanged() {
    let s = statement();
    let out = run(&[], &s);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for i in 1..=4 {
        assert!(stdout.contains(&format!("part {i}/4 (")), "{stdout}");
    }
    assert!(stdout.contains("<stdin> (part 4/4):1:"), "{stdout}");
    let short = run(
        &["--format", "json"],
        "Our thoughts are with the people of Kiev tonight.",
    );
    let stdout = String::from_utf8_lossy(&short.stdout);
    assert!(stdout.contains("\"part\":1,"), "{stdout}");
    assert!(stdout.contains("\"start\":36,"), "{stdout}");
}

#[test]
fn without_a_platform_with_limits_it_says_what_to_add() {
    let out = run(&["--platform", "nowhere"], "Text.");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown platform"));
}
