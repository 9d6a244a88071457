//! The selected finding's detail: severity and rule, the message, the fix, why, then the
//! match (or a tone finding's explanation, [`super::tone`]). The text is wrapped with the
//! labels in a column of their own; the pane scrolls (Alt+PageUp/PageDown anywhere,
//! PageUp/PageDown in the list, arrows when the detail has focus, the wheel over it), and
//! its border says which rows show when the detail is longer than the pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::wrap::{labeled, plain};
use super::{clean, pane_block, severity_span, short};
use crate::model::Finding;
use crate::tui::app::{App, Focus, geometry};

/// Width of the label column (`Why`, `Fix`, `Match`) in cells.
pub const LABEL: usize = 8;

/// The detail pane's scroll position: `offset` rows down, for finding `finding` (another
/// selection starts at the top again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailScroll {
    /// The finding the offset belongs to.
    pub finding: Option<usize>,
    /// First row shown.
    pub offset: usize,
}

/// A command of the detail pane (bound in [`crate::tui::app::keymap::KEYMAP`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailCommand {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// One pane up.
    PageUp,
    /// One pane down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Back to the text.
    Leave,
}

fn fix_text(f: &Finding, text: &str) -> String {
    match f.safe_fix() {
        Some(fix) => format!("{} (Alt+Enter or F4)", clean(&fix.label_in(text))),
        None if f.fixes.is_empty() => "none (advice only): edit the text".to_string(),
        None => {
            let labels: Vec<String> = f.fixes.iter().map(|x| clean(&x.label_in(text))).collect();
            if labels.len() == 1 {
                format!("{} (F4)", labels[0])
            } else {
                format!("choose (F4): {}", labels.join(" / "))
            }
        }
    }
}

/// The rows of the detail at `width` cells (the pane's inner width).
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if let Some(err) = &app.load_error {
        return error_lines(app, err, width);
    }
    let mut out = Vec::new();
    if let Some(r) = &app.refused {
        // A refused clearing: the whole reason (the status line has room for its start).
        out.extend(plain(
            "",
            0,
            "The post was NOT cleared (Ctrl+P tries again; the justification is kept):",
            Style::new(),
            width,
        ));
        out.extend(error_lines(app, &r.reason, width));
        out.push(Line::from(""));
    } else if let Some(msg) = cut_status(app) {
        // A status message longer than its row (and without a short form): whole here.
        let style = if msg.1 {
            app.theme.error()
        } else {
            app.theme.dim()
        };
        out.extend(plain("", 0, &msg.0, style, width));
        out.push(Line::from(""));
    }
    let Some(failure) = &app.reload_error else {
        out.extend(finding_lines(app, width));
        return out;
    };
    // A reload that failed: its errors first, whole (the banner shows only the first,
    // cut to the row), then the selected finding as usual.
    out.extend(plain(
        "",
        0,
        "The rules were not reloaded; the last good rules stay in force. Fix the file and save it (or Ctrl+R). Rule errors:",
        Style::new(),
        width,
    ));
    out.extend(error_lines(app, &failure.message, width));
    out.push(Line::from(""));
    out.extend(finding_lines(app, width));
    out
}

/// The status message (and whether it is an error) when the status row cuts it: longer
/// than the terminal is wide, with no short form (messages with a short form say where
/// the rest is).
fn cut_status(app: &App) -> Option<(String, bool)> {
    let s = app.status.as_ref().filter(|s| s.short.is_none())?;
    let text = clean(&s.text);
    // The row starts with one space.
    (text.width() + 1 > usize::from(app.size.0)).then_some((text, s.error))
}

/// Rule errors, one per line, wrapped.
fn error_lines(app: &App, errors: &str, width: usize) -> Vec<Line<'static>> {
    errors
        .lines()
        .flat_map(|l| plain("", 0, &clean(l), app.theme.error(), width))
        .collect()
}

/// The selected finding's detail (or the hint to select one).
fn finding_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if let Some(t) = app.active_thread() {
        let n = t.parts.len();
        return plain(
            "",
            0,
            &format!("A thread of {n} parts: each part's findings are in the thread's own view."),
            Style::new(),
            width,
        );
    }
    let Some(f) = app.selected_finding() else {
        let hint = if app.findings.is_empty() {
            ""
        } else {
            "F8 selects the next finding."
        };
        return vec![Line::from(hint)];
    };
    let mut out = labeled(
        severity_span(app, f.severity),
        LABEL,
        vec![Span::raw(format!("{} ({})", clean(&f.rule), f.category))],
        width,
    );
    out.extend(plain(
        "",
        LABEL,
        &clean(&short(&f.message, 600)),
        Style::new(),
        width,
    ));
    let label = app.theme.dim();
    let row = |name: &str, text: String| {
        labeled(
            Span::styled(name.to_string(), label),
            LABEL,
            vec![Span::raw(text)],
            width,
        )
    };
    // The fix (short, what to do) before why (often a paragraph).
    out.extend(row("Fix", fix_text(f, app.editor.text())));
    out.extend(row("Why", clean(&f.why)));
    match &f.tone {
        Some(t) => {
            let mut tone = super::tone::lines(f, t, app.editor.text(), app.theme);
            tone.push(super::tone::sentence_line(f));
            for l in tone {
                out.extend(hanging(l, width));
            }
        }
        None => out.extend(row("Match", clean(&short(&f.matched, 200)))),
    }
    out
}

/// `line` wrapped at `width`, its continuation rows indented like its first.
fn hanging(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let mut spans = line.spans;
    let lead = spans.first().map_or(0, |s| {
        s.content.len() - s.content.trim_start_matches(' ').len()
    });
    if let Some(first) = spans.first_mut() {
        first.content = first.content[lead..].to_string().into();
    }
    labeled(Span::raw(" ".repeat(lead)), lead, spans, width)
}

impl App {
    /// The first row of the detail shown (0 when the selection changed since it scrolled).
    pub fn detail_offset(&self) -> usize {
        let s = self.detail_scroll;
        if s.finding == self.selected {
            s.offset
        } else {
            0
        }
    }

    /// The detail's rows and the pane's inner height at the current terminal size.
    fn detail_extent(&self) -> (usize, usize) {
        let a = geometry::areas(self.size, self.banner_shown(), self.findings.len());
        let inner = Block::bordered().inner(a.detail);
        (
            lines(self, inner.width as usize).len(),
            inner.height as usize,
        )
    }

    /// Scrolls the detail by `by` rows (clamped to its length).
    pub(crate) fn scroll_detail(&mut self, by: isize) {
        let (len, height) = self.detail_extent();
        let max = len.saturating_sub(height.max(1));
        let offset = self.detail_offset().saturating_add_signed(by).min(max);
        self.detail_scroll = DetailScroll {
            finding: self.selected,
            offset,
        };
    }

    /// Runs a command of the detail pane.
    pub(crate) fn detail_command(&mut self, c: DetailCommand) {
        let (_, height) = self.detail_extent();
        let page = height.saturating_sub(1).max(1) as isize;
        match c {
            DetailCommand::Up => self.scroll_detail(-1),
            DetailCommand::Down => self.scroll_detail(1),
            DetailCommand::PageUp => self.scroll_detail(-page),
            DetailCommand::PageDown => self.scroll_detail(page),
            DetailCommand::Top => self.scroll_detail(isize::MIN),
            DetailCommand::Bottom => self.scroll_detail(isize::MAX),
            DetailCommand::Leave => self.focus = Focus::Editor,
        }
    }
}

/// `1-6 of 9 · Alt+PgUp/PgDn` when the detail is longer than the pane.
pub(crate) fn position_label(offset: usize, height: usize, len: usize, keys: &str) -> String {
    let last = (offset + height).min(len);
    format!(" {}-{last} of {len} · {keys} ", offset + 1)
}

/// The selected finding's detail, scrolled.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == Focus::Detail && app.dialog.is_none();
    let title = if app.load_error.is_some() {
        " Rule errors "
    } else if app.reload_error.is_some() {
        " Rule errors · Detail "
    } else if app.refused.is_some() {
        " Not cleared · Detail "
    } else {
        " Detail "
    };
    let mut block = pane_block(title, focused);
    let inner = block.inner(area);
    let all = lines(app, inner.width as usize);
    let height = inner.height as usize;
    let offset = app.detail_offset().min(all.len().saturating_sub(height));
    if all.len() > height {
        let keys = if focused {
            "↑/↓ PgUp/PgDn"
        } else {
            "Alt+PgUp/PgDn"
        };
        block = block.title_bottom(
            Line::from(position_label(offset, height, all.len(), keys)).right_aligned(),
        );
    }
    let shown: Vec<Line> = all.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
