//! The publish gate, the outbox and the audit log (DESIGN §11–12). Pure: no UI crates, so it
//! builds with `--no-default-features`.
//!
//! - [`gate`]: may this text be cleared, and what does the writer have to justify.
//! - [`audit`]: the append-only, hash-chained JSON Lines log and `tact audit verify`.
//! - [`clear`]: performs a clear: outbox file, then the audit record.

pub mod audit;
mod error;
pub mod gate;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use error::PublishError;

use crate::load::config::{Account, LoadedConfig};
use crate::model::Finding;

pub use audit::{Record, VerifyError, append, verify};
pub use gate::{Gate, decide, justification_ok};

/// Publish settings from `tact.toml` (`[publish]`, `author`, `[[account]]`), with paths
/// resolved against the config's folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Folder for cleared posts.
    pub outbox: PathBuf,
    /// The audit log (JSON Lines).
    pub audit_log: PathBuf,
    /// Least number of characters (Unicode scalar values, trimmed) of a justification.
    pub min_justification: usize,
    /// Author recorded in each publish record.
    pub author: Option<String>,
    /// The accounts this desk posts from.
    pub accounts: Vec<Account>,
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
        Settings {
            outbox: cfg.resolve(&p.outbox),
            audit_log: cfg.resolve(&p.audit_log),
            min_justification: p.min_justification,
            author: cfg.config.author.clone(),
            accounts: cfg.config.accounts.clone(),
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
    /// SHA-256 of the compiled rules ([`crate::engine::Engine::fingerprint`]).
    pub fingerprint: String,
    /// The findings of `text` at clearing time.
    pub findings: Vec<Finding>,
    /// Why the blocking findings are overridden (required when there are any).
    pub justification: Option<String>,
}

/// Clears `req`: writes `<outbox>/<UTC timestamp>-<platform>.txt`, then appends the publish
/// record to the audit log. Returns the outbox file.
///
/// # Errors
/// The outbox or the log cannot be written (the message names the path); the gate refuses
/// (blocking findings without a long enough justification); the post is empty
/// ([`PublishError::EmptyPost`]: nothing written).
pub fn clear(
    settings: &Settings,
    req: &Request,
    now: jiff::Timestamp,
) -> Result<PathBuf, PublishError> {
    if req.text.trim().is_empty() {
        return Err(PublishError::EmptyPost);
    }
    if let Gate::NeedsJustification { .. } = decide(true, &req.findings) {
        let j = req.justification.as_deref().unwrap_or("");
        if !justification_ok(j, settings.min_justification) {
            return Err(PublishError::Justification(settings.min_justification));
        }
    }
    let path = write_outbox(&settings.outbox, &req.text, &req.platform, now)?;
    let record = Record::new(settings, req, &path, now);
    append(&settings.audit_log, &record)?;
    Ok(path)
}

/// Writes `text` to a new file `<dir>/<YYYYMMDDTHHMMSSZ>-<platform>.txt` (a `-2`, `-3`…
/// suffix when it exists), fsynced; creates `dir` if needed.
///
/// # Errors
/// The folder cannot be created or the file written; the message names the path.
pub fn write_outbox(
    dir: &Path,
    text: &str,
    platform: &str,
    now: jiff::Timestamp,
) -> Result<PathBuf, PublishError> {
    fs::create_dir_all(dir).map_err(PublishError::io("create", dir))?;
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let platform: String = platform
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    for n in 1.. {
        let name = if n == 1 {
            format!("{stamp}-{platform}.txt")
        } else {
            format!("{stamp}-{platform}-{n}.txt")
        };
        let path = dir.join(name);
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        let mut file = match file {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            r => r.map_err(PublishError::io("write", &path))?,
        };
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(PublishError::io("write", &path))?;
        return Ok(path);
    }
    unreachable!("an unused outbox name exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_post_is_never_cleared_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings {
            outbox: dir.path().join("outbox"),
            audit_log: dir.path().join("audit.jsonl"),
            ..Settings::default()
        };
        let req = Request {
            text: " \n\t ".into(),
            platform: "x".into(),
            account: None,
            packs: Vec::new(),
            fingerprint: String::new(),
            findings: Vec::new(),
            justification: None,
        };
        let err = clear(&settings, &req, jiff::Timestamp::UNIX_EPOCH).unwrap_err();
        assert!(matches!(err, PublishError::EmptyPost), "{err}");
        assert!(!settings.outbox.exists());
        assert!(!settings.audit_log.exists());
        let req = Request {
            text: "Talks today.".into(),
            ..req
        };
        let path = clear(&settings, &req, jiff::Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(fs::read_to_string(path).unwrap(), "Talks today.");
        assert!(settings.audit_log.exists());
    }
}
