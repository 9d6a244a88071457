//! Sentences and quotations of the folded view (byte offsets of the folded view).
//!
//! Sentences end at `.`, `!`, `?`, `;` or `…` followed by a space or the end (closing quotes
//! and brackets stay with the sentence), and at line breaks of the original text. A full
//! stop after an abbreviation or a single letter does not end a sentence. A piece without
//! any letter or digit (emoji, `!!!`) joins the sentence before it (`reference/tone.md` §3.4).

use super::model::ToneModel;
use super::words::{PhraseSet, Tok};
use crate::text::View;

/// A sentence: folded byte range and its token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sentence {
    /// Start byte in the folded view.
    pub start: usize,
    /// End byte (exclusive) in the folded view.
    pub end: usize,
    /// First token index.
    pub lo: usize,
    /// One past the last token index.
    pub hi: usize,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Whether the folded space at `i` stands for a line break of the original.
fn is_line_break(view: &View, original: &str, i: usize) -> bool {
    let (s, e) = view.to_source(i, i + 1);
    original.get(s..e).is_some_and(|w| w.contains('\n'))
}

/// Whether the `.` at `i` ends an abbreviation or a single letter (`Mr.`, `U.S.`).
fn after_abbreviation(folded: &str, i: usize, abbrevs: &PhraseSet) -> bool {
    let word_start = folded[..i].rfind([' ', '(']).map_or(0, |p| p + 1);
    let word = &folded[word_start..i];
    word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
        || abbrevs.contains_word(word)
        || abbrevs.contains_word(&format!("{word}."))
}

/// Splits the folded view into sentences.
pub(super) fn sentences(
    view: &View,
    original: &str,
    toks: &[Tok],
    model: &ToneModel,
) -> Vec<Sentence> {
    let folded = view.text.as_str();
    let breaks = original.contains('\n');
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut iter = folded.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == ' ' && breaks && is_line_break(view, original, i) {
            cuts.push((start, i));
            start = i + 1;
        } else if is_terminator(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !(is_terminator(d) || is_closer(d)) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            let at_gap = end >= folded.len() || folded[end..].starts_with(' ');
            let abbrev =
                c == '.' && end == i + 1 && after_abbreviation(folded, i, &model.abbreviations);
            if at_gap && !abbrev {
                cuts.push((start, end));
                start = end;
            }
        }
    }
    cuts.push((start, folded.len()));
    let mut out: Vec<Sentence> = Vec::new();
    for (s, e) in cuts {
        let piece = &folded[s..e];
        let (s, e) = (
            s + (piece.len() - piece.trim_start().len()),
            e - (piece.len() - piece.trim_end().len()),
        );
        if s >= e {
            continue;
        }
        let wordless = !folded[s..e].chars().any(char::is_alphanumeric);
        match out.last_mut() {
            Some(last) if wordless => last.end = e,
            _ => out.push(Sentence {
                start: s,
                end: e,
                lo: 0,
                hi: 0,
            }),
        }
    }
    for s in &mut out {
        s.lo = toks.partition_point(|t| t.start < s.start);
        s.hi = toks.partition_point(|t| t.start < s.end);
    }
    out
}

/// A quotation inside one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Folded byte of the opening mark.
    pub open: usize,
    /// Folded byte just after the closing mark.
    pub close: usize,
    /// First token inside.
    pub lo: usize,
    /// One past the last token inside.
    pub hi: usize,
    /// Introduced by a reporting verb or a colon, or followed by one.
    pub attributed: bool,
}

fn closing_for(c: char) -> Option<&'static [char]> {
    match c {
        '"' => Some(&['"', '”']),
        '“' => Some(&['”', '"']),
        '\'' => Some(&['\'']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '"']),
        _ => None,
    }
}

/// The quotations of sentence `s`: an opening mark after a space, `(` or the start and
/// before a non-space; a closing mark after a non-space and before a space, punctuation or
/// the end.
pub(super) fn quotes(folded: &str, s: &Sentence, toks: &[Tok], model: &ToneModel) -> Vec<Quote> {
    let text = &folded[s.start..s.end];
    let mut out = Vec::new();
    if !text.contains(['"', '“', '\'', '«', '„']) {
        return out;
    }
    let mut open: Option<(usize, &'static [char])> = None;
    let mut prev: Option<char> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, d)| d);
        match open {
            Some((o, closers)) if closers.contains(&c) && prev.is_some_and(|p| p != ' ') => {
                let after_ok = next.is_none_or(|d| !d.is_alphanumeric());
                if after_ok {
                    out.push(quote(
                        folded,
                        s.start + o,
                        s.start + i + c.len_utf8(),
                        toks,
                        s,
                        model,
                    ));
                    open = None;
                }
            }
            None => {
                let before_ok = prev.is_none_or(|p| p == ' ' || p == '(' || p == '[');
                let after_ok = next.is_some_and(|d| d != ' ');
                if before_ok
                    && after_ok
                    && let Some(cl) = closing_for(c)
                {
                    open = Some((i, cl));
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

fn quote(
    folded: &str,
    open: usize,
    close: usize,
    toks: &[Tok],
    s: &Sentence,
    model: &ToneModel,
) -> Quote {
    let lo = toks.partition_point(|t| t.start < open);
    let hi = toks.partition_point(|t| t.start < close);
    let q = &model.quotes;
    let before_colon = folded[s.start..open].trim_end().ends_with(':');
    let window_lo = lo.saturating_sub(q.window).max(s.lo);
    let window_hi = (hi + q.window).min(s.hi);
    let verb_before = q.reporting_verbs.any_in(folded, toks, window_lo, lo);
    let verb_after = q.reporting_verbs.any_in(folded, toks, hi, window_hi);
    Quote {
        open,
        close,
        lo,
        hi,
        attributed: before_colon || verb_before || verb_after,
    }
}
