//! The publish gate in the editor (Ctrl+P, DESIGN §11): the dialog's keys and the
//! decision to clear. The clearing itself (outbox, audit log, OSC 52) is an
//! [`Effect::Publish`] for the runner; the rules are in [`crate::publish`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::publish::Request;
use crate::publish::gate::{Gate, decide, justification_len, justification_ok};

use super::app::{App, Dialog, Effect, PublishDialog};
use super::editor::{EditKind, Editor, normalize_paste};

impl App {
    /// Ctrl+P: opens the publish dialog (refused while rules failed to load).
    pub(crate) fn open_publish(&mut self) {
        if let Gate::Refused(why) = decide(self.rules_loaded(), &self.findings) {
            self.set_error(format!("clearing refused: {why}"));
            return;
        }
        self.dialog = Some(Dialog::Publish(Box::new(PublishDialog {
            justification: Editor::new(String::new()),
            confirming: false,
            error: None,
        })));
    }

    /// Whether the current findings need a justification to clear.
    pub fn needs_justification(&self) -> bool {
        matches!(
            decide(self.rules_loaded(), &self.findings),
            Gate::NeedsJustification { .. }
        )
    }

    /// "Clearing for @handle (official) on X", or for the platform alone.
    pub fn clearing_for(&self) -> String {
        let platform = self
            .current_platform()
            .map_or("no platform", |p| p.name.as_str());
        match self.current_account() {
            Some(a) => format!("Clearing for {} ({}) on {platform}", a.handle, a.kind),
            None => format!("Clearing for {platform} (no account selected; F2 picks one)"),
        }
    }

    pub(crate) fn publish_key(
        &mut self,
        mut d: Box<PublishDialog>,
        key: KeyEvent,
    ) -> Option<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if d.confirming {
            return match key.code {
                KeyCode::Char('y' | 'Y') => self.clear_effect(&d),
                KeyCode::Esc | KeyCode::Char('n' | 'N') => {
                    d.confirming = false;
                    self.dialog = Some(Dialog::Publish(d));
                    None
                }
                _ => {
                    self.dialog = Some(Dialog::Publish(d));
                    None
                }
            };
        }
        let needs = self.needs_justification();
        match key.code {
            KeyCode::Esc => {
                self.set_status("not cleared");
                return None;
            }
            KeyCode::Char('p') if ctrl => return self.try_clear(d),
            KeyCode::Enter if !needs => return self.try_clear(d),
            _ if needs => justification_key(&mut d.justification, key),
            _ => {}
        }
        self.dialog = Some(Dialog::Publish(d));
        None
    }

    /// A paste into the publish dialog goes into the justification.
    pub(crate) fn publish_paste(&mut self, raw: &str) {
        if let Some(Dialog::Publish(d)) = &mut self.dialog
            && !d.confirming
        {
            d.justification.buffer.insert_str(&normalize_paste(raw));
        }
    }

    fn try_clear(&mut self, mut d: Box<PublishDialog>) -> Option<Effect> {
        let refuse = self.clear_refusal(&d);
        if let Some(why) = refuse {
            d.error = Some(why);
            self.dialog = Some(Dialog::Publish(d));
            return None;
        }
        if self.current_account().is_some_and(|a| a.kind == "official") {
            d.confirming = true;
            d.error = None;
            self.dialog = Some(Dialog::Publish(d));
            return None;
        }
        self.clear_effect(&d)
    }

    fn clear_refusal(&self, d: &PublishDialog) -> Option<String> {
        if let Gate::Refused(why) = decide(self.rules_loaded(), &self.findings) {
            return Some(why);
        }
        if self.checking {
            return Some("checking… wait for the findings of this text".into());
        }
        if self.current_platform().is_none() {
            return Some("no platform chosen (F2)".into());
        }
        let j = d.justification.text();
        let min = self.settings.min_justification;
        if self.needs_justification() && !justification_ok(j, min) {
            return Some(format!(
                "the justification needs at least {min} characters ({} so far), or fix the blocking findings",
                justification_len(j)
            ));
        }
        None
    }

    fn clear_effect(&mut self, d: &PublishDialog) -> Option<Effect> {
        let engine = self.engine.clone()?;
        let text = self.editor.text().to_string();
        let needs = self.needs_justification();
        let req = Request {
            text: text.clone(),
            platform: self.current_platform()?.id.clone(),
            account: self.current_account().cloned(),
            packs: engine.packs().to_vec(),
            fingerprint: engine.fingerprint().to_string(),
            findings: self.findings.clone(),
            justification: needs.then(|| d.justification.text().trim().to_string()),
        };
        self.pending_publish = Some(text);
        self.set_status("clearing…");
        Some(Effect::Publish(Box::new(req)))
    }

    pub(crate) fn on_published(&mut self, result: Result<std::path::PathBuf, String>) {
        let text = self.pending_publish.take();
        match result {
            Ok(path) => {
                self.cleared = text;
                self.set_status(format!(
                    "cleared: copied to the clipboard, saved to {}, recorded in {}",
                    path.display(),
                    self.settings.audit_log.display()
                ));
            }
            Err(e) => self.set_error(format!("NOT cleared: {e}")),
        }
    }
}

/// Editing keys inside the justification box.
fn justification_key(ed: &mut Editor, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if !ctrl && !alt => {
            ed.buffer
                .insert(c.encode_utf8(&mut [0; 4]), EditKind::Typing);
        }
        KeyCode::Enter => ed.buffer.insert("\n", EditKind::Typing),
        KeyCode::Backspace => {
            ed.buffer.backspace();
        }
        KeyCode::Delete => {
            ed.buffer.delete();
        }
        KeyCode::Left => ed.buffer.left(),
        KeyCode::Right => ed.buffer.right(),
        KeyCode::Up => ed.move_rows(-1),
        KeyCode::Down => ed.move_rows(1),
        KeyCode::Home => ed.home(),
        KeyCode::End => ed.end(),
        KeyCode::Char('z') if ctrl => {
            ed.buffer.undo();
        }
        _ => {}
    }
    if !matches!(key.code, KeyCode::Up | KeyCode::Down) {
        ed.reset_column();
    }
}
