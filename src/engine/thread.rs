//! Checking a numbered thread ([`crate::platform::thread`]): every part as it is posted,
//! and the whole text too, because **a thread is at least as strict as the text it was
//! split from** (issue 16). A rule that needs two things in the same text (a weak marking
//! *and* a copy number elsewhere) can block the whole text and only warn on each part; the
//! split must not clear such a post without a justification.

use crate::model::{Finding, LineIndex, Severity};
use crate::platform::thread::Part;

use super::{CheckOptions, Engine};

/// The end of the message of a blocking finding of the whole text that a thread carries
/// ([`Engine::check_thread`]).
pub const WHOLE_TEXT_NOTE: &str = "(in the whole text, before it was split)";

impl Engine {
    /// Checks the `parts` of a thread split from `text` (their [`Part::source`] ranges are
    /// into `text`): one list of findings per part, spans into that part's posted text.
    ///
    /// Every blocking finding of the whole `text` is kept, except those of the length rules
    /// the thread resolves ([`super::CompiledRule::is_whole_text`]): when no part has a
    /// block of the same rule, the finding is added to the part holding its start (or the
    /// next part, when it starts in white space dropped at a cut), its span cut to that
    /// part, its message ending with [`WHOLE_TEXT_NOTE`], without fixes (they edit the
    /// whole text). A finding of the same rule at the same place in that part is replaced
    /// by it; each list stays sorted by (start, end, rule id) as [`Engine::check`]'s. Parts are never dropped: the result has `parts.len()` lists.
    pub fn check_thread(
        &self,
        text: &str,
        parts: &[Part],
        opts: &CheckOptions,
    ) -> Vec<Vec<Finding>> {
        let mut out: Vec<Vec<Finding>> = parts.iter().map(|p| self.check(&p.text, opts)).collect();
        if parts.is_empty() {
            return out;
        }
        let whole_text_rule = |id: &str| self.rule(id).is_some_and(|r| r.matcher.is_whole_text());
        for f in self.check(text, opts) {
            if f.severity < Severity::Block || whole_text_rule(&f.rule) {
                continue;
            }
            let blocked = |list: &Vec<Finding>| {
                list.iter()
                    .any(|g| g.rule == f.rule && g.severity == Severity::Block)
            };
            if out.iter().any(blocked) {
                continue;
            }
            let i = parts
                .iter()
                .position(|p| f.start < p.source.end)
                .unwrap_or(parts.len() - 1);
            let carried = into_part(f, &parts[i]);
            out[i].retain(|g| !(g.rule == carried.rule && g.start == carried.start));
            out[i].push(carried);
            out[i].sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        }
        out
    }
}

/// `f`, a finding of the whole text, mapped into `part`: span cut to the part's source and
/// shifted into its posted text, line and column recounted, no fixes, the message noted.
fn into_part(mut f: Finding, part: &Part) -> Finding {
    let src = &part.source;
    let len = src.end - src.start;
    let start = f.start.clamp(src.start, src.end) - src.start;
    let end = f.end.clamp(src.start, src.end) - src.start;
    let (start, end) = (start.min(len), end.max(start).min(len));
    f.start = start;
    f.end = end;
    let (line, column) = LineIndex::new(&part.text).line_col(&part.text, start);
    f.line = line;
    f.column = column;
    f.matched = part.text[start..end].to_string();
    f.message = format!("{} {WHOLE_TEXT_NOTE}", f.message);
    f.fixes.clear();
    if let Some(t) = &mut f.tone {
        // Contributions point into the whole text: keep those inside the part, shifted.
        t.contributions
            .retain(|c| c.start >= src.start && c.end <= src.end);
        for c in &mut t.contributions {
            c.start -= src.start;
            c.end -= src.start;
        }
    }
    f
}
