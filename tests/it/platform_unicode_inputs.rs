//! Every counting unit against its reference on the test inputs of
//! `../shared/reference/platforms-unicode.md` §3.2, one test per row (named after its id).
//!
//! Columns checked: G = extended graphemes (Bluesky, Mastodon), X = twitter-text v3 weight
//! (where npm 3.1.0 and the Rust crate differ, the Rust / "likely live" value, §2.5),
//! U16 = UTF-16 units (LinkedIn, Facebook, Instagram, Telegram warn); plus UTF-8 bytes
//! (Bluesky's second limit), code points (Telegram block) and Threads (code points, emoji as
//! UTF-8 bytes), derived from the input. Counts treat CRLF as LF (row U6).

use tact::platform::{Unit, XConfig, count, parse_tweet};

/// Checks one input: graphemes, X, UTF-16, and the derived units.
#[track_caller]
fn row(input: &str, g: usize, x: usize, u16: usize) {
    assert_eq!(count(Unit::Graphemes, input), g, "graphemes of {input:?}");
    assert_eq!(count(Unit::XWeighted, input), x, "X weight of {input:?}");
    assert_eq!(count(Unit::Utf16, input), u16, "UTF-16 of {input:?}");
    assert_eq!(
        count(Unit::Utf8Bytes, input),
        input.len(),
        "bytes of {input:?}"
    );
    assert_eq!(
        count(Unit::CodePoints, input),
        input.chars().count(),
        "code points of {input:?}"
    );
    assert_eq!(count(Unit::Mastodon, input), g, "Mastodon of {input:?}");
}

#[track_caller]
fn threads(input: &str, n: usize) {
    assert_eq!(count(Unit::Threads, input), n, "Threads of {input:?}");
}

#[test]
fn u1_woman_scientist() {
    let t = "\u{1F469}\u{200D}\u{1F52C}";
    row(t, 1, 2, 5);
    threads(t, 11);
}

#[test]
fn u2_couple_with_heart() {
    let t = "\u{1F469}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F468}";
    row(t, 1, 2, 8);
    threads(t, t.len());
}

#[test]
fn u4_text_presentation_selector() {
    let t = "\u{1F004}\u{FE0E}";
    row(t, 1, 4, 3);
    threads(t, 2);
}

#[test]
fn u5_tab() {
    row("Name:\tvalue", 11, 11, 11);
}

#[test]
fn u6_crlf_counts_as_lf() {
    let t = "line1\r\nline2";
    // After CRLF → LF every unit counts 11; upstream parseTweet on the raw text says 12.
    assert_eq!(count(Unit::Graphemes, t), 11);
    assert_eq!(count(Unit::XWeighted, t), 11);
    assert_eq!(count(Unit::Utf16, t), 11);
    assert_eq!(count(Unit::Utf8Bytes, t), 11);
    assert_eq!(count(Unit::CodePoints, t), 11);
    assert_eq!(count(Unit::Mastodon, t), 11);
    assert_eq!(parse_tweet(t, XConfig::V3).weighted_length, 12);
    assert_eq!(count(Unit::Threads, t), 11);
}

#[test]
fn u7_cjk_between_latin() {
    row("aaa\u{4F60}\u{597D}bbb", 8, 10, 8);
}

#[test]
fn u8_halfwidth_ka_dakuten() {
    row("\u{FF76}\u{FF9E}", 1, 4, 2);
}

#[test]
fn u10_keycaps() {
    row("1\u{FE0F}\u{20E3}", 1, 2, 3);
    row("1\u{20E3}", 1, 2, 2);
    threads("1\u{FE0F}\u{20E3}", 7);
}

#[test]
fn u11_mechanic_newer_than_npm_emoji_list() {
    let t = "\u{1F9D1}\u{200D}\u{1F527}";
    row(t, 1, 2, 5);
    threads(t, 11);
}

#[test]
fn u12_wales_tag_flag() {
    let t = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}";
    row(t, 1, 2, 14);
    assert_eq!(t.len(), 28);
    threads(t, 28);
}

#[test]
fn u13_zalgo() {
    let t = format!("e{}", "\u{301}".repeat(300));
    row(&t, 1, 300, 301);
    assert_eq!(t.len(), 601);
    assert!(!parse_tweet(&t, XConfig::V3).valid);
}

#[test]
fn u15_invisible_characters_inside_a_word() {
    row("clas\u{200B}sified", 11, 11, 11);
    row("clas\u{AD}sified", 11, 11, 11);
    row("clas\u{2060}sified", 11, 12, 11);
    row("clas\u{FEFF}sified", 11, 12, 11);
    assert!(!parse_tweet("clas\u{FEFF}sified", XConfig::V3).valid);
}

#[test]
fn u16_mixed_script_look_alikes() {
    row("\u{441}l\u{430}ssified", 10, 10, 10);
    row("\u{455}\u{435}\u{441}r\u{435}t", 6, 6, 6);
}

#[test]
fn u18_right_to_left() {
    row("\u{5E9}\u{5DC}\u{5D5}\u{5DD} 2025", 9, 9, 9);
    row("\u{644}\u{627}", 2, 2, 2);
}

#[test]
fn u19_decomposed_and_composed() {
    row("cafe\u{301}", 4, 4, 5);
    row("caf\u{E9}", 4, 4, 4);
}

#[test]
fn u20_turkish_dotted_and_dotless_i() {
    row("\u{130}STANBUL", 8, 8, 8);
    row("\u{131}stanbul", 8, 8, 8);
}

#[test]
fn u21_apostrophe_variants() {
    row("don\u{2019}t", 5, 5, 5);
}

#[test]
fn u23_rainbow_flag() {
    let t = "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}";
    row(t, 1, 2, 6);
    threads(t, 14);
}

#[test]
fn u24_thai_marks() {
    row("\u{E17}\u{E35}\u{E48}", 1, 3, 3);
    threads("\u{E17}\u{E35}\u{E48}", 3);
}

#[test]
fn u25_devanagari_conjunct() {
    row("\u{915}\u{94D}\u{924}", 1, 3, 3);
}

#[test]
fn u27_leading_bom() {
    let t = "\u{FEFF}Statement";
    row(t, 10, 11, 10);
    let p = parse_tweet(t, XConfig::V3);
    assert!(!p.valid);
}
