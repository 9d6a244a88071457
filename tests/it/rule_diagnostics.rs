//! A table of broken rule files (issue "rule authoring", item 9; `reference/rule-engines.md`
//! §4 rows 17, 21, 22, 24, 25 among them): each must fail to load with an error that points
//! at the right line and column and says what to do. The rendered diagnostics are snapshots.
//! Each broken file is a folder of `tests/fixtures/diagnostics/`.

use tact::engine::load_engine;
use tact::report::HumanReport;

use crate::support::rules::{fixture, only, over_bundled};

/// `(case, expected "line:col" of the first error, words the message must contain)`; the
/// broken file of each case is `tests/fixtures/diagnostics/<case>/desk.toml` (with any list
/// file it names next to it).
const CASES: &[(&str, &str, &str)] = &[
    ("toml_syntax", "13:21", "unclosed array"),
    ("misspelt_key", "13:1", "did you mean `patterns`"),
    ("rule_without_id", "4:1", "has no `id`"),
    ("wrong_type", "10:12", "wrong kind of value"),
    (
        "unknown_severity",
        "10:12",
        "`critical` is not one of the values this key takes; use one of: info, warn, block",
    ),
    (
        "unknown_kind",
        "8:8",
        "`regex` is not one of the values this key takes; use one of: terms,",
    ),
    ("unbalanced_paren", "12:13", "unclosed group"),
    (
        "unknown_unicode_class",
        "12:13",
        "Unicode property not found",
    ),
    ("pattern_too_large", "1:1", "exceeds size limit"),
    (
        "context_pattern_unusable",
        "6:1",
        "context pattern `(?-u:\\xFF)` cannot be used: pattern can match invalid UTF-8",
    ),
    ("look_around", "12:13", "context"),
    ("glob_pattern", "12:13", "did you mean `.*Sandpiper`"),
    ("glob_exception", "14:15", "not globs"),
    ("duplicate_id", "16:6", "duplicate rule id `desk/r`"),
    ("empty_terms", "13:1", "no terms"),
    ("empty_term", "13:15", "empty term"),
    ("invisible_term", "13:10", "can never match"),
    ("terms_file_missing", "13:14", "does not exist"),
    ("terms_file_escapes", "13:14", "inside the pack's folder"),
    (
        "hashed_list_bad_line",
        "2:1",
        "line 2 of the hashed list: not a SHA-256 digest",
    ),
    ("schema_version", "1:10", "unknown schema version 2"),
    ("bad_pack_id", "3:6", "invalid pack id"),
    ("bad_review_date", "14:13", "not a date"),
    ("unknown_unit", "13:8", "unknown unit `chars`"),
    ("substitute_without_table", "6:1", "needs a `replace` table"),
    ("missing_message", "6:1", "missing `message`"),
    (
        "old_replace_flag",
        "12:11",
        "`replace = true` is the old spelling of `replace-lists = true`",
    ),
    (
        "extension_with_misspelt_id",
        "4:1",
        "did you mean `classification/us-banner`",
    ),
    // Issue 15: mistakes that used to load with exit 0.
    ("unknown_platform", "13:19", "unknown platform `twitter`"),
    (
        "terms_file_symlink",
        "12:14",
        "is a symbolic link to a file outside the pack's folder",
    ),
    (
        "tone_category_typo",
        "7:6",
        "no earlier layer defines the tone category `insults`",
    ),
    (
        "unknown_placeholder",
        "10:11",
        "the message placeholder `{matchh}` is not filled in",
    ),
    (
        "other_group_name",
        "12:13",
        "the group `hits` has no meaning",
    ),
    ("empty_match_pattern", "12:13", "matches the empty text"),
    ("every_post_pattern", "12:13", "matches every post"),
    (
        "duplicate_pack_id",
        "3:6",
        "the pack `desk` is already defined by",
    ),
    (
        "conflicting_safe_fixes",
        "16:1",
        "offers the safe fix `Kyjiw` for `kiev`, and rule `desk/kyiv` offers `Kyiv`",
    ),
    ("hashed_list_no_salt", "5:1", "has no `# salt:` line"),
    ("not_utf8", "10:15", "not UTF-8 text: byte 114 (0xE9)"),
    (
        "plain_whole_number",
        "14:7",
        "the text \"280\" where a whole number, without quotes",
    ),
    (
        "plain_replace_value",
        "12:11",
        "`replace` is a table from the form to avoid to the form to use",
    ),
];

/// Cases whose broken file extends a bundled pack, so they load the bundled packs too.
const OVER_BUNDLED: &[&str] = &["extension_with_misspelt_id", "tone_category_typo"];

/// `(case, expected "line:col" of the first warning, words it must contain)`: harmless
/// mistakes that load, with a warning at the right place; the files are
/// `tests/fixtures/diagnostics-warnings/<case>/`.
const WARNING_CASES: &[(&str, &str, &str)] = &[
    ("missing_why", "5:1", "has no `why`"),
    (
        "pack_id_not_file_name",
        "3:6",
        "the pack id `embassy` differs from the file name `desk.toml`",
    ),
    ("pack_without_rules", "3:6", "has no rules"),
    (
        "toml_in_subfolder",
        "1:1",
        "is in a sub-folder of [DIR] and is not loaded",
    ),
];

#[test]
fn every_harmless_mistake_is_a_warning_with_position_and_advice() {
    let mut folders: Vec<String> = std::fs::read_dir(fixture("diagnostics-warnings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut names: Vec<&str> = WARNING_CASES.iter().map(|c| c.0).collect();
    names.sort();
    assert_eq!(folders, names);
    let report = HumanReport::new(false);
    let mut failures = Vec::new();
    for &(name, at, words) in WARNING_CASES {
        let dir = fixture(&format!("diagnostics-warnings/{name}"));
        let dir_text = dir.display().to_string();
        let engine = match load_engine(&only(&[&dir])) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("case {name}: did not load: {e}"));
                continue;
            }
        };
        let Some(first) = engine.warnings().first() else {
            failures.push(format!("case {name}: no warning"));
            continue;
        };
        let shown = format!("{}:{}", first.line, first.column);
        if shown != at {
            failures.push(format!(
                "case {name}: warning at {shown}, expected {at}: {first}"
            ));
        }
        if !first.message.replace(&dir_text, "[DIR]").contains(words) {
            failures.push(format!("case {name}: `{first}` lacks `{words}`"));
        }
        if first.help.is_none() {
            failures.push(format!("case {name}: no advice: {first}"));
        }
        let rendered: String = engine
            .warnings()
            .iter()
            .map(|e| report.warning(e))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(&dir_text, "[DIR]");
        insta::assert_snapshot!(format!("warning_{name}"), rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_broken_rule_file_is_an_error_with_position_and_advice() {
    assert!(CASES.len() >= 15);
    let mut folders: Vec<String> = std::fs::read_dir(fixture("diagnostics"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut names: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    names.sort();
    assert_eq!(
        folders, names,
        "every fixture folder is a case and every case has one"
    );
    let report = HumanReport::new(false);
    let mut failures = Vec::new();
    for &(name, at, words) in CASES {
        let dir = fixture(&format!("diagnostics/{name}"));
        // The misspelt extension names a bundled rule, so that case loads the bundled packs.
        let opts = if OVER_BUNDLED.contains(&name) {
            over_bundled(&[&dir])
        } else {
            only(&[&dir])
        };
        let Err(errs) = load_engine(&opts) else {
            failures.push(format!(
                "case {name}: the broken file loaded without an error"
            ));
            continue;
        };
        let first = &errs.0[0];
        let shown = format!("{}:{}", first.line, first.column);
        if !shown.starts_with(at) {
            failures.push(format!(
                "case {name}: error at {shown}, expected {at}: {first}"
            ));
        }
        if !first.to_string().contains(words) {
            failures.push(format!("case {name}: `{first}` lacks `{words}`"));
        }
        if first.help.is_none() {
            failures.push(format!("case {name}: no advice: {first}"));
        }
        let dir_text = dir.display().to_string();
        let rendered: String = errs
            .0
            .iter()
            .map(|e| report.error(e))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(&dir_text, "[DIR]");
        insta::assert_snapshot!(name, rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
