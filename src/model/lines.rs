//! Line and column positions of byte offsets.

/// Start offsets of every line of a text, for repeated line/column look-ups. A long text also
/// gets a character count every 1024 bytes, so that a column costs at most about 1024
/// bytes of counting however long its line is (one line of 500,000 findings stays linear).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters before it)`, about every `MARK` bytes, on char boundaries;
    /// empty for a text shorter than `4 × MARK` bytes.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two character-count marks of a [`LineIndex`].
const MARK: usize = 1024;

impl LineIndex {
    /// Indexes the line starts of `text` (lines end at `\n`), and for a long text (4 KiB or
    /// more) a character count every 1024 bytes.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        if text.len() >= 4 * MARK {
            let (mut at, mut chars) = (0, 0);
            marks.push((0, 0));
            while at + MARK < text.len() {
                let mut next = at + MARK;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[at..next].chars().count();
                marks.push((next, chars));
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    /// The number of characters of `text` before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = self.marks.partition_point(|&(b, _)| b <= offset);
        let (b, c) = self.marks.get(i.wrapping_sub(1)).copied().unwrap_or((0, 0));
        c + text[b..offset].chars().count()
    }

    /// 1-based line and 1-based column (in characters) of byte offset `offset` of `text`.
    /// `offset` must be a char boundary of the same `text` that built the index.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = if self.marks.is_empty() || offset - start < MARK {
            text[start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line, column + 1)
    }

    /// Byte range of line `line` (1-based), without its `\n`.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map(|&s| s - 1).unwrap_or(text.len());
        (start, end)
    }
}

/// 1-based line and character column of byte `offset` in `text` (one-off look-up).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let t = "ab\nçé x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        let x = t.find('x').unwrap();
        assert_eq!(line_col(t, x), (2, 4));
        assert_eq!(LineIndex::new(t).line_range(t, 1), (0, 2));
    }

    /// Columns from the marks of a long text agree with counting from the line start.
    #[test]
    fn long_lines_count_the_same_with_marks() {
        let t = format!("{}\n{}", "é x ".repeat(3000), "Кiev ab ".repeat(2000));
        let idx = LineIndex::new(&t);
        assert!(!idx.marks.is_empty());
        for (offset, _) in t.char_indices().step_by(97) {
            assert_eq!(idx.line_col(&t, offset), line_col(&t, offset), "{offset}");
        }
        assert_eq!(idx.line_col(&t, t.len()), line_col(&t, t.len()));
    }
}
