//! The fit on the shared labelled data: cross-validated figures (printed, and held to the
//! issue's floors), and the bundled `rules/tone-fitted.toml` is exactly what re-fitting
//! writes.

use super::learn::{self, Example, Hyper, Prior};
use super::*;

const DEV_LARGE: &str = "../shared/corpus/tone-dev-large.jsonl";
const REAL_DEV: &str = "../shared/corpus/tone-real-dev.jsonl";

fn read(path: &str) -> Vec<Post> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e} (the shared corpus must be present)"));
    let name = path.rsplit('/').next().unwrap();
    parse_posts(name, &text).unwrap()
}

/// The bundled `[tone]` layers of pack `tone` without the fitted one.
fn base_layers() -> Vec<ToneLayer> {
    tone_layers(&crate::load::bundled(), "tone", false).unwrap()
}

fn bundled_options() -> Options {
    Options {
        folds: 5,
        hyper: Hyper::default(),
        block_precision: 0.95,
        command: "tact rules fit tone-dev-large.jsonl tone-real-dev.jsonl".into(),
        pack: "tone".into(),
        learned: ngrams::Settings::default(),
        block_in_force: None,
    }
}

#[test]
fn refitting_the_shared_data_reproduces_the_bundled_weights_with_cross_validated_figures() {
    let mut posts = read(DEV_LARGE);
    posts.extend(read(REAL_DEV));
    let r = run(&base_layers(), &posts, &bundled_options()).unwrap();
    let text = report::text(&r, &posts, 5);
    // Printed with the test output (`cargo test -- --nocapture`): the cross-validated figures.
    #[allow(clippy::print_stdout)]
    {
        println!("{text}");
    }
    let bundled = include_str!("../../../rules/tone-fitted.toml");
    assert!(
        r.layer == bundled,
        "rules/tone-fitted.toml is not what re-fitting writes; re-run the command in rules/README.md (\"Fitting the tone weights\")"
    );
    // Cross-validated (each post judged by a model fitted without it): the floors.
    let per = report::by(&posts, &r.cv, |p| p.source.clone());
    let large = per["tone-dev-large.jsonl"];
    let real = per["tone-real-dev.jsonl"];
    assert!(
        large.f1() >= 0.85 && large.precision() >= 0.85,
        "dev-large CV {}",
        large.line()
    );
    assert!(
        real.f1() >= 0.80 && real.precision() >= 0.80,
        "real-dev CV {}",
        real.line()
    );
    // Plain acceptable kinds stay quiet: at most 3 % of them warned by the bundled pack on
    // the dev data (the measure). Cross-validated, the learned word weights warn
    // more of them (a post judged by weights that never saw its wording); that figure is
    // printed and held under 10 % so that it cannot silently grow.
    let quiet = [
        "neutral",
        "positive",
        "condolence",
        "condemnation",
        "quoted_speech",
        "sports",
    ];
    let warned = |outcomes: &[Outcome]| {
        let mut c = report::Counts::default();
        for o in outcomes
            .iter()
            .filter(|o| quiet.contains(&posts[o.post].kind.as_str()))
        {
            c.add(!posts[o.post].tone_ok, o.flagged);
        }
        (c.fp, c.fp + c.tn)
    };
    let model = compile_with(&base_layers(), "tone-fitted.toml", &r.layer).unwrap();
    let mut fitted = Vec::new();
    judge(
        &model,
        &posts,
        &(0..posts.len()).collect::<Vec<_>>(),
        &mut fitted,
    );
    let (fp, n) = warned(&fitted);
    assert!(
        fp * 100 <= 3 * n,
        "quiet kinds warned by the bundled pack {fp}/{n}"
    );
    let (fp, n) = warned(&r.cv);
    #[allow(clippy::print_stdout)]
    {
        println!(
            "quiet kinds warned: bundled pack {}/{n}, cross-validated {fp}/{n}",
            warned(&fitted).0
        );
    }
    assert!(
        fp * 100 < 10 * n,
        "quiet kinds warned (cross-validated) {fp}/{n}"
    );
    // Blocking is precise: cross-validated precision at block ≥ 0.95.
    let b = report::block_counts(&posts, &r.cv, r.levels.block);
    assert!(b.tp > 0 && b.precision() >= 0.95, "block {}", b.line());
}

#[test]
fn folds_are_stratified_and_deterministic() {
    let posts = read(DEV_LARGE);
    let f = folds(&posts, 5);
    assert_eq!(f, folds(&posts, 5));
    for k in 0..5 {
        for ok in [true, false] {
            let n = (0..posts.len())
                .filter(|&i| f[i] == k && posts[i].tone_ok == ok)
                .count();
            assert!((47..=49).contains(&n), "fold {k} tone_ok {ok}: {n}");
        }
        let ru = (0..posts.len())
            .filter(|&i| f[i] == k && posts[i].lang == "ru")
            .count();
        assert!((3..=4).contains(&ru), "fold {k}: {ru} Russian posts");
    }
}

/// On made-up features: a feature seen only in positives gains weight, one seen only in
/// negatives loses it, an unseen entry keeps its prior, and the category scale moves the
/// unseen entry of a category whose seen entries all gain.
#[test]
fn the_learner_moves_weights_the_way_the_data_says() {
    use super::features::{PostX, SentenceX};
    let post = |e: usize| PostX {
        sentences: vec![SentenceX {
            entries: vec![(e, 1.0)],
            forms: vec![],
            offset: 0.0,
        }],
        floored: false,
    };
    let (pos, neg) = (post(0), post(1));
    let data: Vec<Example> = (0..20)
        .map(|i| {
            if i % 2 == 0 {
                Example {
                    x: &pos,
                    positive: true,
                    weight: 1.0,
                }
            } else {
                Example {
                    x: &neg,
                    positive: false,
                    weight: 1.0,
                }
            }
        })
        .collect();
    let prior = Prior {
        entries: vec![2.0, 2.0, 2.0],
        category: vec![0, 1, 0],
        categories: 2,
        forms: vec![],
        threshold: 2.24,
    };
    let f = learn::fit(&prior, &data, Hyper::default());
    assert!(f.entries[0] > 2.5, "{f:?}");
    assert!(f.entries[1] < 1.5, "{f:?}");
    assert!(
        f.entries[2] > 2.0,
        "the unseen entry of the gaining category moves with it: {f:?}"
    );
    assert!(f.post(&pos) > f.threshold && f.post(&neg) < f.threshold);
    assert_eq!(
        f,
        learn::fit(&prior, &data, Hyper::default()),
        "deterministic"
    );
}
