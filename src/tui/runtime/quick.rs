//! The paragraph check that runs first in a big draft (issue 18: a keystroke in a 300 KB
//! draft updates its findings within 100 ms). Checking the whole text takes a few hundred
//! milliseconds there; the paragraphs around the edit take a few. So the worker checks
//! those first and reports them as a partial result, then checks the whole text. The app
//! shows the partial findings in place of the old ones over that range, keeps every other
//! finding where the edits moved it (platform limits included), and keeps saying
//! "checking…" until the whole text reports: a rule that looks across paragraphs (combined
//! evidence, a finding cap) is right again a moment later.
//!
//! Units: byte offsets into the text; lines are 1-based, columns count characters.

use std::ops::Range;

use crate::model::Finding;

/// Texts shorter than this (bytes) are checked whole at once: a paragraph check first would
/// not be noticeably faster.
pub const QUICK_MIN: usize = 32 * 1024;

/// How far (bytes) from the edit a paragraph boundary is looked for on each side; past it
/// the range ends at a line break, or at a space, within that distance.
const REACH: usize = 8 * 1024;

/// Bytes that end a paragraph.
const PARAGRAPH: &str = "\n\n";

/// The range of `text` to check first for the changed bytes `start..end`: from the start of
/// their paragraph to its end (a blank line), each looked for at most [`REACH`] bytes away;
/// else the nearest line break, else the nearest space, else exactly [`REACH`] away (on a
/// char boundary). `None` for a text under [`QUICK_MIN`] bytes or an edit over 4 × `REACH`
/// bytes (a big paste: the whole text is checked at once).
pub fn paragraph_range(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    if text.len() < QUICK_MIN || end.saturating_sub(start) > 4 * REACH || end > text.len() {
        return None;
    }
    let lo_limit = floor_char(text, start.saturating_sub(REACH));
    let before = &text[lo_limit..floor_char(text, start)];
    let lo = [PARAGRAPH, "\n", " "]
        .iter()
        .find_map(|sep| before.rfind(sep).map(|i| lo_limit + i + sep.len()))
        .unwrap_or(lo_limit);
    let hi_limit = ceil_char(text, (end + REACH).min(text.len()));
    let from = ceil_char(text, end);
    let after = &text[from..hi_limit];
    let hi = [PARAGRAPH, "\n", " "]
        .iter()
        .find_map(|sep| after.find(sep).map(|i| from + i))
        .unwrap_or(hi_limit);
    Some(lo..hi.max(lo))
}

use crate::text::{ceil_char, floor_char};

/// Moves `f`, found in `text[range]` checked on its own, onto `text`: spans (of the
/// finding, its tone contributions and its fixes) shift by `range.start`; the line adds the
/// lines before the range, and a finding on the range's first line adds the characters
/// between its line's start and the range.
pub fn shift(mut f: Finding, text: &str, range: &Range<usize>) -> Finding {
    let off = range.start;
    let before = &text[..off];
    let lines_before = before.bytes().filter(|&b| b == b'\n').count();
    if f.line == 1 {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        f.column += before[line_start..].chars().count();
    }
    f.line += lines_before;
    f.start += off;
    f.end += off;
    if let Some(t) = &mut f.tone {
        for c in &mut t.contributions {
            c.start += off;
            c.end += off;
        }
    }
    for fix in &mut f.fixes {
        for e in &mut fix.edits {
            e.start += off;
            e.end += off;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(paragraph: &str) -> String {
        let mut t = String::new();
        while t.len() < QUICK_MIN + 100 {
            t.push_str(paragraph);
            t.push_str("\n\n");
        }
        t
    }

    #[test]
    fn the_range_is_the_paragraph_of_the_edit() {
        let p = "Talks in Kyiv today. The minister met her counterpart.";
        let text = big(p);
        let second = p.len() + 2;
        let r = paragraph_range(&text, second + 5, second + 6).unwrap();
        assert_eq!(&text[r], p);
    }

    #[test]
    fn small_texts_and_big_pastes_are_checked_whole() {
        assert_eq!(paragraph_range("short text", 0, 1), None);
        let text = big("x y z");
        assert_eq!(paragraph_range(&text, 0, text.len() - 1), None);
    }

    #[test]
    fn one_long_line_ends_at_spaces_within_reach() {
        let text = "word ".repeat(QUICK_MIN);
        let r = paragraph_range(&text, 50_000, 50_001).unwrap();
        assert!(r.start <= 50_000 && r.end >= 50_001, "{r:?}");
        assert!(r.len() < 2 * REACH + 10, "{r:?}");
        assert!(
            text[r.clone()].starts_with("word") && text[..r.end].ends_with("word"),
            "{r:?}"
        );
    }

    #[test]
    fn a_shifted_finding_has_the_line_and_column_of_the_whole_text() {
        let text = "first line\n\nin Kiev now";
        let range = 12..text.len();
        let f = Finding {
            rule: "terms/kyiv".into(),
            pack_version: "1".into(),
            category: crate::model::Category::Terms,
            severity: crate::model::Severity::Warn,
            start: 3,
            end: 7,
            line: 1,
            column: 4,
            matched: "Kiev".into(),
            message: String::new(),
            why: String::new(),
            fixes: Vec::new(),
            tone: None,
        };
        let g = shift(f, text, &range);
        assert_eq!((g.start, g.end, g.line, g.column), (15, 19, 3, 4));
        assert_eq!(&text[g.start..g.end], "Kiev");
    }
}
