//! Hex text of digests (rule fingerprints, hashed term lists, audit records).

/// Lowercase hexadecimal of `bytes` (two characters per byte).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
