//! tact checks a diplomat's social-media post before it is published.
//!
//! Data flows one way (DESIGN §3):
//! `text → views (normalised copies with offset maps) → matchers per rule kind → findings
//! (original byte spans) → report | tui`.
//!
//! The modules form layers; each may use only the layers below it (the architecture test in
//! `layers_test.rs` reads every `crate::` path and fails on an upward or sideways reach):
//!
//! | layer | module | may use |
//! |---|---|---|
//! | 0 | [`model`]: spans, line index, severity, category, scope, findings, fixes, digests | nothing |
//! | 1 | [`text`]: normalisation views with offset maps, word boundaries, entities | model |
//! | 1 | [`schema`]: every serde format (rule files, `[tone]` tables) | model |
//! | 2 | [`platform`]: per-platform counting units | model, text |
//! | 2 | [`diag`]: errors in rule sources and configs, with file, line and column | model, text |
//! | 3 | [`kinds`]: one module per rule kind (validate, compile, match) and the compiled rule | model, text, platform, schema, diag |
//! | 3 | [`load`]: sources, layering, the config `tact.toml`, overrides | model, text, schema, diag |
//! | 4 | [`engine`]: build, fingerprint, check, examples | kinds, load and below |
//! | 5 | [`report`], [`publish`]: human and JSON output; the publish gate and audit log | engine and below |
//! | 6 | `tui` (feature `tui`): the drafting editor | everything above |
//!
//! The command line (`src/cli.rs`, `src/commands/`) lives in the binary.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs, unreachable_pub)]

pub mod diag;
pub mod engine;
pub mod kinds;
pub mod load;
pub mod model;
pub mod platform;
pub mod publish;
pub mod report;
pub mod schema;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;

#[cfg(test)]
mod layers_test;
