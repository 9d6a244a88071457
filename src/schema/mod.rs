//! Every serde format tact reads, as plain data (layer 1: uses only [`crate::model`]):
//! rule files ([`rule`]) and their `[tone]` tables ([`tone`]), and a rule file's text with
//! where it came from ([`RuleSource`]). Keys are kebab-case; unknown
//! keys are errors; values that an error may point at keep their byte span
//! ([`toml::Spanned`]).

mod layered;
pub mod rule;
mod source;
pub mod tone;

pub use layered::{LayeredRule, Origin};
pub use rule::{CaseMode, RuleKind};
pub use source::RuleSource;
