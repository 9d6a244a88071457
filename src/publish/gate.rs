//! The gate decision: may a text with these findings be cleared (DESIGN §11)?

use crate::model::{Finding, Severity, TOO_LARGE_RULE};

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

/// Decides the gate for `findings`. `rules_loaded == false` always refuses (fail closed), as
/// does a text too large to check ([`Finding::too_large`]).
pub fn decide(rules_loaded: bool, findings: &[Finding]) -> Gate<'_> {
    if !rules_loaded {
        return Gate::Refused(
            "rules failed to load: nothing was checked, so nothing can be cleared".into(),
        );
    }
    if let Some(f) = findings.iter().find(|f| f.rule == TOO_LARGE_RULE) {
        return Gate::Refused(format!("{}: split it to clear it", f.message));
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

/// Length of a justification in visible characters: grapheme clusters (UAX #29) holding at
/// least one character that is not whitespace, a control or default-ignorable (zero-width
/// spaces and joiners, bidi controls, variation selectors…), plus one for each run of
/// whitespace between two of them. So 20 zero-width spaces count 0, `e` + a combining accent
/// counts 1, and "a" + 30 spaces + "b" counts 3.
pub fn justification_len(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation as _;
    let visible = |g: &str| {
        g.chars()
            .any(|c| !c.is_whitespace() && !c.is_control() && !crate::text::is_default_ignorable(c))
    };
    let (mut n, mut gap) = (0, false);
    for g in text.graphemes(true) {
        if visible(g) {
            n += 1 + usize::from(gap && n > 0);
            gap = false;
        } else if g.chars().any(char::is_whitespace) {
            gap = true;
        }
    }
    n
}

/// Whether `text` has nothing to post: no visible character as [`justification_len`] counts
/// them (empty, only whitespace, or only zero-width and other default-ignorable characters).
pub fn is_empty_post(text: &str) -> bool {
    justification_len(text) == 0
}

/// Whether `text` is a long enough justification (at least `min` visible characters, as
/// counted by [`justification_len`]).
pub fn justification_ok(text: &str, min: usize) -> bool {
    let n = justification_len(text);
    n >= min.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_of_invisible_characters_is_empty() {
        assert!(is_empty_post(""));
        assert!(is_empty_post("   \n\n"));
        assert!(is_empty_post("   \u{200b}\u{200b}  \n\n"));
        assert!(is_empty_post("\u{200b}\u{2060}\u{ad}\u{200d}"));
        assert!(!is_empty_post("\u{200b}a"));
        assert!(!is_empty_post("👍"));
    }

    #[test]
    fn refuses_without_rules_and_counts_characters() {
        assert!(matches!(decide(false, &[]), Gate::Refused(_)));
        assert_eq!(decide(true, &[]), Gate::Clear);
        assert!(!justification_ok("  short  ", 20));
        assert!(justification_ok("Ministerin hat zugestimmt", 20));
        assert!(!justification_ok("", 0));
        let zw = "\u{200B}".repeat(20);
        assert_eq!(justification_len(&zw), 0);
        assert!(!justification_ok(&zw, 20));
        let padded = format!("ok{}{}", "\u{2060}".repeat(30), " ".repeat(30));
        assert_eq!(justification_len(&padded), 2);
        assert_eq!(justification_len("  a \u{200B}\t  b  "), 3);
        assert_eq!(justification_len("Cleared by the ambassador"), 25);
        assert_eq!(justification_len("e\u{301}té"), 3);
    }
}
