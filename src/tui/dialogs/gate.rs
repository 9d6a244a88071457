//! The publish gate in the editor (Ctrl+P, DESIGN §11): the dialog's state, keys,
//! drawing and the decision to clear. The clearing itself (outbox, audit log, OSC 52) is
//! an [`Effect::Publish`] for the runner; the rules are in [`crate::publish`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Dialog;
use crate::model::Severity;
use crate::publish::Request;
use crate::publish::gate::{Gate, decide, justification_len, justification_ok};
use crate::tui::app::{App, Effect, geometry};
use crate::tui::components::{clean, short, title::totals_label};
use crate::tui::editor::widget::{EditorView, cursor_position};
use crate::tui::editor::{EditKind, Editor, normalize_paste};

/// The publish dialog's state (Ctrl+P).
#[derive(Debug, Clone)]
pub struct PublishDialog {
    /// The justification typed so far (our editor widget, multi-line).
    pub justification: Editor,
    /// The official-account confirmation step is showing.
    pub confirming: bool,
    /// Why the last attempt to clear was refused.
    pub error: Option<String>,
}

impl PartialEq for PublishDialog {
    fn eq(&self, other: &Self) -> bool {
        self.justification.text() == other.justification.text()
            && self.confirming == other.confirming
            && self.error == other.error
    }
}

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
        let engine = self.rules.engine.clone()?;
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

/// Findings listed per severity in the publish dialog.
const MAX_LISTED: usize = 8;

fn finding_line(app: &App, f: &crate::model::Finding) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!(" {} {:<5} ", f.severity.symbol(), f.severity.as_str()),
            app.theme.severity_label(f.severity),
        ),
        Span::raw(format!(
            "{} {}",
            clean(&f.rule),
            clean(&short(&f.message, 200))
        )),
    ])
}

/// Draws the gate: who the post is cleared for, the findings by severity, and the
/// justification box when blocking findings need one.
pub fn draw(frame: &mut Frame, app: &App, d: &PublishDialog) {
    let size = (frame.area().width, frame.area().height);
    let (area, text_area) = geometry::publish_rects(size);
    frame.render_widget(Clear, area);
    let needs = app.needs_justification();
    let mut lines = vec![
        Line::from(Span::styled(
            format!(" {}", clean(&app.clearing_for())),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from(format!(" {}", totals_label(app))),
    ];
    if app.checking {
        lines.push(Line::from(
            " checking… (the findings are not up to date yet)",
        ));
    }
    for sev in Severity::ALL_DESC {
        let of_sev: Vec<_> = app.findings.iter().filter(|f| f.severity == sev).collect();
        for f in of_sev.iter().take(MAX_LISTED) {
            lines.push(finding_line(app, f));
        }
        if of_sev.len() > MAX_LISTED {
            let more = of_sev.len() - MAX_LISTED;
            lines.push(Line::from(format!("   … and {more} more {sev}")));
        }
    }
    if app.findings.is_empty() {
        lines.push(Line::from(" No findings."));
    }
    lines.push(Line::from(""));
    if d.confirming {
        let who = app
            .current_account()
            .map_or(String::new(), |a| clean(&a.handle));
        lines.push(Line::from(Span::styled(
            format!(" OFFICIAL account {who}: really clear this post for it? (y/n)"),
            app.theme.error(),
        )));
    } else if needs {
        lines.push(Line::from(format!(
            " Blocking findings: fix them (Esc), or justify overriding them (at least {} characters; recorded in the audit log). Ctrl+P clears.",
            app.settings.min_justification
        )));
        if app.settings.require_approval {
            lines.push(Line::from(format!(
                " A second approver must sign the override: {} (they run `tact audit approve`).",
                clean(&app.settings.approvers.join(" or "))
            )));
        }
    } else {
        lines.push(Line::from(
            " Enter or Ctrl+P clears (clipboard, outbox, audit log); Esc cancels.",
        ));
    }
    if let Some(e) = &d.error {
        lines.push(Line::from(Span::styled(
            format!(" ✖ {}", clean(e)),
            app.theme.error(),
        )));
    }
    let p = Paragraph::new(lines)
        .block(Block::bordered().title(" Publish: the gate "))
        .wrap(Wrap { trim: false });
    frame.render_widget(p, area);
    if needs && !d.confirming {
        let n = crate::publish::gate::justification_len(d.justification.text());
        let box_area = Rect::new(
            text_area.x - 1,
            text_area.y - 1,
            text_area.width + 2,
            text_area.height + 2,
        );
        let title = format!(" Justification {n}/{} ", app.settings.min_justification);
        // The keys and any refusal sit on the box itself, where the writer is typing: the
        // dialog's own lines can be hidden under the box on small screens.
        let mut block = Block::bordered()
            .title(title)
            .title(Line::from(" Ctrl+P clears · Esc: back · Enter: new line ").right_aligned());
        if let Some(e) = &d.error {
            block =
                block.title_bottom(Span::styled(format!(" ✖ {} ", clean(e)), app.theme.error()));
        }
        frame.render_widget(Clear, box_area);
        frame.render_widget(block, box_area);
        let ed = &d.justification;
        let view = EditorView {
            text: ed.text(),
            layout: ed.layout(),
            scroll: ed.scroll(),
            marks: &[],
            selection: None,
            styles: app.theme.editor(),
        };
        frame.render_widget(view, text_area);
        if let Some(pos) =
            cursor_position(ed.text(), ed.layout(), ed.scroll(), ed.cursor(), text_area)
        {
            frame.set_cursor_position(pos);
        }
    }
}
