//! A table of broken rule files (issue "rule authoring", item 9; `reference/rule-engines.md`
//! §4 rows 17, 21, 22, 24, 25 among them): each must fail to load with an error that points
//! at the right line and column and says what to do. The rendered diagnostics are snapshots.

use tact::report::HumanReport;
use tact::rules::{LoadOptions, load_engine};

const HEAD: &str = "schema = 1\n[pack]\nid = \"desk\"\nversion = \"1\"\n\n[[rule]]\nid = \"r\"\n";
const BODY: &str =
    "kind = \"terms\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"m\"\nwhy = \"w\"\n";

/// `(name, file text, extra files, expected "line:col" of the first error, words the message must contain)`
type Case = (
    &'static str,
    String,
    Vec<(&'static str, &'static str)>,
    &'static str,
    &'static str,
);

fn cases() -> Vec<Case> {
    vec![
        ("toml_syntax", format!("{HEAD}{BODY}terms = [\"Blue Fern\"\n"), vec![], "13:21", "unclosed array"),
        ("misspelt_key", format!("{HEAD}{BODY}pattens = ['x']\n"), vec![], "13:1", "did you mean `patterns`"),
        ("rule_without_id", "schema = 1\n[pack]\nid = \"desk\"\n[[rule]]\nkind = \"terms\"\nterms = [\"x\"]\n".into(), vec![], "4:1", "has no `id`"),
        ("wrong_type", format!("{HEAD}kind = \"terms\"\ncategory = \"leak\"\nseverity = 3\nmessage = \"m\"\nterms = [\"x\"]\n"), vec![], "10:12", "wrong kind of value"),
        ("unknown_severity", format!("{HEAD}kind = \"terms\"\ncategory = \"leak\"\nseverity = \"critical\"\nmessage = \"m\"\nterms = [\"x\"]\n"), vec![], "10:12", "unknown variant `critical`"),
        ("unknown_kind", format!("{HEAD}kind = \"regex\"\n"), vec![], "8:8", "unknown variant `regex`"),
        ("unbalanced_paren", format!("{HEAD}kind = \"pattern\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"m\"\npatterns = ['Op(eration Sandpiper']\n"), vec![], "12:13", "unclosed group"),
        ("unknown_unicode_class", format!("{HEAD}kind = \"pattern\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"m\"\npatterns = ['\\p{{Klingon}}+']\n"), vec![], "12:13", "Unicode property not found"),
        ("pattern_too_large", format!("{HEAD}kind = \"pattern\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"m\"\npatterns = ['\\w{{1000}}{{100}}']\n"), vec![], "1:1", "exceeds size limit"),
        ("context_pattern_unusable", format!("{HEAD}{BODY}terms = [\"x\"]\ncontext = {{ requires = ['re:(?-u:\\xFF)'] }}\n"), vec![], "6:1", "context pattern `(?-u:\\xFF)` cannot be used: pattern can match invalid UTF-8"),
        ("look_around", format!("{HEAD}kind = \"pattern\"\ncategory = \"draft\"\nseverity = \"block\"\nmessage = \"m\"\npatterns = ['Embargoed(?!.*lifted)']\n"), vec![], "12:13", "context"),
        ("glob_pattern", format!("{HEAD}kind = \"pattern\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"m\"\npatterns = ['*Sandpiper']\n"), vec![], "12:13", "did you mean `.*Sandpiper`"),
        ("glob_exception", format!("{HEAD}{BODY}terms = [\"Sandpiper\"]\nexceptions = [\"*Sandpiper\"]\n"), vec![], "14:15", "not globs"),
        ("duplicate_id", format!("{HEAD}{BODY}terms = [\"a\"]\n\n[[rule]]\nid = \"r\"\n{BODY}terms = [\"b\"]\n"), vec![], "16:6", "duplicate rule id `desk/r`"),
        ("empty_terms", format!("{HEAD}{BODY}terms = []\n"), vec![], "6:1", "no terms"),
        ("empty_term", format!("{HEAD}{BODY}terms = [\"a\", \"  \"]\n"), vec![], "13:15", "empty term"),
        ("invisible_term", format!("{HEAD}{BODY}terms = [\"\\u200B\"]\n"), vec![], "13:10", "can never match"),
        ("terms_file_missing", format!("{HEAD}{BODY}terms-file = \"lists/none.txt\"\n"), vec![], "13:14", "does not exist"),
        ("terms_file_escapes", format!("{HEAD}{BODY}terms-file = \"../secret.txt\"\n"), vec![], "13:14", "inside the pack's folder"),
        ("hashed_list_bad_line", format!("{HEAD}{BODY}terms-sha256-file = \"c.sha256\"\n"), vec![("c.sha256", "# max-words: 1\nplain codename\n")], "6:1", "line 2: not a SHA-256 digest"),
        ("schema_version", "schema = 2\n[pack]\nid = \"desk\"\n".into(), vec![], "1:10", "unknown schema version 2"),
        ("bad_pack_id", "schema = 1\n[pack]\nid = \"Desk Rules\"\n".into(), vec![], "3:6", "invalid pack id"),
        ("bad_review_date", format!("{HEAD}{BODY}terms = [\"x\"]\nreview-by = \"next spring\"\n"), vec![], "14:13", "not a date"),
        ("unknown_unit", format!("{HEAD}kind = \"limit\"\ncategory = \"platform\"\nseverity = \"block\"\nmessage = \"m\"\nplatform = \"x\"\nunit = \"chars\"\nmax = 280\n"), vec![], "13:8", "unknown unit `chars`"),
        ("substitute_without_table", format!("{HEAD}kind = \"substitute\"\ncategory = \"terms\"\nseverity = \"warn\"\nmessage = \"m\"\n"), vec![], "6:1", "needs a `replace` table"),
        ("missing_message", format!("{HEAD}kind = \"terms\"\ncategory = \"leak\"\nseverity = \"block\"\nterms = [\"x\"]\n"), vec![], "6:1", "missing `message`"),
        ("extension_with_misspelt_id", "schema = 1\n[pack]\nid = \"classification\"\n[[rule]]\nid = \"us-baner\"\nexceptions = [\"UNCLASSIFIED summary\"]\n".into(), vec![], "4:1", "did you mean `classification/us-banner`"),
    ]
}

#[test]
fn every_broken_rule_file_is_an_error_with_position_and_advice() {
    let cases = cases();
    assert!(cases.len() >= 15);
    let report = HumanReport::new(false);
    let mut failures = Vec::new();
    for (name, text, extra, at, words) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("desk.toml"), &text).unwrap();
        for (f, content) in &extra {
            std::fs::write(dir.path().join(f), content).unwrap();
        }
        let builtin = name == "extension_with_misspelt_id";
        let opts = LoadOptions {
            builtin,
            dirs: vec![dir.path().to_path_buf()],
            ..Default::default()
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
        let dir_text = dir.path().display().to_string();
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
