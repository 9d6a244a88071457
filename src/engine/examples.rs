//! Running every rule's examples (`tact rules test`): each `flag` example must produce a
//! finding of its rule (with the stated match and fix, if given), each `pass` example none.

use super::{CheckOptions, CompiledRule, Engine};
use crate::kinds::example::Example;
use crate::kinds::filter::Needle;
use crate::model::Finding;
use crate::model::Scope;

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
    /// For a flag example that found nothing: what suppressed the match (an exception, the
    /// `context`, the `scopes`, a word boundary), in words, when it can be told.
    pub reason: Option<String>,
}

impl ExampleFailure {
    /// Whether the example was a `flag` example (else `pass`).
    pub fn is_flag(&self) -> bool {
        self.expected != "no finding"
    }

    /// The failure as an error at the example's place in its rule file, with the reason.
    pub fn to_error(&self) -> crate::diag::RuleError {
        let kind = if self.is_flag() { "flag" } else { "pass" };
        let mut msg = format!(
            "rule `{}`: {kind} example \"{}\" failed: expected {}, found {}",
            self.rule,
            crate::text::visible(&self.example.text),
            self.expected,
            self.found
        );
        if let Some(r) = &self.reason {
            msg.push_str(&format!(" ({r})"));
        }
        let help = if self.is_flag() {
            "make the rule find this text, or move the example to `examples.pass` if it should not be flagged"
        } else {
            "add an exception or context so the rule leaves this text alone, or move the example to `examples.flag`"
        };
        self.example.error(msg).with_help(help)
    }
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
                    reason: if found.is_empty() {
                        why_missed(engine, rule, ex, &opts)
                    } else {
                        None
                    },
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
                    reason: None,
                });
            }
        }
    }
    report
}

/// Whether `rule` (changed by `change`, in a copy of `engine`) finds something in `ex`.
fn finds_with(
    engine: &Engine,
    rule: &CompiledRule,
    ex: &Example,
    opts: &CheckOptions,
    change: impl FnOnce(&mut CompiledRule),
) -> bool {
    let mut copy = engine.clone();
    let Some(r) = copy.rules.iter_mut().find(|r| r.id == rule.id) else {
        return false;
    };
    change(r);
    copy.check(&ex.text, opts).iter().any(|f| f.rule == rule.id)
}

fn needle_text(n: &Needle) -> String {
    match n {
        Needle::Term(t) => format!("`{t}`"),
        Needle::Re(p) => format!("`re:{}`", p.source),
    }
}

/// Why a flag example of `rule` found nothing: the exception, `context` entry or `scopes`
/// that dropped the match, or a term found only inside a longer word. `None` when the rule
/// simply does not match the text.
fn why_missed(
    engine: &Engine,
    rule: &CompiledRule,
    ex: &Example,
    opts: &CheckOptions,
) -> Option<String> {
    if !rule.exceptions.is_empty() && finds_with(engine, rule, ex, opts, |r| r.exceptions.clear()) {
        let culprit = rule.exceptions.iter().find(|e| {
            !finds_with(engine, rule, ex, opts, |r| {
                r.exceptions = vec![(*e).clone()]
            })
        });
        return Some(match culprit {
            Some(e) => format!("the exception `{e}` covers the match"),
            None => "the rule's `exceptions` cover the match".to_string(),
        });
    }
    if let Some(c) = &rule.context
        && finds_with(engine, rule, ex, opts, |r| r.context = None)
    {
        let culprit = c.excludes.iter().find(|n| {
            !finds_with(engine, rule, ex, opts, |r| {
                if let Some(rc) = r.context.as_mut() {
                    rc.requires.clear();
                    rc.excludes = vec![(*n).clone()];
                }
            })
        });
        return Some(match culprit {
            Some(n) => format!(
                "the context excludes {}, which occurs within {} characters of the match",
                needle_text(n),
                c.window
            ),
            None => format!(
                "the context requires one of {} within {} characters of the match, and none is there",
                c.requires
                    .iter()
                    .map(needle_text)
                    .collect::<Vec<_>>()
                    .join(", "),
                c.window
            ),
        });
    }
    let all = [
        Scope::Text,
        Scope::Url,
        Scope::Mention,
        Scope::Hashtag,
        Scope::Cashtag,
        Scope::Email,
    ];
    if rule.scopes.len() < all.len()
        && finds_with(engine, rule, ex, opts, |r| r.scopes = all.to_vec())
    {
        return Some(format!(
            "the match is in a link, @mention, #hashtag, $cashtag or e-mail address, which `scopes = [{}]` leaves out",
            rule.scopes
                .iter()
                .map(|s| format!("\"{}\"", s.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let folded = crate::text::fold_str(&ex.text);
    rule.matcher
        .term_keys()
        .into_iter()
        .find(|(exact, key)| {
            !key.is_empty()
                && if *exact {
                    ex.text.contains(key.as_str())
                } else {
                    folded.contains(key.as_str())
                }
        })
        .map(|(_, key)| {
            format!(
                "`{key}` occurs only inside a longer word: terms match whole words (set `boundary = \"none\"` to match inside words)"
            )
        })
}
