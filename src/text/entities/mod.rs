//! Entities as twitter-text 3.1.0 defines them — URLs (also without a scheme, when the
//! domain ends in a known TLD), @mentions and lists, #hashtags, $cashtags — plus Mastodon
//! remote mentions (`@user@host`) and e-mail addresses, found in the original text.
//!
//! For rule scopes a URL entity also covers the rest of a host name that twitter-text cut at
//! its last known TLD (`intranet.mfa.gov.xx/lines` is one URL entity, where X links only
//! `intranet.mfa.gov`); the `extract_*` functions return twitter-text's own ranges.
//!
//! Overlaps are resolved as twitter-text's `removeOverlappingEntities` does: by start, the
//! earlier entity wins; at the same start the priority is URL > e-mail > mention > hashtag
//! > cashtag. All ranges are byte ranges of the original text, on char boundaries.
//!
//! Sources: `twitter/twitter-text` JavaScript 3.1.0 (`js/src/extract*WithIndices.js`,
//! `js/src/regexp/*.js`), TLDs from its `conformance/tlds.yml` (see `tlds.txt`); Mastodon's
//! `Account::MENTION_RE` for remote mentions.

mod chars;
mod domain;
mod punycode;
mod social;
mod tld;
mod url;
mod words;

pub use social::{MentionMatch, extract_cashtags, extract_mentions_or_lists, extract_reply};
pub use url::{UrlMatch, extract_urls};
pub use words::hashtag_words;

use crate::model::Scope;

/// An entity: its scope and byte range in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    /// What it is.
    pub scope: Scope,
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

/// Hashtags of `text` per twitter-text 3.1.0 `extractHashtagsWithIndices` (hashtags that
/// overlap a URL dropped); byte ranges from the `#` or `＃`.
pub fn extract_hashtags(text: &str) -> Vec<(usize, usize)> {
    let tags = social::extract_hashtags_raw(text);
    if tags.is_empty() {
        return tags;
    }
    let urls = extract_urls(text);
    let mut all: Vec<(usize, usize, bool)> = tags
        .iter()
        .map(|&(a, b)| (a, b, true))
        .chain(urls.iter().map(|u| (u.start, u.end, false)))
        .collect();
    all.sort_by_key(|e| e.0);
    remove_overlaps(&mut all, |e| (e.0, e.1));
    all.into_iter()
        .filter(|e| e.2)
        .map(|e| (e.0, e.1))
        .collect()
}

/// twitter-text `removeOverlappingEntities` on a list already sorted by start.
fn remove_overlaps<T>(v: &mut Vec<T>, range: impl Fn(&T) -> (usize, usize)) {
    let mut prev_end = 0;
    let mut first = true;
    v.retain(|e| {
        let (s, t) = range(e);
        if !first && prev_end > s {
            return false;
        }
        first = false;
        prev_end = t;
        true
    });
}

/// Finds the entities of `text`, sorted by start, never overlapping. Byte ranges.
///
/// Cheap on plain text: each kind is looked for only when its trigger character (`.`, `@`,
/// `#`, `$`) occurs, and no regular expression or table is built per call.
pub fn extract_entities(text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut add = |scope: Scope, ranges: &mut dyn Iterator<Item = (usize, usize)>| {
        out.extend(ranges.map(|(start, end)| Entity { scope, start, end }));
    };
    add(
        Scope::Url,
        &mut extract_urls(text)
            .into_iter()
            .map(|u| (u.start, url::widened_end(text, u.end))),
    );
    add(Scope::Email, &mut social::extract_emails(text).into_iter());
    add(
        Scope::Mention,
        &mut social::extract_remote_mentions(text).into_iter(),
    );
    add(
        Scope::Mention,
        &mut extract_mentions_or_lists(text)
            .into_iter()
            .map(|m| (m.start, m.end)),
    );
    add(
        Scope::Hashtag,
        &mut social::extract_hashtags_raw(text).into_iter(),
    );
    add(Scope::Cashtag, &mut extract_cashtags(text).into_iter());
    // Stable: at equal starts the order above is the priority.
    out.sort_by_key(|e| e.start);
    remove_overlaps(&mut out, |e| (e.start, e.end));
    out
}

/// The scope of the byte range `start..end`: the entity that contains it, `Text` when it
/// touches no entity, or `None` when it crosses an entity's edge.
pub fn scope_of(entities: &[Entity], start: usize, end: usize) -> Option<Scope> {
    let i = entities.partition_point(|e| e.end <= start);
    match entities.get(i) {
        Some(e) if e.start < end.max(start + 1) => {
            (e.start <= start && end <= e.end).then_some(e.scope)
        }
        _ => Some(Scope::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(Scope, &str)> {
        extract_entities(t)
            .into_iter()
            .map(|e| (e.scope, &t[e.start..e.end]))
            .collect()
    }

    #[test]
    fn finds_each_kind() {
        let t = "See https://example.org/a?b=1. Mail press@mfa.example.org, ping @Embassy or @ann@social.example #Kyiv2026 $TSLA www.un.org!";
        assert_eq!(
            kinds(t),
            vec![
                (Scope::Url, "https://example.org/a?b=1"),
                (Scope::Email, "press@mfa.example.org"),
                (Scope::Mention, "@Embassy"),
                (Scope::Mention, "@ann@social.example"),
                (Scope::Hashtag, "#Kyiv2026"),
                (Scope::Cashtag, "$TSLA"),
                (Scope::Url, "www.un.org"),
            ]
        );
    }

    #[test]
    fn no_hashtag_of_digits_or_inside_words() {
        assert!(kinds("issue #1 and a#b").is_empty());
    }

    #[test]
    fn url_keeps_balanced_parentheses() {
        assert_eq!(
            kinds("(https://en.wikipedia.org/wiki/Kyiv_(city))"),
            vec![(Scope::Url, "https://en.wikipedia.org/wiki/Kyiv_(city)")]
        );
    }

    #[test]
    fn scheme_less_domains_need_a_known_tld() {
        assert_eq!(kinds("europa.eu"), vec![(Scope::Url, "europa.eu")]);
        assert!(kinds("file.txt and intranet.local").is_empty());
    }

    #[test]
    fn url_entity_covers_the_whole_host() {
        assert_eq!(
            kinds("See intranet.mfa.gov.xx/lines now"),
            vec![(Scope::Url, "intranet.mfa.gov.xx/lines")]
        );
        assert_eq!(
            kinds("https://intranet.mfa.gov.xx/a."),
            vec![(Scope::Url, "https://intranet.mfa.gov.xx/a")]
        );
    }

    #[test]
    fn scope_of_spans() {
        let t = "go #Kiev now";
        let e = extract_entities(t);
        assert_eq!(scope_of(&e, 4, 8), Some(Scope::Hashtag));
        assert_eq!(scope_of(&e, 0, 2), Some(Scope::Text));
        assert_eq!(scope_of(&e, 0, 6), None);
    }
}
