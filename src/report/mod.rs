//! Reports of findings: human (annotate-snippets) and JSON Lines (DESIGN §6).

mod human;
pub mod json;

pub use human::HumanReport;

/// Lowercase hexadecimal of `bytes` (digests in fingerprints and audit records).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
