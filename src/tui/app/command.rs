//! The named commands of the main screen and their dispatch (DESIGN §11). A key press
//! becomes a [`Command`] through the one keymap table ([`super::keymap::KEYMAP`]); global
//! commands run here, the panes' commands in their components
//! ([`crate::tui::components::editor`], [`crate::tui::components::findings`]).
//!
//! Dialogs have a few keys of their own (y/n, ↑/↓, Enter, Esc), handled and named in
//! their own files under [`crate::tui::dialogs`].

use crossterm::event::KeyEvent;

use super::keymap::lookup;
use super::state::{App, Focus};
use super::update::Effect;
use crate::tui::components::detail::DetailCommand;
use crate::tui::components::editor::EditorCommand;
use crate::tui::components::findings::ListCommand;
use crate::tui::dialogs::Dialog;

/// A command of the whole screen (works whichever pane has focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppCommand {
    /// F1: the help screen.
    Help,
    /// F2: the account and platform list.
    ChooseTarget,
    /// F8: the next finding.
    NextFinding,
    /// Shift+F8: the previous finding.
    PreviousFinding,
    /// Alt+Enter / F4: the selected finding's fix.
    ApplyFix,
    /// Tab: focus the next pane (text, list, detail).
    ToggleFocus,
    /// Shift+Tab: focus the previous pane.
    FocusBack,
    /// Alt+PageUp: scroll the detail up one pane.
    DetailPageUp,
    /// Alt+PageDown: scroll the detail down one pane.
    DetailPageDown,
    /// Ctrl+S.
    Save,
    /// Ctrl+P: the publish gate.
    Publish,
    /// Ctrl+T: split a post over the platform's limit into a numbered thread (the preview).
    Thread,
    /// Ctrl+R.
    Reload,
    /// Ctrl+Q.
    Quit,
}

/// A named command; the variant says which scope it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Global: looked up first, whatever has focus.
    App(AppCommand),
    /// The text pane ([`crate::tui::components::editor`]), when it has focus.
    Editor(EditorCommand),
    /// The findings list ([`crate::tui::components::findings`]), when it has focus.
    List(ListCommand),
    /// The detail pane ([`crate::tui::components::detail`]), when it has focus.
    Detail(DetailCommand),
}

/// Which commands a key press is looked up among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// [`Command::App`].
    App,
    /// [`Command::Editor`].
    Editor,
    /// [`Command::List`].
    List,
    /// [`Command::Detail`].
    Detail,
}

impl Command {
    /// The scope the command belongs to.
    pub const fn scope(self) -> Scope {
        match self {
            Command::App(_) => Scope::App,
            Command::Editor(_) => Scope::Editor,
            Command::List(_) => Scope::List,
            Command::Detail(_) => Scope::Detail,
        }
    }
}

impl App {
    /// A key press: the open dialog takes it, else a global command, else the focused pane.
    pub(crate) fn on_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(dialog) = self.dialog.take() {
            return self.dialog_key(dialog, key);
        }
        if let Some(Command::App(c)) = lookup(Scope::App, &key) {
            return self.app_command(c);
        }
        match self.focus {
            Focus::Editor => match lookup(Scope::Editor, &key) {
                Some(Command::Editor(c)) => self.editor_command(c, &key),
                _ => None,
            },
            Focus::Findings => {
                if let Some(Command::List(c)) = lookup(Scope::List, &key) {
                    self.list_command(c);
                }
                None
            }
            Focus::Detail => {
                if let Some(Command::Detail(c)) = lookup(Scope::Detail, &key) {
                    self.detail_command(c);
                }
                None
            }
        }
    }

    /// Runs a global command.
    pub(crate) fn app_command(&mut self, c: AppCommand) -> Option<Effect> {
        match c {
            AppCommand::Help => self.dialog = Some(Dialog::Help(0)),
            AppCommand::ChooseTarget => self.open_targets(),
            AppCommand::NextFinding => self.jump_finding(true),
            AppCommand::PreviousFinding => self.jump_finding(false),
            AppCommand::ApplyFix => self.apply_fix(),
            AppCommand::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Editor => Focus::Findings,
                    Focus::Findings => Focus::Detail,
                    Focus::Detail => Focus::Editor,
                };
            }
            AppCommand::FocusBack => {
                self.focus = match self.focus {
                    Focus::Editor => Focus::Detail,
                    Focus::Findings => Focus::Editor,
                    Focus::Detail => Focus::Findings,
                };
            }
            AppCommand::DetailPageUp => self.detail_command(DetailCommand::PageUp),
            AppCommand::DetailPageDown => self.detail_command(DetailCommand::PageDown),
            AppCommand::Save => return self.save(),
            AppCommand::Quit => return self.quit(),
            AppCommand::Publish => self.open_publish(),
            AppCommand::Thread => self.open_thread(),
            AppCommand::Reload => {
                self.set_status("reloading the rules…");
                return Some(Effect::Reload);
            }
        }
        None
    }

    fn save(&mut self) -> Option<Effect> {
        match self.file.clone() {
            Some(_) if !self.save_warned() => None,
            Some(path) => self.save_effect(path),
            None => {
                self.dialog = Some(Dialog::SaveAs(Default::default()));
                None
            }
        }
    }

    fn quit(&mut self) -> Option<Effect> {
        if self.modified() {
            self.dialog = Some(Dialog::ConfirmQuit);
            None
        } else {
            Some(Effect::Quit)
        }
    }
}
