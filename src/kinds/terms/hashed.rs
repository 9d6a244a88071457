//! `kind = "terms"` with `terms-sha256-file`: a secret term list stored as digests.
//!
//! **What it flags.** Any run of one to `max-words` whole words of the folded view whose
//! SHA-256 (of the salt followed by the folded words joined by one space) is in the list.
//! Matching is as case-, Unicode- and whitespace-insensitive as plain terms.
//!
//! **Why.** A list of project codenames is itself a leak if it sits in plain text in a rule
//! folder. The digests reveal nothing; the plaintext never appears in any output, file or
//! error message of tact.
//!
//! **Example.** `terms-sha256-file = "codenames.sha256"`, made by
//! `tact rules hash-list codenames.txt --salt embassy > codenames.sha256`.
//!
//! **Fix safety.** Advice only.
//!
//! File format: lines `# salt: S` and `# max-words: N` (written by `hash-list`), other `#`
//! comments, then one lowercase hex SHA-256 digest per line.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use crate::kinds::RawMatch;
use crate::kinds::filter::Scratch;
use crate::text::fold_str;

/// A compiled hashed term list.
#[derive(Debug, Clone, Default)]
pub struct HashedMatcher {
    /// The digests.
    pub digests: HashSet<[u8; 32]>,
    /// Salt prefixed to every candidate before hashing.
    pub salt: String,
    /// The longest entry, in words.
    pub max_words: usize,
}

/// The digest of an already folded term.
pub fn digest(salt: &str, folded: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(folded.as_bytes());
    h.finalize().into()
}

fn parse_hex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Writes the hashed form of a plain list (one term per line, `#` comments) — the output of
/// `tact rules hash-list`. Digests are sorted so the file says nothing about list order.
pub fn hash_list(plain: &str, salt: &str) -> String {
    let terms: Vec<String> = plain
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty())
        .map(fold_str)
        .collect();
    let max_words = terms
        .iter()
        .map(|t| crate::kinds::filter::words_of(t).len())
        .max()
        .unwrap_or(1);
    let mut digests: Vec<String> = terms
        .iter()
        .map(|t| crate::model::hex(&digest(salt, t)))
        .collect();
    digests.sort();
    digests.dedup();
    let mut out = String::from("# tact hashed term list: SHA-256 of salt + folded term\n");
    // Written even when empty: a list without the line is one whose salt was deleted.
    out.push_str(&format!("# salt: {salt}\n"));
    out.push_str(&format!("# max-words: {max_words}\n"));
    for d in digests {
        out.push_str(&d);
        out.push('\n');
    }
    out
}

impl HashedMatcher {
    /// Parses a hashed list file.
    ///
    /// # Errors
    /// The 1-based line number of the first line that is neither a comment nor a digest
    /// (its content is not repeated), or "empty" when there is no digest.
    pub fn parse(text: &str) -> Result<HashedMatcher, String> {
        let mut m = HashedMatcher {
            max_words: 1,
            ..Default::default()
        };
        let mut salted = false;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(salt) = line.strip_prefix("# salt:") {
                m.salt = salt.trim().to_string();
                salted = true;
            } else if let Some(n) = line.strip_prefix("# max-words:") {
                m.max_words = n
                    .trim()
                    .parse()
                    .map_err(|_| format!("line {}: `max-words` is not a number", i + 1))?;
            } else if !line.is_empty() && !line.starts_with('#') {
                let d = parse_hex(line).ok_or_else(|| {
                    format!("line {}: not a SHA-256 digest (64 hex digits)", i + 1)
                })?;
                m.digests.insert(d);
            }
        }
        if m.digests.is_empty() {
            return Err("the hashed list has no digests".to_string());
        }
        if !salted {
            return Err(
                "the hashed list has no `# salt:` line, so no entry can match (the digests were made with the salt)"
                    .to_string(),
            );
        }
        Ok(m)
    }
}

impl crate::kinds::KindMatcher for HashedMatcher {
    /// A hashed list is a `terms` rule with `terms-sha256-file`.
    fn kind_name(&self) -> &'static str {
        "terms"
    }

    /// Finds word n-grams of the folded view whose digest is in the list.
    fn find(
        &self,
        rule: usize,
        _text: &str,
        s: &Scratch<'_>,
        _opts: &crate::kinds::CheckOptions,
        out: &mut Vec<RawMatch>,
    ) {
        let v = &s.views.folded;
        let words = s.folded_words();
        for i in 0..words.len() {
            for n in 1..=self.max_words.min(words.len() - i) {
                let (start, end) = (words[i].0, words[i + n - 1].1);
                if self
                    .digests
                    .contains(&digest(&self.salt, &v.text[start..end]))
                {
                    let (os, oe) = v.to_source(start, end);
                    out.push(RawMatch {
                        rule,
                        start: os,
                        end: oe,
                        entry: 0,
                    });
                }
            }
        }
    }

    /// Writes the list into a rule fingerprint: the digests sorted (a set), salt, word limit.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        fp.field("hashed", [1]);
        fp.set("digests", &self.digests)
            .field("salt", &self.salt)
            .field("max-words", (self.max_words as u64).to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_list_round_trip_without_plaintext() {
        let file = hash_list("# codenames\nBlue Fern\nGranite Owl Three\n", "emb");
        assert!(!file.to_lowercase().contains("fern") && !file.to_lowercase().contains("granite"));
        let m = HashedMatcher::parse(&file).unwrap();
        assert_eq!(m.max_words, 3);
        assert_eq!(m.salt, "emb");
        assert!(m.digests.contains(&digest("emb", "blue fern")));
    }

    #[test]
    fn bad_line_is_reported_without_its_content() {
        let e = HashedMatcher::parse("# x\nsecret codename\n").unwrap_err();
        assert_eq!(e, "line 2: not a SHA-256 digest (64 hex digits)");
    }
}
