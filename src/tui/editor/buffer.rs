//! The text buffer of the editor: one `String`, a cursor, a selection anchor and the
//! undo/redo history.
//!
//! The cursor is a **byte offset** into the text that always sits on an extended-grapheme
//! boundary (UAX #29), so no key can split `e` + U+0301, 👍🏽, 🇫🇷 or 👨‍👩‍👧. Backspace and
//! Delete remove one whole grapheme. Vertical movement needs the soft-wrap layout and lives in
//! [`super::Editor`].
//!
//! Every change goes through one primitive, [`Buffer::splice`], which records an undo step
//! and widens the *dirty* range that the incremental layout reads ([`Buffer::take_dirty`]).
//! Typing merges into one undo step per word; consecutive Backspace/Delete presses merge;
//! a paste, a cut or a fix is one step. Any cursor move closes the open step.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Most undo steps kept.
const HISTORY: usize = 200;

/// What kind of change a splice is, for grouping undo steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// A typed character: merges with the previous typed characters of the same word.
    Typing,
    /// Backspace / Delete of one grapheme: merges with adjacent deletions.
    Deleting,
    /// Anything else (paste, cut, fix, word delete): always its own step.
    Other,
}

/// One undoable change: `removed` at `start` was replaced by `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    start: usize,
    removed: String,
    inserted: String,
    before: usize,
    after: usize,
    kind: EditKind,
}

/// The changed region since the last [`Buffer::take_dirty`]: bytes before `start` and the
/// last `tail` bytes are unchanged (the same in the old and the new text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dirty {
    /// First changed byte.
    pub start: usize,
    /// Length in bytes of the unchanged suffix.
    pub tail: usize,
    /// Length in bytes of the text before the changes.
    pub old_len: usize,
}

impl Dirty {
    /// The changes `self`, then `later` (made to the text `self` produced), as one.
    pub fn then(self, later: Dirty) -> Dirty {
        Dirty {
            start: self.start.min(later.start),
            tail: self.tail.min(later.tail),
            old_len: self.old_len,
        }
    }

    /// Maps the span `start..end` of the old text onto the new text of length `new_len`:
    /// unchanged when it ends before the change, shifted when it starts after it, `None`
    /// when it overlaps the changed bytes.
    pub fn map_span(&self, start: usize, end: usize, new_len: usize) -> Option<(usize, usize)> {
        let old_end = self.old_len - self.tail;
        if end <= self.start {
            Some((start, end))
        } else if start >= old_end {
            let new_end = new_len - self.tail;
            Some((start - old_end + new_end, end - old_end + new_end))
        } else {
            None
        }
    }
}

/// A text and a cursor on a grapheme boundary, with selection and undo history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buffer {
    text: String,
    cursor: usize,
    anchor: Option<usize>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    open: bool,
    dirty: Option<Dirty>,
    version: u64,
}

impl Buffer {
    /// A buffer holding `text` with the cursor at its end.
    pub fn new(text: String) -> Buffer {
        let cursor = text.len();
        Buffer {
            text,
            cursor,
            ..Buffer::default()
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in bytes from the start of the text (a grapheme boundary).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Counts changes of the text (it grows by one per splice, undo or redo).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Moves the cursor to `pos` (bytes), clamped to the text and snapped back to the
    /// grapheme boundary at or before it. Closes the open undo step.
    pub fn set_cursor(&mut self, pos: usize) {
        self.open = false;
        self.cursor = snap(&self.text, pos);
    }

    /// Starts (`extend`) or drops the selection before a cursor move: with `extend` the
    /// anchor stays where it is, or is set at the cursor.
    pub fn select(&mut self, extend: bool) {
        if extend {
            self.anchor.get_or_insert(self.cursor);
        } else {
            self.anchor = None;
        }
    }

    /// Selects the whole text (cursor at the end).
    pub fn select_all(&mut self) {
        self.anchor = Some(0);
        self.set_cursor(self.text.len());
    }

    /// The selected byte range, if a non-empty selection exists.
    pub fn selection(&self) -> Option<Range<usize>> {
        let a = self.anchor?;
        let r = a.min(self.cursor)..a.max(self.cursor);
        (!r.is_empty()).then_some(r)
    }

    /// The selected text ("" without a selection).
    pub fn selected_text(&self) -> &str {
        self.selection().map_or("", |r| &self.text[r])
    }

    /// Replaces bytes `range` (clamped, snapped to char boundaries) with `s`, records an
    /// undo step of `kind`, drops the selection and puts the cursor after `s`.
    pub fn splice(&mut self, range: Range<usize>, s: &str, kind: EditKind) {
        let start = floor_char(&self.text, range.start.min(self.text.len()));
        let end = floor_char(&self.text, range.end.clamp(start, self.text.len()));
        if start == end && s.is_empty() {
            return;
        }
        let removed = self.text[start..end].to_string();
        let before = self.cursor;
        self.apply(start, end, s);
        self.anchor = None;
        self.cursor = snap(&self.text, start + s.len());
        let step = Step {
            start,
            removed,
            inserted: s.to_string(),
            before,
            after: self.cursor,
            kind,
        };
        self.record(step);
    }

    fn apply(&mut self, start: usize, end: usize, s: &str) {
        let old_len = self.text.len();
        let tail = old_len - end;
        self.text.replace_range(start..end, s);
        self.version += 1;
        self.dirty = Some(match self.dirty {
            None => Dirty {
                start,
                tail,
                old_len,
            },
            Some(d) => d.then(Dirty {
                start,
                tail,
                old_len,
            }),
        });
    }

    fn record(&mut self, step: Step) {
        self.redo.clear();
        if self.open
            && let Some(last) = self.undo.last_mut()
            && merge(last, &step)
        {
            return;
        }
        self.undo.push(step);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.open = true;
    }

    /// Takes the changed region since the last call (for the incremental layout).
    pub fn take_dirty(&mut self) -> Option<Dirty> {
        self.dirty.take()
    }

    /// Undoes the last step; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        self.apply(step.start, step.start + step.inserted.len(), &step.removed);
        self.cursor = snap(&self.text, step.before);
        self.anchor = None;
        self.open = false;
        self.redo.push(step);
        true
    }

    /// Redoes the last undone step; returns whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        self.apply(step.start, step.start + step.removed.len(), &step.inserted);
        self.cursor = snap(&self.text, step.after);
        self.anchor = None;
        self.open = false;
        self.undo.push(step);
        true
    }

    /// Replaces the whole text as one undo step and puts the cursor at `cursor`.
    pub fn replace_text(&mut self, text: String, cursor: usize) {
        let pre = common_prefix(&self.text, &text);
        let suf = common_suffix(&self.text[pre..], &text[pre..]);
        let end = self.text.len() - suf;
        let new_mid = text[pre..text.len() - suf].to_string();
        self.open = false;
        self.splice(pre..end, &new_mid, EditKind::Other);
        self.open = false;
        self.set_cursor(cursor);
    }

    /// Inserts `s` at the cursor (replacing the selection) as one undo step of `kind`.
    pub fn insert(&mut self, s: &str, kind: EditKind) {
        let range = self.selection().unwrap_or(self.cursor..self.cursor);
        if range.start != range.end {
            self.open = false;
        }
        self.splice(range, s, kind);
    }

    /// Inserts `s` at the cursor (replacing the selection) as its own undo step.
    pub fn insert_str(&mut self, s: &str) {
        self.open = false;
        self.insert(s, EditKind::Other);
        self.open = false;
    }

    /// Deletes the selection; returns whether there was one.
    pub fn delete_selection(&mut self) -> bool {
        let Some(r) = self.selection() else {
            return false;
        };
        self.open = false;
        self.splice(r, "", EditKind::Other);
        self.open = false;
        true
    }

    /// Deletes the selection, or the grapheme before the cursor. Returns whether anything
    /// was deleted.
    pub fn backspace(&mut self) -> bool {
        if self.delete_selection() {
            return true;
        }
        if self.cursor == 0 {
            return false;
        }
        let start = prev_boundary(&self.text, self.cursor);
        self.splice(start..self.cursor, "", EditKind::Deleting);
        true
    }

    /// Deletes the selection, or the grapheme after the cursor. Returns whether anything
    /// was deleted.
    pub fn delete(&mut self) -> bool {
        if self.delete_selection() {
            return true;
        }
        if self.cursor >= self.text.len() {
            return false;
        }
        let end = next_boundary(&self.text, self.cursor);
        self.splice(self.cursor..end, "", EditKind::Deleting);
        true
    }

    /// Ctrl+Backspace: deletes the selection, or back to the start of the previous word.
    pub fn delete_word_left(&mut self) -> bool {
        if self.delete_selection() {
            return true;
        }
        let end = self.cursor;
        let start = word_left_of(&self.text, end);
        if start == end {
            return false;
        }
        self.open = false;
        self.splice(start..end, "", EditKind::Other);
        self.open = false;
        true
    }

    /// Ctrl+Delete: deletes the selection, or up to the end of the next word.
    pub fn delete_word_right(&mut self) -> bool {
        if self.delete_selection() {
            return true;
        }
        let start = self.cursor;
        let end = word_right_of(&self.text, start);
        if start == end {
            return false;
        }
        self.open = false;
        self.splice(start..end, "", EditKind::Other);
        self.open = false;
        true
    }

    /// Moves one grapheme left.
    pub fn left(&mut self) {
        self.set_cursor(prev_boundary(&self.text, self.cursor));
    }

    /// Moves one grapheme right.
    pub fn right(&mut self) {
        self.set_cursor(next_boundary(&self.text, self.cursor));
    }

    /// Moves to the start of the previous word (UAX #29 word bounds).
    pub fn word_left(&mut self) {
        self.set_cursor(word_left_of(&self.text, self.cursor));
    }

    /// Moves to the end of the next word (UAX #29 word bounds).
    pub fn word_right(&mut self) {
        self.set_cursor(word_right_of(&self.text, self.cursor));
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

/// Merges `next` into `last` when both are typing in one word or adjacent deletions.
fn merge(last: &mut Step, next: &Step) -> bool {
    if last.kind != next.kind {
        return false;
    }
    match next.kind {
        EditKind::Typing => {
            let joins = next.removed.is_empty()
                && last.removed.is_empty()
                && next.start == last.start + last.inserted.len();
            let word_ended = last.inserted.ends_with(char::is_whitespace)
                && !next.inserted.starts_with(char::is_whitespace);
            if !joins || word_ended {
                return false;
            }
            last.inserted.push_str(&next.inserted);
        }
        EditKind::Deleting if next.inserted.is_empty() && last.inserted.is_empty() => {
            if next.start + next.removed.len() == last.start {
                last.removed.insert_str(0, &next.removed);
                last.start = next.start;
            } else if next.start == last.start {
                last.removed.push_str(&next.removed);
            } else {
                return false;
            }
        }
        _ => return false,
    }
    last.after = next.after;
    true
}

fn common_prefix(a: &str, b: &str) -> usize {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    floor_char(a, n)
}

fn common_suffix(a: &str, b: &str) -> usize {
    let n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
        .min(a.len())
        .min(b.len());
    let mut k = n;
    while k > 0 && !(a.is_char_boundary(a.len() - k) && b.is_char_boundary(b.len() - k)) {
        k -= 1;
    }
    k
}

fn floor_char(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// `pos` clamped to the text and snapped back to a grapheme boundary.
fn snap(text: &str, pos: usize) -> usize {
    let pos = floor_char(text, pos);
    if is_boundary(text, pos) {
        pos
    } else {
        prev_boundary(text, pos)
    }
}

/// The start of the word before `pos` (UAX #29 word bounds; whitespace skipped).
pub fn word_left_of(text: &str, pos: usize) -> usize {
    let end = text[..pos].trim_end().len();
    let from = text[..end].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    text[from..pos]
        .split_word_bound_indices()
        .rev()
        .find(|(_, w)| !w.trim().is_empty())
        .map_or(from, |(i, _)| from + i)
}

/// The end of the word after `pos` (UAX #29 word bounds; whitespace skipped).
pub fn word_right_of(text: &str, pos: usize) -> usize {
    let after = &text[pos..];
    let end = after
        .split_word_bound_indices()
        .find(|(_, w)| !w.trim().is_empty())
        .map_or(after.len(), |(i, w)| i + w.len());
    pos + end
}

/// The start (bytes) of the logical line that holds `pos`.
pub fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The end (bytes) of the logical line that holds `pos`: its `\n`, or the end of the text.
pub fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i)
}

/// A position at or before `pos` (bytes) that is certainly a grapheme boundary, close to
/// it: the start of the logical line, or a point between two ASCII characters (never split
/// by UAX #29 except CR LF) within 1 KiB before `pos`. Keeps segmentation of huge lines
/// local.
fn segment_start(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = pos.saturating_sub(1024);
    let mut i = pos.saturating_sub(1);
    while i > floor {
        let (a, b) = (bytes[i - 1], bytes[i]);
        if a == b'\n' {
            return i;
        }
        if a.is_ascii() && b.is_ascii() && !(a == b'\r' && b == b'\n') && i < pos {
            return i;
        }
        i -= 1;
    }
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of a region before the character just before `pos` (a char boundary > 0)
/// from which segmentation may begin.
fn start_of_char_line(text: &str, pos: usize) -> usize {
    let before = pos.saturating_sub(1);
    segment_start(text, floor_char(text, before))
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
    fn typing_undoes_by_word_and_redoes() {
        let mut b = Buffer::new(String::new());
        for c in "hello big world".chars() {
            b.insert(c.encode_utf8(&mut [0; 4]), EditKind::Typing);
        }
        assert!(b.undo());
        assert_eq!(b.text(), "hello big ");
        assert!(b.undo());
        assert_eq!(b.text(), "hello ");
        assert!(b.redo());
        assert_eq!(b.text(), "hello big ");
        assert_eq!(b.cursor(), 10);
        b.insert_str("PASTE");
        assert!(!b.redo());
        assert!(b.undo());
        assert_eq!(b.text(), "hello big ");
    }

    #[test]
    fn deletions_merge_and_moves_split_steps() {
        let mut b = Buffer::new("abcdef".into());
        b.backspace();
        b.backspace();
        b.left();
        b.backspace();
        assert_eq!(b.text(), "abd");
        assert!(b.undo());
        assert_eq!(b.text(), "abcd");
        assert!(b.undo());
        assert_eq!(b.text(), "abcdef");
    }

    #[test]
    fn selection_replace_and_word_delete() {
        let mut b = Buffer::new("one two three".into());
        b.set_cursor(4);
        b.select(true);
        b.word_right();
        assert_eq!(b.selected_text(), "two");
        b.insert("2", EditKind::Typing);
        assert_eq!(b.text(), "one 2 three");
        b.set_cursor(usize::MAX);
        assert!(b.delete_word_left());
        assert_eq!(b.text(), "one 2 ");
        b.set_cursor(0);
        assert!(b.delete_word_right());
        assert_eq!(b.text(), " 2 ");
        b.select_all();
        assert_eq!(b.selected_text(), " 2 ");
    }

    #[test]
    fn replace_text_is_one_minimal_step() {
        let mut b = Buffer::new("Talks in Kiev today".into());
        b.take_dirty();
        b.replace_text("Talks in Kyiv today".into(), 13);
        let d = b.take_dirty().unwrap();
        assert_eq!((d.start, d.tail), (10, 7));
        b.undo();
        assert_eq!(b.text(), "Talks in Kiev today");
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

    #[test]
    fn spans_of_the_old_text_map_onto_the_new_one() {
        // "Talks in Kiev today" → "Talks in Kyiv today": bytes 10..11 replaced.
        let d = Dirty {
            start: 10,
            tail: 8,
            old_len: 19,
        };
        assert_eq!(d.map_span(0, 5, 19), Some((0, 5)));
        assert_eq!(d.map_span(9, 13, 19), None);
        assert_eq!(d.map_span(14, 19, 19), Some((14, 19)));
        // An insertion of 3 bytes at 0 shifts everything after it.
        let ins = Dirty {
            start: 0,
            tail: 19,
            old_len: 19,
        };
        assert_eq!(ins.map_span(9, 13, 22), Some((12, 16)));
        let both = ins.then(Dirty {
            start: 13,
            tail: 8,
            old_len: 22,
        });
        assert_eq!((both.start, both.tail, both.old_len), (0, 8, 19));
    }
}
