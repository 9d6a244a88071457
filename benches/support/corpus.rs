//! The real posts the benches check (`../shared/corpus/benign-posts.jsonl`, read in place from
//! the project root). Shared by the benches with `#[path = "support/corpus.rs"] mod corpus;`.

/// Where the corpus is, from the project root.
pub const CORPUS: &str = "../shared/corpus/benign-posts.jsonl";

/// The `text` of every record of [`CORPUS`] (4,285 posts); panics, failing the bench, when
/// the file is missing or holds fewer than 4,000 posts — never a silent skip.
pub fn corpus_texts() -> Vec<String> {
    let text = std::fs::read_to_string(CORPUS).unwrap_or_else(|e| {
        panic!("cannot read {CORPUS} (run from the project root, next to ../shared): {e}")
    });
    let texts: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["text"]
                .as_str()
                .expect("text")
                .to_string()
        })
        .collect();
    assert!(texts.len() > 4000, "{CORPUS}: only {} posts", texts.len());
    texts
}
