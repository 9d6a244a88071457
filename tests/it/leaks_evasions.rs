//! Issue 13 against the bundled packs: leak rules read across @mentions, #hashtags and links
//! inside a sentence; disguised markings are read and the finding says how; playful and
//! ordinary uses of marking words do not block; a weak marking warns alone and blocks with
//! supporting evidence.

use tact::engine::{CheckOptions, Engine};
use tact::model::{Category, Finding, Severity};

use crate::support::rules::bundled;

fn leaks(e: &Engine, text: &str) -> Vec<Finding> {
    e.check(text, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.category == Category::Leak)
        .collect()
}

/// The highest leak severity of `text`, `None` when no leak rule fires.
fn worst(e: &Engine, text: &str) -> Option<Severity> {
    leaks(e, text).iter().map(|f| f.severity).max()
}

#[test]
fn a_mention_inside_a_movement_sentence_does_not_hide_it() {
    let e = bundled();
    let plain = "The Foreign Minister will arrive at Tashkent airport at 14:30 tomorrow.";
    let handle =
        "The Foreign Minister @FMTashkent will arrive at Tashkent airport at 14:30 tomorrow.";
    let hashtag =
        "The Foreign Minister #FMTashkent will arrive at Tashkent airport at 14:30 tomorrow.";
    let link =
        "The Foreign Minister (mfa.uz/fm) will arrive at Tashkent airport at 14:30 tomorrow.";
    for t in [plain, handle, hashtag, link] {
        let found = leaks(&e, t);
        assert!(
            found
                .iter()
                .any(|f| f.rule == "leaks/principal-movement" && f.severity == Severity::Warn),
            "{t}: {found:?}"
        );
    }
    // The finding spans the handle: the whole movement is underlined.
    let f = leaks(&e, handle)
        .into_iter()
        .find(|f| f.rule == "leaks/principal-movement")
        .unwrap();
    assert!(f.matched.contains("@FMTashkent"), "{}", f.matched);
}

#[test]
fn terms_still_never_match_across_an_entity_edge() {
    let e = bundled();
    // `terms` rules keep DESIGN §4's rule: "Kiev" written as part of a hashtag word is not
    // the plain word.
    let t = "Talks in #KievTalks";
    assert!(
        !e.check(t, &CheckOptions::default())
            .iter()
            .any(|f| f.rule == "terms/kyiv"),
    );
}

#[test]
fn lower_case_and_respaced_banners_block() {
    let e = bundled();
    for t in [
        "secret//noforn",
        "Secret//Noforn readout",
        "(s//nf) The minister said",
        "(S // NF) The minister said",
        "[S//NF] notes",
        "(S//NF the minister said",
        "SECRET//\nNOFORN",
        "TOPSECRET//NOFORN",
        "SECRET \u{2AFD} NOFORN",
        "SECRET \\\\ NOFORN",
        "TOP SECRET/SI/TK",
        "e.o. 13526: decl: 2035",
        "DECL 2035/01/15",
        "CLASSIFIED BY AMBASSADOR J SMITH REASONS 1.4 B AND D",
        "Tags: PREL, PGOV",
        "NATO-SECRET\nMinutes",
        "Restreint UE",
        "OFFICIALSENSITIVE",
        "VS \u{2013} NfD",
    ] {
        assert_eq!(
            worst(&e, t),
            Some(Severity::Block),
            "{t:?}: {:?}",
            leaks(&e, t)
        );
    }
}

#[test]
fn disguised_markings_block_and_say_what_was_undone() {
    let e = bundled();
    let cases = [
        ("S-E-C-R-E-T//N-O-F-O-R-N", "letters separated by `-`"),
        ("S.E.C.R.E.T.//NOFORN", "letters separated by `.`"),
        ("S_E_C_R_E_T//NOFORN", "letters separated by `_`"),
        (
            "S\u{B7}E\u{B7}C\u{B7}R\u{B7}E\u{B7}T//NOFORN",
            "letters separated by `\u{B7}`",
        ),
        ("SECRET//N/O/F/O/R/N", "letters separated by `/`"),
        ("**SECRET**//NOFORN", "markup `**` removed"),
        ("S**EC**RET//NOFORN", "markup `**` removed"),
        ("S`EC`RET//NOFORN", "markup `"),
        (
            "&#83;&#69;&#67;&#82;&#69;&#84;&sol;&sol;NOFORN",
            "HTML entities decoded",
        ),
        (
            "\u{13DA}\u{13AC}\u{13DF}\u{13A1}\u{13AC}\u{13A2}//NOFORN",
            "look-alike Cherokee letters",
        ),
        (
            "\u{A4E2}\u{A4F0}\u{A4DA}\u{A4E3}\u{A4F0}\u{A4D4}//NOFORN",
            "look-alike Lisu letters",
        ),
        (
            "CONF\u{130}DENT\u{130}AL//NOFORN",
            "capitals with added marks",
        ),
        ("\u{1E62}ECRET//NOFORN", "capitals with added marks"),
        (
            "S\u{336}E\u{336}C\u{336}R\u{336}E\u{336}T\u{336}//NOFORN",
            "combining marks",
        ),
        (
            "S\u{332}E\u{332}C\u{332}R\u{332}E\u{332}T\u{332}//NOFORN",
            "combining marks",
        ),
        (
            "\u{1D40}\u{1D3C}\u{1D3E} \u{2E2}\u{1D31}\u{1D9C}\u{1D3F}\u{1D31}\u{1D40}//NOFORN",
            "modifier",
        ),
        (
            "\u{1F182}\u{1F174}\u{1F172}\u{1F181}\u{1F174}\u{1F183}//NOFORN",
            "letters drawn as symbols",
        ),
        (
            "\u{1F1F8}\u{1F1EA}\u{1F1E8}\u{1F1F7}\u{1F1EA}\u{1F1F9}//NOFORN",
            "letters drawn as symbols",
        ),
        ("5ECRET//N0F0RN", "leetspeak"),
        ("$ECRET//NOFORN", "leetspeak"),
        ("S3CR3T//NOFORN", "leetspeak"),
        (
            "COBEP\u{428}EHHO CEKPETHO\nO визите",
            "Latin letters that spell a Cyrillic word",
        ),
    ];
    for (t, note) in cases {
        let found = leaks(&e, t);
        let blocking: Vec<_> = found
            .iter()
            .filter(|f| f.severity == Severity::Block)
            .collect();
        assert!(!blocking.is_empty(), "not blocked: {t:?}: {found:?}");
        assert!(
            blocking.iter().any(|f| f.message.contains(note)),
            "{t:?}: no finding says {note:?}: {:?}",
            blocking.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
}

#[test]
fn playful_and_ordinary_uses_do_not_block() {
    let e = bundled();
    for t in [
        "TOP SECRET: the recipe for the perfect plov, shared at today's reception",
        "Our #TopSecret recipe for samsa!",
        "NATO SECRET SANTA: the allies swap gifts",
        "Kim Jong Un confidential? No: the summit was broadcast live.",
        "Tavolo riservato per la cena di gala!",
        "Wszelkie prawa zastrzeżone.",
        "The S.E.C. filed new rules; U.S. and E.U. officials met.",
        "Call 1-800-SECRETS for tickets to the spy museum.",
        "The Minister will visit Paris on Monday.",
    ] {
        assert_ne!(
            worst(&e, t),
            Some(Severity::Block),
            "{t:?}: {:?}",
            leaks(&e, t)
        );
    }
    for t in [
        "Fly Turkish Airlines (TK) from Istanbul.",
        "Good luck at the XX Olympic Winter Games!",
    ] {
        let draft: Vec<_> = e
            .check(t, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.category == Category::Draft)
            .collect();
        assert!(draft.is_empty(), "{t:?}: {draft:?}");
    }
}

#[test]
fn a_weak_marking_warns_alone_and_blocks_with_evidence() {
    let e = bundled();
    let pairs = [
        (
            "RISERVATO\nAppunto per il Ministro",
            "RISERVATO\nCopia n. 2\nAppunto per il Ministro",
        ),
        ("TAJNE\nNotatka", "TAJNE\nEgz. nr 1\nNotatka"),
        ("ҚҰПИЯ\nАнықтама", "ҚҰПИЯ\nДана № 3\nАнықтама"),
        (
            "GİZLİ\nKonu: ziyaret",
            "GİZLİ\nSayı: E-12345678-010.01-456\nKonu: ziyaret",
        ),
        ("سري\nمذكرة", "سري\nالرقم: 123/4\nمذكرة"),
        (
            "LIMITE\nNote from the Presidency",
            "Council of the European Union\n(OR. en)\n7421/25\nLIMITE",
        ),
        ("ДСП\nО визите", "ДСП\nЭкз. № 2\nО визите"),
    ];
    for (alone, with) in pairs {
        assert_eq!(
            worst(&e, alone),
            Some(Severity::Warn),
            "{alone:?}: {:?}",
            leaks(&e, alone)
        );
        assert_eq!(
            worst(&e, with),
            Some(Severity::Block),
            "{with:?}: {:?}",
            leaks(&e, with)
        );
    }
}

#[test]
fn markings_of_other_systems_block() {
    let e = bundled();
    for t in [
        "RISERVATISSIMO\nAppunto",
        "DIFUSIÓN LIMITADA\nNota",
        "MUITO SECRETO",
        "ULTRASSECRETO",
        "ŚCIŚLE TAJNE",
        "STG. GEHEIM",
        "BEPERKTE VERSPREIDING",
        "KVALIFICERAT HEMLIG",
        "STRENGT HEMMELIG",
        "TIL TJENESTEBRUG",
        "ERITTÄIN SALAINEN",
        "PŘÍSNĚ TAJNÉ",
        "ЦІЛКОМ ТАЄМНО",
        "ЦАЛКАМ САКРЭТНА",
        "ҚЫЗМЕТ БАБЫНДА ПАЙДАЛАНУ ҮШІН",
        "ӨТӨ ЖАШЫРУУН",
        "КОМИЛАН МАХФӢ",
        "TAM MƏXFİ",
        "სრულიად საიდუმლო\nცნობა",
        "ՀՈՒՅԺ ԳԱՂՏՆԻ",
        "HİZMETE ÖZEL",
        "סודי ביותר\nסיכום",
        "سري للغاية\nمذكرة",
        "خیلی محرمانه",
        "अति गुप्त",
        "極秘\n資料",
        "机密★10年",
        "대외비\n자료",
        "PROTECTED B",
        "OFFICIAL: Sensitive",
        "IN-CONFIDENCE",
        "STRICTLY CONFIDENTIAL\nNote",
        "RESTRICTED\nPC.DEL/1234/25",
        "ASEAN RESTRICTED",
        "AU CONFIDENTIAL",
        "CM(2025)12-restricted",
    ] {
        assert_eq!(
            worst(&e, t),
            Some(Severity::Block),
            "{t:?}: {:?}",
            leaks(&e, t)
        );
    }
}

#[test]
fn movements_in_five_languages_warn_and_public_plans_stay_quiet() {
    let e = bundled();
    for t in [
        "She lands at 14:05 tomorrow at Terminal 2.",
        "The motorcade leaves the Residence at 07:30.",
        "Wheels up 09:10, ETA 11:45.",
        "The Minister will travel to Samarkand on Friday. She departs from Terminal 3 at 09:20.",
        "Министр прилетает завтра в 11:40, кортеж проследует до гостиницы.",
        "Vazir ertaga soat 10:30 da aeroportga yetib keladi.",
        "Le ministre arrive demain à 9h15 à l'aéroport.",
        "Die Ministerin landet morgen um 10:15 Uhr.",
    ] {
        assert_eq!(
            worst(&e, t),
            Some(Severity::Warn),
            "{t:?}: {:?}",
            leaks(&e, t)
        );
    }
    for t in [
        "The Minister will visit Paris on Monday.",
        "The President arrived in Rome yesterday and met students.",
        "Министр посетит Париж в понедельник.",
    ] {
        assert_eq!(worst(&e, t), None, "{t:?}: {:?}", leaks(&e, t));
    }
}
