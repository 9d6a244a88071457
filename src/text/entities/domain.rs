//! Domain matching of twitter-text 3.1.0 (`validDomain` and `validAsciiDomain`), memoised per
//! label so that a whole text is scanned in linear time however many dots it has.
//!
//! Upstream's expressions are `validSubdomain* validDomainName TLD` and `(label\.)+ TLD` with
//! backtracking, i.e. as many labels as possible before the TLD. For a chain of labels that
//! is: the answer from a label is the answer from the next label if this label may be a
//! subdomain and the rest matches; otherwise this label followed directly by a TLD.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::chars::{char_at, char_before, is_domain_char, is_latin_accent};
use super::tld::match_tld;

/// `[-a-z0-9latinAccentChars]` (case-insensitive), the label characters of `validAsciiDomain`.
pub(crate) fn is_ascii_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || is_latin_accent(c)
}

/// A multiplicative hasher for byte offsets (the memo keys), much cheaper than SipHash.
#[derive(Default)]
pub(crate) struct OffsetHasher(u64);

impl Hasher for OffsetHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Memo = HashMap<usize, Option<usize>, BuildHasherDefault<OffsetHasher>>;

/// A memoising domain matcher over one text.
pub(crate) struct Domains<'a> {
    s: &'a str,
    /// `validAsciiDomain` mode (else `validDomain`).
    ascii: bool,
    /// Domain end for a label starting at a byte, `None` when no domain starts there.
    memo: Memo,
    tlds: Memo,
}

impl<'a> Domains<'a> {
    /// A matcher for `validDomain` (`ascii == false`) or `validAsciiDomain` in `s`; the TLD
    /// lookahead treats the end of `s` as the end of the text.
    pub(crate) fn new(s: &'a str, ascii: bool) -> Self {
        Domains {
            s,
            ascii,
            memo: Memo::default(),
            tlds: Memo::default(),
        }
    }

    /// Whether `c` may be part of a label (including the `-`/`_` that may only be inside).
    pub(crate) fn member(&self, c: char) -> bool {
        if self.ascii {
            is_ascii_domain_char(c)
        } else {
            is_domain_char(c) || c == '-' || c == '_'
        }
    }

    fn run_end(&self, at: usize) -> usize {
        self.s[at..]
            .char_indices()
            .find(|&(_, c)| !self.member(c))
            .map_or(self.s.len(), |(k, _)| at + k)
    }

    fn tld(&mut self, at: usize) -> Option<usize> {
        if let Some(&v) = self.tlds.get(&at) {
            return v;
        }
        let v = match_tld(self.s, at, self.s.len()).map(|(e, _)| e);
        self.tlds.insert(at, v);
        v
    }

    /// The domain end for the label `at..end` (a dot at `end`), given the answer `next` for
    /// the label after that dot.
    fn combine(
        &mut self,
        at: usize,
        end: usize,
        underscore: bool,
        next: Option<usize>,
    ) -> Option<usize> {
        if self.ascii {
            return next.or_else(|| self.tld(end + 1));
        }
        let edges = char_at(self.s, at).is_some_and(is_domain_char)
            && char_before(self.s, end).is_some_and(is_domain_char);
        if !edges {
            return None;
        }
        if next.is_some() {
            return next;
        }
        if underscore { None } else { self.tld(end + 1) }
    }

    /// The domain that starts with a label at byte `p`, if any: its end byte.
    pub(crate) fn at(&mut self, p: usize) -> Option<usize> {
        let mut chain = Vec::new();
        let mut q = p;
        let mut next = loop {
            if let Some(&v) = self.memo.get(&q) {
                break v;
            }
            let r = self.run_end(q);
            if r == q || char_at(self.s, r) != Some('.') {
                self.memo.insert(q, None);
                break None;
            }
            chain.push((q, r, !self.ascii && self.s[q..r].contains('_')));
            q = r + 1;
        };
        for &(a, r, us) in chain.iter().rev() {
            next = self.combine(a, r, us, next);
            self.memo.insert(a, next);
        }
        next
    }

    /// The domain that starts at `d` inside a label run that ends (at a dot) at `end`;
    /// `underscore` tells whether `d..end` contains `_`.
    pub(crate) fn from(&mut self, d: usize, end: usize, underscore: bool) -> Option<usize> {
        if let Some(&v) = self.memo.get(&d) {
            return v;
        }
        let next = self.at(end + 1);
        let v = self.combine(d, end, underscore, next);
        self.memo.insert(d, v);
        v
    }
}

/// Every match of `validAsciiDomain` in `domain` (byte ranges into it).
pub(crate) fn ascii_domains(domain: &str) -> Vec<(usize, usize)> {
    let mut m = Domains::new(domain, true);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(domain, i) {
        let starts = is_ascii_domain_char(c)
            && (!char_before(domain, i).is_some_and(is_ascii_domain_char)
                || out.last().is_some_and(|&(_, e)| e == i));
        if starts && let Some(e) = m.at(i) {
            out.push((i, e));
            i = e;
            continue;
        }
        i += c.len_utf8();
    }
    out
}
