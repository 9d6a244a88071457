//! The tone scorer (DESIGN §8, `reference/tone.md` §3): weighted lexicon categories,
//! modifiers, form detectors and exceptions, scored per sentence with VADER's bounded
//! normalisation, and explained contribution by contribution. Pure: no UI, no files.
//!
//! - [`crate::schema::tone`]: the `[tone]` data of a pack (serde types).
//! - [`compile`]: layers → [`ToneModel`] (automaton, pattern set, word lists).
//! - [`score`]: sentences → scores; [`explain`]: scores → findings.

pub mod advice;
pub mod compile;
mod context;
pub mod explain;
mod forms;
mod hits;
pub mod model;
pub(crate) mod patterns;
pub mod score;
mod settings;
mod text;
pub mod words;

pub use compile::compile;
pub use model::ToneModel;
pub use score::{Input, SentenceScore, score};
