//! The matching and hidden-character cases of `reference/rule-engines.md` §4 (rows named
//! `row_N`) and `reference/platforms-unicode.md` §3.2 (rows named `u_N`), each against a rule
//! pack written for the row, plus disguised markings against the bundled packs.

use tact::engine::load_engine;
use tact::engine::{CheckOptions, Engine};
use tact::model::Finding;

use crate::support::rules::{bundled, only, over_bundled};

fn engine(rules: &str, builtin: bool) -> Engine {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("schema = 1\n[pack]\nid = \"t\"\n{rules}");
    std::fs::write(dir.path().join("t.toml"), text).unwrap();
    let dirs = [dir.path()];
    let opts = if builtin {
        over_bundled(&dirs)
    } else {
        only(&dirs)
    };
    load_engine(&opts).unwrap_or_else(|e| panic!("test pack: {e}"))
}

fn rule(id: &str, kind: &str, body: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\nkind = \"{kind}\"\ncategory = \"terms\"\nseverity = \"warn\"\nmessage = \"`{{match}}`\"\nwhy = \"w\"\n{body}\n"
    )
}

fn found(e: &Engine, text: &str, rule: &str) -> Vec<Finding> {
    e.check(text, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn matches(e: &Engine, text: &str, rule: &str) -> Vec<String> {
    found(e, text, rule)
        .into_iter()
        .map(|f| f.matched)
        .collect()
}

#[test]
fn row_1_curly_apostrophe_matches_ascii_rule_and_span_is_original() {
    let e = engine(
        &rule("r", "terms", "terms = [\"minister's remarks\"]"),
        false,
    );
    assert_eq!(
        matches(&e, "The minister\u{2019}s remarks were noted.", "t/r"),
        ["minister\u{2019}s remarks"]
    );
}

#[test]
fn row_2_substitution_with_apostrophe_replaces_the_original_characters() {
    let e = engine(
        &rule("r", "substitute", "replace = { \"aren't\" = \"are not\" }"),
        false,
    );
    let t = "We aren\u{2019}t commenting today.";
    let f = &found(&e, t, "t/r")[0];
    assert_eq!(&t[f.start..f.end], "aren\u{2019}t");
    assert_eq!(
        f.safe_fix().unwrap().apply(t),
        "We are not commenting today."
    );
}

#[test]
fn row_3_portion_mark_term_with_punctuation_edges() {
    let e = engine(&rule("r", "terms", "terms = [\"(S)\"]"), false);
    assert_eq!(
        matches(&e, "(S) The delegation lands Tuesday.", "t/r"),
        ["(S)"]
    );
}

#[test]
fn row_4_hyphenated_exception_is_one_unit() {
    let e = engine(
        &rule(
            "r",
            "terms",
            "terms = [\"Pacific Command\"]\nexceptions = [\"Indo-Pacific Command\"]",
        ),
        false,
    );
    assert!(matches(&e, "Talks with Indo-Pacific Command staff.", "t/r").is_empty());
    assert_eq!(
        matches(&e, "Pacific Command staff", "t/r"),
        ["Pacific Command"]
    );
}

#[test]
fn row_5_short_words_never_match_inside_longer_ones() {
    let e = engine(&rule("r", "terms", "terms = [\"be\", \"am\"]"), false);
    assert!(
        matches(
            &e,
            "We met before the summit; the amount was better than feared.",
            "t/r"
        )
        .is_empty()
    );
}

#[test]
fn row_8_case_sensitive_substitution() {
    let e = engine(
        &rule(
            "r",
            "terms",
            "case = \"sensitive\"\nterms = [\"un\"]\nsuggest = \"UN\"",
        ),
        false,
    );
    assert_eq!(matches(&e, "The un envoy arrived.", "t/r"), ["un"]);
    assert!(matches(&e, "The UN envoy arrived.", "t/r").is_empty());
}

#[test]
fn row_11_case_mode_does_not_leak_across_rules() {
    let rules = rule("dprk", "terms", "case = \"sensitive\"\nterms = [\"Dprk\"]")
        + &rule("juche", "terms", "terms = [\"juche\"]");
    let e = engine(&rules, false);
    assert_eq!(matches(&e, "Dprk officials", "t/dprk"), ["Dprk"]);
    assert!(matches(&e, "DPRK officials", "t/dprk").is_empty());
    assert_eq!(matches(&e, "JUCHE ideas", "t/juche"), ["JUCHE"]);
}

#[test]
fn row_12_exceptions_are_scoped_to_their_rule() {
    let rules = rule("a", "terms", "terms = [\"Valdoria\"]")
        + &rule(
            "b",
            "terms",
            "terms = [\"Valdoria responded\"]\nexceptions = [\"Valdoria\"]",
        );
    let e = engine(&rules, false);
    assert_eq!(matches(&e, "Valdoria responded.", "t/a"), ["Valdoria"]);
}

#[test]
fn row_14_chained_substitutions_are_deterministic() {
    let e = engine(
        &rule(
            "r",
            "substitute",
            "replace = { \"Eastmarch\" = \"Eastmarch Islands\", \"Eastmarch Islands\" = \"Eastmarch Islands (disputed)\" }",
        ),
        false,
    );
    let t = "Eastmarch and the Eastmarch Islands.";
    let first = e.check(t, &CheckOptions::default());
    for _ in 0..100 {
        assert_eq!(e.check(t, &CheckOptions::default()), first);
    }
}

#[test]
fn row_16_terms_with_digits() {
    let e = engine(
        &rule("r", "terms", "terms = [\"G20\"]\nsuggest = \"G20\""),
        false,
    );
    assert_eq!(matches(&e, "the g20 communiqué", "t/r"), ["g20"]);
}

#[test]
fn row_31_span_is_exactly_the_detected_text() {
    let e = engine(&rule("r", "terms", "terms = [\"SANDPIPER\"]"), false);
    let t = "codename=SANDPIPER";
    let f = &found(&e, t, "t/r")[0];
    assert_eq!((&t[f.start..f.end], f.column), ("SANDPIPER", 10));
}

#[test]
fn row_37_contractions_listed_as_variants() {
    let e = engine(
        &rule(
            "r",
            "terms",
            "terms = [\"will not tolerate\", \"won't tolerate\", \"'ll not tolerate\"]",
        ),
        false,
    );
    assert_eq!(
        matches(&e, "We won\u{2019}t tolerate this.", "t/r"),
        ["won\u{2019}t tolerate"]
    );
    assert_eq!(
        matches(&e, "We'll not tolerate this.", "t/r"),
        ["'ll not tolerate"]
    );
}

#[test]
fn row_39_idiom_exception() {
    let e = engine(
        &rule(
            "r",
            "terms",
            "terms = [\"panic\"]\nexceptions = [\"panic button\"]",
        ),
        false,
    );
    assert!(
        matches(
            &e,
            "Staff tested the panic button in the embassy app.",
            "t/r"
        )
        .is_empty()
    );
    assert_eq!(matches(&e, "The markets panic", "t/r"), ["panic"]);
}

#[test]
fn row_42_whole_url_is_one_token() {
    let e = engine(&rule("r", "terms", "terms = [\"Xa\"]"), false);
    assert!(
        matches(
            &e,
            "Read it at https://example.org/s!Xa?e=8jeF today.",
            "t/r"
        )
        .is_empty()
    );
}

#[test]
fn row_43_em_dash_separates_words() {
    let e = engine(
        &rule("r", "terms", "terms = [\"it is unacceptable\"]"),
        false,
    );
    assert_eq!(
        matches(&e, "We note the decision\u{2014}it is unacceptable.", "t/r"),
        ["it is unacceptable"]
    );
}

#[test]
fn row_44_katakana_term_not_inside_longer_word() {
    let e = engine(&rule("r", "terms", "terms = [\"ワード\"]"), false);
    assert!(matches(&e, "パスワードを変更してください", "t/r").is_empty());
    assert_eq!(matches(&e, "この ワード は使わない", "t/r"), ["ワード"]);
}

#[test]
fn row_46_cyrillic_a_inside_a_codename() {
    let e = engine(&(rule("r", "terms", "terms = [\"Sandpiper\"]")), true);
    let t = "Update on S\u{0430}ndpiper";
    assert_eq!(matches(&e, t, "t/r"), ["S\u{0430}ndpiper"]);
    assert_eq!(
        matches(&e, t, "hidden/mixed-script-word"),
        ["S\u{0430}ndpiper"]
    );
}

#[test]
fn u_13_zalgo_is_flagged() {
    let e = engine("", true);
    let t = format!("e{}", "\u{301}".repeat(300));
    assert_eq!(found(&e, &t, "hidden/stacked-marks").len(), 1);
}

#[test]
fn u_15_invisible_characters_inside_a_marking_word() {
    let e = engine(&rule("r", "terms", "terms = [\"classified\"]"), true);
    for zw in ['\u{200B}', '\u{AD}', '\u{2060}', '\u{FEFF}'] {
        let t = format!("the clas{zw}sified memo");
        assert_eq!(
            matches(&e, &t, "t/r"),
            [format!("clas{zw}sified")],
            "U+{:04X}",
            zw as u32
        );
        // U+FEFF has its own rule, which flags it anywhere (X rejects it).
        let hidden = if zw == '\u{FEFF}' {
            "hidden/leading-bom"
        } else {
            "hidden/zero-width-in-word"
        };
        assert_eq!(found(&e, &t, hidden).len(), 1, "U+{:04X}", zw as u32);
    }
}

#[test]
fn u_16_look_alike_letters_match_the_latin_word() {
    let e = engine(
        &(rule("c", "terms", "terms = [\"classified\"]")
            + &rule("s", "terms", "terms = [\"secret\"]")),
        false,
    );
    assert_eq!(matches(&e, "\u{441}l\u{430}ssified", "t/c").len(), 1);
    assert_eq!(
        matches(&e, "the \u{455}\u{435}\u{441}r\u{435}t plan", "t/s").len(),
        1
    );
    assert!(matches(&e, "bum modem", "t/s").is_empty());
}

#[test]
fn u_19_nfd_and_nfc_match_the_same_term() {
    let e = engine(&rule("r", "terms", "terms = [\"café\"]"), false);
    assert_eq!(matches(&e, "cafe\u{301} and caf\u{E9}", "t/r").len(), 2);
}

#[test]
fn u_20_turkish_dotted_and_dotless_i() {
    let e = engine(&rule("r", "terms", "terms = [\"istanbul\"]"), false);
    assert_eq!(matches(&e, "\u{130}STANBUL", "t/r"), ["\u{130}STANBUL"]);
}

#[test]
fn u_21_apostrophe_variants() {
    let e = engine(&rule("r", "terms", "terms = [\"don't\"]"), false);
    for a in ['\u{2019}', '\u{2BC}', '\u{FF07}'] {
        assert_eq!(
            matches(&e, &format!("we don{a}t know"), "t/r").len(),
            1,
            "U+{:04X}",
            a as u32
        );
    }
}

/// "A blocking marking is found however it is disguised" (issue 5, done when).
#[test]
fn disguised_markings_still_block() {
    let e = engine("", true);
    let disguises = [
        "SECRET//NOFORN",
        "S\u{0415}CRET//NOFORN",
        "SE\u{200B}CRET//NO\u{200D}FORN",
        "\u{FF33}\u{FF25}\u{FF23}\u{FF32}\u{FF25}\u{FF34}//NOFORN",
        "TOP\u{00A0}SECRET//SI",
        "C O N F I D E N T I A L",
        "\u{0421}ONFIDENTIAL//REL TO USA, FVEY",
        "\u{202E}NROFON//TERCES\u{202C}",
    ];
    for d in disguises {
        let text = format!("{d}\nReadout of the call.");
        let blocks: Vec<_> = e
            .check(&text, &CheckOptions::default())
            .into_iter()
            .filter(|f| {
                f.category == tact::model::Category::Leak
                    && f.severity == tact::model::Severity::Block
            })
            .collect();
        assert!(
            !blocks.is_empty(),
            "not blocked: {}",
            tact::text::visible(d)
        );
    }
}

#[test]
fn leak_rules_look_inside_camel_case_hashtags_but_terms_do_not() {
    let e = engine("", true);
    let t = "Great day! #SecretNoforn2026 #KyivNotKiev";
    let leaks: Vec<_> = e
        .check(t, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.category == tact::model::Category::Leak)
        .collect();
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert_eq!(leaks[0].matched, "Noforn");
    assert!(matches(&e, t, "terms/kyiv").is_empty());
}

#[test]
fn a_term_can_override_the_rules_boundary() {
    let e = engine(
        &rule(
            "r",
            "terms",
            "terms = [\"fern\", { term = \"ワード\", boundary = \"none\" }]",
        ),
        false,
    );
    assert_eq!(
        matches(&e, "パスワードを変更してください", "t/r"),
        ["ワード"]
    );
    assert!(
        matches(&e, "ferns", "t/r").is_empty(),
        "the other terms keep the rule's boundary"
    );
    let e = engine(
        &rule(
            "w",
            "terms",
            "boundary = \"none\"\nterms = [{ term = \"be\", boundary = \"word\" }, \"am\"]",
        ),
        false,
    );
    assert!(matches(&e, "before", "t/w").is_empty());
    assert_eq!(matches(&e, "amount", "t/w"), ["am"]);
}

/// Line-start rules (`(?m)^…`) see every line end a reader sees: U+2028, U+2029, NEL, a lone
/// CR (old Mac files), VT and FF, not only LF. Found by a new user: each of these hid a
/// marking line.
#[test]
fn line_rules_see_every_kind_of_line_break() {
    let e = bundled();
    let cases = [
        (
            "SECRET\u{2028}Readout",
            "classification/banner-line",
            "SECRET",
        ),
        (
            "Readout\u{2028}TAGS: PREL, PGOV, UP",
            "classification/tags-line",
            "TAGS: PREL, PGOV, UP",
        ),
        (
            "Readout\rTAGS: PREL, PGOV, UP",
            "classification/tags-line",
            "TAGS: PREL, PGOV, UP",
        ),
        (
            "Readout\u{85}TAGS: PREL, PGOV, UP",
            "classification/tags-line",
            "TAGS: PREL, PGOV, UP",
        ),
        ("Draft\u{2029}Great meeting", "draft/draft-label", "Draft"),
        ("Draft\u{0C}Great meeting", "draft/draft-label", "Draft"),
        ("Draft\r🤡 meeting", "draft/draft-label", "Draft"),
        (
            "Readout\u{2028}E.O. 13526: classified",
            "classification/eo-decl-line",
            "E.O. 13526:",
        ),
    ];
    for (text, rule, matched) in cases {
        assert_eq!(matches(&e, text, rule), [matched], "{text:?}");
    }
    // CR LF is one line end, as before.
    assert_eq!(
        matches(
            &e,
            "Readout\r\nTAGS: PREL, PGOV, UP",
            "classification/tags-line"
        ),
        ["TAGS: PREL, PGOV, UP"]
    );
}

/// Whole words spelled in Cyrillic or Greek look-alike letters, in a mostly Latin text,
/// are read as the Latin word: a one-letter portion mark and `ТОР SECRET`. Found by a new
/// user: each passed with no block. Russian text is left alone.
#[test]
fn lookalike_words_in_a_latin_text_still_block() {
    let e = bundled();
    let cases = [
        (
            "(\u{0405}//NF) The minister",
            "classification/us-portion-mark-control",
        ),
        (
            "(\u{0405}) The minister will travel",
            "classification/us-portion-mark",
        ),
        (
            "(\u{0421}) The minister will travel",
            "classification/us-portion-mark",
        ),
        (
            "\u{0422}\u{041E}\u{0420} SECRET\nReadout",
            "classification/banner-line",
        ),
        (
            "\u{03A4}\u{039F}\u{03A1} SECRET\nReadout",
            "classification/banner-line",
        ),
    ];
    for (text, rule) in cases {
        assert_eq!(found(&e, text, rule).len(), 1, "{text:?}");
    }
    let ru = e.check("Встреча с послом сегодня (С)", &CheckOptions::default());
    assert!(ru.is_empty(), "{ru:?}");
}

/// Latin small capitals and slash look-alikes read as capitals and `/` (NFKC leaves them
/// alone). Found by a new user: `ꜱᴇᴄʀᴇᴛ//ɴᴏꜰᴏʀɴ` and `SECRET⁄⁄NOFORN` passed.
#[test]
fn small_capitals_and_lookalike_slashes_still_block() {
    let e = bundled();
    let small_caps = "\u{A731}\u{1D07}\u{1D04}\u{0280}\u{1D07}\u{1D1B}//\u{0274}\u{1D0F}\u{A730}\u{1D0F}\u{0280}\u{0274}\nReadout";
    assert_eq!(found(&e, small_caps, "classification/banner-line").len(), 1);
    assert_eq!(
        found(
            &e,
            "SECRET\u{2044}\u{2044}NOFORN",
            "classification/us-banner"
        )
        .len(),
        1
    );
}
