//! @mentions (and lists), #hashtags and $cashtags per twitter-text 3.1.0
//! (`extractMentionsOrListsWithIndices`, `extractHashtagsWithIndices`,
//! `extractCashtagsWithIndices`), plus what tact adds: Mastodon remote mentions
//! (`@user@host`, per Mastodon's `Account::MENTION_RE`) and e-mail addresses.
//!
//! The scanners follow the upstream expressions' consumption rules: the character before an
//! entity belongs to the previous match, so it cannot be reused.

use regex::Regex;
use std::sync::LazyLock;

use super::chars::{
    char_at, char_before, is_hashtag_alnum, is_hashtag_alpha, is_latin_accent, is_punct, is_space,
};

/// A mention or list: byte ranges of the whole entity (from the `@`) and of the list slug
/// (from its `/`), if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionMatch {
    /// Start byte (the `@` or `＠`).
    pub start: usize,
    /// End byte (exclusive), after the list slug if there is one.
    pub end: usize,
    /// Start byte of the `/list-slug` part, if any.
    pub list_start: Option<usize>,
}

fn is_at(c: char) -> bool {
    c == '@' || c == '＠'
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `[@＠][a-zA-Z0-9_]{1,20}(/[a-zA-Z][a-zA-Z0-9_-]{0,24})?` at `at`.
fn mention_body(s: &str, at: usize) -> Option<MentionMatch> {
    let c = char_at(s, at).filter(|&c| is_at(c))?;
    let name = at + c.len_utf8();
    let n = s.as_bytes()[name..]
        .iter()
        .take(20)
        .take_while(|b| is_name_byte(**b))
        .count();
    if n == 0 {
        return None;
    }
    let mut end = name + n;
    let mut list_start = None;
    let b = s.as_bytes();
    if b.get(end) == Some(&b'/') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
        let m = b[end + 2..]
            .iter()
            .take(24)
            .take_while(|b| is_name_byte(**b) || **b == b'-')
            .count();
        list_start = Some(end);
        end += 2 + m;
    }
    Some(MentionMatch {
        start: at,
        end,
        list_start,
    })
}

fn rt_then_at(s: &str, at: usize) -> Option<MentionMatch> {
    let b = s.as_bytes();
    if b.len() < at + 2 || !b[at..at + 2].eq_ignore_ascii_case(b"rt") {
        return None;
    }
    let after = at + 2;
    if b.get(after) == Some(&b':')
        && let Some(m) = mention_body(s, after + 1)
    {
        return Some(m);
    }
    mention_body(s, after)
}

/// `validMentionOrList` tried at byte `i` (its preceding-character alternatives in order).
fn mention_at(s: &str, i: usize) -> Option<MentionMatch> {
    if i == 0
        && let Some(m) = mention_body(s, 0)
    {
        return Some(m);
    }
    let c = char_at(s, i)?;
    let next = i + c.len_utf8();
    let plain = !(c.is_ascii_alphanumeric() || "_!#$%&*@＠".contains(c));
    if plain && let Some(m) = mention_body(s, next) {
        return Some(m);
    }
    if i == 0
        && let Some(m) = rt_then_at(s, 0)
    {
        return Some(m);
    }
    if !(c.is_ascii_alphanumeric() || "_+~.-".contains(c)) {
        return rt_then_at(s, next);
    }
    None
}

/// `endMentionMatch`: what may not follow a mention.
fn mention_rejected(rest: &str) -> bool {
    rest.starts_with("://")
        || rest
            .chars()
            .next()
            .is_some_and(|c| is_at(c) || is_latin_accent(c))
}

/// Mentions and lists of `text` per twitter-text 3.1.0, in order; byte ranges.
pub fn extract_mentions_or_lists(text: &str) -> Vec<MentionMatch> {
    let mut out = Vec::new();
    // Only positions from which an at sign is reachable can match: the at sign itself
    // (at the start), one character before it, or before `rt`/`rt:` and one more character.
    let mut starts = Vec::new();
    for (a, _) in text.match_indices(['@', '＠']) {
        let mut back = a;
        for _ in 0..4 {
            starts.push(back);
            match char_before(text, back) {
                Some(c) => back -= c.len_utf8(),
                None => break,
            }
        }
        starts.push(back);
    }
    starts.sort_unstable();
    starts.dedup();
    let mut pos = 0;
    for i in starts {
        if i < pos {
            continue;
        }
        if let Some(m) = mention_at(text, i) {
            if !mention_rejected(&text[m.end..]) {
                out.push(m);
            }
            pos = m.end;
        }
    }
    out
}

fn hashtag_boundary_ok(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some('\u{FE0E}' | '\u{FE0F}') => true,
        Some(c) => !(is_hashtag_alnum(c) || c == '&'),
    }
}

/// Hashtags of `text` per twitter-text 3.1.0 (`validHashtag`, `endHashtagMatch`), before
/// overlaps with URLs are removed; byte ranges from the `#` or `＃`.
pub(super) fn extract_hashtags_raw(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut consumed = 0;
    for (i, c) in text.match_indices(['#', '＃']) {
        if i < consumed {
            continue;
        }
        let prev = char_before(text, i);
        let prev_start = i - prev.map_or(0, char::len_utf8);
        if (i > 0 && prev_start < consumed) || !hashtag_boundary_ok(prev) {
            continue;
        }
        let body = i + c.len();
        if matches!(char_at(text, body), Some('\u{FE0F}' | '\u{20E3}')) {
            continue;
        }
        let mut end = body;
        let mut alpha = false;
        for ch in text[body..].chars() {
            if !is_hashtag_alnum(ch) {
                break;
            }
            alpha |= is_hashtag_alpha(ch);
            end += ch.len_utf8();
        }
        if !alpha {
            continue;
        }
        consumed = end;
        let rest = &text[end..];
        if rest.starts_with(['#', '＃']) || rest.starts_with("://") {
            continue;
        }
        out.push((i, end));
    }
    out
}

/// Cashtags of `text` per twitter-text 3.1.0 (`validCashtag`): `$` after the start or a
/// space, 1–6 ASCII letters, optionally `.` or `_` and 1–2 letters, then the end, a space
/// or punctuation; byte ranges from the `$`.
pub fn extract_cashtags(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut consumed = 0;
    for (i, _) in text.match_indices('$') {
        let prev = char_before(text, i);
        let prev_start = i - prev.map_or(0, char::len_utf8);
        if i > 0 && (prev_start < consumed || !prev.is_some_and(is_space)) {
            continue;
        }
        let letters = |from: usize, max: usize| {
            b[from..]
                .iter()
                .take(max)
                .take_while(|c| c.is_ascii_alphabetic())
                .count()
        };
        let n = letters(i + 1, 6);
        if n == 0 {
            continue;
        }
        let mut end = i + 1 + n;
        if matches!(b.get(end), Some(b'.' | b'_')) {
            let m = letters(end + 1, 2);
            if m > 0 && follows_ok(text, end + 1 + m) {
                end += 1 + m;
                consumed = end;
                out.push((i, end));
                continue;
            }
        }
        if follows_ok(text, end) {
            consumed = end;
            out.push((i, end));
        }
    }
    out
}

/// The cashtag lookahead `(?=$|\s|[punct])`.
fn follows_ok(text: &str, at: usize) -> bool {
    char_at(text, at).is_none_or(|c| c.is_whitespace() || is_punct(c))
}

static REMOTE_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\w@/=.+-])(?P<m>[@＠][A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*@[\w]+(?:[.-]+[\w]+)*\.[\w]+)",
    )
    .expect("valid remote-mention regex")
});

/// Mastodon remote mentions `@user@host` (Mastodon `Account::MENTION_RE`, host with at
/// least one dot); byte ranges from the `@`.
pub(super) fn extract_remote_mentions(text: &str) -> Vec<(usize, usize)> {
    if text.matches(['@', '＠']).nth(1).is_none() {
        return Vec::new();
    }
    windowed(text, &REMOTE_MENTION, "m")
}

/// Runs `re` (whose group `name` is the entity) only on the space-delimited tokens that
/// contain an `@`, each with the space before it, so the cost follows the number of `@`, not
/// the length of the text. Neither pattern can match across a space.
fn windowed(text: &str, re: &Regex, name: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut done = 0;
    for (a, _) in text.match_indices(['@', '＠']) {
        if a < done {
            continue;
        }
        let start = text[..a]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(k, _)| k);
        let end = text[a..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(text.len(), |(k, _)| a + k);
        let window = &text[start.max(done)..end];
        let base = start.max(done);
        out.extend(
            re.captures_iter(window)
                .filter_map(|c| c.name(name))
                .map(|m| (base + m.start(), base + m.end())),
        );
        done = end;
    }
    out
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@.+-])(?P<e>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[\w-]{2,})")
        .expect("valid e-mail regex")
});

/// E-mail addresses (`local@domain.tld`, not preceded by a word character, `@`, `.`, `+`
/// or `-`); byte ranges.
pub(super) fn extract_emails(text: &str) -> Vec<(usize, usize)> {
    if !text.contains('@') {
        return Vec::new();
    }
    windowed(text, &EMAIL, "e")
}

/// The reply target per twitter-text 3.1.0 `extractReplies` (`validReply`): an @mention at the
/// very start, after spaces or directional marks only; the byte range of the screen name.
pub fn extract_reply(text: &str) -> Option<(usize, usize)> {
    let lead = text
        .char_indices()
        .find(|&(_, c)| !(is_space(c) || super::chars::is_directional(c)))
        .map_or(text.len(), |(i, _)| i);
    let m = mention_body(text, lead)?;
    let name_end = m.list_start.unwrap_or(m.end);
    if mention_rejected(&text[name_end..]) {
        return None;
    }
    let at = char_at(text, lead).map_or(1, char::len_utf8);
    Some((lead + at, name_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_and_lists() {
        let t = "Hey @username, check out @otheruser/list_name-01!";
        let m = extract_mentions_or_lists(t);
        assert_eq!(m.len(), 2);
        assert_eq!(&t[m[1].start..m[1].end], "@otheruser/list_name-01");
        assert!(extract_mentions_or_lists("a@b f!@kn @_@").is_empty());
    }

    #[test]
    fn hashtags_need_a_letter_and_a_boundary() {
        let t = "#123 a#b #Kyiv2026 #a#b";
        let h: Vec<_> = extract_hashtags_raw(t)
            .iter()
            .map(|&(a, b)| &t[a..b])
            .collect();
        assert_eq!(h, ["#Kyiv2026"]);
    }

    #[test]
    fn cashtags_and_remote_mentions() {
        let t = "$TSLA $TEST.T x$NO";
        let c: Vec<_> = extract_cashtags(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(c, ["$TSLA", "$TEST.T"]);
        let t = "cc @ann@social.example.org and me@mail.example.org";
        let r: Vec<_> = extract_remote_mentions(t)
            .iter()
            .map(|&(a, b)| &t[a..b])
            .collect();
        assert_eq!(r, ["@ann@social.example.org"]);
        let e: Vec<_> = extract_emails(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(e, ["me@mail.example.org"]);
    }
}
