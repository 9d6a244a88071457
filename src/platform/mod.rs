//! Per-platform counting units (DESIGN §9, `reference/platforms-unicode.md` §1).
//!
//! The limits themselves live in the bundled `platforms` rule pack (`kind = "limit"`), so a
//! ministry can adjust them; this module only knows how to count.

mod x;

use unicode_segmentation::UnicodeSegmentation;

use crate::rules::Scope;
use crate::text::extract_entities;

pub use x::x_weighted_length;

/// What a platform counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// X: twitter-text config v3 weighted length (NFC; URLs 23; emoji 2; code points weigh 1
    /// in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F, U+2032–U+2037, else 2).
    XWeighted,
    /// Extended grapheme clusters (UAX #29), as Bluesky counts.
    Graphemes,
    /// UTF-8 bytes.
    Utf8Bytes,
    /// Unicode code points (scalar values).
    CodePoints,
    /// UTF-16 code units, as LinkedIn, Facebook and Instagram count.
    Utf16,
    /// Mastodon: graphemes, with each URL that has a scheme counting 23 and `@user@host`
    /// counting as `@user`.
    Mastodon,
    /// Threads: code points, but each emoji grapheme counts its UTF-8 bytes.
    Threads,
    /// Number of links (URL entities).
    Links,
    /// Number of #hashtags.
    Hashtags,
}

impl Unit {
    /// Every unit with its rule-file name.
    pub const ALL: [(Unit, &'static str); 9] = [
        (Unit::XWeighted, "x-weighted"),
        (Unit::Graphemes, "graphemes"),
        (Unit::Utf8Bytes, "utf8-bytes"),
        (Unit::CodePoints, "code-points"),
        (Unit::Utf16, "utf16"),
        (Unit::Mastodon, "mastodon-chars"),
        (Unit::Threads, "threads-chars"),
        (Unit::Links, "links"),
        (Unit::Hashtags, "hashtags"),
    ];

    /// Parses a rule-file unit name (`x-weighted`, `graphemes`, …).
    pub fn parse(name: &str) -> Option<Unit> {
        Unit::ALL.iter().find(|(_, n)| *n == name).map(|(u, _)| *u)
    }

    /// The rule-file name of the unit.
    pub fn name(self) -> &'static str {
        Unit::ALL
            .iter()
            .find(|(u, _)| *u == self)
            .map(|(_, n)| *n)
            .unwrap_or("?")
    }

    /// A short human label of what is counted, e.g. "weighted characters".
    pub fn label(self) -> &'static str {
        match self {
            Unit::XWeighted => "weighted characters",
            Unit::Graphemes => "characters (graphemes)",
            Unit::Utf8Bytes => "bytes",
            Unit::CodePoints => "code points",
            Unit::Utf16 => "UTF-16 units",
            Unit::Mastodon => "characters",
            Unit::Threads => "characters",
            Unit::Links => "links",
            Unit::Hashtags => "hashtags",
        }
    }
}

/// A unit of text that a count advances over, with its weight.
struct Piece {
    end: usize,
    weight: usize,
}

fn is_emoji_grapheme(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let emoji_presentation = g.contains('\u{FE0F}') || g.contains('\u{20E3}');
    is_pictographic(first)
        || ('\u{1F1E6}'..='\u{1F1FF}').contains(&first)
        || (emoji_presentation
            && (first.is_ascii_digit() || first == '#' || first == '*' || g.contains('\u{FE0F}')))
}

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

fn pieces(unit: Unit, text: &str) -> Vec<Piece> {
    match unit {
        Unit::Utf8Bytes => text
            .char_indices()
            .map(|(i, c)| Piece {
                end: i + c.len_utf8(),
                weight: c.len_utf8(),
            })
            .collect(),
        Unit::CodePoints => text
            .char_indices()
            .map(|(i, c)| Piece {
                end: i + c.len_utf8(),
                weight: 1,
            })
            .collect(),
        Unit::Utf16 => text
            .char_indices()
            .map(|(i, c)| Piece {
                end: i + c.len_utf8(),
                weight: c.len_utf16(),
            })
            .collect(),
        Unit::Graphemes => text
            .grapheme_indices(true)
            .map(|(i, g)| Piece {
                end: i + g.len(),
                weight: 1,
            })
            .collect(),
        Unit::Threads => text
            .grapheme_indices(true)
            .map(|(i, g)| {
                let weight = if is_emoji_grapheme(g) {
                    g.len()
                } else {
                    g.chars().count()
                };
                Piece {
                    end: i + g.len(),
                    weight,
                }
            })
            .collect(),
        Unit::Mastodon => mastodon_pieces(text),
        Unit::XWeighted => x::x_pieces(text)
            .into_iter()
            .map(|(end, weight)| Piece { end, weight })
            .collect(),
        Unit::Links => entity_pieces(text, Scope::Url),
        Unit::Hashtags => entity_pieces(text, Scope::Hashtag),
    }
}

fn entity_pieces(text: &str, scope: Scope) -> Vec<Piece> {
    extract_entities(text)
        .into_iter()
        .filter(|e| e.scope == scope)
        .map(|e| Piece {
            end: e.end,
            weight: 1,
        })
        .collect()
}

fn mastodon_pieces(text: &str) -> Vec<Piece> {
    let entities = extract_entities(text);
    let mut out = Vec::new();
    let mut pos = 0;
    for e in &entities {
        out.extend(
            text[pos..e.start]
                .grapheme_indices(true)
                .map(|(i, g)| Piece {
                    end: pos + i + g.len(),
                    weight: 1,
                }),
        );
        let s = &text[e.start..e.end];
        let weight = match e.scope {
            Scope::Url if s.contains("://") => 23,
            Scope::Mention => s[1..]
                .split('@')
                .next()
                .map_or(0, |u| u.graphemes(true).count() + 1),
            _ => s.graphemes(true).count(),
        };
        out.push(Piece { end: e.end, weight });
        pos = e.end;
    }
    out.extend(text[pos..].grapheme_indices(true).map(|(i, g)| Piece {
        end: pos + i + g.len(),
        weight: 1,
    }));
    out
}

/// Counts `text` in `unit`. CRLF should already be normalised to LF by the caller.
pub fn count(unit: Unit, text: &str) -> usize {
    pieces(unit, text).iter().map(|p| p.weight).sum()
}

/// The byte offset of `text` from which the count exceeds `max`: the start of the first
/// piece (character, grapheme, URL, hashtag…) that does not fit, or `None` if all fits.
pub fn overflow_start(unit: Unit, text: &str, max: usize) -> Option<usize> {
    let mut total = 0;
    let mut start = 0;
    for p in pieces(unit, text) {
        total += p.weight;
        if total > max {
            return Some(start.max(piece_start(unit, text, start, p.end)));
        }
        start = p.end;
    }
    None
}

/// For entity-based units, the piece starts at the entity itself, not after the previous one.
fn piece_start(unit: Unit, text: &str, prev_end: usize, end: usize) -> usize {
    match unit {
        Unit::Links | Unit::Hashtags => extract_entities(text)
            .into_iter()
            .find(|e| e.end == end)
            .map_or(prev_end, |e| e.start),
        _ => prev_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_count_as_documented() {
        let t = "Café 🇫🇷 👨‍👩‍👧";
        assert_eq!(count(Unit::Graphemes, t), 8);
        assert_eq!(count(Unit::CodePoints, t), 13);
        assert_eq!(count(Unit::Utf8Bytes, t), t.len());
        assert_eq!(count(Unit::Utf16, t), t.encode_utf16().count());
    }

    #[test]
    fn mastodon_urls_and_remote_mentions() {
        let t = "@ann@social.example see https://example.org/a/very/long/path/indeed";
        assert_eq!(count(Unit::Mastodon, t), 4 + 5 + 23);
    }

    #[test]
    fn overflow_start_points_at_first_piece_over() {
        assert_eq!(overflow_start(Unit::CodePoints, "abcdé", 3), Some(3));
        assert_eq!(overflow_start(Unit::CodePoints, "abc", 3), None);
        let t = "#a #b #c";
        assert_eq!(overflow_start(Unit::Hashtags, t, 2), Some(6));
    }
}
