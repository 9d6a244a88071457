//! How one grapheme is drawn: visible text, or single-cell placeholders for characters that
//! a terminal would hide, drop or interpret (DESIGN §11, `platforms-unicode.md` §3.3).
//!
//! The layout ([`super::layout`]) and the widget ([`super::widget`]) both use [`glyphs`], so
//! the cell count used to wrap and place the cursor is exactly what is drawn. Every glyph is at
//! least one cell wide, and no control character ever reaches the terminal.

use unicode_width::UnicodeWidthStr;

/// One drawn piece of a grapheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Glyph {
    /// Visible text (one grapheme, or its visible part) and its width in cells (≥ 1).
    Text(String, usize),
    /// A one-cell placeholder for a hidden character, drawn dim.
    Marker(char),
}

impl Glyph {
    /// Width in terminal cells.
    pub fn width(&self) -> usize {
        match self {
            Glyph::Text(_, w) => *w,
            Glyph::Marker(_) => 1,
        }
    }
}

/// The placeholder for a hidden character `c`, or `None` if `c` is drawn as itself.
///
/// Tab `→`; no-break spaces `·`; bidi controls `⇄`; zero-width and other default-ignorable
/// format characters `¦`; C0 controls as control pictures (`␛`); DEL `␡`; C1 controls `¤`.
pub fn marker(c: char) -> Option<char> {
    let u = c as u32;
    match c {
        '\t' => Some('→'),
        '\u{A0}' | '\u{2007}' | '\u{202F}' => Some('·'),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => Some('⇄'),
        '\u{61C}' => Some('⇄'),
        '\u{7F}' => Some('␡'),
        _ if u < 0x20 => char::from_u32(0x2400 + u),
        _ if (0x80..0xA0).contains(&u) => Some('¤'),
        '\u{AD}'
        | '\u{34F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' => Some('¦'),
        _ => None,
    }
}

/// Whether the grapheme `g` is a line break (`\n`, or `\r\n` in unnormalised text).
pub fn is_line_break(g: &str) -> bool {
    g == "\n" || g == "\r\n"
}

/// The glyphs that draw grapheme `g` (not a line break).
///
/// A ZWJ is kept inside an emoji sequence (`👨‍👩‍👧` stays one picture) but shown when it ends
/// the grapheme (a ZWJ after a letter); ZWNJ and other hidden characters are always shown. A
/// grapheme with no visible width (a lone combining mark) is drawn on a dotted circle `◌`.
pub fn glyphs(g: &str) -> Vec<Glyph> {
    let chars: Vec<char> = g.chars().collect();
    let mut visible = String::new();
    let mut markers = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let joins_emoji = c == '\u{200D}' && i + 1 < chars.len();
        match marker(c) {
            Some(m) if !joins_emoji => markers.push(Glyph::Marker(m)),
            _ => visible.push(c),
        }
    }
    if let Some(text) = text_presentation(&visible) {
        visible = text;
    }
    let mut out = Vec::with_capacity(1 + markers.len());
    if !visible.is_empty() {
        let w = visible.width();
        if w == 0 {
            visible.insert(0, '◌');
            out.push(Glyph::Text(visible, 1));
        } else {
            out.push(Glyph::Text(visible, w));
        }
    }
    out.extend(markers);
    out
}

/// Grapheme `g` without its emoji presentation selector (U+FE0F) when the selector is
/// what makes it 2 cells wide (`❤️`, `🕊️`, `1️⃣`), else `None`.
///
/// unicode-width (and so ratatui) counts such a grapheme as 2 cells, but terminals that
/// measure by code point (xterm, tmux, VTE, the Linux console) draw it in 1, and the rest
/// of the row shifts left of where the cursor is put. Without the selector every terminal
/// draws the base character in 1 cell, as its text form; the text itself is unchanged.
pub fn text_presentation(g: &str) -> Option<String> {
    if !g.contains('\u{FE0F}') {
        return None;
    }
    let base: String = g.chars().filter(|&c| c != '\u{FE0F}').collect();
    (!base.is_empty() && base.width() < g.width()).then_some(base)
}

/// Width of grapheme `g` in cells as drawn: the sum of its glyphs; a line break counts 1
/// (the cell where the cursor sits at the end of a line).
pub fn cells(g: &str) -> usize {
    // Printable ASCII (most of any text) is drawn as itself in one cell: no glyphs to build.
    if let [b' '..=b'~'] = g.as_bytes() {
        return 1;
    }
    if is_line_break(g) {
        return 1;
    }
    glyphs(g).iter().map(Glyph::width).sum::<usize>().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_one_cell() {
        for c in ['→', '·', '⇄', '␡', '¤', '¦', '␀', '␛', '◌'] {
            assert_eq!(c.to_string().width(), 1, "{c:?}");
        }
    }

    #[test]
    fn hidden_characters_get_placeholders() {
        assert_eq!(glyphs("\u{200B}"), vec![Glyph::Marker('¦')]);
        assert_eq!(glyphs("\u{202E}"), vec![Glyph::Marker('⇄')]);
        assert_eq!(glyphs("\t"), vec![Glyph::Marker('→')]);
        assert_eq!(glyphs("\u{1b}"), vec![Glyph::Marker('␛')]);
        assert_eq!(
            glyphs("a\u{200D}"),
            vec![Glyph::Text("a".into(), 1), Glyph::Marker('¦')]
        );
    }

    #[test]
    fn emoji_presentation_selectors_do_not_widen_text_default_characters() {
        // ❤️ and 🕊️: 2 cells for unicode-width, 1 in code-point terminals; drawn as ❤ / 🕊.
        assert_eq!("\u{2764}\u{FE0F}".width(), 2);
        assert_eq!(
            glyphs("\u{2764}\u{FE0F}"),
            vec![Glyph::Text("\u{2764}".into(), 1)]
        );
        assert_eq!(cells("\u{1F54A}\u{FE0F}"), 1);
        assert_eq!(cells("1\u{FE0F}\u{20E3}"), 1);
        // Already wide emoji keep their selector and width.
        assert_eq!(text_presentation("\u{1F44D}\u{FE0F}"), None);
        assert_eq!(cells("\u{1F44D}\u{FE0F}"), 2);
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        assert_eq!(cells("👨\u{200D}👩\u{200D}👧"), 2);
        assert_eq!(cells("👍🏽"), 2);
        assert_eq!(cells("🇫🇷"), 2);
        assert_eq!(cells("中"), 2);
        assert_eq!(cells("e\u{301}"), 1);
        assert_eq!(cells("\u{301}"), 1);
    }

    #[test]
    fn the_ascii_fast_path_agrees_with_the_glyphs() {
        for b in 0u8..0x80 {
            let g = (b as char).to_string();
            let slow = if is_line_break(&g) {
                1
            } else {
                glyphs(&g).iter().map(Glyph::width).sum::<usize>().max(1)
            };
            assert_eq!(cells(&g), slow, "{b:#x}");
        }
    }
}
