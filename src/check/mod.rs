//! The engine: compiled rules in, findings out. Pure: no printing, no terminal, no files.
//!
//! One module per rule kind ([`terms`], [`substitute`], [`pattern`], [`limit`]); shared
//! filtering (scopes, exceptions, context) lives in `filter`.

pub mod embargo;
mod engine;
pub mod examples;
mod filter;
mod finding;
pub mod hashed;
pub mod hidden;
pub mod limit;
pub mod links;
pub mod names;
pub mod pattern;
pub(crate) mod prefilter;
pub mod substitute;
pub mod terms;

pub use engine::{CheckOptions, CompiledRule, Counter, Engine, Matcher, PlatformInfo};
pub use filter::{Context, Needle};
pub use finding::{
    Applicability, Category, Contribution, Edit, Finding, Fix, Severity, ToneExplanation, Totals,
};
