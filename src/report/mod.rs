//! Reports of findings: human (annotate-snippets) and JSON Lines (DESIGN §6).

mod human;
pub mod json;

pub use human::HumanReport;
