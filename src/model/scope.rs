//! Where a match sits, which view a matcher reads, and how terms meet word boundaries: the
//! values rule files name (`scopes`, `view`, `boundary`) and every layer uses.

use serde::Deserialize;

/// Which text a `pattern` rule runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViewKind {
    /// NFKC, invisible characters removed, spaces/quotes/dashes folded (the default).
    Clean,
    /// The text exactly as written; for rules about the invisible characters themselves.
    Raw,
}

/// Where a match sits (DESIGN §4).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Running text outside any entity.
    Text,
    /// A URL.
    Url,
    /// An @mention.
    Mention,
    /// A #hashtag.
    Hashtag,
    /// A $cashtag.
    Cashtag,
    /// An e-mail address.
    Email,
}

/// Word-boundary handling for terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Boundary {
    /// Whole words (UAX #29); terms in scripts without spaces match as substrings.
    Auto,
    /// Whole words always, even in scripts without spaces.
    Word,
    /// Substring anywhere.
    None,
}

impl Scope {
    /// The rule-file name (`text`, `url`, `mention`, `hashtag`, `cashtag`, `email`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Text => "text",
            Scope::Url => "url",
            Scope::Mention => "mention",
            Scope::Hashtag => "hashtag",
            Scope::Cashtag => "cashtag",
            Scope::Email => "email",
        }
    }
}

impl ViewKind {
    /// The rule-file name (`clean`, `raw`).
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Clean => "clean",
            ViewKind::Raw => "raw",
        }
    }
}

impl Boundary {
    /// The rule-file name (`auto`, `word`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            Boundary::Auto => "auto",
            Boundary::Word => "word",
            Boundary::None => "none",
        }
    }
}
