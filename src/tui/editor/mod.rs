//! Our own editor (DESIGN §11, `architecture-anchors.md` §3): a grapheme-correct buffer
//! ([`buffer`]), soft wrap by display width ([`layout`]), placeholders for hidden characters
//! ([`glyph`]), right-to-left rows in display order ([`bidi`]) and a widget that underlines
//! findings ([`widget`]).

pub mod bidi;
pub mod buffer;
pub mod glyph;
pub mod layout;
pub mod widget;

pub use buffer::{Buffer, EditKind, normalize_paste};
pub use layout::{Layout, Row};

/// The buffer plus what vertical movement needs: the pane width, the preferred column, the
/// first visible row and the layout, kept up to date incrementally ([`Layout::update`]).
#[derive(Debug, Clone)]
pub struct Editor {
    /// Text and cursor.
    pub buffer: Buffer,
    /// Pane width in cells used for wrapping (0 until the first layout).
    width: usize,
    /// The column Up/Down try to keep, in cells.
    preferred_col: Option<usize>,
    /// The first visible row.
    scroll: usize,
    /// The layout of the text at `width` (refreshed by [`Editor::refresh`]).
    layout: Layout,
    /// The changes since the last [`Editor::take_edit`] (for spans of findings of an older
    /// text).
    edit: Option<buffer::Dirty>,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(String::new())
    }
}

impl Editor {
    /// An editor holding `text`, cursor at the start. The text is laid out only once the pane
    /// width is known ([`Editor::set_width`]): until then the layout is one row holding the
    /// whole text ([`Layout::pending`]), so opening a large draft costs no wrapping at a
    /// width that is thrown away at the first frame (issue 17).
    pub fn new(text: String) -> Editor {
        let layout = Layout::pending(&text);
        let mut buffer = Buffer::new(text);
        buffer.set_cursor(0);
        Editor {
            buffer,
            width: 0,
            preferred_col: None,
            scroll: 0,
            layout,
            edit: None,
        }
    }

    /// Brings the layout up to date with the text (incrementally) and the width; before the
    /// first [`Editor::set_width`], only keeps the pending one-row layout in step with the text.
    pub fn refresh(&mut self) {
        let dirty = self.buffer.take_dirty();
        if let Some(d) = dirty {
            self.edit = Some(self.edit.map_or(d, |e| e.then(d)));
        }
        if self.width == 0 {
            if dirty.is_some() {
                self.layout = Layout::pending(self.buffer.text());
            }
        } else if self.layout.width() != self.width {
            self.layout = Layout::new(self.buffer.text(), self.width);
        } else if let Some(d) = dirty {
            self.layout.update(self.buffer.text(), d);
        }
    }

    /// The changes to the text since the last call, as one region (`None`: unchanged).
    pub fn take_edit(&mut self) -> Option<buffer::Dirty> {
        self.refresh();
        self.edit.take()
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.buffer.text()
    }

    /// The cursor (bytes).
    pub fn cursor(&self) -> usize {
        self.buffer.cursor()
    }

    /// Sets the pane width (cells) used for wrapping, and refreshes the layout.
    pub fn set_width(&mut self, width: usize) {
        self.width = width.max(1);
        self.refresh();
    }

    /// The layout of the text at the current width, as of the last [`Editor::refresh`]
    /// (every method here that moves by rows refreshes first; [`crate::tui::App::update`]
    /// refreshes after every action).
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Scrolls the view by `rows` (negative: up) without moving the cursor.
    pub fn scroll_by(&mut self, rows: isize, height: usize) {
        self.refresh();
        let max = self.layout.rows().len().saturating_sub(height.max(1));
        self.scroll = self.scroll.saturating_add_signed(rows).min(max);
    }

    /// The byte offset shown at visual `(row, col)` of the pane (row counted from the
    /// first visible row, col in cells), in display order ([`bidi::screen_offset`]).
    pub fn offset_at(&mut self, row: usize, col: usize) -> usize {
        self.refresh();
        bidi::screen_offset(self.buffer.text(), &self.layout, self.scroll + row, col)
    }

    /// Left arrow: one grapheme back in the text, or forward in a right-to-left paragraph
    /// (logical movement that follows the paragraph's direction, as Emacs does by default:
    /// in Arabic or Hebrew text the cursor moves left on screen).
    pub fn left(&mut self) {
        if bidi::is_rtl_at(self.buffer.text(), self.cursor()) {
            self.buffer.right();
        } else {
            self.buffer.left();
        }
    }

    /// Right arrow: one grapheme forward, or back in a right-to-left paragraph ([`Self::left`]).
    pub fn right(&mut self) {
        if bidi::is_rtl_at(self.buffer.text(), self.cursor()) {
            self.buffer.left();
        } else {
            self.buffer.right();
        }
    }

    /// Ctrl+Left: one word back, or forward in a right-to-left paragraph ([`Self::left`]).
    pub fn word_left(&mut self) {
        if bidi::is_rtl_at(self.buffer.text(), self.cursor()) {
            self.buffer.word_right();
        } else {
            self.buffer.word_left();
        }
    }

    /// Ctrl+Right: one word forward, or back in a right-to-left paragraph ([`Self::left`]).
    pub fn word_right(&mut self) {
        if bidi::is_rtl_at(self.buffer.text(), self.cursor()) {
            self.buffer.word_left();
        } else {
            self.buffer.word_right();
        }
    }

    /// The first visible row.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Scrolls so that the cursor row is inside a pane `height` rows high.
    pub fn scroll_to_cursor(&mut self, height: usize) {
        self.refresh();
        let layout = &self.layout;
        let (row, _) = layout.position(self.text(), self.cursor());
        let height = height.max(1);
        if row < self.scroll {
            self.scroll = row;
        } else if row >= self.scroll + height {
            self.scroll = row + 1 - height;
        }
        self.scroll = self.scroll.min(layout.rows().len().saturating_sub(height));
    }

    /// Forgets the preferred column (after any horizontal move or edit).
    pub fn reset_column(&mut self) {
        self.preferred_col = None;
    }

    /// Moves `rows` visual rows down (negative: up), keeping the preferred column (a
    /// column on screen, also in right-to-left rows).
    pub fn move_rows(&mut self, rows: isize) {
        self.refresh();
        let layout = &self.layout;
        let text = self.buffer.text();
        let (row, col) = bidi::screen_position(text, layout, self.cursor());
        let want = *self.preferred_col.get_or_insert(col);
        let last = layout.rows().len() - 1;
        let target = row.saturating_add_signed(rows).min(last);
        let pos = if rows < 0 && row == 0 {
            0
        } else if rows > 0 && row == last {
            text.len()
        } else {
            bidi::screen_offset(text, layout, target, want)
        };
        self.buffer.set_cursor(pos);
    }

    /// Home: the start of the visual row, or of the logical line when already there.
    pub fn home(&mut self) {
        self.refresh();
        let layout = &self.layout;
        let row = layout.rows()[layout.row_of(self.cursor())];
        let pos = if self.cursor() == row.start {
            self.buffer.line_start()
        } else {
            row.start
        };
        self.buffer.set_cursor(pos);
        self.reset_column();
    }

    /// End: the end of the visual row, or of the logical line when already there.
    pub fn end(&mut self) {
        self.refresh();
        let layout = &self.layout;
        let row = layout.row_of(self.cursor());
        let row_end = layout.last_position(self.text(), row);
        let pos = if self.cursor() == row_end {
            self.buffer.line_end()
        } else {
            row_end
        };
        self.buffer.set_cursor(pos);
        self.reset_column();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_laid_out_only_once_the_width_is_known() {
        let text = "the quick brown fox jumps";
        let mut e = Editor::new(text.to_string());
        assert_eq!(e.layout().width(), 0);
        assert_eq!(
            e.layout().rows(),
            [Row {
                start: 0,
                end: text.len(),
                width: 0
            }]
        );
        // An edit before the first width keeps the pending row in step with the text.
        e.buffer.set_cursor(text.len());
        e.buffer.insert_str("!");
        e.refresh();
        assert_eq!(e.layout().rows()[0].end, text.len() + 1);
        e.set_width(10);
        assert_eq!(e.layout(), &Layout::new(e.text(), 10));
        // From then on edits relayout incrementally at that width.
        e.buffer.insert_str(" again");
        e.refresh();
        assert_eq!(e.layout(), &Layout::new(e.text(), 10));
    }
}
