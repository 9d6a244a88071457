//! Text model (DESIGN §4): normalised views of the original text with offset maps back to
//! it, word boundaries, entities (URLs, @mentions, #hashtags, $cashtags, e-mail addresses)
//! and line/column positions; [`strict_json`] reads a JSON record that must mean the same to
//! every reader (no repeated keys).
//!
//! Every span that leaves this module is a byte range of the *original* text on char
//! boundaries.

pub mod bidi;
mod boundary;
mod entities;
mod evasion;
pub use evasion::{latin_prototype, mostly_latin};
mod reading;
pub mod strict_json;
pub use reading::{Reading, evasion_reading};
mod view;

pub use boundary::{WordBounds, after_joined_hyphen, is_scriptio_continua};
pub use entities::{
    Entity, MentionMatch, UrlMatch, extract_cashtags, extract_entities, extract_hashtags,
    extract_mentions_or_lists, extract_reply, extract_urls, hashtag_words, scope_of,
};
pub(crate) use view::is_default_ignorable;
pub use view::{
    MAX_TEXT_BYTES, View, Views, collapse_str, fold_str, hashtag_split, visible, visual_order,
};

/// The largest char boundary of `text` at or before byte `i` (`i` past the end: the end).
/// `str::floor_char_boundary` is newer than the minimum supported Rust.
pub fn floor_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or after byte `i` (`i` past the end: the end).
pub fn ceil_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
