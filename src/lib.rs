//! tact checks a diplomat's social-media post before it is published.
//!
//! Data flows one way (DESIGN §3):
//! `text → views (normalised copies with offset maps) → matchers per rule kind → findings
//! (original byte spans) → report | tui`.
//!
//! - [`text`]: normalisation views with offset maps, word boundaries, entities.
//! - [`rules`]: rule-file schema, loading, layering, validation, compilation.
//! - [`check`]: the engine and one module per rule kind.
//! - [`tone`]: the tone scorer (lexicon categories, modifiers, explanation).
//! - [`platform`]: per-platform counting units.
//! - [`report`]: human (annotate-snippets) and JSON Lines output.
//! - [`publish`]: the publish gate, the outbox and the hash-chained audit log.
//! - `tui` (feature `tui`): the drafting editor.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod config;
pub mod platform;
pub mod publish;
pub mod report;
pub mod rules;
pub mod strict_json;
pub mod text;
pub mod tone;
#[cfg(feature = "tui")]
pub mod tui;
