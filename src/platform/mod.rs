//! Per-platform counting units (DESIGN §9, `reference/platforms-unicode.md` §1).
//!
//! The limits themselves live in the bundled `platforms` rule pack (`kind = "limit"`), so a
//! ministry can adjust them; this module only knows how to count.
//!
//! Every count treats CRLF as LF (`platforms-unicode.md` §1.11: "always normalise CRLF → LF
//! before counting"): the CR of a CRLF pair weighs nothing.
//!
//! | platform | unit(s) |
//! |---|---|
//! | X | [`Unit::XWeighted`] |
//! | Bluesky | [`Unit::Graphemes`] (300) and [`Unit::Utf8Bytes`] (3000) |
//! | Mastodon | [`Unit::Mastodon`] |
//! | Threads | [`Unit::Threads`] (500) and [`Unit::Links`] (5) |
//! | Telegram | [`Unit::CodePoints`] (block) and [`Unit::Utf16`] (warn) |
//! | LinkedIn, Facebook | [`Unit::Utf16`] |
//! | Instagram | [`Unit::Utf16`] and [`Unit::Hashtags`] (5) |

mod emoji;
mod pieces;
pub mod thread;
/// [`thread::split`] (the editor's thread preview names it so).
pub use thread::split as split_thread;
mod x;

pub(crate) use emoji::is_pictographic;
pub use x::{MAX_WEIGHTED_LENGTH, TweetParse, XConfig, parse_tweet, x_weighted_length};

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
    /// Mastodon (`StatusLengthValidator`): graphemes, with each URL that has a scheme
    /// counting 23 and `@user@host` counting as `@user`.
    Mastodon,
    /// Threads (Threads API docs): code points, but each emoji grapheme counts its UTF-8
    /// bytes.
    Threads,
    /// Number of distinct links (URL entities, twitter-text rules), as Threads limits them.
    Links,
    /// Number of #hashtags (twitter-text rules), as Instagram limits them.
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

/// Counts `text` in `unit` (CRLF counted as LF).
pub fn count(unit: Unit, text: &str) -> usize {
    match unit {
        Unit::XWeighted if text.is_ascii() => x::ascii_weighted_length(text),
        _ => pieces::total(unit, text),
    }
}

/// The count of `text` in `unit` and, when it exceeds `max`, the byte offset from which it
/// does (see [`overflow_start`]), from one pass over the pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// The count, in `unit`.
    pub count: usize,
    /// Byte offset of the first piece over the limit, on a grapheme boundary; `None` if all
    /// fits.
    pub overflow: Option<usize>,
}

/// Counts `text` in `unit` and finds where it exceeds `max` (CRLF counted as LF), walking
/// the pieces once.
pub fn measure(unit: Unit, text: &str, max: usize) -> Measure {
    if unit == Unit::XWeighted && text.is_ascii() {
        let count = x::ascii_weighted_length(text);
        if count <= max {
            return Measure {
                count,
                overflow: None,
            };
        }
    }
    let mut count = 0;
    let mut overflow = None;
    pieces::each_piece(unit, text, &mut |p| {
        count += p.weight;
        if count > max && overflow.is_none() {
            overflow = Some(grapheme_floor(text, p.start));
        }
    });
    Measure { count, overflow }
}

/// The byte offset of `text` from which the count exceeds `max`: the start of the first
/// piece (character, grapheme, URL, hashtag…) that does not fit, moved back to the start of
/// its grapheme so the editor never highlights half a character; `None` if all fits.
pub fn overflow_start(unit: Unit, text: &str, max: usize) -> Option<usize> {
    measure(unit, text, max).overflow
}

/// The start of the grapheme that contains byte `at` (a char boundary of `text`).
fn grapheme_floor(text: &str, at: usize) -> usize {
    let mut cursor = unicode_segmentation::GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
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
