//! The thread preview (Ctrl+T, DESIGN §11, issue 16 item 6): a post over the platform's
//! limit split into a numbered thread ([`crate::platform::thread::split`]: sentence
//! boundaries, ` i/n`, every part within every limit of the platform), each part shown with
//! its count in the platform's unit and its own findings: every part is checked with the
//! engine as it will be posted. Enter or Ctrl+P takes the thread to the gate
//! ([`super::gate`]), which clears it as one decision; Esc goes back to the text.
//!
//! **Thread mode never outlives the text it was split from.** A [`Thread`] records the
//! text, platform and rules it was made from; when any of them changes while the preview or
//! the gate is open (a rule reload…), the thread is split again and shown in the preview
//! (from the gate too: new parts are never cleared unseen); the gate refuses a thread that
//! does not match the text, and splits once more before clearing, refusing when the parts
//! differ from the ones shown. Going back to the text leaves thread mode: Ctrl+T
//! splits the edited text afresh.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Dialog;
use crate::engine::{CheckOptions, WHOLE_TEXT_NOTE};
use crate::model::{Finding, Totals};
use crate::platform::{Unit, count, split_thread};
use crate::tui::app::{App, geometry, plural};
use crate::tui::components::wrap::{labeled, plain, post_line};
use crate::tui::components::{clean, short};

/// One part of a thread as it will be posted.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadPart {
    /// The part with its ` i/n` numbering.
    pub text: String,
    /// Its length in the platform's main unit.
    pub count: usize,
    /// Its findings (spans into `text`), blocks first.
    pub findings: Vec<Finding>,
}

/// A text split into a thread for one platform under one set of rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    /// The text it was split from.
    pub source: String,
    /// The platform id.
    pub platform: String,
    /// The fingerprint of the rules that checked the parts.
    pub fingerprint: String,
    /// The platform's main unit and limit (the first limit).
    pub limit: (Unit, usize),
    /// The parts, in order.
    pub parts: Vec<ThreadPart>,
}

impl Thread {
    /// Every part's findings, in part order.
    pub fn findings(&self) -> Vec<Finding> {
        self.parts
            .iter()
            .flat_map(|p| p.findings.iter().cloned())
            .collect()
    }
}

/// The thread preview's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadView {
    /// The thread shown.
    pub thread: Thread,
    /// Rows scrolled down.
    pub scroll: usize,
    /// The justification typed in the thread's gate before the thread was split again
    /// (offered again when the gate reopens; empty when none was typed).
    pub justification: String,
}

impl App {
    /// The limits every part of a thread must fit on the current platform (empty: none).
    pub fn thread_limits(&self) -> Vec<(Unit, usize)> {
        self.current_platform()
            .map(|p| p.thread_limits())
            .unwrap_or_default()
    }

    /// Whether the editor offers a thread: rules loaded, and the text over a limit of the
    /// current platform.
    pub fn thread_offered(&self) -> bool {
        self.rules_loaded() && crate::tui::components::title::over_limit(self)
    }

    /// Splits the current text for the current platform and checks every part.
    ///
    /// # Errors
    /// No rules, no platform or one without limits, or the text cannot be split (a
    /// message for the status line).
    pub fn split_thread(&self) -> Result<Thread, String> {
        let engine = self
            .rules
            .engine
            .clone()
            .ok_or("rules failed to load: nothing can be split or checked")?;
        let platform = self
            .current_platform()
            .ok_or("no platform chosen (F2)")?
            .clone();
        let limits = self.thread_limits();
        let Some(&limit) = limits.first() else {
            return Err(format!(
                "{} has no length limit: nothing to split",
                platform.name
            ));
        };
        let source = self.editor.text().to_string();
        let parts = split_thread(&source, &limits).map_err(|e| format!("cannot split: {e}"))?;
        let opts = CheckOptions {
            platform: Some(platform.id.clone()),
            ..Default::default()
        };
        // Each part as posted, and the whole text's blocks that no part has (a thread is
        // at least as strict as the text: `Engine::check_thread`).
        let checked = engine.check_thread(&source, &parts, &opts);
        let parts = parts
            .into_iter()
            .zip(checked)
            .map(|(p, mut findings)| {
                findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.start));
                ThreadPart {
                    count: count(limit.0, &p.text),
                    text: p.text,
                    findings,
                }
            })
            .collect();
        Ok(Thread {
            source,
            platform: platform.id,
            fingerprint: engine.fingerprint().to_string(),
            limit,
            parts,
        })
    }

    /// Whether `t` was split from the current text, platform and rules.
    pub fn thread_fresh(&self, t: &Thread) -> bool {
        t.source == self.editor.text()
            && self.current_platform().is_some_and(|p| p.id == t.platform)
            && self
                .rules
                .engine
                .as_deref()
                .is_some_and(|e| e.fingerprint() == t.fingerprint)
    }

    /// Ctrl+T: the thread preview, when the text is over the platform's limit.
    pub(crate) fn open_thread(&mut self) {
        if !self.rules_loaded() {
            self.set_error("no thread: the rules failed to load, so nothing can be checked");
            return;
        }
        if !crate::tui::components::title::over_limit(self) {
            let name = self
                .current_platform()
                .map_or("the platform", |p| p.name.as_str());
            self.set_status(format!(
                "the post fits in one post on {name}: no thread needed"
            ));
            return;
        }
        match self.split_thread() {
            Ok(thread) => {
                self.dialog = Some(Dialog::Thread(Box::new(ThreadView {
                    thread,
                    scroll: 0,
                    justification: String::new(),
                })));
            }
            Err(e) => self.set_error(e),
        }
    }

    /// Splits again a thread shown in the preview or the gate whose text, platform or rules
    /// changed (called after every action); closes it when the text no longer needs one.
    pub(crate) fn refresh_thread(&mut self) {
        let stale = match &self.dialog {
            Some(Dialog::Thread(v)) => !self.thread_fresh(&v.thread),
            Some(Dialog::Publish(d)) => d.thread.as_ref().is_some_and(|t| !self.thread_fresh(t)),
            _ => false,
        };
        if !stale {
            return;
        }
        let fresh = self
            .split_thread()
            .ok()
            .filter(|t| t.parts.len() > 1 && self.thread_offered());
        match (self.dialog.as_mut(), fresh) {
            (Some(Dialog::Thread(v)), Some(t)) => {
                v.thread = t;
                self.set_status("the text or the rules changed: the thread was split again");
            }
            (Some(Dialog::Publish(d)), Some(t)) => {
                // Back to the preview: the writer sees the new parts before clearing them;
                // the justification typed so far is kept for the gate's return.
                let justification = d.justification.text().to_string();
                let kept = if justification.trim().is_empty() {
                    ""
                } else {
                    " (your justification is kept)"
                };
                self.dialog = Some(Dialog::Thread(Box::new(ThreadView {
                    thread: t,
                    scroll: 0,
                    justification,
                })));
                self.set_error(format!(
                    "the text or the rules changed: the thread was split again; check the parts, then Enter{kept}"
                ));
            }
            _ => {
                self.dialog = None;
                self.set_error("the text changed and no longer needs a thread: not cleared");
            }
        }
    }

    /// Keys of the thread preview.
    pub(crate) fn thread_key(&mut self, mut v: Box<ThreadView>, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let page = thread_rects(self, &v.thread, self.size)
            .body
            .height
            .saturating_sub(2)
            .max(1) as isize;
        match key.code {
            KeyCode::Esc => {
                self.set_status("thread not cleared: back to the text (Ctrl+T splits again)");
                return;
            }
            KeyCode::Enter => return self.open_publish_thread(v.thread, v.justification),
            KeyCode::Char('p') if ctrl => {
                return self.open_publish_thread(v.thread, v.justification);
            }
            KeyCode::PageUp => self.scroll_thread(&mut v, -page),
            KeyCode::PageDown => self.scroll_thread(&mut v, page),
            KeyCode::Up => self.scroll_thread(&mut v, -1),
            KeyCode::Down => self.scroll_thread(&mut v, 1),
            KeyCode::Home => v.scroll = 0,
            _ => {}
        }
        self.dialog = Some(Dialog::Thread(v));
    }

    /// Scrolls the preview by `by` rows (clamped).
    pub(crate) fn scroll_thread(&self, v: &mut ThreadView, by: isize) {
        let r = thread_rects(self, &v.thread, self.size);
        let len = part_lines(self, &v.thread, r.body.width as usize).len();
        let max = max_scroll(len, r.body.height as usize);
        v.scroll = v.scroll.min(max).saturating_add_signed(by).min(max);
    }
}

/// The last scroll offset of `len` rows in `height` (one row shows where more is).
pub(crate) fn max_scroll(len: usize, height: usize) -> usize {
    if len > height {
        len - height.saturating_sub(1).max(1)
    } else {
        0
    }
}

/// `1 block · 2 warn`, or `no findings`.
fn totals(findings: &[Finding]) -> String {
    let t = Totals::of_all(findings);
    let mut out = Vec::new();
    for (n, what) in [(t.block, "block"), (t.warn, "warn"), (t.info, "info")] {
        if n > 0 {
            out.push(format!("{n} {what}"));
        }
    }
    if out.is_empty() {
        "no findings".into()
    } else {
        out.join(" · ")
    }
}

/// Every part of `t` at `width` cells: a heading with its number, count and totals, its
/// findings (blocks first), then its text as it will be posted. Shared by the preview and
/// the gate.
pub(crate) fn part_lines(app: &App, t: &Thread, width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = app.theme.dim();
    let n = t.parts.len();
    let (unit, max) = t.limit;
    let mut out = Vec::new();
    for (i, p) in t.parts.iter().enumerate() {
        if i > 0 {
            out.push(Line::from(""));
        }
        let heading = format!(
            " Part {}/{n} · {}/{max} {} · {}",
            i + 1,
            p.count,
            unit.label(),
            totals(&p.findings)
        );
        out.extend(plain("", 1, &heading, bold, width));
        for f in &p.findings {
            let sev = f.severity;
            out.extend(labeled(
                Span::styled(
                    format!("   {}", sev.symbol()),
                    app.theme.severity_label(sev),
                ),
                5,
                vec![
                    Span::raw(clean(&short(&f.message, 200))),
                    Span::styled(format!("  {}", clean(&f.rule)), dim),
                ],
                width,
            ));
            if f.message.ends_with(WHOLE_TEXT_NOTE) {
                // A block only the whole text has: its whole reason (the preview scrolls), since
                // no part shows it alone.
                let why = format!("why: {}", clean(&f.why));
                out.extend(plain("", 5, &why, dim, width));
            }
        }
        for line in p.text.split('\n') {
            out.extend(post_line(3, &clean(line), Style::new(), width));
        }
    }
    out
}

/// `4 parts · 1 block · 1 warn`: the heading of a thread.
pub(crate) fn summary(t: &Thread) -> String {
    let n = t.parts.len();
    format!(
        "a thread of {n} post{} · {}",
        plural(n),
        totals(&t.findings())
    )
}

/// Draws the preview: what is split for where, the parts with their counts and findings
/// (scrolled), and the keys.
pub fn draw(frame: &mut Frame, app: &App, v: &ThreadView) {
    let size = (frame.area().width, frame.area().height);
    let r = thread_rects(app, &v.thread, size);
    frame.render_widget(Clear, geometry::with_margin(r.area, frame.area()));
    frame.render_widget(Block::bordered().title(" Thread: preview "), r.area);
    let header = header_lines(app, &v.thread, r.header.width as usize);
    frame.render_widget(Paragraph::new(header), r.header);
    let all = part_lines(app, &v.thread, r.body.width as usize);
    frame.render_widget(
        Paragraph::new(scrolled(app, &all, v.scroll, r.body.height)),
        r.body,
    );
    let lines = plain(" ", 1, HELP, Style::new(), r.help.width as usize);
    frame.render_widget(Paragraph::new(lines), r.help);
}

/// The preview's keys.
const HELP: &str = "Enter or Ctrl+P: to the gate, which clears all parts as one decision; ↑/↓ PgUp/PgDn scroll; Esc: back to the text (leaves the thread).";

/// The preview's heading at `width` cells (wrapped, never cut): where the thread is split
/// for, its parts and findings.
fn header_lines(app: &App, t: &Thread, width: usize) -> Vec<Line<'static>> {
    let name = app
        .current_platform()
        .map_or("no platform".to_string(), |p| clean(&p.name));
    let text = format!("Split for {name}: {}", summary(t));
    plain(
        " ",
        1,
        &text,
        Style::new().add_modifier(Modifier::BOLD),
        width,
    )
}

/// Where the preview's parts go on a terminal of `size`: the gate's layout without a
/// justification box.
fn thread_rects(app: &App, t: &Thread, size: (u16, u16)) -> geometry::GateRects {
    let width = geometry::gate_width(size);
    let help = plain(" ", 1, HELP, Style::new(), width).len();
    geometry::gate_rects(size, false, header_lines(app, t, width).len(), help)
}

/// The rows of `all` shown from `scroll` in `height` rows, with a row saying where more is.
pub(crate) fn scrolled(
    app: &App,
    all: &[Line<'static>],
    scroll: usize,
    height: u16,
) -> Vec<Line<'static>> {
    let height = height as usize;
    let offset = scroll.min(max_scroll(all.len(), height));
    let more = all.len() > height;
    let rows = if more {
        height.saturating_sub(1)
    } else {
        height
    };
    let mut shown: Vec<Line> = all.iter().skip(offset).take(rows).cloned().collect();
    if more {
        let below = all.len().saturating_sub(offset + rows);
        let mark = if below > 0 {
            format!(" ↓ {below} more row{}: PgDn (↑ PgUp)", plural(below))
        } else {
            " ↑ PgUp: back to the top".to_string()
        };
        shown.push(Line::styled(mark, app.theme.dim()));
    }
    shown
}
