//! Soft wrap by display width, and the maps between byte offsets and screen positions.
//!
//! The text is cut into visual [`Row`]s that tile it exactly: the first starts at 0, each
//! starts where the previous ends, the last ends at the text length. A row that ends a logical
//! line includes its `\n`. Wrapping is greedy by words (after whitespace); a word wider than
//! the pane breaks between graphemes. Widths come from [`super::glyph::cells`], the same
//! function the widget draws with, so wide CJK takes 2 cells and hidden characters 1.
//!
//! Every cursor position fits in the pane: a line that fills the width exactly gets an extra
//! row for the cursor at its end (the `\n`, or the end of the text, counts as one cell). The
//! one exception is whitespace, which may hang one grapheme past the edge so that a word
//! moves to the next row whole; the widget clamps the cursor to the pane.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::buffer::Dirty;
use super::glyph::{cells, is_line_break};

/// One visual row: a byte range of the text and its width in cells (without the line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// First byte.
    pub start: usize,
    /// End (exclusive), including the row's `\n` if it ends a logical line.
    pub end: usize,
    /// Width of the drawn graphemes in cells.
    pub width: usize,
}

impl Row {
    /// The byte range of the row.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The visual rows of a text at a given pane width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    rows: Vec<Row>,
    width: usize,
}

struct Wrapper {
    rows: Vec<Row>,
    max: usize,
    start: usize,
    width: usize,
    /// A break opportunity after whitespace: (byte, width of the row up to it).
    brk: Option<(usize, usize)>,
    /// Also break a word too wide for a row after `/`, `-` or `_` ([`Layout::prose`]).
    punct: bool,
    /// The last such opportunities in the row, after a `/` and after a `-` or `_`: (byte,
    /// width of the row up to it). The slash is taken first (`classification/`).
    pbrk: [Option<(usize, usize)>; 2],
}

/// The graphemes of `text` from byte `from` (a grapheme boundary) with their byte offsets
/// in `text`: the same as `text[from..].grapheme_indices(true)` (offsets moved by `from`),
/// but an ASCII character followed by another ASCII character (or by nothing) is taken as
/// one grapheme without the segmentation tables (UAX #29 breaks between any two ASCII
/// characters but CR LF, and after any control character), so wrapping ASCII prose costs
/// a byte test per character.
pub(crate) struct FastGraphemes<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> FastGraphemes<'a> {
    /// The graphemes of `text` from `from`.
    pub(crate) fn new(text: &'a str, from: usize) -> FastGraphemes<'a> {
        FastGraphemes { text, pos: from }
    }
}

impl<'a> Iterator for FastGraphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let pos = self.pos;
        let &b = bytes.get(pos)?;
        let next = bytes.get(pos + 1).copied();
        let len = if b == b'\r' && next == Some(b'\n') {
            2
        } else if b.is_ascii() && (b.is_ascii_control() || next.is_none_or(|n| n.is_ascii())) {
            1
        } else {
            self.text[pos..].graphemes(true).next()?.len()
        };
        self.pos = pos + len;
        Some((pos, &self.text[pos..pos + len]))
    }
}

impl Wrapper {
    fn new(max: usize, start: usize) -> Wrapper {
        Wrapper {
            rows: Vec::new(),
            max,
            start,
            width: 0,
            brk: None,
            punct: false,
            pbrk: [None; 2],
        }
    }

    /// The rows after the last grapheme of `text` (the cursor row at the end).
    fn finish(mut self, text: &str) -> Vec<Row> {
        if self.start < text.len() && self.width + 1 > self.max {
            let width = self.width;
            self.push_row(text.len(), width);
            self.width = 0;
        }
        let width = self.width;
        self.push_row(text.len(), width);
        self.rows
    }

    fn push_row(&mut self, end: usize, width: usize) {
        self.rows.push(Row {
            start: self.start,
            end,
            width,
        });
        self.start = end;
        self.brk = None;
        for b in &mut self.pbrk {
            *b = b.filter(|&(p, _)| p > end).map(|(p, pw)| (p, pw - width));
        }
    }

    fn add(&mut self, pos: usize, g: &str) {
        let w = cells(g);
        let space = !is_line_break(g) && g.chars().all(char::is_whitespace);
        let max = self.max;
        let fits = |width: usize| width + w <= max || (space && width < max);
        if !fits(self.width)
            && pos > self.start
            && let Some((b, bw)) = self.brk
        {
            self.push_row(b, bw);
            self.width -= bw;
        }
        if !fits(self.width)
            && pos > self.start
            && let Some((b, bw)) = self.pbrk[0].or(self.pbrk[1])
        {
            self.push_row(b, bw);
            self.width -= bw;
        }
        if !fits(self.width) && pos > self.start {
            let width = self.width;
            self.push_row(pos, width);
            self.width = 0;
        }
        if is_line_break(g) {
            let width = self.width;
            self.push_row(pos + g.len(), width);
            self.width = 0;
            return;
        }
        self.width += w;
        if space {
            self.brk = Some((pos + g.len(), self.width));
        } else if self.punct && g == "/" {
            self.pbrk[0] = Some((pos + g.len(), self.width));
        } else if self.punct && matches!(g, "-" | "_") {
            self.pbrk[1] = Some((pos + g.len(), self.width));
        }
    }
}

impl Layout {
    /// Lays out `text` in a pane `width` cells wide (at least 1).
    pub fn new(text: &str, width: usize) -> Layout {
        let max = width.max(1);
        let mut w = Wrapper::new(max, 0);
        for (pos, g) in FastGraphemes::new(text, 0) {
            w.add(pos, g);
        }
        Layout {
            rows: w.finish(text),
            width: max,
        }
    }

    /// Lays out display text (messages, rule ids) in a pane `width` cells wide: as
    /// [`Layout::new`], except that a word too wide for a row of its own breaks after its
    /// last `/` that fits (`classification/` `us-banner`), else after its last `-` or `_`,
    /// not inside a name.
    pub fn prose(text: &str, width: usize) -> Layout {
        let max = width.max(1);
        let mut w = Wrapper::new(max, 0);
        w.punct = true;
        for (pos, g) in text.grapheme_indices(true) {
            w.add(pos, g);
        }
        Layout {
            rows: w.finish(text),
            width: max,
        }
    }

    /// The layout of a text whose pane width is not known yet: one row that holds the whole
    /// text, width 0 (so any real width differs from it and lays the text out anew). It tiles
    /// the text as every layout does, and costs nothing to build; rows wider than the pane
    /// are only ever drawn clipped.
    pub fn pending(text: &str) -> Layout {
        Layout {
            rows: vec![Row {
                start: 0,
                end: text.len(),
                width: 0,
            }],
            width: 0,
        }
    }

    /// Brings the layout up to date after the changes `d` that turned the old text into
    /// `text`. Re-wraps from two rows before the first change until a new row starts where
    /// a (shifted) old row started past the change; the rest is shifted, not re-wrapped. The
    /// result equals `Layout::new(text, width)`; a keystroke in a 2 MB text costs a few
    /// rows of wrapping and one pass over the row list.
    pub fn update(&mut self, text: &str, d: Dirty) {
        let new_end = text.len() - d.tail;
        let old_end = d.old_len - d.tail;
        let first = self.row_of(d.start).saturating_sub(2);
        let from = self.rows[first].start;
        let mut w = Wrapper::new(self.width, from);
        let mut pushed = 0;
        let mut tail_from = None;
        for (at, g) in FastGraphemes::new(text, from) {
            w.add(at, g);
            if w.rows.len() == pushed {
                continue;
            }
            pushed = w.rows.len();
            let s = w.start;
            if s >= new_end && s > from {
                let old_start = s - new_end + old_end;
                let j = self.rows.partition_point(|r| r.start < old_start);
                if j < self.rows.len() && self.rows[j].start == old_start {
                    tail_from = Some(j);
                    break;
                }
            }
        }
        let old_rows = std::mem::take(&mut self.rows);
        let mut rows = old_rows[..first].to_vec();
        match tail_from {
            Some(j) => {
                rows.extend(w.rows);
                rows.extend(old_rows[j..].iter().map(|r| Row {
                    start: r.start - old_end + new_end,
                    end: r.end - old_end + new_end,
                    width: r.width,
                }));
            }
            None => rows.extend(w.finish(text)),
        }
        self.rows = rows;
    }

    /// The rows, in order; never empty.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The pane width in cells (0 for a [`Layout::pending`] one).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The row that holds byte offset `pos`: the last row starting at or before it (a soft
    /// wrap position belongs to the next row).
    pub fn row_of(&self, pos: usize) -> usize {
        self.rows
            .partition_point(|r| r.start <= pos)
            .saturating_sub(1)
    }

    /// The screen position `(row, column in cells)` of byte offset `pos` (a grapheme
    /// boundary).
    pub fn position(&self, text: &str, pos: usize) -> (usize, usize) {
        let row = self.row_of(pos);
        let r = self.rows[row];
        let end = pos.clamp(r.start, r.end);
        let col = text[r.start..end].graphemes(true).map(cells).sum();
        (row, col)
    }

    /// The byte offset shown at `(row, col)`: the start of the grapheme that covers column
    /// `col`, or the row's last cursor position when `col` is past its end.
    pub fn offset(&self, text: &str, row: usize, col: usize) -> usize {
        let row = row.min(self.rows.len() - 1);
        let r = self.rows[row];
        let mut x = 0;
        for (i, g) in text[r.range()].grapheme_indices(true) {
            let w = cells(g);
            if col < x + w {
                return r.start + i;
            }
            x += w;
        }
        self.last_position(text, row)
    }

    /// The last cursor position of `row`: before its `\n`, at the end of the text, or before
    /// the last grapheme of a soft-wrapped row (its end belongs to the next row).
    pub fn last_position(&self, text: &str, row: usize) -> usize {
        let r = self.rows[row];
        let s = &text[r.range()];
        if r.end == text.len() && !s.ends_with('\n') {
            return r.end;
        }
        s.grapheme_indices(true)
            .map(|(i, _)| r.start + i)
            .max()
            .unwrap_or(r.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row_texts<'a>(text: &'a str, l: &Layout) -> Vec<&'a str> {
        l.rows().iter().map(|r| &text[r.range()]).collect()
    }

    #[test]
    fn wraps_by_words() {
        let text = "the quick brown fox";
        let l = Layout::new(text, 10);
        assert_eq!(row_texts(text, &l), ["the quick ", "brown fox"]);
    }

    #[test]
    fn long_words_break_between_graphemes() {
        let text = "abcdefghij";
        let l = Layout::new(text, 4);
        assert_eq!(row_texts(text, &l), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_take_two_cells() {
        let text = "aaa你好bbb";
        let l = Layout::new(text, 4);
        assert_eq!(row_texts(text, &l), ["aaa", "你好", "bbb"]);
        let l = Layout::new(text, 20);
        assert_eq!(l.position(text, text.len()), (0, 10));
    }

    #[test]
    fn a_full_line_gets_a_row_for_the_cursor() {
        let text = "abcd\nef";
        let l = Layout::new(text, 4);
        assert_eq!(row_texts(text, &l), ["abcd", "\n", "ef"]);
        assert_eq!(l.position(text, 4), (1, 0));
        let l = Layout::new("abcd", 4);
        assert_eq!(l.rows().len(), 2);
        assert_eq!(l.position("abcd", 4), (1, 0));
    }

    #[test]
    fn empty_text_and_trailing_newline() {
        assert_eq!(Layout::new("", 10).rows().len(), 1);
        let l = Layout::new("a\n", 10);
        assert_eq!(row_texts("a\n", &l), ["a\n", ""]);
        assert_eq!(l.position("a\n", 2), (1, 0));
    }

    #[test]
    fn hidden_characters_take_one_cell() {
        let text = "a\u{200B}b\u{202E}c\td";
        let l = Layout::new(text, 80);
        assert_eq!(l.position(text, text.len()), (0, 7));
    }

    #[test]
    fn offset_and_last_position() {
        let text = "the quick brown fox";
        let l = Layout::new(text, 10);
        assert_eq!(l.offset(text, 1, 3), 13);
        assert_eq!(l.offset(text, 0, 50), 9); // before the hanging space
        assert_eq!(l.offset(text, 1, 50), text.len());
        let wide = "你好";
        let l = Layout::new(wide, 10);
        assert_eq!(l.offset(wide, 0, 1), 0); // second cell of 你
        assert_eq!(l.offset(wide, 0, 2), 3);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "word",
            " ",
            "  ",
            "\n",
            "中文",
            "e\u{301}",
            "👍🏽",
            "🇫🇷",
            "👨\u{200D}👩\u{200D}👧",
            "\u{200B}",
            "\t",
            "\u{202E}",
            "\u{3000}",
            "\u{301}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn rows_tile_the_text_and_fit(text in text_strategy(), width in 1usize..20) {
            let l = Layout::new(&text, width);
            let rows = l.rows();
            prop_assert_eq!(rows[0].start, 0);
            prop_assert_eq!(rows[rows.len() - 1].end, text.len());
            for pair in rows.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
            }
            for r in rows {
                let gs: Vec<&str> = text[r.range()].graphemes(true).collect();
                let trailing_space = gs.last().is_some_and(|g| g.chars().all(char::is_whitespace));
                let ok = r.width <= width || gs.len() == 1 || trailing_space;
                prop_assert!(ok, "row {:?} of {:?} too wide", r, text);
            }
        }

        #[test]
        fn update_equals_a_fresh_layout(
            text in text_strategy(),
            ins in text_strategy(),
            a in 0usize..200,
            b in 0usize..200,
            width in 1usize..20,
        ) {
            let mut buf = super::super::Buffer::new(text.clone());
            let mut l = Layout::new(&text, width);
            let (a, b) = (a.min(b), a.max(b));
            buf.set_cursor(a);
            let start = buf.cursor();
            buf.set_cursor(b);
            let end = buf.cursor();
            buf.splice(start..end, &ins, super::super::buffer::EditKind::Other);
            if let Some(d) = buf.take_dirty() {
                l.update(buf.text(), d);
            }
            prop_assert_eq!(l, Layout::new(buf.text(), width));
        }

        #[test]
        fn byte_row_col_round_trip(text in text_strategy(), width in 1usize..20) {
            let l = Layout::new(&text, width);
            let mut bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            bounds.push(text.len());
            for b in bounds {
                let (row, col) = l.position(&text, b);
                prop_assert_eq!(l.offset(&text, row, col), b, "row {} col {}", row, col);
                let end_fits = col < width || text[b..].starts_with(char::is_whitespace)
                    || text[l.rows()[row].start..b].graphemes(true).count() <= 1;
                prop_assert!(end_fits, "cursor at {} is outside the pane", b);
            }
        }
    }

    proptest::proptest! {
        /// The fast grapheme walk gives exactly the segmentation of `unicode-segmentation`,
        /// from any boundary: ASCII next to combining marks, CR LF, controls, emoji with
        /// ZWJ and VS16, flags, Hangul, Devanagari.
        #[test]
        fn fast_graphemes_are_the_grapheme_clusters(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "e", " ", "K", "1", "#", "\r", "\n", "\r\n", "\t", "\u{7f}", "\u{0}",
                "\u{301}", "\u{200D}", "\u{FE0F}", "\u{20E3}", "\u{1F1FA}", "\u{1F1F8}",
                "❤", "👩", "\u{1F3FD}", "한", "\u{1100}", "\u{1161}", "क", "\u{94D}", "ष",
                "\u{93F}", "é", "中", "\u{200B}", "\u{600}",
            ]), 0..40),
            start in 0usize..40,
        ) {
            let text: String = parts.concat();
            let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            let from = bounds.get(start).copied().unwrap_or(text.len());
            let want: Vec<(usize, &str)> = text[from..]
                .grapheme_indices(true)
                .map(|(i, g)| (from + i, g))
                .collect();
            let got: Vec<(usize, &str)> = FastGraphemes::new(&text, from).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
