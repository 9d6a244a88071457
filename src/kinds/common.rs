//! What every kind's compiler uses: errors that point at the rule, required keys, and term
//! lists read from files next to the rule file.

use super::terms::hashed::HashedMatcher;
use super::validate::resolve_terms_file;
use crate::diag::{ErrorKind, ListPath, RuleError};
use crate::schema::LayeredRule;

pub(crate) fn rule_error(r: &LayeredRule, msg: String) -> RuleError {
    let o = &r.origins[0];
    let start = crate::model::LineIndex::new(&o.source)
        .line_range(&o.source, o.line.max(1))
        .0;
    RuleError::at(
        &o.file,
        &o.source,
        (start, start),
        format!("rule `{}/{}`: {msg}", r.pack, r.id),
    )
}

/// An error at the line where the rule's `[[rule]]` table sets `key` (`terms = []`), in the
/// last layer that sets it; at the `[[rule]]` line when no layer writes the key on a line of
/// its own.
pub(crate) fn key_error(r: &LayeredRule, key: &str, msg: String) -> RuleError {
    for o in r.origins.iter().rev() {
        let mut offset = 0;
        for (n, line) in o.source.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            if n < o.line {
                continue;
            }
            let t = line.trim_start();
            if t.starts_with('[') {
                break;
            }
            let Some(rest) = t.strip_prefix(key) else {
                continue;
            };
            if rest.trim_start().starts_with('=') {
                let at = start + (line.len() - t.len());
                let end = start + line.trim_end().len();
                return RuleError::at(
                    &o.file,
                    &o.source,
                    (at, end),
                    format!("rule `{}/{}`: {msg}", r.pack, r.id),
                );
            }
        }
    }
    rule_error(r, msg)
}

pub(crate) fn required<'a, T>(
    r: &LayeredRule,
    v: &'a Option<toml::Spanned<T>>,
    key: &str,
) -> Result<&'a T, RuleError> {
    v.as_ref().map(|s| s.get_ref()).ok_or_else(|| {
        rule_error(r, format!("missing `{key}`"))
            .with_help(format!("every rule needs `{key}`; see rules/README.md"))
    })
}

/// Resolves a list path of `r` in the folder of its last layer that has one.
///
/// # Errors
/// [`ErrorKind::ListPath`]: a path outside the folder, or a missing file.
fn list_path(r: &LayeredRule, rel: &str) -> Result<std::path::PathBuf, RuleError> {
    let dir = r.origins.iter().rev().find_map(|o| o.dir.as_deref());
    resolve_terms_file(dir, rel).map_err(|m| {
        rule_error(r, m).with_kind(ErrorKind::ListPath(Box::new(ListPath {
            dir: dir.map(std::path::Path::to_path_buf),
            path: rel.to_string(),
        })))
    })
}

/// Reads a `terms-file`: one term per line, `#` comments.
pub(crate) fn read_terms_file(r: &LayeredRule, rel: &str) -> Result<Vec<String>, RuleError> {
    let path = list_path(r, rel)?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| rule_error(r, format!("cannot read `{}`: {e}", path.display())))?;
    Ok(text
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// Reads a `terms-sha256-file`. Errors name the file and line, never a line's content.
pub(crate) fn read_hashed_file(r: &LayeredRule, rel: &str) -> Result<HashedMatcher, RuleError> {
    let path = list_path(r, rel)?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| rule_error(r, format!("cannot read `{}`: {e}", path.display())))?;
    HashedMatcher::parse(&text).map_err(|m| {
        let help = if m.contains("salt") {
            "put back the `# salt: S` line with the salt the list was hashed with, or hash the plain list again with `tact rules hash-list PLAIN.txt --salt S -o FILE`"
        } else {
            "write the file with `tact rules hash-list PLAIN.txt --salt S -o FILE`"
        };
        // A bad line is reported at that line of the list, without showing it (it may be a
        // codename pasted in plain text).
        let at_line = m
            .strip_prefix("line ")
            .and_then(|rest| rest.split_once(": "))
            .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest)));
        match at_line {
            Some((n, rest)) => {
                let mut e = RuleError::file(
                    &path.display().to_string(),
                    format!(
                        "rule `{}/{}`: line {n} of the hashed list: {rest}",
                        r.pack, r.id
                    ),
                );
                e.line = n;
                e.with_help(help)
            }
            None => rule_error(r, format!("`{}`: {m}", path.display())).with_help(help),
        }
    })
}

/// Total key bytes up to which an Aho–Corasick automaton is built as a full DFA.
///
/// A DFA scans several times faster than the default contiguous NFA (one table look-up a
/// byte, no failure transitions), and the kind does not change which matches are reported;
/// its memory grows with the keys (about 1 KB a key byte at worst), so big term lists keep
/// the NFA.
pub(crate) const AC_DFA_MAX_KEY_BYTES: usize = 16 * 1024;

/// The Aho–Corasick kind for `keys`: a DFA when their total length is at most
/// [`AC_DFA_MAX_KEY_BYTES`], else the builder's own choice.
pub(crate) fn ac_kind<K: AsRef<[u8]>>(keys: &[K]) -> Option<aho_corasick::AhoCorasickKind> {
    let bytes: usize = keys.iter().map(|k| k.as_ref().len()).sum();
    (bytes <= AC_DFA_MAX_KEY_BYTES).then_some(aho_corasick::AhoCorasickKind::DFA)
}

/// Bytes an automaton of [`LazyAc`] scans as a contiguous NFA before it is rebuilt as a DFA.
pub(crate) const LAZY_DFA_AFTER_BYTES: usize = 32 * 1024;

/// An Aho–Corasick automaton that starts as a contiguous NFA (several times quicker to
/// build than a DFA: most of the start-up of a one-post check went into building DFAs) and
/// is rebuilt as a DFA (quicker to scan) once it has scanned [`LAZY_DFA_AFTER_BYTES`], when
/// its keys are small enough for one ([`ac_kind`]). The kind never changes which matches
/// are reported, only how fast.
#[derive(Debug)]
pub(crate) struct LazyAc {
    nfa: aho_corasick::AhoCorasick,
    /// The DFA, once built (`None`: it could not be, the NFA stays).
    dfa: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    /// How to build the DFA: the builder and the keys; `None` when the keys are too large.
    later: Option<(aho_corasick::AhoCorasickBuilder, Vec<Vec<u8>>)>,
    /// Bytes scanned so far with the NFA.
    scanned: std::sync::atomic::AtomicUsize,
}

impl Clone for LazyAc {
    fn clone(&self) -> LazyAc {
        use std::sync::atomic::Ordering::Relaxed;
        LazyAc {
            nfa: self.nfa.clone(),
            dfa: self.dfa.clone(),
            later: self.later.clone(),
            scanned: self.scanned.load(Relaxed).into(),
        }
    }
}

impl LazyAc {
    /// Builds the NFA of `keys` with `builder` (whose kind is set here).
    ///
    /// # Errors
    /// If the automaton cannot be built (too many states).
    pub(crate) fn build<K: AsRef<[u8]>>(
        builder: &aho_corasick::AhoCorasickBuilder,
        keys: &[K],
    ) -> Result<LazyAc, aho_corasick::BuildError> {
        let nfa = builder
            .clone()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(keys)?;
        let later = ac_kind(keys).map(|kind| {
            let mut b = builder.clone();
            b.kind(Some(kind));
            (b, keys.iter().map(|k| k.as_ref().to_vec()).collect())
        });
        Ok(LazyAc {
            nfa,
            dfa: std::sync::OnceLock::new(),
            later,
            scanned: 0.into(),
        })
    }

    /// The automaton to scan a haystack of `len` bytes with: the DFA once it is worth
    /// building (built now by the first caller past the threshold), else the NFA.
    pub(crate) fn get(&self, len: usize) -> &aho_corasick::AhoCorasick {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref().unwrap_or(&self.nfa);
        }
        let Some((builder, keys)) = &self.later else {
            return &self.nfa;
        };
        if self.scanned.fetch_add(len, Relaxed) + len < LAZY_DFA_AFTER_BYTES {
            return &self.nfa;
        }
        // The first caller past the threshold builds it; others wait for it.
        self.dfa
            .get_or_init(|| builder.build(keys).ok())
            .as_ref()
            .unwrap_or(&self.nfa)
    }
}
