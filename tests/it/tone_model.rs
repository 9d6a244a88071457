//! The tone model on the bundled pack: every category, modifier, form detector and exception,
//! and the traps of reference/tone.md §3.2 (negated insult, quoted speech, cyber attack,
//! sports, condolences, benign questions, acronyms).

use crate::support::tone::*;
use tact::model::Severity;

#[test]
fn each_category_counts() {
    let cases = [
        ("insult/buffoon", "Their trade minister is a buffoon."),
        (
            "personal-attack/coward",
            "The Novarian president is a coward.",
        ),
        ("lying/liars", "Their diplomats are liars."),
        ("threat/pay-dearly", "Those responsible will pay dearly."),
        ("ultimatum/or-else", "They have until Monday, or else."),
        (
            "escalation/more-than-ready",
            "We are more than ready for it.",
        ),
        (
            "aggression/annihilat",
            "They will annihilate the opposition.",
        ),
        ("sweeping/never-kept", "They never kept their word."),
        ("dehumanising/vermin", "Those vermin in the militia."),
        ("profanity/crap", "Their statement is crap."),
        ("sarcasm/oh-great", "Oh great, they are at it again."),
        ("mocking-emoji/clown", "Their reform package 🤡"),
        ("loaded-label/sham", "The vote was a sham."),
        ("rhetorical/who-are-they-kidding", "Who are they kidding?"),
        ("insult/ru-idiot", "Их министр — идиот."),
        ("insult/uz-ahmoq", "Ularning vaziri ahmoq."),
        ("insult/uz-cyr-ahmoq", "Уларнинг вазири аҳмоқ."),
        ("threat/ru-pozhaleyut", "Они пожалеют."),
        ("profanity/ru-dermo", "Это дерьмо."),
        ("profanity/uz-jalab", "Bu jalab."),
    ];
    for (id, text) in cases {
        let c = contribution(text, id)
            .unwrap_or_else(|| panic!("{id} not found in {text:?}: {:#?}", contributions(text)));
        assert!(c.value > 0.0, "{id} counted 0 in {text:?}: {c:?}");
    }
}

#[test]
fn uzbek_apostrophe_spellings_match() {
    for text in ["Ular qo'rqoq.", "Ular qoʻrqoq.", "Ular qo’rqoq."] {
        assert!(
            contribution(text, "personal-attack/uz-qorqoq").is_some(),
            "{text}"
        );
    }
}

#[test]
fn leader_role_boosts_and_explanation_matches_the_reference() {
    // reference/tone.md §3.5: 3.00 × 1.5 + 1.00 × 1.5 = 6.00 → 0.84.
    let text = "The Marovian trade minister is an incompetent buffoon.";
    let f = tone(text);
    assert_eq!(f.len(), 1);
    let t = f[0].tone.as_ref().unwrap();
    assert!((t.score - 0.84).abs() < 0.005, "{t:?}");
    assert_eq!(
        f[0].severity,
        Severity::Block,
        "an insult aimed at a leader role blocks (may-block)"
    );
    assert!(f[0].message.contains("0.84 ≥ 0.75)"), "{}", f[0].message);
    assert!(
        f[0].message
            .starts_with("Criticise the decision or statement, not the people: rephrase “buffoon”"),
        "advice first: {}",
        f[0].message
    );
    // The same words aimed at no leader: capped at warn, shown as strong.
    let g = tone("Their trade negotiators are incompetent buffoons and idiots.");
    assert_eq!(g[0].severity, Severity::Warn, "{g:#?}");
    assert!(g[0].message.contains(", strong"), "{}", g[0].message);
    assert_eq!(
        (f[0].start, f[0].end),
        (0, text.len()),
        "the finding spans the sentence"
    );
    let b = t
        .contributions
        .iter()
        .find(|c| c.entry == "insult/buffoon")
        .unwrap();
    assert_eq!(&text[b.start..b.end], "buffoon");
    assert_eq!(
        b.modifiers,
        vec![("aimed at leader role \"minister\"".to_string(), 1.5)]
    );
    assert!((b.value - 4.5).abs() < 1e-9);
    assert!(
        f[0].message.contains("“buffoon” (insult"),
        "{}",
        f[0].message
    );
    assert!(f[0].message.contains("“incompetent”"), "{}", f[0].message);
    assert!(
        f[0].why.starts_with("Criticise the decision"),
        "{}",
        f[0].why
    );
}

#[test]
fn target_proximity() {
    assert_eq!(
        modifier("Their envoy is a clown.", "insult/clown", "aimed at"),
        Some(1.25)
    );
    assert_eq!(
        modifier("What a clown.", "insult/clown", "unaimed"),
        Some(0.5)
    );
    assert_eq!(
        modifier("@ForeignMinistry is a clown.", "insult/clown", "aimed at"),
        Some(1.25)
    );
}

/// A leader role governs the name that completes it ("the President of X", "President X",
/// "the X President", "le président de la République"): a hit aimed at the whole phrase is
/// aimed at the leader, so an insult of a head of state blocks even when the name stands
/// nearer to the insult than the role.
#[test]
fn a_leader_role_takes_its_name_with_it() {
    let leader = |text: &str, id: &str| {
        let m = modifier(text, id, "aimed at leader role").unwrap_or(0.0);
        (m, level(text))
    };
    assert_eq!(
        leader(
            "The President of Freedonia is a liar and an idiot.",
            "insult/idiot"
        ),
        (1.5, Some(Severity::Block))
    );
    assert_eq!(
        leader(
            "President Smith is a liar and an idiot, frankly.",
            "insult/idiot"
        ),
        (1.5, Some(Severity::Block))
    );
    assert_eq!(
        leader(
            "The Ruritanian prime minister, once again, is an idiot.",
            "insult/idiot"
        ),
        (1.5, Some(Severity::Block))
    );
    assert_eq!(
        leader(
            "Le président de la République est un idiot et un menteur.",
            "personal-attack/fr-menteur"
        )
        .0,
        1.5
    );
    // The phrase is named whole in the explanation.
    let c = contribution(
        "The President of Freedonia is a liar and an idiot.",
        "insult/idiot",
    )
    .unwrap();
    assert_eq!(
        c.modifiers[0].0,
        "aimed at leader role \"President of Freedonia\""
    );
    // A name with no leader role next to it stays an ordinary target.
    assert_eq!(
        modifier("Estovia's envoy is a clown.", "insult/clown", "aimed at"),
        Some(1.25)
    );
}

#[test]
fn boosters_add_with_decay() {
    assert_eq!(
        modifier(
            "Their statement is utter crap.",
            "profanity/crap",
            "+booster \"utter\""
        ),
        Some(0.293)
    );
    let decayed = modifier(
        "Their plan is so very stupid.",
        "insult/stupid",
        "+booster \"so\"",
    )
    .unwrap();
    assert!((decayed - 0.293 * 0.95).abs() < 1e-9, "{decayed}");
}

#[test]
fn capitals_add_to_a_hit() {
    assert_eq!(
        modifier("They are LIARS.", "lying/liars", "+capitals"),
        Some(0.733)
    );
    assert!(modifier("They are liars.", "lying/liars", "+capitals").is_none());
}

#[test]
fn negation_cancels_within_its_window_with_exemptions() {
    assert_eq!(
        modifier(
            "Their negotiator is no buffoon.",
            "insult/buffoon",
            "negated"
        ),
        Some(0.0)
    );
    assert_quiet("Their negotiator is no buffoon; expect tough talks.", false);
    assert_quiet(
        "The negotiations were not a disaster; they were a first step.",
        false,
    );
    assert_quiet(
        "Disagreement is not hostility. We will keep the channels open.",
        false,
    );
    // Beyond three words, or across a comma, negation does not reach.
    assert!(
        modifier(
            "No, their minister is a buffoon.",
            "insult/buffoon",
            "negated"
        )
        .is_none()
    );
    // "not only … but" is not a negation.
    assert!(
        modifier(
            "They are not only liars but cowards.",
            "lying/liars",
            "negated"
        )
        .is_none()
    );
}

#[test]
fn attributed_quotation_is_dampened_and_reported_speech_halved() {
    let q = "The ambassador said their leaflets called us \"fools\" and worse.";
    assert_eq!(
        modifier(q, "insult/fools", "attributed quotation"),
        Some(0.2)
    );
    assert_quiet(
        "Asked whether relations were \"frozen\", the Ambassador said dialogue continues at every level.",
        false,
    );
    assert_eq!(
        modifier(
            "Their media accused us of being liars.",
            "lying/liars",
            "reported speech"
        ),
        Some(0.5)
    );
}

#[test]
fn scare_quotes_and_loaded_words() {
    let c = contribution("The 'referendum' took place on Sunday.", "form/scare-quote").unwrap();
    assert!((c.value - 2.0).abs() < 1e-9, "{c:?}");
    assert!(contribution("The minister said: 'referendum'.", "form/scare-quote").is_none());
    assert!(
        contribution(
            "Proud to launch the \"Women in Diplomacy\" network.",
            "form/scare-quote"
        )
        .is_none()
    );
    assert_warns("Marovia's 'historic' reform package 🤡");
}

#[test]
fn second_person_accusation_needs_the_verb() {
    assert!(contribution("You lied about the troop numbers.", "form/second-person").is_some());
    assert!(
        contribution(
            "You can contact the consulate on weekdays.",
            "form/second-person"
        )
        .is_none()
    );
    assert_warns("You lied about the troop numbers and the whole world saw it.");
}

#[test]
fn rhetorical_questions_need_a_target_and_a_marker() {
    assert!(
        contribution(
            "Do they really imagine this convinces anybody?",
            "form/rhetorical-question"
        )
        .is_some()
    );
    assert_quiet(
        "Travelling this summer? Register with the embassy before you go.",
        false,
    );
    assert_quiet("Need a visa? Apply online in ten minutes.", false);
    assert_quiet(
        "Did you know that our embassy offers free language courses?",
        false,
    );
}

#[test]
fn mocking_emoji_fold_variants_and_repeat() {
    assert!(contribution("Their minister explaining it 🤦🏽‍♂️", "mocking-emoji/facepalm").is_some());
    let c = contribution(
        "Their spokesperson explaining the ceasefire 🙄🙄",
        "mocking-emoji/eye-roll",
    )
    .unwrap();
    assert!(
        c.modifiers
            .iter()
            .any(|(m, f)| m == "+repeated ×2" && (*f - 0.3).abs() < 1e-9),
        "{c:?}"
    );
    assert_quiet("Our under-21 side won on penalties 😂🎉", false);
    assert_quiet("Great teamwork 👏", false);
}

#[test]
fn shouting_amplifies_but_alone_stays_below_warn() {
    assert_warns("NO MORE EXCUSES. WITHDRAW NOW!!!");
    assert_warns("LIARS!!!");
    assert_quiet(
        "NEW: our consular services are now available on the EU digital ID app.",
        false,
    );
    assert_quiet(
        "NATO and OSCE ministers met in Vienna; UNESCO joined on COVID recovery.",
        false,
    );
    assert_quiet("HAPPY NATIONAL DAY!", true);
    assert_quiet("Congratulations to our athletes!!", false);
}

#[test]
fn absolutes_cluster_and_exempt_formulae() {
    assert!(
        contribution(
            "Marovia always blames everyone else.",
            "form/absolute-cluster"
        )
        .is_some()
    );
    assert_warns("Marovia has broken every single commitment it ever made. Every one.");
    assert_quiet(
        "Torture is prohibited under all circumstances. We urge a full and transparent investigation.",
        false,
    );
}

#[test]
fn floors_raise_threats_to_warn() {
    let f = tone("Severe consequences.");
    assert_eq!(f[0].severity, Severity::Warn, "{f:#?}");
    assert!(f[0].message.contains("raised to warn"), "{}", f[0].message);
}

#[test]
fn exceptions_security_sports_commemoration() {
    let cyber =
        "A cyber attack on the ministry network was detected and contained. No data was lost.";
    assert_eq!(
        modifier(cyber, "aggression/attack", "exception security-attack"),
        Some(0.0)
    );
    assert_quiet(cyber, false);
    let sport = "Great game tonight, what a crushing victory for our under-21 side!";
    assert_eq!(
        modifier(sport, "aggression/crush", "exception sports"),
        Some(0.0)
    );
    assert_quiet(sport, false);
    assert_quiet(
        "We lay a wreath in memory of those who fell in battle for our freedom.",
        false,
    );
    assert_quiet(
        "Our development agency joins the battle against child malnutrition.",
        false,
    );
    assert_quiet(
        "We condemn the rocket attack on the border town and call on all parties to protect civilians.",
        false,
    );
    assert_quiet(
        "Deeply saddened by the loss of life in the mine collapse. Our thoughts are with the miners' families.",
        false,
    );
    assert_quiet(
        "New vaccine protects children against malaria parasites.",
        false,
    );
    assert_quiet("The sanctions regime was extended for six months.", false);
    assert_quiet(
        "Thousands paid respects to the late King, lying in state in the cathedral.",
        false,
    );
}

#[test]
fn measured_condemnation_stays_quiet() {
    for t in [
        "We condemn this attack in the strongest terms.",
        "This decision is unacceptable. We call for accountability.",
        "We deplore the violence and reject the annexation.",
        "We do not accept the court's jurisdiction in this case and have informed the registry.",
        "The report contains serious factual errors. We have submitted corrections.",
    ] {
        assert_quiet(t, false);
    }
}

#[test]
fn worst_sentence_decides_and_one_finding_per_sentence() {
    let text = "We thank our partners for a productive meeting. Their minister is an idiot. We look forward to the next round.";
    let f = tone(text);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].matched, "Their minister is an idiot.");
}

#[test]
fn sarcasm_incongruity_needs_two_cues() {
    assert_warns("What a lovely way to treat your neighbours. Well done, Marovia.");
    assert_quiet("Well done to our athletes at the Games!", false);
    assert_quiet(
        "A brilliant performance by the national orchestra tonight.",
        false,
    );
    let sincere = modifier(
        "Congratulations and well done, team!",
        "praise-incongruity/well-done",
        "no incongruity",
    );
    assert_eq!(sincere, Some(0.0));
}

#[test]
fn json_output_carries_the_explanation() {
    let f = &tone("Their statement is utter crap.")[0];
    let v = serde_json::to_value(f).unwrap();
    let c = &v["tone"]["contributions"];
    assert!(
        c.as_array()
            .unwrap()
            .iter()
            .any(|c| c["entry"] == "profanity/crap"),
        "{v}"
    );
    assert!(v["tone"]["threshold"].as_f64().unwrap() > 0.0);
}

#[test]
fn strong_threats_and_profanity_block_other_categories_warn() {
    let t = tone("Those responsible will pay dearly, and we will destroy them.");
    assert_eq!(t[0].severity, Severity::Block, "{t:#?}");
    let p = tone("What a load of bullshit, what utter crap.");
    assert_eq!(p[0].severity, Severity::Block, "{p:#?}");
    let s = tone("Oh great, colour us surprised, a masterclass in failure 🤡🤡🤡");
    assert_eq!(
        s.iter().map(|f| f.severity).max(),
        Some(Severity::Warn),
        "{s:#?}"
    );
}

#[test]
fn a_suggested_replacement_is_a_choice_fix_and_named_in_the_advice() {
    let text = "Their spokesman is a liar.";
    let f = tone(text);
    assert!(
        f[0].message.starts_with(
            "Say which statement is wrong and give the facts: replace “a liar” with “mistaken”"
        ),
        "{}",
        f[0].message
    );
    let fix = &f[0].fixes[0];
    assert_eq!(fix.applicability, tact::model::Applicability::Choice);
    // The article goes with the noun: the sentence stays grammatical.
    assert_eq!(fix.apply(text), "Their spokesman is mistaken.");
}

#[test]
fn the_advice_names_the_fix_when_the_strongest_word_has_none() {
    let text = "The minister is an idiot and a liar.";
    let f = tone(text);
    // "idiot" weighs most and has no replacement; the fix replaces "a liar": both named.
    assert!(
        f[0].message.contains("rephrase “idiot”"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("; replace “a liar” with “mistaken”"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].fixes.len(), 1);
    assert_eq!(
        f[0].fixes[0].apply(text),
        "The minister is an idiot and mistaken."
    );
    assert_eq!(
        f[0].fixes[0].label_in(text),
        "replace `a liar` with `mistaken`"
    );
}

#[test]
fn masked_and_mild_profanity_and_long_punctuation_runs() {
    for text in [
        "This is absolute sh*t.",
        "F*cking unbelievable.",
        "What the f**k was that?",
        "They can go to hell.",
    ] {
        let c = contributions(text);
        assert!(
            c.iter()
                .any(|c| c.entry.starts_with("profanity/") && c.value > 0.0),
            "{text}: {c:#?}"
        );
        assert_warns(text);
    }
    assert_quiet("Miss F. B. Smith, Confidential Secretary.", true);
    // Capitals with a run of three marks shout; two marks after thanks stay quiet.
    assert!(
        contribution(
            "We will NEVER accept this. NEVER!!!",
            "form/punctuation-run"
        )
        .is_some()
    );
    assert_quiet("THANK YOU!!", true);
}

/// `own-side-bravo`: "bravo à nos…" praises one's own side and is quiet; the ironic
/// "bravo à" aimed at a counterpart still counts.
#[test]
fn bravo_to_our_own_side_is_sincere() {
    assert_quiet("Bravo à nos diplomates !", false);
    assert_quiet(
        "Bravo à toute l'équipe de l'ambassade pour ce sommet.",
        false,
    );
    assert!(
        contribution(
            "Bravo à l'Estovie pour ce nouveau mensonge !",
            "sarcasm/fr-bravo-a"
        )
        .is_some()
    );
}
