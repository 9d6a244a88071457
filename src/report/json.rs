//! JSON Lines output of `tact check --format json` (DESIGN §6). Field names are a stable
//! contract: add fields, never rename.

use serde::Serialize;

use crate::model::{Finding, Fix, Severity, Totals};

/// One `{"type":"finding",…}` line.
#[derive(Serialize)]
struct FindingLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<usize>,
    rule: &'a str,
    category: &'a str,
    severity: Severity,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    #[serde(rename = "match")]
    matched: &'a str,
    message: &'a str,
    why: &'a str,
    pack_version: &'a str,
    fixes: &'a [Fix],
    #[serde(skip_serializing_if = "Option::is_none")]
    tone: Option<&'a crate::model::ToneExplanation>,
    /// For the summary of a rule past the cap: how many findings it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    more: Option<usize>,
}

/// Serialises one finding as a JSON line (no trailing newline). `path` is the input's name
/// (`-` for stdin); `record` the 1-based line number of a JSON Lines record, else `None`;
/// `part` the 1-based part of a thread (`tact check --thread`; the finding's spans are into
/// that part), else `None` and the field is left out. The summary of a rule past the cap
/// ([`Finding::unlisted`]) has `"more": K`, the number of findings it stands for.
pub fn finding_line(path: &str, record: Option<usize>, part: Option<usize>, f: &Finding) -> String {
    let line = FindingLine {
        kind: "finding",
        path,
        record,
        part,
        rule: &f.rule,
        category: f.category.as_str(),
        severity: f.severity,
        start: f.start,
        end: f.end,
        line: f.line,
        column: f.column,
        matched: &f.matched,
        message: &f.message,
        why: &f.why,
        pack_version: &f.pack_version,
        fixes: &f.fixes,
        tone: f.tone.as_ref(),
        more: f.unlisted(),
    };
    serde_json::to_string(&line).unwrap_or_default()
}

#[derive(Serialize)]
struct SummaryLine {
    #[serde(rename = "type")]
    kind: &'static str,
    files: usize,
    records: usize,
    /// Inputs or records that could not be read and were skipped (never "all clear").
    not_checked: usize,
    findings: Totals,
    max_severity: Option<Severity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_listed: Option<Totals>,
}

/// The final `{"type":"summary",…}` line: inputs given, texts checked, inputs or records
/// that could not be read (`not_checked`), finding lines per severity (`findings`: a rule's
/// summary past the cap counts once) and, when some rule was capped, the findings its
/// summaries stand for per severity (`not_listed`; left out when there are none).
pub fn summary_line(
    files: usize,
    records: usize,
    not_checked: usize,
    totals: &Totals,
    not_listed: &Totals,
) -> String {
    let s = SummaryLine {
        kind: "summary",
        files,
        records,
        not_checked,
        findings: *totals,
        max_severity: totals.max(),
        not_listed: not_listed.max().map(|_| *not_listed),
    };
    serde_json::to_string(&s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Applicability, Category, Edit};

    #[test]
    fn finding_line_has_contract_fields() {
        let f = Finding {
            rule: "terms/kyiv".into(),
            pack_version: "1".into(),
            category: Category::Terms,
            severity: Severity::Warn,
            start: 36,
            end: 40,
            line: 1,
            column: 37,
            matched: "Kiev".into(),
            message: "m".into(),
            why: "w".into(),
            fixes: vec![Fix {
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    start: 36,
                    end: 40,
                    replacement: "Kyiv".into(),
                }],
            }],
            tone: None,
        };
        let v: serde_json::Value =
            serde_json::from_str(&finding_line("-", None, None, &f)).unwrap();
        assert_eq!(v["type"], "finding");
        assert_eq!(v["record"], serde_json::Value::Null);
        assert_eq!(v["match"], "Kiev");
        assert_eq!(v["severity"], "warn");
        assert_eq!(v["fixes"][0]["applicability"], "safe");
        assert_eq!(v["fixes"][0]["edits"][0]["replacement"], "Kyiv");
        let s: serde_json::Value = serde_json::from_str(&summary_line(
            1,
            1,
            0,
            &Totals::of(&[f]),
            &Totals::default(),
        ))
        .unwrap();
        assert_eq!(s["findings"]["warn"], 1);
        assert_eq!(s["max_severity"], "warn");
        assert!(v.get("more").is_none() && s.get("not_listed").is_none());
    }
}

/// How serious a diagnostic about a rule source or the config is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticSeverity {
    /// The rules cannot be used (`tact` exits 2).
    Error,
    /// Worth fixing; the rules still load.
    Warning,
}

/// One `{"type":"diagnostic",…}` line of `tact rules check|test --format json` and
/// `tact config show --format json`.
#[derive(Serialize)]
struct DiagnosticLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    severity: DiagnosticSeverity,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
}

/// Serialises a diagnostic as a JSON line (no trailing newline): `file`, 1-based `line` and
/// `column` (in characters) of its start, `end_line`/`end_column` of its end (exclusive),
/// `severity`, `message`, `help` (null when there is no advice) and, for a failing example,
/// the `rule` id.
pub fn diagnostic_line(
    e: &crate::diag::RuleError,
    severity: DiagnosticSeverity,
    rule: Option<&str>,
) -> String {
    let (end_line, end_column) = if e.file_text.is_empty() {
        (e.line, e.column)
    } else {
        crate::model::line_col(&e.file_text, e.span.1)
    };
    let line = DiagnosticLine {
        kind: "diagnostic",
        severity,
        file: &e.file,
        line: e.line,
        column: e.column,
        end_line,
        end_column,
        message: &e.message,
        help: e.help.as_deref(),
        rule,
    };
    serde_json::to_string(&line).expect("a diagnostic serialises")
}
