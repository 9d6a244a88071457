//! The gate decision: may a text with these findings be cleared (DESIGN §11)?

use crate::model::{Finding, Severity};

/// What the gate says about a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Gate<'a> {
    /// Clearing is impossible (rules failed to load); the reason.
    Refused(String),
    /// No blocking findings: confirm and clear.
    Clear,
    /// Blocking findings: fix them, or justify overriding them.
    NeedsJustification {
        /// The blocking findings, in text order.
        blocking: Vec<&'a Finding>,
    },
}

/// Decides the gate for `findings`. `rules_loaded == false` always refuses (fail closed).
pub fn decide(rules_loaded: bool, findings: &[Finding]) -> Gate<'_> {
    if !rules_loaded {
        return Gate::Refused(
            "rules failed to load: nothing was checked, so nothing can be cleared".into(),
        );
    }
    let blocking: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .collect();
    if blocking.is_empty() {
        Gate::Clear
    } else {
        Gate::NeedsJustification { blocking }
    }
}

/// Length of a justification in characters (Unicode scalar values), surrounding
/// whitespace not counted.
pub fn justification_len(text: &str) -> usize {
    text.trim().chars().count()
}

/// Whether `text` is a long enough justification (at least `min` characters, trimmed).
pub fn justification_ok(text: &str, min: usize) -> bool {
    let n = justification_len(text);
    n >= min.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_without_rules_and_counts_characters() {
        assert!(matches!(decide(false, &[]), Gate::Refused(_)));
        assert_eq!(decide(true, &[]), Gate::Clear);
        assert!(!justification_ok("  short  ", 20));
        assert!(justification_ok("Ministerin hat zugestimmt", 20));
        assert!(!justification_ok("", 0));
    }
}
