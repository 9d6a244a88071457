//! The findings list: its commands (↑/↓, Home/End, Enter, Esc when it has focus), the
//! finding commands of the whole screen (F8 / Shift+F8, Alt+Enter / F4 with the choice
//! list for several fixes), clicks and the wheel over it, and its drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::status::fit;
use super::{clean, pane_block, severity_span, short};
use crate::model::Severity;
use crate::model::{Finding, Fix};
use crate::text::bidi::display_order;
use crate::tui::app::{App, Focus};
use crate::tui::components::detail::DetailCommand;
use crate::tui::dialogs::Dialog;
use crate::tui::dialogs::thread_view::Thread;

/// A command of the findings list (bound in [`crate::tui::app::keymap::KEYMAP`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListCommand {
    /// Select the previous finding.
    Up,
    /// Select the next finding.
    Down,
    /// Select the first finding.
    First,
    /// Select the last finding.
    Last,
    /// Go to the selected finding in the text.
    Go,
    /// Back to the text.
    Leave,
    /// Scroll the selected finding's detail one pane up (`true`) or down.
    DetailPage(bool),
}

impl App {
    /// Runs a command of the findings list. ↑/↓, Home/End move in the list's order
    /// (blocks first), not in the text's.
    pub(crate) fn list_command(&mut self, c: ListCommand) {
        let n = self.findings.len();
        match c {
            ListCommand::Leave => self.focus = Focus::Editor,
            ListCommand::DetailPage(up) => {
                let c = if up {
                    DetailCommand::PageUp
                } else {
                    DetailCommand::PageDown
                };
                self.detail_command(c);
            }
            _ if n == 0 => {}
            ListCommand::Up => self.move_in_list(-1),
            ListCommand::Down => self.move_in_list(1),
            ListCommand::First => self.selected = self.list_order().first().copied(),
            ListCommand::Last => self.selected = self.list_order().last().copied(),
            ListCommand::Go => {
                let i = self.selected.unwrap_or(self.list_order()[0]);
                self.select_finding(i);
                self.focus = Focus::Editor;
            }
        }
    }

    /// The findings in list order: blocks first, then by position (cached per check; worked
    /// out again if the findings were replaced another way).
    pub fn list_order(&self) -> std::borrow::Cow<'_, [usize]> {
        if self.order.len() == self.findings.len() {
            std::borrow::Cow::Borrowed(&self.order)
        } else {
            std::borrow::Cow::Owned(crate::tui::app::update::list_order(&self.findings))
        }
    }

    /// The selected finding's row in the list order.
    pub fn list_position(&self) -> Option<usize> {
        let s = self.selected?;
        self.list_order().iter().position(|&i| i == s)
    }

    /// Moves the selection `by` rows in the list order (clamped).
    fn move_in_list(&mut self, by: isize) {
        let order = self.list_order();
        let n = order.len();
        if n == 0 {
            return;
        }
        let at = match self.list_position() {
            Some(p) => p.saturating_add_signed(by).min(n - 1),
            None => 0,
        };
        self.selected = Some(order[at]);
    }

    /// Selects finding `i` and moves the cursor to its start.
    pub(crate) fn select_finding(&mut self, i: usize) {
        if let Some(f) = self.findings.get(i) {
            let start = f.start;
            self.selected = Some(i);
            self.editor.buffer.set_cursor(start);
            self.editor.reset_column();
        }
    }

    /// Selects the finding under the cursor when the selection is not already there.
    pub(crate) fn follow_cursor(&mut self) {
        if self.checking {
            // The findings are of an older text: their offsets may not match any more.
            return;
        }
        let c = self.editor.cursor();
        let covers = |f: &Finding| f.start <= c && c < f.end.max(f.start + 1);
        if self.selected_finding().is_some_and(covers) {
            return;
        }
        if let Some(i) = self.findings.iter().position(covers) {
            self.selected = Some(i);
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
        // In the list's order (blocks first), so that F8 walks down the list the writer sees.
        let order = self.list_order().into_owned();
        let cur = self.editor.cursor();
        let at_selected = self
            .selected
            .filter(|&i| self.findings[i].start == cur)
            .and_then(|i| order.iter().position(|&k| k == i));
        let pos = match (at_selected, forward) {
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let next = order[pos];
        self.select_finding(next);
        self.set_status(format!("finding {} of {n}", pos + 1));
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
                self.apply(i, &fix);
            }
            _ => {
                self.dialog = Some(Dialog::Choices {
                    finding: i,
                    index: 0,
                })
            }
        }
    }

    /// Whether applying `fix` leaves the text as it is (a choice that keeps the current
    /// wording).
    pub fn fix_keeps_text(&self, fix: &Fix) -> bool {
        fix.apply(self.editor.text()) == self.editor.text()
    }

    /// Applies `fix` (of a finding of severity `sev`) as one undo step and re-checks; the
    /// selection then goes to the finding at or nearest the cursor. A fix that changes
    /// nothing says so: the writer keeps the text on purpose (a block then needs a
    /// justification at the gate).
    pub(crate) fn apply(&mut self, finding: usize, fix: &Fix) {
        let sev = self
            .findings
            .get(finding)
            .map_or(Severity::Warn, |f| f.severity);
        let unfixed = self
            .findings
            .get(finding)
            .map(|f| unfixed_words(self.editor.text(), f, fix))
            .unwrap_or_default();
        if self.fix_keeps_text(fix) {
            let then = if sev == Severity::Block {
                "to clear it, Ctrl+P asks for a justification"
            } else {
                "it does not stop the post"
            };
            self.set_status(format!(
                "kept as it is, on purpose: nothing changed; {then}"
            ));
            return;
        }
        let label = fix.label_in(self.editor.text());
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
        self.select_near_cursor = true;
        self.edited();
        if unfixed.is_empty() {
            self.set_status(format!("fixed: {label}"));
        } else {
            self.set_status(format!(
                "fixed: {label}; still to rephrase by hand: {}",
                unfixed.join(", ")
            ));
        }
    }

    /// A click on screen row `y` of the list pane `list` (with its border).
    pub(crate) fn click_list(&mut self, list: Rect, y: u16) {
        if let Some(i) = self.list_index_at(list, y) {
            self.select_finding(i);
        }
    }

    /// The finding shown on screen row `y` of the list pane `list` (with its border).
    fn list_index_at(&self, list: Rect, y: u16) -> Option<usize> {
        let inner = list.height.saturating_sub(2) as usize;
        let dy = y.checked_sub(list.y + 1)? as usize;
        if dy >= inner {
            return None;
        }
        let offset = list_offset(self.list_position(), inner);
        self.list_order().get(offset + dy).copied()
    }

    /// The wheel over the list: moves the selection by `by`.
    pub(crate) fn scroll_list(&mut self, by: isize) {
        self.move_in_list(by);
    }
}

/// The first list row shown when `selected` must be visible in `height` rows (what the
/// list widget does with a fresh state each frame).
pub fn list_offset(selected: Option<usize>, height: usize) -> usize {
    selected.map_or(0, |s| (s + 1).saturating_sub(height.max(1)))
}

/// A row of the list: the severity, then the message cut to the `width` cells left for it
/// and, when it holds right-to-left text, in display order (cut in logical order first, so
/// a right-to-left message keeps its beginning, on the right).
fn finding_item(app: &App, f: &Finding, width: usize) -> ListItem<'static> {
    let sev = severity_span(app, f.severity);
    let room = width.saturating_sub(sev.width() + 1);
    let message = fit(&clean(&short(&f.message, 300)), room);
    ListItem::new(Line::from(vec![
        sev,
        Span::raw(" "),
        Span::raw(display_order(&message).into_owned()),
    ]))
}

/// While a thread is previewed or cleared: the parts' findings, each with its part number
/// (the unsplit text's findings, such as its length, are not the ones being cleared).
fn draw_thread(frame: &mut Frame, area: Rect, app: &App, t: &Thread) {
    let n = t.parts.len();
    let all: Vec<(usize, &Finding)> = t
        .parts
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.findings.iter().map(move |f| (i + 1, f)))
        .collect();
    let title = format!(" Findings of the {n} parts ({}) ", all.len());
    let block = pane_block(&title, false);
    if all.is_empty() {
        frame.render_widget(
            Paragraph::new("No findings in any part.").block(block),
            area,
        );
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let items: Vec<ListItem> = all
        .iter()
        .take(height)
        .map(|&(part, f)| {
            let label = format!("{part}/{n} ");
            let sev = severity_span(app, f.severity);
            let room = width.saturating_sub(label.len() + sev.width() + 1);
            let message = fit(&clean(&short(&f.message, 300)), room);
            ListItem::new(Line::from(vec![
                Span::styled(label, app.theme.dim()),
                sev,
                Span::raw(" "),
                Span::raw(display_order(&message).into_owned()),
            ]))
        })
        .collect();
    frame.render_widget(List::new(items).block(block), area);
}

/// The findings list: blocks first, each with its message (the rule id is in the detail).
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    if let Some(t) = app.active_thread() {
        return draw_thread(frame, area, app, t);
    }
    let focused = app.focus == Focus::Findings && app.dialog.is_none();
    // A rule past the cap lists its first findings and one summary ("and K more …").
    let unlisted: usize = app.findings.iter().filter_map(Finding::unlisted).sum();
    let title = match unlisted {
        0 => format!(" Findings ({}) ", app.findings.len()),
        // The whole count first: a narrow pane cuts the end of the title, not the number.
        k => format!(
            " Findings ({}; {} listed) ",
            app.findings.len()
                - app
                    .findings
                    .iter()
                    .filter(|f| f.unlisted().is_some())
                    .count()
                + k,
            app.findings.len()
        ),
    };
    let block = pane_block(&title, focused);
    if app.findings.is_empty() {
        let (msg, style) = if app.rules_loaded() && app.checking {
            // Findings of an older text, or none yet: never an "all clear" before the check.
            ("checking…", Style::new())
        } else if app.rules_loaded() {
            ("No findings.", Style::new())
        } else {
            ("Rules failed to load: NOT checked.", app.theme.error())
        };
        frame.render_widget(Paragraph::new(msg).style(style).block(block), area);
        return;
    }
    // Only the visible window is built: a 2 MB paste can have tens of thousands of findings.
    let height = area.height.saturating_sub(2) as usize;
    // Inside the border, after the highlight symbol.
    let width = area.width.saturating_sub(3) as usize;
    let at = app.list_position();
    let offset = list_offset(at, height);
    let items: Vec<ListItem> = app.list_order()[offset..]
        .iter()
        .take(height)
        .map(|&i| finding_item(app, &app.findings[i], width))
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(app.theme.selected())
        .highlight_symbol("›");
    let mut state = ListState::default().with_selected(at.map(|s| s - offset));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The words of tone finding `f` that still raise its score after `fix`: lexicon hits with a
/// positive value outside every edit of the fix, as “quoted” original text (no forms such as
/// capitals, no learned wording). Empty for other findings.
fn unfixed_words(text: &str, f: &crate::model::Finding, fix: &Fix) -> Vec<String> {
    let Some(tone) = &f.tone else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for c in &tone.contributions {
        let lexicon = !c.entry.starts_with("form/") && !c.entry.starts_with("learned/");
        let touched = fix.edits.iter().any(|e| e.start < c.end && c.start < e.end);
        if c.value > 0.0 && lexicon && !touched {
            let w = format!(
                "“{}”",
                crate::text::visible(text.get(c.start..c.end).unwrap_or(""))
            );
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}
