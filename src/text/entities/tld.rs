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
    let mut ends = Vec::with_capacity(8);
    for (i, c) in s[at..limit].char_indices() {
        if !is_domain_char(c) || ends.len() >= tlds.max_chars {
            break;
        }
        ends.push(at + i + c.len_utf8());
    }
    let mut lower = String::new();
    for (set, kind) in [
        (&tlds.generic, TldKind::Generic),
        (&tlds.country, TldKind::Country),
    ] {
        for &end in ends.iter().rev() {
            if !boundary_ok(s, end, limit) {
                continue;
            }
            lower.clear();
            lower.extend(s[at..end].chars().flat_map(char::to_lowercase));
            if set.contains(lower.as_str()) {
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
