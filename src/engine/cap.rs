//! The cap on the findings of one rule in the check of one text
//! ([`MAX_FINDINGS_PER_RULE`]): while a reading is checked, a rule's matches past the cap are
//! only counted (no finding is made, so memory stays bounded); once every reading is merged,
//! each capped rule gets one summary finding ([`Finding::unlisted_summary`]) that says how
//! many were not listed.
//!
//! What the cap changes beyond the list: tone capitals inside a marking are exempt
//! (`refine_findings`) only inside the markings that are listed, so in a text where a marking
//! rule is capped, capitals inside its unlisted matches can add tone findings. That errs on
//! the side of more findings, never fewer.

use std::collections::HashMap;

use crate::kinds::CompiledRule;
use crate::model::{Finding, LineIndex, MAX_FINDINGS_PER_RULE, Severity, Unlisted};

/// Matches of one rule that one reading of a text counted but did not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Capped {
    /// Rule index into the engine's rules.
    pub rule: usize,
    /// The severity the matches would have had as findings.
    pub severity: Severity,
    /// Byte spans of the matches not listed, sorted; into the text of the reading until
    /// [`merge_capped`] maps them to the checked text.
    pub spans: Vec<(usize, usize)>,
}

/// Per-rule counts of one reading: how many findings each rule has listed, and the spans of
/// the matches it counted past the cap.
#[derive(Debug, Default)]
pub(crate) struct RuleCaps {
    counts: HashMap<usize, (usize, Vec<(usize, usize)>)>,
}

impl RuleCaps {
    /// Counts a finding of rule `rule` at `start..end` (bytes); `true` when it is listed,
    /// `false` when the rule is past the cap (then only its span is kept).
    pub(crate) fn admit(&mut self, rule: usize, start: usize, end: usize) -> bool {
        let (listed, spans) = self.counts.entry(rule).or_default();
        if *listed < MAX_FINDINGS_PER_RULE {
            *listed += 1;
            return true;
        }
        spans.push((start, end));
        false
    }

    /// What was counted past the cap, by rule index, with each rule's severity.
    pub(crate) fn into_capped(self, rules: &[CompiledRule]) -> Vec<Capped> {
        let mut v: Vec<Capped> = self
            .counts
            .into_iter()
            .filter(|(_, (_, spans))| !spans.is_empty())
            .map(|(rule, (_, mut spans))| {
                spans.sort_unstable();
                Capped {
                    rule,
                    severity: rules[rule].severity,
                    spans,
                }
            })
            .collect();
        v.sort_by_key(|c| c.rule);
        v
    }
}

/// The spans of the findings already reported for a text, by rule id: a later reading's
/// finding that overlaps one of its rule is not new.
#[derive(Debug, Default)]
pub(crate) struct Reported {
    by_rule: HashMap<String, Vec<(usize, usize)>>,
}

impl Reported {
    /// The spans of `findings`.
    pub(crate) fn new(findings: &[Finding]) -> Reported {
        let mut r = Reported::default();
        for f in findings {
            r.add(&f.rule, f.start, f.end);
        }
        r
    }

    /// Whether a finding of rule `rule` overlaps `start..end`. At most about
    /// [`MAX_FINDINGS_PER_RULE`] spans per rule and reading are looked at.
    pub(crate) fn covers(&self, rule: &str, start: usize, end: usize) -> bool {
        self.by_rule
            .get(rule)
            .is_some_and(|v| v.iter().any(|&(s, e)| s < end && start < e))
    }

    /// Records a finding of rule `rule` at `start..end`.
    pub(crate) fn add(&mut self, rule: &str, start: usize, end: usize) {
        match self.by_rule.get_mut(rule) {
            Some(v) => v.push((start, end)),
            None => {
                self.by_rule.insert(rule.to_string(), vec![(start, end)]);
            }
        }
    }
}

/// Sorted spans with the running maximum of their ends: an overlap test in O(log n).
pub(crate) struct Spans {
    spans: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl Spans {
    /// Indexes `spans` (in any order).
    pub(crate) fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |m, &(_, e)| {
                *m = e.max(*m);
                Some(*m)
            })
            .collect();
        Spans { spans, max_end }
    }

    /// Whether some span overlaps `start..end`.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.spans.partition_point(|&(s, _)| s < end);
        i > 0 && self.max_end[i - 1] > start
    }
}

/// Adds what a later reading of a text counted past the cap (`more`) to `capped`: each span
/// mapped to the checked text by `map` (`None`: not a match of the text), and kept only when
/// it is not empty and overlaps no finding of its rule in `reported`, no match already
/// counted for the rule, and no span kept before it. `severity` turns a rule's severity into
/// the one the reading's findings get (a hashtag: at most `warn`).
pub(crate) fn merge_capped(
    rules: &[CompiledRule],
    capped: &mut Vec<Capped>,
    more: Vec<Capped>,
    reported: &Reported,
    map: impl Fn(usize, usize) -> Option<(usize, usize)>,
    severity: impl Fn(Severity) -> Severity,
) {
    for c in more {
        let id = rules[c.rule].id.as_str();
        let mut known: Vec<(usize, usize)> = reported.by_rule.get(id).cloned().unwrap_or_default();
        for k in capped.iter().filter(|k| k.rule == c.rule) {
            known.extend_from_slice(&k.spans);
        }
        let known = Spans::new(known);
        let mut mapped: Vec<(usize, usize)> = c
            .spans
            .iter()
            .filter_map(|&(s, e)| map(s, e))
            .filter(|&(s, e)| s < e && !known.overlaps(s, e))
            .collect();
        mapped.sort_unstable();
        let mut spans = Vec::with_capacity(mapped.len());
        let mut kept_until = 0;
        for (s, e) in mapped {
            if spans.is_empty() || s >= kept_until {
                spans.push((s, e));
                kept_until = kept_until.max(e);
            }
        }
        if !spans.is_empty() {
            capped.push(Capped {
                rule: c.rule,
                severity: severity(c.severity),
                spans,
            });
        }
    }
}

/// What one summary finding adds up.
struct Acc {
    /// The rule's index, when the rule is one of the engine's.
    rule: Option<usize>,
    /// A finding of the rule that is not listed (for a rule not among the engine's).
    example: Option<Finding>,
    first: (usize, usize),
    count: usize,
    severity: Severity,
}

impl Acc {
    fn add(&mut self, start: usize, end: usize, count: usize, severity: Severity) {
        self.first = self.first.min((start, end));
        self.count += count;
        self.severity = self.severity.max(severity);
    }
}

/// Ends the cap for one text: of `out` (the findings of every reading of `text`, sorted by
/// position) at most [`MAX_FINDINGS_PER_RULE`] per rule are kept, in text order; the rest,
/// with the matches the readings counted (`capped`, spans into `text`), become one summary
/// finding per rule at its first unlisted match, with the highest severity of what it
/// counts and of the rule's listed findings. `out` stays sorted by (start, end, rule id).
pub(crate) fn finish(
    rules: &[CompiledRule],
    text: &str,
    out: &mut Vec<Finding>,
    capped: Vec<Capped>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let over: Vec<bool> = out
        .iter()
        .map(|f| {
            let n = seen.entry(f.rule.as_str()).or_default();
            *n += 1;
            *n > MAX_FINDINGS_PER_RULE
        })
        .collect();
    drop(seen);
    if capped.is_empty() && !over.contains(&true) {
        return;
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    for c in capped {
        let Some(&(start, end)) = c.spans.first() else {
            continue;
        };
        acc.entry(rules[c.rule].id.clone())
            .or_insert_with(|| Acc {
                rule: Some(c.rule),
                example: None,
                first: (start, end),
                count: 0,
                severity: c.severity,
            })
            .add(start, end, c.spans.len(), c.severity);
    }
    let all = std::mem::take(out);
    for (f, over) in all.into_iter().zip(over) {
        if !over {
            out.push(f);
            continue;
        }
        let a = acc.entry(f.rule.clone()).or_insert_with(|| {
            let rule = rules.iter().position(|r| r.id == f.rule);
            Acc {
                rule,
                example: None,
                first: (f.start, f.end),
                count: 0,
                severity: f.severity,
            }
        });
        a.add(f.start, f.end, 1, f.severity);
        if a.rule.is_none() && a.example.is_none() {
            a.example = Some(f);
        }
    }
    for f in out.iter() {
        if let Some(a) = acc.get_mut(&f.rule) {
            a.severity = a.severity.max(f.severity);
        }
    }
    let lines = LineIndex::new(text);
    let mut acc: Vec<(String, Acc)> = acc.into_iter().collect();
    acc.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, a) in acc {
        let (start, end) = a.first;
        let (pack_version, category, why) = match (a.rule, &a.example) {
            (Some(i), _) => (&rules[i].pack_version, rules[i].category, &rules[i].why),
            (None, Some(f)) => (&f.pack_version, f.category, &f.why),
            (None, None) => continue,
        };
        let u = Unlisted {
            rule: &id,
            pack_version,
            category,
            severity: a.severity,
            why,
            start,
            end,
            line_col: lines.line_col(text, start),
            count: a.count,
        };
        out.push(Finding::unlisted_summary(&u, text));
    }
    out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::engine::{CheckOptions, Engine, engine_from_sources};
    use crate::schema::RuleSource;

    /// One blocking `pattern` rule for `SECRET//…` banners.
    fn banner_engine() -> Engine {
        let src = RuleSource {
            name: "desk.toml".into(),
            text: Arc::from(
                "schema = 1\n[pack]\nid = \"desk\"\nversion = \"1\"\n\n[[rule]]\nid = \"banner\"\nkind = \"pattern\"\ncategory = \"leak\"\nseverity = \"block\"\nmessage = \"banner `{match}`\"\nwhy = \"w\"\npatterns = ['(?m)^SECRET//[A-Z]+']\n",
            ),
            dir: None,
            layer: 0,
        };
        engine_from_sources(&[src], &Default::default()).expect("the test pack loads")
    }

    #[test]
    fn past_the_cap_a_rule_lists_100_findings_and_one_summary_with_the_rest() {
        let line = "SECRET//NOFORN\n";
        let text = line.repeat(250);
        let findings = banner_engine().check(&text, &CheckOptions::default());
        assert_eq!(findings.len(), MAX_FINDINGS_PER_RULE + 1);
        let (summaries, listed): (Vec<&Finding>, Vec<&Finding>) =
            findings.iter().partition(|f| f.unlisted().is_some());
        assert_eq!(listed.len(), 100);
        assert_eq!(summaries.len(), 1);
        let s = summaries[0];
        assert_eq!(s.unlisted(), Some(150));
        assert_eq!(s.rule, "desk/banner");
        assert_eq!(
            s.severity,
            Severity::Block,
            "a capped blocking rule still blocks"
        );
        // At the 101st banner: line 101, and listed are lines 1 to 100.
        assert_eq!((s.line, s.column, s.start), (101, 1, 100 * line.len()));
        assert_eq!(s.matched, "SECRET//NOFORN");
        assert!(listed.iter().all(|f| f.line <= 100));
        // Exactly at the cap nothing is summarised.
        let at_cap = banner_engine().check(&line.repeat(100), &CheckOptions::default());
        assert_eq!(at_cap.len(), 100);
        assert!(at_cap.iter().all(|f| f.unlisted().is_none()));
    }

    #[test]
    fn merged_readings_are_trimmed_to_the_cap_and_counted_with_the_readings_counts() {
        let engine = banner_engine();
        let line = "SECRET//NOFORN\n";
        let text = line.repeat(130);
        let mut out = engine.check(&text, &CheckOptions::default());
        assert_eq!(out.len(), 101);
        // As if a second reading had added the 30 capped ones as findings, and counted 20
        // more past its own cap from line 120.
        out.retain(|f| f.unlisted().is_none());
        let extra: Vec<Finding> = (100..130)
            .map(|i| Finding {
                start: i * line.len(),
                end: i * line.len() + 14,
                line: i + 1,
                severity: Severity::Warn,
                ..out[0].clone()
            })
            .collect();
        out.extend(extra);
        let capped = vec![Capped {
            rule: 0,
            severity: Severity::Block,
            spans: (119..139)
                .map(|i| (i * line.len(), i * line.len() + 14))
                .collect(),
        }];
        finish(engine.rules(), &text, &mut out, capped);
        assert_eq!(out.len(), 101);
        let s = out
            .iter()
            .find(|f| f.unlisted().is_some())
            .expect("a summary");
        assert_eq!(s.unlisted(), Some(50));
        assert_eq!((s.line, s.severity), (101, Severity::Block));
        assert!(out.is_sorted_by_key(|f| f.start));
    }
}
