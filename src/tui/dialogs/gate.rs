//! The publish gate in the editor (Ctrl+P, DESIGN §11): the dialog's state, keys,
//! drawing and the decision to clear. It reads like a checklist, one part under another
//! (never drawn over each other): who and where the post is cleared for, the findings by
//! severity with blocks first and then the exact text (these two scroll: PageUp/PageDown
//! and the wheel), the instructions, and the justification box when blocking findings need
//! one.
//! An empty post is never cleared, nor is a post over a limit of its platform: the platform
//! would refuse it, so no justification can clear it; the gate says so and offers the
//! thread (Ctrl+T) instead. A thread ([`super::thread_view`]) is cleared as one
//! decision: the gate lists each part with its own findings, one justification covers the
//! overrides of every part, and the parts are split again just before clearing: a split
//! that no longer matches the text, platform or rules is never cleared. The clearing itself (outbox, audit log, OSC 52) is
//! an [`Effect::Publish`] for the runner; the rules are in [`crate::publish`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Dialog;
use super::thread_view::{Thread, part_lines, scrolled, summary};
use crate::model::Severity;
use crate::publish::gate::{Gate, decide, justification_len, justification_ok};
use crate::publish::{PostPart, Request};
use crate::tui::app::{App, Effect, geometry};
use crate::tui::components::wrap::{labeled, plain, post_line};
use crate::tui::components::{clean, short, short_path};
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
    /// Rows the post and findings are scrolled down.
    pub scroll: usize,
    /// The thread being cleared, when the post is cleared as a numbered thread.
    pub thread: Option<Thread>,
}

impl PartialEq for PublishDialog {
    fn eq(&self, other: &Self) -> bool {
        self.justification.text() == other.justification.text()
            && self.confirming == other.confirming
            && self.error == other.error
            && self.scroll == other.scroll
            && self.thread == other.thread
    }
}

impl App {
    /// Ctrl+P: opens the publish dialog (refused while rules failed to load).
    pub(crate) fn open_publish(&mut self) {
        if let Gate::Refused(why) = decide(self.rules_loaded(), &self.findings) {
            self.set_error(format!("clearing refused: {why}"));
            return;
        }
        if is_empty_post(self.editor.text()) {
            self.set_error(format!("clearing refused: {EMPTY}"));
            return;
        }
        // After a refusal, the justification typed for it is offered again.
        let kept = self
            .refused
            .as_ref()
            .map(|r| r.justification.clone())
            .unwrap_or_default();
        self.dialog = Some(Dialog::Publish(Box::new(PublishDialog {
            justification: justification_box(kept),
            confirming: false,
            error: None,
            scroll: 0,
            thread: None,
        })));
    }

    /// Opens the gate for `thread`, with `justification` in its box when one was typed
    /// before the thread was split again (else as [`App::open_publish`] does).
    pub(crate) fn open_publish_thread(&mut self, thread: Thread, justification: String) {
        self.open_publish();
        if let Some(Dialog::Publish(d)) = &mut self.dialog {
            d.thread = Some(thread);
            if !justification.is_empty() {
                d.justification = justification_box(justification);
            }
        }
    }

    /// Scrolls the gate's post and findings by `by` rows (clamped).
    pub(crate) fn scroll_gate(&self, d: &mut PublishDialog, by: isize) {
        let r = self.gate_rects(d, self.size);
        let len = body_lines(self, d, r.body.width as usize).len();
        let max = max_scroll(len, r.body.height as usize);
        d.scroll = d.scroll.min(max).saturating_add_signed(by).min(max);
    }

    /// Where the parts of the gate `d` go on a terminal of `size` (the justification box
    /// only when one is asked for, the heading wrapped).
    pub(crate) fn gate_rects(&self, d: &PublishDialog, size: (u16, u16)) -> geometry::GateRects {
        let width = geometry::gate_width(size);
        let (header, help) = (
            header_lines(self, d, width).len(),
            help_lines(self, d, width).len(),
        );
        geometry::gate_rects(size, self.gate_needs(d) && !d.confirming, header, help)
    }

    /// Rows of the heading and of the instructions of the gate `d` at the current size.
    pub(crate) fn gate_text_rows(&self, d: &PublishDialog) -> (usize, usize) {
        let width = geometry::gate_width(self.size);
        (
            header_lines(self, d, width).len(),
            help_lines(self, d, width).len(),
        )
    }

    /// Whether the gate `d` asks for a justification: blocking findings that a
    /// justification may override (not a post over its platform's limit, which nothing
    /// clears).
    pub fn gate_needs(&self, d: &PublishDialog) -> bool {
        self.needs_for(d.thread.as_ref()) && (d.thread.is_some() || self.too_long().is_none())
    }

    /// Why the text cannot be posted as one post: it is over a blocking limit of the
    /// current platform (counted now, in the platform's own unit), in plain words; `None`
    /// when it fits (or there are no rules or platform to count with).
    pub fn too_long(&self) -> Option<String> {
        let engine = self.rules.engine.as_deref()?;
        let p = self.current_platform()?;
        let counters = engine.counters(self.editor.text(), &p.id);
        let (c, _) = counters
            .iter()
            .zip(&p.limits)
            .find(|(c, l)| c.count > c.max && l.2 == Severity::Block)?;
        let name = clean(&p.name);
        let split = if self.thread_offered() {
            " Ctrl+T splits it into a numbered thread, each part checked and within the limit, cleared as one decision; or Esc and shorten it."
        } else {
            " Esc and shorten it."
        };
        Some(format!(
            "Too long for one post: {} {} on {name}, the limit is {}. {name} does not accept it, so it cannot be cleared as one post, not even with a justification.{split}",
            c.count,
            c.unit.label(),
            c.max,
        ))
    }

    /// Whether the current findings need a justification to clear.
    pub fn needs_justification(&self) -> bool {
        self.needs_for(None)
    }

    /// Whether the findings of `thread` (every part), or of the text when `None`, need a
    /// justification to clear.
    pub fn needs_for(&self, thread: Option<&Thread>) -> bool {
        let findings = thread.map(Thread::findings);
        matches!(
            decide(
                self.rules_loaded(),
                findings.as_deref().unwrap_or(&self.findings)
            ),
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
                KeyCode::Char('y' | 'Y') => self.clear_effect(d),
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
        let needs = self.gate_needs(&d);
        let page = self
            .gate_rects(&d, self.size)
            .body
            .height
            .saturating_sub(2)
            .max(1) as isize;
        match key.code {
            KeyCode::Esc => {
                self.set_status("not cleared");
                return None;
            }
            KeyCode::Char('p') if ctrl => return self.try_clear(d),
            KeyCode::Char('t') if ctrl && d.thread.is_none() && self.thread_offered() => {
                self.open_thread();
                return None;
            }
            KeyCode::Enter if !needs => return self.try_clear(d),
            KeyCode::PageUp => self.scroll_gate(&mut d, -page),
            KeyCode::PageDown => self.scroll_gate(&mut d, page),
            KeyCode::Up if !needs => self.scroll_gate(&mut d, -1),
            KeyCode::Down if !needs => self.scroll_gate(&mut d, 1),
            _ if needs => {
                justification_key(&mut d.justification, key);
                let min = self.settings.min_justification;
                if justification_ok(d.justification.text(), min) {
                    // The refusal about its length no longer holds.
                    d.error = None;
                }
            }
            _ => {}
        }
        self.dialog = Some(Dialog::Publish(d));
        None
    }

    /// A paste into the publish dialog goes into the justification.
    pub(crate) fn publish_paste(&mut self, raw: &str) {
        let min = self.settings.min_justification;
        if let Some(Dialog::Publish(d)) = &mut self.dialog
            && !d.confirming
        {
            d.justification.buffer.insert_str(&normalize_paste(raw));
            if justification_ok(d.justification.text(), min) {
                d.error = None;
            }
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
        self.clear_effect(d)
    }

    fn clear_refusal(&self, d: &PublishDialog) -> Option<String> {
        if let Gate::Refused(why) = decide(self.rules_loaded(), &self.findings) {
            return Some(why);
        }
        if is_empty_post(self.editor.text()) {
            return Some(EMPTY.into());
        }
        if d.thread.is_none()
            && let Some(why) = self.too_long()
        {
            return Some(why);
        }
        if let Some(t) = &d.thread
            && !self.thread_fresh(t)
        {
            return Some(
                "the text changed since it was split: Esc, then Ctrl+T to split it again".into(),
            );
        }
        if self.checking && d.thread.is_none() {
            return Some("checking… wait for the findings of this text".into());
        }
        if self.current_platform().is_none() {
            return Some("no platform chosen (F2)".into());
        }
        let j = d.justification.text();
        let min = self.settings.min_justification;
        if self.gate_needs(d) && !justification_ok(j, min) {
            return Some(format!(
                "the justification needs at least {min} characters ({} so far), or fix the blocking findings",
                justification_len(j)
            ));
        }
        None
    }

    fn clear_effect(&mut self, mut d: Box<PublishDialog>) -> Option<Effect> {
        let engine = self.rules.engine.clone()?;
        if let Some(shown) = &d.thread {
            // Split and check again: only the parts the writer saw are cleared.
            let again = self.split_thread();
            if again.as_ref() != Ok(shown) {
                d.confirming = false;
                d.error = Some(match again {
                    Ok(t) => {
                        d.thread = Some(t);
                        "the parts changed since they were shown (split again): check them, then clear".into()
                    }
                    Err(e) => e,
                });
                self.dialog = Some(Dialog::Publish(d));
                return None;
            }
        }
        let text = self.editor.text().to_string();
        let needs = self.gate_needs(&d);
        let thread: Vec<PostPart> = d
            .thread
            .iter()
            .flat_map(|t| &t.parts)
            .map(|p| PostPart {
                text: p.text.clone(),
                findings: p.findings.clone(),
            })
            .collect();
        let req = Request {
            text: text.clone(),
            platform: self.current_platform()?.id.clone(),
            account: self.current_account().cloned(),
            packs: engine.packs().to_vec(),
            fingerprint: engine.fingerprint().to_string(),
            findings: if thread.is_empty() {
                self.findings.clone()
            } else {
                Vec::new()
            },
            justification: needs.then(|| d.justification.text().trim().to_string()),
            thread,
            rules_error: self.reload_error.as_ref().map(|f| f.message.clone()),
        };
        self.attempted_justification = d.justification.text().to_string();
        self.pending_parts = req.thread.len();
        self.pending_publish = Some(req.posts().join("\n\n"));
        self.set_status("clearing…");
        Some(Effect::Publish(Box::new(req)))
    }

    pub(crate) fn on_published(&mut self, result: Result<std::path::PathBuf, String>) {
        let text = self.pending_publish.take();
        let parts = std::mem::take(&mut self.pending_parts);
        match result {
            Ok(path) if parts > 1 => {
                self.cleared = text;
                // The first part's file; the others are named alike, `-2of4` …
                let (first, audit) = (short_path(&path), short_path(&self.settings.audit_log));
                let folder = path.parent().map_or(String::new(), file_name);
                self.set_status_or(
                    format!("cleared {parts} posts (copied): {first} … {parts}of{parts}, one record in {audit}"),
                    format!(
                        "cleared {parts} posts (copied) into {folder}/, one record in {}",
                        file_name(&self.settings.audit_log)
                    ),
                );
            }
            Ok(path) => {
                self.cleared = text;
                let (file, audit) = (short_path(&path), short_path(&self.settings.audit_log));
                self.set_status_or(
                    format!("cleared (copied): {file}, logged in {audit}"),
                    format!(
                        "cleared (copied): {}, logged in {}",
                        file_name(&path),
                        file_name(&self.settings.audit_log)
                    ),
                );
            }
            Err(e) => {
                self.set_error_or(
                    format!("NOT cleared: {e}"),
                    "NOT cleared: the reason is in the detail pane; the justification is kept",
                );
                self.refused = Some(crate::tui::app::Refusal {
                    reason: e,
                    justification: std::mem::take(&mut self.attempted_justification),
                });
                return;
            }
        }
        self.refused = None;
        self.attempted_justification.clear();
    }
}

/// The last component of `path`, for the screen.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map_or_else(|| short_path(path), |n| clean(&n.to_string_lossy()))
}

/// The justification box holding `text`, the cursor at its end (to go on typing).
fn justification_box(text: String) -> Editor {
    let end = text.len();
    let mut ed = Editor::new(text);
    ed.buffer.set_cursor(end);
    ed
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

/// Why an empty post is refused.
const EMPTY: &str = "the post is empty: there is nothing to clear (no visible character)";

use crate::publish::gate::is_empty_post;

use super::thread_view::max_scroll;

/// The gate's line when the rule files failed to reload: what was checked, and what the
/// record will say.
fn stale_rules(f: &crate::tui::runtime::reload::ReloadFailure) -> String {
    let first = f.message.lines().next().unwrap_or_default();
    format!(
        "The rule files on disk have {} error{} ({first}): this post was checked with the last good rules, and the audit record will say so. Esc, fix the rules, or clear with the last good rules.",
        f.count,
        crate::tui::app::plural(f.count)
    )
}

/// Lines of the post shown in the gate (a longer text says how much more there is).
const TEXT_LINES: usize = 200;

/// The gate's scrolled part at `width` cells: the findings by severity, blocks first,
/// then the post as it will be cleared.
fn body_lines(app: &App, d: &PublishDialog, width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = app.theme.dim();
    let mut out = Vec::new();
    if let Some(f) = &app.reload_error {
        out.extend(plain(" ✖", 3, &stale_rules(f), app.theme.error(), width));
    }
    if let Some(t) = &d.thread {
        out.extend(plain(
            " ",
            1,
            &format!(
                "One decision for {}: each part as it will be posted, with its own findings.",
                summary(t)
            ),
            bold,
            width,
        ));
        out.push(Line::from(""));
        out.extend(part_lines(app, t, width));
        return out;
    }
    if app.checking {
        out.push(Line::from(
            " checking… (the findings are not up to date yet)",
        ));
    }
    let too_long = app.too_long().is_some();
    if app.thread_offered() && !too_long {
        out.extend(plain(
            " ",
            1,
            "Over the platform's limit: Ctrl+T splits it into a numbered thread, cleared as one decision.",
            bold,
            width,
        ));
    }
    if app.findings.is_empty() {
        out.push(Line::from(if app.reload_error.is_some() {
            " No findings with the last good rules."
        } else {
            " No findings."
        }));
    }
    for sev in Severity::ALL_DESC {
        let of_sev: Vec<_> = app.findings.iter().filter(|f| f.severity == sev).collect();
        if of_sev.is_empty() {
            continue;
        }
        let heading = match sev {
            Severity::Block if too_long => "Blocking: the post cannot be cleared as one post",
            Severity::Block => "Blocking: fix them, or justify below",
            Severity::Warn => "Warnings: worth a second look; they do not stop the post",
            Severity::Info => "Info",
        };
        let n: usize = of_sev.iter().map(|f| f.unlisted().unwrap_or(1)).sum();
        let count = format!(" {} {n} ", sev.symbol());
        let indent = count.chars().count();
        out.extend(labeled(
            Span::styled(count, app.theme.severity_label(sev)),
            indent,
            vec![Span::styled(heading, bold)],
            width,
        ));
        // The same message of the same rule once, with how often it occurs.
        let mut groups: Vec<(&crate::model::Finding, usize)> = Vec::new();
        for f in &of_sev {
            match groups
                .iter_mut()
                .find(|(g, _)| g.rule == f.rule && g.message == f.message)
            {
                Some((_, n)) => *n += 1,
                None => groups.push((f, 1)),
            }
        }
        for (f, n) in groups.iter().take(MAX_LISTED) {
            let times = if *n > 1 {
                format!(" ×{n}")
            } else {
                String::new()
            };
            out.extend(labeled(
                Span::styled(
                    format!("   {}", sev.symbol()),
                    app.theme.severity_label(sev),
                ),
                5,
                vec![
                    Span::raw(format!("{}{times}", clean(&short(&f.message, 200)))),
                    Span::styled(format!("  {}", clean(&f.rule)), dim),
                ],
                width,
            ));
        }
        if groups.len() > MAX_LISTED {
            let more: usize = groups[MAX_LISTED..].iter().map(|(_, n)| n).sum();
            out.push(Line::styled(format!("     … and {more} more {sev}"), dim));
        }
    }
    out.push(Line::from(""));
    let counter = crate::tui::components::title::counter_label(app, true, false);
    out.push(Line::styled(
        format!(" The post as it will be cleared ({counter}):"),
        bold,
    ));
    // The lines of the post (a final line break opens no line of its own).
    let text = app.editor.text();
    let text = text.strip_suffix('\n').unwrap_or(text);
    for line in text.split('\n').take(TEXT_LINES) {
        out.extend(post_line(3, &clean(line), Style::new(), width));
    }
    let lines = text.split('\n').count();
    if lines > TEXT_LINES {
        out.push(Line::styled(
            format!("   … and {} more lines", lines - TEXT_LINES),
            dim,
        ));
    }
    out
}

/// The instructions for the step the writer is at, and their style.
fn instructions(app: &App, d: &PublishDialog, needs: bool) -> (String, Style) {
    if d.confirming {
        let who = app
            .current_account()
            .map_or(String::new(), |a| clean(&a.handle));
        (
            format!(
                "OFFICIAL account {who}: really clear this post for it? y clears, n goes back."
            ),
            app.theme.error(),
        )
    } else if let Some(why) = app.too_long().filter(|_| d.thread.is_none()) {
        (why, app.theme.error())
    } else if needs {
        let mut text = match &d.thread {
            Some(t) => format!(
                "Blocking findings in the parts: fix them (Esc: back to the text), or justify overriding them below: one justification covers every part (at least {} visible characters; kept in the audit log). Ctrl+P clears all {} parts.",
                app.settings.min_justification,
                t.parts.len()
            ),
            None => format!(
                "Blocking findings: fix them (Esc: back to the text), or justify overriding them below (at least {} visible characters; kept in the audit log). Ctrl+P clears.",
                app.settings.min_justification
            ),
        };
        if app.settings.require_approval {
            text.push_str(&format!(
                " A second approver must sign the override: {} (they run `tact audit approve`).",
                clean(&app.settings.approvers.join(" or "))
            ));
        }
        (text, Style::new())
    } else if let Some(t) = &d.thread {
        (
            format!(
                "Enter or Ctrl+P clears all {} parts as one decision (one outbox file per part, one audit record); Esc: back to the text.",
                t.parts.len()
            ),
            Style::new(),
        )
    } else {
        (
            "Enter or Ctrl+P clears (clipboard, outbox, audit log); Esc: back to the text.".into(),
            Style::new(),
        )
    }
}

/// The gate's heading at `width` cells: who and where the post is cleared for (the counts
/// are in the list's headings), and the thread's size; wrapped, never cut.
fn header_lines(app: &App, d: &PublishDialog, width: usize) -> Vec<Line<'static>> {
    let text = match &d.thread {
        Some(t) => format!(
            "{}, as a thread of {}",
            clean(&app.clearing_for()),
            t.parts.len()
        ),
        None => clean(&app.clearing_for()),
    };
    plain(
        " ",
        1,
        &text,
        Style::new().add_modifier(Modifier::BOLD),
        width,
    )
}

/// The instructions at `width` cells, with the last refusal when the justification box
/// does not show it (and it does not repeat them).
fn help_lines(app: &App, d: &PublishDialog, width: usize) -> Vec<Line<'static>> {
    let needs = app.gate_needs(d);
    let (text, style) = instructions(app, d, needs);
    let mut help = plain(" ", 1, &text, style, width);
    // The refusal goes on the justification box's border when it fits there whole, else
    // here, wrapped.
    let boxed = needs && !d.confirming && d.error.as_deref().is_none_or(|e| on_border(e, width));
    if let Some(e) = d.error.as_ref().filter(|e| !boxed && **e != text) {
        help.extend(plain(" ✖", 3, &clean(e), app.theme.error(), width));
    }
    help
}

/// The refusal `e` as the justification box's bottom title.
fn border_title(e: &str) -> String {
    format!(" ✖ {} ", clean(e))
}

/// Whether the refusal `e` fits whole on the bottom border of a justification box `width`
/// cells wide (its two corners aside).
fn on_border(e: &str, width: usize) -> bool {
    Span::raw(border_title(e)).width() + 2 <= width
}

/// Findings listed per severity in the publish dialog.
const MAX_LISTED: usize = 8;

/// Draws the gate: who the post is cleared for, the post and the findings (scrolled),
/// the instructions, and the justification box when blocking findings need one.
pub fn draw(frame: &mut Frame, app: &App, d: &PublishDialog) {
    let size = (frame.area().width, frame.area().height);
    let needs = app.gate_needs(d);
    let r = app.gate_rects(d, size);
    frame.render_widget(Clear, geometry::with_margin(r.area, frame.area()));
    frame.render_widget(Block::bordered().title(" Publish: the gate "), r.area);
    let header = header_lines(app, d, r.header.width as usize);
    frame.render_widget(Paragraph::new(header), r.header);

    let all = body_lines(app, d, r.body.width as usize);
    let shown = scrolled(app, &all, d.scroll, r.body.height);
    frame.render_widget(Paragraph::new(shown), r.body);

    let help = help_lines(app, d, r.help.width as usize);
    frame.render_widget(Paragraph::new(help), r.help);

    if needs && !d.confirming {
        let n = justification_len(d.justification.text());
        let min = app.settings.min_justification;
        let count = if justification_ok(d.justification.text(), min) {
            Span::raw(format!(" Justification {n}/{min} ✓ "))
        } else {
            Span::styled(format!(" Justification {n}/{min} "), app.theme.error())
        };
        let keys = " Ctrl+P clears · Esc: back · Enter: new line ";
        let fits =
            count.content.chars().count() + keys.chars().count() + 2 <= r.boxed.width as usize;
        let mut block = Block::bordered().title(Line::from(count));
        if fits {
            block = block.title(Line::from(keys).right_aligned());
        }
        if let Some(e) = d
            .error
            .as_deref()
            .filter(|e| on_border(e, r.boxed.width as usize))
        {
            // On the box itself, where the writer is typing (a longer one is in the help).
            block = block.title_bottom(Span::styled(border_title(e), app.theme.error()));
        }
        frame.render_widget(block, r.boxed);
        let ed = &d.justification;
        let view = EditorView {
            text: ed.text(),
            layout: ed.layout(),
            scroll: ed.scroll(),
            marks: &[],
            selection: None,
            styles: app.theme.editor(),
        };
        frame.render_widget(view, r.justification);
        if let Some(pos) = cursor_position(
            ed.text(),
            ed.layout(),
            ed.scroll(),
            ed.cursor(),
            r.justification,
        ) {
            frame.set_cursor_position(pos);
        }
    }
}
