//! Emoji recognition by grapheme, for X (v3 `emojiParsingEnabled`) and Threads.

/// Extended_Pictographic ranges (Unicode emoji-data 15.1, condensed to blocks).
pub(crate) fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{2199}' | '\u{21A9}'..='\u{21AA}' | '\u{231A}'..='\u{231B}'
        | '\u{2328}' | '\u{23CF}' | '\u{23E9}'..='\u{23F3}' | '\u{23F8}'..='\u{23FA}'
        | '\u{24C2}' | '\u{25AA}'..='\u{25AB}' | '\u{25B6}' | '\u{25C0}' | '\u{25FB}'..='\u{25FE}'
        | '\u{2600}'..='\u{27BF}' | '\u{2934}'..='\u{2935}' | '\u{2B05}'..='\u{2B07}'
        | '\u{2B1B}'..='\u{2B1C}' | '\u{2B50}' | '\u{2B55}' | '\u{3030}' | '\u{303D}'
        | '\u{3297}' | '\u{3299}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Whether a grapheme is an emoji (pictographic or flag start, or a keycap / VS16 sequence),
/// unless VS15 (U+FE0E) asks for text presentation.
pub(crate) fn is_emoji_grapheme(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if g.contains('\u{FE0E}') {
        // Text presentation selector: not shown as an emoji.
        return false;
    }
    let emoji_presentation = g.contains('\u{FE0F}') || g.contains('\u{20E3}');
    is_pictographic(first)
        || ('\u{1F1E6}'..='\u{1F1FF}').contains(&first)
        || (emoji_presentation
            && (first.is_ascii_digit() || first == '#' || first == '*' || g.contains('\u{FE0F}')))
}
