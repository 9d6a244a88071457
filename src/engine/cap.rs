//! A cap on the findings one rule reports in one reading of a text: past
//! [`MAX_FINDINGS_PER_RULE`], a rule's further matches are only counted and reported as one
//! summary finding ("… and K more"), so that a pathological input (a million zero-width
//! joiners) costs bounded memory and yields a readable report. Fail closed: the summary keeps
//! the rule's id, category and severity, so a capped blocking rule still blocks.

use std::collections::HashMap;

use crate::kinds::CompiledRule;
use crate::model::{Finding, LineIndex};

/// How many findings of one rule one reading of a text lists; the rest are counted.
pub const MAX_FINDINGS_PER_RULE: usize = 100;

/// Per-rule counts of one reading: rule index → (findings listed, first unlisted span,
/// unlisted count).
#[derive(Debug, Default)]
pub(crate) struct RuleCaps {
    counts: HashMap<usize, Counted>,
}

#[derive(Debug, Default)]
struct Counted {
    listed: usize,
    first_unlisted: Option<(usize, usize)>,
    unlisted: usize,
}

impl RuleCaps {
    /// Counts a finding of rule `rule` at `start..end` (bytes); `true` when it is listed,
    /// `false` when the rule is past the cap (then only counted).
    pub(crate) fn admit(&mut self, rule: usize, start: usize, end: usize) -> bool {
        let c = self.counts.entry(rule).or_default();
        if c.listed < MAX_FINDINGS_PER_RULE {
            c.listed += 1;
            return true;
        }
        c.first_unlisted.get_or_insert((start, end));
        c.unlisted += 1;
        false
    }

    /// Adds one summary finding per capped rule to `out`, at the first unlisted match of
    /// `text`, with the rule's severity and the number of findings not listed.
    pub(crate) fn summaries(
        &self,
        rules: &[CompiledRule],
        text: &str,
        lines: &LineIndex,
        out: &mut Vec<Finding>,
    ) {
        let mut capped: Vec<_> = self.counts.iter().filter(|(_, c)| c.unlisted > 0).collect();
        capped.sort_by_key(|(i, _)| **i);
        for (&i, c) in capped {
            let rule = &rules[i];
            let (start, end) = c.first_unlisted.unwrap_or((0, 0));
            let (line, column) = lines.line_col(text, start);
            out.push(Finding {
                rule: rule.id.clone(),
                pack_version: rule.pack_version.clone(),
                category: rule.category,
                severity: rule.severity,
                start,
                end,
                line,
                column,
                matched: text[start..end].to_string(),
                message: format!(
                    "and {} more of {} from here on (not listed: only the first {} findings \
                     of a rule are)",
                    c.unlisted, rule.id, MAX_FINDINGS_PER_RULE
                ),
                why: rule.why.clone(),
                fixes: Vec::new(),
                tone: None,
            });
        }
    }
}
