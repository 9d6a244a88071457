//! The text buffer of the editor: one `String` and a cursor.
//!
//! The cursor is a **byte offset** into the text that always sits on an extended-grapheme
//! boundary (UAX #29), so no key can split `e` + U+0301, 👍🏽, 🇫🇷 or 👨‍👩‍👧. Backspace and
//! Delete remove one whole grapheme. Vertical movement needs the soft-wrap layout and lives in
//! [`super::Editor`].

use unicode_segmentation::UnicodeSegmentation;

/// A text and a cursor on a grapheme boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buffer {
    text: String,
    cursor: usize,
}

impl Buffer {
    /// A buffer holding `text` with the cursor at its end.
    pub fn new(text: String) -> Buffer {
        let cursor = text.len();
        Buffer { text, cursor }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in bytes from the start of the text (a grapheme boundary).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Moves the cursor to `pos` (bytes), clamped to the text and snapped back to the
    /// grapheme boundary at or before it.
    pub fn set_cursor(&mut self, pos: usize) {
        let mut pos = pos.min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        self.cursor = if is_boundary(&self.text, pos) {
            pos
        } else {
            prev_boundary(&self.text, pos)
        };
    }

    /// Replaces the whole text and puts the cursor at `cursor` (snapped to a boundary).
    pub fn replace_text(&mut self, text: String, cursor: usize) {
        self.text = text;
        self.set_cursor(cursor);
    }

    /// Inserts `s` at the cursor and moves the cursor after it.
    pub fn insert_str(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.set_cursor(self.cursor + s.len());
    }

    /// Deletes the grapheme before the cursor. Returns whether anything was deleted.
    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let start = prev_boundary(&self.text, self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
        true
    }

    /// Deletes the grapheme after the cursor. Returns whether anything was deleted.
    pub fn delete(&mut self) -> bool {
        if self.cursor >= self.text.len() {
            return false;
        }
        let end = next_boundary(&self.text, self.cursor);
        self.text.replace_range(self.cursor..end, "");
        true
    }

    /// Moves one grapheme left.
    pub fn left(&mut self) {
        self.cursor = prev_boundary(&self.text, self.cursor);
    }

    /// Moves one grapheme right.
    pub fn right(&mut self) {
        self.cursor = next_boundary(&self.text, self.cursor);
    }

    /// Moves to the start of the previous word (UAX #29 word bounds).
    pub fn word_left(&mut self) {
        let before = &self.text[..self.cursor];
        self.cursor = before
            .split_word_bound_indices()
            .rev()
            .find(|(_, w)| !w.trim().is_empty())
            .map_or(0, |(i, _)| i);
    }

    /// Moves to the end of the next word (UAX #29 word bounds).
    pub fn word_right(&mut self) {
        let after = &self.text[self.cursor..];
        let end = after
            .split_word_bound_indices()
            .find(|(_, w)| !w.trim().is_empty())
            .map_or(after.len(), |(i, w)| i + w.len());
        self.cursor += end;
    }

    /// The start of the logical line that holds the cursor (bytes).
    pub fn line_start(&self) -> usize {
        line_start(&self.text, self.cursor)
    }

    /// The end of the logical line that holds the cursor (bytes; the position of its `\n`
    /// or the end of the text).
    pub fn line_end(&self) -> usize {
        line_end(&self.text, self.cursor)
    }
}

/// The start (bytes) of the logical line that holds `pos`.
pub fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The end (bytes) of the logical line that holds `pos`: its `\n`, or the end of the text.
pub fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i)
}

/// Whether `pos` (bytes) is an extended-grapheme boundary of `text`.
pub fn is_boundary(text: &str, pos: usize) -> bool {
    if pos == 0 || pos >= text.len() {
        return pos <= text.len();
    }
    if !text.is_char_boundary(pos) {
        return false;
    }
    let start = line_start(text, pos - 1);
    text[start..]
        .grapheme_indices(true)
        .map(|(i, _)| start + i)
        .take_while(|&i| i <= pos)
        .any(|i| i == pos)
}

/// The grapheme boundary before `pos` (0 at the start). Segments only the logical line
/// around `pos`: a line start is always a grapheme boundary.
pub fn prev_boundary(text: &str, pos: usize) -> usize {
    if pos == 0 {
        return 0;
    }
    let start = line_start(text, pos - 1);
    text[start..pos]
        .grapheme_indices(true)
        .last()
        .map_or(0, |(i, _)| start + i)
}

/// The grapheme boundary after `pos` (the text length at the end).
pub fn next_boundary(text: &str, pos: usize) -> usize {
    text[pos..]
        .graphemes(true)
        .next()
        .map_or(text.len(), |g| pos + g.len())
}

/// Normalises pasted (or loaded) text: CR LF and lone CR become LF, and a leading byte-order
/// mark is removed. Other characters are kept (hidden ones are shown and reported, never
/// silently deleted).
pub fn normalize_paste(s: &str) -> String {
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    s.replace("\r\n", "\n").replace('\r', "\n")
}
