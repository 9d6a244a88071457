//! The dev set (`../shared/corpus/tone-dev-examples.jsonl`, read in place; a missing file
//! fails) evaluated with the bundled packs at `warn`; figures are printed and asserted.

use tact::engine::eval::{evaluate, parse};
use tact::model::Severity;

#[test]
fn dev_set_is_classified_right() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/tone-dev-examples.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the dev set {} is required: {e}", path.display()));
    let posts = parse(&text).expect("dev set parses");
    assert_eq!(posts.len(), 35, "corpus/README.md §4: 35 posts");
    let r = evaluate(&crate::support::tone::ENGINE, posts, Severity::Warn);
    println!("dev set: {}", r.summary());
    let wrong: Vec<String> = r
        .outcomes
        .iter()
        .filter(|o| !o.correct())
        .map(|o| {
            format!(
                "{:?} {:?} score {:.2}: {}",
                o.post.id, o.post.kind, o.score, o.post.text
            )
        })
        .collect();
    assert!(wrong.is_empty(), "misclassified:\n{}", wrong.join("\n"));
    assert_eq!(
        (r.counts.tp, r.counts.fp, r.counts.fn_, r.counts.tn),
        (20, 0, 0, 15)
    );
    assert!(r.f1() >= 0.999 && r.precision() >= 0.999);
    // Every warning names a word: at least one positive contribution per flagged post.
    for o in r.outcomes.iter().filter(|o| o.flagged) {
        assert!(o.findings.iter().any(|f| {
            f.tone
                .as_ref()
                .unwrap()
                .contributions
                .iter()
                .any(|c| c.value > 0.0)
        }));
    }
}
