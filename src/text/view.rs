//! Normalised views with offset maps.
//!
//! - *clean*: per grapheme cluster, default-ignorable code points removed, space separators
//!   → U+0020, apostrophe look-alikes → `'`, dashes → `-`, slash look-alikes → `/`, Latin
//!   small capitals → capitals, line separators → `\n`, then NFKC; then look-alike letters
//!   inside mixed-script words mapped to one script and letter-spaced words joined
//!   ([`super::evasion`]). Case kept.
//! - *collapsed*: the clean view with every run of whitespace collapsed to one space.
//! - *folded*: the collapsed view with full Unicode case folding (`caseless`, the Unicode
//!   `CaseFolding.txt` default folding), the Turkish dotted capital `İ` folded to plain `i`
//!   (no stray U+0307) and the Uzbek okina `ʻ` (U+02BB) folded to `'`.
//!
//! Each view byte maps back to the original byte range of the grapheme (clean) or character
//! run (collapsed, folded) that produced it, so any view range maps to an original range on
//! char boundaries.

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The largest text (in bytes) a view can map: offsets are stored as `u32`. The engine
/// refuses a larger text before building any view ([`crate::engine::Engine::check`]).
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize - 1;

/// A byte offset as stored in a view map.
///
/// # Panics
/// When `x` exceeds [`MAX_TEXT_BYTES`] (the engine never builds a view of such a text).
fn offset(x: usize) -> u32 {
    u32::try_from(x).expect("a view's text is at most MAX_TEXT_BYTES long")
}

/// A normalised copy of a text with a map back to the original.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the original start byte of its source.
    starts: Vec<u32>,
    /// For each byte of `text`, the original end byte (exclusive) of its source.
    ends: Vec<u32>,
}

impl View {
    fn with_capacity(n: usize) -> View {
        View {
            text: String::with_capacity(n),
            starts: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
        }
    }

    fn push_str(&mut self, s: &str, orig_start: usize, orig_end: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(offset(orig_start));
            self.ends.push(offset(orig_end));
        }
    }

    /// Appends `original[from..to]` (ASCII) unchanged, each byte mapping to itself.
    fn push_identity(&mut self, original: &str, from: usize, to: usize) {
        self.text.push_str(&original[from..to]);
        self.starts.extend(offset(from)..offset(to));
        self.ends.extend(offset(from) + 1..offset(to) + 1);
    }

    /// Maps the view byte range `start..end` (on char boundaries of the view, `start < end`)
    /// to a byte range of the text this view was built from. An empty range maps to an empty
    /// range at the original position of `start`.
    pub fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let s = self
            .starts
            .get(start)
            .copied()
            .unwrap_or_else(|| self.source_len());
        if end <= start {
            return (s as usize, s as usize);
        }
        let e = self.ends[end.min(self.ends.len()) - 1];
        (s as usize, e as usize)
    }

    /// A new view of this view's source with `edits` (sorted, non-overlapping byte ranges of
    /// `self.text` and their replacements) applied. A replacement maps to the source range of
    /// the bytes it replaces; an empty replacement drops those bytes.
    pub(crate) fn rewrite(&self, edits: &[(usize, usize, String)]) -> View {
        let mut v = View::with_capacity(self.text.len());
        let mut pos = 0;
        for (start, end, repl) in edits {
            self.copy_range(pos, *start, &mut v);
            let (s, e) = self.to_source(*start, *end);
            v.push_str(repl, s, e);
            pos = *end;
        }
        self.copy_range(pos, self.text.len(), &mut v);
        v
    }

    fn copy_range(&self, from: usize, to: usize, into: &mut View) {
        into.text.push_str(&self.text[from..to]);
        into.starts.extend_from_slice(&self.starts[from..to]);
        into.ends.extend_from_slice(&self.ends[from..to]);
    }

    /// The text itself, each character mapping to its own bytes.
    pub(crate) fn identity(original: &str) -> View {
        let mut v = View::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let mut b = [0u8; 4];
            v.push_str(c.encode_utf8(&mut b), i, i + c.len_utf8());
        }
        v
    }

    fn source_len(&self) -> u32 {
        self.ends.last().copied().unwrap_or(0)
    }
}

/// Maps one character of the clean view: `None` drops it.
fn clean_char(c: char) -> Option<char> {
    if is_default_ignorable(c) {
        return None;
    }
    if let Some(capital) = small_capital(c) {
        return Some(capital);
    }
    Some(match c {
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' | '\u{0060}' | '\u{00B4}'
        | '\u{201B}' | '\u{2032}' => '\'',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        // Slashes that look like `/` (fraction, division, big solidus): `SECRET⁄⁄NOFORN`.
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => '/',
        // Line and paragraph separators, next line, vertical tab and form feed end a line as
        // `\n` does, so `(?m)^…$` rules see the lines a reader sees.
        '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
        _ => c,
    })
}

/// The capital a Latin small-capital letter looks like (`ꜱᴇᴄʀᴇᴛ` reads as `SECRET`; NFKC
/// leaves these letters alone).
fn small_capital(c: char) -> Option<char> {
    Some(match c {
        '\u{1D00}' => 'A',
        '\u{0299}' => 'B',
        '\u{1D04}' => 'C',
        '\u{1D05}' => 'D',
        '\u{1D07}' => 'E',
        '\u{A730}' => 'F',
        '\u{0262}' => 'G',
        '\u{029C}' => 'H',
        '\u{026A}' => 'I',
        '\u{1D0A}' => 'J',
        '\u{1D0B}' => 'K',
        '\u{029F}' => 'L',
        '\u{1D0D}' => 'M',
        '\u{0274}' => 'N',
        '\u{1D0F}' => 'O',
        '\u{1D18}' => 'P',
        '\u{A7AF}' => 'Q',
        '\u{0280}' => 'R',
        '\u{A731}' => 'S',
        '\u{1D1B}' => 'T',
        '\u{1D1C}' => 'U',
        '\u{1D20}' => 'V',
        '\u{1D21}' => 'W',
        '\u{028F}' => 'Y',
        '\u{1D22}' => 'Z',
        _ => return None,
    })
}

/// Default-ignorable code points (Unicode `Default_Ignorable_Code_Point`, DerivedCoreProperties
/// 15.1) plus the bidi embedding/override/isolate controls and the BOM.
pub(crate) fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

fn build_clean(original: &str) -> View {
    let v = build_clean_chars(original);
    let confusables = super::evasion::mixed_script(&v.text);
    let v = if confusables.is_empty() {
        v
    } else {
        v.rewrite(&confusables)
    };
    let spaced = super::evasion::letter_spacing(&v.text);
    if spaced.is_empty() {
        v
    } else {
        v.rewrite(&spaced)
    }
}

fn build_clean_chars(original: &str) -> View {
    let mut v = View::with_capacity(original.len());
    let mut pos = 0;
    for (ascii_start, ascii_end) in ascii_runs(original) {
        clean_graphemes(original, pos, ascii_start, &mut v);
        clean_ascii(original, ascii_start, ascii_end, &mut v);
        pos = ascii_end;
    }
    clean_graphemes(original, pos, original.len(), &mut v);
    v
}

/// The ASCII bytes [`clean_char`] changes (a backquote, VT, FF) and the CR, which ends a line
/// when no LF follows it. Every other ASCII byte is already clean.
const ASCII_CLEANED: [u8; 4] = [b'`', b'\r', 0x0B, 0x0C];

/// The clean form of the ASCII byte at `at`, when it is not the byte itself.
fn cleaned_ascii(bytes: &[u8], at: usize) -> Option<char> {
    let b = bytes[at];
    if !ASCII_CLEANED.contains(&b) {
        return None;
    }
    if b == b'\r' {
        return (bytes.get(at + 1) != Some(&b'\n')).then_some('\n');
    }
    clean_char(char::from(b))
}

/// Cleans the ASCII run `original[start..end]`: bytes map to themselves except those
/// [`cleaned_ascii`] changes.
fn clean_ascii(original: &str, start: usize, end: usize, v: &mut View) {
    let bytes = original.as_bytes();
    let mut from = start;
    for at in start..end {
        let Some(c) = cleaned_ascii(bytes, at) else {
            continue;
        };
        v.push_identity(original, from, at);
        v.push_str(c.encode_utf8(&mut [0; 4]), at, at + 1);
        from = at + 1;
    }
    v.push_identity(original, from, end);
}

/// Runs of ASCII bytes that can be cleaned byte by byte: no combining mark or other
/// non-ASCII extender follows their last byte, and none is part of a CR LF pair split by the
/// run's end. (ASCII is already NFKC and holds no default-ignorable code point.)
fn ascii_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii() {
            i += 1;
        }
        // The last ASCII byte may start a grapheme that continues into the non-ASCII text.
        let end = if i < bytes.len() { i - 1 } else { i };
        if end > start {
            out.push((start, end));
        }
    }
    out
}

/// Cleans `original[from..to]` grapheme by grapheme.
fn clean_graphemes(original: &str, from: usize, to: usize, v: &mut View) {
    let mut buf = String::new();
    for (rel, g) in original[from..to].grapheme_indices(true) {
        let start = from + rel;
        let end = start + g.len();
        buf.clear();
        if g == "\r" {
            // A lone CR ends a line (as in [`cleaned_ascii`]).
            buf.push('\n');
        } else {
            buf.extend(g.chars().filter_map(clean_char));
        }
        if buf.is_empty() {
            continue;
        }
        if buf.is_ascii() {
            v.push_str(&buf, start, end);
        } else {
            let n: String = buf.nfkc().collect();
            v.push_str(&n, start, end);
        }
    }
}

/// `src` with every whitespace run collapsed into one space (no offset map).
fn collapse_text(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut in_space = false;
    for c in src.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The collapsed view of `clean` (whitespace runs → one space) and its case-folded view,
/// both mapping straight to `clean`'s source: one pass, no re-basing.
fn collapse_and_fold(clean: &View) -> (View, View) {
    let text = clean.text.as_str();
    let mut collapsed = View::with_capacity(text.len());
    let mut folded = View::with_capacity(text.len());
    let mut buf = String::new();
    let mut i = 0;
    while i < text.len() {
        let run = ascii_word_run(&text.as_bytes()[i..]);
        if run > 0 {
            // ASCII letters, digits, punctuation and single spaces map byte for byte.
            clean.copy_range(i, i + run, &mut collapsed);
            clean.copy_range(i, i + run, &mut folded);
            let at = folded.text.len() - run;
            folded.text[at..].make_ascii_lowercase();
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let mut end = i + c.len_utf8();
        let piece = if c.is_whitespace() {
            while let Some(d) = text[end..].chars().next().filter(|d| d.is_whitespace()) {
                end += d.len_utf8();
            }
            " "
        } else {
            &text[i..end]
        };
        let (s, e) = clean.to_source(i, end);
        collapsed.push_str(piece, s, e);
        buf.clear();
        piece.chars().for_each(|c| fold_char(c, &mut buf));
        folded.push_str(&buf, s, e);
        i = end;
    }
    (collapsed, folded)
}

/// The length of the run at the start of `bytes` that collapsing and folding map byte for
/// byte: printable ASCII, and single spaces between printable ASCII characters.
fn ascii_word_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while n < bytes.len() {
        let b = bytes[n];
        let single_space =
            b == b' ' && n > 0 && bytes.get(n + 1).is_some_and(|next| next.is_ascii_graphic());
        if !(b.is_ascii_graphic() || single_space) {
            break;
        }
        n += 1;
    }
    n
}

/// Case-folds one character (full default folding, Turkish `İ` → `i`, and the Uzbek okina
/// `ʻ` U+02BB → `'`, the letter the clean view already makes of `’`, `‘` and `ʼ`, so that
/// `yoʻriqnoma` and `yo'riqnoma` are one spelling for terms).
fn fold_char(c: char, out: &mut String) {
    match c {
        'İ' => out.push('i'),
        '\u{02BB}' => out.push('\''),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(std::iter::once(c).default_case_fold()),
    }
}

/// Folds a string the way the folded view does (clean, collapsed, case-folded), without an
/// offset map. Used to compile terms so they compare equal to the folded view.
pub fn fold_str(s: &str) -> String {
    match fold_plain_ascii(s) {
        Some(folded) => folded,
        None => fold_str_in_full(s),
    }
}

/// [`fold_str`] of a term of ASCII letters and digits joined by single spaces, without
/// three one-letter words in a row (which the clean view would join as letter-spacing): its
/// lower case, as every step of the full folding leaves such a term as it is but for case.
/// `None` for any other string. Big term lists are mostly such terms.
fn fold_plain_ascii(s: &str) -> Option<String> {
    let mut single_letters = 0;
    for word in s.split(' ') {
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let letter = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic();
        single_letters = if letter { single_letters + 1 } else { 0 };
        if single_letters >= 3 {
            return None;
        }
    }
    Some(s.to_ascii_lowercase())
}

fn fold_str_in_full(s: &str) -> String {
    let collapsed = collapse_text(&build_clean(s).text);
    let mut out = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        fold_char(c, &mut out);
    }
    out.trim().to_string()
}

/// The views of one text, built once per check.
#[derive(Debug, Clone, Default)]
pub struct Views {
    /// NFKC, invisibles removed, spaces/quotes/dashes folded; maps to the original.
    pub clean: View,
    /// The clean view with whitespace runs collapsed; maps to the original.
    pub collapsed: View,
    /// The collapsed view case-folded; maps to the original.
    pub folded: View,
}

impl Views {
    /// Builds all views of `original`. Cost is linear in the text length.
    pub fn new(original: &str) -> Views {
        let clean = build_clean(original);
        let (collapsed, folded) = collapse_and_fold(&clean);
        Views {
            clean,
            collapsed,
            folded,
        }
    }
}

/// The text as a terminal displays it when it holds right-to-left overrides (U+202E): each
/// override run (up to U+202C, U+2069, a line break or the end) has its graphemes reversed
/// and the controls dropped. `None` when there is no override. Every byte of the result maps
/// to the whole run it came from.
pub fn visual_order(original: &str) -> Option<View> {
    if !original.contains('\u{202E}') {
        return None;
    }
    let identity = View::identity(original);
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(off) = original[from..].find('\u{202E}') {
        let start = from + off;
        let body = start + '\u{202E}'.len_utf8();
        let end = original[body..]
            .find(['\u{202C}', '\u{2069}', '\n'])
            .map_or(original.len(), |e| body + e);
        let reversed: String = original[body..end].graphemes(true).rev().collect();
        let stop = if original[end..].starts_with(['\u{202C}', '\u{2069}']) {
            end + 3
        } else {
            end
        };
        edits.push((start, stop, reversed));
        from = stop.max(body);
    }
    Some(identity.rewrite(&edits))
}

/// The hashtags of the text that hold several words, one per line, with the words separated
/// by spaces and in capitals (`#SecretNoforn2026` → `SECRET NOFORN 2026`, per
/// [`super::hashtag_words`]), so leak rules, which look for markings in capitals, can look
/// inside hashtags. Only the hashtags are in it, so checking it costs little. `None` when no
/// hashtag has more than one word. Each word maps to its own bytes, each space to the gap
/// between its two words, each line break to the end of its hashtag.
pub fn hashtag_split(original: &str) -> Option<View> {
    // A hashtag starts with `#` or the full-width `＃` (twitter-text); most posts have none.
    if !original.contains(['#', '＃']) {
        return None;
    }
    let mut v = View::with_capacity(64);
    for e in super::extract_entities(original)
        .into_iter()
        .filter(|e| e.scope == crate::model::Scope::Hashtag)
    {
        let words = super::hashtag_words(&original[e.start..e.end]);
        if words.len() < 2 {
            continue;
        }
        for (k, &(ws, we)) in words.iter().enumerate() {
            let (ws, we) = (e.start + ws, e.start + we);
            if k > 0 {
                let gap = e.start + words[k - 1].1;
                v.push_str(" ", gap, ws);
            }
            v.push_str(&original[ws..we].to_uppercase(), ws, we);
        }
        v.push_str("\n", e.end, e.end);
    }
    (!v.text.is_empty()).then_some(v)
}

/// `s` with every invisible, control or bidi character written as `<U+XXXX>` (line breaks as
/// a space), so a message or a terminal never receives it raw.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if c.is_control() || is_default_ignorable(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The clean form of `s` with whitespace collapsed, case kept: how a case-sensitive term is
/// compared with the collapsed view.
pub fn collapse_str(s: &str) -> String {
    collapse_text(&build_clean(s).text).trim().to_string()
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The fast folding of plain ASCII terms is the full folding.
        #[test]
        fn plain_ascii_terms_fold_as_in_full(s in "[a-zA-Z0-9 ]{0,20}|([A-Za-z]{1,2} ){0,5}[A-Z]") {
            if let Some(fast) = fold_plain_ascii(&s) {
                proptest::prop_assert_eq!(fast, fold_str_in_full(&s));
            }
        }
    }

    use super::*;

    fn span_of(v: &View, needle: &str) -> (usize, usize) {
        let s = v.text.find(needle).expect("needle in view");
        v.to_source(s, s + needle.len())
    }

    #[test]
    fn folded_view_collapses_space_and_case() {
        let t = "SECRET\u{00A0}\u{00A0}//\nNOFORN";
        let v = Views::new(t);
        assert_eq!(v.folded.text, "secret // noforn");
        assert_eq!(span_of(&v.folded, "noforn"), (t.len() - 6, t.len()));
    }

    #[test]
    fn zero_width_is_removed_and_span_covers_it() {
        let t = "a S\u{200B}ECRET b";
        let v = Views::new(t);
        assert_eq!(v.clean.text, "a SECRET b");
        let (s, e) = span_of(&v.clean, "SECRET");
        assert_eq!(&t[s..e], "S\u{200B}ECRET");
    }

    #[test]
    fn turkish_dotted_i_folds_to_plain_i() {
        let v = Views::new("İSTANBUL");
        assert_eq!(v.folded.text, "istanbul");
        assert_eq!(span_of(&v.folded, "istanbul"), (0, "İSTANBUL".len()));
    }

    #[test]
    fn nfkc_fullwidth_and_sharp_s() {
        let v = Views::new("ＳＥＣＲＥＴ Straße");
        assert_eq!(v.folded.text, "secret strasse");
        let (s, e) = span_of(&v.folded, "secret");
        assert_eq!((s, e), (0, "ＳＥＣＲＥＴ".len()));
    }

    #[test]
    fn combining_sequence_maps_to_whole_grapheme() {
        let t = "Cafe\u{301} x";
        let v = Views::new(t);
        assert_eq!(v.clean.text, "Café x");
        assert_eq!(span_of(&v.clean, "é"), (3, 6));
    }

    #[test]
    fn quotes_and_dashes_fold() {
        let v = Views::new("Côte d\u{2019}Ivoire \u{2014} x");
        assert_eq!(v.folded.text, "côte d'ivoire - x");
        assert_eq!(fold_str("Côte d’Ivoire"), "côte d'ivoire");
    }

    #[test]
    fn ascii_cleaned_lists_every_ascii_byte_clean_char_changes() {
        for b in 0..=0x7Fu8 {
            let changed = clean_char(char::from(b)) != Some(char::from(b)) || b == b'\r';
            assert_eq!(ASCII_CLEANED.contains(&b), changed, "byte {b:#04x}");
        }
    }

    #[test]
    fn empty_text() {
        let v = Views::new("");
        assert_eq!(v.folded.text, "");
        assert_eq!(v.folded.to_source(0, 0), (0, 0));
    }
}
