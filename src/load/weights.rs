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
    let mut weights = BTreeMap::new();
    let mut last = String::new();
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
        let (key, value) = plain_line(content, start)?;
        // A key written twice is left to `toml` to report.
        if weights.insert(key.clone(), value).is_some() {
            return None;
        }
        last = key;
        read.push(start..start + content.len());
    }
    // The last line stays for the `toml` crate.
    read.pop()?;
    weights.remove(&last);
    if weights.is_empty() {
        return None;
    }
    // Whole lines become spaces, so the text stays UTF-8.
    let mut rest = text.as_bytes().to_vec();
    for r in read {
        rest[r].fill(b' ');
    }
    let rest = String::from_utf8(rest).ok()?;
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
    let end = rest.find(['"', '\\'])?;
    let (key, after_key) = if rest.as_bytes()[end] == b'"' {
        (rest[..end].to_string(), end + 1)
    } else {
        escaped_key(rest)?
    };
    // Control characters (tab included) are left to `toml`.
    if key.bytes().any(|b| b < 0x20 || b == 0x7F) {
        return None;
    }
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

/// The key of `rest` (after the opening quote) with `\"` and `\\` escapes, and the offset
/// after its closing quote; `None` for any other escape.
fn escaped_key(rest: &str) -> Option<(String, usize)> {
    let mut key = String::new();
    let mut chars = rest.char_indices();
    loop {
        let (i, c) = chars.next()?;
        match c {
            '"' => return Some((key, i + 1)),
            '\\' => match chars.next()?.1 {
                c @ ('"' | '\\') => key.push(c),
                _ => return None,
            },
            c => key.push(c),
        }
    }
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
