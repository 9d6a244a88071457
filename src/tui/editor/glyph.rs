//! How one grapheme is drawn: visible text, or single-cell placeholders for characters that
//! a terminal would hide, drop or interpret (DESIGN §11, `platforms-unicode.md` §3.3).
//!
//! The layout ([`super::layout`]) and the widget ([`super::widget`]) both use [`glyphs`], so
//! the cell count used to wrap and place the cursor is exactly what is drawn. Every glyph is at
//! least one cell wide, and no control character ever reaches the terminal.

use std::sync::atomic::{AtomicBool, Ordering};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How the terminal gives cells to emoji sequences.
///
/// Probed with tmux 3.3a (`printf` then `#{cursor_x}`): `👍🏽` takes 4 cells there (the
/// skin-tone modifier is a wide character of its own), `🇺🇦` 2 (each regional indicator
/// 1), `👨‍👩‍👧` 2 (joined), `❤️` 1. Terminals that shape emoji sequences (kitty,
/// WezTerm, foot…) give `👍🏽` 2 cells, as unicode-width does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellModel {
    /// An emoji and its skin-tone modifier share the emoji's cells (unicode-width).
    Graphemes,
    /// The terminal measures by code point: a skin-tone modifier takes 2 cells of its own
    /// after its emoji (tmux, GNU screen).
    CodePoints,
}

impl CellModel {
    /// The model of the terminal the editor runs in: [`CellModel::CodePoints`] inside tmux
    /// or screen (`TMUX` set, or `TERM` starting with `tmux` or `screen`), else
    /// [`CellModel::Graphemes`].
    pub fn detect() -> CellModel {
        let term = std::env::var("TERM").unwrap_or_default();
        CellModel::decide(std::env::var_os("TMUX").is_some(), &term)
    }

    /// [`CellModel::detect`] for these values.
    pub fn decide(in_tmux: bool, term: &str) -> CellModel {
        if in_tmux || term.starts_with("tmux") || term.starts_with("screen") {
            CellModel::CodePoints
        } else {
            CellModel::Graphemes
        }
    }
}

/// The model in use ([`set_cell_model`]); `false`: [`CellModel::Graphemes`].
static CODE_POINTS: AtomicBool = AtomicBool::new(false);

/// Sets the cell model every layout and drawing uses from now on (the editor sets it once,
/// at start, before any text is laid out).
pub fn set_cell_model(model: CellModel) {
    CODE_POINTS.store(model == CellModel::CodePoints, Ordering::Relaxed);
}

/// The cell model in use.
pub fn cell_model() -> CellModel {
    if CODE_POINTS.load(Ordering::Relaxed) {
        CellModel::CodePoints
    } else {
        CellModel::Graphemes
    }
}

/// Whether `c` is an emoji skin-tone modifier (U+1F3FB–U+1F3FF).
pub fn is_emoji_modifier(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Whether `c` is a regional indicator (U+1F1E6–U+1F1FF; two make a flag).
pub fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Whether the cells a terminal gives `symbol` (one drawn grapheme) may differ from the
/// ones ratatui expects, or be kept in a way ratatui does not know of: flags (tmux keeps
/// each regional indicator in a cell of its own, so overwriting the flag's first cell
/// leaves the second), skin tones, ZWJ sequences, presentation selectors, keycaps and tag
/// sequences, and anything whose code points add up to another width. Rows holding such a
/// grapheme are repainted whole ([`crate::tui::runtime::repaint`]).
pub fn unstable(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    if chars.next().is_none() || chars.next().is_none() {
        return false;
    }
    let special = |c: char| {
        is_regional_indicator(c)
            || is_emoji_modifier(c)
            || matches!(
                c,
                '\u{200D}' | '\u{FE0F}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}'
            )
    };
    let by_code_point: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
    symbol.chars().any(special) || by_code_point != symbol.width()
}

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
    glyphs_in(g, cell_model())
}

/// [`glyphs`] for the cell model `model`: with [`CellModel::CodePoints`] an emoji with a
/// skin-tone modifier is drawn as the emoji then the modifier, each in its own 2 cells
/// (`👍🏽`: 4 cells, as tmux gives it), so the columns after it are the terminal's.
pub fn glyphs_in(g: &str, model: CellModel) -> Vec<Glyph> {
    if model == CellModel::CodePoints
        && g.chars().skip(1).any(is_emoji_modifier)
        && let Some(parts) = split_modifiers(g)
    {
        return parts;
    }
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

/// `g` cut before each skin-tone modifier, each piece drawn on its own (`None` when a piece
/// would hold hidden characters: those keep the general path).
fn split_modifiers(g: &str) -> Option<Vec<Glyph>> {
    let mut pieces: Vec<String> = Vec::new();
    for c in g.chars() {
        match pieces.last_mut() {
            Some(p) if !is_emoji_modifier(c) => p.push(c),
            _ => pieces.push(c.to_string()),
        }
    }
    pieces
        .into_iter()
        .map(|p| {
            let visible = p.chars().all(|c| marker(c).is_none() || c == '\u{200D}');
            let w = p.width();
            (visible && w > 0).then_some(Glyph::Text(p, w))
        })
        .collect()
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
    fn in_tmux_a_skin_tone_takes_two_cells_of_its_own() {
        let tmux = CellModel::decide(true, "xterm-256color");
        assert_eq!(tmux, CellModel::CodePoints);
        assert_eq!(CellModel::decide(false, "tmux-256color"), tmux);
        assert_eq!(CellModel::decide(false, "screen"), tmux);
        assert_eq!(
            CellModel::decide(false, "xterm-256color"),
            CellModel::Graphemes
        );
        // 👍🏽: 4 cells in tmux (probed: `printf` then `#{cursor_x}`), 2 elsewhere.
        assert_eq!(
            glyphs_in("👍🏽", tmux),
            vec![Glyph::Text("👍".into(), 2), Glyph::Text("🏽".into(), 2)]
        );
        assert_eq!(
            glyphs_in("👍🏽", CellModel::Graphemes),
            vec![Glyph::Text("👍🏽".into(), 2)]
        );
        // A flag and a ZWJ family are what tmux gives them either way: 2 cells.
        assert_eq!(glyphs_in("🇺🇦", tmux), vec![Glyph::Text("🇺🇦".into(), 2)]);
        assert_eq!(glyphs_in("👨\u{200D}👩\u{200D}👧", tmux).len(), 1);
    }

    #[test]
    fn flags_skin_tones_and_sequences_are_unstable_plain_letters_not() {
        for s in [
            "🇺🇦",
            "👍🏽",
            "👨\u{200D}👩\u{200D}👧",
            "\u{2764}\u{FE0F}",
            "1\u{FE0F}\u{20E3}",
        ] {
            assert!(unstable(s), "{s:?}");
        }
        for s in ["a", "中", "e\u{301}", "🇺", "👍", " "] {
            assert!(!unstable(s), "{s:?}");
        }
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
