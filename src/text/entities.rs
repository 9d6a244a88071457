//! Entities: URLs (with a scheme or `www.`), e-mail addresses, @mentions (also
//! `@user@instance`), #hashtags and $cashtags, found in the original text.
//!
//! This is a first approximation of the twitter-text extraction rules: a URL ends before
//! whitespace and trailing punctuation; a mention or hashtag must not follow a word character.
//! Overlaps are resolved by priority URL > e-mail > mention > hashtag > cashtag.

use regex::Regex;
use std::sync::LazyLock;

use crate::rules::Scope;

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

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\x22\p{Cf}]+")
        .expect("valid URL regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@.+-])(?P<e>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[\w-]{2,})")
        .expect("valid e-mail regex")
});
static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@#$&])(?P<e>[@＠]\w{1,50}(?:@[\w-]+(?:\.[\w-]+)+)?)")
        .expect("valid mention regex")
});
static HASHTAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w&#@$])(?P<e>[#＃][\w\p{M}]*[\p{L}_][\w\p{M}]*)")
        .expect("valid hashtag regex")
});
static CASHTAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w$])(?P<e>\$[A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)\b")
        .expect("valid cashtag regex")
});

fn trim_url_end(text: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let c = text[..end].chars().next_back().unwrap_or(' ');
        let opens = text[start..end].matches('(').count();
        let closes = text[start..end].matches(')').count();
        let trailing = matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '…' | '”' | '’'
        ) || (c == ')' && closes > opens);
        if !trailing {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// Finds the entities of `text`, sorted by start, never overlapping.
pub fn extract_entities(text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let push = |scope: Scope, start: usize, end: usize, out: &mut Vec<Entity>| {
        if end > start && !out.iter().any(|e| start < e.end && e.start < end) {
            out.push(Entity { scope, start, end });
        }
    };
    for m in URL.find_iter(text) {
        let end = trim_url_end(text, m.start(), m.end());
        push(Scope::Url, m.start(), end, &mut out);
    }
    for (re, scope) in [
        (&*EMAIL, Scope::Email),
        (&*MENTION, Scope::Mention),
        (&*HASHTAG, Scope::Hashtag),
        (&*CASHTAG, Scope::Cashtag),
    ] {
        for c in re.captures_iter(text) {
            if let Some(m) = c.name("e") {
                push(scope, m.start(), m.end(), &mut out);
            }
        }
    }
    out.sort_by_key(|e| e.start);
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
    fn scope_of_spans() {
        let t = "go #Kiev now";
        let e = extract_entities(t);
        assert_eq!(scope_of(&e, 4, 8), Some(Scope::Hashtag));
        assert_eq!(scope_of(&e, 0, 2), Some(Scope::Text));
        assert_eq!(scope_of(&e, 0, 6), None);
    }
}
