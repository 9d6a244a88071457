//! Finding and platform commands of [`App`]: F8 / Shift+F8, Alt+Enter / F4 (with the choice
//! list for several fixes), F2 (account and platform).

use crate::model::Fix;

use super::app::{App, Dialog, Target};

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

    /// Alt+Enter / F4: applies the selected finding's only fix, or opens the choice list
    /// when it has several.
    pub(crate) fn apply_fix(&mut self) {
        if self.checking {
            self.set_status("checking… try again when the findings are up to date");
            return;
        }
        let Some(i) = self.selected else {
            self.set_status("no finding selected; F8 selects the next one");
            return;
        };
        let f = &self.findings[i];
        match f.fixes.len() {
            0 => self.set_status("this finding has no automatic fix; edit the text"),
            1 => {
                let fix = f.fixes[0].clone();
                self.apply(&fix);
            }
            _ => {
                self.dialog = Some(Dialog::Choices {
                    finding: i,
                    index: 0,
                })
            }
        }
    }

    /// Applies `fix` as one undo step and re-checks.
    pub(crate) fn apply(&mut self, fix: &Fix) {
        let label = fix.label();
        let new_text = fix.apply(self.editor.text());
        let cursor = fix.edits.last().map_or(self.editor.cursor(), |e| {
            let shift: isize = fix
                .edits
                .iter()
                .map(|e| e.replacement.len() as isize - (e.end - e.start) as isize)
                .sum();
            (e.end as isize + shift) as usize
        });
        self.editor.buffer.replace_text(new_text, cursor);
        self.selected = None;
        self.edited();
        self.set_status(format!("fixed: {label}"));
    }

    /// The entries of the F2 list: every configured account (with its platform), then every
    /// platform without an account.
    pub fn targets(&self) -> Vec<Target> {
        let platforms = self.platforms();
        let mut out = Vec::new();
        for (ai, a) in self.settings.accounts.iter().enumerate() {
            if let Some(pi) = platforms.iter().position(|p| p.id == a.platform) {
                out.push(Target {
                    account: Some(ai),
                    platform: pi,
                    label: format!(
                        "{} {} ({}) on {}",
                        a.name, a.handle, a.kind, platforms[pi].name
                    ),
                });
            }
        }
        for (pi, p) in platforms.iter().enumerate() {
            out.push(Target {
                account: None,
                platform: pi,
                label: format!("{} (no account)", p.name),
            });
        }
        out
    }

    /// F2: opens the account and platform list at the current choice.
    pub(crate) fn open_targets(&mut self) {
        let targets = self.targets();
        if targets.is_empty() {
            let why = if self.rules_loaded() {
                "the rules define no platform"
            } else {
                "rules failed to load"
            };
            self.set_error(format!("no platform to choose: {why}"));
            return;
        }
        let at = targets
            .iter()
            .position(|t| t.account == self.account && Some(t.platform) == self.platform)
            .unwrap_or(0);
        self.dialog = Some(Dialog::Target(at));
    }

    /// Picks entry `i` of [`App::targets`]; the counter and limit checks follow.
    pub(crate) fn pick_target(&mut self, i: usize) {
        let Some(t) = self.targets().into_iter().nth(i) else {
            return;
        };
        self.account = t.account;
        self.platform = Some(t.platform);
        self.recheck();
        self.set_status(format!("posting as: {}", t.label));
    }

    /// Selects the first configured account of the current platform, so the title shows
    /// who a post is for from the start.
    pub(crate) fn default_account(&mut self) {
        let id = self.current_platform().map(|p| p.id.clone());
        self.account = self
            .settings
            .accounts
            .iter()
            .position(|a| Some(&a.platform) == id.as_ref());
    }
}
