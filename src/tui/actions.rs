//! Finding and platform commands of [`App`]: F8 / Shift+F8, Alt+Enter / F4, F2.

use super::app::App;

impl App {
    /// Selects finding `i` and moves the cursor to its start.
    pub(crate) fn select_finding(&mut self, i: usize) {
        if let Some(f) = self.findings.get(i) {
            let start = f.start;
            self.selected = Some(i);
            self.editor.buffer.set_cursor(start);
            self.editor.reset_column();
        }
    }

    /// F8 (`forward`) / Shift+F8: the next / previous finding, wrapping around.
    pub(crate) fn jump_finding(&mut self, forward: bool) {
        let n = self.findings.len();
        if n == 0 {
            if self.rules_loaded() {
                self.set_status("no findings");
            } else {
                self.set_error("rules failed to load: nothing was checked");
            }
            return;
        }
        let cur = self.editor.cursor();
        let at_selected = self.selected.filter(|&i| self.findings[i].start == cur);
        let next = match (at_selected, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => self
                .findings
                .iter()
                .position(|f| f.start >= cur)
                .unwrap_or(0),
            (None, false) => self
                .findings
                .iter()
                .rposition(|f| f.start < cur)
                .unwrap_or(n - 1),
        };
        self.select_finding(next);
        self.set_status(format!("finding {} of {n}", next + 1));
    }

    /// Alt+Enter / F4: applies the selected finding's `safe` fix.
    pub(crate) fn apply_fix(&mut self) {
        let Some(f) = self.selected_finding() else {
            self.set_status("no finding selected; F8 selects the next one");
            return;
        };
        let Some(fix) = f.safe_fix() else {
            let msg = if f.fixes.is_empty() {
                "this finding has no automatic fix; edit the text".to_string()
            } else {
                let labels: Vec<String> = f.fixes.iter().map(|x| x.label()).collect();
                format!(
                    "several fixes ({}); choose by editing the text for now",
                    labels.join(" / ")
                )
            };
            self.set_status(msg);
            return;
        };
        let label = fix.label();
        let new_text = fix.apply(self.editor.text());
        let cursor = fix
            .edits
            .first()
            .map_or(self.editor.cursor(), |e| e.start + e.replacement.len());
        self.editor.buffer.replace_text(new_text, cursor);
        self.selected = None;
        self.edited();
        self.set_status(format!("fixed: {label}"));
    }

    /// F2: the next platform the rules define; the counter and limit checks follow.
    pub(crate) fn cycle_platform(&mut self) {
        let n = self.platforms().len();
        if n == 0 {
            let why = if self.rules_loaded() {
                "the rules define no platform"
            } else {
                "rules failed to load"
            };
            self.set_error(format!("no platform to choose: {why}"));
            return;
        }
        let next = self.platform.map_or(0, |i| (i + 1) % n);
        self.platform = Some(next);
        self.recheck();
        let name = self.platforms()[next].name.clone();
        self.set_status(format!("platform: {name}"));
    }
}
