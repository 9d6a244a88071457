//! Splitting a hashtag into the words it was written as, so leak and term rules can look
//! inside `#SecretNoforn2026` (→ `Secret`, `Noforn`, `2026`).

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Upper,
    Lower,
    /// Letters without case (CJK, Arabic…).
    Other,
    Digit,
    /// Combining marks and joiners: part of the character before them.
    Glue,
    Sep,
}

fn class(c: char) -> Class {
    if c.is_uppercase() {
        Class::Upper
    } else if c.is_lowercase() {
        Class::Lower
    } else if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Other
    } else if c != '_' && super::chars::is_hashtag_alnum(c) {
        Class::Glue
    } else {
        Class::Sep
    }
}

/// The words of a hashtag: byte ranges into `tag` (a leading `#` or `＃` is skipped).
///
/// Boundaries: `_` and any other non-word character separate; a lower-case letter followed
/// by a capital starts a word (`SecretNoforn` → `Secret`, `Noforn`); in a run of capitals the
/// last one starts a word when a lower-case letter follows (`NATOSummit` → `NATO`,
/// `Summit`); letters and digits separate (`Kyiv2026` → `Kyiv`, `2026`). Combining marks
/// and joiners stay with the letter before them; a word in a script without case is kept
/// whole.
pub fn hashtag_words(tag: &str) -> Vec<(usize, usize)> {
    let body = tag.trim_start_matches(['#', '＃']);
    let base = tag.len() - body.len();
    let chars: Vec<(usize, Class)> = body
        .char_indices()
        .map(|(i, c)| (base + i, class(c)))
        .filter(|&(_, k)| k != Class::Glue)
        .chain(std::iter::once((tag.len(), Class::Sep)))
        .collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev = Class::Sep;
    for (n, &(i, k)) in chars.iter().enumerate() {
        if k == Class::Sep {
            if let Some(s) = start.take() {
                let end = body[..i - base]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| class(c) != Class::Sep)
                    .map_or(i, |(j, c)| base + j + c.len_utf8());
                out.push((s, end));
            }
            prev = Class::Sep;
            continue;
        }
        let next = chars.get(n + 1).map(|x| x.1);
        let boundary = match (prev, k) {
            (Class::Sep, _) | (Class::Lower, Class::Upper) => true,
            (Class::Upper, Class::Upper) => next == Some(Class::Lower),
            (Class::Digit, Class::Digit) => false,
            (Class::Digit, _) | (_, Class::Digit) => true,
            _ => false,
        };
        if boundary {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            start = Some(i);
        }
        prev = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        hashtag_words(t)
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect()
    }

    #[test]
    fn camel_case_digits_and_acronyms() {
        assert_eq!(words("#SecretNoforn2026"), ["Secret", "Noforn", "2026"]);
        assert_eq!(words("#NATOSummit"), ["NATO", "Summit"]);
        assert_eq!(words("top_secret"), ["top", "secret"]);
        assert_eq!(words("#SECRET"), ["SECRET"]);
        assert_eq!(words("#G7"), ["G", "7"]);
        assert_eq!(words("#日本語"), ["日本語"]);
        assert_eq!(words("#Cafe\u{301}Noir"), ["Cafe\u{301}", "Noir"]);
        assert_eq!(words("#"), Vec::<&str>::new());
    }
}
