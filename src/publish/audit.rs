//! The audit log (DESIGN §12): one JSON line per cleared post, appended under a lock as
//! one fsynced write, hash-chained and signed. Each record carries `seq` (1, 2, …), `prev`,
//! the SHA-256 of the previous line's bytes (64 zeros for the first), `hash`, the SHA-256
//! of its own line written with `"hash": ""` and `"sig": ""`, and `sig`, the Ed25519
//! signature of `tact-audit-v1:<hash>` by `signer` (see [`super::sign`]). An edited record
//! fails its own `hash`; a deleted, inserted or reordered record breaks the `prev` chain of
//! the line after it; a record rewritten with every hash recomputed fails its signature
//! unless the forger holds an allowed key. Verification is in [`super::verify`].

use std::path::Path;

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::PublishError;
use super::gate::{Gate, decide};
use super::lock::{self, LockedLog};
use super::sign;
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
    /// The part of a thread the finding is in (1-based; its span is into that part as
    /// posted); absent for a single post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
}

impl From<&Finding> for FindingRecord {
    fn from(f: &Finding) -> Self {
        FindingRecord {
            rule: f.rule.clone(),
            severity: f.severity,
            start: f.start,
            end: f.end,
            matched: f.matched.clone(),
            part: None,
        }
    }
}

impl FindingRecord {
    /// The record of `f`, found in part `part` (1-based) of a thread.
    fn in_part(f: &Finding, part: usize) -> FindingRecord {
        FindingRecord {
            part: Some(part),
            ..f.into()
        }
    }
}

/// One part of a thread as recorded: what was posted and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRecord {
    /// 1-based number of the part.
    pub part: usize,
    /// SHA-256 of the part as posted (numbering included), lowercase hex.
    pub text_sha256: String,
    /// Length of the part in bytes (UTF-8).
    pub text_bytes: usize,
    /// Length of the part in characters (Unicode scalar values).
    pub text_chars: usize,
    /// The outbox file of this part.
    pub outbox: String,
}

/// An approver's signature on an override (`[publish] require-approval = "block"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The approver's public key, hex.
    pub signer: String,
    /// Ed25519 signature of `tact-approval-v1:<approval digest>`, hex (see
    /// [`approval_digest`]).
    pub sig: String,
}

/// One publish record (one line of the log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Sequence number: 1 for the first line of the log, one more for each line after.
    pub seq: u64,
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
    /// The approver's signature of the override, when one was required.
    pub approval: Option<Approval>,
    /// The outbox file written (of a thread: the first part's).
    pub outbox: String,
    /// The parts, when the text was cleared as a numbered thread (one record covers them
    /// all; `text_sha256` and the lengths above are of the whole text, `findings` and
    /// `overridden` carry their `part`). Absent for a single post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<Vec<PartRecord>>,
    /// Set when the rule files on disk failed to reload and the post was checked with the
    /// last good rules (those of `packs` and `rule_fingerprint`): the reload's errors, one
    /// per line. Absent when the rules in force were the files on disk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_error: Option<String>,
    /// SHA-256 of the previous line ([`GENESIS`] for the first).
    pub prev: String,
    /// The clearing officer's public key, hex (filled in by [`append`]).
    pub signer: String,
    /// SHA-256 of this line written with `"hash": ""` and `"sig": ""` (filled in by
    /// [`append`]).
    pub hash: String,
    /// Ed25519 signature of `tact-audit-v1:<hash>` by `signer`, hex (filled in by
    /// [`append`]).
    pub sig: String,
}

/// The fields an approver signs: what was overridden, why, for which text and rules.
pub const APPROVED_FIELDS: [&str; 6] = [
    "account",
    "justification",
    "overridden",
    "platform",
    "rule_fingerprint",
    "text_sha256",
];

/// The fields an approver signs taken from `record` (a record as JSON): those of
/// [`APPROVED_FIELDS`] (`null` when missing), and `thread` when the record has one (so the
/// digest of a single post is what it always was).
pub fn approved_fields(record: &serde_json::Map<String, Value>) -> serde_json::Map<String, Value> {
    let mut subset: serde_json::Map<String, Value> = APPROVED_FIELDS
        .iter()
        .map(|k| {
            (
                (*k).to_string(),
                record.get(*k).cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    if let Some(t) = record.get("thread").filter(|t| !t.is_null()) {
        // The parts' outbox names are not known when the approval is asked for.
        let mut t = t.clone();
        if let Value::Array(parts) = &mut t {
            for p in parts.iter_mut().filter_map(Value::as_object_mut) {
                p.remove("outbox");
            }
        }
        subset.insert("thread".into(), t);
    }
    subset
}

/// SHA-256 (hex) of [`approved_fields`] of `record` (a record as JSON): what an approver
/// signs, as `tact-approval-v1:<digest>`.
pub fn approval_digest(record: &serde_json::Map<String, Value>) -> String {
    sha256_hex(
        Value::Object(approved_fields(record))
            .to_string()
            .as_bytes(),
    )
}

/// The message signed for a record whose hash is `hash`.
pub fn record_message(hash: &str) -> String {
    format!("tact-audit-v1:{hash}")
}

/// The message an approver signs for an override whose digest is `digest`.
pub fn approval_message(digest: &str) -> String {
    format!("tact-approval-v1:{digest}")
}

/// SHA-256 of a record's JSON with `hash` and `sig` (when present) emptied.
pub fn own_hash(v: &serde_json::Map<String, Value>) -> String {
    let mut v = v.clone();
    v.insert("hash".into(), Value::from(""));
    if v.contains_key("sig") {
        v.insert("sig".into(), Value::from(""));
    }
    sha256_hex(Value::Object(v).to_string().as_bytes())
}

impl Record {
    /// The record of clearing `req` into `outbox` at `now` (`seq`, `prev`, `signer`, `hash`
    /// and `sig` are filled in by [`append`]).
    pub fn new(settings: &Settings, req: &Request, outbox: &Path, now: jiff::Timestamp) -> Record {
        let (findings, overridden, thread) = if req.thread.is_empty() {
            let overridden = match decide(true, &req.findings) {
                Gate::NeedsJustification { blocking } => {
                    blocking.into_iter().map(Into::into).collect()
                }
                _ => Vec::new(),
            };
            (
                req.findings.iter().map(Into::into).collect(),
                overridden,
                None,
            )
        } else {
            thread_records(req)
        };
        let justification = if overridden.is_empty() {
            None
        } else {
            req.justification.clone()
        };
        Record {
            seq: 0,
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
            findings,
            overridden,
            justification,
            approval: None,
            outbox: outbox.display().to_string(),
            thread,
            rules_error: req.rules_error.clone(),
            prev: String::new(),
            signer: String::new(),
            hash: String::new(),
            sig: String::new(),
        }
    }

    /// The approval digest of this record ([`approval_digest`]).
    pub fn approval_digest(&self) -> String {
        match serde_json::to_value(self) {
            Ok(Value::Object(m)) => approval_digest(&m),
            _ => unreachable!("a Record serializes to an object"),
        }
    }

    /// The record as one signed JSON line (no newline), with `seq`, `prev`, `signer`,
    /// `hash` and `sig` set.
    fn to_line(&self, seq: u64, prev: &str, key: &SigningKey) -> Result<String, PublishError> {
        let mut r = self.clone();
        r.seq = seq;
        r.prev = prev.to_string();
        r.signer = sign::public_hex(&key.verifying_key());
        let Value::Object(mut v) = serde_json::to_value(&r)? else {
            unreachable!("a Record serializes to an object")
        };
        let hash = own_hash(&v);
        v.insert(
            "sig".into(),
            Value::from(sign::sign_hex(key, &record_message(&hash))),
        );
        v.insert("hash".into(), Value::from(hash));
        Ok(Value::Object(v).to_string())
    }
}

/// The findings, the overridden (blocking) findings and the parts of a thread's request,
/// each finding with its part.
fn thread_records(
    req: &Request,
) -> (
    Vec<FindingRecord>,
    Vec<FindingRecord>,
    Option<Vec<PartRecord>>,
) {
    let mut findings = Vec::new();
    let mut overridden = Vec::new();
    let mut parts = Vec::new();
    for (i, p) in req.thread.iter().enumerate() {
        for f in &p.findings {
            findings.push(FindingRecord::in_part(f, i + 1));
            if f.severity == Severity::Block {
                overridden.push(FindingRecord::in_part(f, i + 1));
            }
        }
        parts.push(PartRecord {
            part: i + 1,
            text_sha256: sha256_hex(p.text.as_bytes()),
            text_bytes: p.text.len(),
            text_chars: p.text.chars().count(),
            outbox: String::new(),
        });
    }
    (findings, overridden, Some(parts))
}

/// Appends `record` to `log` (created if missing, with its folder), signed with `key`, under
/// an exclusive lock: `prev` is the SHA-256 of the current last line, `seq` one more than the
/// number of lines. One write of the complete line, fsynced; on failure the log is left as it
/// was. Returns the line written.
///
/// # Errors
/// The log cannot be locked, read or written; the message names the path.
pub fn append(log: &Path, record: &Record, key: &SigningKey) -> Result<String, PublishError> {
    let mut locked = LockedLog::open(log)?;
    append_locked(&mut locked, record, key, &mut lock::write_all)
}

/// [`append`] on a log already locked, with the writer `write`.
pub(crate) fn append_locked(
    locked: &mut LockedLog,
    record: &Record,
    key: &SigningKey,
    write: lock::WriteFn<'_>,
) -> Result<String, PublishError> {
    let prev = locked
        .last_line()
        .map_or_else(|| GENESIS.to_string(), |l| sha256_hex(l.as_bytes()));
    let seq = locked.records() as u64 + 1;
    let line = record.to_line(seq, &prev, key)?;
    locked.append(&line, write)?;
    Ok(line)
}
