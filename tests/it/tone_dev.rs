//! The dev set (`../shared/corpus/tone-dev-examples.jsonl`, read in place; a missing file
//! fails) evaluated with the bundled packs at `warn`; figures are printed and asserted.

use tact::engine::CheckOptions;
use tact::engine::eval::{Counts, parse, verdict};
use tact::model::Severity;

#[test]
fn dev_set_is_classified_right() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/tone-dev-examples.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the dev set {} is required: {e}", path.display()));
    let posts = parse(&text).expect("dev set parses");
    assert_eq!(posts.len(), 35, "corpus/README.md §4: 35 posts");
    let engine = &crate::support::tone::ENGINE;
    let mut counts = Counts::default();
    let mut wrong = Vec::new();
    for post in &posts {
        let found = engine.check(&post.text, &CheckOptions::default());
        let (findings, flagged, score) = verdict(found, Severity::Warn);
        counts.add(!post.tone_ok, flagged);
        if flagged == post.tone_ok {
            wrong.push(format!(
                "{:?} {:?} score {score:.2}: {}",
                post.id, post.kind, post.text
            ));
        }
        // Every warning names a word: at least one positive contribution per flagged post.
        if flagged {
            assert!(
                findings.iter().any(|f| {
                    f.tone
                        .as_ref()
                        .unwrap()
                        .contributions
                        .iter()
                        .any(|c| c.value > 0.0)
                }),
                "{:?}: flagged without a contributing word",
                post.id
            );
        }
    }
    println!("dev set: {}", counts.summary());
    assert!(wrong.is_empty(), "misclassified:\n{}", wrong.join("\n"));
    assert_eq!(
        (counts.tp, counts.fp, counts.fn_, counts.tn),
        (20, 0, 0, 15)
    );
    assert!(counts.f1() >= 0.999 && counts.precision() >= 0.999);
}
