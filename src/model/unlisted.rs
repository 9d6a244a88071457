//! The summary finding of a rule past the cap: a text lists at most
//! [`MAX_FINDINGS_PER_RULE`] findings of one rule; the rest are counted and reported as one
//! finding, "and K more …", at the first one not listed. A pathological input (a million
//! zero-width joiners) so costs bounded memory and gives a readable report.
//!
//! Fail closed: the summary keeps the rule's id, category and severity (never lower than any
//! listed finding of the rule), so a capped blocking rule still blocks at the gate and in the
//! exit code of `tact check`.

use super::{Category, Finding, Severity};

/// How many findings of one rule the check of one text lists; the rest are counted into one
/// summary finding ([`Finding::unlisted_summary`]).
pub const MAX_FINDINGS_PER_RULE: usize = 100;

/// The message of a summary finding after the count.
fn tail() -> String {
    format!(
        " more like this from here on, not listed (a rule lists at most {MAX_FINDINGS_PER_RULE} \
         findings in one text)"
    )
}

/// What a summary finding is made of: the rule it counts, and where its first unlisted
/// match is.
#[derive(Debug, Clone, Copy)]
pub struct Unlisted<'a> {
    /// Rule id, `<pack>/<rule>`.
    pub rule: &'a str,
    /// The version of the rule's pack.
    pub pack_version: &'a str,
    /// The rule's category.
    pub category: Category,
    /// The severity of the summary: the highest of the findings it stands for.
    pub severity: Severity,
    /// Why the rule exists.
    pub why: &'a str,
    /// Byte span of the first finding not listed, into the checked text.
    pub start: usize,
    /// End (exclusive) of that span.
    pub end: usize,
    /// 1-based line and column (in characters) of `start`.
    pub line_col: (usize, usize),
    /// How many findings of the rule are not listed (at least 1).
    pub count: usize,
}

impl Finding {
    /// The summary finding of `u`: at its first unlisted match of `text`, with the message
    /// "and K more like this from here on, not listed (…)" and no fix.
    pub fn unlisted_summary(u: &Unlisted<'_>, text: &str) -> Finding {
        Finding {
            rule: u.rule.to_string(),
            pack_version: u.pack_version.to_string(),
            category: u.category,
            severity: u.severity,
            start: u.start,
            end: u.end,
            line: u.line_col.0,
            column: u.line_col.1,
            matched: text.get(u.start..u.end).unwrap_or_default().to_string(),
            message: format!("and {}{}", u.count, tail()),
            why: u.why.to_string(),
            fixes: Vec::new(),
            tone: None,
        }
    }

    /// For a summary finding ([`Finding::unlisted_summary`]), how many findings of its rule
    /// it stands for; `None` for any other finding.
    pub fn unlisted(&self) -> Option<usize> {
        if !self.fixes.is_empty() || self.tone.is_some() {
            return None;
        }
        let rest = self.message.strip_prefix("and ")?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let count: usize = rest[..digits].parse().ok()?;
        (rest[digits..] == tail() && count > 0).then_some(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(count: usize) -> Finding {
        let u = Unlisted {
            rule: "hidden/zero-width-in-word",
            pack_version: "1",
            category: Category::Hidden,
            severity: Severity::Warn,
            why: "w",
            start: 1,
            end: 4,
            line_col: (1, 2),
            count,
        };
        Finding::unlisted_summary(&u, "a\u{200D}b")
    }

    #[test]
    fn a_summary_says_and_reads_back_its_count() {
        let f = summary(999_899);
        assert_eq!(f.matched, "\u{200D}");
        assert_eq!((f.line, f.column), (1, 2));
        assert!(
            f.message.starts_with("and 999899 more like this"),
            "{}",
            f.message
        );
        assert_eq!(f.unlisted(), Some(999_899));
    }

    #[test]
    fn other_findings_are_not_summaries() {
        let mut f = summary(5);
        f.message = "and 5 more".into();
        assert_eq!(f.unlisted(), None);
        f.message = format!("and x{}", tail());
        assert_eq!(f.unlisted(), None);
        f.message = format!("and 0{}", tail());
        assert_eq!(f.unlisted(), None);
        let mut g = summary(5);
        g.message.push_str(" (inside a hashtag)");
        assert_eq!(g.unlisted(), None);
    }
}
