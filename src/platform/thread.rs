//! Splitting a statement that is over a platform's limit into a numbered thread (`1/3`,
//! `2/3`, …), as press offices post long statements on X and Bluesky.
//!
//! **How it splits.** The text is cut at sentence boundaries (UAX #29, `unicode-segmentation`)
//! and sentences are packed greedily, in order, into parts; each part ends with ` i/n`. Every
//! part, numbering included, is within every limit given, counted in the limit's own unit
//! ([`super::count`]: X weighted length, graphemes, UTF-8 bytes…). A sentence too long for one
//! part is cut between words; a word too long, between graphemes. Paragraph breaks inside a
//! part are kept; white space at a cut is dropped.
//!
//! **What it does not do.** It never rewrites a sentence and never drops text: joining the
//! parts without their numbering and cut white space gives the text back.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{Unit, count};

/// One part of a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part as it is posted: its slice of the text, then ` i/n` (when there is more
    /// than one part).
    pub text: String,
    /// The byte range of the original text this part holds (without the numbering).
    pub source: Range<usize>,
}

/// Why a text cannot be split.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThreadError {
    /// A limit leaves no room for text once the numbering is added.
    #[error("a limit of {max} {} leaves no room for a part with its numbering", .unit.label())]
    NoRoom {
        /// The unit of the limit.
        unit: Unit,
        /// Its maximum.
        max: usize,
    },
    /// The thread would need more than [`MAX_PARTS`] parts.
    #[error("the text would need more than {MAX_PARTS} parts")]
    TooLong,
}

/// The most parts a thread may have.
pub const MAX_PARTS: usize = 999;

/// Splits `text` into parts that each fit every `(unit, max)` limit, numbered ` 1/n`… when
/// there is more than one. A text that already fits is one part, unnumbered; an empty text
/// gives no part. Units that count things rather than length (links, hashtags) are limits
/// like the others.
///
/// # Errors
/// [`ThreadError::NoRoom`] when a limit is too small for even one grapheme and its numbering;
/// [`ThreadError::TooLong`] beyond [`MAX_PARTS`] parts.
pub fn split(text: &str, limits: &[(Unit, usize)]) -> Result<Vec<Part>, ThreadError> {
    let body = trimmed(text, 0..text.len());
    if body.is_empty() {
        return Ok(Vec::new());
    }
    if fits(&text[body.clone()], limits) {
        return Ok(vec![Part {
            text: text[body.clone()].to_string(),
            source: body,
        }]);
    }
    // The numbering's width depends on the number of parts: try 1-digit numbering, then 2…
    for digits in 1..=3 {
        let reserve = format!(" {0}/{0}", "9".repeat(digits));
        let ranges = pack(text, body.clone(), limits, &reserve)?;
        if ranges.len() < 10usize.pow(digits as u32) {
            let n = ranges.len();
            return Ok(ranges
                .into_iter()
                .enumerate()
                .map(|(i, r)| Part {
                    text: format!("{} {}/{n}", &text[r.clone()], i + 1),
                    source: r,
                })
                .collect());
        }
    }
    Err(ThreadError::TooLong)
}

/// Whether `s` is within every limit.
fn fits(s: &str, limits: &[(Unit, usize)]) -> bool {
    limits.iter().all(|&(unit, max)| count(unit, s) <= max)
}

/// `range` of `text` without white space at either end.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// Packs the pieces of `body` (sentences, cut further where needed) greedily into parts
/// that fit with `reserve` appended.
fn pack(
    text: &str,
    body: Range<usize>,
    limits: &[(Unit, usize)],
    reserve: &str,
) -> Result<Vec<Range<usize>>, ThreadError> {
    let fits_with = |r: &Range<usize>| fits(&format!("{}{reserve}", &text[r.clone()]), limits);
    if let Some(&(unit, max)) = limits.iter().find(|&&(u, m)| count(u, reserve) >= m) {
        return Err(ThreadError::NoRoom { unit, max });
    }
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for piece in pieces(text, body, &fits_with) {
        let joined = current.clone().map(|c| c.start..piece.end);
        match joined {
            Some(j) if fits_with(&trimmed(text, j.clone())) => current = Some(j),
            _ => {
                if let Some(c) = current.take() {
                    parts.push(trimmed(text, c));
                }
                current = Some(piece);
            }
        }
        if parts.len() > MAX_PARTS {
            return Err(ThreadError::TooLong);
        }
    }
    parts.extend(current.map(|c| trimmed(text, c)));
    parts.retain(|r| !r.is_empty());
    Ok(parts)
}

/// The sentences of `body`, each cut into words (and a word into graphemes) when it does not
/// fit on its own.
fn pieces(
    text: &str,
    body: Range<usize>,
    fits_with: &dyn Fn(&Range<usize>) -> bool,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let base = body.start;
    for (at, s) in text[body].split_sentence_bound_indices() {
        let r = base + at..base + at + s.len();
        if fits_with(&trimmed(text, r.clone())) {
            out.push(r);
            continue;
        }
        for (wat, w) in s.split_word_bound_indices() {
            let wr = r.start + wat..r.start + wat + w.len();
            if fits_with(&trimmed(text, wr.clone())) {
                out.push(wr);
            } else {
                out.extend(
                    w.grapheme_indices(true)
                        .map(|(g, gs)| wr.start + g..wr.start + g + gs.len()),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: &[(Unit, usize)] = &[(Unit::XWeighted, 280)];

    #[test]
    fn a_text_that_fits_is_one_unnumbered_part() {
        let parts = split("  Short statement.\n", X).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].text, "Short statement.");
        assert_eq!(split(" \n ", X).unwrap(), Vec::new());
    }

    #[test]
    fn sentences_are_packed_in_order_and_numbered() {
        let s = "This is one sentence of a statement about the talks. ".repeat(12);
        let parts = split(&s, X).unwrap();
        assert_eq!(parts.len(), 3);
        for (i, p) in parts.iter().enumerate() {
            assert!(count(Unit::XWeighted, &p.text) <= 280, "{}", p.text);
            assert!(p.text.ends_with(&format!(" {}/3", i + 1)), "{}", p.text);
            assert!(p.text.starts_with("This is"), "{}", p.text);
            assert!(p.text.contains("talks. ") || p.text.contains("talks."));
        }
        let joined: Vec<&str> = parts.iter().map(|p| s[p.source.clone()].trim()).collect();
        assert_eq!(joined.join(" "), s.trim());
    }

    #[test]
    fn a_sentence_longer_than_a_part_is_cut_between_words() {
        let s = "word ".repeat(200);
        let parts = split(&s, X).unwrap();
        assert!(parts.len() >= 4);
        assert!(parts.iter().all(|p| !p.text.contains("wor ")));
        assert!(parts.iter().all(|p| count(Unit::XWeighted, &p.text) <= 280));
    }

    #[test]
    fn every_limit_counts_in_its_own_unit() {
        // CJK weighs 2 on X: a 200-character Japanese text is 400 weighted.
        let s = "日本語の文章です。".repeat(23);
        let parts = split(&s, X).unwrap();
        assert_eq!(parts.len(), 2);
        let bluesky = &[(Unit::Graphemes, 300), (Unit::Utf8Bytes, 3000)];
        let long = "Ein Satz über die Gespräche. ".repeat(30);
        for p in split(&long, bluesky).unwrap() {
            assert!(count(Unit::Graphemes, &p.text) <= 300);
        }
    }

    #[test]
    fn a_limit_too_small_for_its_numbering_is_an_error() {
        assert_eq!(
            split("A long text. Another one.", &[(Unit::Graphemes, 4)]),
            Err(ThreadError::NoRoom {
                unit: Unit::Graphemes,
                max: 4
            })
        );
    }
}
