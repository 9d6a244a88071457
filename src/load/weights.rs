//! A quicker read of the `[tone.learned.weights]` table that `tact rules fit` writes: some
//! 14,000 lines of `"word" = 0.123`, which took most of the time the `toml` crate spends on
//! the bundled rules (it builds a whole document tree before the values are read).
//!
//! The lines of that table that have exactly the fit's shape (a basic-string key with no
//! escape other than `\"` and `\\`, `=`, a decimal number `-0.123`, nothing else) are read
//! here and turned into spaces in a copy of the file, which the `toml` crate then parses as
//! usual: every other byte stays at its place, so every span and every error is the same.
//! The last line of the table is left to the `toml` crate (the table then ends where it
//! did). Anything else — another shape of line, a repeated key, a multi-line string before
//! the table, a file that does not parse — and the whole file is parsed by the `toml` crate
//! alone, as before.

use std::collections::BTreeMap;

use toml::Spanned;

/// The header of the table read here, on a line of its own.
const HEADER: &str = "[tone.learned.weights]";

/// What [`split`] read: the file with the lines read blanked, and their weights.
pub(super) struct Split {
    /// The file text, each line read replaced by as many spaces.
    pub rest: String,
    /// The weights read, with the span of each value in the file.
    pub weights: BTreeMap<String, Spanned<f64>>,
}

/// Reads the plain lines of the file's `[tone.learned.weights]` table (module
/// documentation); `None` when the file has no such table or a line that is not plain.
pub(super) fn split(text: &str) -> Option<Split> {
    let header = find_header(text)?;
    // A multi-line string before the header could hold the header as text.
    if text[..header].contains("\"\"\"") || text[..header].contains("'''") {
        return None;
    }
    let body = header + text[header..].find('\n')? + 1;
    let mut weights: Vec<(String, Spanned<f64>)> = Vec::new();
    let mut read: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = body;
    for line in text[body..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        let t = content.trim_start_matches([' ', '\t']);
        if t.starts_with('[') {
            break;
        }
        if t.trim_end_matches([' ', '\t']).is_empty() || t.starts_with('#') {
            continue;
        }
        weights.push(plain_line(content, start)?);
        read.push(start..start + content.len());
    }
    // The last line stays for the `toml` crate.
    read.pop()?;
    let last = weights.pop()?.0;
    // Sorted by key once (the fit writes them by weight), then built in one go; a key
    // written twice, or again on the last line, is left to `toml` to report.
    weights.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if weights.is_empty()
        || weights.windows(2).any(|w| w[0].0 == w[1].0)
        || weights.binary_search_by(|w| w.0.cmp(&last)).is_ok()
    {
        return None;
    }
    let weights: BTreeMap<String, Spanned<f64>> = weights.into_iter().collect();
    let mut rest = String::with_capacity(text.len());
    let mut from = 0;
    for r in &read {
        rest.push_str(&text[from..r.start]);
        rest.extend(std::iter::repeat_n(' ', r.len()));
        from = r.end;
    }
    rest.push_str(&text[from..]);
    Some(Split { rest, weights })
}

/// The byte offset of the header line (at the start of a line, nothing after it but spaces).
fn find_header(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == HEADER {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// `"key" = -0.123` (spaces or tabs around `=` and at the end): the key and the value with
/// its span (`offset` is where `line` starts in the file); `None` for any other shape.
fn plain_line(line: &str, offset: usize) -> Option<(String, Spanned<f64>)> {
    let t = line.trim_start_matches([' ', '\t']);
    let rest = t.strip_prefix('"')?;
    let mut key = String::new();
    let mut chars = rest.char_indices();
    let after_key = loop {
        let (i, c) = chars.next()?;
        match c {
            '"' => break i + 1,
            '\\' => match chars.next()?.1 {
                c @ ('"' | '\\') => key.push(c),
                _ => return None,
            },
            c if c.is_control() => return None,
            c => key.push(c),
        }
    };
    let after = &rest[after_key..];
    let value = after.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let value = value.trim_start_matches([' ', '\t']);
    let number = value.trim_end_matches([' ', '\t']);
    if !plain_number(number) {
        return None;
    }
    let start = offset + (line.len() - value.len());
    let v: f64 = number.parse().ok()?;
    Some((key, Spanned::new(start..start + number.len(), v)))
}

/// A TOML decimal float without exponent, sign `+` or underscores: `-?(0|[1-9][0-9]*)\.[0-9]+`.
fn plain_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some((int, frac)) = s.split_once('.') else {
        return false;
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac) && (int == "0" || !int.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::rule::RuleFile;

    /// The table as read here and as the `toml` crate reads it: the same keys, values and
    /// spans, and the rest of the file the same.
    fn same_as_toml(text: &str) -> usize {
        let full: RuleFile = toml::from_str(text).unwrap();
        let split = split(text).expect("the fast path applies");
        assert_eq!(split.rest.len(), text.len());
        let mut fast: RuleFile = toml::from_str(&split.rest).unwrap();
        let learned = fast.tone.as_mut().unwrap().learned.as_mut().unwrap();
        let n = split.weights.len();
        let mut weights = split.weights;
        learned.get_mut().weights.append(&mut weights);
        let full_learned = full.tone.as_ref().unwrap().learned.as_ref().unwrap();
        assert_eq!(learned.span(), full_learned.span());
        let (a, b) = (&learned.get_ref().weights, &full_learned.get_ref().weights);
        assert_eq!(a.len(), b.len());
        for ((ka, va), (kb, vb)) in a.iter().zip(b) {
            assert_eq!(ka, kb);
            assert_eq!(va.get_ref().to_bits(), vb.get_ref().to_bits(), "{ka}");
            assert_eq!(va.span(), vb.span(), "{ka}");
        }
        n
    }

    #[test]
    fn the_bundled_fit_reads_the_same() {
        let text = std::fs::read_to_string("rules/tone-fitted.toml").unwrap();
        assert!(same_as_toml(&text) > 10_000);
    }

    #[test]
    fn plain_lines_escapes_and_comments() {
        let text = "schema = 1\n[pack]\nid = \"t\"\n[tone.learned]\nbias = -0.5\nwarn = 0.5\n\n[tone.learned.weights]\n# c\n\"a \\\"b\\\" \\\\\" = 1.250\n\t\"ü\"\t=\t-0.001  \r\n\n\"<name>\" = 0.869\n\"z\" = 2.0\n";
        assert_eq!(same_as_toml(text), 3);
    }

    #[test]
    fn other_shapes_are_left_to_toml() {
        let head = "schema = 1\n[pack]\nid = \"t\"\n[tone.learned]\nbias = 0.0\nwarn = 0.5\n[tone.learned.weights]\n\"a\" = 1.0\n\"b\" = 1.0\n";
        for line in [
            "c = 1.0",
            "\"c\" = 1",
            "\"c\" = +1.0",
            "\"c\" = 01.0",
            "\"c\" = 1e3",
            "\"c\" = 1_0.0",
            "\"c\" = 1.0 # note",
            "\"c\\n\" = 1.0",
            "\"a\" = 2.0",
            "'c' = 1.0",
            "\"c\".d = 1.0",
        ] {
            assert!(
                split(&format!("{head}{line}\n\"d\" = 1.0\n")).is_none(),
                "{line}"
            );
        }
        let multi = "x = '''\n[tone.learned.weights]\n\"a\" = 1.0\n\"b\" = 1.0\n'''\n";
        assert!(split(multi).is_none());
        assert!(split(head).is_some());
        // A repeated key between the table and its last line is a `toml` error, reported as such.
        assert!(split(&format!("{head}\"b\" = 3.0\n")).is_none());
    }
}
