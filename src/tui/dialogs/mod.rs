//! Dialogs over the main screen, one file each: [`help`] (F1), [`save_as`] (Ctrl+S on a
//! new draft), [`quit_confirm`] (Ctrl+Q with unsaved changes), [`gate`] (Ctrl+P, the
//! publish gate), [`thread_view`] (Ctrl+T, a long post as a numbered thread), [`target`] (F2,
//! account and platform), [`choices`] (a finding's fixes), [`recovery`] (an autosave found on
//! start) and [`changed`] (saving over a file another writer changed). Each owns its keys (named in its footer)
//! and its drawing; [`list`] draws the two list dialogs.
//!
//! While a dialog is open it takes every key and paste; the keymap of the main screen
//! ([`crate::tui::app::keymap::KEYMAP`]) is not consulted.

pub mod changed;
pub mod choices;
pub mod gate;
pub mod help;
pub mod list;
pub mod quit_confirm;
pub mod recovery;
pub mod save_as;
pub mod target;
pub mod thread_view;

use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::tui::app::{App, Effect};
use crate::tui::runtime::autosave::Offer;

pub use gate::PublishDialog;

/// A dialog over the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The key list, scrolled this many rows down.
    Help(usize),
    /// "Save as": the file name typed so far, its cursor, a pending overwrite question.
    SaveAs(save_as::SaveAs),
    /// "Quit without saving? (y/n)".
    ConfirmQuit,
    /// The fixes of finding `finding` to choose from; `index` is highlighted.
    Choices {
        /// Index into the findings.
        finding: usize,
        /// Highlighted fix.
        index: usize,
    },
    /// F2: account and platform; `index` into [`App::targets`].
    Target(usize),
    /// The publish gate.
    Publish(Box<PublishDialog>),
    /// The thread preview (Ctrl+T).
    Thread(Box<thread_view::ThreadView>),
    /// An autosave offered for recovery on start.
    Recovery(Box<Offer>),
    /// "The file changed on disk: overwrite? y/n" (Ctrl+S over another writer's change).
    ChangedOnDisk(std::path::PathBuf),
}

impl App {
    /// A key for the open `dialog` (taken out of the app; the dialog's handler puts it
    /// back to keep it open).
    pub(crate) fn dialog_key(&mut self, dialog: Dialog, key: KeyEvent) -> Option<Effect> {
        match dialog {
            Dialog::Help(offset) => {
                self.help_key(offset, key);
                None
            }
            Dialog::ConfirmQuit => self.confirm_quit_key(key),
            Dialog::SaveAs(d) => self.save_as_key(d, key),
            Dialog::Choices { finding, index } => {
                self.choices_key(finding, index, key);
                None
            }
            Dialog::Target(i) => {
                self.target_key(i, key);
                None
            }
            Dialog::Publish(d) => self.publish_key(d, key),
            Dialog::Thread(v) => {
                self.thread_key(v, key);
                None
            }
            Dialog::Recovery(offer) => self.recovery_key(offer, key),
            Dialog::ChangedOnDisk(path) => self.changed_key(path, key),
        }
    }

    /// A paste while a dialog is open: into the file name or the justification; the other
    /// dialogs ignore it.
    pub(crate) fn dialog_paste(&mut self, raw: &str) {
        match &mut self.dialog {
            Some(Dialog::SaveAs(d)) => save_as::paste(d, raw),
            Some(Dialog::Publish(_)) => self.publish_paste(raw),
            _ => {}
        }
    }
}

impl App {
    /// The mouse wheel while a dialog is open: scrolls the help screen or the gate's list.
    pub(crate) fn dialog_wheel(&mut self, by: isize) {
        match self.dialog.take() {
            Some(Dialog::Help(offset)) => {
                self.dialog = Some(Dialog::Help(self.help_scrolled(offset, by)));
            }
            Some(Dialog::Publish(mut d)) => {
                self.scroll_gate(&mut d, by);
                self.dialog = Some(Dialog::Publish(d));
            }
            Some(Dialog::Thread(mut v)) => {
                self.scroll_thread(&mut v, by);
                self.dialog = Some(Dialog::Thread(v));
            }
            other => self.dialog = other,
        }
    }
}

/// Draws the open dialog, if any.
pub fn draw(frame: &mut Frame, app: &App) {
    match &app.dialog {
        None => {}
        Some(Dialog::Help(offset)) => help::draw(frame, app, *offset),
        Some(Dialog::SaveAs(d)) => save_as::draw(frame, app, d),
        Some(Dialog::ConfirmQuit) => quit_confirm::draw(frame),
        Some(Dialog::Publish(d)) => gate::draw(frame, app, d),
        Some(Dialog::Thread(v)) => thread_view::draw(frame, app, v),
        Some(Dialog::Recovery(o)) => recovery::draw(frame, app, o),
        Some(Dialog::ChangedOnDisk(p)) => changed::draw(frame, p),
        Some(Dialog::Target(i)) => target::draw(frame, app, *i),
        Some(Dialog::Choices { finding, index }) => choices::draw(frame, app, *finding, *index),
    }
}
