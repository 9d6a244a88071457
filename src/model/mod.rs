//! The vocabulary every other layer speaks (layer 0: depends on nothing in the crate):
//! findings and fixes, severities and categories, where a match may sit ([`Scope`]), which
//! view a matcher reads, word-boundary modes, line/column positions, and hex digests.

mod digest;
mod finding;
mod lines;
mod scope;
mod unlisted;

pub use digest::{Fingerprint, hex};
pub use finding::{
    Applicability, Category, Contribution, Edit, Finding, Fix, LearnedScore, Severity,
    TOO_LARGE_RULE, ToneExplanation, Totals,
};
pub use lines::{LineIndex, line_col};
pub use scope::{Boundary, Scope, ViewKind};
pub use unlisted::{MAX_FINDINGS_PER_RULE, Unlisted};
