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
    char_at, char_before, is_domain_char, is_invalid, is_latin_accent, is_path_char,
    is_path_ending_char, is_query_char, is_query_ending_char,
};
use super::punycode::ascii_label_len;
use super::tld::match_tld;

const MAX_URL_LENGTH: usize = 4096;
const MAX_LABEL_LENGTH: usize = 63;
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// Bound on the labels examined from one start, so that a text of dots stays linear.
const MAX_LABELS: usize = 128;

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

/// Scans labels from `at`: runs of domain characters and `extra` separators, each followed
/// by a dot. Returns `(start, end)` of every label (the dot is at `end`).
fn labels(s: &str, at: usize, member: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = at;
    while out.len() < MAX_LABELS {
        let run = s[i..]
            .char_indices()
            .find(|&(_, c)| !member(c))
            .map_or(s.len(), |(k, _)| i + k);
        if run == i || char_at(s, run) != Some('.') {
            break;
        }
        out.push((i, run));
        i = run + 1;
    }
    out
}

fn edges_ok(s: &str, (a, b): (usize, usize)) -> bool {
    let ok = |c: Option<char>| c.is_some_and(is_domain_char);
    ok(char_at(s, a)) && ok(char_before(s, b))
}

/// `validDomain` at `at`: `validSubdomain* validDomainName (gTLD | ccTLD | punycode)`, with
/// the backtracking of the upstream expression (as many subdomains as possible first).
fn match_domain(s: &str, at: usize) -> Option<usize> {
    let ls = labels(s, at, |c| is_domain_char(c) || c == '-' || c == '_');
    let subs = ls.iter().take_while(|l| edges_ok(s, **l)).count();
    for j in (0..=subs).rev() {
        let Some(&name) = ls.get(j) else { continue };
        if !edges_ok(s, name) || s[name.0..name.1].contains('_') {
            continue;
        }
        if let Some((end, _)) = match_tld(s, name.1 + 1, s.len()) {
            return Some(end);
        }
    }
    None
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
fn path_end(s: &str, at: usize) -> usize {
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

fn scheme_len(s: &str, at: usize) -> usize {
    let b = &s.as_bytes()[at..];
    for p in ["https://", "http://"] {
        if b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()) {
            return p.len();
        }
    }
    0
}

/// The URL body (`$3`) starting at `at`.
fn match_body(s: &str, at: usize, before: Option<char>) -> Option<Raw> {
    let scheme_len = scheme_len(s, at);
    let d = at + scheme_len;
    let domain_end = match_domain(s, d)?;
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
    if char_at(s, end) == Some('?') {
        if let Some(q) = query_end(s, end) {
            end = q;
        }
    }
    Some(Raw {
        before,
        url_start: at,
        scheme_len,
        domain: (d, domain_end),
        has_path,
        end,
    })
}

/// The `extractUrl` expression tried at byte `i`: a preceding character first, then `^`.
fn match_at(s: &str, i: usize) -> Option<Raw> {
    if let Some(c) = char_at(s, i).filter(|&c| is_preceding_ok(c)) {
        if let Some(r) = match_body(s, i + c.len_utf8(), Some(c)) {
            return Some(r);
        }
    }
    if i == 0 {
        return match_body(s, 0, None);
    }
    None
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

fn is_ascii_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || is_latin_accent(c)
}

/// Every match of `validAsciiDomain` in `domain` (byte ranges into it). Its TLD lookahead
/// sees the end of `domain` as the end of the text.
fn ascii_domains(domain: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < domain.len() {
        let Some(c) = char_at(domain, i) else { break };
        let run_start = is_ascii_domain_char(c)
            && !char_before(domain, i).is_some_and(is_ascii_domain_char)
            || out.last().is_some_and(|&(_, e)| e == i) && is_ascii_domain_char(c);
        if run_start {
            let ls = labels(domain, i, is_ascii_domain_char);
            let found = (1..=ls.len()).rev().find_map(|j| {
                match_tld(domain, ls[j - 1].1 + 1, domain.len()).map(|(e, _)| e)
            });
            if let Some(e) = found {
                out.push((i, e));
                i = e;
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
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
    if char_at(s, end) == Some('?') {
        if let Some(q) = query_end(s, end) {
            end = q;
        }
    }
    Some((end, slug))
}

/// URLs of `text` per twitter-text 3.1.0 `extractUrlsWithIndices` (URLs without a scheme
/// included), in order; byte ranges.
pub fn extract_urls(text: &str) -> Vec<UrlMatch> {
    let mut out = Vec::new();
    if !text.contains('.') {
        return out;
    }
    let mut i = 0;
    while i < text.len() {
        let Some(r) = match_at(text, i) else {
            i += char_at(text, i).map_or(1, char::len_utf8);
            continue;
        };
        i = r.end;
        if !is_valid(text, &r) {
            continue;
        }
        if r.scheme_len == 0 {
            if matches!(r.before, Some('-' | '_' | '.' | '/')) {
                continue;
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
                    continue;
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(t: &str) -> Vec<&str> {
        extract_urls(t).iter().map(|u| &t[u.start..u.end]).collect()
    }

    #[test]
    fn schemes_domains_paths() {
        assert_eq!(urls("see https://example.org/a?b=1."), ["https://example.org/a?b=1"]);
        assert_eq!(urls("x.com, un.org and gov.uk!"), ["x.com", "un.org", "gov.uk"]);
        assert_eq!(urls("mfa.gov.xx"), ["mfa.gov"]);
        assert_eq!(
            urls("(https://en.wikipedia.org/wiki/Kyiv_(city))"),
            ["https://en.wikipedia.org/wiki/Kyiv_(city)"]
        );
        assert_eq!(urls("a@un.org .un.org"), Vec::<&str>::new());
        assert_eq!(urls("例えばexample.com"), ["example.com"]);
    }
}
