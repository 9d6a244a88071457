//! Findings that belong to the text on screen while the worker checks a newer one
//! (DESIGN §11). A check's result names its generation; while the user types, results of
//! older texts still arrive (the worker skips only requests it has not started). Each
//! request the runner takes is tracked with the edits made since its text
//! ([`Tracked::edit`]); a result that is newer than the findings shown, though not of the
//! latest text, is taken with its spans moved onto the text on screen, and findings over the
//! changed bytes are left out until the latest check reports. The title keeps saying
//! "checking…" until then. Edits move the findings shown in the same way, so an underline
//! never sits on other words than the ones it was found on.

use std::sync::Arc;

use super::App;
use crate::engine::Engine;
use crate::model::Finding;
use crate::tui::editor::buffer::Dirty;

/// The most requests tracked at once (older ones are forgotten: their results are dropped).
const TRACKED_MAX: usize = 64;

/// A check request sent to the worker, and what happened to the text since.
#[derive(Debug, Clone)]
pub(crate) struct Tracked {
    /// The request's generation.
    pub(crate) generation: u64,
    /// The edits made to its text since it was sent, as one region.
    pub(crate) edit: Option<Dirty>,
    /// The platform it was checked for.
    pub(crate) platform: Option<String>,
    /// The rules it was checked with.
    pub(crate) engine: Arc<Engine>,
}

/// Moves `f` (found in the old text of `d`) onto the new text of length `new_len`; `None`
/// when it covers changed bytes, unless it is a finding on the whole text (`whole`: a
/// platform limit), which grows or shrinks with the change inside it.
pub(crate) fn move_finding(
    mut f: Finding,
    d: Dirty,
    new_len: usize,
    whole: bool,
) -> Option<Finding> {
    let old_end = d.old_len - d.tail;
    let new_end = new_len - d.tail;
    let (start, end) = match d.map_span(f.start, f.end, new_len) {
        Some(span) => span,
        None if whole && f.start <= d.start && old_end <= f.end => {
            (f.start, f.end - old_end + new_end)
        }
        None => return None,
    };
    f.start = start;
    f.end = end;
    if let Some(t) = &mut f.tone {
        t.contributions
            .retain_mut(|c| match d.map_span(c.start, c.end, new_len) {
                Some((s, e)) => {
                    (c.start, c.end) = (s, e);
                    true
                }
                None => false,
            });
    }
    // A fix over changed bytes is not offered until the next check (F4 is refused while
    // checking anyway).
    f.fixes.retain_mut(|fix| {
        fix.edits
            .iter_mut()
            .all(|e| match d.map_span(e.start, e.end, new_len) {
                Some((s, t)) => {
                    (e.start, e.end) = (s, t);
                    true
                }
                None => false,
            })
    });
    Some(f)
}

impl App {
    /// Rule ids whose findings span the whole text (platform limits).
    fn whole_text_rules(&self) -> Vec<String> {
        self.rules.engine.as_deref().map_or_else(Vec::new, |e| {
            e.rules()
                .iter()
                .filter(|r| r.matcher.is_whole_text())
                .map(|r| r.id.clone())
                .collect()
        })
    }

    /// `findings` of an older text moved onto the current one through the edit `d`.
    fn moved(&self, findings: Vec<Finding>, d: Dirty) -> Vec<Finding> {
        let whole = self.whole_text_rules();
        let len = self.editor.text().len();
        findings
            .into_iter()
            .filter_map(|f| {
                let w = whole.contains(&f.rule);
                move_finding(f, d, len, w)
            })
            .collect()
    }

    /// Takes the edits made since the last call: the findings shown move with the text,
    /// and every tracked request notes them.
    pub(crate) fn follow_edits(&mut self) {
        let Some(d) = self.editor.take_edit() else {
            return;
        };
        for t in &mut self.checks.tracked {
            t.edit = Some(t.edit.map_or(d, |e| e.then(d)));
        }
        self.checks.unchecked = Some(self.checks.unchecked.map_or(d, |e| e.then(d)));
        if self.findings.is_empty() {
            return;
        }
        let old = self.selected_finding().map(|f| (f.rule.clone(), f.start));
        let findings = std::mem::take(&mut self.findings);
        self.findings = self.moved(findings, d);
        self.order = super::update::list_order(&self.findings);
        self.selected = old.and_then(|(rule, start)| {
            let start = d.map_span(start, start, self.editor.text().len())?.0;
            self.findings
                .iter()
                .position(|f| f.rule == rule && f.start == start)
        });
    }

    /// Tracks the request of `generation` (just sent to the worker).
    pub(crate) fn track(&mut self, generation: u64, platform: Option<String>, engine: Arc<Engine>) {
        let t = &mut self.checks.tracked;
        if t.len() >= TRACKED_MAX {
            t.remove(0);
        }
        t.push(Tracked {
            generation,
            edit: None,
            platform,
            engine,
        });
    }

    /// The findings of an older generation's result moved onto the current text, when that
    /// result is newer than the findings shown and was checked with the current rules and
    /// platform; `None`: drop it. Forgets the requests up to `generation` either way.
    pub(crate) fn catch_up(
        &mut self,
        generation: u64,
        findings: Vec<Finding>,
    ) -> Option<Vec<Finding>> {
        let pos = self
            .checks
            .tracked
            .iter()
            .position(|t| t.generation == generation)?;
        let t = self.checks.tracked[pos].clone();
        self.checks.tracked.drain(..=pos);
        let same_rules = self
            .rules
            .engine
            .as_ref()
            .is_some_and(|e| Arc::ptr_eq(e, &t.engine));
        let same_platform = self.current_platform().map(|p| p.id.clone()) == t.platform;
        if generation <= self.checks.shown || !same_rules || !same_platform {
            return None;
        }
        self.checks.unchecked = t.edit;
        Some(match t.edit {
            Some(d) => self.moved(findings, d),
            None => findings,
        })
    }
}

impl App {
    /// The paragraphs to check first in the worker's next request: around the edits made
    /// since the findings shown, in a big draft ([`crate::tui::runtime::quick`]).
    pub(crate) fn quick_range(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let d = self.checks.unchecked?;
        let end = text.len().checked_sub(d.tail)?;
        crate::tui::runtime::quick::paragraph_range(text, d.start, end.max(d.start))
    }

    /// The findings shown, with those over `range` replaced by `partial` (found by the
    /// paragraph check of the current text); platform limits stay as they were.
    pub(crate) fn with_partial(
        &self,
        range: &std::ops::Range<usize>,
        partial: Vec<Finding>,
    ) -> Vec<Finding> {
        let whole = self.whole_text_rules();
        let inside = |f: &Finding| {
            (f.start < range.end && f.end > range.start)
                || (f.start == f.end && range.contains(&f.start))
        };
        let mut out: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| whole.contains(&f.rule) || !inside(f))
            .cloned()
            .chain(partial)
            .collect();
        out.sort_by_key(|f| (f.start, f.end));
        out
    }
}
