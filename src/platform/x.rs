//! X weighted length per twitter-text config v3 (`conformance/twitter-text/config/v3.json`):
//! scale 100, default weight 200, weight 100 for U+0000–U+10FF, U+2000–U+200D,
//! U+2010–U+201F and U+2032–U+2037; every URL entity counts `transformedURLLength` 23;
//! with emoji parsing on, an emoji sequence counts the default weight once. Text is NFC
//! normalised first. Results here are in whole characters (weight / scale).

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::rules::Scope;
use crate::text::extract_entities;

/// twitter-text v3 `transformedURLLength`.
const URL_LENGTH: usize = 23;

fn weight(c: char) -> usize {
    match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

fn is_emoji(g: &str) -> bool {
    let first = g.chars().next().unwrap_or(' ');
    if super::is_pictographic(first) || ('\u{1F1E6}'..='\u{1F1FF}').contains(&first) {
        // A lone text-default symbol such as © or ™ without VS16 is weighed as a code point.
        return first as u32 >= 0x1F000
            || g.chars().count() > 1
            || matches!(first, '\u{2600}'..='\u{27BF}');
    }
    g.contains('\u{20E3}')
}

/// Pieces of the original text with their weight in whole characters: `(end byte, weight)`.
/// Weights are computed on the NFC form of each grapheme, so decomposed input counts as
/// composed (`cafe\u{301}` → 4).
pub(super) fn x_pieces(text: &str) -> Vec<(usize, usize)> {
    let urls: Vec<_> = extract_entities(text)
        .into_iter()
        .filter(|e| e.scope == Scope::Url)
        .collect();
    let mut out = Vec::new();
    let mut pos = 0;
    let grapheme_run = |from: usize, to: usize, out: &mut Vec<(usize, usize)>| {
        for (i, g) in text[from..to].grapheme_indices(true) {
            let w = if is_emoji(g) {
                2
            } else {
                g.nfc().map(weight).sum()
            };
            out.push((from + i + g.len(), w));
        }
    };
    for u in urls {
        grapheme_run(pos, u.start, &mut out);
        out.push((u.end, URL_LENGTH));
        pos = u.end;
    }
    grapheme_run(pos, text.len(), &mut out);
    out
}

/// X weighted length of `text` (twitter-text config v3), in characters out of 280.
pub fn x_weighted_length(text: &str) -> usize {
    x_pieces(text).iter().map(|(_, w)| w).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_cases() {
        assert_eq!(x_weighted_length("cafe\u{301}"), 4);
        assert_eq!(x_weighted_length("q\u{301}"), 2);
        assert_eq!(x_weighted_length("日本"), 4);
        assert_eq!(x_weighted_length("👨‍👩‍👧‍👦"), 2);
        assert_eq!(
            x_weighted_length("see https://example.org/a/long/path"),
            4 + 23
        );
        assert_eq!(x_weighted_length("\u{FB2C}"), 3);
    }
}
