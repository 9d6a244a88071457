//! The pieces each unit advances over, with their weights. A piece is a byte range of the
//! original text (a character, a grapheme, a URL, a hashtag…).

use std::collections::HashSet;

use unicode_segmentation::UnicodeSegmentation;

use super::Unit;
use super::emoji::is_emoji_grapheme;
use crate::model::Scope;
use crate::text::{extract_entities, extract_urls};

/// Mastodon `characters_reserved_per_url` (default 23).
const MASTODON_URL_LENGTH: usize = 23;

/// A counted piece: byte range of the original text and its weight in the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    pub start: usize,
    pub end: usize,
    pub weight: usize,
}

/// Whether byte `i` is the CR of a CRLF pair (which counts as the LF alone).
fn is_cr_of_crlf(text: &str, i: usize) -> bool {
    text.as_bytes().get(i) == Some(&b'\r') && text.as_bytes().get(i + 1) == Some(&b'\n')
}

fn per_char(text: &str, weight: impl Fn(char) -> usize, out: &mut dyn FnMut(Piece)) {
    for (i, c) in text.char_indices() {
        out(Piece {
            start: i,
            end: i + c.len_utf8(),
            weight: if is_cr_of_crlf(text, i) { 0 } else { weight(c) },
        });
    }
}

fn per_grapheme(text: &str, from: usize, to: usize, out: &mut dyn FnMut(Piece)) {
    for (i, g) in text[from..to].grapheme_indices(true) {
        out(Piece {
            start: from + i,
            end: from + i + g.len(),
            weight: 1,
        });
    }
}

/// Threads: an emoji grapheme weighs its UTF-8 bytes, any other its code points.
fn threads_weight(g: &str) -> usize {
    if is_emoji_grapheme(g) {
        g.len()
    } else {
        g.chars().count() - usize::from(g == "\r\n")
    }
}

/// Calls `out` with each piece of `text` in `unit`, in order. No list of pieces is built, so
/// a long text costs no memory per character (only the URL and entity lists, per entity).
pub(super) fn each_piece(unit: Unit, text: &str, out: &mut dyn FnMut(Piece)) {
    match unit {
        Unit::Utf8Bytes => per_char(text, char::len_utf8, out),
        Unit::CodePoints => per_char(text, |_| 1, out),
        Unit::Utf16 => per_char(text, char::len_utf16, out),
        Unit::Graphemes => per_grapheme(text, 0, text.len(), out),
        Unit::Threads => {
            for (i, g) in text.grapheme_indices(true) {
                out(Piece {
                    start: i,
                    end: i + g.len(),
                    weight: threads_weight(g),
                });
            }
        }
        Unit::Mastodon => mastodon(text, out),
        Unit::XWeighted => super::x::each_x_piece(text, |start, end, weight| {
            out(Piece {
                start,
                end,
                weight: if is_cr_of_crlf(text, start) && end == start + 1 {
                    0
                } else {
                    weight
                },
            });
        }),
        Unit::Links => {
            let mut seen = HashSet::new();
            for p in entity_pieces(text, Scope::Url) {
                if seen.insert(&text[p.start..p.end]) {
                    out(p);
                }
            }
        }
        Unit::Hashtags => entity_pieces(text, Scope::Hashtag).for_each(out),
    }
}

/// The sum of the weights of the pieces of `text` in `unit`.
pub(super) fn total(unit: Unit, text: &str) -> usize {
    let mut sum = 0;
    each_piece(unit, text, &mut |p| sum += p.weight);
    sum
}

fn entity_pieces(text: &str, scope: Scope) -> impl Iterator<Item = Piece> {
    extract_entities(text)
        .into_iter()
        .filter(move |e| e.scope == scope)
        .map(|e| Piece {
            start: e.start,
            end: e.end,
            weight: 1,
        })
}

/// Mastodon `StatusLengthValidator`: graphemes; a URL with a scheme counts 23; a remote
/// mention `@user@host` counts as `@user`.
fn mastodon(text: &str, out: &mut dyn FnMut(Piece)) {
    let mut special: Vec<(usize, usize, usize)> = extract_urls(text)
        .into_iter()
        .filter(|u| u.has_scheme)
        .map(|u| (u.start, u.end, MASTODON_URL_LENGTH))
        .collect();
    for e in extract_entities(text) {
        let s = &text[e.start..e.end];
        let body = s.char_indices().nth(1).map_or("", |(i, _)| &s[i..]);
        if e.scope == Scope::Mention && body.contains(['@', '＠']) {
            let local = body.split(['@', '＠']).next().unwrap_or("");
            special.push((e.start, e.end, local.graphemes(true).count() + 1));
        }
    }
    special.sort_unstable();
    let mut pos = 0;
    for (start, end, weight) in special {
        if start < pos {
            continue;
        }
        per_grapheme(text, pos, start, out);
        out(Piece { start, end, weight });
        pos = end;
    }
    per_grapheme(text, pos, text.len(), out);
}
