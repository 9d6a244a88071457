//! The audit log (DESIGN §12): one JSON line per cleared post, append-only (O_APPEND,
//! fsync), hash-chained. Each record carries `prev`, the SHA-256 of the previous line's
//! bytes (64 zeros for the first), and `hash`, the SHA-256 of its own line written with
//! `"hash": ""`. An edited record fails its own `hash`; a deleted, inserted or reordered
//! record breaks the `prev` chain of the line after it.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::PublishError;
use super::gate::{Gate, decide};
use super::{Request, Settings};
use crate::model::{Finding, Severity};

/// `prev` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The account a post was cleared for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    /// Display name.
    pub name: String,
    /// Handle, e.g. `@EmbassyExample`.
    pub handle: String,
    /// `official` or `personal`.
    pub kind: String,
}

/// A pack in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackRecord {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
}

/// A finding as recorded: rule, severity, byte span and the matched text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRecord {
    /// Rule id.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Start, in bytes.
    pub start: usize,
    /// End (exclusive), in bytes.
    pub end: usize,
    /// The matched text.
    #[serde(rename = "match")]
    pub matched: String,
}

impl From<&Finding> for FindingRecord {
    fn from(f: &Finding) -> Self {
        FindingRecord {
            rule: f.rule.clone(),
            severity: f.severity,
            start: f.start,
            end: f.end,
            matched: f.matched.clone(),
        }
    }
}

/// One publish record (one line of the log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// When the post was cleared (UTC, RFC 3339).
    pub timestamp: String,
    /// `author` from the config.
    pub author: Option<String>,
    /// The account cleared for, if accounts are configured.
    pub account: Option<AccountRecord>,
    /// Platform id.
    pub platform: String,
    /// SHA-256 of the text (UTF-8 bytes), lowercase hex.
    pub text_sha256: String,
    /// Length of the text in bytes (UTF-8).
    pub text_bytes: usize,
    /// Length of the text in characters (Unicode scalar values).
    pub text_chars: usize,
    /// Packs in force.
    pub packs: Vec<PackRecord>,
    /// SHA-256 of the compiled rules.
    pub rule_fingerprint: String,
    /// All findings at clearing time.
    pub findings: Vec<FindingRecord>,
    /// The blocking findings the writer overrode.
    pub overridden: Vec<FindingRecord>,
    /// The writer's justification for `overridden` (`None` when nothing was overridden).
    pub justification: Option<String>,
    /// The outbox file written.
    pub outbox: String,
    /// SHA-256 of the previous line ([`GENESIS`] for the first).
    pub prev: String,
    /// SHA-256 of this line written with `"hash": ""` (filled in by [`append`]).
    pub hash: String,
}

impl Record {
    /// The record of clearing `req` into `outbox` at `now` (`prev` and `hash` are filled in
    /// by [`append`]).
    pub fn new(settings: &Settings, req: &Request, outbox: &Path, now: jiff::Timestamp) -> Record {
        let overridden = match decide(true, &req.findings) {
            Gate::NeedsJustification { blocking } => blocking.into_iter().map(Into::into).collect(),
            _ => Vec::new(),
        };
        let justification = if overridden.is_empty() {
            None
        } else {
            req.justification.clone()
        };
        Record {
            timestamp: now.to_string(),
            author: settings.author.clone(),
            account: req.account.as_ref().map(|a| AccountRecord {
                name: a.name.clone(),
                handle: a.handle.clone(),
                kind: a.kind.clone(),
            }),
            platform: req.platform.clone(),
            text_sha256: sha256_hex(req.text.as_bytes()),
            text_bytes: req.text.len(),
            text_chars: req.text.chars().count(),
            packs: req
                .packs
                .iter()
                .map(|(id, version)| PackRecord {
                    id: id.clone(),
                    version: version.clone(),
                })
                .collect(),
            rule_fingerprint: req.fingerprint.clone(),
            findings: req.findings.iter().map(Into::into).collect(),
            overridden,
            justification,
            outbox: outbox.display().to_string(),
            prev: String::new(),
            hash: String::new(),
        }
    }

    /// The record as one JSON line (no newline), with `prev` and `hash` set.
    fn to_line(&self, prev: &str) -> Result<String, PublishError> {
        let mut v = serde_json::to_value(self)?;
        v["prev"] = Value::from(prev);
        v["hash"] = Value::from("");
        let hash = sha256_hex(serde_json::to_string(&v)?.as_bytes());
        v["hash"] = Value::from(hash);
        Ok(serde_json::to_string(&v)?)
    }
}

/// The last line of `log` (without its newline), if the file exists and is not empty.
fn last_line(log: &Path) -> Result<Option<String>, PublishError> {
    match fs::read_to_string(log) {
        Ok(s) => Ok(s.lines().rev().find(|l| !l.is_empty()).map(str::to_string)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(PublishError::io("read", log)(e)),
    }
}

/// Appends `record` to `log` (created if missing, with its folder): `prev` is the SHA-256
/// of the current last line. Opened with O_APPEND and fsynced. Returns the line written.
///
/// # Errors
/// The log cannot be read, created or written; the message names the path.
pub fn append(log: &Path, record: &Record) -> Result<String, PublishError> {
    if let Some(dir) = log.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(PublishError::io("create", dir))?;
    }
    let prev = last_line(log)?.map_or_else(|| GENESIS.to_string(), |l| sha256_hex(l.as_bytes()));
    let line = record.to_line(&prev)?;
    let mut f = fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(log)
        .map_err(PublishError::io("open", log))?;
    f.write_all(format!("{line}\n").as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(PublishError::io("write", log))?;
    Ok(line)
}

/// Why a log failed verification: the first bad line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct VerifyError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Checks every line of `text` (a log's contents): valid JSON, its own `hash`, and `prev`
/// = SHA-256 of the line before. Returns the number of records.
///
/// # Errors
/// The first bad line.
pub fn verify(text: &str) -> Result<usize, VerifyError> {
    let mut prev = GENESIS.to_string();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        let bad = |reason: String| VerifyError {
            line: i + 1,
            reason,
        };
        let mut v: Value =
            serde_json::from_str(line).map_err(|e| bad(format!("not a JSON record: {e}")))?;
        let hash = v
            .get("hash")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        v["hash"] = Value::from("");
        let own = sha256_hex(serde_json::to_string(&v).unwrap_or_default().as_bytes());
        if hash != own {
            return Err(bad(
                "the record was edited (its hash does not match its contents)".into(),
            ));
        }
        let p = v.get("prev").and_then(Value::as_str).unwrap_or("");
        if p != prev {
            let why = if i == 0 {
                "the first record does not start the chain (records before it were deleted?)"
                    .to_string()
            } else {
                format!(
                    "`prev` does not match line {i}: line {i} was changed, or a record was deleted, inserted or reordered here"
                )
            };
            return Err(bad(why));
        }
        prev = sha256_hex(line.as_bytes());
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str) -> Record {
        let req = Request {
            text: text.into(),
            platform: "x".into(),
            account: None,
            packs: vec![("terms".into(), "1".into())],
            fingerprint: "f".into(),
            findings: vec![],
            justification: None,
        };
        Record::new(
            &Settings::default(),
            &req,
            Path::new("outbox/a.txt"),
            jiff::Timestamp::UNIX_EPOCH,
        )
    }

    #[test]
    fn chain_verifies_and_any_edit_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("audit.jsonl");
        for t in ["one", "two", "three"] {
            append(&log, &record(t)).unwrap();
        }
        let text = fs::read_to_string(&log).unwrap();
        assert_eq!(verify(&text), Ok(3));
        let edited = text.replacen("\"x\"", "\"bluesky\"", 2);
        assert_eq!(verify(&edited).unwrap_err().line, 1);
        let lines: Vec<&str> = text.lines().collect();
        let deleted = format!("{}\n{}\n", lines[0], lines[2]);
        assert_eq!(verify(&deleted).unwrap_err().line, 2);
        let swapped = format!("{}\n{}\n{}\n", lines[0], lines[2], lines[1]);
        assert_eq!(verify(&swapped).unwrap_err().line, 2);
    }
}
