//! The publish gate, the outbox and the audit log (DESIGN §11–12). Pure: no UI crates, so it
//! builds with `--no-default-features`.
//!
//! - [`gate`]: may this text be cleared, and what does the writer have to justify.
//! - [`audit`]: the append-only, hash-chained, signed JSON Lines log.
//! - [`verify`]: `tact audit verify` and head checkpoints.
//! - [`sign`]: signing keys and allowed signers; [`approve`]: a second approver's signature.
//! - [`lock`]: the log under an exclusive lock, appended in one write.
//! - [`clear`]: performs a clear: the audit record, then the outbox file.

pub mod approve;
pub mod audit;
mod error;
pub mod gate;
pub mod lock;
pub mod sign;
pub mod verify;

use std::fs;
use std::path::{Path, PathBuf};

pub use error::PublishError;

use crate::load::config::{Account, LoadedConfig, RequireApproval};
use crate::model::Finding;

pub use audit::{Record, append};
pub use gate::{Gate, decide, justification_ok};
pub use verify::{Checkpoint, Verified, VerifyError, verify};

/// Publish settings from `tact.toml` (`[publish]`, `author`, `[[account]]`), with paths
/// resolved against the config's folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Folder for cleared posts.
    pub outbox: PathBuf,
    /// The audit log (JSON Lines).
    pub audit_log: PathBuf,
    /// Least number of visible characters of a justification ([`gate::justification_len`]).
    pub min_justification: usize,
    /// Author recorded in each publish record.
    pub author: Option<String>,
    /// The accounts this desk posts from.
    pub accounts: Vec<Account>,
    /// The signing key and the allowed signers.
    pub keys: sign::Keys,
    /// Principals who may approve an override.
    pub approvers: Vec<String>,
    /// Whether an override of blocking findings needs an approver's signature.
    pub require_approval: bool,
    /// Folder of pending approval requests and approvals (`approvals/` beside the log).
    pub approvals: PathBuf,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(&LoadedConfig::default())
    }
}

impl Settings {
    /// The settings of `cfg`, paths resolved against its folder.
    pub fn from_config(cfg: &LoadedConfig) -> Settings {
        let p = &cfg.config.publish;
        let audit_log = cfg.resolve(&p.audit_log);
        let user = sign::user_dir().unwrap_or_else(|| cfg.base_dir().join(".tact"));
        let keys = sign::Keys {
            key: p
                .signing_key
                .as_deref()
                .map_or_else(|| user.join("signing-key"), |k| cfg.resolve(k)),
            create: p.signing_key.is_none(),
            allowed_signers: p
                .allowed_signers
                .as_deref()
                .map_or_else(|| user.join("allowed-signers"), |k| cfg.resolve(k)),
            principal: sign::default_principal(cfg.config.author.as_deref()),
        };
        Settings {
            outbox: cfg.resolve(&p.outbox),
            approvals: audit_log
                .parent()
                .unwrap_or(Path::new("."))
                .join("approvals"),
            audit_log,
            min_justification: p.min_justification,
            author: cfg.config.author.clone(),
            accounts: cfg.config.accounts.clone(),
            keys,
            approvers: p.approvers.clone(),
            require_approval: p.require_approval == RequireApproval::Block,
        }
    }
}

/// Everything a clear records: the text, where it goes, what the rules said, and the
/// writer's justification for overriding blocking findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The post.
    pub text: String,
    /// Platform id (`x`, …).
    pub platform: String,
    /// The account posted from, if accounts are configured.
    pub account: Option<Account>,
    /// `(pack id, version)` of the rules in force.
    pub packs: Vec<(String, String)>,
    /// SHA-256 of the compiled rules ([`crate::check::Engine::fingerprint`]).
    pub fingerprint: String,
    /// The findings of `text` at clearing time.
    pub findings: Vec<Finding>,
    /// Why the blocking findings are overridden (required when there are any).
    pub justification: Option<String>,
    /// The parts of a thread, in order, when `text` is cleared as a numbered thread (empty:
    /// `text` is one post). Each part is posted as it is here, numbering included, and
    /// `findings` are then empty: the findings are each part's own.
    pub thread: Vec<PostPart>,
    /// Why the rule files on disk failed to reload, when they did: the post was then
    /// checked with the last good rules (`packs` and `fingerprint` are theirs), and the
    /// record says so. `None` when the rules in force are the files on disk.
    pub rules_error: Option<String>,
}

/// One part of a thread being cleared ([`Request::thread`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PostPart {
    /// The part as it is posted, with its ` i/n` numbering.
    pub text: String,
    /// The findings of this part as posted (spans into `text`).
    pub findings: Vec<Finding>,
}

impl Request {
    /// The texts posted, in order: the parts of a thread, or the one text.
    pub fn posts(&self) -> Vec<&str> {
        if self.thread.is_empty() {
            vec![self.text.as_str()]
        } else {
            self.thread.iter().map(|p| p.text.as_str()).collect()
        }
    }
}

/// Clears `req`: checks the justification (and the approval, when required), signs and
/// appends the publish record to the audit log under its lock, then moves the text (already
/// written and fsynced to a temporary file in the outbox) to
/// `<outbox>/<UTC timestamp>-<platform>.txt`. A thread ([`Request::thread`]) is one
/// decision: one record covering every part, and one outbox file per part,
/// `<UTC timestamp>-<platform>-1of4.txt` … in order. A failure before the record is written
/// leaves the log and the outbox as they were. Returns the outbox file (of a thread, the
/// first part's; [`clear_all`] returns every file).
///
/// # Errors
/// The gate refuses (blocking findings without a long enough justification, or without an
/// approver's signature when one is required: the request is then written for
/// `tact audit approve` and the message says so); the post is empty
/// ([`PublishError::EmptyPost`]: nothing written); the signing key is not in the allowed
/// signers (its records would not verify: nothing written); the key, the outbox or the log
/// cannot be read or written (the message names the path).
pub fn clear(
    settings: &Settings,
    req: &Request,
    now: jiff::Timestamp,
) -> Result<PathBuf, PublishError> {
    let mut files = clear_all(settings, req, now)?;
    Ok(files.swap_remove(0))
}

/// [`clear`], returning every outbox file written, in order (one per part of a thread).
///
/// # Errors
/// As [`clear`]; an empty part of a thread is [`PublishError::EmptyPost`].
pub fn clear_all(
    settings: &Settings,
    req: &Request,
    now: jiff::Timestamp,
) -> Result<Vec<PathBuf>, PublishError> {
    clear_with(settings, req, now, &mut lock::write_all)
}

/// [`clear_all`] with the writer `write` of the outbox files and the log record (tests inject
/// a full disk here).
pub(crate) fn clear_with(
    settings: &Settings,
    req: &Request,
    now: jiff::Timestamp,
    write: lock::WriteFn<'_>,
) -> Result<Vec<PathBuf>, PublishError> {
    let posts = req.posts();
    if gate::is_empty_post(&req.text) || posts.iter().any(|p| gate::is_empty_post(p)) {
        return Err(PublishError::EmptyPost);
    }
    let mut record = Record::new(settings, req, Path::new(""), now);
    if !record.overridden.is_empty() {
        let j = req.justification.as_deref().unwrap_or("");
        if !justification_ok(j, settings.min_justification) {
            return Err(PublishError::Justification(settings.min_justification));
        }
        if settings.require_approval {
            record.approval = Some(approve::required(settings, req, &record)?);
        }
    }
    let key = sign::load_or_create(&settings.keys)?;
    sign::allowed(&settings.keys, &key)?;
    let dir = &settings.outbox;
    fs::create_dir_all(dir).map_err(PublishError::io("create", dir))?;
    let mut tmps = Vec::with_capacity(posts.len());
    for post in &posts {
        tmps.push(outbox_temp(dir, post, write)?);
    }
    let mut log = lock::LockedLog::open(&settings.audit_log)?;
    let paths = free_outbox_names(dir, &req.platform, now, posts.len());
    record.outbox = paths[0].display().to_string();
    if let Some(parts) = &mut record.thread {
        for (p, path) in parts.iter_mut().zip(&paths) {
            p.outbox = path.display().to_string();
        }
    }
    audit::append_locked(&mut log, &record, &key, write)?;
    if record.approval.is_some() {
        approve::consume(settings, &record.approval_digest());
    }
    for (tmp, path) in tmps.into_iter().zip(&paths) {
        tmp.persist_noclobber(path)
            .map_err(|e| PublishError::Outbox {
                log: settings.audit_log.clone(),
                path: path.clone(),
                cause: e.error,
            })?;
    }
    Ok(paths)
}

/// `text` written with `write` and fsynced to a temporary file in the outbox folder `dir`
/// (removed again if that fails).
fn outbox_temp(
    dir: &Path,
    text: &str,
    write: lock::WriteFn<'_>,
) -> Result<tempfile::NamedTempFile, PublishError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tact-outbox-");
    // The outbox file takes the mode the umask allows (0666 minus the umask: open(2)
    // applies it), as a file written the ordinary way does, not the temporary's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(PublishError::io("write in", dir))?;
    write(tmp.as_file_mut(), text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(PublishError::io("write in", dir))?;
    Ok(tmp)
}

/// The first free set of outbox names for `n` posts:
/// `<dir>/<YYYYMMDDTHHMMSSZ>-<platform>[-K].txt` for one, and
/// `<dir>/<YYYYMMDDTHHMMSSZ>-<platform>[-K]-<i>of<n>.txt` for the parts of a thread (the
/// same `K` for every part, the first for which none of the names exists).
fn free_outbox_names(dir: &Path, platform: &str, now: jiff::Timestamp, n: usize) -> Vec<PathBuf> {
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let platform: String = platform
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (1..)
        .map(|k| {
            let base = if k == 1 {
                format!("{stamp}-{platform}")
            } else {
                format!("{stamp}-{platform}-{k}")
            };
            match n {
                1 => vec![dir.join(format!("{base}.txt"))],
                _ => (1..=n)
                    .map(|i| dir.join(format!("{base}-{i}of{n}.txt")))
                    .collect::<Vec<_>>(),
            }
        })
        .find(|names| names.iter().all(|p| fs::symlink_metadata(p).is_err()))
        .expect("an unused outbox name exists")
}

#[cfg(test)]
mod tests;
