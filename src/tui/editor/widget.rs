//! Draws the visible rows of the text, with findings underlined and hidden characters shown
//! as dim placeholders ([`super::glyph`]). Nothing from the text is written raw: every cell
//! gets a visible grapheme or a placeholder. Rows of paragraphs with right-to-left text are
//! drawn in display order ([`super::bidi`]); the marks follow their bytes to the cells.

use ratatui::buffer::Buffer as Cells;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use super::bidi::{VisualRow, reorder_rows, screen_position};
use super::glyph::{Glyph, glyphs, is_line_break};
use super::layout::Layout;
use crate::model::Severity;

/// What a [`Mark`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarkKind {
    /// A finding (or the words that drove a tone finding): underlined by severity.
    #[default]
    Finding,
    /// Text beyond a platform limit: highlighted like X's composer (red background; without
    /// colour, reversed and struck through), on top of the finding's underline.
    Overflow,
}

/// A byte span of the text to mark, with its severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// First byte.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Severity (the most severe mark wins where marks overlap).
    pub severity: Severity,
    /// Underline or overflow highlight.
    pub kind: MarkKind,
}

/// The styles the widget uses.
#[derive(Debug, Clone, Copy)]
pub struct EditorStyles {
    /// Plain text.
    pub text: Style,
    /// Hidden-character placeholders (patched over the text style).
    pub hidden: Style,
    /// Findings by severity, indexed `[info, warn, block]` (patched over the other styles).
    pub finding: [Style; 3],
    /// Text beyond a platform limit (patched over the finding style).
    pub overflow: Style,
    /// The selection (patched last).
    pub selection: Style,
}

/// The editor widget: borrows the text, its layout and the marks.
pub struct EditorView<'a> {
    /// The text.
    pub text: &'a str,
    /// Its layout at the area's width.
    pub layout: &'a Layout,
    /// First visible row.
    pub scroll: usize,
    /// Spans to underline.
    pub marks: &'a [Mark],
    /// The selected byte range, if any.
    pub selection: Option<std::ops::Range<usize>>,
    /// Styles.
    pub styles: EditorStyles,
}

impl EditorView<'_> {
    /// The most severe finding mark over bytes `start..end`, and whether the bytes are
    /// beyond a platform limit.
    fn marks_at(marks: &[Mark], start: usize, end: usize) -> (Option<Severity>, bool) {
        let mut sev = None;
        let mut over = false;
        for m in marks.iter().filter(|m| m.start < end && m.end > start) {
            sev = sev.max(Some(m.severity));
            over |= m.kind == MarkKind::Overflow;
        }
        (sev, over)
    }

    /// The style of the grapheme at bytes `start..end`: findings, overflow, selection.
    fn style_at(&self, marks: &[Mark], start: usize, end: usize) -> Style {
        let mut style = self.styles.text;
        let (sev, over) = Self::marks_at(marks, start, end);
        if let Some(sev) = sev {
            style = style.patch(self.styles.finding[sev as usize]);
        }
        if over {
            style = style.patch(self.styles.overflow);
        }
        if self
            .selection
            .as_ref()
            .is_some_and(|r| r.start <= start && start < r.end)
        {
            style = style.patch(self.styles.selection);
        }
        style
    }

    /// Paints grapheme `g` from column `x` of row `y` and returns the column after it;
    /// `None` when it does not fit before `right` (its glyphs that fit are drawn).
    fn paint(
        &self,
        g: &str,
        style: Style,
        mut x: u16,
        y: u16,
        right: u16,
        buf: &mut Cells,
    ) -> Option<u16> {
        for glyph in glyphs(g) {
            let w = glyph.width() as u16;
            if x + w > right {
                return None;
            }
            match glyph {
                Glyph::Text(s, _) => {
                    buf.set_stringn(x, y, &s, w as usize, style);
                }
                Glyph::Marker(c) => {
                    let style = style.patch(self.styles.hidden);
                    buf[Position::new(x, y)].set_char(c).set_style(style);
                }
            }
            x += w;
        }
        Some(x)
    }

    fn draw_row(&self, marks: &[Mark], row: usize, area: Rect, y: u16, buf: &mut Cells) {
        let r = self.layout.rows()[row];
        let right = area.x + area.width;
        let mut x = area.x;
        for (i, g) in self.text[r.range()].grapheme_indices(true) {
            if is_line_break(g) {
                break;
            }
            let start = r.start + i;
            let style = self.style_at(marks, start, start + g.len());
            match self.paint(g, style, x, y, right, buf) {
                Some(next) => x = next,
                None => return,
            }
        }
    }

    /// Draws a row in display order ([`VisualRow`]), right-aligned when its paragraph is
    /// right-to-left; a grapheme that would start left of the pane (a hanging space) is not
    /// drawn.
    fn draw_visual_row(&self, marks: &[Mark], v: &VisualRow, area: Rect, y: u16, buf: &mut Cells) {
        let right = area.x + area.width;
        let left = area.x as isize + v.left(area.width as usize);
        for c in &v.cells {
            let x = left + c.x as isize;
            if x < area.x as isize {
                continue;
            }
            let style = self.style_at(marks, c.start, c.end);
            if self
                .paint(&self.text[c.start..c.end], style, x as u16, y, right, buf)
                .is_none()
            {
                return;
            }
        }
    }
}

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Cells) {
        buf.set_style(area, self.styles.text);
        let rows = self.layout.rows();
        let last = (self.scroll + area.height as usize).min(rows.len());
        if self.scroll >= last {
            return;
        }
        let (lo, hi) = (rows[self.scroll].start, rows[last - 1].end);
        let visible: Vec<Mark> = self
            .marks
            .iter()
            .filter(|m| m.start < hi.max(lo + 1) && m.end.max(m.start + 1) > lo)
            .copied()
            .collect();
        let visual = reorder_rows(self.text, &rows[self.scroll..last]);
        for (dy, (row, v)) in (self.scroll..last).zip(visual).enumerate() {
            let y = area.y + dy as u16;
            match v {
                Some(v) => self.draw_visual_row(&visible, &v, area, y, buf),
                None => self.draw_row(&visible, row, area, y, buf),
            }
        }
    }
}

/// The screen position of the cursor at byte `pos` inside `area`, or `None` when its row is
/// scrolled out: on the cell of the grapheme at `pos`, in display order for right-to-left
/// text ([`screen_position`]). A cursor before hanging whitespace is clamped to the last
/// column.
pub fn cursor_position(
    text: &str,
    layout: &Layout,
    scroll: usize,
    pos: usize,
    area: Rect,
) -> Option<Position> {
    let (row, col) = screen_position(text, layout, pos);
    let dy = row.checked_sub(scroll)?;
    if dy >= area.height as usize || area.width == 0 {
        return None;
    }
    let x = area.x + col.min(area.width as usize - 1) as u16;
    Some(Position::new(x, area.y + dy as u16))
}
