//! Right-to-left text: each visual row drawn in display order by the Unicode bidi algorithm
//! (UAX #9, the `unicode-bidi` crate, through [`crate::text::bidi`]), and the maps between byte offsets and screen columns
//! that go with it (issue 16 item 5).
//!
//! Choices (also in the help text of DESIGN §11):
//!
//! - **Paragraph direction per logical line** (text between `\n`s), from its first strong
//!   character (UAX #9 P2–P3), as gedit and Pango do; a line with no strong character is
//!   left-to-right. A right-to-left paragraph is right-aligned in the pane.
//! - **Lines are wrapped in logical order first**, then each visual row is reordered on its
//!   own (UAX #9 L1–L2, trailing whitespace at the paragraph's end side). Reordering moves
//!   whole graphemes, so Arabic harakat and emoji sequences stay on their base.
//! - **Explicit embeddings, overrides and isolates** (U+202A–U+202E, U+2066–U+2069) are
//!   treated as neutral characters: they are drawn as their `⇄` placeholder and never
//!   reorder the text around them, so an RLO cannot make `terces` read as `secret` in the
//!   editor while the checker flags it. The marks LRM, RLM and ALM (strong characters with
//!   no embedding) keep their effect on the punctuation next to them, and are also shown.
//! - **The cursor** is drawn on the cell of the grapheme that starts at its byte offset (the
//!   one Delete removes); at the end of a line it sits one cell past the paragraph's end
//!   side (left of the text in a right-to-left paragraph).
//! - Lines with no right-to-left character (no bidi class R, AL or AN) skip all of this:
//!   a byte scan decides, so Latin text costs one pass over its paragraph.

use std::ops::Range;

use crate::text::bidi::{first_strong_is_rtl, has_rtl, reorder_lines};

use super::glyph::cells;
use super::layout::{Layout, Row};

/// BDSM reset (ECMA-48 mode 8, the Terminal-WG bidi recommendation): explicit mode, the
/// terminal shows the cells in the order written and does no reordering of its own (VTE and
/// other bidi-aware terminals would otherwise reorder our display order a second time).
/// Sent when the editor takes the screen; terminals without bidi ignore it.
pub const EXPLICIT_MODE: &str = "\x1b[8l";

/// BDSM set: back to the terminal's default implicit mode, sent when the editor leaves.
pub const IMPLICIT_MODE: &str = "\x1b[8h";

/// Paragraphs longer than this (bytes) are resolved in a window around the drawn rows.
const WINDOW: usize = 64 * 1024;

/// The logical line (bidi paragraph) around byte `pos`, without its `\n` (or `\r\n`).
pub fn paragraph(text: &str, pos: usize) -> Range<usize> {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
        end -= 1;
    }
    start..end
}

/// One grapheme of a reordered row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualCell {
    /// First byte of the grapheme in the text.
    pub start: usize,
    /// End of the grapheme (exclusive).
    pub end: usize,
    /// Its first cell, counted from the left edge of the row's text.
    pub x: usize,
    /// Its width in cells ([`cells`]).
    pub width: usize,
}

/// A row of a paragraph that holds right-to-left text, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualRow {
    /// The paragraph is right-to-left: the row is right-aligned.
    pub rtl: bool,
    /// The row's graphemes (without its line break) from left to right on screen.
    pub cells: Vec<VisualCell>,
    /// Width of the row's text in cells.
    pub width: usize,
}

impl VisualRow {
    /// The pane column of the row's left edge in a pane `pane` cells wide: 0 for a
    /// left-to-right paragraph, `pane - width` for a right-to-left one (−1 when a hanging
    /// space makes the row one cell wider than the pane; that cell is not drawn).
    pub fn left(&self, pane: usize) -> isize {
        if self.rtl {
            pane as isize - self.width as isize
        } else {
            0
        }
    }

    /// The pane column of the cursor at byte `pos`: the first cell of the grapheme starting
    /// there, or, when none does (end of the line or text), the cell past the paragraph's end
    /// side. Clamped to the pane.
    pub fn column(&self, pos: usize, pane: usize) -> usize {
        let left = self.left(pane);
        let col = match self.cells.iter().find(|c| c.start == pos) {
            Some(c) => left + c.x as isize,
            None if self.rtl => left - 1,
            None => left + self.width as isize,
        };
        col.clamp(0, pane.saturating_sub(1) as isize) as usize
    }

    /// The byte offset of the grapheme drawn over pane column `col`, if any.
    pub fn offset(&self, col: usize, pane: usize) -> Option<usize> {
        let x = col as isize - self.left(pane);
        self.cells
            .iter()
            .find(|c| c.x as isize <= x && x < (c.x + c.width) as isize)
            .map(|c| c.start)
    }
}

/// The display order of each of `rows` (consecutive rows of `text`): `None` for a row whose
/// paragraph has no right-to-left character (drawn as it is, in logical order), else the
/// reordered row. The bidi algorithm runs once per paragraph.
pub fn reorder_rows(text: &str, rows: &[Row]) -> Vec<Option<VisualRow>> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let para = paragraph(text, rows[i].start);
        let n = rows[i..]
            .iter()
            .take_while(|r| r.start <= para.end)
            .count()
            .max(1);
        let group = &rows[i..i + n];
        let p = &text[para.clone()];
        if has_rtl(p) {
            out.extend(reorder_paragraph(text, para, group).into_iter().map(Some));
        } else {
            out.extend(std::iter::repeat_n(None, n));
        }
        i += n;
    }
    out
}

/// The rows `rows` of paragraph `para` (which holds right-to-left text) in display order.
///
/// A paragraph longer than [`WINDOW`] bytes (a pasted book with no line breaks) is resolved
/// over the rows plus [`WINDOW`]/2 bytes on each side, at the whole paragraph's direction:
/// the cost of a frame stays bounded, and only a neutral or number whose nearest strong
/// letter is farther away than that could be placed differently.
fn reorder_paragraph(text: &str, para: Range<usize>, rows: &[Row]) -> Vec<VisualRow> {
    let rtl = first_strong_is_rtl(&text[para.clone()]);
    let para = if para.len() > WINDOW {
        let (first, last) = (rows[0].start, rows[rows.len() - 1].end);
        let mut lo = first.saturating_sub(WINDOW / 2).max(para.start);
        let mut hi = (last + WINDOW / 2).min(para.end);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        lo..hi
    } else {
        para
    };
    let lines: Vec<Range<usize>> = rows
        .iter()
        .map(|r| {
            let start = r.start.clamp(para.start, para.end);
            let end = r.end.clamp(start, para.end);
            start - para.start..end - para.start
        })
        .collect();
    reorder_lines(&text[para.clone()], rtl, &lines)
        .into_iter()
        .map(|order| {
            let mut x = 0;
            let cells = order
                .into_iter()
                .map(|g| {
                    let width = cells(&text[para.start + g.start..para.start + g.end]);
                    let c = VisualCell {
                        start: para.start + g.start,
                        end: para.start + g.end,
                        x,
                        width,
                    };
                    x += width;
                    c
                })
                .collect();
            VisualRow {
                rtl,
                cells,
                width: x,
            }
        })
        .collect()
}

/// The reordered `row` of `layout`, or `None` when its paragraph is plain left-to-right.
pub fn visual_row(text: &str, layout: &Layout, row: usize) -> Option<VisualRow> {
    let rows = layout.rows();
    reorder_rows(text, &rows[row..=row]).pop().flatten()
}

/// The screen position `(row, pane column)` of the cursor at byte `pos`, in display order
/// (equal to [`Layout::position`] for left-to-right text).
pub fn screen_position(text: &str, layout: &Layout, pos: usize) -> (usize, usize) {
    let (row, col) = layout.position(text, pos);
    match visual_row(text, layout, row) {
        Some(v) => (row, v.column(pos, layout.width())),
        None => (row, col),
    }
}

/// The byte offset shown at `(row, pane column)` in display order: the grapheme drawn there,
/// or the row's last cursor position outside the text (equal to [`Layout::offset`] for
/// left-to-right text).
pub fn screen_offset(text: &str, layout: &Layout, row: usize, col: usize) -> usize {
    let row = row.min(layout.rows().len() - 1);
    match visual_row(text, layout, row) {
        Some(v) => v
            .offset(col, layout.width())
            .unwrap_or_else(|| layout.last_position(text, row)),
        None => layout.offset(text, row, col),
    }
}

/// Whether the paragraph around byte `pos` is right-to-left (its first strong character is
/// R or AL, explicit controls ignored): there Left moves forward in the text and Right back.
pub fn is_rtl_at(text: &str, pos: usize) -> bool {
    let p = &text[paragraph(text, pos)];
    has_rtl(p) && first_strong_is_rtl(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::editor::Editor;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The row's graphemes joined in display order (left to right on screen).
    fn shown(text: &str, v: &VisualRow) -> String {
        v.cells.iter().map(|c| &text[c.start..c.end]).collect()
    }

    fn rows(text: &str, width: usize) -> (Layout, Vec<Option<VisualRow>>) {
        let l = Layout::new(text, width);
        let v = reorder_rows(text, l.rows());
        (l, v)
    }

    #[test]
    fn latin_text_is_left_alone() {
        let (_, v) = rows("The delegation met partners in Kyiv.\nSecond line é ж", 80);
        assert!(v.iter().all(Option::is_none));
        assert!(!has_rtl("naïve Ελλάδα Київ 中文"));
        assert!(has_rtl("في"));
        assert!(has_rtl("שלום"));
        assert!(has_rtl("\u{661}\u{662}")); // Arabic-Indic digits (AN)
    }

    #[test]
    fn arabic_with_latin_and_numbers_reads_right_to_left() {
        let text = "الرئيس Biden في 2026";
        let (_, v) = rows(text, 40);
        let v = v[0].as_ref().expect("reordered");
        assert!(v.rtl);
        assert_eq!(shown(text, v), "2026 يف Biden سيئرلا");
        assert_eq!(v.width, 20);
        // Right-aligned in a 40-cell pane.
        assert_eq!(v.left(40), 20);
    }

    #[test]
    fn hebrew_sentence_and_punctuation() {
        let text = "שלום עולם, זה מבחן.";
        let (_, v) = rows(text, 40);
        let v = v[0].as_ref().unwrap();
        assert!(v.rtl);
        assert_eq!(shown(text, v), ".ןחבמ הז ,םלוע םולש");
    }

    #[test]
    fn a_hebrew_word_in_an_english_line() {
        let text = "The word שלום means peace";
        let (_, v) = rows(text, 40);
        let v = v[0].as_ref().unwrap();
        assert!(!v.rtl);
        assert_eq!(v.left(40), 0);
        assert_eq!(shown(text, v), "The word םולש means peace");
    }

    #[test]
    fn paragraph_direction_is_per_line() {
        let text = "Statement:\nالسفارة ترحب بالاتفاق\nEnd";
        let (l, v) = rows(text, 30);
        assert_eq!(l.rows().len(), 3);
        assert!(v[0].is_none() && v[2].is_none());
        let v1 = v[1].as_ref().unwrap();
        assert!(v1.rtl);
        assert_eq!(shown(text, v1), "قافتالاب بحرت ةرافسلا");
    }

    #[test]
    fn wrapped_rows_are_reordered_one_by_one_and_right_aligned() {
        // The first logical words stay on the first (top) row, read from the right.
        let text = "تدعو الوزارة جميع الأطراف إلى ضبط النفس";
        let (l, v) = rows(text, 20);
        let texts: Vec<&str> = l.rows().iter().map(|r| &text[r.range()]).collect();
        assert_eq!(texts, ["تدعو الوزارة جميع ", "الأطراف إلى ضبط ", "النفس"]);
        let shown_rows: Vec<String> = v.iter().map(|v| shown(text, v.as_ref().unwrap())).collect();
        // Trailing spaces go to the paragraph's end side (left), UAX #9 L1.
        assert_eq!(shown_rows, [" عيمج ةرازولا وعدت", " طبض ىلإ فارطألا", "سفنلا"]);
        for (r, v) in l.rows().iter().zip(&v) {
            let v = v.as_ref().unwrap();
            assert_eq!(v.width, r.width);
            assert_eq!(v.left(20), 20 - r.width as isize);
            let mut bytes: Vec<usize> = v.cells.iter().flat_map(|c| c.start..c.end).collect();
            bytes.sort();
            assert_eq!(bytes, (r.start..r.end).collect::<Vec<_>>());
        }
    }

    #[test]
    fn marks_stay_on_their_letters() {
        // Fatha, sukun, tanwin: each cell starts with its base letter.
        let text = "مَرْحَبًا بكم";
        let (_, v) = rows(text, 30);
        let v = v[0].as_ref().unwrap();
        assert_eq!(shown(text, v), "مكب اب\u{64B}ح\u{64E}ر\u{652}م\u{64E}");
        for c in &v.cells {
            let first = text[c.start..].chars().next().unwrap();
            assert!(!('\u{64B}'..='\u{652}').contains(&first), "{c:?}");
        }
        assert_eq!(v.width, 9);
    }

    #[test]
    fn explicit_overrides_do_not_reorder_the_display() {
        // An RLO would make `terces` read `secret` in a bidi-aware renderer (unicode-bidi
        // itself shows that); the editor keeps the stored order and shows the control.
        let text = "سر \u{202E}terces";
        let honoured = unicode_bidi::BidiInfo::new(text, None);
        let para = &honoured.paragraphs[0];
        assert!(
            honoured
                .reorder_line(para, para.range.clone())
                .contains("secret")
        );
        let (_, v) = rows(text, 30);
        let v = v[0].as_ref().unwrap();
        assert_eq!(shown(text, v), "terces\u{202E} رس");
        // The same with isolates and embeddings.
        let text = "عن \u{2067}abc def\u{2069} و \u{202B}xyz\u{202C}";
        let (_, v) = rows(text, 40);
        let s = shown(text, v[0].as_ref().unwrap());
        assert!(s.contains("abc def") && s.contains("xyz"), "{s}");
    }

    #[test]
    fn cursor_columns_follow_the_display() {
        let text = "الرئيس Biden في 2026";
        let l = Layout::new(text, 40);
        // Start of the text: the rightmost cell.
        assert_eq!(screen_position(text, &l, 0), (0, 39));
        // After "الرئيس ": on the B of Biden, drawn at column 20 + "2026 يف ".
        let b = text.find("Biden").unwrap();
        assert_eq!(screen_position(text, &l, b), (0, 28));
        assert_eq!(screen_offset(text, &l, 0, 28), b);
        // On the 2 of 2026 (the leftmost word), and the end left of it.
        let n = text.find("2026").unwrap();
        assert_eq!(screen_position(text, &l, n), (0, 20));
        assert_eq!(screen_position(text, &l, text.len()), (0, 19));
        // Clicks left of the text go to the end of the line; clicks on a letter to it.
        assert_eq!(screen_offset(text, &l, 0, 3), text.len());
        assert_eq!(screen_offset(text, &l, 0, 39), 0);
        assert_eq!(screen_offset(text, &l, 0, 38), "ا".len());
    }

    #[test]
    fn left_and_right_follow_the_paragraph_direction() {
        let mut e = Editor::new("مرحبا بكم\nhello".to_string());
        e.set_width(40);
        let col = |e: &Editor| screen_position(e.text(), e.layout(), e.cursor()).1;
        assert_eq!(col(&e), 39);
        e.left();
        assert_eq!((e.cursor(), col(&e)), ("م".len(), 38));
        e.word_left();
        assert_eq!(e.cursor(), "مرحبا".len());
        e.right();
        assert_eq!(e.cursor(), "مرحب".len());
        e.word_right();
        assert_eq!(e.cursor(), 0);
        // The English line moves the usual way.
        e.buffer.set_cursor(e.text().len() - 2);
        e.left();
        assert_eq!(e.cursor(), e.text().len() - 3);
        e.right();
        assert_eq!(e.cursor(), e.text().len() - 2);
    }

    #[test]
    fn up_and_down_keep_the_screen_column() {
        let mut e = Editor::new("سلام عليكم\nشكرا جزيلا لكم".to_string());
        e.set_width(30);
        // Row 0 is 10 cells wide (columns 20..30), row 1 is 14 (16..30); the cursor on the
        // first letter of row 0 (column 29) goes to the first letter of row 1.
        e.move_rows(1);
        assert_eq!(e.cursor(), "سلام عليكم\n".len());
        e.buffer.set_cursor("سلام عليكم".len()); // end of row 0: column 19
        e.reset_column();
        e.move_rows(1);
        let (_, c) = screen_position(e.text(), e.layout(), e.cursor());
        assert_eq!(c, 19);
    }

    #[test]
    fn a_very_long_paragraph_is_resolved_around_the_drawn_rows() {
        let text = "تدعو الوزارة في 2026 جميع الأطراف إلى ضبط النفس. ".repeat(4000);
        assert!(text.len() > 2 * WINDOW);
        let l = Layout::new(&text, 60);
        let mid = l.rows().len() / 2;
        let v = visual_row(&text, &l, mid).unwrap();
        assert!(v.rtl);
        let r = l.rows()[mid];
        let alone = &text[r.range()];
        let (_, w) = rows(alone, 60);
        assert_eq!(shown(&text, &v), shown(alone, w[0].as_ref().unwrap()));
    }

    fn rtl_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "في",
            "السفارة",
            " ",
            "Kyiv",
            "2026",
            "\n",
            "שלום",
            "،",
            ".",
            "\u{202E}",
            "\u{200F}",
            "مَ",
            "١٢",
            "e\u{301}",
            "中",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn reordered_rows_keep_every_grapheme_once(text in rtl_text(), width in 1usize..20) {
            let (l, v) = rows(&text, width);
            for (r, v) in l.rows().iter().zip(&v) {
                let Some(v) = v else { continue };
                let mut bytes: Vec<usize> = v.cells.iter().flat_map(|c| c.start..c.end).collect();
                bytes.sort();
                let end = if text[r.range()].ends_with('\n') { r.end - 1 } else { r.end };
                prop_assert_eq!(bytes, (r.start..end).collect::<Vec<_>>());
                prop_assert_eq!(v.width, r.width);
            }
        }

        #[test]
        fn screen_position_round_trips(text in rtl_text(), width in 2usize..20) {
            let l = Layout::new(&text, width);
            let mut bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            bounds.push(text.len());
            for b in bounds {
                let (row, col) = screen_position(&text, &l, b);
                prop_assert!(col < width);
                if l.rows()[row].width >= width {
                    continue; // a hanging space or a grapheme wider than the pane
                }
                prop_assert_eq!(screen_offset(&text, &l, row, col), b, "row {} col {}", row, col);
            }
        }
    }
}
