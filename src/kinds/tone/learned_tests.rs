//! The learned word weights: tokens (names masked, capitals, entities), features, and
//! how `apply` raises and names.

use super::*;
use crate::kinds::tone::SentenceScore;
use crate::model::Severity;

fn keys(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.key).collect()
}

#[test]
fn names_inside_a_sentence_are_masked_and_words_lower_cased() {
    assert_eq!(
        keys("Thank you, Borduria, for the Warm welcome"),
        ["thank", "you", NAME, "for", "the", NAME, "welcome"]
    );
}

#[test]
fn a_capital_at_the_start_of_a_sentence_is_a_word_only_when_the_model_knows_it() {
    let mut t = tokens("Shame on them. Estovia agrees.");
    assert!(t[0].maybe_name && t[3].maybe_name);
    resolve(&mut t, |k| k == "shame");
    let k: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(k, ["shame", "on", "them", NAME, "agrees"]);
    assert!(t.iter().all(|t| !t.maybe_name));
}

#[test]
fn capitals_add_a_caps_token_only_in_scripts_with_case() {
    assert_eq!(
        keys("we will NEVER accept"),
        ["we", "will", "<caps>", "never", "accept"]
    );
    // Arabic has no capitals: its words are words, never `<caps>` or names.
    assert_eq!(keys("شكرا للجميع"), ["شكرا", "للجميع"]);
    // One capital letter is not shouting.
    assert_eq!(keys("I agree"), ["i", "agree"]);
}

#[test]
fn an_elided_article_keeps_the_article_and_masks_the_name() {
    assert_eq!(
        keys("nous saluons l'Estovie et d’Ankara"),
        ["nous", "saluons", "l'<name>", "et", "d'<name>"]
    );
    // An inner apostrophe of an ordinary word is kept (and folded to `'`).
    assert_eq!(keys("they don’t"), ["they", "don't"]);
}

#[test]
fn links_mentions_hashtags_numbers_punctuation_runs_and_emoji_become_tokens() {
    assert_eq!(
        keys("see https://t.co/x @FMA #UNGA 2026 ?!?!?! 👍🏽"),
        ["see", "<url>", "<at>", "<tag>", "<num>", "?!?", "👍"]
    );
}

#[test]
fn features_are_tokens_and_neighbour_pairs_each_once() {
    let f: Vec<String> = features(&tokens("how original, how original"))
        .into_iter()
        .map(|f| f.key)
        .collect();
    assert_eq!(f, ["how", "how original", "original", "original how"]);
}

fn sentence(start: usize, end: usize, level: Option<Severity>) -> SentenceScore {
    SentenceScore {
        start,
        end,
        sum: 0.0,
        score: 0.0,
        level,
        floored_by: None,
        contributions: Vec::new(),
        categories: Vec::new(),
        learned: None,
    }
}

fn model() -> Learned {
    Learned::new(
        -1.0,
        0.6,
        [
            ("how original", 1.5),
            ("original", 0.5),
            ("the", 0.4),
            ("talks", -0.3),
        ]
        .into_iter()
        .map(|(k, w)| (k.to_string(), w))
        .collect(),
        ["the".to_string()].into_iter().collect(),
    )
}

/// Byte ranges of the sentences of `text` split after each `. `.
fn sentences(text: &str) -> Vec<SentenceScore> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in text.match_indices(". ") {
        out.push(sentence(from, i + 1, None));
        from = i + 2;
    }
    out.push(sentence(from, text.len(), None));
    out
}

#[test]
fn a_post_over_warn_raises_its_heaviest_sentence_naming_its_words() {
    let text = "The talks resumed. How original.";
    let mut s = sentences(text);
    apply(&model(), text, &mut s);
    assert_eq!(s[0].level, None);
    assert_eq!(s[1].level, Some(Severity::Warn));
    let p = sigmoid(-1.0 + 1.5 + 0.5 + 0.4 - 0.3);
    assert!((s[1].learned.unwrap() - p).abs() < 1e-12);
    let named: Vec<(&str, &str)> = s[1]
        .contributions
        .iter()
        .map(|c| (c.entry.as_str(), &text[c.start..c.end]))
        .collect();
    // `the` counts but is quiet (never named); `how` has no weight.
    assert_eq!(
        named,
        [
            ("learned/how original", "How original"),
            ("learned/original", "original")
        ]
    );
}

#[test]
fn nothing_is_raised_below_warn_or_when_a_sentence_already_warns() {
    let m = model();
    let text = "The talks resumed. How original.";
    let mut s = sentences(text);
    s[0].level = Some(Severity::Warn);
    apply(&m, text, &mut s);
    assert_eq!(s[1].level, None);
    let below = "How original.";
    let mut s = sentences(below);
    let quieter = Learned {
        warn: 0.9,
        ..m.clone()
    };
    apply(&quieter, below, &mut s);
    assert_eq!((s[0].level, s[0].learned), (None, None));
}

#[test]
fn words_the_model_never_saw_stay_at_the_bias_and_are_never_raised() {
    let text = "Мы провели переговоры. Biz uchrashdik.";
    let mut s = sentences(text);
    apply(&model(), text, &mut s);
    assert!(
        s.iter()
            .all(|s| s.level.is_none() && s.contributions.is_empty())
    );
}

#[test]
fn a_long_text_is_judged_in_runs_of_sentences_not_as_one_sum() {
    // Each sentence alone is below warn (σ(-1 + 0.5) < 0.6); 40 of them in one sum
    // would pass it, but every run of at most CHUNK_BYTES sees each feature once.
    let text = "An original plan. ".repeat(40);
    let text = text.trim_end();
    let mut s = sentences(text);
    apply(&model(), text, &mut s);
    assert!(s.iter().all(|s| s.level.is_none()));
}

/// The reference features of `text` (a String per token and pair) under `m`.
fn reference(m: &Learned, text: &str) -> Vec<(String, usize, usize)> {
    let mut toks = tokens(text);
    resolve(&mut toks, |k| m.words.contains(k));
    features(&toks)
        .into_iter()
        .map(|f| (f.key, f.start, f.end))
        .collect()
}

#[test]
fn the_indexed_features_are_the_known_features_the_reference_finds() {
    let path = "../shared/corpus/tone-real-dev.jsonl";
    let corpus = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut texts: Vec<String> = corpus
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["text"].as_str().expect("a text field").to_string()
        })
        .collect();
    texts.extend(
        [
            "Borduria rejects the talks. How ORIGINAL!!! 🙄🙄 l'Estovie d'Ankara",
            "https://x.example/a?b @amb #TalksNow 42 it’s Don’t 'quoted' a_b __",
            "ΣΤΟ ΣΠΙΤΙ. Στο σπίτι ΟΔΟΣ İstanbul ǅemal ß ÆON",
            "!!!???!! ? … 。Next: Again and again and AGAIN",
            "",
        ]
        .map(String::from),
    );
    // Every other distinct feature of the texts is weighted (names resolved as words, so
    // words at the start of a sentence are in the model too).
    let mut keys: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for t in &texts {
        let mut toks = tokens(t);
        resolve(&mut toks, |_| true);
        for f in features(&toks) {
            if seen.insert(f.key.clone()) {
                keys.push(f.key);
            }
        }
    }
    let weights: HashMap<String, f64> = keys
        .into_iter()
        .step_by(2)
        .enumerate()
        .map(|(i, k)| (k, 0.1 + (i % 7) as f64 * 0.2))
        .collect();
    assert!(weights.len() > 1000, "{} weighted features", weights.len());
    let m = Learned::new(-1.0, 0.6, weights, Default::default());
    let mut sc = super::super::learned_index::Scratch::default();
    for t in &texts {
        let want: Vec<(String, usize, usize)> = reference(&m, t)
            .into_iter()
            .filter(|(k, _, _)| m.weights.contains_key(k))
            .collect();
        sc.buf.scan(t);
        m.index.resolve(&mut sc.buf);
        m.index.features(&sc.buf, &mut sc.hashes, &mut sc.known);
        let got: Vec<(String, usize, usize)> = sc
            .known
            .iter()
            .map(|k| (m.index.key(k.id).to_string(), k.start, k.end))
            .collect();
        assert_eq!(got, want, "{t:?}");
        let all = reference(&m, t);
        let p = m.probability(all.iter().map(|(k, _, _)| k.as_str()));
        let z: f64 = sc.known.iter().map(|k| m.index.weight(k.id)).sum();
        assert_eq!(sigmoid(m.bias + z).to_bits(), p.to_bits(), "{t:?}");
    }
}
