//! Why clearing, signing or approving failed: the gate refused, a key or an approval is not
//! valid, or a file could not be written.

use std::path::PathBuf;

/// An error of [`super::clear`], [`super::audit::append`], [`super::sign`] or
/// [`super::approve`]. The message names the path, includes the system's reason and, where
/// there is one, says what to do.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The post has no visible character (empty, whitespace, zero-width characters): nothing
    /// is cleared, no file or record written.
    #[error("the post is empty: there is nothing to clear (no visible character)")]
    EmptyPost,
    /// Blocking findings and no justification of the least length (visible characters).
    #[error("blocking findings need a justification of at least {0} visible characters")]
    Justification(usize),
    /// `require-approval = "block"` but no approver is named.
    #[error(
        "`require-approval = \"block\"` but `[publish] approvers` names nobody: add the approvers' names (as in the allowed-signers file) to tact.toml"
    )]
    NoApprovers,
    /// The override needs an approver's signature; the request was written for them.
    #[error(
        "blocking findings need an approver's signature ({approvers}): ask one of them to run `tact audit approve` (request {}), then clear again",
        request.display()
    )]
    NeedsApproval {
        /// The approvers, joined with " or ".
        approvers: String,
        /// The request file written for them.
        request: PathBuf,
    },
    /// A key, allowed-signers, request or approval file is not valid, or an approval is
    /// refused (its signer is not an approver).
    #[error("{}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        reason: String,
    },
    /// The system has no randomness to create a key.
    #[error("cannot create a signing key: no system randomness: {0}")]
    Randomness(String),
    /// A file or folder could not be read, created, opened, locked or written.
    #[error("cannot {action} {}: {cause}", path.display())]
    Io {
        /// `read`, `create`, `open`, `lock` or `write`.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        cause: std::io::Error,
    },
    /// The signing key could not be read.
    #[error(
        "cannot read the signing key {}: {cause} (set `[publish] signing-key` in tact.toml to a key file, or remove it to use the default key)",
        path.display()
    )]
    Key {
        /// The key file.
        path: PathBuf,
        /// The system's reason.
        cause: std::io::Error,
    },
    /// The audit log ends in an incomplete line.
    #[error(
        "{} ends in an incomplete line (a write was cut off): run `tact audit verify`, and move the log aside to start a new one",
        path.display()
    )]
    IncompleteLog {
        /// The log.
        path: PathBuf,
    },
    /// Appending to the log failed; the log was truncated back to its length before.
    #[error("cannot write {} (nothing was recorded; the log is unchanged): {cause}", path.display())]
    Append {
        /// The log.
        path: PathBuf,
        /// The system's reason.
        cause: std::io::Error,
    },
    /// The record was written but the outbox file could not be moved into place.
    #[error("recorded in {}, but cannot write {}: {cause}", log.display(), path.display())]
    Outbox {
        /// The audit log that holds the record.
        log: PathBuf,
        /// The outbox file.
        path: PathBuf,
        /// The system's reason.
        cause: std::io::Error,
    },
    /// The publish record could not be serialised.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl PublishError {
    /// A closure that wraps an I/O error of `action` on `path` (for `map_err`).
    pub(crate) fn io(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> PublishError {
        let path = path.to_path_buf();
        move |cause| PublishError::Io {
            action,
            path,
            cause,
        }
    }

    /// A [`PublishError::Invalid`] of `path`.
    pub(crate) fn invalid(path: &std::path::Path, reason: impl Into<String>) -> PublishError {
        PublishError::Invalid {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}
