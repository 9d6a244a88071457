//! URL extraction per twitter-text 3.1.0 (`extractUrlsWithIndices` and the `extractUrl`
//! regular expression), re-implemented as a linear scanner so that no regex with look-around
//! or backtracking runs on every keystroke.
//!
//! Rules (upstream names in backticks):
//! - a URL is `http://` or `https://` (optional) + a domain + optional `:port`, `/path` and
//!   `?query`; it must follow the start of the text or a character other than
//!   `A-Za-z0-9@＠$#＃` (`validUrlPrecedingChars`);
//! - a domain is labels separated by dots, ending in a generic or country TLD from
//!   `tlds.txt` or in a punycode label; the TLD must not be followed by `0-9a-zA-Z@+-`;
//! - without a scheme only the ASCII part of the domain is a URL (`validAsciiDomain`), and
//!   not after `-`, `_`, `.` or `/`;
//! - the path keeps balanced parentheses (two levels) and never ends in punctuation such as
//!   `.`, `,`, `!`, `)` without its `(`; the query never ends in `?`, `.`, `!`…;
//! - validity (`isValidUrl`): every host label is 1–63 characters once punycode-encoded and
//!   the URL with its scheme (`https://` when absent) is at most 4096 UTF-16 units;
//! - `t.co` links end after their slug (at most 40 characters) and optional query.

use super::chars::{
    char_at, char_before, is_domain_char, is_invalid, is_path_char, is_path_ending_char,
    is_query_char, is_query_ending_char,
};
use super::domain::{Domains, ascii_domains};
use super::punycode::ascii_label_len;

const MAX_URL_LENGTH: usize = 4096;
const MAX_LABEL_LENGTH: usize = 63;
const MAX_TCO_SLUG_LENGTH: usize = 40;

/// A URL found in a text: byte ranges into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlMatch {
    /// Start byte of the URL.
    pub start: usize,
    /// End byte (exclusive) of the URL.
    pub end: usize,
    /// Whether it starts with `http://` or `https://`.
    pub has_scheme: bool,
}

/// One match of the `extractUrl` expression.
struct Raw {
    before: Option<char>,
    url_start: usize,
    scheme_len: usize,
    domain: (usize, usize),
    has_path: bool,
    end: usize,
}

fn is_preceding_ok(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃') || is_invalid(c))
}

/// `validUrlBalancedParens` at the `(` at `at`: the end byte after its `)`.
fn balanced(s: &str, at: usize) -> Option<usize> {
    let run = |i: usize| {
        s[i..]
            .char_indices()
            .find(|&(_, c)| !is_path_char(c))
            .map_or(s.len(), |(k, _)| i + k)
    };
    let i = at + 1;
    let j = run(i);
    match char_at(s, j) {
        Some(')') if j > i => Some(j + 1),
        Some('(') => {
            let k = run(j + 1);
            if k == j + 1 || char_at(s, k) != Some(')') {
                return None;
            }
            let m = run(k + 1);
            (char_at(s, m) == Some(')')).then_some(m + 1)
        }
        _ => None,
    }
}

/// `validUrlPath*` from `at` (just after the `/`): the longest run of path characters and
/// balanced parentheses that ends in a path-ending character or a parenthesis group.
pub(crate) fn path_end(s: &str, at: usize) -> usize {
    let (mut i, mut good) = (at, at);
    while let Some(c) = char_at(s, i) {
        if c == '(' {
            match balanced(s, i) {
                Some(e) => {
                    i = e;
                    good = i;
                }
                None => break,
            }
        } else if is_path_char(c) {
            i += c.len_utf8();
            if is_path_ending_char(c) {
                good = i;
            }
        } else {
            break;
        }
    }
    good
}

/// `\?validUrlQueryChars*validUrlQueryEndingChars` at the `?` at `at`.
fn query_end(s: &str, at: usize) -> Option<usize> {
    let mut good = None;
    for (k, c) in s[at + 1..].char_indices() {
        if !is_query_char(c) {
            break;
        }
        if is_query_ending_char(c) {
            good = Some(at + 1 + k + c.len_utf8());
        }
    }
    good
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// `isValidUrl` of `extractUrlsWithIndices` (with `idna.toAscii`).
fn is_valid(s: &str, r: &Raw) -> bool {
    let domain = &s[r.domain.0..r.domain.1];
    if domain.starts_with("xn--") && ascii_domains(domain).is_empty() {
        return false;
    }
    let labels_ok = domain.split('.').all(|l| {
        let n = ascii_label_len(l, MAX_LABEL_LENGTH);
        (1..=MAX_LABEL_LENGTH).contains(&n)
    });
    let scheme = if r.scheme_len > 0 { r.scheme_len } else { 8 };
    labels_ok && scheme + utf16_len(&s[r.url_start..r.end]) <= MAX_URL_LENGTH
}

/// `^https?://t\.co/([a-z0-9]+)(?:\?query)?`: the end of a t.co link and its slug length.
fn tco(s: &str, url_start: usize, scheme_len: usize) -> Option<(usize, usize)> {
    let host = url_start + scheme_len;
    let rest = s.get(host..host + 5)?;
    if !rest.eq_ignore_ascii_case("t.co/") {
        return None;
    }
    let slug = s[host + 5..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if slug == 0 {
        return None;
    }
    let mut end = host + 5 + slug;
    if char_at(s, end) == Some('?')
        && let Some(q) = query_end(s, end)
    {
        end = q;
    }
    Some((end, slug))
}

/// A position where the `extractUrl` expression may match: `i` is where the attempt starts
/// (the preceding character, or 0 for `^`), `d` where the URL body starts; the first label of
/// the domain (after the scheme, if any) runs to the dot at `dot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    i: usize,
    /// The `^` alternative, tried after the preceding-character one at the same `i`.
    caret: bool,
    d: usize,
    scheme_len: usize,
    dot: usize,
    underscore: bool,
}

fn scheme_before(s: &str, r: usize) -> usize {
    let b = s.as_bytes();
    for p in ["https://", "http://"] {
        if r >= p.len() && b[r - p.len()..r].eq_ignore_ascii_case(p.as_bytes()) {
            return p.len();
        }
    }
    0
}

/// Every place a URL may start: within the label run before each dot, or at a scheme just
/// before such a run. Upstream tries every position; no other position can match.
fn candidates(s: &str, dm: &Domains) -> Vec<Candidate> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<Candidate>, d: usize, scheme_len: usize, dot: usize, us: bool| {
        match char_before(s, d) {
            Some(c) if is_preceding_ok(c) => out.push(Candidate {
                i: d - c.len_utf8(),
                caret: false,
                d,
                scheme_len,
                dot,
                underscore: us,
            }),
            Some(_) => {}
            None => out.push(Candidate {
                i: 0,
                caret: true,
                d,
                scheme_len,
                dot,
                underscore: us,
            }),
        }
    };
    let mut starts = Vec::new();
    for (dot, _) in s.match_indices('.') {
        // The maximal label run that ends at this dot, walking back.
        let mut r = dot;
        let mut last_us = None;
        starts.clear();
        for (k, c) in s[..dot].char_indices().rev() {
            if !dm.member(c) {
                break;
            }
            if c == '_' && last_us.is_none() {
                last_us = Some(k);
            }
            r = k;
            if is_domain_char(c) {
                starts.push((k, last_us.is_some()));
            }
        }
        if r == dot {
            continue;
        }
        for &(d, us) in starts.iter().rev() {
            push(&mut out, d, 0, dot, us);
        }
        let scheme = scheme_before(s, r);
        if scheme > 0 && starts.last().is_some_and(|&(k, _)| k == r) {
            let us = starts.last().is_some_and(|&(_, u)| u);
            push(&mut out, r - scheme, scheme, dot, us);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The URL body at a candidate: scheme, domain, port, path and query.
fn match_body(s: &str, c: &Candidate, dm: &mut Domains) -> Option<Raw> {
    let d = c.d + c.scheme_len;
    let domain_end = dm.from(d, c.dot, c.underscore)?;
    let mut end = domain_end;
    if char_at(s, end) == Some(':') {
        let digits = s[end + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    let has_path = char_at(s, end) == Some('/');
    if has_path {
        end = path_end(s, end + 1);
    }
    if char_at(s, end) == Some('?')
        && let Some(q) = query_end(s, end)
    {
        end = q;
    }
    Some(Raw {
        before: if c.caret { None } else { char_at(s, c.i) },
        url_start: c.d,
        scheme_len: c.scheme_len,
        domain: (d, domain_end),
        has_path,
        end,
    })
}

/// URLs of `text` per twitter-text 3.1.0 `extractUrlsWithIndices` (URLs without a scheme
/// included), in order; byte ranges.
pub fn extract_urls(text: &str) -> Vec<UrlMatch> {
    let mut out = Vec::new();
    if !text.contains('.') {
        return out;
    }
    let mut dm = Domains::new(text, false);
    let mut pos = 0;
    for c in candidates(text, &dm) {
        if c.i < pos {
            continue;
        }
        let Some(r) = match_body(text, &c, &mut dm) else {
            continue;
        };
        pos = r.end;
        accept(text, &r, &mut out);
    }
    out
}

/// The end of a URL entity for rule scopes: twitter-text stops a host at the last label
/// that is a known TLD (`intranet.mfa.gov.xx/lines` → `intranet.mfa.gov`); for matching, the
/// rest of the host (`.xx`) and its path belong to the URL too, so that a host-name pattern
/// never straddles the URL's edge. Counting uses [`extract_urls`] unwidened.
pub(crate) fn widened_end(s: &str, end: usize) -> usize {
    let b = s.as_bytes();
    let mut e = end;
    while b.get(e) == Some(&b'.') {
        let n = b[e + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if n == 0 {
            break;
        }
        e += 1 + n;
    }
    if e > end && b.get(e) == Some(&b'/') {
        e = path_end(s, e + 1);
    }
    e
}

/// The checks of `extractUrlsWithIndices` after a match of the expression.
fn accept(text: &str, r: &Raw, out: &mut Vec<UrlMatch>) {
    if !is_valid(text, r) {
        return;
    }
    if r.scheme_len == 0 {
        if matches!(r.before, Some('-' | '_' | '.' | '/')) {
            return;
        }
        let domain = &text[r.domain.0..r.domain.1];
        let found = ascii_domains(domain);
        let n = found.len();
        for (k, (a, b)) in found.into_iter().enumerate() {
            let end = if k + 1 == n && r.has_path {
                r.end
            } else {
                r.domain.0 + b
            };
            out.push(UrlMatch {
                start: r.domain.0 + a,
                end,
                has_scheme: false,
            });
        }
    } else {
        let mut end = r.end;
        if let Some((e, slug)) = tco(text, r.url_start, r.scheme_len) {
            if slug > MAX_TCO_SLUG_LENGTH {
                return;
            }
            end = e;
        }
        out.push(UrlMatch {
            start: r.url_start,
            end,
            has_scheme: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(t: &str) -> Vec<&str> {
        extract_urls(t).iter().map(|u| &t[u.start..u.end]).collect()
    }

    #[test]
    fn schemes_domains_paths() {
        assert_eq!(
            urls("see https://example.org/a?b=1."),
            ["https://example.org/a?b=1"]
        );
        assert_eq!(
            urls("x.com, un.org and gov.uk!"),
            ["x.com", "un.org", "gov.uk"]
        );
        assert_eq!(urls("mfa.gov.xx"), ["mfa.gov"]);
        assert_eq!(
            urls("(https://en.wikipedia.org/wiki/Kyiv_(city))"),
            ["https://en.wikipedia.org/wiki/Kyiv_(city)"]
        );
        assert_eq!(urls("a@un.org .un.org"), Vec::<&str>::new());
        assert_eq!(urls("例えばexample.com"), ["example.com"]);
    }
}
