//! Property tests: entity extraction and every counting unit on random text built from the
//! characters that drive them (dots, at signs, hashes, schemes, CJK, marks, emoji…): no
//! panic, every range on char boundaries, entities sorted and disjoint, overflow offsets on
//! char boundaries and within the text.

use proptest::prelude::*;
use tact::platform::{Unit, count, overflow_start};
use tact::text::{extract_entities, extract_hashtags, extract_urls, hashtag_words};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(".".to_string()),
        Just("@".to_string()),
        Just("＠".to_string()),
        Just("#".to_string()),
        Just("$".to_string()),
        Just("/".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("?".to_string()),
        Just(" ".to_string()),
        Just("\r\n".to_string()),
        Just("https://".to_string()),
        Just("xn--".to_string()),
        Just("com".to_string()),
        Just("co".to_string()),
        Just("example".to_string()),
        Just("日本".to_string()),
        Just("рф".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{FE0F}".to_string()),
        Just("\u{1F469}".to_string()),
        Just("_".to_string()),
        Just("-".to_string()),
        "[a-zA-Z0-9]{1,3}",
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn entities_are_sorted_disjoint_and_on_boundaries(t in text()) {
        let e = extract_entities(&t);
        for w in e.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for x in &e {
            prop_assert!(x.start < x.end && x.end <= t.len());
            prop_assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
        }
        for u in extract_urls(&t) {
            prop_assert!(t.is_char_boundary(u.start) && t.is_char_boundary(u.end));
        }
        for (a, b) in extract_hashtags(&t) {
            for (x, y) in hashtag_words(&t[a..b]) {
                prop_assert!(t[a..b].is_char_boundary(x) && t[a..b].is_char_boundary(y) && x < y);
            }
        }
    }

    #[test]
    fn counts_and_overflow_never_panic(t in text(), max in 0usize..60) {
        for (unit, _) in Unit::ALL {
            let n = count(unit, &t);
            match overflow_start(unit, &t, max) {
                Some(s) => {
                    prop_assert!(n > max, "{unit:?}");
                    prop_assert!(s <= t.len() && t.is_char_boundary(s));
                }
                None => prop_assert!(n <= max, "{unit:?}"),
            }
        }
    }
}
