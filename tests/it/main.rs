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
mod pty_editor;
mod pty_reload;
mod pty_rtl;
mod pty_safety;
mod pty_startup;
mod rule_diagnostics;
mod rule_sources;
mod thread;
mod tone_dev;
mod tone_model;
mod tone_schema;
mod tui_app;
mod tui_counter;
mod tui_gate;
mod tui_keys;
mod tui_reload;
mod tui_render;
mod tui_review;
mod tui_rtl;
mod tui_safety;
mod tui_save_as;
mod tui_thread;
mod tui_tone;
mod twitter_conformance;
