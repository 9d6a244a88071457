//! X weighted length per twitter-text `parseTweet` (JavaScript 3.1.0) with config v3
//! (`conformance/twitter-text/config/v3.json`): scale 100, default weight 200, weight 100 for
//! U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037; every URL entity (as
//! [`crate::text::extract_urls`] finds them, with or without a scheme) counts
//! `transformedURLLength` 23; with emoji parsing on (v3), an emoji sequence counts the default
//! weight once. The text is NFC-normalised first. Lengths here are in whole characters
//! (weight / scale); ranges are UTF-16 code units, as upstream reports them.

use unicode_normalization::{UnicodeNormalization, is_nfc};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::extract_urls;

/// twitter-text `transformedURLLength`.
const URL_LENGTH: usize = 23;
/// twitter-text `maxWeightedTweetLength` (v2 and v3).
pub const MAX_WEIGHTED_LENGTH: usize = 280;

/// A twitter-text configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XConfig {
    /// Config v2: every code point weighed on its own.
    V2,
    /// Config v3 (what X uses): emoji sequences count 2.
    V3,
}

/// The result of `parseTweet`, field for field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TweetParse {
    /// Weighted length in characters.
    pub weighted_length: usize,
    /// Non-empty, within 280 and free of U+FFFE, U+FEFF and U+FFFF.
    pub valid: bool,
    /// floor(weighted_length / 280 × 1000).
    pub permillage: usize,
    /// Last UTF-16 index (inclusive) of the original text that is still within the limit.
    pub valid_range_end: usize,
    /// Last UTF-16 index (inclusive) of the original text (0 when empty).
    pub display_range_end: usize,
}

fn weight(c: char) -> usize {
    match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

fn is_emoji(g: &str) -> bool {
    let first = g.chars().next().unwrap_or(' ');
    if g.contains('\u{FE0E}') {
        // Text presentation: weighed code point by code point.
        return false;
    }
    if super::is_pictographic(first) || ('\u{1F1E6}'..='\u{1F1FF}').contains(&first) {
        // A lone text-default symbol such as © or ™ without VS16 is weighed as a code point.
        return first as u32 >= 0x1F000
            || g.chars().count() > 1
            || matches!(first, '\u{2600}'..='\u{27BF}');
    }
    g.contains('\u{20E3}')
}

/// The NFC form of `text` with, for every grapheme of the original, `(nfc byte, original
/// byte)` at its start. Borrowed unchanged when already NFC.
struct Normalised<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Chunk starts; empty when `text` is the original.
    map: Vec<(usize, usize)>,
    original_len: usize,
}

impl<'a> Normalised<'a> {
    fn new(original: &'a str) -> Self {
        if is_nfc(original) {
            return Normalised {
                text: original.into(),
                map: Vec::new(),
                original_len: original.len(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::new();
        for (i, g) in original.grapheme_indices(true) {
            map.push((text.len(), i));
            text.extend(g.nfc());
        }
        Normalised {
            text: text.into(),
            map,
            original_len: original.len(),
        }
    }

    /// The original byte of NFC byte `b`, rounded down (`up == false`) or up to a grapheme.
    fn original(&self, b: usize, up: bool) -> usize {
        if self.map.is_empty() {
            return b;
        }
        let i = self.map.partition_point(|&(n, _)| n <= b);
        // map[i - 1].0 <= b < map[i].0
        let (n, o) = self.map[i.saturating_sub(1)];
        if n == b || !up {
            o
        } else {
            self.map.get(i).map_or(self.original_len, |&(_, o)| o)
        }
    }
}

/// One counted piece of the NFC text: byte range and weight in characters.
#[derive(Debug, Clone, Copy)]
struct NfcPiece {
    start: usize,
    end: usize,
    weight: usize,
}

/// The emoji grapheme that starts at byte `i` of `text`, as its end byte; `None` when `i`
/// does not start a grapheme or the grapheme is not an emoji. Only called where an emoji can
/// start (see [`may_start_emoji`]), so ordinary text is never segmented.
fn emoji_at(text: &str, i: usize, after_emoji: bool) -> Option<usize> {
    // Inside a run of regional indicators right after an emoji grapheme (`after_emoji`: a
    // flag pair, or an indicator alone) the previous grapheme ended at `i`: `i` is a boundary and the grapheme can
    // be read from `i` alone. (A cursor would walk back over the whole run to count its
    // parity: quadratic on a long run.) At the run's start the cursor below is cheap.
    if after_emoji
        && text[i..].starts_with(is_regional_indicator)
        && text[..i].ends_with(is_regional_indicator)
    {
        let g = unicode_segmentation::UnicodeSegmentation::graphemes(&text[i..], true).next()?;
        return is_emoji(g).then_some(i + g.len());
    }
    let mut cursor = unicode_segmentation::GraphemeCursor::new(i, text.len(), true);
    if !cursor.is_boundary(text, 0).ok()? {
        return None;
    }
    let end = cursor.next_boundary(text, 0).ok()??;
    is_emoji(&text[i..end]).then_some(end)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Whether an emoji grapheme can start with `c`: a pictograph or a regional indicator, or
/// any character when the text holds a keycap (U+20E3, which makes `1⃣` an emoji).
fn may_start_emoji(c: char, keycaps: bool) -> bool {
    // Below U+00A9 (©) nothing is a pictograph: the common case costs one comparison.
    keycaps || (c >= '\u{A9}' && (super::is_pictographic(c) || is_regional_indicator(c)))
}

/// Calls `out` with each counted piece of the NFC `text`, in order (no piece list is built:
/// memory stays independent of the text's length beyond its URL list).
fn each_nfc_piece(text: &str, config: XConfig, mut out: impl FnMut(NfcPiece)) {
    let urls = extract_urls(text);
    let mut urls = urls.iter().peekable();
    let keycaps = text.contains('\u{20E3}');
    let mut i = 0;
    let mut last_emoji_end = usize::MAX;
    while i < text.len() {
        if let Some(u) = urls.peek().filter(|u| u.start == i) {
            out(NfcPiece {
                start: i,
                end: u.end,
                weight: URL_LENGTH,
            });
            i = u.end;
            urls.next();
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if config == XConfig::V3 && may_start_emoji(c, keycaps) {
            let emoji = emoji_at(text, i, last_emoji_end == i)
                .filter(|&end| urls.peek().is_none_or(|u| u.start >= end));
            if let Some(end) = emoji {
                out(NfcPiece {
                    start: i,
                    end,
                    weight: 2,
                });
                last_emoji_end = end;
                i = end;
                continue;
            }
        }
        out(NfcPiece {
            start: i,
            end: i + c.len_utf8(),
            weight: weight(c),
        });
        i += c.len_utf8();
    }
}

/// Calls `out` with each piece of the *original* text and its weight, in order:
/// `(start byte, end byte, weight)`. A piece that falls inside a grapheme changed by NFC is
/// widened to that grapheme. Nothing per piece is stored.
pub(super) fn each_x_piece(text: &str, mut out: impl FnMut(usize, usize, usize)) {
    let norm = Normalised::new(text);
    each_nfc_piece(&norm.text, XConfig::V3, |p| {
        out(
            norm.original(p.start, false),
            norm.original(p.end, true),
            p.weight,
        );
    });
}

/// The X weighted length of an ASCII text, without segmenting it: every character weighs 1
/// (ASCII is NFC, holds no emoji, and lies in U+0000–U+10FF), a CR of a CR LF pair counts
/// nothing (as in [`super::count`]), and each URL counts 23 instead of its length. Same result
/// as the general path for ASCII input.
pub(super) fn ascii_weighted_length(text: &str) -> usize {
    debug_assert!(text.is_ascii());
    let crlf = text.matches("\r\n").count();
    let urls = extract_urls(text);
    let url_bytes: usize = urls.iter().map(|u| u.end - u.start).sum();
    text.len() - crlf - url_bytes + URL_LENGTH * urls.len()
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// twitter-text `parseTweet` of `text` exactly as given (no CRLF normalisation).
pub fn parse_tweet(text: &str, config: XConfig) -> TweetParse {
    let norm = Normalised::new(text);
    let nfc = &*norm.text;
    let (mut total, mut valid, mut valid_end, mut utf16) = (0, true, 0, 0);
    each_nfc_piece(nfc, config, |p| {
        total += p.weight;
        let piece = &nfc[p.start..p.end];
        utf16 += utf16_len(piece);
        let last = utf16 - 1;
        if valid {
            valid = !piece
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'));
        }
        if valid && total <= MAX_WEIGHTED_LENGTH {
            valid_end = last;
        }
    });
    let original16 = utf16_len(text);
    TweetParse {
        weighted_length: total,
        valid: valid && total > 0 && total <= MAX_WEIGHTED_LENGTH,
        permillage: total * 1000 / MAX_WEIGHTED_LENGTH,
        valid_range_end: (valid_end + original16).saturating_sub(utf16_len(nfc)),
        display_range_end: original16.saturating_sub(1),
    }
}

/// X weighted length of `text` (twitter-text config v3), in characters out of 280. CRLF is
/// counted as LF (see [`super::count`]); use [`parse_tweet`] for the raw upstream figure.
pub fn x_weighted_length(text: &str) -> usize {
    super::count(super::Unit::XWeighted, text)
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
        assert_eq!(x_weighted_length("mfa.gov.xx"), 26);
    }

    #[test]
    fn pieces_map_back_to_the_original() {
        let t = "cafe\u{301}!";
        let mut p = Vec::new();
        each_x_piece(t, |s, e, w| p.push((s, e, w)));
        assert_eq!(p.last(), Some(&(6, 7, 1)));
        assert_eq!(p[3], (3, 6, 1));
    }
}

#[cfg(test)]
mod ascii_fast_path {
    use super::super::{Unit, pieces::total};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn equals_the_general_count(text in "([a-z .:/\\r\\n]|https://x\\.co/a|un\\.org|www\\.example\\.com){0,40}") {
            let general = total(Unit::XWeighted, &text);
            prop_assert_eq!(super::ascii_weighted_length(&text), general);
        }
    }
}

#[cfg(test)]
mod emoji_fast_path {
    use super::*;
    use proptest::prelude::*;

    /// The straightforward reading of twitter-text v3: segment every grapheme, then weigh.
    fn reference(text: &str) -> Vec<(usize, usize, usize)> {
        let urls = extract_urls(text);
        let mut urls = urls.iter().peekable();
        let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        let (mut out, mut g, mut i) = (Vec::new(), 0, 0);
        while i < text.len() {
            if let Some(u) = urls.peek().filter(|u| u.start == i) {
                out.push((i, u.end, URL_LENGTH));
                i = u.end;
                urls.next();
                continue;
            }
            while g < graphemes.len() && graphemes[g].0 < i {
                g += 1;
            }
            if let Some(&(_, s)) = graphemes.get(g).filter(|x| x.0 == i)
                && urls.peek().is_none_or(|u| u.start >= i + s.len())
                && is_emoji(s)
            {
                out.push((i, i + s.len(), 2));
                i += s.len();
                continue;
            }
            let c = text[i..].chars().next().unwrap();
            out.push((i, i + c.len_utf8(), weight(c)));
            i += c.len_utf8();
        }
        out
    }

    proptest! {
        #[test]
        fn segments_only_where_an_emoji_can_start(
            text in "([a-z 1#*é.]|\u{301}|\u{200D}|\u{FE0E}|\u{FE0F}|\u{20E3}|\u{600}|🤡|👩|🇫|🇷|©|☺|日|x\\.com|https://a\\.co/b){0,30}"
        ) {
            let mut fast = Vec::new();
            each_nfc_piece(&text, XConfig::V3, |p| fast.push((p.start, p.end, p.weight)));
            prop_assert_eq!(fast, reference(&text));
        }
    }
}
