//! The TLD lists behind URLs without a scheme: `tlds.txt`, generated from `tlds.yml` of
//! twitter-text 3.1.0 (see the header of that file for source and date).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::chars::{char_at, is_domain_char};

const DATA: &str = include_str!("tlds.txt");

struct Tlds {
    generic: HashSet<&'static str>,
    country: HashSet<&'static str>,
    /// Longest TLD, in chars.
    max_chars: usize,
}

static TLDS: LazyLock<Tlds> = LazyLock::new(|| {
    let mut t = Tlds {
        generic: HashSet::new(),
        country: HashSet::new(),
        max_chars: 0,
    };
    let mut generic = false;
    for line in DATA.lines().map(str::trim) {
        match line {
            "" => {}
            l if l.starts_with('#') => {}
            "[country]" => generic = false,
            "[generic]" => generic = true,
            l => {
                t.max_chars = t.max_chars.max(l.chars().count());
                if generic {
                    t.generic.insert(l);
                } else {
                    t.country.insert(l);
                }
            }
        }
    }
    t
});

/// Which list a TLD came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TldKind {
    Generic,
    Country,
    Punycode,
}

/// The TLD lookahead of twitter-text 3.1.0: `(?=[^0-9a-zA-Z@+-]|$)`, `$` being `limit`.
fn boundary_ok(s: &str, i: usize, limit: usize) -> bool {
    if i >= limit {
        return true;
    }
    !matches!(char_at(s, i), Some(c) if c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-'))
}

/// Matches `(?:validGTLD|validCCTLD|validPunycode)` at byte `at` of `s[..limit]`: the end
/// byte of the TLD. Within each list the longest entry wins, as the upstream alternation
/// (sorted in descending order) does; matching is case-insensitive.
pub(crate) fn match_tld(s: &str, at: usize, limit: usize) -> Option<(usize, TldKind)> {
    let tlds = &*TLDS;
    let mut ends = [0usize; 32];
    let mut n = 0;
    for (i, c) in s[at..limit].char_indices() {
        if !is_domain_char(c) || n >= tlds.max_chars.min(ends.len()) {
            break;
        }
        ends[n] = at + i + c.len_utf8();
        n += 1;
    }
    let mut lower = String::new();
    let mut buf = [0u8; 32];
    for (set, kind) in [
        (&tlds.generic, TldKind::Generic),
        (&tlds.country, TldKind::Country),
    ] {
        for &end in ends[..n].iter().rev() {
            if !boundary_ok(s, end, limit) {
                continue;
            }
            let cand = &s[at..end];
            let key: &str = if cand.is_ascii() && cand.len() <= buf.len() {
                let b = &mut buf[..cand.len()];
                b.copy_from_slice(cand.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).unwrap_or("")
            } else {
                lower.clear();
                lower.extend(cand.chars().flat_map(char::to_lowercase));
                &lower
            };
            if set.contains(key) {
                return Some((end, kind));
            }
        }
    }
    // validPunycode: xn--[-0-9a-z]+ (no lookahead).
    let rest = &s.as_bytes()[at..limit];
    if rest.len() > 4 && rest[..4].eq_ignore_ascii_case(b"xn--") {
        let n = rest[4..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if n > 0 {
            return Some((at + 4 + n, TldKind::Punycode));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded() {
        assert_eq!(TLDS.country.len(), 315);
        assert_eq!(TLDS.generic.len(), 1259);
    }

    #[test]
    fn longest_tld_with_lookahead() {
        assert_eq!(match_tld("comsec", 0, 6), Some((6, TldKind::Generic)));
        assert_eq!(match_tld("COM/x", 0, 5), Some((3, TldKind::Generic)));
        assert_eq!(match_tld("comx", 0, 4), None);
        assert_eq!(match_tld("co-op", 0, 5), None);
        assert_eq!(match_tld("jp", 0, 2), Some((2, TldKind::Country)));
    }
}
