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

/// The new-user trial's `riserv2.txt` (issue 16): `RISERVATO` on a line of its own, a
/// 228-character sentence, then a copy number that falls into the second part of the thread.
/// The whole text blocks (`weak-level-with-evidence`); each part alone only warns.
pub fn riserv2() -> String {
    let mut sentence = String::from(
        "The delegation discussed at length the prospects for regional cooperation, energy security and trade, and agreed to continue the technical dialogue in the coming weeks with meetings at the level of experts",
    );
    while sentence.len() < 227 {
        sentence.push_str(" too");
    }
    sentence.truncate(227);
    sentence.push('.');
    assert_eq!(sentence.chars().count(), 228);
    let text = format!(
        "RISERVATO\n{sentence} We thank our hosts for the meetings. Copia n. 3\nMore later."
    );
    assert_eq!(text.chars().count(), 298);
    text
}

/// `tact check ARGS riserv2.txt` (a file, as the trial ran it): exit code and stdout.
fn check_file(args: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("riserv2.txt");
    std::fs::write(&file, riserv2()).unwrap();
    let out = assert_cmd::Command::cargo_bin("tact")
        .unwrap()
        .arg("check")
        .args(args)
        .arg(&file)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

const EVIDENCE: &str = "classification-europe/weak-level-with-evidence";

#[test]
fn a_thread_keeps_a_block_of_the_whole_text_that_no_part_has_alone() {
    // The whole text blocks.
    let (code, whole) = check_file(&["--format", "json"]);
    assert_eq!(code, Some(1), "{whole}");
    let lines: Vec<serde_json::Value> = whole
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines
            .iter()
            .any(|v| v["rule"] == EVIDENCE && v["severity"] == "block"),
        "{whole}"
    );
    // Split in two, each part alone only warns; the thread still blocks, in part 1 where
    // the marking is, and the exit code says so.
    let s = riserv2();
    let parts = thread::split(&s, &[(Unit::XWeighted, 280)]).unwrap();
    assert_eq!(parts.len(), 2);
    assert!(parts[1].text.starts_with("Copia n. 3"), "{:?}", parts[1]);
    let (code, json) = check_file(&["--thread", "--format", "json"]);
    assert_eq!(code, Some(1), "{json}");
    let findings: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect();
    let blocks: Vec<_> = findings
        .iter()
        .filter(|v| v["severity"] == "block")
        .collect();
    assert_eq!(blocks.len(), 1, "{json}");
    let b = blocks[0];
    assert_eq!(b["rule"], EVIDENCE);
    assert_eq!(b["part"], 1);
    assert_eq!((b["start"].as_u64(), b["end"].as_u64()), (Some(0), Some(9)));
    assert_eq!(b["match"], "RISERVATO");
    assert_eq!(
        (b["line"].as_u64(), b["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .ends_with(tact::engine::WHOLE_TEXT_NOTE),
        "{b}"
    );
    assert!(b["why"].as_str().unwrap().contains("copy number"), "{b}");
    // The part findings are still there, and no length block: the thread resolves it.
    assert!(
        findings
            .iter()
            .any(|v| v["rule"] == "leaks/outgoing-number" && v["part"] == 2)
    );
    assert!(
        findings.iter().all(|v| v["rule"] != "platforms/x-length"),
        "{json}"
    );
    assert!(
        json.contains(r#""findings":{"block":1,"warn":2,"info":0}"#),
        "{json}"
    );
    // Human output prints it under part 1, with its reason.
    let (code, human) = check_file(&["--thread"]);
    assert_eq!(code, Some(1), "{human}");
    let part2 = human.find("part 2/2 (").unwrap();
    let block = human
        .find("block: classification level `RISERVATO` with a copy number")
        .unwrap();
    assert!(block < part2, "{human}");
    assert!(human[block..part2].contains("(part 1/2):1:1"), "{human}");
    assert!(
        human[block..part2].contains("why: A level word on its own line"),
        "{human}"
    );
    assert!(
        human.contains("1 block · 2 warn · 0 info in 1 file(s)"),
        "{human}"
    );
}
