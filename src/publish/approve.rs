//! A second approver (`[publish] require-approval = "block"`, `approvers = [...]`).
//!
//! The local flow, through a folder both people can reach (`approvals/` beside the audit log):
//!
//! 1. The officer clears a post with blocking findings and a justification. tact writes the
//!    request `approvals/<digest>.request.json` (the text, the overridden findings, the
//!    justification) and refuses, naming the approvers.
//! 2. An approver runs `tact audit approve`: it shows each pending request, and on `y` signs
//!    `tact-approval-v1:<digest>` with the approver's own key, writing
//!    `approvals/<digest>.approval.json`.
//! 3. The officer clears again: the approval is checked (a valid signature by a principal in
//!    `approvers`, found in the allowed signers) and goes into the audit record beside the
//!    officer's own signature; the request and the approval files are then removed.
//!
//! The digest ([`super::audit::approval_digest`]) covers the text's SHA-256, the platform, the
//! account, the rule fingerprint, the overridden findings and the justification: an approval
//! of one text or justification does not clear another.

use std::fs;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use serde_json::{Map, Value};

use super::audit::{
    Approval, Record, approval_digest, approval_message, approved_fields, sha256_hex,
};
use super::sign::{self, Signers};
use super::{PublishError, Request, Settings};
use crate::text::strict_json;

/// A request waiting for an approver.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The request file.
    pub path: PathBuf,
    /// The post.
    pub text: String,
    /// The signed fields ([`APPROVED_FIELDS`](super::audit::APPROVED_FIELDS), and `thread` for a thread).
    pub fields: Map<String, Value>,
    /// Who asked (`author` of the officer's config).
    pub author: Option<String>,
    /// The digest an approval signs (recomputed from `fields`, never read from the file).
    pub digest: String,
}

fn file(settings: &Settings, digest: &str, kind: &str) -> PathBuf {
    settings
        .approvals
        .join(format!("{}.{kind}.json", &digest[..16]))
}

/// The approval `record` needs: a valid one found in the approvals folder, else the request is
/// written there and the error says who must approve.
///
/// # Errors
/// No approver is configured; no valid approval yet (the message names the approvers and
/// the request file); an approval file is invalid; files cannot be read or written.
pub fn required(
    settings: &Settings,
    req: &Request,
    record: &Record,
) -> Result<Approval, PublishError> {
    if settings.approvers.is_empty() {
        return Err(PublishError::NoApprovers);
    }
    let digest = record.approval_digest();
    if let Some(a) = find(settings, &digest)? {
        return Ok(a);
    }
    let path = write_request(settings, req, record, &digest)?;
    Err(PublishError::NeedsApproval {
        approvers: settings.approvers.join(" or "),
        request: path,
    })
}

/// The approval of `digest` in the approvals folder, if there is one, checked.
///
/// # Errors
/// The file is malformed, its signature is invalid, or its signer is not an approver.
pub fn find(settings: &Settings, digest: &str) -> Result<Option<Approval>, PublishError> {
    let path = file(settings, digest, "approval");
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(PublishError::io("read", &path)(e)),
    };
    let bad = |why: String| PublishError::invalid(&path, why);
    let v = strict_json::parse_object(text.trim()).map_err(bad)?;
    let a: Approval = serde_json::from_value(Value::Object(v)).map_err(|e| bad(e.to_string()))?;
    sign::verify_hex(&a.signer, &approval_message(digest), &a.sig).map_err(bad)?;
    let signers = Signers::read(&settings.keys.allowed_signers)?;
    let who = signers
        .principal(&a.signer)
        .ok_or_else(|| bad("signed by a key that is not in the allowed signers".into()))?;
    if !settings.approvers.iter().any(|p| p == who) {
        return Err(bad(format!(
            "signed by {who}, who is not among the approvers ({})",
            settings.approvers.join(", ")
        )));
    }
    Ok(Some(a))
}

fn write_request(
    settings: &Settings,
    req: &Request,
    record: &Record,
    digest: &str,
) -> Result<PathBuf, PublishError> {
    let Value::Object(all) = serde_json::to_value(record)? else {
        unreachable!("a Record serializes to an object")
    };
    let fields: Map<String, Value> = approved_fields(&all);
    let body = serde_json::json!({
        "text": req.text,
        "fields": fields,
        "author": settings.author,
    });
    fs::create_dir_all(&settings.approvals)
        .map_err(PublishError::io("create", &settings.approvals))?;
    let path = file(settings, digest, "request");
    fs::write(&path, format!("{body}\n")).map_err(PublishError::io("write", &path))?;
    Ok(path)
}

/// Reads a request file, recomputing its digest and checking its text against the signed
/// text hash.
///
/// # Errors
/// The file cannot be read, is malformed, or its text does not match `text_sha256`.
pub fn read_request(path: &Path) -> Result<Pending, PublishError> {
    let text = fs::read_to_string(path).map_err(PublishError::io("read", path))?;
    let bad = |why: &str| PublishError::invalid(path, why);
    let v = strict_json::parse_object(text.trim()).map_err(|e| bad(&e))?;
    let post = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no `text`"))?;
    let Some(Value::Object(fields)) = v.get("fields") else {
        return Err(bad("no `fields` object"));
    };
    if fields.get("text_sha256").and_then(Value::as_str) != Some(&sha256_hex(post.as_bytes())) {
        return Err(bad("the text does not match its `text_sha256`"));
    }
    Ok(Pending {
        path: path.to_path_buf(),
        text: post.to_string(),
        digest: approval_digest(fields),
        fields: fields.clone(),
        author: v.get("author").and_then(Value::as_str).map(str::to_string),
    })
}

/// The requests in the approvals folder that have no approval yet, oldest name first.
///
/// # Errors
/// The folder or a request cannot be read.
pub fn pending(settings: &Settings) -> Result<Vec<Pending>, PublishError> {
    let dir = &settings.approvals;
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(PublishError::io("read", dir)(e)),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".request.json"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let r = read_request(&p)?;
        if !file(settings, &r.digest, "approval").exists() {
            out.push(r);
        }
    }
    Ok(out)
}

/// Signs `request` with the approver's `key` and writes the approval file; returns it.
///
/// # Errors
/// The key is not in the allowed signers under a name in `approvers`; the file cannot be
/// written.
pub fn approve(
    settings: &Settings,
    request: &Pending,
    key: &SigningKey,
) -> Result<PathBuf, PublishError> {
    let signer = sign::public_hex(&key.verifying_key());
    let signers = Signers::read(&settings.keys.allowed_signers)?;
    let who = signers.principal(&signer).ok_or_else(|| {
        PublishError::invalid(
            &settings.keys.allowed_signers,
            format!(
                "your key ({}…) is not in these allowed signers: ask whoever keeps the file to add your line",
                &signer[..16]
            ),
        )
    })?;
    if !settings.approvers.iter().any(|p| p == who) {
        return Err(PublishError::invalid(
            &settings.keys.allowed_signers,
            format!(
                "{who} is not among the approvers ({}) in tact.toml: only they can approve an override",
                settings.approvers.join(", ")
            ),
        ));
    }
    let a = Approval {
        sig: sign::sign_hex(key, &approval_message(&request.digest)),
        signer,
    };
    let path = file(settings, &request.digest, "approval");
    fs::write(&path, format!("{}\n", serde_json::to_string(&a)?))
        .map_err(PublishError::io("write", &path))?;
    Ok(path)
}

/// Removes the request and approval of `digest` once the record is written (best effort: a
/// left-over file is harmless, an approval only matches its own text and justification).
pub fn consume(settings: &Settings, digest: &str) {
    for kind in ["request", "approval"] {
        let _ = fs::remove_file(file(settings, digest, kind));
    }
}
