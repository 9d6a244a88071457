//! Shared helpers for the tone tests.

use std::sync::LazyLock;

use tact::engine::{CheckOptions, Engine};
use tact::model::{Contribution, Finding, Severity};

/// The bundled packs with the hand-set tone weights (without `tone-fitted.toml`, whose
/// numbers move with every re-fit; the fit has its own tests), loaded once.
pub static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let sources: Vec<_> = tact::load::bundled()
        .into_iter()
        .filter(|s| s.name != "bundled:tone-fitted.toml")
        .collect();
    tact::engine::engine_from_sources(&sources, &Default::default()).expect("bundled packs load")
});

/// The tone findings of `text` with the bundled packs.
pub fn tone(text: &str) -> Vec<Finding> {
    ENGINE
        .check(text, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.tone.is_some())
        .collect()
}

/// The post level: the worst tone finding, if any.
pub fn level(text: &str) -> Option<Severity> {
    tone(text).iter().map(|f| f.severity).max()
}

/// Every contribution of every tone finding (also those cancelled to 0), via the scorer.
pub fn contributions(text: &str) -> Vec<Contribution> {
    tact::kinds::tone::sentence_scores(ENGINE.rules(), text)
        .into_iter()
        .flat_map(|s| s.contributions)
        .collect()
}

/// The contribution of entry `id` (`insult/buffoon`, `form/caps-sentence`), if any.
pub fn contribution(text: &str, id: &str) -> Option<Contribution> {
    contributions(text).into_iter().find(|c| c.entry == id)
}

/// Whether a modifier whose label starts with `label` applied to entry `id`.
pub fn modifier(text: &str, id: &str, label: &str) -> Option<f64> {
    contribution(text, id)?
        .modifiers
        .into_iter()
        .find(|(m, _)| m.starts_with(label))
        .map(|(_, f)| f)
}

/// Asserts that `text` reaches at least `warn`.
pub fn assert_warns(text: &str) {
    let l = level(text);
    assert!(
        l >= Some(Severity::Warn),
        "expected a tone warning for {text:?}, got {l:?}: {:#?}",
        contributions(text)
    );
}

/// Asserts that `text` gets no tone warning (a grey hint is allowed when `hint_ok`).
pub fn assert_quiet(text: &str, hint_ok: bool) {
    let l = level(text);
    let ok = if hint_ok {
        l < Some(Severity::Warn)
    } else {
        l.is_none()
    };
    assert!(
        ok,
        "expected no tone warning for {text:?}, got {l:?}: {:#?}",
        contributions(text)
    );
}
