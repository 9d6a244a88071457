//! Leak rules on the evasion reading of a text ([`crate::text::evasion_reading`]): a marking
//! disguised by separators, look-alike letters, markup, entities or leetspeak is found, and
//! the finding says what had to be undone to read it.

use super::Engine;
use crate::kinds::CheckOptions;
use crate::model::{Category, Finding, LineIndex};

impl Engine {
    /// Runs the leak rules on the evasion reading of `text` (if it has one) and adds to `out`
    /// the findings that lie on an undone trick and that no finding of the same rule already
    /// covers. Their message ends with what was undone ("(read with letters separated by
    /// `-`)"); they offer no fix.
    pub(crate) fn check_evasions(&self, text: &str, opts: &CheckOptions, out: &mut Vec<Finding>) {
        let Some(reading) = crate::text::evasion_reading(text) else {
            return;
        };
        let lines = LineIndex::new(text);
        let before = out.len();
        for f in self.check_logical(&reading.view.text, opts, Some(Category::Leak)) {
            let (start, end) = reading.view.to_source(f.start, f.end);
            let notes = reading.notes_for(start, end);
            let covered = out
                .iter()
                .any(|o| o.rule == f.rule && o.start < end && start < o.end);
            if start >= end || notes.is_empty() || covered {
                continue;
            }
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
        if out.len() > before {
            out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        }
    }
}
