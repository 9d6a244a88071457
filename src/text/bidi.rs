//! Right-to-left text in display order (UAX #9, the `unicode-bidi` crate), shared by the
//! editor (its rows, the one-line panes) and the CLI's human report on a terminal.
//!
//! The choices are the editor's (see `tui::editor::bidi`): the paragraph direction comes from
//! its first strong character (a line with none is left-to-right); explicit embeddings,
//! overrides and isolates (U+202A–U+202E, U+2066–U+2069) count as neutral characters and
//! never reorder the text around them, so an RLO cannot make `terces` read as `secret` on
//! screen while the checker flags it; whole graphemes move, so marks stay on their base.

use std::borrow::Cow;
use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

/// Whether `s` holds a right-to-left character (bidi class R, AL or AN).
///
/// Every character from U+0590 up is encoded with a first byte ≥ 0xD6, so text without such
/// bytes (ASCII, Latin, Greek, Cyrillic) is answered by one byte scan.
pub fn has_rtl(s: &str) -> bool {
    if s.bytes().all(|b| b < 0xD6) {
        return false;
    }
    s.chars().any(|c| {
        c >= '\u{590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN)
    })
}

/// Whether `c` is an explicit embedding, override or isolate control (treated as neutral).
pub fn is_explicit(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether the first strong character of paragraph `p` is R or AL (UAX #9 P2–P3, with the
/// explicit controls counted as neutral).
pub fn first_strong_is_rtl(p: &str) -> bool {
    for c in p.chars().filter(|&c| !is_explicit(c)) {
        match bidi_class(c) {
            BidiClass::L => return false,
            BidiClass::R | BidiClass::AL => return true,
            _ => {}
        }
    }
    false
}

/// The lines `lines` (byte ranges of `para`, one bidi paragraph with no line break) in
/// display order, resolved at direction `rtl`: for each line, the byte ranges of its
/// graphemes from left to right on screen.
pub fn reorder_lines(para: &str, rtl: bool, lines: &[Range<usize>]) -> Vec<Vec<Range<usize>>> {
    // Explicit controls become a neutral of the same UTF-8 length (U+2022, class ON), so
    // byte offsets and levels stay aligned with the text.
    let neutral: Cow<str> = if para.chars().any(is_explicit) {
        para.chars()
            .map(|c| if is_explicit(c) { '\u{2022}' } else { c })
            .collect::<String>()
            .into()
    } else {
        para.into()
    };
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&neutral, Some(level));
    lines
        .iter()
        .map(|line| {
            let graphemes: Vec<Range<usize>> = para[line.clone()]
                .grapheme_indices(true)
                .map(|(i, g)| line.start + i..line.start + i + g.len())
                .collect();
            if graphemes.is_empty() {
                return graphemes;
            }
            let levels = info.reordered_levels(line.clone());
            let glevels: Vec<_> = graphemes.iter().map(|g| levels[g.start]).collect();
            ParagraphBidiInfo::reorder_visual(&glevels)
                .into_iter()
                .map(|k| graphemes[k].clone())
                .collect()
        })
        .collect()
}

/// The graphemes of `line` (one line, no `\n`) as byte ranges from left to right on screen,
/// at the line's own direction; `None` when it has no right-to-left character (then the
/// stored order is the display order).
pub fn line_order(line: &str) -> Option<Vec<Range<usize>>> {
    if !has_rtl(line) {
        return None;
    }
    let rtl = first_strong_is_rtl(line);
    let whole = std::iter::once(0..line.len()).collect::<Vec<_>>();
    reorder_lines(line, rtl, &whole).pop()
}

/// One line of text (no `\n`) with its graphemes in display order; borrowed unchanged when
/// it has no right-to-left character. Explicit controls stay in place.
pub fn display_order(line: &str) -> Cow<'_, str> {
    match line_order(line) {
        None => Cow::Borrowed(line),
        Some(order) => Cow::Owned(order.into_iter().map(|r| &line[r]).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_order_of_a_single_line() {
        assert!(matches!(
            display_order("Kyiv 2026"),
            Cow::Borrowed("Kyiv 2026")
        ));
        assert_eq!(display_order("الرئيس Biden في 2026"), "2026 يف Biden سيئرلا");
        assert_eq!(display_order("The word שלום means"), "The word םולש means");
        // An override is neutral: the Latin word keeps its stored order.
        assert_eq!(display_order("سر \u{202E}terces"), "terces\u{202E} رس");
    }

    #[test]
    fn line_order_covers_every_grapheme_once() {
        let line = "مَرْحَبًا Kyiv ١٢";
        let order = line_order(line).unwrap();
        let mut bytes: Vec<usize> = order.iter().flat_map(|r| r.clone()).collect();
        bytes.sort();
        assert_eq!(bytes, (0..line.len()).collect::<Vec<_>>());
        assert!(line_order("plain").is_none());
    }
}
