//! Running every rule's examples (`tact rules test`): each `flag` example must produce a
//! finding of its rule (with the stated match and fix, if given), each `pass` example none.

use super::{CheckOptions, CompiledRule, Engine};
use crate::kinds::example::Example;
use crate::model::Finding;

/// One example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    /// Full rule id.
    pub rule: String,
    /// The example.
    pub example: Example,
    /// What was expected, in words.
    pub expected: String,
    /// What was found, in words (with spans).
    pub found: String,
}

/// The outcome of running examples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExampleReport {
    /// Examples that behaved as stated.
    pub passed: usize,
    /// Examples that did not.
    pub failures: Vec<ExampleFailure>,
    /// Disabled rules whose examples were not run.
    pub disabled: Vec<String>,
}

fn options_for(rule: &CompiledRule) -> CheckOptions {
    let platform = rule
        .matcher
        .platform()
        .map(str::to_string)
        .or_else(|| rule.platforms.first().cloned());
    CheckOptions {
        platform,
        ..Default::default()
    }
}

fn describe(found: &[&Finding]) -> String {
    if found.is_empty() {
        return "no finding".to_string();
    }
    found
        .iter()
        .map(|f| {
            let fix = f
                .fixes
                .first()
                .and_then(|x| x.edits.first())
                .map(|e| format!(", fix `{}`", e.replacement))
                .unwrap_or_default();
            format!(
                "`{}` at bytes {}..{}{fix}",
                crate::text::visible(&f.matched),
                f.start,
                f.end
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn check_flag(ex: &Example, found: &[&Finding]) -> Option<String> {
    let ok = found.iter().any(|f| {
        ex.matched.as_ref().is_none_or(|m| &f.matched == m)
            && ex.fix.as_ref().is_none_or(|x| {
                f.fixes
                    .first()
                    .and_then(|fx| fx.edits.first())
                    .is_some_and(|e| &e.replacement == x)
            })
    });
    if ok {
        return None;
    }
    let mut expected = "a finding".to_string();
    if let Some(m) = &ex.matched {
        expected.push_str(&format!(" on `{m}`"));
    }
    if let Some(x) = &ex.fix {
        expected.push_str(&format!(" with fix `{x}`"));
    }
    Some(expected)
}

/// Runs the examples of every rule of `engine`.
pub fn run_examples(engine: &Engine) -> ExampleReport {
    let mut report = ExampleReport::default();
    for rule in engine.rules() {
        if !rule.enabled {
            report.disabled.push(rule.id.clone());
            continue;
        }
        let opts = options_for(rule);
        let run = |ex: &Example| {
            engine
                .check(&ex.text, &opts)
                .into_iter()
                .filter(|f| f.rule == rule.id)
                .collect::<Vec<_>>()
        };
        for ex in &rule.examples.flag {
            let found = run(ex);
            match check_flag(ex, &found.iter().collect::<Vec<_>>()) {
                None => report.passed += 1,
                Some(expected) => report.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    example: ex.clone(),
                    expected,
                    found: describe(&found.iter().collect::<Vec<_>>()),
                }),
            }
        }
        for ex in &rule.examples.pass {
            let found = run(ex);
            if found.is_empty() {
                report.passed += 1;
            } else {
                report.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    example: ex.clone(),
                    expected: "no finding".to_string(),
                    found: describe(&found.iter().collect::<Vec<_>>()),
                });
            }
        }
    }
    report
}
