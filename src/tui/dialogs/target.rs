//! Account and platform (F2): every configured account with its platform, then every
//! platform alone. ↑/↓ (or F2 again) choose, Enter or a digit 1-9 picks, Esc cancels; the counter and the
//! limit checks follow the pick.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;

use super::Dialog;
use crate::tui::app::App;

/// One entry of the F2 list: an account (with its platform) or a platform alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Index into the configured accounts, if an account.
    pub account: Option<usize>,
    /// Index into the engine's platforms.
    pub platform: usize,
    /// The label shown.
    pub label: String,
}

impl App {
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
            .position(|t| t.account == self.account && Some(t.platform) == self.rules.platform)
            .unwrap_or(0);
        self.dialog = Some(Dialog::Target(at));
    }

    pub(crate) fn target_key(&mut self, i: usize, key: KeyEvent) {
        let n = self.targets().len();
        let i = match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => return self.pick_target(i),
            KeyCode::Up => i.saturating_sub(1),
            KeyCode::Down => (i + 1).min(n.saturating_sub(1)),
            KeyCode::F(2) => (i + 1) % n.max(1),
            // The entries are numbered: 1-9 pick one directly.
            KeyCode::Char(c @ '1'..='9') => {
                let k = c as usize - '1' as usize;
                if k < n {
                    return self.pick_target(k);
                }
                i
            }
            _ => i,
        };
        self.dialog = Some(Dialog::Target(i));
    }

    /// Picks entry `i` of [`App::targets`]; the counter and limit checks follow.
    pub(crate) fn pick_target(&mut self, i: usize) {
        let Some(t) = self.targets().into_iter().nth(i) else {
            return;
        };
        self.account = t.account;
        self.rules.platform = Some(t.platform);
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

/// Draws the list with entry `index` highlighted.
pub fn draw(frame: &mut Frame, app: &App, index: usize) {
    let items = app.targets().into_iter().map(|t| t.label).collect();
    super::list::draw(
        frame,
        " Account and platform ",
        items,
        index,
        "↑/↓ and Enter, or a digit 1-9: post as that one; Esc cancels.",
    );
}
