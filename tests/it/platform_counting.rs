//! Per-platform counting rules of `../shared/reference/platforms-unicode.md` §1 and DESIGN §9
//! beyond the §3.2 inputs: X URLs, Mastodon URLs and remote mentions, Threads links,
//! Instagram hashtags, Bluesky's two limits, and where the editor's overflow highlight starts.

use tact::platform::{Unit, count, overflow_start};

#[test]
fn x_scheme_less_domains_cost_23() {
    for d in ["x.com", "un.org", "gov.uk", "europa.eu"] {
        assert_eq!(count(Unit::XWeighted, d), 23, "{d}");
    }
    assert_eq!(count(Unit::XWeighted, "mfa.gov.xx"), 26);
    assert_eq!(count(Unit::XWeighted, "20\u{202F}%"), 5);
    assert_eq!(count(Unit::XWeighted, "\u{2019}\u{2026}"), 3);
}

#[test]
fn x_140_families_fit_and_160_masks_do_not() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    assert_eq!(count(Unit::XWeighted, &family.repeat(140)), 280);
    let masks = "\u{1F637}".repeat(160);
    assert_eq!(count(Unit::XWeighted, &masks), 320);
    // The 141st mask is the first that does not fit: highlight from its first byte.
    assert_eq!(overflow_start(Unit::XWeighted, &masks, 280), Some(140 * 4));
}

#[test]
fn x_overflow_inside_a_url_highlights_the_whole_url() {
    let t = format!("{} https://example.org/path", "a".repeat(270));
    assert_eq!(count(Unit::XWeighted, &t), 271 + 23);
    assert_eq!(overflow_start(Unit::XWeighted, &t, 280), Some(271));
}

#[test]
fn mastodon_urls_with_scheme_count_23_bare_domains_literally() {
    let long = "https://example.org/a/very/long/path/that/goes/on";
    assert_eq!(count(Unit::Mastodon, long), 23);
    assert_eq!(count(Unit::Mastodon, "see example.org"), 15);
    // Glued to preceding text: not a link, counted in full.
    assert_eq!(count(Unit::Mastodon, "xhttps://example.org"), 20);
}

#[test]
fn mastodon_remote_mention_counts_as_local_part() {
    assert_eq!(count(Unit::Mastodon, "@ann@social.example.org hi"), 4 + 3);
    assert_eq!(count(Unit::Mastodon, "@ann hi"), 7);
    let sparkles = "\u{2728}".repeat(500);
    assert_eq!(count(Unit::Mastodon, &sparkles), 500);
    let trans = "\u{1F3F3}\u{FE0F}\u{200D}\u{26A7}\u{FE0F}".repeat(500);
    assert_eq!(count(Unit::Mastodon, &trans), 500);
}

#[test]
fn threads_emoji_as_bytes_and_distinct_links() {
    assert_eq!(count(Unit::Threads, "hi \u{1F600}"), 3 + 4);
    assert_eq!(count(Unit::Threads, "Привет"), 6);
    let t = "a.com b.org c.net https://d.io/x e.eu a.com";
    assert_eq!(count(Unit::Links, t), 5);
    let six = format!("{t} f.gov");
    assert_eq!(count(Unit::Links, &six), 6);
    assert_eq!(overflow_start(Unit::Links, &six, 5), Some(six.len() - 5));
}

#[test]
fn instagram_hashtags() {
    let t = "#one #two #three #four #five #six #123";
    assert_eq!(count(Unit::Hashtags, t), 6);
    assert_eq!(overflow_start(Unit::Hashtags, t, 5), t.find("#six"));
    assert_eq!(count(Unit::Utf16, "\u{1F600}"), 2);
}

#[test]
fn bluesky_graphemes_and_bytes_both_hold() {
    let zalgo = format!("e{}", "\u{301}".repeat(20)).repeat(100);
    assert_eq!(count(Unit::Graphemes, &zalgo), 100);
    assert_eq!(count(Unit::Utf8Bytes, &zalgo), 4100);
    // The byte limit is exceeded inside a grapheme: the highlight starts at that grapheme.
    let start = overflow_start(Unit::Utf8Bytes, &zalgo, 3000).expect("over 3000 bytes");
    assert_eq!(start % 41, 0);
    assert_eq!(start, 41 * 73);
}

#[test]
fn telegram_code_points_and_utf16() {
    let t = "\u{1F600}".repeat(4096);
    assert_eq!(count(Unit::CodePoints, &t), 4096);
    assert_eq!(count(Unit::Utf16, &t), 8192);
    assert_eq!(overflow_start(Unit::CodePoints, &t, 4096), None);
    assert_eq!(overflow_start(Unit::Utf16, &t, 4096), Some(2048 * 4));
}

#[test]
fn every_unit_snaps_overflow_to_a_grapheme_start() {
    let t = "ab\u{1F469}\u{200D}\u{1F52C}cd";
    for (unit, _) in Unit::ALL {
        for max in 0..12 {
            if let Some(s) = overflow_start(unit, t, max) {
                assert!([0, 1, 2, 13, 14].contains(&s), "{unit:?} max {max} → {s}");
            }
        }
    }
}
