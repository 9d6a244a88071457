//! The app side of live reload (DESIGN §5): taking a reload result, and what the writer
//! sees. A failed first load blocks clearing ([`App::load_error`]); a failed *re*load keeps
//! the last good rules in force and shows a banner until a reload succeeds
//! ([`App::reload_error`]).

use super::state::App;
use crate::tui::runtime::reload::ReloadResult;

impl App {
    /// Takes the result of a reload (file change or Ctrl+R).
    pub(crate) fn on_reloaded(&mut self, r: ReloadResult) {
        match r {
            Ok(new) => {
                let platform = self
                    .current_platform()
                    .map(|p| p.id.clone())
                    .or_else(|| self.rules.platform_wanted.clone());
                let n = new.engine.rules().iter().filter(|r| r.enabled).count();
                let off = new.engine.rules().len() - n;
                self.rules.engine = Some(new.engine);
                self.load_error = None;
                self.reload_error = None;
                self.set_status(if off > 0 {
                    format!("rules reloaded ({n} rules in force, {off} disabled)")
                } else {
                    format!("rules reloaded ({n} rules)")
                });
                self.pick_platform(platform.as_deref());
                // After a failed start no platform was known, so no account was picked:
                // pick the configured one now, as a good start would have.
                if self.account.is_none() {
                    self.default_account();
                }
                self.recheck();
            }
            Err(f) if self.rules.engine.is_none() => {
                self.set_error(format!(
                    "rules still fail to load ({} error{}); nothing is checked",
                    f.count,
                    plural(f.count)
                ));
                self.load_error = Some(f.message);
            }
            Err(f) => {
                self.set_error(format!(
                    "rules NOT reloaded ({} error{}); the last good rules stay in force",
                    f.count,
                    plural(f.count)
                ));
                self.reload_error = Some(f);
            }
        }
    }

    /// The number of rules in force (enabled), or `None` without rules.
    #[cfg(feature = "test-hooks")]
    pub fn rules_in_force(&self) -> Option<usize> {
        self.rules
            .engine
            .as_deref()
            .map(|e| e.rules().iter().filter(|r| r.enabled).count())
    }
}

/// `"s"` unless `n` is 1.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
