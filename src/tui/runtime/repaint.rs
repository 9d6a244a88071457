//! Whole-row repaints where the terminal keeps cells ratatui does not know of.
//!
//! Ratatui sends only the cells that changed, and trusts the terminal to clear a wide
//! character's second cell when its first is overwritten. tmux (and other terminals that
//! measure by code point) keeps a flag as two one-cell regional indicators: deleting `🇺🇦`
//! rewrote the first cell only, and `🇦` stayed on screen (seen with `capture-pane`). A
//! skin-tone modifier is a wide character of its own there too (`👍🏽` takes 4 cells).
//!
//! So every row that holds such a grapheme ([`glyph::unstable`]) in this frame or held one
//! in the last is sent whole (ratatui's `CellDiffOption::AlwaysUpdate` on each of its
//! cells): after the frame, the terminal's row is exactly the buffer's, whatever it made of
//! the grapheme. Rows without one are diffed as usual.

use ratatui::buffer::{Buffer, CellDiffOption};

use crate::tui::editor::glyph;

/// The rows that held an unstable grapheme in the last frame.
#[derive(Debug, Default)]
pub struct Repaint {
    last: Vec<u16>,
}

impl Repaint {
    /// Marks for a whole repaint every row of `buf` (the frame about to be drawn) that holds
    /// an unstable grapheme, or held one in the last frame.
    pub fn mark(&mut self, buf: &mut Buffer) {
        let area = buf.area;
        let now: Vec<u16> = (area.y..area.y + area.height)
            .filter(|&y| {
                (area.x..area.x + area.width).any(|x| glyph::unstable(buf[(x, y)].symbol()))
            })
            .collect();
        for &y in self.last.iter().chain(&now) {
            if y < area.y || y >= area.y + area.height {
                continue;
            }
            for x in area.x..area.x + area.width {
                let cell = &mut buf[(x, y)];
                if cell.diff_option == CellDiffOption::None {
                    cell.set_diff_option(CellDiffOption::AlwaysUpdate);
                }
            }
        }
        self.last = now;
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    fn row(text: &str) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 10, 2));
        b.set_string(0, 0, text, ratatui::style::Style::new());
        b.set_string(0, 1, "same", ratatui::style::Style::new());
        b
    }

    /// The columns of row `y` that `prev.diff(next)` sends.
    fn sent(prev: &Buffer, next: &Buffer, y: u16) -> Vec<u16> {
        prev.diff(next)
            .into_iter()
            .filter(|&(_, cy, _)| cy == y)
            .map(|(x, _, _)| x)
            .collect()
    }

    #[test]
    fn a_deleted_flag_clears_both_of_its_cells() {
        let mut repaint = Repaint::default();
        let mut prev = row("ab 🇺🇦");
        repaint.mark(&mut prev);
        // Ratatui alone sends only the flag's first cell (column 3).
        assert_eq!(sent(&row("ab 🇺🇦"), &row("ab "), 0), [3]);
        // Marked, the whole row goes out, so tmux's lone `🇦` in column 4 is overwritten.
        let mut next = row("ab ");
        repaint.mark(&mut next);
        assert!(sent(&prev, &next, 0).contains(&4));
        assert_eq!(sent(&prev, &next, 0).len(), 10);
        // Rows without such a grapheme are diffed as usual.
        assert!(sent(&prev, &next, 1).is_empty());
        // Two frames later the row is ordinary again (the frame after a marked one is
        // sent whole once more: ratatui compares the marks too).
        let mut after = row("ab x");
        repaint.mark(&mut after);
        let mut later = row("ab xy");
        repaint.mark(&mut later);
        assert_eq!(sent(&after, &later, 0), [4]);
    }

    #[test]
    fn a_skin_tone_row_is_sent_whole_each_frame() {
        let mut repaint = Repaint::default();
        let mut a = row("ok 👍🏽");
        repaint.mark(&mut a);
        let mut b = row("ok 👍🏽");
        repaint.mark(&mut b);
        // The cells after the emoji are sent although unchanged: tmux drew the modifier
        // over them, and they must show what the buffer says.
        let cols = sent(&a, &b, 0);
        assert!(cols.contains(&5) && cols.contains(&6), "{cols:?}");
    }
}
