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

/// The start of the logical line holding the character just before `pos` (a char boundary
/// > 0): a line start is always a grapheme boundary, so segmentation can begin there.
fn start_of_char_line(text: &str, pos: usize) -> usize {
    let before = &text[..pos];
    let before = before.strip_suffix('\n').unwrap_or(before);
    before.rfind('\n').map_or(0, |i| i + 1)
}

/// Whether `pos` (bytes) is an extended-grapheme boundary of `text`.
pub fn is_boundary(text: &str, pos: usize) -> bool {
    if pos == 0 || pos >= text.len() {
        return pos <= text.len();
    }
    if !text.is_char_boundary(pos) {
        return false;
    }
    let start = start_of_char_line(text, pos);
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
    let start = start_of_char_line(text, pos);
    // Forward segmentation on purpose: reverse grapheme iteration mis-splits runs of
    // regional indicators in unicode-segmentation 1.13 (platforms-unicode.md §3.3).
    text[start..pos]
        .grapheme_indices(true)
        .map(|(i, _)| start + i)
        .max()
        .unwrap_or(0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLES: &[&str] = &["e\u{301}", "👍🏽", "🇫🇷", "👨\u{200D}👩\u{200D}👧", "中"];

    #[test]
    fn right_then_type_never_splits_a_grapheme() {
        for g in SAMPLES {
            let mut b = Buffer::new(format!("{g}x"));
            b.set_cursor(0);
            b.right();
            b.insert_str("Z");
            assert_eq!(b.text(), format!("{g}Zx"), "{g:?}");
        }
    }

    #[test]
    fn backspace_and_delete_remove_whole_graphemes() {
        for g in SAMPLES {
            let mut b = Buffer::new(format!("a{g}b"));
            b.set_cursor(1 + g.len());
            assert!(b.backspace());
            assert_eq!(b.text(), "ab", "{g:?}");
            assert_eq!(b.cursor(), 1);
            let mut b = Buffer::new(format!("a{g}b"));
            b.set_cursor(1);
            assert!(b.delete());
            assert_eq!(b.text(), "ab", "{g:?}");
        }
    }

    #[test]
    fn runs_of_flags_delete_one_flag_at_a_time() {
        let mut b = Buffer::new("🇫🇷🇩🇪🇺🇦".into());
        assert!(b.backspace());
        assert_eq!(b.text(), "🇫🇷🇩🇪");
        b.left();
        assert_eq!(b.cursor(), "🇫🇷".len());
    }

    #[test]
    fn left_steps_over_whole_graphemes() {
        let text = SAMPLES.concat();
        let mut b = Buffer::new(text.clone());
        let mut stops = vec![b.cursor()];
        while b.cursor() > 0 {
            b.left();
            stops.push(b.cursor());
        }
        assert_eq!(stops.len(), SAMPLES.len() + 1);
    }

    #[test]
    fn set_cursor_snaps_into_boundaries() {
        let mut b = Buffer::new("a👍🏽b".into());
        b.set_cursor(3); // inside 👍
        assert_eq!(b.cursor(), 1);
        b.set_cursor(6); // between 👍 and 🏽
        assert_eq!(b.cursor(), 1);
        b.set_cursor(99);
        assert_eq!(b.cursor(), b.text().len());
    }

    #[test]
    fn words_and_lines() {
        let mut b = Buffer::new("Hello Kyiv\nsecond line".into());
        b.set_cursor(8);
        assert_eq!((b.line_start(), b.line_end()), (0, 10));
        b.word_left();
        assert_eq!(b.cursor(), 6);
        b.word_right();
        assert_eq!(b.cursor(), 10);
        b.word_right();
        assert_eq!(b.cursor(), 17);
    }

    #[test]
    fn paste_normalises_line_ends_and_bom() {
        assert_eq!(normalize_paste("\u{FEFF}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalize_paste("a\u{200B}b"), "a\u{200B}b");
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "é",
            "e\u{301}",
            "👍🏽",
            "🇫🇷",
            "👨\u{200D}👩\u{200D}👧",
            "中",
            " ",
            "\n",
            "\u{200B}",
            "\t",
            "\r\n",
            "\u{202E}",
            "x\u{200D}",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn cursor_stays_on_grapheme_boundaries(text in text_strategy(), moves in prop::collection::vec(0u8..5, 0..40)) {
            let mut b = Buffer::new(text);
            for m in moves {
                match m {
                    0 => b.left(),
                    1 => b.right(),
                    2 => { b.backspace(); }
                    3 => { b.delete(); }
                    _ => b.insert_str("ü"),
                }
                let c = b.cursor();
                prop_assert!(b.text().is_char_boundary(c));
                let ok = c == b.text().len()
                    || b.text().grapheme_indices(true).any(|(i, _)| i == c);
                prop_assert!(ok, "cursor {} not on a boundary of {:?}", c, b.text());
            }
        }
    }
}
