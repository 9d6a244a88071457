//! Our own editor (DESIGN §11, `architecture-anchors.md` §3): a grapheme-correct buffer
//! ([`buffer`]), soft wrap by display width ([`layout`]), placeholders for hidden characters
//! ([`glyph`]) and a widget that underlines findings ([`widget`]).

pub mod buffer;
pub mod glyph;
pub mod layout;
pub mod widget;

pub use buffer::{Buffer, normalize_paste};
pub use layout::{Layout, Row};

/// The buffer plus what vertical movement needs: the pane width, the preferred column and
/// the first visible row.
#[derive(Debug, Clone, Default)]
pub struct Editor {
    /// Text and cursor.
    pub buffer: Buffer,
    /// Pane width in cells used for wrapping (0 until the first layout).
    width: usize,
    /// The column Up/Down try to keep, in cells.
    preferred_col: Option<usize>,
    /// The first visible row.
    scroll: usize,
}

impl Editor {
    /// An editor holding `text`, cursor at the start.
    pub fn new(text: String) -> Editor {
        let mut buffer = Buffer::new(text);
        buffer.set_cursor(0);
        Editor {
            buffer,
            ..Editor::default()
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.buffer.text()
    }

    /// The cursor (bytes).
    pub fn cursor(&self) -> usize {
        self.buffer.cursor()
    }

    /// Sets the pane width (cells) used for wrapping.
    pub fn set_width(&mut self, width: usize) {
        self.width = width.max(1);
    }

    /// The layout of the text at the current width.
    pub fn layout(&self) -> Layout {
        Layout::new(self.buffer.text(), self.width.max(1))
    }

    /// The first visible row.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Scrolls so that the cursor row is inside a pane `height` rows high.
    pub fn scroll_to_cursor(&mut self, height: usize) {
        let layout = self.layout();
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

    /// Moves `rows` visual rows down (negative: up), keeping the preferred column.
    pub fn move_rows(&mut self, rows: isize) {
        let layout = self.layout();
        let text = self.buffer.text();
        let (row, col) = layout.position(text, self.cursor());
        let want = *self.preferred_col.get_or_insert(col);
        let last = layout.rows().len() - 1;
        let target = row.saturating_add_signed(rows).min(last);
        let pos = if rows < 0 && row == 0 {
            0
        } else if rows > 0 && row == last {
            text.len()
        } else {
            layout.offset(text, target, want)
        };
        self.buffer.set_cursor(pos);
    }

    /// Home: the start of the visual row, or of the logical line when already there.
    pub fn home(&mut self) {
        let layout = self.layout();
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
        let layout = self.layout();
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
