//! `tact audit verify`: checks every line of an audit log (DESIGN §12).
//!
//! Per line: one JSON object with no repeated key ([`crate::text::strict_json`]); its own `hash`;
//! `prev` = SHA-256 of the line before; `seq` one more than the line before; the `sig` of
//! `signer`, who must be in the allowed signers; an approval's signature, by an allowed
//! signer other than the officer. Lines written before records were signed (no `sig`) are
//! reported as unsigned (legacy), never as verified; an unsigned line after a signed one, or
//! one with a `seq` or a `signer` (only signed records have them), is an error (its signature
//! was stripped). Every line ends in a newline (a last line without one was cut off) and none
//! is empty. A [`Checkpoint`] kept elsewhere catches records removed from the end.

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};

use super::audit::{
    GENESIS, approval_digest, approval_message, own_hash, record_message, sha256_hex,
};
use super::sign::{self, Signers};
use crate::text::strict_json;

/// Why a log failed verification: the first bad line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct VerifyError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// What verification found out about one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// 1-based line number (= sequence number).
    pub line: usize,
    /// The record's timestamp, as written.
    pub timestamp: String,
    /// The allowed signer who cleared it; `None` for an unsigned (legacy) record.
    pub signed_by: Option<String>,
    /// The allowed signer who approved its override, if any.
    pub approved_by: Option<String>,
}

/// The result of verifying a whole log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Every record, in order.
    pub records: Vec<Checked>,
    /// How many records are unsigned (legacy, before signing existed): their content is
    /// chained, but nothing proves who wrote them.
    pub legacy: usize,
    /// The checkpoint of the last record (`None` for an empty log).
    pub head: Option<Checkpoint>,
}

/// A short checkpoint of a log's head: the last record's sequence number and the first 32
/// hex digits (128 bits) of the SHA-256 of its line. Written `SEQ:HASH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Sequence number (1-based) of the last record.
    pub seq: u64,
    /// Lowercase hex prefix of the SHA-256 of that record's line (16 to 64 digits).
    pub hash: String,
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.seq, &self.hash[..self.hash.len().min(32)])
    }
}

impl FromStr for Checkpoint {
    type Err = String;
    fn from_str(s: &str) -> Result<Checkpoint, String> {
        let bad = || {
            format!("`{s}` is not a checkpoint: expected SEQ:HASH as printed by `tact audit head`")
        };
        let (seq, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let seq: u64 = seq.parse().map_err(|_| bad())?;
        let ok = (16..=64).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit());
        if !ok || seq == 0 {
            return Err(bad());
        }
        Ok(Checkpoint {
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

/// Verifies `text` (a log's contents) against the allowed `signers`, and against `head`
/// (a checkpoint taken earlier) when given.
///
/// # Errors
/// The first bad line, with what is wrong.
pub fn verify(
    text: &str,
    signers: &Signers,
    head: Option<&Checkpoint>,
) -> Result<Verified, VerifyError> {
    let mut prev = GENESIS.to_string();
    let mut out = Verified {
        records: Vec::new(),
        legacy: 0,
        head: None,
    };
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let bad = |reason: String| VerifyError {
            line: i + 1,
            reason,
        };
        let Some(line) = raw.strip_suffix('\n') else {
            return Err(bad(format!(
                "the last line is incomplete (it ends without a newline, after {} bytes): the file was cut off mid-record, or edited; tact writes each record as one whole line",
                raw.len()
            )));
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            return Err(bad(
                "an empty line: tact never writes one (the log was edited)".into(),
            ));
        }
        let v =
            strict_json::parse_object(line).map_err(|e| bad(format!("not a valid record: {e}")))?;
        let checked =
            check_line(&v, i, &prev, signers, out.records.len() > out.legacy).map_err(bad)?;
        prev = sha256_hex(line.as_bytes());
        if let Some(h) = head.filter(|h| h.seq == i as u64 + 1)
            && !prev.starts_with(&h.hash)
        {
            return Err(bad(format!(
                "record {} differs from the checkpoint {h}: the history up to the checkpoint was rewritten",
                h.seq
            )));
        }
        out.legacy += usize::from(checked.signed_by.is_none());
        out.records.push(checked);
    }
    let n = out.records.len();
    if let Some(h) = head.filter(|h| h.seq > n as u64) {
        return Err(VerifyError {
            line: n + 1,
            reason: format!(
                "the log ends after record {n}, but the checkpoint {h} names record {}: records were removed from the end (truncated)",
                h.seq
            ),
        });
    }
    out.head = (n > 0).then_some(Checkpoint {
        seq: n as u64,
        hash: prev,
    });
    Ok(out)
}

/// Checks one parsed line `v` (0-based index `i`), given the previous line's hash and
/// whether a signed record came before.
fn check_line(
    v: &Map<String, Value>,
    i: usize,
    prev: &str,
    signers: &Signers,
    signed_before: bool,
) -> Result<Checked, String> {
    let hash = v.get("hash").and_then(Value::as_str).unwrap_or("");
    let own = own_hash(v);
    if hash != own {
        return Err("the record was edited (its hash does not match its contents)".into());
    }
    if v.get("prev").and_then(Value::as_str) != Some(prev) {
        return Err(if i == 0 {
            "the first record does not start the chain (records before it were deleted?)".into()
        } else {
            format!(
                "`prev` does not match line {i}: line {i} was changed, or a record was deleted, inserted or reordered here"
            )
        });
    }
    let timestamp = v
        .get("timestamp")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if !v.contains_key("sig") {
        if v.contains_key("seq") || v.contains_key("signer") {
            return Err(format!(
                "record {}: unsigned, but it has a `seq` or a `signer`, which only signed records have: its signature was removed",
                i + 1
            ));
        }
        if signed_before {
            return Err(
                "this record is unsigned but records before it are signed: its signature was removed"
                    .into(),
            );
        }
        return Ok(Checked {
            line: i + 1,
            timestamp,
            signed_by: None,
            approved_by: None,
        });
    }
    let seq = v.get("seq").and_then(Value::as_u64);
    if seq != Some(i as u64 + 1) {
        return Err(format!(
            "sequence number {} where {} was expected: records were deleted or inserted",
            seq.map_or_else(|| "missing".to_string(), |s| s.to_string()),
            i + 1
        ));
    }
    let signed_by = signature(v, "signer", "sig", &record_message(hash), signers)
        .map_err(|e| format!("record {}: {e}", i + 1))?;
    let approved_by = match v.get("approval") {
        None | Some(Value::Null) => None,
        Some(Value::Object(a)) => {
            let msg = approval_message(&approval_digest(v));
            let who = signature(a, "signer", "sig", &msg, signers)
                .map_err(|e| format!("record {}: the approval: {e}", i + 1))?;
            if a.get("signer") == v.get("signer") {
                return Err(format!(
                    "record {}: approved by its own signer ({who}); an approval must come from someone else",
                    i + 1
                ));
            }
            Some(who)
        }
        Some(_) => return Err(format!("record {}: `approval` is not an object", i + 1)),
    };
    Ok(Checked {
        line: i + 1,
        timestamp,
        signed_by: Some(signed_by),
        approved_by,
    })
}

/// Checks the signature in `v[sig_key]` of `message` by `v[signer_key]`; returns the signer's
/// principal.
fn signature(
    v: &Map<String, Value>,
    signer_key: &str,
    sig_key: &str,
    message: &str,
    signers: &Signers,
) -> Result<String, String> {
    let signer = v.get(signer_key).and_then(Value::as_str).unwrap_or("");
    let sig = v.get(sig_key).and_then(Value::as_str).unwrap_or("");
    sign::verify_hex(signer, message, sig)?;
    signers.principal(signer).map(str::to_string).ok_or_else(|| {
        format!(
            "signed by a key that is not in the allowed signers ({}…): add it there if it belongs to an officer of this desk",
            &signer[..signer.len().min(16)]
        )
    })
}
