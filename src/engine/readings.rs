//! Leak rules on the evasion reading of a text ([`crate::text::evasion_reading`]): a marking
//! disguised by separators, look-alike letters, markup, entities or leetspeak is found, and
//! the finding says what had to be undone to read it.

use super::Engine;
use super::cap::{Capped, Reported, Spans};
use crate::kinds::CheckOptions;
use crate::model::{Category, Finding, LineIndex};

impl Engine {
    /// Runs the leak rules on the evasion reading of `text` (if it has one) and adds to `out`
    /// the findings that lie on an undone trick and that no finding of the same rule already
    /// covers. Their message ends with what was undone ("(read with letters separated by
    /// `-`)"); they offer no fix.
    pub(crate) fn check_evasions(
        &self,
        text: &str,
        opts: &CheckOptions,
        out: &mut Vec<Finding>,
        capped: &mut Vec<Capped>,
    ) {
        let Some(reading) = crate::text::evasion_reading(text) else {
            return;
        };
        let lines = LineIndex::new(text);
        let before = out.len();
        let (findings, more) = self.check_logical(&reading.view.text, opts, Some(Category::Leak));
        let mut reported = Reported::new(out);
        for f in findings {
            let (start, end) = reading.view.to_source(f.start, f.end);
            let notes = reading.notes_for(start, end);
            if start >= end || notes.is_empty() || reported.covers(&f.rule, start, end) {
                continue;
            }
            reported.add(&f.rule, start, end);
            let (line, column) = lines.line_col(text, start);
            let message = format!("{} (read with {})", f.message, notes.join(", "));
            out.push(Finding {
                start,
                end,
                line,
                column,
                matched: text[start..end].to_string(),
                message,
                fixes: Vec::new(),
                ..f
            });
        }
        // Counted past the cap: as the findings, only where the reading undid a trick (an
        // index of the edits, as there can be as many of those matches as of edits).
        let edits = Spans::new(reading.edits.iter().map(|&(s, e, _)| (s, e)).collect());
        let map = |s, e| {
            let (start, end) = reading.view.to_source(s, e);
            edits.overlaps(start, end).then_some((start, end))
        };
        super::cap::merge_capped(&self.rules, capped, more, &reported, map, |s| s);
        if out.len() > before {
            out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        }
    }
}
