//! The integration tests, one binary (one link instead of one per file). Each module is one
//! area; shared helpers are in `support`, rule packs the tests load are in `tests/fixtures/`.
//! The editor and PTY tests need the `tui` feature, so `cargo test --no-default-features`
//! builds and runs the rest.
//!
//! Insta snapshots are in `tests/it/snapshots/it__<module>__<name>.snap`; proptest's saved
//! failure seeds in `tests/proptest-regressions/<module>.txt` (where proptest looks for a
//! crate rooted at `main.rs`).
//!
//! Run one area with `cargo test --test it <module>::`, e.g. `cargo test --test it layering::`.

mod support;

mod audit_cli;
mod authoring;
mod cli;
mod corpus;
mod engine;
mod entities_conformance;
mod entities_props;
mod finding_cap;
mod fingerprint;
mod human_factor;
mod layering;
mod leaks_evasions;
mod matching_table;
mod no_rules;
mod platform_counting;
mod platform_unicode_inputs;
mod rule_diagnostics;
#[cfg(unix)]
mod rule_sources;
mod thread;
mod tone_dev;
mod tone_model;
mod tone_schema;
mod twitter_conformance;

#[cfg(feature = "tui")]
mod pty_editor;
#[cfg(feature = "tui")]
mod pty_reload;
#[cfg(feature = "tui")]
mod pty_rtl;
#[cfg(feature = "tui")]
mod pty_safety;
#[cfg(feature = "tui")]
mod pty_startup;
#[cfg(feature = "tui")]
mod tui_app;
#[cfg(feature = "tui")]
mod tui_counter;
#[cfg(feature = "tui")]
mod tui_gate;
#[cfg(feature = "tui")]
mod tui_keys;
#[cfg(feature = "tui")]
mod tui_reload;
#[cfg(feature = "tui")]
mod tui_render;
#[cfg(feature = "tui")]
mod tui_review;
#[cfg(feature = "tui")]
mod tui_rtl;
#[cfg(feature = "tui")]
mod tui_safety;
#[cfg(feature = "tui")]
mod tui_save_as;
#[cfg(feature = "tui")]
mod tui_stale;
#[cfg(feature = "tui")]
mod tui_thread;
#[cfg(feature = "tui")]
mod tui_thread_strict;
#[cfg(feature = "tui")]
mod tui_tone;
