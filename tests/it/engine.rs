//! Engine behaviour on the test packs in `tests/fixtures/` (`engine`, and one folder per load
//! error): boundaries, views, scopes, exceptions, context, case, layering errors,
//! determinism, and no panic on any input.

use proptest::prelude::*;
use tact::engine::{CheckOptions, Engine};
use tact::model::{Applicability, Finding};

use crate::support::rules::{self, fixture, load_errors, only};

static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(load);

fn engine() -> &'static Engine {
    &ENGINE
}

/// The pack `t` (`tests/fixtures/engine/t.toml`): a substitute, terms with context, case
/// and removal fixes, a banner pattern with a `hit` group, a caps pattern with exceptions.
fn load() -> Engine {
    rules::load(&only(&[&fixture("engine")]))
}

fn check(text: &str) -> Vec<Finding> {
    engine().check(text, &CheckOptions::default())
}

fn matches(text: &str, rule: &str) -> Vec<String> {
    check(text)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.matched)
        .collect()
}

#[test]
fn whole_words_only() {
    assert_eq!(matches("Kievan Rus and Kiev's mayor", "t/kyiv"), ["Kiev"]);
    assert!(matches("a cease-fire on Monday", "t/codename").is_empty());
    assert_eq!(matches("they open fire on us", "t/codename"), ["fire on"]);
    assert_eq!(matches("para (S) here", "t/codename"), ["(S)"]);
}

#[test]
fn multi_word_terms_cross_line_breaks_and_nbsp() {
    assert_eq!(
        matches("Operation blue\n\u{00A0}FERN starts", "t/codename"),
        ["blue\n\u{00A0}FERN"]
    );
}

#[test]
fn invisible_characters_do_not_hide_a_term_and_the_span_covers_them() {
    let t = "in Ki\u{200B}ev now";
    let f = check(t)
        .into_iter()
        .find(|f| f.rule == "t/kyiv")
        .expect("found through ZWSP");
    assert_eq!(&t[f.start..f.end], "Ki\u{200B}ev");
}

#[test]
fn fullwidth_and_case_fold() {
    assert_eq!(matches("ＫＩＥＶ", "t/kyiv"), ["ＫＩＥＶ"]);
    let f = check("KIEV")
        .into_iter()
        .find(|f| f.rule == "t/kyiv")
        .unwrap();
    assert_eq!(f.safe_fix().unwrap().edits[0].replacement, "KYIV");
}

#[test]
fn preferred_form_is_an_automatic_exception() {
    assert!(matches("North Macedonia", "t/kyiv").is_empty());
    assert_eq!(matches("Macedonia", "t/kyiv"), ["Macedonia"]);
}

#[test]
fn several_preferred_forms_are_choices() {
    let f = check("Turkey").into_iter().next().unwrap();
    assert!(f.safe_fix().is_none());
    assert_eq!(f.fixes.len(), 2);
    assert!(
        f.fixes
            .iter()
            .all(|x| x.applicability == Applicability::Choice)
    );
}

#[test]
fn hit_group_narrows_and_pattern_sees_clean_view() {
    let t = "SECRET\u{200B}//NOFORN";
    let f = check(t).into_iter().find(|f| f.rule == "t/banner").unwrap();
    assert_eq!((f.start, f.end), (0, t.len()));
}

#[test]
fn exceptions_drop_acronyms() {
    assert_eq!(matches("NATO and OSCE say STOP", "t/caps"), ["STOP"]);
}

#[test]
fn context_requires_and_excludes() {
    assert_eq!(
        matches("The minister will arrive at 14:00.", "t/schedule"),
        ["will arrive"]
    );
    assert_eq!(
        matches("The parcel will arrive at 14:00.", "t/schedule"),
        ["will arrive"]
    );
    assert!(matches("The parcel will arrive soon.", "t/schedule").is_empty());
    assert!(
        matches(
            "The minister will arrive, as announced yesterday.",
            "t/schedule"
        )
        .is_empty()
    );
}

#[test]
fn case_sensitive_terms_and_removal_fix() {
    assert_eq!(matches("Photo: TK. Thanks tk", "t/acronym"), ["TK"]);
    let f = check("see TK")
        .into_iter()
        .find(|f| f.rule == "t/acronym")
        .unwrap();
    assert_eq!(f.safe_fix().unwrap().apply("see TK"), "see ");
}

#[test]
fn scopes_keep_terms_out_of_urls_but_leaks_see_them() {
    assert!(matches("https://example.org/Kiev", "t/kyiv").is_empty());
    assert_eq!(matches("#Kiev", "t/kyiv"), ["Kiev"]);
    assert_eq!(
        matches("https://granite.example/x", "t/codename"),
        ["granite"]
    );
}

#[test]
fn findings_are_sorted_and_deterministic() {
    let t = "STOP: Kiev, Blue Fern and TK.\nSECRET//NOFORN";
    let a = check(t);
    let b = check(t);
    assert_eq!(a, b);
    let keys: Vec<_> = a.iter().map(|f| (f.start, f.end, f.rule.clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(a.iter().all(|f| f.pack_version == "7"));
}

#[test]
fn duplicate_ids_in_one_layer_are_an_error() {
    let err = load_errors(&only(&[&fixture("duplicate-rule-id")]));
    let text = err.to_string();
    assert!(text.contains("duplicate rule id `t/kyiv`"), "{text}");
    assert!(text.contains("t.toml:"), "{text}");
}

#[test]
fn empty_lists_and_escaping_terms_files_are_errors() {
    // `b/e` has `terms = []` (line 10); `b/f` names `../etc/passwd` (line 18, column 14).
    let err = load_errors(&only(&[&fixture("empty-terms-and-escaping-terms-file")]));
    let text = err.to_string();
    assert!(
        text.contains("b.toml:10:1: rule `b/e`: no terms") || text.contains("no terms"),
        "{text}"
    );
    assert!(text.contains("b.toml:18:14"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics_and_spans_are_valid(text in "\\PC{0,80}|[\\u{200B}\\u{202E}\\u{0130}\\u{0435}\\u{FF2B}İKiev SECRET/ \\n\\u{301}a-zA-Z]{0,60}|(?:[ \\n]|Kiev|K\\u{200B}iev|KIEV|Blue|Fern|fire|on|Turkey|North|Macedonia|\\(S\\)){0,12}") {
        let e = engine();
        let found = e.check(&text, &CheckOptions::default());
        for f in &found {
            prop_assert!(f.start <= f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert_eq!(&text[f.start..f.end], f.matched.as_str());
        }
        for f in found.iter().filter(|f| f.rule == "t/kyiv" || f.rule == "t/codename") {
            let folded = tact::text::fold_str(&f.matched);
            let terms = ["kiev", "macedonia", "turkey", "blue fern", "(s)", "fire on", "granite"];
            prop_assert!(terms.contains(&folded.as_str()), "{:?} folds to {:?}", f.matched, folded);
        }
        prop_assert_eq!(found, e.check(&text, &CheckOptions::default()));
    }
}

#[test]
fn case_insensitive_pattern_survives_the_prefilter() {
    // One pattern, `embargoed until`, with `case = "insensitive"`.
    let e = rules::load(&only(&[&fixture("case-insensitive-pattern")]));
    let f = e.check("EMBARGOED UNTIL Friday", &CheckOptions::default());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].matched, "EMBARGOED UNTIL");
}

/// A marking or label in capitals is flagged by its own rule; the tone rule does not also ask
/// the writer to lower its case. Capitals elsewhere in the sentence still read as shouting.
#[test]
fn capitals_of_a_flagged_marking_are_not_tone() {
    let e = crate::support::rules::bundled();
    let tone = |t: &str| {
        e.check(t, &tact::engine::CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == "tone/undiplomatic")
            .count()
    };
    assert_eq!(tone("SECRET//NOFORN readout of the call"), 0);
    assert_eq!(tone("EMBARGOED UNTIL 00:01 GMT 3 December 2026\nText"), 0);
    assert_eq!(tone("SECRET//NOFORN: WE WILL NOT ACCEPT THIS"), 1);
    assert_eq!(tone("WE WILL NOT ACCEPT THIS"), 1);
}
